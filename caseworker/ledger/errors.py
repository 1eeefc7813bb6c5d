"""The one exception the ledger raises for bad input."""

from __future__ import annotations


class LedgerError(ValueError):
    """Bad input: carries the offending field, the id it belongs to and one clear message."""

    def __init__(self, message: str, field: str = "", ident: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.ident = ident

    def __str__(self) -> str:
        return self.message


def reject(where: str, ident: str, field: str, problem: str) -> LedgerError:
    """Build the error for `field` of the `where` named `ident` (e.g. term T2)."""
    subject = f"{where} {ident}" if ident else where
    return LedgerError(f"{subject}: {field} {problem}", field=field, ident=ident)
