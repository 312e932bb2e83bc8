"""Figure records, the project style and deterministic saving.

``Figure.draw(seed=..., quick=...)`` returns a matplotlib figure built only from theory/ and
verifiers/ functions, drawn inside :func:`style` (``figures/ganeq.mplstyle``: print-size fonts,
the Okabe–Ito palette, constrained layout, TrueType fonts embedded in PDF). Each record names the
paper figure it reproduces (or :data:`OWN`) and its width class (:data:`WIDTHS`, inches); the
figure is drawn at exactly that width, so a font size is its size on the page. :func:`save`
writes PNG and PDF with no timestamps or software strings in the metadata, so a fixed seed gives
the same bytes. The library chooses no matplotlib backend and changes no global state: the style
is a context manager entered by ``draw`` and ``save``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt

STYLE = Path(__file__).with_name("ganeq.mplstyle")
WIDTHS = {"single": 3.4, "double": 7.0}
OWN = "ganeq's own"
MIN_FONT_PT = 7.0
_PNG_META = {"Software": None}
_PDF_META = {"Creator": None, "Producer": None, "CreationDate": None}
FORMATS = ("png", "pdf")
"""What :func:`save` writes by default: PNG (screens, the reports) and PDF (print)."""
_META = {"png": _PNG_META, "pdf": _PDF_META}


def style():
    """The project style as a context manager: ``with style(): ...``."""
    return plt.style.context(STYLE)


def styled(draw: Callable[..., matplotlib.figure.Figure]):
    """``draw`` run inside :func:`style`."""
    @functools.wraps(draw)
    def inner(*args, **kwargs):
        with style():
            return draw(*args, **kwargs)
    return inner


def new_figure(width: str, height: float, nrows: int = 1, ncols: int = 1, **kw):
    """``plt.subplots`` at the width class ``width`` ("single" or "double") and ``height``
    inches, with constrained layout."""
    return plt.subplots(nrows, ncols, figsize=(WIDTHS[width], height), layout="constrained", **kw)


@dataclass(frozen=True)
class Figure:
    """A named figure. ``draw(seed, quick)`` returns a ``matplotlib.figure.Figure`` drawn in the
    project style; ``caption`` is one paragraph; ``paper_figure`` says which figure of which
    paper it reproduces ("<Authors> <year>, Figure N") or :data:`OWN`; ``width`` is a key of
    :data:`WIDTHS`."""

    name: str
    caption: str
    draw: Callable[..., matplotlib.figure.Figure]
    paper_figure: str = OWN
    width: str = "double"

    def __post_init__(self):
        if self.width not in WIDTHS:
            raise ValueError(f"figure {self.name!r}: width {self.width!r} not in {sorted(WIDTHS)}")
        object.__setattr__(self, "draw", styled(self.draw))


@contextlib.contextmanager
def _quiet_font_subsetting():
    """Silence fontTools' warning that a subset font's ``head`` timestamps are "very low":
    matplotlib writes them as zero for reproducible PDFs, and the warning is not the user's."""
    logger = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def save(fig: matplotlib.figure.Figure, out_dir: Path, name: str,
         formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write ``name.png`` and ``name.pdf`` (or the ``formats`` asked for) into ``out_dir``
    atomically, at the figure's own size; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    with style(), _quiet_font_subsetting():
        for ext in formats:
            final = out_dir / f"{name}.{ext}"
            tmp = out_dir / f".{name}.tmp.{ext}"
            fig.savefig(tmp, format=ext, metadata=_META[ext])
            os.replace(tmp, final)
            paths.append(final)
    plt.close(fig)
    return paths
