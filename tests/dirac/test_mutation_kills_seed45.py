"""Gaps found by the mutation samples of seeds 45 and 46 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import numpy as np
import pytest

from theory.dirac import equilibrium
from verifiers.dirac import checks


@pytest.mark.parametrize("method", ["gan", "gradient_penalty"])
def test_wrong_closed_form_eigenvalues_show_in_the_discrepancy(monkeypatch, method):
    """``equilibrium_spectrum``'s discrepancy is the larger of the Jacobian's relative error
    and the characteristic-polynomial residual of the closed-form eigenvalues: eigenvalues
    scaled by 1 + 10⁻³ with a right Jacobian give a discrepancy near 10⁻³ (seed 46, #15:
    ``min`` of the two reported the Jacobian's 1e-16)."""
    real = equilibrium.eigenvalues_at_equilibrium
    monkeypatch.setattr(equilibrium, "eigenvalues_at_equilibrium",
                        lambda *a, **k: (1.0 + 1e-3) * np.asarray(real(*a, **k)))
    out = checks.equilibrium_spectrum(method, "standard", {"gamma": 1.0})
    assert out["discrepancy"] > 1e-4
