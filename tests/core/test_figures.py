"""Every figure draws in quick mode and saves deterministic PNG and PDF bytes."""

import pytest

from figures import all_figures, save
from figures._base import style

FIGURES = all_figures()


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_is_deterministic(name, tmp_path):
    style()
    first = save(FIGURES[name].draw(seed=0, quick=True), tmp_path / "a", name)
    second = save(FIGURES[name].draw(seed=0, quick=True), tmp_path / "b", name)
    for a, b in zip(first, second, strict=True):
        assert a.stat().st_size > 1000
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two draws"
