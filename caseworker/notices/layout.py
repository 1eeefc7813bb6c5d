"""Paragraph styles and the building blocks of a notice's body (blocks, tables, signature)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from xml.sax.saxutils import unescape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from caseworker.notices.fonts import Face, face
from caseworker.notices.pages import ACCENT, INK, MARGIN, MUTED, PAGE, RULE

BODY_WIDTH = PAGE[0] - 2 * MARGIN
HEADER_FILL = "#E9EEF4"
ZEBRA_FILL = "#F6F8FA"


def styles() -> dict[str, ParagraphStyle]:
    """The few paragraph styles every notice uses, in the notice's face (made once each)."""
    return _styles(face())


@cache
def _styles(chosen: Face) -> dict[str, ParagraphStyle]:
    regular, bold = chosen.regular, chosen.bold
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13.2,
                          textColor=INK, spaceAfter=6)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=13.5,
                                leading=17, textColor=ACCENT, spaceBefore=4, spaceAfter=8),
        "heading": ParagraphStyle("heading", parent=body, fontName=bold,
                                  fontSize=10.5, leading=14, textColor=ACCENT, spaceBefore=8,
                                  spaceAfter=4, keepWithNext=1),
        "heading_free": ParagraphStyle("heading_free", parent=body, fontName=bold,
                                       fontSize=10.5, leading=14, textColor=ACCENT,
                                       spaceBefore=8, spaceAfter=4),
        "spaced": ParagraphStyle("spaced", parent=body, spaceBefore=6),
        "address": ParagraphStyle("address", parent=body, spaceAfter=0, leading=13),
        "indented": ParagraphStyle("indented", parent=body, leading=13, leftIndent=18,
                                   spaceBefore=2),
        "bullet": ParagraphStyle("bullet", parent=body, leading=13, leftIndent=28,
                                 bulletIndent=18, spaceBefore=1, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=bold,
                                    fontSize=9, leading=11.5, spaceAfter=0),
        "cell_right": ParagraphStyle("cell_right", parent=body, fontSize=9, leading=11.5,
                                     spaceAfter=0, alignment=TA_RIGHT),
        "ledger_cell": ParagraphStyle("ledger_cell", parent=body, fontSize=8.5, leading=10.5,
                                      spaceAfter=0),
        "label": ParagraphStyle("label", parent=body, fontSize=9, leading=11.5, spaceAfter=0,
                                textColor=MUTED),
        "date": ParagraphStyle("date", parent=body, alignment=TA_RIGHT, spaceAfter=0),
    }


def para(text: str, style: str = "body", bullet: str | None = None) -> Paragraph:
    """A paragraph of already-escaped markup in one of the notice styles."""
    return Paragraph(text, styles()[style], bulletText=bullet)


def address_block(name: str, lines: Sequence[str], date: str) -> Flowable:
    """The addressee, one line each, where a window envelope shows it; the date to its right."""
    text = "<br/>".join([f"<b>{name}</b>", *lines])
    table = Table([[para(text, "address"), para(date, "date")]],
                  colWidths=[BODY_WIDTH * 0.62, BODY_WIDTH * 0.38], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def reference_block(rows: Sequence[tuple[str, str]]) -> Flowable:
    """The "Re:" block: label and value pairs under the addressee.

    A row that fits on one line is drawn as plain text (fast); a longer one wraps.
    """
    plain = [(_plain(label), _plain(value)) for label, value in rows]
    # Wide enough for the longest label ("Person receiving support"), within limits.
    longest = max((stringWidth(label, face().regular, 9) for label, _ in plain), default=0)
    first = min(max(1.45 * inch, longest + 16), 2.6 * inch)
    second = BODY_WIDTH - first
    data: list[list] = []
    for (label, value), (label_text, value_text) in zip(rows, plain, strict=True):
        fits = (stringWidth(label_text, face().regular, 9) <= first - 10
                and stringWidth(value_text, face().bold, 9) <= second - 6)
        data.append([label_text, value_text] if fits else
                    [para(label, "label"), para(f"<b>{value}</b>", "cell")])
    table = Table(data, colWidths=[first, second], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (0, -1), face().regular),
        ("FONTNAME", (1, 0), (1, -1), face().bold),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("LEADING", (0, 0), (-1, -1), 11.5),
        ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
        ("TEXTCOLOR", (1, 0), (1, -1), INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
        ("LEFTPADDING", (0, 0), (0, -1), 7),
    ]))
    return table


