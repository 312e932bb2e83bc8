"""The document model: Markdown escaping, HTML escaping, tables read back."""

import io

from PIL import Image as PILImage

from verifiers.report.document import (
    Bullets,
    Heading,
    Image,
    Paragraph,
    Table,
    blocks_from_markdown,
    bold,
    code,
    html_document,
    markdown,
    slug,
)


def png(width=30, height=20) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def test_markdown_escapes_text_not_code():
    text = markdown([Paragraph("G* and D* with n_d, _x_ and <b>; " + code("a_b*"))])
    assert text == "G\\* and D\\* with n_d, \\_x\\_ and \\<b>; `a_b*`\n"


def test_table_cells_escape_pipes_and_join_lines():
    text = markdown([Table(("a", "b"), (("|x|", "line\nbreak"),))])
    assert text.splitlines() == ["| a | b |", "|---|---|", "| \\|x\\| | line break |"]


def test_html_escapes_and_marks_up():
    page = html_document("t", [Heading(2, "Errata: x"), Bullets((bold("Paper") + " <says>",)),
                               Image("figures/f.png", png(), "f", "cap & " + code("x"))])
    assert '<h2 id="errata-x">' in page and "<strong>Paper</strong> &lt;says&gt;" in page
    assert '<img src="data:image/png;base64,' in page and "<figcaption>cap &amp; <code>x</code>"
    assert "http" not in page


def test_tables_read_back_from_markdown():
    blocks = blocks_from_markdown("Title line\n\n| m | e |\n|---|---|\n| gan | 0 ± 1i |\n\nA note\n"
                                  "on two lines.")
    assert blocks == [Paragraph("Title line"), Table(("m", "e"), (("gan", "0 ± 1i"),)),
                      Paragraph("A note on two lines.")]


def test_slug_is_github_style():
    assert slug("Errata: paper says / ganeq finds") == "errata-paper-says--ganeq-finds"
