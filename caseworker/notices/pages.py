"""Page furniture: letterhead on page 1, a repeated header after it, "Page N of M" on each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from caseworker.notices.wording import fill

PAGE = letter  # the programs served (AB, BC, CA, NC) all post on US Letter
MARGIN = 0.85 * inch  # left and right
MARGIN_Y = 0.7 * inch  # top and bottom: a letter should rarely spill a page for its signature
LETTERHEAD_HEIGHT = 1.0 * inch
LATER_HEADER_HEIGHT = 0.45 * inch
FOOTER_HEIGHT = 0.45 * inch
INK = HexColor("#1F2933")
ACCENT = HexColor("#1F3A5F")
MUTED = HexColor("#5F6B7A")
RULE = HexColor("#B8C2CC")


@dataclass(frozen=True)
class Furniture:
    """The plain strings drawn around the body of every page (no markup)."""

    office: str
    address: tuple[str, ...]
    contact: tuple[str, ...]
    later_header: str
    confidential: str
    page_label: str  # with {page} and {pages}


class NumberedCanvas(Canvas):
    """Holds every page back until the end, so each can say how many pages there are."""

    def __init__(self, *args: Any, page_label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_label = page_label
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            label = fill(self._page_label, {"page": str(number), "pages": str(total)})
            self.setFont("Helvetica", 8)
            self.setFillColor(MUTED)
            self.drawRightString(PAGE[0] - MARGIN, MARGIN_Y - 0.3 * inch, label)
            super().showPage()
        super().save()


def document(out: Any, furniture: Furniture, title: str, subject: str) -> BaseDocTemplate:
    """A document whose first page has the letterhead and whose later pages a short header."""
    width, height = PAGE
    body_width = width - 2 * MARGIN
    first = Frame(MARGIN, MARGIN_Y, body_width, height - 2 * MARGIN_Y - LETTERHEAD_HEIGHT,
                  id="first", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(MARGIN, MARGIN_Y, body_width, height - 2 * MARGIN_Y - LATER_HEADER_HEIGHT,
                  id="later", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc = BaseDocTemplate(
        out, pagesize=PAGE, invariant=1, title=title, subject=subject,
        author=furniture.office, creator="Caseworker", leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN_Y, bottomMargin=MARGIN_Y,
    )
    doc.addPageTemplates([
        PageTemplate("first", [first], onPage=lambda c, d: _first_page(c, furniture),
                     autoNextPageTemplate="later"),
        PageTemplate("later", [later], onPage=lambda c, d: _later_page(c, furniture)),
    ])
    return doc


def _first_page(canvas: Canvas, f: Furniture) -> None:
    width, height = PAGE
    top = height - MARGIN_Y
    canvas.saveState()
    canvas.setFillColor(ACCENT)
    canvas.setFont("Helvetica-Bold", 15)
    canvas.drawString(MARGIN, top - 15, f.office)
    canvas.setFont("Helvetica", 8.5)
    canvas.setFillColor(MUTED)
    y = top - 30
    for line in f.address:
        canvas.drawString(MARGIN, y, line)
        y -= 11
    y = top - 8
    for line in f.contact:
        canvas.drawRightString(width - MARGIN, y, line)
        y -= 11
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.6)
    rule = top - LETTERHEAD_HEIGHT + 0.22 * inch
    canvas.line(MARGIN, rule, width - MARGIN, rule)
    canvas.restoreState()
    _footer(canvas, f)


def _later_page(canvas: Canvas, f: Furniture) -> None:
    width, height = PAGE
    top = height - MARGIN_Y
    canvas.saveState()
    canvas.setFillColor(ACCENT)
    canvas.setFont("Helvetica-Bold", 9)
    canvas.drawString(MARGIN, top - 9, f.office)
    canvas.setFillColor(MUTED)
    canvas.setFont("Helvetica", 8.5)
    canvas.drawRightString(width - MARGIN, top - 9, f.later_header)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.75)
    canvas.line(MARGIN, top - 16, width - MARGIN, top - 16)
    canvas.restoreState()
    _footer(canvas, f)


def _footer(canvas: Canvas, f: Furniture) -> None:
    width, _ = PAGE
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, MARGIN_Y - 0.15 * inch, width - MARGIN, MARGIN_Y - 0.15 * inch)
    canvas.setFont("Helvetica", 7)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, MARGIN_Y - 0.3 * inch, f.confidential)
    canvas.restoreState()
