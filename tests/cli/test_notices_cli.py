"""`caseworker notices kinds` and `caseworker notices make` against a real database file."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from caseworker.cli import main
from caseworker.models import Address, Case, Notice, RecordEntry, User
from caseworker.models.db import create_database, open_database
from caseworker.notices import KINDS
from caseworker.services.context import actor_for
from caseworker.services.intake import FileInput, PartyInput, register_file
from caseworker.services.orders import TermInput

TODAY = date(2026, 11, 23)


@pytest.fixture
def db_file(tmp_path):
    """A database with one officer and one file whose payor has an address."""
    path = tmp_path / "office.sqlite"
    db = create_database(path)
    with db.session() as s:
        s.add(User(username="olivia", full_name="Olivia Officer", role="officer", team="N"))
    with db.session() as s:
        actor = actor_for(s, "olivia")
        case_id = register_file(s, actor=actor, today=TODAY, given=FileInput(
            policy="generic",
            payor=PartyInput(given_name="John", family_name="Lee", line1="12 Main Street",
                             city="Calgary", region="AB", postal_code="T2P 1J9", country="CA"),
            recipient=PartyInput(given_name="Mary", family_name="Lee", line1="5 Hidden Lane",
                                 city="Red Deer", region="AB", postal_code="T4N 1A1",
                                 country="CA"),
            court="Court of King's Bench", order_made_on="2024-12-15",
            terms=[TermInput(kind="periodic", amount="400.00", frequency="monthly", day=1,
                             start="2025-01-01")]))
        file_no = s.get(Case, case_id).file_no
    db.dispose()
    return path, file_no


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_kinds_lists_every_kind_with_its_title(capsys):
    code, out, err = _run(capsys, "notices", "kinds")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(KINDS)
    assert "Support deduction notice" in out


def test_make_writes_the_pdf_without_changing_the_file(capsys, db_file, tmp_path):
    path, file_no = db_file
    out_pdf = tmp_path / "statement.pdf"
    code, out, err = _run(capsys, "notices", "make", "--db", str(path), "--case", file_no,
                          "--kind", "default", "--to", "payor", "--out", str(out_pdf),
                          "--date", "2026-11-23", "--as-of", "2026-11-22")
    assert code == 0, err
    assert str(out_pdf) in out
    pdf = out_pdf.read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert file_no in text and "John Lee" in text and "$9,200.00" in text
    db = open_database(path, read_only=True)
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Notice)) == 0
    db.dispose()


def test_make_is_repeatable(capsys, db_file, tmp_path):
    path, file_no = db_file
    args = ["notices", "make", "--db", str(path), "--case", file_no, "--kind", "statement",
            "--to", "recipient", "--date", "2026-11-23"]
    assert _run(capsys, *args, "--out", str(tmp_path / "a.pdf"))[0] == 0
    assert _run(capsys, *args, "--out", str(tmp_path / "b.pdf"))[0] == 0
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_issue_records_the_notice(capsys, db_file, tmp_path):
    path, file_no = db_file
    code, out, err = _run(capsys, "notices", "make", "--db", str(path), "--case", file_no,
                          "--kind", "intent", "--step", "credit_bureau", "--to", "payor",
                          "--out", str(tmp_path / "intent.pdf"), "--date", "2026-11-23",
                          "--issue", "olivia")
    assert code == 0, err
    assert "(issued)" in out
    db = open_database(path, read_only=True)
    with db.reader() as s:
        notice = s.scalars(select(Notice)).one()
        assert notice.pdf == (tmp_path / "intent.pdf").read_bytes()
        assert s.scalars(select(RecordEntry.text).order_by(RecordEntry.id.desc())).first() \
            .startswith("Notice issued")
    db.dispose()


@pytest.mark.parametrize(("change", "message"), [
    ({"--case": "XX-0000-00000"}, "no file numbered"),
    ({"--to": "employer", "--kind": "deduction"}, "no current employer"),
    ({"--kind": "intent"}, "needs the enforcement step"),
    ({"--as-of": "22/11/2026"}, "not a date"),
    ({"--db": "missing.sqlite"}, "no such file"),
    ({"--out": "/nonexistent/dir/x.pdf"}, "does not exist"),
])
def test_errors_are_one_line_and_exit_2(capsys, db_file, tmp_path, change, message):
    path, file_no = db_file
    options = {"--db": str(path), "--case": file_no, "--kind": "default", "--to": "payor",
               "--out": str(tmp_path / "x.pdf"), **change}
    argv = ["notices", "make"] + [x for pair in options.items() for x in pair]
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert err.startswith("caseworker: error:") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_protected_file_to_the_payor_from_the_command_line(capsys, db_file, tmp_path):
    path, file_no = db_file
    db = open_database(path)
    with db.session() as s:
        case = s.scalars(select(Case).where(Case.file_no == file_no)).one()
        case.family_violence = True
        recipient = case.people("recipient")[0]
        assert isinstance(recipient.addresses[0], Address)
    db.dispose()
    out_pdf = tmp_path / "court.pdf"
    code, _, err = _run(capsys, "notices", "make", "--db", str(path), "--case", file_no,
                        "--kind", "court", "--to", "payor", "--out", str(out_pdf))
    assert code == 0, err
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out_pdf.read_bytes())).pages)
    assert "Mary Lee" in text
    for secret in ("Hidden Lane", "Red Deer", "T4N"):
        assert secret not in text


def test_module_entry_point_runs():
    result = subprocess.run([sys.executable, "-m", "caseworker", "notices", "kinds"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "statement" in result.stdout


def test_court_sheet_to_an_attorney_from_the_command_line(capsys, db_file, tmp_path):
    path, file_no = db_file
    out_pdf = tmp_path / "court.pdf"
    code, out, err = _run(capsys, "notices", "make", "--db", str(path), "--case", file_no,
                          "--kind", "court", "--to", "attorney", "--out", str(out_pdf),
                          "--attorney-name", "Priya Raman", "--attorney-firm", "Raman LLP",
                          "--attorney-address", "9833 109 Street NW",
                          "--attorney-address", "Edmonton AB  T5K 2E8")
    assert code == 0, err
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out_pdf.read_bytes())).pages)
    assert "Priya Raman" in text and "Raman LLP" in text and "9833 109 Street NW" in text


def test_an_attorney_without_an_address_is_one_line_error(capsys, db_file, tmp_path):
    path, file_no = db_file
    code, _, err = _run(capsys, "notices", "make", "--db", str(path), "--case", file_no,
                        "--kind", "court", "--to", "attorney", "--out", str(tmp_path / "x.pdf"),
                        "--attorney-name", "Priya Raman")
    assert code == 2 and "give the attorney's address" in err
    assert len(err.strip().splitlines()) == 1