def figures_table(heading: str, rows: Sequence[tuple[str, str]], bold_from: int,
                  amount_label: str, item_label: str) -> Flowable:
    """A two-column summary of figures; rows from `bold_from` on are the totals.

    Cells are plain text (labels and amounts are short), drawn without Paragraphs for speed.
    """
    data = [[item_label, amount_label], *[[label, amount] for label, amount in rows]]
    table = Table(data, colWidths=[3.6 * inch, 1.5 * inch], hAlign="LEFT", repeatRows=1)
    commands = _grid_style(len(data)) + _plain_cells(right=(1,))
    if 0 <= bold_from < len(rows):
        commands += [("LINEABOVE", (0, bold_from + 1), (-1, bold_from + 1), 1, ACCENT),
                     ("FONTNAME", (0, bold_from + 1), (-1, -1), face().bold)]
    table.setStyle(TableStyle(commands))
    return KeepTogether([para(heading, "heading"), table])


def key_value_table(heading: str, rows: Sequence[tuple[str, str]]) -> Flowable:
    """Terms set out as label and value, e.g. the deduction instructions."""
    data = [[para(label, "cell"), para(f"<b>{value}</b>", "cell")] for label, value in rows]
    table = Table(data, colWidths=[2.6 * inch, BODY_WIDTH - 2.6 * inch], hAlign="LEFT")
    commands = _grid_style(len(data), header=False)
    table.setStyle(TableStyle(commands))
    return KeepTogether([para(heading, "heading"), table])


def ledger_table(heading: str, header: Sequence[str], rows: Sequence[Sequence[str]],
                 widths: Sequence[float], right: Sequence[int]) -> list[Flowable]:
    """A long table that may run over pages; its header row repeats on each page.

    Cells are plain strings drawn by the table itself (no Paragraph per cell), which keeps
    a decades-long history fast to lay out; text cells are therefore one line each.
    """
    data = [list(header), *[list(r) for r in rows]]
    table = Table(data, colWidths=list(widths), hAlign="LEFT", repeatRows=1)
    commands = _grid_style(len(data)) + _plain_cells(right, size=8.5)
    table.setStyle(TableStyle(commands))
    # The heading keeps a few rows with it but lets the table run over the page break
    # (keepWithNext would push a table that fits on one page wholly to the next page).
    return [CondPageBreak(1.4 * inch), para(heading, "heading_free"), table]


def signature_block(last: Sequence[Flowable], closing: str, name: str, title: str,
                    office: str) -> Flowable:
    """Closing words, room for a signature, then the signer's name, title and office.

    The last paragraph of the letter is kept with it so a page never holds a lone signature.
    """
    parts: list[Flowable] = list(last)
    if closing:
        parts.append(para(closing))
    parts += [Spacer(1, 0.4 * inch),
              para("<br/>".join(x for x in (f"<b>{name}</b>" if name else "", title, office)
                                if x), "address")]
    return KeepTogether(parts)


def _plain(markup: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", markup))


def _plain_cells(right: Sequence[int], size: float = 9) -> list[tuple]:
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, 0), face().bold),
        ("FONTNAME", (0, 1), (-1, -1), face().regular),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size + 2),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ]
    commands += [("ALIGN", (col, 0), (col, -1), "RIGHT") for col in right]
    return commands


def _grid_style(rows: int, header: bool = True) -> list[tuple]:
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT))
        # Light banding helps the eye follow a long row across the page.
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, ZEBRA_FILL]))
    return commands


__all__ = ["address_block", "figures_table", "key_value_table", "ledger_table", "para",
           "reference_block", "signature_block", "styles", "BODY_WIDTH", "MUTED"]
