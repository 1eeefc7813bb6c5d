"""Dialogs for working a file: intake, orders, money, approvals, arrangements, stale saves."""
