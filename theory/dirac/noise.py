"""Instance noise on the Dirac-GAN (Mescheder et al. 2018, Section 3.2, Lemma 3.2).

With noise N(0, σ²) on both distributions the Jacobian of the gradient vector
field at the equilibrium (0, 0) is ``[[0, -f'(0)], [f'(0), 2 f''(0) σ²]]``
(eq. (69)–(70), with erratum E3 fixed), whose eigenvalues are eq. (6):
``λ± = f''(0) σ² ± sqrt(f''(0)² σ⁴ − f'(0)²)``.
"""

import numpy as np


def jacobian_at_equilibrium(f1: float, f2: float, sigma: float) -> np.ndarray:
    """v'(0, 0) under instance noise σ (eq. (70)); f1 = f'(0), f2 = f''(0)."""
    return np.array([[0.0, -f1], [f1, 2.0 * f2 * sigma**2]])


def eigenvalues(f1: float, f2: float, sigma: float) -> np.ndarray:
    """Eq. (6): λ± = f2 σ² ± sqrt(f2² σ⁴ − f1²), as complex numbers."""
    root = np.sqrt(complex(f2**2 * sigma**4 - f1**2))
    return np.array([f2 * sigma**2 + root, f2 * sigma**2 - root])
