"""`caseworker ledger ...` from the command line: output formats and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseworker.cli import main

CASES = Path(__file__).resolve().parent.parent / "ledger" / "cases"


@pytest.fixture()
def account(tmp_path: Path) -> Path:
    doc = json.loads((CASES / "ledger_md_example.json").read_text())["document"]
    path = tmp_path / "account.json"
    path.write_text(json.dumps(doc))
    return path


@pytest.fixture()
def payor(tmp_path: Path) -> Path:
    doc = json.loads((CASES / "split_two_families.json").read_text())["payor"]
    path = tmp_path / "payor.json"
    path.write_text(json.dumps(doc))
    return path


def _error(capsys: pytest.CaptureFixture, code: int) -> str:
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_statement_json(account: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["ledger", "statement", str(account)]) == 0
    out = capsys.readouterr().out
    result = json.loads(out)
    assert list(result) == ["case", "as_of", "totals", "arrears", "by_payee", "aging",
                            "delinquent_since", "arrangement", "lines", "allocations"]
    assert result["totals"]["total_owing"] == "98850.00"
    assert out == json.dumps(result, indent=2) + "\n"


def test_statement_as_of(account: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["ledger", "statement", str(account), "--as-of", "2011-03-31"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["as_of"] == "2011-03-31"
    assert result["totals"]["charged"] == "3650.00"


def test_statement_text(account: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["ledger", "statement", str(account), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "AB-2011-00042" in out and "98,850.00" in out and "731+ days" in out
    table = [ln for ln in out.splitlines() if ln[:4].isdigit() and ln[4] == "-"]
    # Columns are aligned: every balance ends in the same column.
    assert len({len(ln) for ln in table}) == 1


def test_payoff_json_and_text(account: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["ledger", "payoff", str(account), "--payment", "1500.00", "--day", "1"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["payments"] == 101 and result["paid_off"] == "2035-04-01"
    assert main(["ledger", "payoff", str(account), "--payment", "1500", "--format", "text"]) == 0
    assert "Number of payments" in capsys.readouterr().out


def test_payoff_never(account: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["ledger", "payoff", str(account), "--payment", "100.00"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["payments"] is None and "never catches up" in result["message"]


def test_split_json_and_text(payor: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["ledger", "split", str(payor)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result[0] == {"payment": "W1", "shares": {"FAM-A": "400.00", "FAM-B": "200.00"}}
    assert main(["ledger", "split", str(payor), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "FAM-A" in out and "400.00" in out


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    err = _error(capsys, main(["ledger", "statement", str(tmp_path / "none.json")]))
    assert "none.json" in err and "no such file" in err


def test_unreadable_json(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{\"case\": ")
    err = _error(capsys, main(["ledger", "statement", str(path)]))
    assert "bad.json" in err and "not valid JSON" in err


@pytest.mark.parametrize("text", ["1" * 5000, "[" * 5000 + "]" * 5000],
                         ids=["number too long", "nesting too deep"])
def test_json_python_cannot_hold_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture,
                                            text: str) -> None:
    path = tmp_path / "odd.json"
    path.write_text(text)
    err = _error(capsys, main(["ledger", "statement", str(path)]))
    assert "odd.json" in err and "not valid JSON" in err


def test_text_statement_of_an_id_that_cannot_be_written(account: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    doc = json.loads(account.read_text())
    doc["case"] = "C\ud800"   # valid JSON, not encodable: shown escaped
    account.write_text(json.dumps(doc))
    assert main(["ledger", "statement", str(account), "--format", "text"]) == 0
    assert "C\\ud800" in capsys.readouterr().out


@pytest.mark.parametrize("change,words", [
    ({"policy": "atlantis"}, "policy atlantis"),
    ({"terms": [{"id": "T1", "kind": "lump_sum", "amount": 12.5, "due": "2020-01-01"}]},
     "term T1: amount"),
    ({"payments": [{"id": "P1", "received": "2020-02-30", "amount": "1.00"}]},
     "payment P1: received"),
    ({"colour": "red"}, "colour is not a known key"),
])
def test_bad_documents(account: Path, capsys: pytest.CaptureFixture, change: dict,
                       words: str) -> None:
    doc = json.loads(account.read_text())
    doc.update(change)
    account.write_text(json.dumps(doc))
    for command in (["statement", str(account)], ["payoff", str(account), "--payment", "10"]):
        err = _error(capsys, main(["ledger", *command]))
        assert words in err


def test_bad_as_of(account: Path, capsys: pytest.CaptureFixture) -> None:
    err = _error(capsys, main(["ledger", "statement", str(account), "--as-of", "2020-02-30"]))
    assert "as_of" in err


@pytest.mark.parametrize("payment", ["ten", "-5", "0"])
def test_bad_payment(account: Path, capsys: pytest.CaptureFixture, payment: str) -> None:
    err = _error(capsys, main(["ledger", "payoff", str(account), "--payment", payment]))
    assert "payment" in err


@pytest.mark.parametrize("day", ["x", "0", "32", "\u00b2"])
def test_bad_day(account: Path, capsys: pytest.CaptureFixture, day: str) -> None:
    err = _error(capsys, main(["ledger", "payoff", str(account), "--payment", "10", "--day", day]))
    assert "day" in err


def test_bad_frequency(account: Path, capsys: pytest.CaptureFixture) -> None:
    err = _error(capsys, main(["ledger", "payoff", str(account), "--payment", "10",
                               "--frequency", "daily"]))
    assert "frequency" in err


def test_bad_split_document(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "payor.json"
    path.write_text(json.dumps({"cases": []}))
    err = _error(capsys, main(["ledger", "split", str(path)]))
    assert "cases" in err


def test_statement_without_a_file(capsys: pytest.CaptureFixture) -> None:
    _error(capsys, main(["ledger", "statement"]))


# The calendar ends on 9999-12-31 and a statement looks up to a year past its as-of date.
@pytest.mark.parametrize("as_of", ["9999-12-15", "9999-01-01", "9999-12-31"])
def test_an_as_of_date_too_late_to_carry_is_refused(account: Path, capsys: pytest.CaptureFixture,
                                                   as_of: str) -> None:
    err = _error(capsys, main(["ledger", "statement", str(account), "--as-of", as_of]))
    assert "as_of" in err and "9998-12-31" in err and "AB-2011-00042" in err
    doc = json.loads(account.read_text())
    doc["as_of"] = as_of
    account.write_text(json.dumps(doc))
    for command in (["statement", str(account)], ["payoff", str(account), "--payment", "10"]):
        err = _error(capsys, main(["ledger", *command]))
        assert "as_of" in err and "9998-12-31" in err


@pytest.mark.parametrize("policy", ["generic", "bc-fmep", "ca-county"])
def test_the_last_as_of_date_is_computed(tmp_path: Path, capsys: pytest.CaptureFixture,
                                         policy: str) -> None:
    doc = {"case": "FAR-1", "policy": policy, "as_of": "9998-12-31",
           "terms": [{"id": "T1", "kind": "periodic", "amount": "100.00",
                      "frequency": "quarterly", "day": 31, "start": "9990-01-31"},
                     {"id": "T2", "kind": "periodic", "amount": "10.00",
                      "frequency": "weekly", "start": "9990-01-03"}],
           "arrangements": [{"id": "PA1", "amount": "50.00", "frequency": "annually",
                             "day": 31, "start": "9991-12-31"}]}
    path = tmp_path / "far.json"
    path.write_text(json.dumps(doc))
    assert main(["ledger", "statement", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["arrangement"][-1]["start"] == "9998-12-31"
    assert result["arrangement"][-1]["end"] == "9999-12-30"
    assert main(["ledger", "payoff", str(path), "--payment", "100000.00"]) == 0
    assert json.loads(capsys.readouterr().out)["payments"] == 1


def test_a_payoff_stops_at_the_last_day_it_can_project_to(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture) -> None:
    # /tmp/audit3/bad/far2.json: the 10-year horizon of a 9990 as-of date passes 9999.
    doc = {"case": "FAR-2", "policy": "generic", "as_of": "9990-01-01",
           "terms": [{"id": "T1", "kind": "periodic", "amount": "100.00",
                      "frequency": "monthly", "day": 1, "start": "2025-01-01"}]}
    path = tmp_path / "far2.json"
    path.write_text(json.dumps(doc))
    assert main(["ledger", "payoff", str(path), "--payment", "10.00"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["payments"] is None and result["paid_off"] is None
    assert "by 9999-11-30" in result["message"]
    assert main(["ledger", "payoff", str(path), "--payment", "10000000.00"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["payments"] == 1 and result["paid_off"] == "9990-02-01"


def test_a_split_payment_too_late_to_carry_is_refused(payor: Path,
                                                      capsys: pytest.CaptureFixture) -> None:
    doc = json.loads(payor.read_text())
    doc["payments"][0]["received"] = "9999-12-20"
    payor.write_text(json.dumps(doc))
    err = _error(capsys, main(["ledger", "split", str(payor)]))
    assert "received" in err and "9998-12-31" in err


@pytest.mark.parametrize("where,change,words", [
    (1, {"terms": [{"id": "T1", "kind": "lump_sum", "amount": 12.5, "due": "2020-01-01"}]},
     "term T1: amount"),
    (0, {"policy": {"alocation": []}}, "unknown key 'alocation'"),
    (1, {"case": ""}, "case"),
])
def test_a_split_error_names_the_case(payor: Path, capsys: pytest.CaptureFixture, where: int,
                                      change: dict, words: str) -> None:
    doc = json.loads(payor.read_text())
    case = doc["cases"][where]["case"]
    doc["cases"][where].update(change)
    payor.write_text(json.dumps(doc))
    err = _error(capsys, main(["ledger", "split", str(payor)]))
    assert words in err
    label = case if change.get("case", case) else f"#{where + 1}"
    assert f"case {label}: " in err
