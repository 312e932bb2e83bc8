"""Every figure draws once in quick mode and is checked as a printed figure with matplotlib's
own bounding boxes: drawn at its declared width class, no text under 7 pt, no legend over
plotted data, mathtext for every subscript, superscript or Greek letter. PNG and PDF (fonts
embedded) are written for one figure of each kind here and for every figure by the slow
byte-identity test (``make test-all``), which draws each figure twice with one seed."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.legend import Legend
from matplotlib.text import Text

from figures import all_figures, save
from figures._base import MIN_FONT_PT, OWN, WIDTHS, Figure, new_figure, style

FIGURES = all_figures()
GREEK = re.compile(r"[\u0370-\u03ff]")
MATH = re.compile(r"(?<!\\)\$.*?(?<!\\)\$")
PAPER_FIGURE = re.compile(r"^[A-Z].* \d{4}, (Figures?|Table) \d")


def _texts(fig):
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _densified(xy, spacing=2.0):
    """The polyline ``xy`` (display space) with points every ``spacing`` pixels or closer."""
    if len(xy) < 2:
        return xy
    steps = np.clip(np.ceil(np.linalg.norm(np.diff(xy, axis=0), axis=1) / spacing), 1, 2000)
    seg = np.repeat(np.arange(len(xy) - 1), steps.astype(int))
    frac = np.arange(len(seg)) - np.repeat(np.cumsum(steps) - steps, steps.astype(int))
    frac = frac / np.repeat(steps, steps.astype(int))
    return np.vstack([xy[seg] + frac[:, None] * (xy[seg + 1] - xy[seg]), xy[-1:]])


def _display_points(ax):
    """Display-space points of the data artists of ``ax`` (line vertices densified to ~2 px,
    scatter offsets, line-collection vertices) that lie inside the axes."""
    chunks = []
    for line in ax.get_lines():
        if not line.get_visible():
            continue
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
        xy = xy[np.isfinite(xy).all(axis=1)]
        drawn = line.get_linestyle() not in ("None", "none", "")
        chunks.append(_densified(xy) if drawn else xy)
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and len(coll.get_offsets()):
            chunks.append(coll.get_offset_transform().transform(np.asarray(coll.get_offsets())))
        elif isinstance(coll, LineCollection) and coll.get_segments():
            segments = [np.asarray(seg, dtype=float) for seg in coll.get_segments() if len(seg)]
            chunks.append(coll.get_transform().transform(np.vstack(segments)))
    if not chunks:
        return np.empty((0, 2))
    pts = np.vstack(chunks)
    box = ax.get_window_extent()
    inside = ((pts[:, 0] >= box.x0) & (pts[:, 0] <= box.x1)
              & (pts[:, 1] >= box.y0) & (pts[:, 1] <= box.y1))
    return pts[inside]


def _legend_overlaps(fig):
    """``(legend's first text, axes title, number of points)`` for each legend covering plotted
    data of some axes (legends of subfigures included)."""
    renderer = fig.canvas.get_renderer()
    found = []
    points = [(ax, _display_points(ax)) for ax in fig.findobj(Axes)]
    for legend in fig.findobj(Legend):
        box = legend.get_window_extent(renderer)
        for ax, pts in points:
            hit = ((pts[:, 0] > box.x0) & (pts[:, 0] < box.x1)
                   & (pts[:, 1] > box.y0) & (pts[:, 1] < box.y1))
            if hit.any():
                found.append((legend.get_texts()[0].get_text(), ax.get_title(), int(hit.sum())))
    return found


def _check_printable(record, fig):
    assert fig.get_size_inches()[0] == pytest.approx(WIDTHS[record.width]), "not at its width"
    assert record.caption.strip() and "\n\n" not in record.caption
    assert record.paper_figure == OWN or PAPER_FIGURE.match(record.paper_figure)
    with style():  # rendered as figures.save renders it (mathtext reads the style at drawing)
        fig.canvas.draw()
    small = [(t.get_text(), t.get_fontsize()) for t in _texts(fig)
             if t.get_fontsize() < MIN_FONT_PT - 1e-9]
    assert not small, f"text under {MIN_FONT_PT} pt: {small[:5]}"
    raw = [t.get_text() for t in _texts(fig)
           if re.search(r"[_^]|" + GREEK.pattern, MATH.sub("", t.get_text()))]
    assert not raw, f"subscripts, superscripts or Greek outside mathtext: {raw[:5]}"
    overlaps = _legend_overlaps(fig)
    assert not overlaps, f"legend over data (first entry, axes title, points): {overlaps}"
    cut = _ink_on_edges(fig)
    assert not cut, f"ink on the canvas edge (cut off in print): {cut}"


def _ink_on_edges(fig) -> dict[str, int]:
    """Dark pixels (luminance < 128) in the outermost row or column of the rendered canvas,
    by edge: a title, label or legend the layout pushed past the figure's border."""
    rgb = np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(float)
    dark = rgb @ np.array([0.299, 0.587, 0.114]) < 128
    edges = {"top": dark[0], "bottom": dark[-1], "left": dark[:, 0], "right": dark[:, -1]}
    return {edge: int(px.sum()) for edge, px in edges.items() if px.any()}


SAVED = ("mescheder2018_fig2", "hsieh2019_rates", "mescheder2018_fig5")  # paper, own, experiment


def _assert_saved(png, pdf):
    assert png.read_bytes().startswith(b"\x89PNG")
    assert pdf.read_bytes().startswith(b"%PDF") and b"/FontFile2" in pdf.read_bytes()


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_is_printable(name, tmp_path):
    fig = FIGURES[name].draw(seed=0, quick=True)
    try:
        _check_printable(FIGURES[name], fig)
        if name in SAVED:
            _assert_saved(*save(fig, tmp_path, name))
    finally:
        plt.close(fig)


def test_the_checks_catch_a_legend_on_data_and_a_raw_subscript():
    with style():
        fig, ax = new_figure("single", 2.5)
        ax.plot([0.0, 1.0], [0.5, 0.5], label="x_1")
        ax.legend(loc="center")
        fig.canvas.draw()
    try:
        assert _legend_overlaps(fig)
        with pytest.raises(AssertionError, match="outside mathtext"):
            _check_printable(Figure("probe", "c", lambda **_: fig, width="single"), fig)
    finally:
        plt.close(fig)


def test_the_checks_catch_a_title_cut_off_at_the_top():
    with style():
        fig, ax = new_figure("single", 2.5)
        fig.text(0.5, 1.0, "a title across the border", ha="center", va="center")
        fig.canvas.draw()
    try:
        assert "top" in _ink_on_edges(fig)
        with pytest.raises(AssertionError, match="ink on the canvas edge"):
            _check_printable(Figure("probe", "c", lambda **_: fig, width="single"), fig)
    finally:
        plt.close(fig)


def test_one_figure_is_byte_identical_for_a_seed(tmp_path):
    name = "mescheder2018_gamma_sweep"
    first, second = (save(FIGURES[name].draw(seed=3, quick=True), tmp_path / run, name)[0]
                     for run in "ab")
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_two_drawings_with_one_seed_are_byte_identical(name, tmp_path):
    first = save(FIGURES[name].draw(seed=0, quick=True), tmp_path / "a", name)
    second = save(FIGURES[name].draw(seed=0, quick=True), tmp_path / "b", name)
    _assert_saved(*first)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two drawings"
