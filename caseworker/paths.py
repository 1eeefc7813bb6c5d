"""Where the program's shipped resources live (source tree or frozen build)."""

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, in _MEIPASS when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """A path inside `resources/`, e.g. resource("policies", "generic.toml")."""
    return resources_dir().joinpath(*parts)
