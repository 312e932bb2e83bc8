"""Check that a ``REPORT.html`` stands alone and shows every figure:
``python -m verifiers.report.check_html results/REPORT.html``.

Without a browser, this reads the HTML the way one would load it: every
``<img>`` must be a ``data:image/png;base64`` URI that decodes to a valid PNG
(signature and header chunk) with a positive size and, when the report's
folder holds ``figures/<alt>.png``, the same bytes (hence the same size) as
that file; every ``<figure>`` has an image and a non-empty ``<figcaption>``; no
element loads anything from outside the file (``src``/``href`` other than
``data:`` URIs and ``#`` anchors). ``docs/report.md`` adds a headless-browser
screenshot for a manual look.
"""

from __future__ import annotations

import base64
import binascii
import struct
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DATA_PNG = "data:image/png;base64,"


@dataclass
class _Figure:
    images: list[dict] = field(default_factory=list)
    caption: str = ""


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images: list[dict] = []
        self.figures: list[_Figure] = []
        self.external: list[str] = []
        self._figure: _Figure | None = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("src", "href"):
            value = attrs.get(key)
            if value is not None and not value.startswith(("data:", "#")):
                self.external.append(f"<{tag} {key}={value[:60]!r}>")
        if tag == "img":
            self.images.append(attrs)
            if self._figure is not None:
                self._figure.images.append(attrs)
        elif tag == "figure":
            self._figure = _Figure()
            self.figures.append(self._figure)
        elif tag == "figcaption":
            self._in_caption = True

    def handle_endtag(self, tag):
        if tag == "figure":
            self._figure = None
        elif tag == "figcaption":
            self._in_caption = False

    def handle_data(self, data):
        if self._in_caption and self._figure is not None:
            self._figure.caption += data


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG from its header chunk; None if ``data`` is no PNG."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return (width, height) if width > 0 and height > 0 else None


def _image_problems(img: dict, folder: Path) -> list[str]:
    src, alt = img.get("src") or "", img.get("alt") or "?"
    if not src.startswith(DATA_PNG):
        return [f"image {alt!r} is not an embedded PNG"]
    try:
        data = base64.b64decode(src[len(DATA_PNG):], validate=True)
    except (binascii.Error, ValueError):
        return [f"image {alt!r}: invalid base64"]
    if png_size(data) is None:
        return [f"image {alt!r}: not a valid PNG"]
    on_disk = folder / "figures" / f"{alt}.png"
    if on_disk.is_file() and on_disk.read_bytes() != data:
        return [f"image {alt!r} differs from {on_disk}"]
    return []


def _read(path: Path) -> _Reader:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def figure_count(path: Path) -> int:
    return len(_read(path).figures)


def problems(path: Path) -> list[str]:
    """Everything that would keep ``path`` from showing every figure on its own."""
    reader = _read(path)
    found = [f"loads an external resource: {e}" for e in reader.external]
    for img in reader.images:
        found += _image_problems(img, path.parent)
    for i, fig in enumerate(reader.figures, 1):
        if len(fig.images) != 1:
            found.append(f"figure {i} holds {len(fig.images)} images")
        if not fig.caption.strip():
            found.append(f"figure {i} has no caption")
    return found


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else Path("results/REPORT.html")
    found = problems(path)
    for line in found:
        print(line)
    print(f"{path}: {figure_count(path)} figures, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
