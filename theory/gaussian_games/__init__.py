"""Gaussian games with a linear generator (Farnia & Ozdaglar 2020, Proposition 1,
Theorem 1, Remark 1): f-GAN, W2GAN (c-concave and quadratic D), 1-D WGAN;
values, best responses and Nash gaps in closed form (docs/derivations/farnia2020.md).

Submodules and names are loaded on first use (PEP 562), so importing one game does not
import the others' dependencies (sympy through :mod:`theory.fdiv`, scipy.stats)."""

import importlib

from theory import _config  # noqa: F401

_FROM = {"GaussianData": "_model", "LinearGenerator": "_model", "FCritic": "nash",
         "NashConv": "nash", "fgan_nash_conv": "nash", "w2gan_nash_conv": "nash"}

__all__ = [
    "FCritic", "GaussianData", "LinearGenerator", "NashConv", "fgan", "fgan_nash_conv", "fgan_star",
    "lemma", "trs", "w2gan", "w2gan_nash_conv", "wgan",
]


def __getattr__(name: str):
    if name in _FROM:
        return getattr(importlib.import_module(f"{__name__}.{_FROM[name]}"), name)
    if name in __all__:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
