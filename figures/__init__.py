"""Theory figures, one module per figure, each drawing from theory/ + verifiers/.

A figure module exposes ``FIGURES``: a sequence of :class:`figures._base.Figure` records
(name, one-paragraph caption, ``draw(seed, quick)``, the paper figure it reproduces or
"ganeq's own", and its width class "single" (3.4 in) or "double" (7 in)); ``draw`` runs in the
project style ``figures/ganeq.mplstyle``. :func:`all_figures` discovers them;
:func:`figures._base.save` writes PNG and PDF with deterministic bytes.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from figures._base import FORMATS, Figure, save
from theory import _config  # noqa: F401

__all__ = ["FORMATS", "Figure", "all_figures", "save"]


@cache
def all_figures() -> dict[str, Figure]:
    """Every figure, by name (discovered from this package's public modules)."""
    found: dict[str, Figure] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for fig in getattr(module, "FIGURES", ()):
            if fig.name in found:
                raise RuntimeError(f"figure {fig.name!r} defined twice")
            found[fig.name] = fig
    return found
