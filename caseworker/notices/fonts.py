"""The fonts a notice is drawn in.

Helvetica, reportlab's standard font, is not embedded: small files and fast to make, but
it has only the WinAnsi (cp1252) glyphs, Latin-1 and a few more ("Hélène", "Sørensen",
"Nuñez"). A notice whose text has any other character ("Łucja Nguyễn-Wiśniewska") is
drawn instead in DejaVu Sans, shipped in resources/fonts/ (Bitstream Vera licence, LICENSE
beside it) and embedded as a subset, so every name prints as written. `render` picks the
face from the notice's own text, and every part of the writer asks `face()` for the font
names while it builds that notice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from caseworker.paths import resource


@dataclass(frozen=True)
class Face:
    """A regular and a bold font, and the widest glyph of either in ems (for quick fits)."""

    regular: str
    bold: str
    widest_em: float


# No Helvetica glyph is wider than 1.02 em.
LATIN1 = Face("Helvetica", "Helvetica-Bold", 1.02)
WIDE_FILES = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf"}

_current: ContextVar[Face] = ContextVar("notice_face", default=LATIN1)


def face() -> Face:
    """The face of the notice being built (Helvetica outside `using`)."""
    return _current.get()


@contextlib.contextmanager
def using(chosen: Face) -> Iterator[Face]:
    """Build a notice in `chosen`: every style, table and page asks `face()` for it."""
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


@cache
def wide() -> Face:
    """DejaVu Sans, registered with reportlab once (with <b> mapped to its bold)."""
    widest = 0.0
    for name, file in WIDE_FILES.items():
        font = TTFont(name, str(resource("fonts", file)))
        pdfmetrics.registerFont(font)
        widest = max(widest, max(font.face.charWidths.values(), default=1000) / 1000)
    for bold, italic, name in ((0, 0, "DejaVuSans"), (1, 0, "DejaVuSans-Bold"),
                               (0, 1, "DejaVuSans"), (1, 1, "DejaVuSans-Bold")):
        addMapping("DejaVuSans", bold, italic, name)
    return Face("DejaVuSans", "DejaVuSans-Bold", widest)


def face_for(texts: Iterable[str]) -> Face:
    """Helvetica when Helvetica has every character of `texts`, else the wide face.

    Reportlab draws its standard fonts in WinAnsi (cp1252): Latin-1 and a few more
    ("–", "…", "•", "€").
    """
    for text in texts:
        if not text.isascii():
            try:
                text.encode("cp1252")
            except UnicodeEncodeError:
                return wide()
    return LATIN1
