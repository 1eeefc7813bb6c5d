"""Each notice's account summary adds up as printed, also on a file in credit."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from caseworker.notices import KINDS, render
from caseworker.notices.wording import common, kind_text
from tests.notices.notice_samples import notice, statement


def in_credit() -> dict:
    """A statement whose file holds a credit: 3,619.13 + 696.55 + 0 - 96.00 = 4,219.68."""
    data = statement()
    data["totals"].update(charged="20000.00", interest_charged="696.55", adjusted="0.00",
                          collected="16476.87", principal_owing="3619.13",
                          interest_owing="696.55", fees_owing="0.00", credit="96.00",
                          total_owing="4219.68")
    data["arrears"] = "4315.68"
    return data


def printed(text: str, label: str) -> Decimal:
    match = re.search(re.escape(label) + r"\s+(-?)\$([\d,]+\.\d\d)", text)
    assert match, f"{label!r} not printed"
    return Decimal(match.group(1) + match.group(2).replace(",", ""))


@pytest.mark.parametrize("kind", list(KINDS))
def test_figure_rows_add_up_to_the_total_owing_on_a_file_in_credit(kind):
    pdf = render(kind, notice(kind, statement=in_credit()))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    keys = kind_text(kind)["figures"]
    names = common()["figures"]
    above = keys[:keys.index("total_owing")]
    # The rows that make the total: what is owing less the credit (or, on the closure
    # letter, what was charged less what was paid).
    rows = above[above.index("principal_owing"):] if "principal_owing" in above else above
    assert "credit" in keys or kind == "closure"
    assert sum(printed(text, names[key]) for key in rows) == printed(text, names["total_owing"])
