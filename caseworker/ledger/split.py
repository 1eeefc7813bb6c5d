"""Several cases of one payor (LEDGER.md section 9): each payment split across the cases."""

from __future__ import annotations

from collections import defaultdict

from caseworker.ledger.charges import PERIODIC, monthly_equivalent
from caseworker.ledger.dates import LAST_AS_OF, iso, month_bounds
from caseworker.ledger.document import Document, Entry, _payments, parse_document
from caseworker.ledger.engine import Engine, order_entries
from caseworker.ledger.errors import LedgerError, reject
from caseworker.ledger.money import fmt

_KEYS = {"payor", "cases", "payments"}


def prorate(amount: int, weights: list[int]) -> list[int]:
    """Cents split in proportion to weights; odd cents by largest remainder, first wins ties."""
    total = sum(weights)
    if total <= 0 or amount <= 0:
        return [0] * len(weights)
    shares = [amount * w // total for w in weights]
    remainders = [amount * w % total for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:amount - sum(shares)]:
        shares[i] += 1
    return shares


def split(payor_document: dict) -> list[dict]:
    """Each payment's share per case: current support first, then arrears, by proportion."""
    if not isinstance(payor_document, dict):
        raise reject("payor", "", "document", "must be a JSON object")
    extra = payor_document.keys() - _KEYS
    if extra:
        raise reject("payor", "", str(min(extra, key=str)), "is not a known key")
    cases = payor_document.get("cases")
    if not isinstance(cases, list) or not cases:
        raise reject("payor", "", "cases", "must be a non-empty list of account documents")
    docs = [_case_document(c, i) for i, c in enumerate(cases)]
    names = [d.case for d in docs]
    if len(set(names)) != len(names):
        raise reject("payor", "", "cases", "lists the same case twice")
    holder = Document()
    items = payor_document.get("payments", [])
    if not isinstance(items, list):
        raise reject("payor", "", "payments", "must be a list")
    _payments(holder, items, set())
    for pay in holder.entries:   # each split is a statement as of the payment date
        if pay.date > LAST_AS_OF:
            raise reject("payment", pay.id, "received",
                         f"must be no later than {iso(LAST_AS_OF)}, not {iso(pay.date)}")
    given: dict[str, list[int]] = {}
    current_given: dict[tuple[int, int], int] = defaultdict(int)
    out = []
    # A reversal dated the same day as its payment comes after it, whatever the ids.
    ordered = sorted(order_entries(holder.entries), key=lambda e: (e.date, e.etype == "reversal"))
    for pay in ordered:
        if pay.etype == "reversal":
            shares = [-s for s in given[pay.reverses or ""]]
            for doc, share in zip(docs, shares, strict=True):
                if share:
                    doc.entries.append(Entry(f"split#{pay.id}", pay.date, "reversal", -share,
                                             reverses=f"split#{pay.reverses}"))
                    doc.reversed_on[f"split#{pay.reverses}"] = pay.date
        else:
            shares = _shares(docs, pay, current_given)
            given[pay.id] = shares
            for doc, share in zip(docs, shares, strict=True):
                if share:
                    doc.entries.append(Entry(f"split#{pay.id}", pay.date, "payment", share,
                                             pay.source))
        out.append({"payment": pay.id,
                    "shares": {name: fmt(s) for name, s in zip(names, shares, strict=True)}})
    return out


def _case_document(raw: object, position: int) -> Document:
    """One case of the payor, its errors prefixed with the case they are in."""
    try:
        return parse_document(raw)
    except LedgerError as exc:
        case = raw.get("case") if isinstance(raw, dict) else None
        label = case if isinstance(case, str) and case else f"#{position + 1}"
        if exc.message.startswith(f"document {label}:"):   # already names the case
            raise
        raise LedgerError(f"case {label}: {exc.message}", field=exc.field,
                          ident=exc.ident) from None


def _shares(docs: list[Document], pay: Entry, current_given: dict) -> list[int]:
    first, last = month_bounds(pay.date)
    monthly = [monthly_equivalent(doc, pay.date) for doc in docs]
    current = [max(m - current_given[(i, first)], 0) for i, m in enumerate(monthly)]
    arrears = []
    for doc in docs:
        eng = Engine(doc, pay.date, last, record=False).run()
        due_now = sum(c.unpaid for c in eng.charges
                      if c.kind == PERIODIC and first <= c.due <= pay.date)
        arrears.append(max(eng.balance - due_now, 0))
    amount = pay.amount
    if amount <= sum(current):
        shares = prorate(amount, current)
    else:
        shares = list(current)
        rest = amount - sum(current)
        part = min(rest, sum(arrears))
        shares = [s + a for s, a in zip(shares, prorate(part, arrears), strict=True)]
        rest -= part
        if rest:
            extra = prorate(rest, monthly) if sum(monthly) else [rest] + [0] * (len(docs) - 1)
            shares = [s + a for s, a in zip(shares, extra, strict=True)]
    for i, share in enumerate(shares):
        current_given[(i, first)] += min(share, current[i])
    return shares
