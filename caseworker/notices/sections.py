"""The tables particular to some kinds: account activity, terms, parties, aging, payments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether

from caseworker.notices.fonts import face
from caseworker.notices.layout import BODY_WIDTH, key_value_table, ledger_table, para
from caseworker.notices.wording import (
    capitalised,
    common,
    day,
    fill,
    kind_text,
    markup,
    show_money,
    show_short_date,
    source_name,
)

_CELL_SIZE = 8.5
_CELL_PADDING = 10  # left + right padding of a ledger cell, in points


def terms_table(text: Mapping[str, Any], values: Mapping[str, str]) -> list[Flowable]:
    """The terms of an arrangement or the deduction instructions, from the kind's wording."""
    rows = [(fill(label, values), fill(value, values)) for label, value in text["terms"]]
    return [key_value_table(fill(text["terms_heading"], values), rows)]


def statement_lines(notice: Mapping[str, Any], heading: str) -> list[Flowable]:
    """Every line of the account (or those from `lines_from`, after a brought-forward row)."""
    statement = notice["statement"]
    cols = common()["columns"]
    kinds = common()["line_kinds"]
    widths = [0.95 * inch, 0, 0.95 * inch, 0.95 * inch, 1.05 * inch]
    widths[1] = BODY_WIDTH - sum(widths)
    start = day(notice["lines_from"], "lines_from") if notice.get("lines_from") else None
    rows: list[list[str]] = []
    forward = None
    for i, line in enumerate(statement.get("lines", [])):
        when = day(line["date"], f"statement.lines[{i}].date")
        if start and when < start:
            forward = line.get("balance", "0")
            continue
        description = line.get("description") or kinds.get(line.get("kind", ""), "")
        rows.append([
            show_short_date(when, "date"),
            _fit(capitalised(description), widths[1]),
            _amount_or_blank(line.get("debit"), f"statement.lines[{i}].debit"),
            _amount_or_blank(line.get("credit"), f"statement.lines[{i}].credit"),
            show_money(line.get("balance", "0"), f"statement.lines[{i}].balance"),
        ])
    if forward is not None:
        rows.insert(0, [show_short_date(start, "lines_from"), common()["labels"]["balance_forward"],
                        "", "", show_money(forward, "statement.lines.balance")])
    if not rows:
        return []
    header = [cols["date"], cols["description"], cols["debit"], cols["credit"], cols["balance"]]
    return ledger_table(heading, header, rows, widths, right=(2, 3, 4))


def parties_table(notice: Mapping[str, Any], heading: str,
                  marked: Mapping[str, str]) -> list[Flowable]:
    """Who the parties are; addresses only where the data (after redaction) still has them."""
    rows = []
    for role in ("payor", "recipient"):
        party = notice[role]
        lines = [party["name"], *(x for x in party.get("address_lines", []) if isinstance(x, str))]
        rows.append((marked[f"Word_{role}"], "<br/>".join(markup(x) for x in lines)))
    return [key_value_table(heading, rows)]


def aging_table(notice: Mapping[str, Any], heading: str) -> list[Flowable]:
    """Unpaid support by how long it has been past due."""
    aging = notice["statement"].get("aging") or {}
    if not aging:
        return []
    labels = common()["aging"]
    header = [labels.get(key, key) for key in aging]
    row = [show_money(v, f"statement.aging.{k}") for k, v in aging.items()]
    width = BODY_WIDTH / len(header)
    return ledger_table(heading, header, [row], [width] * len(header),
                        right=range(len(header)))


