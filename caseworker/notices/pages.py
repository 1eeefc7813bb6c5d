"""Page furniture: letterhead on page 1, a repeated header after it, "Page N of M" on each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from caseworker.notices.fonts import face
from caseworker.notices.wording import fill

PAGE = letter  # the programs served (AB, BC, CA, NC) all post on US Letter
MARGIN = 0.85 * inch  # left and right
MARGIN_Y = 0.7 * inch  # top and bottom: a letter should rarely spill a page for its signature
NAME_SIZE = 15  # the office's name on page 1, made smaller only if it would not fit
MIN_NAME_SIZE = 10
SMALL_SIZE = 8.5
SMALL_LEADING = 10.5
RULE_GAP = 4  # below the last letterhead line, above the rule
BODY_GAP = 16  # below the rule, above the body
LATER_HEADER_HEIGHT = 0.55 * inch
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
            self.setFont(face().regular, 8)
            self.setFillColor(MUTED)
            self.drawRightString(PAGE[0] - MARGIN, MARGIN_Y - 0.3 * inch, label)
            super().showPage()
        super().save()


def document(out: Any, furniture: Furniture, title: str, subject: str) -> BaseDocTemplate:
    """A document whose first page has the letterhead and whose later pages a short header."""
    width, height = PAGE
    body_width = width - 2 * MARGIN
    first = Frame(MARGIN, MARGIN_Y, body_width,
                  height - 2 * MARGIN_Y - letterhead(furniture).height,
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


@dataclass(frozen=True)
class Letterhead:
    """Where page 1's letterhead puts things, worked out from the office's own lines."""

    name_size: float
    left: tuple[str, ...]
    right: tuple[str, ...]
    height: float  # from the top margin to where the body may start


def letterhead(f: Furniture) -> Letterhead:
    """Fit the office name to the width; address left, contact right, or stacked if too wide."""
    width = PAGE[0] - 2 * MARGIN
    size = NAME_SIZE
    while size > MIN_NAME_SIZE and stringWidth(f.office, face().bold, size) > width:
        size -= 0.5
    left, right = f.address, f.contact

    def widest(lines: tuple[str, ...]) -> float:
        return max((stringWidth(x, face().regular, SMALL_SIZE) for x in lines), default=0)

    if widest(left) + widest(right) + 0.4 * inch > width:
        left, right = left + right, ()
    rows = max(len(left), len(right))
    height = size + 6 + rows * SMALL_LEADING + RULE_GAP + BODY_GAP
    return Letterhead(size, left, right, height)


def _first_page(canvas: Canvas, f: Furniture) -> None:
    width, height = PAGE
    top = height - MARGIN_Y
    head = letterhead(f)
    canvas.saveState()
    canvas.setFillColor(ACCENT)
    canvas.setFont(face().bold, head.name_size)
    canvas.drawString(MARGIN, top - head.name_size, f.office)
    canvas.setFont(face().regular, SMALL_SIZE)
    canvas.setFillColor(MUTED)
    first = top - head.name_size - 6 - SMALL_SIZE
    for i, line in enumerate(head.left):
        canvas.drawString(MARGIN, first - i * SMALL_LEADING, line)
    for i, line in enumerate(head.right):
        canvas.drawRightString(width - MARGIN, first - i * SMALL_LEADING, line)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.6)
    rule = top - head.height + BODY_GAP
    canvas.line(MARGIN, rule, width - MARGIN, rule)
    canvas.restoreState()
    _footer(canvas, f)


def _later_page(canvas: Canvas, f: Furniture) -> None:
    width, height = PAGE
    top = height - MARGIN_Y
    canvas.saveState()
    canvas.setFillColor(ACCENT)
    canvas.setFont(face().bold, 9)
    canvas.drawString(MARGIN, top - 9, f.office)
    canvas.setFillColor(MUTED)
    canvas.setFont(face().regular, 8.5)
    # A long office name and a long title share the line only when they fit side by side.
    room = width - 2 * MARGIN - stringWidth(f.office, face().bold, 9) - 0.3 * inch
    second = stringWidth(f.later_header, face().regular, 8.5) > room
    canvas.drawRightString(width - MARGIN, top - (20 if second else 9), f.later_header)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.75)
    rule = top - (26 if second else 16)
    canvas.line(MARGIN, rule, width - MARGIN, rule)
    canvas.restoreState()
    _footer(canvas, f)


def _footer(canvas: Canvas, f: Furniture) -> None:
    width, _ = PAGE
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, MARGIN_Y - 0.15 * inch, width - MARGIN, MARGIN_Y - 0.15 * inch)
    canvas.setFont(face().regular, 7)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, MARGIN_Y - 0.3 * inch, f.confidential)
    canvas.restoreState()
