"""Caseworker: the desktop application of a support-enforcement program."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("caseworker")
except PackageNotFoundError:  # running from a source tree or a frozen build
    __version__ = "0.1.0"
