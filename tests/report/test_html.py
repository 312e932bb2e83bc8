"""``REPORT.html`` with figures: each an embedded PNG of the right size with its caption;
the checker catches a missing caption, a linked image and a broken PNG."""

import io

from PIL import Image as PILImage

from verifiers.report import Run, report_html, report_markdown
from verifiers.report.check_html import figure_count, png_size, problems
from verifiers.report.exhibits import Drawn, FigureInfo
from verifiers.report.gallery import MAX_WIDTH, gallery_markdown, thumbnail
from verifiers.report.provenance import collect, now


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


FIGURES = [
    (FigureInfo("fig_a", "Mescheder et al. 2018, Figure 2", "Two panels. More text.", "double"),
     Drawn("fig_a", {"png": png(1400, 600), "pdf": b"%PDF"}, 0.5)),
    (FigureInfo("fig_b", "ganeq's own", "One panel.", "single"),
     Drawn("fig_b", {"png": png(680, 500), "pdf": b"%PDF"}, 0.5)),
]


def _run() -> Run:
    return Run([], 0, 0, collect(0, 0, now(), 1.0, ["reproduce"]), figures=FIGURES,
               tables={"t": "Table 1 (x)\n\n| a | b |\n|---|---|\n| 1 | 2 |"})


def _published(tmp_path) -> tuple:
    run = _run()
    for _, drawn in run.figures:
        drawn.write(tmp_path / "figures")
    page = tmp_path / "REPORT.html"
    page.write_text(report_html(run), encoding="utf-8")
    return run, page


def test_every_figure_embedded_with_its_caption(tmp_path):
    run, page = _published(tmp_path)
    assert problems(page) == [] and figure_count(page) == 2
    html = page.read_text(encoding="utf-8")
    assert "reproduces Mescheder et al. 2018, Figure 2" in html
    assert "ganeq&#x27;s own figure" in html
    md = report_markdown(run)
    assert "![fig_a](figures/fig_a.png)" in md and "**Figure 1** (reproduces Mescheder" in md
    assert "| a | b |" in md and "### Table 1 (x)" in md


def test_the_checker_finds_what_a_browser_would_miss(tmp_path):
    _, page = _published(tmp_path)
    html = page.read_text(encoding="utf-8")
    broken = html.replace("<figcaption>", "<figcaption hidden>", 1)
    start = broken.index("<figcaption hidden>") + len("<figcaption hidden>")
    broken = broken[:start] + broken[broken.index("</figcaption>", start):]
    broken = broken.replace('src="data:image/png;base64,', 'src="figures/x.png" data-x="', 1)
    page.write_text(broken, encoding="utf-8")
    found = problems(page)
    assert any("no caption" in p for p in found) and any("external" in p for p in found)
    (tmp_path / "figures" / "fig_b.png").write_bytes(png(10, 10))
    page.write_text(html, encoding="utf-8")
    assert any("differs" in p for p in problems(page))


def test_png_size():
    assert png_size(png(7, 3)) == (7, 3) and png_size(b"GIF89a" + bytes(30)) is None


def test_gallery_thumbnails_and_captions():
    assert png_size(thumbnail(png(1400, 600))) == (MAX_WIDTH, round(600 * MAX_WIDTH / 1400))
    assert png_size(thumbnail(png(680, 500))) == (680, 500)
    md = gallery_markdown(_run())
    assert "![fig_b](gallery/fig_b.png)" in md and "## fig_a" in md and "One panel." in md
