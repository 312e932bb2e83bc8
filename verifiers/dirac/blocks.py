"""Block matrices ``J = [[−P, −Bᵀ], [B, −Q]]`` of Appendix A.3 as claim
parameters: random draws (public, also behind ``verifiers.strategies``) and
validation of user-supplied P, B, Q."""

from __future__ import annotations

import numpy as np

from verifiers.dirac.routes import pow2
from verifiers.exact import has_full_column_rank, is_psd
from verifiers.params import Matrix, Param

SYMMETRY = 1e-12
"""Relative asymmetry ``max|M − Mᵀ| / (1 + max|M|)`` accepted as symmetric."""


def random_spd(rng: np.random.Generator, m: int, log_cond: float = 4.0) -> np.ndarray:
    """Symmetric positive definite, condition number ≤ e^log_cond."""
    q, _ = np.linalg.qr(rng.standard_normal((m, m)))
    return (q * np.exp(rng.uniform(0.0, log_cond, m))) @ q.T


def random_psd(rng: np.random.Generator, n: int) -> np.ndarray:
    """Symmetric positive semi-definite of random rank 0..n (zero included)."""
    rank = int(rng.integers(0, n + 1))
    A = rng.standard_normal((n, rank))
    return A @ A.T


def random_blocks(rng: np.random.Generator, max_n: int = 3, max_m: int = 4) -> dict:
    """``{"P", "B", "Q"}`` with P ⪰ 0 (n×n), Q ≻ 0 (m×m), B (m×n) Gaussian,
    1 ≤ n ≤ max_n, max(n, 2) ≤ m ≤ max_m (so B has full column rank a.s.)."""
    n = int(rng.integers(1, max_n + 1))
    m = int(rng.integers(max(n, 2), max_m + 1))
    return {"P": random_psd(rng, n), "B": rng.standard_normal((m, n)), "Q": random_spd(rng, m)}


def random_symmetric_blocks(rng: np.random.Generator, max_n: int = 3, max_m: int = 4) -> dict:
    """``{"P", "B", "Q"}`` with P, Q symmetric of any sign and B Gaussian (Lemma A.9)."""
    n, m = int(rng.integers(1, max_n + 1)), int(rng.integers(1, max_m + 1))
    P, Q = rng.standard_normal((n, n)), rng.standard_normal((m, m))
    return {"P": P + P.T, "B": rng.standard_normal((m, n)), "Q": Q + Q.T}


def random_blocks_any(rng: np.random.Generator) -> dict:
    """Half the draws from :func:`random_blocks` (hypotheses of Theorems A.7/A.8 met),
    half from :func:`random_symmetric_blocks` (P, Q of any sign, m < n possible): the
    sampling box of a claim whose hypotheses some matrices miss."""
    return random_blocks(rng) if rng.uniform() < 0.5 else random_symmetric_blocks(rng)


def _matrix(name: str, value, symmetric: bool) -> np.ndarray:
    try:
        M = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a numeric matrix") from None
    if M.ndim != 2 or M.size == 0 or (symmetric and M.shape[0] != M.shape[1]):
        kind = "a non-empty square matrix" if symmetric else "a non-empty 2-D matrix"
        raise ValueError(f"{name} has shape {M.shape}; admissible: {kind}")
    if not np.all(np.isfinite(M)):
        raise ValueError(
            f"{name}={M.tolist()!r} has non-finite entries; admissible: finite numbers"
        )
    if symmetric and np.max(np.abs(M - M.T)) > SYMMETRY * (1.0 + np.max(np.abs(M))):
        raise ValueError(f"{name}={M.tolist()!r} is not symmetric; admissible: a symmetric matrix")
    return M


def block_params(P=None, B=None, Q=None, draw=random_blocks) -> list[Param]:
    """Array parameters P (symmetric n×n), B (m×n), Q (symmetric m×m); the
    draws share one random instance per seed through ``draw``."""
    defaults = {
        "P": [[0.5, 0.0], [0.0, 0.0]],
        "B": [[1.0, 0.2], [0.5, -1.0], [0.0, 0.3]],
        "Q": [[2.0, 0.3, 0.0], [0.3, 1.0, 0.1], [0.0, 0.1, 0.5]],
    }
    docs = {
        "P": "a symmetric n x n matrix (JSON)",
        "B": "an m x n matrix (JSON)",
        "Q": "a symmetric m x m matrix (JSON)",
    }
    chosen = {"P": P, "B": B, "Q": Q}
    return [
        Matrix(
            k,
            chosen[k] if chosen[k] is not None else defaults[k],
            doc=docs[k],
            validate=lambda v, k=k: _matrix(k, v, k != "B"),
            draw=lambda rng, k=k: draw(rng)[k],
        )
        for k in ("P", "B", "Q")
    ]


def _psd_within_rounding(P) -> bool:
    """``λmin(P) ≥ −4 n eps ‖P‖_F``: P ⪰ 0 up to the rounding of the float matrix that was
    meant to be PSD (e.g. a rounded ``A Aᵀ`` of low rank). Theorem A.8's conclusion moves
    by at most as much, which the eigenvalue error bounds absorb."""
    P = np.asarray(P, dtype=float)
    P = P / pow2(P)  # exact; avoids overflow in the norm
    return bool(np.linalg.eigvalsh(P)[0] >= -4 * P.shape[0] * np.finfo(float).eps
                * np.linalg.norm(P))


def hypotheses(P, B, Q, p_psd: bool = True) -> str | None:
    """The first unmet hypothesis of Theorems A.7/A.8 (P ⪰ 0 when ``p_psd`` and P is
    given, Q ≻ 0, B of full column rank), decided exactly (P ⪰ 0 also up to rounding);
    ``None`` if all hold."""
    if P is not None and p_psd and not (is_psd(P) or _psd_within_rounding(P)):
        return "P positive semi-definite"
    if not is_psd(Q, strict=True):
        return "Q positive definite"
    if not has_full_column_rank(B):
        return "B of full column rank"
    return None


def require_shapes(params: dict) -> None:
    """``ValueError`` unless B is m×n with P n×n and Q m×m."""
    B = params["B"]
    n, m = B.shape[1], B.shape[0]
    if "P" in params and params["P"].shape != (n, n):
        raise ValueError(
            f"P has shape {params['P'].shape}; admissible: ({n}, {n}) to match B {B.shape}"
        )
    if params["Q"].shape != (m, m):
        raise ValueError(
            f"Q has shape {params['Q'].shape}; admissible: ({m}, {m}) to match B {B.shape}"
        )
