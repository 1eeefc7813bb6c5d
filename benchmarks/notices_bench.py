"""Times 1,000 statement notices against 1,000 bare reportlab letters with the same table."""

from __future__ import annotations

import argparse
import io
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import letter  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table  # noqa: E402

from caseworker.notices import render  # noqa: E402

MONTHS = 12


def statement_data(n: int) -> dict:
    """A year of monthly support and payments on one file, as the data builder would send."""
    balance = Decimal("2400.00")
    lines = []
    for month in range(1, MONTHS + 1):
        balance += Decimal("520.00")
        lines.append({"date": f"2026-{month:02d}-01", "kind": "charge", "ref": f"T1#{month}",
                      "description": "Child support", "debit": "520.00", "credit": "0.00",
                      "balance": str(balance)})
        balance -= Decimal("450.00")
        lines.append({"date": f"2026-{month:02d}-14", "kind": "payment", "ref": f"P{month}",
                      "description": "Payment received", "debit": "0.00",
                      "credit": "450.00", "balance": str(balance)})
    file_no = f"GEN-2020-{n:05d}"
    return {
        "kind": "statement", "date": "2026-12-31", "file_no": file_no, "protected": False,
        "program": {
            "words": {"payor": "payor", "recipient": "recipient", "file": "file",
                      "running_record": "running record", "arrangement": "payment arrangement",
                      "program": "support enforcement program"},
            "letterhead": {"office": "Support Enforcement Office",
                           "address": ["100 Main Street", "Springfield"],
                           "phone": "555-0100", "website": "https://example.org"},
        },
        "addressee": {"name": f"Payor {n}", "role": "payor",
                      "address_lines": ["12 Elm Street", "Springfield"]},
        "payor": {"name": f"Payor {n}"}, "recipient": {"name": f"Recipient {n}"},
        "statement": {
            "case": file_no, "as_of": "2026-12-31",
            "totals": {"charged": "8640.00", "collected": "5400.00", "adjusted": "0.00",
                       "interest_charged": "0.00", "principal_owing": str(balance),
                       "interest_owing": "0.00", "fees_owing": "0.00", "credit": "0.00",
                       "total_owing": str(balance)},
            "arrears": str(balance - Decimal("70.00")), "lines": lines,
        },
    }


def bare_letter(data: dict) -> bytes:
    """The comparison: a plain reportlab letter with tables of the same rows and columns."""
    out = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(out, pagesize=letter, invariant=1)
    totals = data["statement"]["totals"]
    story = [Paragraph(data["program"]["letterhead"]["office"], styles["Title"]),
             Paragraph(data["addressee"]["name"], styles["Normal"]),
             Paragraph(f"Re: {data['file_no']}", styles["Normal"]),
             Paragraph("Dear payor, here is your statement. " * 6, styles["Normal"]),
             Table([["Item", "Amount"], *[[k, v] for k, v in totals.items()],
                    ["arrears", data["statement"]["arrears"]]]),
             Table([["Date", "Description", "Charges", "Credits", "Balance"],
                    *[[ln["date"], ln["description"], ln["debit"], ln["credit"], ln["balance"]]
                      for ln in data["statement"]["lines"]]], repeatRows=1),
             Paragraph("Yours truly, the office. " * 4, styles["Normal"])]
    doc.build(story)
    return out.getvalue()


def timed(count: int, rounds: int = 10) -> tuple[float, float, int, int]:
    """Both timings, taken in alternating rounds so that a busy machine slows both alike."""
    datas = [statement_data(n) for n in range(count)]
    notices = bare = 0.0
    notice_bytes = bare_bytes = 0
    step = max(1, count // rounds)
    for start in range(0, count, step):
        chunk = datas[start:start + step]
        began = time.perf_counter()
        notice_bytes += sum(len(render("statement", data)) for data in chunk)
        middle = time.perf_counter()
        bare_bytes += sum(len(bare_letter(data)) for data in chunk)
        notices += middle - began
        bare += time.perf_counter() - middle
    return notices, bare, notice_bytes, bare_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    count = parser.parse_args().count
    render("statement", statement_data(0))  # load wording and fonts before timing
    bare_letter(statement_data(0))
    notices, bare, notice_bytes, bare_bytes = timed(count)
    print(f"{count} statement notices: {notices:.2f} s ({notices / count * 1000:.1f} ms each, "
          f"{notice_bytes // count} bytes each)")
    print(f"{count} bare reportlab letters with the same tables: {bare:.2f} s "
          f"({bare / count * 1000:.1f} ms each, {bare_bytes // count} bytes each)")
    ratio = notices / bare
    print(f"ratio: {ratio:.2f}x (target: within 2x) -> {'OK' if ratio <= 2 else 'OVER'}")


if __name__ == "__main__":
    main()
