"""A small document model rendered both as Markdown (``REPORT.md``) and as one
self-contained HTML file (``REPORT.html``: PNGs embedded as ``data:`` URIs, the
style sheet inline, no external asset), so the two carry the same content.

Text is plain; :func:`code` and :func:`bold` mark spans with private control
characters, which each renderer turns into its own markup (and everything else
is escaped for that format).
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass

_CODE = ("\x0e", "\x0f")
_BOLD = ("\x10", "\x11")
_SPAN = re.compile("(\x0e[^\x0f]*\x0f|\x10[^\x11]*\x11)")
_MD_SPECIAL = re.compile(r"([\\`*\[\]]|(?<!\w)_|_(?!\w)|<(?=[A-Za-z/!?]))")
"""What Markdown would read as markup: backslash, backtick, *, brackets, an ``_`` at a
word's edge, a ``<`` that could open a tag."""


def code(text: str) -> str:
    """A span shown as code (``text`` in Markdown, ``<code>`` in HTML)."""
    return _CODE[0] + str(text) + _CODE[1]


def bold(text: str) -> str:
    return _BOLD[0] + str(text) + _BOLD[1]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Image:
    """A figure: ``path`` relative to the report (Markdown), ``png`` its bytes (HTML)."""

    path: str
    png: bytes
    alt: str
    caption: str


Block = Heading | Paragraph | Bullets | Table | Image


def slug(text: str) -> str:
    """GitHub-style anchor of a heading: lower case, spaces to '-', punctuation dropped."""
    plain = _SPAN.sub(lambda m: m.group(0)[1:-1], text).lower()
    return re.sub(r"[^\w\- ]", "", plain).replace(" ", "-")


def blocks_from_markdown(text: str) -> list[Block]:
    """Paragraphs and pipe tables of a Markdown text (what ``ganeq table`` prints)."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if lines and all(line.startswith("|") for line in lines):
            rows = [tuple(c.strip() for c in line.strip("|").split("|")) for line in lines]
            body = [r for r in rows[1:] if not all(set(c) <= set("-: ") for c in r)]
            blocks.append(Table(rows[0], tuple(body)))
        elif lines:
            blocks.append(Paragraph(" ".join(lines)))
    return blocks


# --- Markdown ---------------------------------------------------------------

def _md_escape(text: str, cell: bool = False) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("|", "\\|") if cell else text


def _md_inline(text: str, cell: bool = False) -> str:
    out = []
    for part in _SPAN.split(" ".join(str(text).split()) if cell else str(text)):
        if part.startswith(_CODE[0]):
            body = part[1:-1]
            out.append(f"`` {body} ``" if "`" in body else f"`{body}`")
        elif part.startswith(_BOLD[0]):
            out.append("**" + _md_escape(part[1:-1], cell) + "**")
        else:
            out.append(_md_escape(part, cell))
    return "".join(out)


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + _md_inline(block.text)
    if isinstance(block, Paragraph):  # a leading #, >, + or - would start another block
        return re.sub(r"^([#>+-])", r"\\\1", _md_inline(block.text))
    if isinstance(block, Bullets):
        return "\n".join("- " + _md_inline(i) for i in block.items)
    if isinstance(block, Table):
        def row(cells):
            return "| " + " | ".join(_md_inline(c, cell=True) for c in cells) + " |"
        return "\n".join([row(block.header), "|" + "---|" * len(block.header),
                          *map(row, block.rows)])
    return f"![{_md_inline(block.alt)}]({block.path})\n\n{_md_inline(block.caption)}"


def markdown(blocks: list[Block]) -> str:
    return "\n\n".join(_md_block(b) for b in blocks) + "\n"


# --- HTML -------------------------------------------------------------------

CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; color: #111; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #eee; }
code { background: #f3f3f3; padding: 0 0.2rem; }
figure { margin: 1.5rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-size: 0.9rem; margin-top: 0.4rem; }
"""


def _html_inline(text: str) -> str:
    out = []
    for part in _SPAN.split(str(text)):
        if part.startswith(_CODE[0]):
            out.append(f"<code>{html.escape(part[1:-1])}</code>")
        elif part.startswith(_BOLD[0]):
            out.append(f"<strong>{html.escape(part[1:-1])}</strong>")
        else:
            out.append(html.escape(part))
    return "".join(out)


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        return (f'<h{block.level} id="{html.escape(slug(block.text))}">'
                f"{_html_inline(block.text)}</h{block.level}>")
    if isinstance(block, Paragraph):
        return f"<p>{_html_inline(block.text)}</p>"
    if isinstance(block, Bullets):
        items = "".join(f"<li>{_html_inline(i)}</li>" for i in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, Table):
        head = "".join(f"<th>{_html_inline(c)}</th>" for c in block.header)
        body = "".join("<tr>" + "".join(f"<td>{_html_inline(c)}</td>" for c in r) + "</tr>"
                       for r in block.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return (f'<figure><img src="{png_data_uri(block.png)}" alt="{html.escape(block.alt)}">'
            f"<figcaption>{_html_inline(block.caption)}</figcaption></figure>")


def html_document(title: str, blocks: list[Block]) -> str:
    """One HTML file with everything inside it."""
    body = "\n".join(_html_block(b) for b in blocks)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"{body}\n</body>\n</html>\n")
