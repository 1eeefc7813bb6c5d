"""Scenario files in tests/ledger/cases: a document and the figures a careful accountant expects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseworker.ledger import payoff, split, statement

CASES = sorted((Path(__file__).parent / "cases").glob("*.json"))


def _matches(actual: object, expected: object) -> bool:
    """Expected dicts are subsets of actual ones; lists match item by item and in length."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and _matches(actual[k], v) for k, v in expected.items())
    if isinstance(expected, list):
        return (isinstance(actual, list) and len(actual) == len(expected)
                and all(_matches(a, e) for a, e in zip(actual, expected, strict=True)))
    return actual == expected


def _check_statement(result: dict, expect: dict) -> None:
    for key, value in expect.items():
        if key.endswith("_contain"):
            items = result[key.removesuffix("_contain")]
            for wanted in value:
                assert any(_matches(item, wanted) for item in items), f"{key}: {wanted}"
        elif key.endswith("_exclude"):
            items = result[key.removesuffix("_exclude")]
            for unwanted in value:
                assert not any(_matches(item, unwanted) for item in items), f"{key}: {unwanted}"
        else:
            assert _matches(result[key], value), f"{key}: {result[key]!r} != {value!r}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case = json.loads(path.read_text())
    assert case["notes"], "every scenario explains its arithmetic"
    for check in case["checks"]:
        (kind, spec), = check.items()
        # A check may change top-level keys of the document (e.g. another policy).
        document = {**case.get("document", {}), **spec.get("with", {})}
        if kind == "statement":
            result = statement(document, spec.get("as_of"))
            _check_statement(result, spec["expect"])
            # Deterministic: the same document gives byte-identical JSON.
            again = statement(json.loads(json.dumps(document)), spec.get("as_of"))
            assert json.dumps(again) == json.dumps(result)
        elif kind == "payoff":
            result = payoff(document, spec["payment"], spec.get("frequency", "monthly"),
                            spec.get("day"))
            assert _matches(result, spec["expect"]), result
            if result["payments"] is None:
                assert "never" in result["message"]
        elif kind == "split":
            result = split(json.loads(json.dumps(case["payor"])))
            assert _matches(result, spec["expect"]), result
        else:  # pragma: no cover - a typo in a scenario file
            pytest.fail(f"unknown check {kind}")


def test_there_are_enough_scenarios() -> None:
    assert len(CASES) >= 15
