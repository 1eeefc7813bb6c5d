"""Caseworker: the desktop application of a support-enforcement program."""

from importlib.metadata import PackageNotFoundError, version


def _version_from_checkout() -> str:
    """The version in pyproject.toml beside the package (a source tree not installed)."""
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        with pyproject.open("rb") as handle:
            project = tomllib.load(handle)["project"]
    except (OSError, tomllib.TOMLDecodeError, KeyError):
        return "unknown"
    return project.get("version", "unknown") if project.get("name") == "caseworker" else "unknown"


try:
    # Installed, or frozen: build.spec bundles the package's metadata (copy_metadata).
    __version__ = version("caseworker")
except PackageNotFoundError:
    __version__ = _version_from_checkout()
