"""Hsieh, Liu & Cevher 2019's sampling algorithms for GANs (Mirror-GAN, Algorithm 3;
Mirror-Prox-GAN, Algorithm 6) and the 2-D data sets of their §5.1."""

from theory import _config  # noqa: F401
from theory.mirror_gan import algorithms, data

__all__ = ["algorithms", "data"]
