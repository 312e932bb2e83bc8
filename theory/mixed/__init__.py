"""Mixed equilibria of the games with no pure one: the 1-D WGAN game of Farnia &
Ozdaglar (Thm 1) and the Dirac-GAN on a box (docs/derivations/hsieh2019.md)."""

from theory import _config  # noqa: F401
from theory.mixed import dirac_box, wgan1d

__all__ = ["dirac_box", "wgan1d"]
