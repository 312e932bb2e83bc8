"""Exact decisions about float matrices, in rational arithmetic (every binary64 number is a
rational, so nothing is rounded): positive (semi-)definiteness, full column rank, and
whether the largest eigenvalue of a symmetric matrix exceeds a float threshold."""

from __future__ import annotations

from fractions import Fraction

import numpy as np


def rational(M) -> list[list[Fraction]]:
    """The float matrix ``M`` as a list of rows of exact fractions."""
    return [[Fraction(float(x)) for x in row] for row in np.asarray(M, dtype=float)]


def is_psd_rational(A: list[list[Fraction]], strict: bool = False) -> bool:
    """Whether the symmetric rational matrix A is positive semi-definite (``strict``:
    positive definite): symmetric Gaussian elimination; a negative pivot, or a zero pivot
    with a nonzero rest of its row, means not ⪰ 0 (a 2×2 principal minor ``[[0, b], [b,
    c]]`` has determinant −b² < 0); ≻ 0 iff every pivot is positive (Sylvester). ``A`` is
    modified."""
    n = len(A)
    for k in range(n):
        pivot = A[k][k]
        if pivot < 0 or (pivot == 0 and (strict or any(A[k][j] != 0 for j in range(k + 1, n)))):
            return False
        if pivot == 0:
            continue
        for i in range(k + 1, n):
            factor = A[i][k] / pivot
            for j in range(k + 1, n):
                A[i][j] -= factor * A[k][j]
    return True


def is_psd(M, strict: bool = False) -> bool:
    """Whether the symmetric float matrix M is ⪰ 0 (``strict``: ≻ 0), decided exactly."""
    return is_psd_rational(rational(M), strict)


def lambda_max_exceeds(M, c: float) -> bool:
    """Whether ``λ_max(M) > c`` for the symmetric float matrix M, decided exactly:
    ``λ_max(M) ≤ c`` iff ``c I − M ⪰ 0`` (the eigenvalues of ``c I − M`` are ``c − λ_i``)."""
    A = rational(M)
    c = Fraction(float(c))
    return not is_psd_rational([[(c if i == j else 0) - a for j, a in enumerate(row)]
                                for i, row in enumerate(A)])


def has_full_column_rank(B) -> bool:
    """Whether the float matrix B (m×n) has rank n, decided exactly (rational elimination)."""
    A = rational(B)
    m, n = len(A), len(A[0])
    row = 0
    for col in range(n):
        pivot = next((r for r in range(row, m) if A[r][col] != 0), None)
        if pivot is None:
            return False
        A[row], A[pivot] = A[pivot], A[row]
        for r in range(row + 1, m):
            factor = A[r][col] / A[row][col]
            for c in range(col, n):
                A[r][c] -= factor * A[row][c]
        row += 1
    return True
