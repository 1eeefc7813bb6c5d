"""Assembles a notice from its checked data and wording, and writes it as PDF bytes."""

from __future__ import annotations

import io
from collections.abc import Mapping
from functools import cache
from typing import Any

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer

from caseworker.notices.checked import check, strings_in
from caseworker.notices.fonts import face_for, using
from caseworker.notices.layout import (
    address_block,
    figures_table,
    para,
    reference_block,
    signature_block,
)
from caseworker.notices.pages import Furniture, NumberedCanvas, document
from caseworker.notices.sections import (
    aging_table,
    how_to_pay,
    parties_table,
    payments_table,
    statement_lines,
    terms_table,
)
from caseworker.notices.values import placeholder_values
from caseworker.notices.wording import (
    NoticeDataError,
    common,
    fill,
    kind_text,
    markup,
    money,
    show_money,
)

# Rows from the first of these on are printed in bold as the bottom line.
_BOTTOM_LINE = ("total_owing", "arrears")


def render(kind: str, data: Mapping[str, Any]) -> bytes:
    """The PDF of one notice of `kind` made from `data` (see docs/notices.md)."""
    if isinstance(data, Mapping) and data.get("kind", kind) != kind:
        raise NoticeDataError(f"kind: data is for a {data.get('kind')!r} notice, not {kind!r}")
    notice = check({**data, "kind": kind}) if isinstance(data, Mapping) else check(data)
    plain = placeholder_values(notice)
    text = kind_text(kind)
    plain["title"] = fill(text["title"], plain, kind)
    marked = {key: markup(value) for key, value in plain.items()}
    # Helvetica unless some text needs glyphs it lacks (a name like "Łucja"): see fonts.py.
    with using(face_for([*strings_in(notice), *_wording_strings(kind)])):
        story = _story(notice, text, plain, marked)
        out = io.BytesIO()
        furniture = _furniture(notice, plain)
        doc = document(out, furniture, title=f"{plain['title']} — {plain['file_no']}",
                       subject=plain["file_no"])
        label = common()["labels"]["page"]

        def canvas_maker(*args: Any, **kwargs: Any) -> NumberedCanvas:
            return NumberedCanvas(*args, page_label=label, **kwargs)

        doc.build(story, canvasmaker=canvas_maker)
    return out.getvalue()


@cache
def _wording_strings(kind: str) -> tuple[str, ...]:
    return tuple(strings_in([common(), kind_text(kind)]))


def _story(notice: Mapping[str, Any], text: Mapping[str, Any], plain: Mapping[str, str],
           marked: Mapping[str, str]) -> list[Flowable]:
    labels = common()["labels"]
    kind = notice["kind"]
    addressee = notice["addressee"]
    where = kind

    def words(template: str) -> str:
        return fill(template, marked, where)

    story: list[Flowable] = [
        address_block(marked["addressee"], _address_lines(addressee), marked["date"]),
        Spacer(1, 0.22 * inch),
        para(words(text["title"]), "title"),
    ]
    re_rows = common()["re"]
    story.append(reference_block([(words(re_rows[key][0]), words(re_rows[key][1]))
                                  for key in text["re"]]))
    story.append(Spacer(1, 0.18 * inch))
    salutation = text.get("salutation", labels["salutation"])
    if salutation:
        story.append(para(words(salutation)))
    story += [para(words(p)) for p in text["intro"]]
    if money(notice["statement"]["totals"]["total_owing"], "statement.totals.total_owing") < 0:
        # More was paid than was owed: a kind may say what becomes of the credit.
        story += [para(words(p)) for p in text.get("in_credit", ())]

    if kind in ("arrangement", "deduction"):
        story += terms_table(text, marked)
    if kind == "court":
        story += parties_table(notice, words(text["parties_heading"]), marked)
    story.append(_figures(notice, text, plain, marked))
    if text.get("how_to_pay"):
        story += how_to_pay(notice, marked)
    if kind == "court":
        story += aging_table(notice, words(text["aging_heading"]))
        if notice["statement"].get("delinquent_since"):
            since_label, since_value = text["delinquent"]
            story.append(para(f"{words(since_label)}: <b>{words(since_value)}</b>", "spaced"))
        else:
            story.append(para(words(text["not_delinquent"]), "spaced"))
        story += payments_table(notice, words(text["payments_heading"]),
                                words(text["no_payments"]))
    if kind == "statement":
        story += statement_lines(notice, words(text["lines_heading"]))

    story.append(Spacer(1, 0.1 * inch))
    if notice.get("note"):
        story.append(para(markup(notice["note"])))
    outro = [para(words(p)) for p in text["outro"] if words(p).strip()]
    story += outro[:-1]
    officer = notice.get("officer") or {}
    story.append(signature_block(
        outro[-1:],
        words(text.get("closing", labels["closing"])),
        markup(officer.get("name", "")),
        markup(officer["title"]) if officer.get("title") else labels["signer_title"],
        marked["office"],
    ))
    return story


def _address_lines(addressee: Mapping[str, Any]) -> list[str]:
    lines = [markup(x) for x in addressee.get("address_lines", [])]
    if addressee.get("attention"):
        label = common()["labels"]["attention"]
        lines.insert(0, fill(label, {"contact": markup(addressee["attention"])}))
    return lines


def _figures(notice: Mapping[str, Any], text: Mapping[str, Any], plain: Mapping[str, str],
             marked: Mapping[str, str]) -> Flowable:
    figure_names = common()["figures"]
    keys = text["figures"]
    # A kind whose rows add up names the figures it takes away (payments) in `subtract`.
    subtract = set(text.get("subtract", ()))
    totals = notice["statement"]["totals"]
    rows = [(fill(figure_names[key], plain),
             show_money(-money(totals[key], f"statement.totals.{key}"), f"statement.totals.{key}")
             if key in subtract else plain[key]) for key in keys]
    bold_from = next((i for i, key in enumerate(keys) if key in _BOTTOM_LINE), len(keys))
    labels = common()["labels"]
    return figures_table(fill(labels["figures_heading"], marked), rows, bold_from,
                         amount_label=labels["amount"], item_label=labels["figure"])


def _furniture(notice: Mapping[str, Any], plain: Mapping[str, str]) -> Furniture:
    labels = common()["labels"]
    letterhead = notice["program"]["letterhead"]
    contact = []
    if letterhead.get("phone"):
        contact.append(fill(labels["phone"], plain))
    if letterhead.get("website"):
        contact.append(str(letterhead["website"]))
    return Furniture(
        office=letterhead["office"],
        address=tuple(letterhead.get("address", [])),
        contact=tuple(contact),
        later_header=fill(labels["later_header"], plain),
        confidential=fill(labels["confidential"], plain),
        page_label=labels["page"],
    )
