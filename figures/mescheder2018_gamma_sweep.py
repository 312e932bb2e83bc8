"""The gradient-penalty analogue of Figure 4b (Mescheder et al. 2018, Lemma 3.3,
eq. (8)): the eigenvalues ``−γ/2 ± sqrt(γ²/4 − f'(0)²)`` of the Jacobian at
the equilibrium as γ goes from 0 to 2γ_crit, γ_crit = 2|f'(0)| (= 1 for the
standard f). At γ = 0 they are ±i f'(0) (Lemma 2.2); at γ_crit a defective
double root; above, real. The γ-grid contains γ_crit and is quadratically refined towards it."""

import numpy as np

from figures._base import OWN, Figure, new_figure
from figures._dirac import eigen_traces, refined
from theory.dirac import equilibrium
from theory.dirac.activations import f_derivatives


def draw(seed: int = 0, quick: bool = False):
    _, f1, _ = f_derivatives("standard")
    crit = float(equilibrium.gamma_crit(f1))
    gamma = refined(0.0, crit, 2.0 * crit, 80 if quick else 200)
    lam = np.array([np.asarray(equilibrium.gradient_penalty_eigenvalues(f1, g)) for g in gamma])
    fig, ax = new_figure("single", 3.1)
    eigen_traces(ax, lam, gamma, crit, r"\gamma")
    ax.set_title(rf"Gradient penalty, $\gamma_{{\mathrm{{crit}}}} = {crit:.4g}$")
    return fig


FIGURES = [Figure(
    "mescheder2018_gamma_sweep",
    "Eigenvalues of the Jacobian of the Dirac-GAN gradient field at the equilibrium under the "
    "gradient penalty of weight γ (standard f, Lemma 3.3, eq. (8)), for γ from 0 to 2γ_crit with "
    "γ_crit = 2|f'(0)| = 1: ±i f'(0) at γ = 0, a complex pair with real part −γ/2 below "
    "γ_crit, a defective double root at γ_crit (cross), two negative reals above.",
    draw, paper_figure=OWN, width="single")]
