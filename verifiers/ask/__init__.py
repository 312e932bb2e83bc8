"""Ask your own question: Nash and proximal gaps of any pair, any Dirac-GAN activation.

Public API (each answer a :class:`~verifiers.certificate.Certificate` or a plain record):

* :func:`game` builds a game (``wgan1d``, ``w2gan``, ``w2gan-quadratic``, ``fgan-<name>``,
  ``fgan-custom``); games and players validate on construction (``ValueError``);
* :func:`nash_gap` (G, D) — is the pair a Nash equilibrium?
* :func:`proximal_gap` (G, D, λ) — is it a λ-proximal equilibrium?
* :func:`lambda_max` (G, D) — the largest such λ;
* :func:`activation`, :func:`dirac_spectrum`, :func:`stability_region` — Dirac-GAN
  with any activation;
* :func:`add_commands` — the ``ganeq nash | pe | lambda-max | map dirac`` commands.

Attributes load lazily, so importing this package (for instance from the CLI) does
not import JAX.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "GAMES": "games", "Game": "games", "Generator": "games", "game": "games",
    "nash_gap": "nash",
    "proximal_gap": "proximal", "lambda_max": "proximal",
    "Activation": "dirac", "activation": "dirac", "dirac_spectrum": "dirac",
    "stability_region": "dirac", "StabilityMap": "dirac",
    "add_commands": "commands",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'verifiers.ask' has no attribute {name!r}")
    return getattr(importlib.import_module(f"verifiers.ask.{_EXPORTS[name]}"), name)


def __dir__():
    return __all__
