"""The engine's fast paths give exactly what the plain paths give (docs/ledger.md, Speed)."""

from __future__ import annotations

import random

import pytest

from caseworker.ledger.document import _bulk_payments, _checked_payment
from caseworker.ledger.errors import LedgerError

ODD_VALUES = {
    "id": ["P1", "", "P#1", 7, None, "X"],
    "received": ["2024-01-05", "20240105", "2024-W01-5", "2024-1-05", "2024-02-30",
                 "２０２４-01-05", "2024-01-05 ", "0000-01-01", 20240105, None],
    "amount": ["1", "1.5", "10.25", "0.00", "-1.00", "1.234", 5, "", None, "9999999999999.99"],
    "source": ["wage", "", 3, None],
    "reverses": ["P1", "", 4, None],
    "note": ["extra key"],
}


def _checked(items: list) -> list | str:
    seen: set[str] = set()
    try:
        return [_checked_payment(item, i, seen) for i, item in enumerate(items)]
    except LedgerError as exc:
        return str(exc)


@pytest.mark.parametrize("seed", range(300))
def test_bulk_payments_accept_only_what_the_checked_path_accepts(seed: int) -> None:
    rnd = random.Random(seed)
    items = []
    for n in range(rnd.randint(1, 6)):
        item = {"id": f"P{n + 2}", "received": f"2024-0{rnd.randint(1, 9)}-1{n}",
                "amount": f"{rnd.randint(1, 999)}.00", "source": "direct"}
        if rnd.random() < 0.3:
            key = rnd.choice(list(ODD_VALUES))
            value = rnd.choice(ODD_VALUES[key])
            if value is None:
                item.pop(key, None)
            else:
                item[key] = value
        items.append(item)
    if rnd.random() < 0.1:
        items.append(["not", "a", "dict"])
    bulk = _bulk_payments(items, set())
    checked = _checked(items)
    if bulk is not None:
        assert bulk == checked
    # Everything the checked path accepts and the bulk path turned down is a choice of speed,
    # never of meaning: the caller then takes the checked path anyway.


def test_bulk_payments_take_a_plain_list() -> None:
    items = [{"id": f"P{n}", "received": f"2024-03-{n:02d}", "amount": "150.00",
              "source": "wage"} for n in range(1, 29)]
    items.append({"id": "R1", "received": "2024-03-29", "amount": "150.00", "reverses": "P3"})
    bulk = _bulk_payments(items, set())
    assert bulk is not None and bulk == _checked(items)
