"""Figure 2 of Mescheder et al. 2018: SimGD and AltGD on the unregularised
Dirac-GAN (standard f). SimGD spirals away from the equilibrium (Lemma 2.4:
the norm grows at every step); AltGD circles it (Lemma 2.5, |α| < 2)."""

from figures._base import Figure, new_figure
from figures._dirac import phase_portrait, portrait_legend, trajectory
from verifiers.dynamics import field

X0, H, LIM = (1.0, 1.0), 0.1, 3.0


def draw(seed: int = 0, quick: bool = False):
    v = field("gan")
    steps = 600 if quick else 1200
    fig, axes = new_figure("double", 3.9, 1, 2)
    for ax, alg, title in zip(axes, ("simgd", "altgd"), ("(a) Simultaneous GD",
                                                         "(b) Alternating GD"), strict=True):
        xs = trajectory(v, {}, X0, H, steps, alg)
        phase_portrait(ax, v, {}, xs, LIM, 15 if quick else 25, f"{title}, $h = {H}$")
    portrait_legend(fig)
    return fig


FIGURES = [Figure(
    "mescheder2018_fig2",
    "Gradient descent on the unregularised Dirac-GAN (standard f, step h = 0.1, "
    "1200 steps from (θ, ψ) = (1, 1)) over its gradient vector field. (a) Simultaneous "
    "updates spiral away from the equilibrium: the distance grows at every step (Lemma 2.4). "
    "(b) Alternating updates circle it without converging (Lemma 2.5).",
    draw, paper_figure="Mescheder et al. 2018, Figure 2", width="double")]
