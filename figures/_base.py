"""Figure records and deterministic saving.

``Figure.draw(seed=..., quick=...)`` returns a matplotlib figure built only from
theory/ and verifiers/ functions; :func:`save` writes it as PNG and PDF with
no timestamps or software strings in the metadata, so a fixed seed gives the
same bytes. The library chooses no matplotlib backend (notebooks show their
plots inline); the ``ganeq`` command renders off-screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt

_PNG_META = {"Software": None}
_PDF_META = {"Creator": None, "Producer": None, "CreationDate": None}


@dataclass(frozen=True)
class Figure:
    """A named figure: ``draw(seed, quick)`` returns a ``matplotlib.figure.Figure``."""

    name: str
    caption: str
    draw: Callable[..., matplotlib.figure.Figure]


def style() -> None:
    """The house style: one place for fonts, sizes and colours."""
    plt.rcParams.update({
        "figure.dpi": 110, "savefig.dpi": 150, "font.size": 9, "axes.titlesize": 10,
        "axes.spines.top": False, "axes.spines.right": False, "svg.hashsalt": "ganeq",
        "axes.prop_cycle": matplotlib.cycler(color=[
            "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]),
    })


def save(fig: matplotlib.figure.Figure, out_dir: Path, name: str) -> list[Path]:
    """Write ``name.png`` and ``name.pdf`` into ``out_dir`` atomically; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext, meta in (("png", _PNG_META), ("pdf", _PDF_META)):
        final = out_dir / f"{name}.{ext}"
        tmp = out_dir / f".{name}.tmp.{ext}"
        fig.savefig(tmp, format=ext, metadata=meta, bbox_inches="tight")
        os.replace(tmp, final)
        paths.append(final)
    plt.close(fig)
    return paths
