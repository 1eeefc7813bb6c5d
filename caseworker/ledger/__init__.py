"""The ledger engine: an account document in, every figure of its statement out (pure)."""

from caseworker.ledger.errors import LedgerError
from caseworker.ledger.projection import payoff
from caseworker.ledger.split import split
from caseworker.ledger.statement import statement

__all__ = ["LedgerError", "payoff", "split", "statement"]
