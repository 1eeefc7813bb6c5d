"""The demo caseload: a deterministic generator of realistic enforcement files."""

from caseworker.demo.build import BuildReport, build_demo

__all__ = ["BuildReport", "build_demo"]
