"""Random instances of the proximal claims have the stated constants (mutation-run
survivor)."""

import numpy as np
import pytest

from verifiers.claims.farnia2020 import proximal


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_smooth_game_s_has_norm_one_with_both_signs(seed):
    """``_smooth_game``'s S has eigenvalues 1, s, −1 (|s| ≤ 1): ‖S‖₂ = 1 exactly, so
    ∇_w V is exactly η2-Lipschitz (the hypothesis η2 < λη1 is then the stated one)."""
    S = proximal._smooth_game(seed)[0]
    eig = np.linalg.eigvalsh(S)
    assert eig[0] == pytest.approx(-1.0, abs=1e-12) and eig[-1] == pytest.approx(1.0, abs=1e-12)
