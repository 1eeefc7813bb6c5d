"""The ledger engine: an account document in, every figure of its statement out (pure)."""

# First: a compiled ledger (native.py) whose sources changed since is refused, not run.
from caseworker.ledger.native import check as _check

_check()

from caseworker.ledger.errors import LedgerError  # noqa: E402
from caseworker.ledger.projection import payoff  # noqa: E402
from caseworker.ledger.split import split  # noqa: E402
from caseworker.ledger.statement import statement  # noqa: E402

__all__ = ["LedgerError", "payoff", "split", "statement"]
