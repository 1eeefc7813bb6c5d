"""The `caseworker` command: parses arguments and hands each subcommand to its module."""

from __future__ import annotations

import argparse
import importlib
import sys

from caseworker import __version__

# Each module registers its subcommand with `register(subparsers)` and sets
# `func` on its parser; the function returns the exit code.
_SUBCOMMANDS = ("gui", "demo", "ledger", "notices")
_TOP_LEVEL_OPTIONS = ("-h", "--help", "--version")
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong argument is one line naming it (and `--help` for the rest),
    like every other error of the command; the subcommands' parsers are of this class too."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(EXIT_USAGE, f"caseworker: error: {self.prog}: {message} "
                              f"(see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="caseworker",
        description="Caseworker: support-enforcement case management.",
    )
    parser.add_argument("--version", action="version", version=f"caseworker {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _SUBCOMMANDS:
        try:
            module = importlib.import_module(f"caseworker.cli.{name}")
        except ModuleNotFoundError as exc:  # a subcommand not built yet
            if exc.name != f"caseworker.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    # No subcommand means "open the window", so `caseworker DB --user bob` works too.
    if not argv or (argv[0] not in _SUBCOMMANDS and argv[0] not in _TOP_LEVEL_OPTIONS):
        argv = ["gui", *argv]
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


def fail(message: str) -> int:
    """Print one clear line on stderr and return the usage exit code."""
    print(f"caseworker: error: {message}", file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
