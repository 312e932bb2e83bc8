"""Figures drawn in the spawn worker: the same bytes as drawn in this process, and a
whole quick report showing every figure (slow: they draw real figures)."""

import pytest

from figures import all_figures, save
from verifiers import cli
from verifiers.report.check_html import figure_count, problems
from verifiers.report.exhibits import start

pytestmark = pytest.mark.slow
FIGURE = "mescheder2018_fig2"


def test_worker_draws_the_same_bytes(tmp_path):
    drawn, tables = start([FIGURE], [], seed=0, quick=True).collect()
    here = save(all_figures()[FIGURE].draw(seed=0, quick=True), tmp_path, FIGURE)
    assert tables == {} and [d.name for d in drawn] == [FIGURE]
    assert drawn[0].files == {p.suffix[1:]: p.read_bytes() for p in here}


def test_quick_report_shows_every_figure(tmp_path):
    out = tmp_path / "results"
    argv = ["reproduce", "--quick", "--samples", "0", "--only", "mescheder2018.lemma3.2",
            "--out", str(out), "--gallery", str(tmp_path / "docs")]
    assert cli.main(argv) == 0
    assert problems(out / "REPORT.html") == []
    assert figure_count(out / "REPORT.html") == len(all_figures())
    gallery = (tmp_path / "docs" / "gallery.md").read_text(encoding="utf-8")
    for name in all_figures():
        assert (tmp_path / "docs" / "gallery" / f"{name}.png").is_file()
        assert f"gallery/{name}.png" in gallery
    assert "Table 1" in (out / "REPORT.md").read_text(encoding="utf-8")
