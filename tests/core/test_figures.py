"""Every figure draws in quick mode and saves PNG and PDF (one rendering per figure
in ``make test``); two drawings with one seed give byte-identical files
(``make test-all``: the drawing is a pure function of the seed and the files
carry no timestamp or software string)."""

import pytest

from figures import all_figures, save
from figures._base import style

FIGURES = all_figures()


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_draws_and_saves(name, tmp_path):
    style()
    png, pdf = save(FIGURES[name].draw(seed=0, quick=True), tmp_path, name)
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_two_drawings_with_one_seed_are_byte_identical(name, tmp_path):
    style()
    first = save(FIGURES[name].draw(seed=0, quick=True), tmp_path / "a", name)
    second = save(FIGURES[name].draw(seed=0, quick=True), tmp_path / "b", name)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two drawings"
