"""Plain-text renderings an officer can print or hand to a client."""

from __future__ import annotations

DEFAULT_WORDS = {"file": "file", "payor": "payor", "recipient": "recipient",
                 "arrangement": "arrangement", "program": "program"}
_TOTALS = (("charged", "Support and other charges"), ("interest_charged", "Interest charged"),
           ("adjusted", "Adjustments"), ("collected", "Payments received (net of reversals)"),
           ("principal_owing", "Principal owing"), ("interest_owing", "Interest owing"),
           ("fees_owing", "Fees owing"), ("credit", "Credit (received, not yet applied)"),
           ("total_owing", "TOTAL OWING"))


def money(text: str | None) -> str:
    """An amount string with thousands separators: "-12345.60" -> "-12,345.60"."""
    if text is None:
        return ""
    sign, body = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, cents = body.partition(".")
    return f"{sign}{int(whole):,}.{cents or '00'}"


def _words(words: dict | None) -> dict:
    merged = dict(DEFAULT_WORDS)
    merged.update({k: v for k, v in (words or {}).items() if isinstance(v, str)})
    return merged


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()
    return [line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows]


def _pairs(pairs: list[tuple[str, str]], indent: str = "  ") -> list[str]:
    width = max(len(label) for label, _ in pairs)
    amounts = max(len(value) for _, value in pairs)
    return [f"{indent}{label.ljust(width)}  {value.rjust(amounts)}" for label, value in pairs]


DESCRIPTION_WIDTH = 40


def clip(text: str, width: int = DESCRIPTION_WIDTH) -> str:
    """`text` cut to `width` characters at a word, ending in "…" when anything was cut."""
    if len(text) <= width:
        return text
    head = text[:width - 1]
    space = head.rfind(" ")
    if space >= width // 2:   # a word boundary not too far back; else cut inside the word
        head = head[:space]
    return head.rstrip(" ,;:-") + "…"


def _heading(title: str, w: dict, result: dict, currency: str | None) -> list[str]:
    lines = [title, f"{w['file'].capitalize()}: {result['case']}    As of: {result['as_of']}"]
    if currency:
        lines.append(f"Amounts in {currency}")
    return lines + [""]


def render_statement(result: dict, words: dict | None = None,
                     currency: str | None = None) -> str:
    """The statement of `caseworker.ledger.statement` as aligned text.

    `currency` (the document's, e.g. "CAD") is named under the heading and beside the
    totals; the statement itself carries no currency (LEDGER.md section 7).
    """
    w = _words(words)
    out = _heading("STATEMENT OF ACCOUNT", w, result, currency)
    rows = [[ln["date"], clip(ln["description"]),
             "" if ln["debit"] == "0.00" else money(ln["debit"]),
             "" if ln["credit"] == "0.00" else money(ln["credit"]), money(ln["balance"])]
            for ln in result["lines"]]
    out += _table(["Date", "Description", "Debit", "Credit", "Balance"], rows, {2, 3, 4})
    totals = result["totals"]
    heading = f"Totals ({currency})" if currency else "Totals"
    out += ["", heading] + _pairs([(label, money(totals[key])) for key, label in _TOTALS])
    out += ["", f"Arrears (owing and due before {result['as_of']}): {money(result['arrears'])}"]
    since = result.get("delinquent_since")
    out.append(f"In arrears of a month's support or more since: {since}" if since
               else "Not in arrears of a month's support or more.")
    labels = {"recipient": w["recipient"], "program": w["program"]}
    out += ["", "Owing by payee"] + _pairs([(labels.get(k, k), money(v))
                                           for k, v in result["by_payee"].items()])
    out += ["", "Unpaid principal by days past due"] + _pairs(
        [(f"{k} days", money(v)) for k, v in result["aging"].items()])
    if result.get("arrangement"):
        out += ["", w["arrangement"].capitalize() + " periods"]
        rows = [[a["id"], a["start"], a["end"], money(a["expected"]), money(a["received"]),
                 money(a["shortfall"]), "DEFAULT" if a.get("in_default") else ""]
                for a in result["arrangement"]]
        out += _table(["Id", "From", "To", "Expected", "Received", "Shortfall", "Status"], rows,
                      {3, 4, 5})
    return "\n".join(out) + "\n"


def render_payoff(result: dict, words: dict | None = None, currency: str | None = None) -> str:
    """The payoff projection of `caseworker.ledger.payoff` as text."""
    w = _words(words)
    out = _heading("PAYOFF PROJECTION", w, result, currency)
    pairs = [("Owing on the as-of date", money(result["owing"])),
             ("Payment", f"{money(result['payment'])} {result['frequency'].replace('_', '-')}"),
             ("First payment", result.get("first_payment") or "-")]
    if result["payments"] is not None:
        pairs += [("Number of payments", str(result["payments"])),
                  ("Paid off on", result["paid_off"] or "-"),
                  ("Last payment", money(result.get("last_payment_amount")) or "-"),
                  ("Interest paid on the way", money(result["interest_paid"]))]
    out += _pairs(pairs, "")
    out += ["", result["message"]]
    return "\n".join(out) + "\n"


def render_split(result: list[dict], words: dict | None = None) -> str:
    """The split of `caseworker.ledger.split` as a table: one row per payment."""
    w = _words(words)
    cases = list(result[0]["shares"]) if result else []
    rows = [[item["payment"]] + [money(item["shares"][c]) for c in cases] for item in result]
    head = ["Payment"] + cases
    lines = [f"PAYMENT SPLIT ACROSS A {w['payor'].upper()}'S {w['file'].upper()}S", ""]
    lines += _table(head, rows, set(range(1, len(head))))
    return "\n".join(lines) + "\n"