def payments_table(notice: Mapping[str, Any], heading: str, empty: str) -> list[Flowable]:
    """The payment history: every payment and reversal with its source and reference."""
    cols = common()["columns"]
    words = notice["program"]["words"]
    # Source, reference and note wrap (a Paragraph only when a value does not fit one line),
    # so a long bank reference is printed whole; the note, mostly empty, takes what is left.
    widths = [0.9 * inch, 0.9 * inch, 1.3 * inch, 1.85 * inch, 0]
    widths[4] = BODY_WIDTH - sum(widths)
    rows = []
    notes = kind_text("court")["payment_notes"]
    for i, pay in enumerate(notice["payments"]):
        source = str(pay.get("source", ""))
        rows.append([
            show_short_date(pay["date"], f"payments[{i}].date"),
            show_money(pay["amount"], f"payments[{i}].amount"),
            _wrap(source_name(source, words) if source else "", widths[2]),
            _wrap(str(pay.get("reference", "")), widths[3]),
            _wrap(_payment_note(pay, notes, i), widths[4]),
        ])
    if not rows:
        return [para(heading, "heading"), para(empty)]
    header = [cols["received"], cols["amount"],
              cols["source"], cols["reference"], cols["note"]]
    return ledger_table(heading, header, rows, widths, right=(1,))


def _payment_note(pay: Mapping[str, Any], notes: Mapping[str, str], i: int) -> str:
    """The Note of a payment: what it reverses and why, in the wording, then any note."""
    reason = str(pay.get("reason") or "").strip()
    parts = []
    if pay.get("reverses"):
        when = show_short_date(pay["reverses"], f"payments[{i}].reverses")
        template = notes["reversal_with_reason"] if reason else notes["reversal"]
        parts.append(fill(template, {"date": when, "reason": reason}, "court.payment_notes"))
    elif reason:
        parts.append(fill(notes["reason"], {"reason": reason}, "court.payment_notes"))
    if str(pay.get("note") or "").strip():
        parts.append(str(pay["note"]).strip())
    return "; ".join(parts)


def _wrap(text: str, width: float) -> str | Flowable:
    """Plain text when it fits one cell line, else a paragraph that wraps in the cell."""
    room = width - _CELL_PADDING
    font = face()
    if (len(text) * _CELL_SIZE * font.widest_em <= room
            or stringWidth(text, font.regular, _CELL_SIZE) <= room):
        return text
    return para(markup(text), "ledger_cell")


def _amount_or_blank(value: object, field: str) -> str:
    # A zero debit or credit is left blank so the eye finds what moved.
    if value in (None, "", "0", "0.00"):
        return ""
    return show_money(value, field)


def _fit(text: str, width: float) -> str:
    """Shorten plain text with an ellipsis so that it fits one table cell."""
    room = width - _CELL_PADDING
    font = face()
    # No glyph is wider than the face's widest: short text needs no measuring.
    if (len(text) * _CELL_SIZE * font.widest_em <= room
            or stringWidth(text, font.regular, _CELL_SIZE) <= room):
        return text
    while text and stringWidth(text + "…", font.regular, _CELL_SIZE) > room:
        text = text[:-1]
    return text.rstrip() + "…"



def how_to_pay(notice: Mapping[str, Any], values: Mapping[str, str]) -> list[Flowable]:
    """Where and how the addressee pays (the payor) or remits (an employer), from the policy.

    The wording is `[how_to_pay.<role>]` in common.toml; the places are the policy's
    letterhead keys. An addressee whose role has no wording gets nothing (a recipient).
    """
    text = common().get("how_to_pay", {}).get(notice["addressee"]["role"])
    if not text:
        return []
    letterhead = notice["program"]["letterhead"]
    role = notice["addressee"]["role"]
    address = letterhead.get("employer_payment_address" if role == "employer"
                             else "payment_address") or []
    methods = letterhead.get("payment_methods") or [] if role == "payor" else []
    parts: list[Flowable] = [para(fill(text["heading"], values), "heading")]
    if methods:
        parts.append(para(fill(text["methods"], values), "address"))
        parts += [para(markup(m), "bullet", bullet="•") for m in methods]
    if address:
        parts.append(para(fill(text["mail"], values), "address"))
        parts.append(para("<br/>".join(markup(x) for x in address), "indented"))
        if letterhead.get("payment_payable_to"):
            parts.append(para(fill(text["payable_to"], {
                **values, "payable_to": markup(letterhead["payment_payable_to"])})))
    else:
        parts.append(para(fill(text["unknown"], values)))
    parts.append(para(fill(text["quote"], values)))
    return [KeepTogether(parts)]
