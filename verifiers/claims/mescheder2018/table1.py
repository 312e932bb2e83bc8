"""Table 1 of Mescheder et al. 2018 recomputed on the Dirac-GAN (``ganeq table mescheder2018``).

For every training method: the eigenvalues of the Jacobian at the equilibrium
and the verdict of simulated SimGD and AltGD (standard f unless the method
says otherwise, h = 0.1, 4·10⁴ steps from (0.05, 0.05); n_d = 1, WGAN and
WGAN-GP also n_d = 5). The "general" column is the Dirac-GAN itself, the
"a.c." column its Gaussian-smoothed version (σ = 1, see
:mod:`verifiers.dynamics.smoothing`). Nothing here is copied from the
paper: the paper's check marks are not in its extracted text and are not
printed. Cells the Dirac model cannot decide say so.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from theory.dirac import equilibrium
from theory.dirac.activations import f_derivatives
from theory.dirac.fields import DEFAULT_F
from verifiers import tolerances
from verifiers.dynamics import altgd, field, simgd
from verifiers.dynamics.smoothing import smoothed_field
from verifiers.dynamics.verdicts import classify

H, STEPS, EVERY = 0.1, 40_000, 10
X0 = (0.05, 0.05)
SIGMA_AC = 1.0

ROWS = (
    # label, method, hyper, extra AltGD n_d, clip
    ("unregularised", "gan", {}, (), np.inf),
    ("non-saturating (Lemma C.1; not a row of Table 1)", "nonsaturating", {}, (), np.inf),
    ("WGAN (|ψ| ≤ 1)", "wgan", {}, (5,), 1.0),
    ("WGAN-GP (γ = 1, g0 = 1)", "wgan_gp", {"gamma": 1.0, "g0": 1.0}, (5,), np.inf),
    ("DRAGAN (γ = 1, k = 1)", "dragan", {"gamma": 1.0, "k": 1.0}, (), np.inf),
    ("instance noise (σ = 1)", "instance_noise", {"sigma": 1.0}, (), np.inf),
    ("ConOpt (γ = 1)", "consensus", {"gamma": 1.0}, (), np.inf),
    ("Roth et al. GP (γ = 1)", "roth", {"gamma": 1.0}, (), np.inf),
    ("R1, real data only (γ = 1)", "gradient_penalty", {"gamma": 1.0}, (), np.inf),
    ("R2, fake data only (γ = 1)", "gradient_penalty", {"gamma": 1.0}, (), np.inf),
)
ONE_SIDED = {"wgan_gp", "dragan"}
UNDECIDABLE_AC = {"dragan": "the Dirac model cannot decide this cell: a linear critic cannot "
                            "have |∇D| = k where D ≡ 0 on the data"}


def _eig_text(lam, method) -> str:
    lam = np.asarray(lam, dtype=complex)
    if abs(lam[0] - lam[1]) < 2 * tolerances.DEFECTIVE_EIGEN:
        text = f"{lam[0].real:.4g} (double)"
    elif abs(lam[0].imag) > tolerances.DEFECTIVE_EIGEN:
        text = f"{lam[0].real:.4g} ± {abs(lam[0].imag):.4g}i"
    else:
        text = ", ".join(f"{z.real:.4g}" for z in sorted(lam, key=lambda z: z.real))
    return f"one-sided {text}" if method in ONE_SIDED else text


def general_eigenvalues(method, hyper):
    """Closed form (theory.dirac.equilibrium; WGAN-GP/DRAGAN: the one-sided smooth part)."""
    _, f1, f2 = f_derivatives(DEFAULT_F[method])
    return np.asarray(equilibrium.eigenvalues_at_equilibrium(method, f1, f2, hyper))


def ac_eigenvalues(method, hyper):
    """Eigenvalues of ``jax.jacfwd`` of the smoothed field at (0, 0) (one jitted Jacobian:
    evaluated op by op, the quadrature would compile each operation on its own)."""
    v = smoothed_field(method, SIGMA_AC)
    return np.linalg.eigvals(np.asarray(jax.jit(jax.jacfwd(v))(jnp.zeros(2), hyper)))


def simulate(v, hyper, clip, n_ds) -> str:
    """``SimGD: … | AltGD: …`` verdicts of :func:`~verifiers.dynamics.verdicts.classify`."""
    x0 = jnp.asarray(X0)
    parts = [f"SimGD: {classify(simgd(v, x0, hyper, H, STEPS, EVERY, clip), EVERY)}"]
    for n_d in (1, *n_ds):
        xs = altgd(v, x0, hyper, H, STEPS, 1, n_d, EVERY, clip)
        parts.append(f"AltGD(n_d={n_d}): {classify(xs, EVERY)}")
    return "; ".join(parts)


def table_rows() -> list[tuple[str, str, str, str, str]]:
    """(method, eig general, simulated general, eig a.c., simulated a.c.) per row."""
    rows = []
    for label, method, hyper, n_ds, clip in ROWS:
        general = simulate(field(method), hyper, clip, n_ds)
        ac = simulate(smoothed_field(method, SIGMA_AC), hyper, clip, n_ds)
        if method in UNDECIDABLE_AC:
            ac = f"{ac} ({UNDECIDABLE_AC[method]})"
        rows.append((label, _eig_text(general_eigenvalues(method, hyper), method), general,
                     _eig_text(ac_eigenvalues(method, hyper), method), ac))
    return rows


def table_markdown() -> str:
    """Table 1 as Markdown (computed now; takes ~10–30 s on a CPU)."""
    head = ("| method | eig v'(0), general | simulated, general | eig v'(0), a.c. (σ = 1) | "
            "simulated, a.c. |\n|---|---|---|---|---|")
    body = "\n".join("| " + " | ".join(r) + " |" for r in table_rows())
    notes = (
        f"\nSimulated from {X0} with h = {H}, {STEPS:,} steps; 'a.c.' smooths both "
        f"distributions by N(0, {SIGMA_AC:g}) with the linear critic kept. WGAN-GP and DRAGAN "
        "fields are discontinuous at ψ = 0: their eigenvalues are the one-sided smooth part, "
        "which does not decide stability (see ganeq.dirac.wgan_gp_spurious). R1 and R2 "
        "coincide on the Dirac-GAN. The paper's check marks are not reproduced here.")
    return f"Table 1 (Mescheder et al. 2018) recomputed on the Dirac-GAN\n\n{head}\n{body}\n{notes}"


TABLES = {"mescheder2018": table_markdown}
