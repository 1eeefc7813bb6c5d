"""Notices from a file: the notice data read from the database, and issuing a notice.

`notice_data` builds the dict that `caseworker.notices.render` prints (docs/notices.md),
applying the family-violence rule and refusing a file that cannot get the notice.
`issue_notice` keeps the PDF with the file, with its hash, and writes the running record.
The checks that refuse a notice are in `notice_checks`, the building of its data in
`notice_content`; their public names are kept importable from here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.models import Case, Notice
from caseworker.models.db import Database
from caseworker.notices import KINDS, NoticeDataError, render
from caseworker.notices.wording import common, kind_text, step_title
from caseworker.services import audit
from caseworker.services.accounts import policy_file
from caseworker.services.common import finish
from caseworker.services.context import Actor
from caseworker.services.errors import NotFound, ServiceError

# The checks and the notice data live in sibling modules; their names are kept here too.
from caseworker.services.notice_checks import _case, _one
from caseworker.services.notice_checks import _intent as _intent
from caseworker.services.notice_content import ADDRESSEES as ADDRESSEES
from caseworker.services.notice_content import DEFAULT_NOTICE_DAYS as DEFAULT_NOTICE_DAYS
from caseworker.services.notice_content import NOTICE_DAYS_KEY as NOTICE_DAYS_KEY
from caseworker.services.notice_content import PAY_FREQUENCIES as PAY_FREQUENCIES
from caseworker.services.notice_content import STATEMENT_MONTHS as STATEMENT_MONTHS
from caseworker.services.notice_content import notice_data as notice_data


def issue_notice(session: Session, actor: Actor, file_no: str, kind: str, to: str,
                 as_of: date | str | None = None, *, today: date | None = None,
                 previewed_sha256: str | None = None, **options: object) -> int:
    """Make the notice, keep its PDF and hash with the file, and log it; returns its id.

    Given `previewed_sha256`, the SHA-256 of the PDF the officer previewed, the notice is
    issued only if it is still exactly those bytes; if the file changed since (a payment
    recorded in between, say) NoticeChanged is raised with the new PDF and nothing is
    written. Everything is written in the caller's transaction: the notice row, the
    running-record entry, the audit event and the refreshed figures, or nothing.
    """
    actor.require("issue_notice")
    today = today or date.today()
    options.setdefault("officer", actor.full_name)
    data = notice_data(session, file_no, kind, to, as_of, today=today, **options)
    pdf = make_pdf(data)
    digest = hashlib.sha256(pdf).hexdigest()
    if previewed_sha256 is not None and digest != previewed_sha256:
        raise NoticeChanged(f"file {file_no} changed since the preview: the notice would no "
                            f"longer be the one shown", pdf)
    case = _case(session, file_no)
    addressee = data["addressee"]
    notice = Notice(case_id=case.id, kind=kind, addressee_role=to,
                    addressee_name=addressee["name"],
                    as_of=date.fromisoformat(data["statement"]["as_of"]),
                    issued_by=actor.user_id, pdf=pdf, sha256=digest)
    session.add(notice)
    session.flush()
    if case.family_violence and to == "recipient":
        # The protected party's own notice carries their address: a read to be accounted for.
        audit.record(session, user_id=actor.user_id, action="read", entity="protected_address",
                     entity_id=_one(case, "recipient").id, case_id=case.id,
                     detail={"notice": notice.id})
    words = data["program"]["words"]
    role = words.get(to, to) if to in ("payor", "recipient") else to
    detail = {"kind": kind, "to": to, "sha256": digest}
    who = addressee["name"]
    if to == "attorney":
        # Counsel are not on file: their address as typed is kept with the notice's record.
        detail["attorney"] = {"name": addressee["name"],
                              "address_lines": list(addressee["address_lines"])}
        who = f"{who} ({'; '.join(addressee['address_lines'])})"
    what = _what(data, kind)
    if what:
        detail["terms"] = what
    finish(session, actor, case,
           text=f"Notice issued: {KINDS[kind]}{f' ({what})' if what else ''} to the {role}, {who}, "
                f"figures as of {notice.as_of.isoformat()} (total owing "
                f"${Decimal(data['statement']['totals']['total_owing']):,.2f}); "
                f"PDF sha256 {digest[:16]}.",
           action="issue", entity="notice", entity_id=notice.id, today=today,
           detail=detail)
    return notice.id


def _what(data: dict, kind: str) -> str:
    """What this notice is about, for its running-record entry: the step, reason or amount."""
    words = data["program"]["words"]
    if kind == "intent":
        return step_title(data["step"], words)
    if kind == "closure":
        return kind_text("closure")["reasons"][data["closure_reason"]]["title"]
    if kind == "deduction":
        frequency = common()["frequencies"].get(data["pay_frequency"], data["pay_frequency"])
        return (f"${Decimal(data['deduction_per_pay']):,.2f} from each {frequency} pay from "
                f"{data['deduction_start']}")
    return ""


class NoticeChanged(ServiceError):
    """The file changed between the preview and Issue: the notice would not be the one shown.

    `pdf` holds the notice as it would be now, for a new preview.
    """

    def __init__(self, message: str, pdf: bytes):
        super().__init__(message)
        self.pdf = pdf


@dataclass(frozen=True)
class BatchResult:
    """What happened to one file of a batch: the notice issued, or why it was not."""

    file_no: str
    notice_id: int | None
    reason: str | None


def issue_batch(db: Database, actor: Actor, file_nos: Sequence[str], kind: str, to: str,
                as_of: date | str | None = None, *, today: date | None = None,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None,
                **options: object) -> list[BatchResult]:
    """Issue the same notice to many files, each in its own short transaction.

    A file that cannot get the notice is reported with the reason and the others go on;
    `progress(done, total)` is called after each file and `cancelled()` before each, so a
    worker thread can drive a progress bar and a cancel button. Files not reached after a
    cancel are simply absent from the result.
    """
    actor.require("issue_notice")  # a role without the right fails the whole batch at once
    today = today or date.today()
    results: list[BatchResult] = []
    for done, file_no in enumerate(file_nos, start=1):
        if cancelled is not None and cancelled():
            break
        try:
            notice_id = db.run(lambda session, file_no=file_no: issue_notice(
                session, actor, file_no, kind, to, as_of, today=today, **options))
            results.append(BatchResult(file_no, notice_id, None))
        except ServiceError as exc:
            results.append(BatchResult(file_no, None, str(exc)))
        if progress is not None:
            progress(done, len(file_nos))
    return results


def preview_notice(session: Session, file_no: str, kind: str, to: str,
                   as_of: date | str | None = None, **options: object) -> bytes:
    """The PDF the notice would be, without issuing it (for a preview pane)."""
    return make_pdf(notice_data(session, file_no, kind, to, as_of, **options))


def stored_pdf(session: Session, notice_id: int, *, actor: Actor | None = None) -> bytes:
    """The PDF of an issued notice exactly as sent, after checking it against its hash.

    Given the `actor` (in a write transaction), opening a protected recipient's own notice,
    which carries their address, is recorded as a read like the one made when it was issued.
    """
    notice = session.get(Notice, notice_id)
    if notice is None:
        raise NotFound(f"no notice numbered {notice_id}")
    if hashlib.sha256(notice.pdf).hexdigest() != notice.sha256:
        raise ServiceError(f"the stored PDF of notice {notice_id} does not match its SHA-256: "
                           f"it is not the notice as sent")
    if actor is not None and notice.addressee_role == "recipient":
        _audit_recipient_read(session, actor, notice.case_id, {"notice": notice_id})
    return notice.pdf


def audit_preview(session: Session, actor: Actor, file_no: str, to: str) -> bool:
    """Record that a preview showed a protected recipient their own address; True if so."""
    return to == "recipient" and _audit_recipient_read(
        session, actor, _case(session, file_no).id, {"preview": True})


def file_numbers(session: Session, case_ids: Sequence[int]) -> dict[int, str]:
    """File numbers by case id, for a batch picked from the queue (unknown ids are left out)."""
    rows = session.execute(select(Case.id, Case.file_no).where(Case.id.in_(list(case_ids))))
    return {case_id: file_no for case_id, file_no in rows}


def program_words(session: Session, case_id: int) -> dict[str, str]:
    """The words of a file's program (its policy's [words]), for choices shown to the officer."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"no file with id {case_id}")
    words = policy_file(case.policy).get("words", {})
    return {key: text for key, text in words.items() if isinstance(text, str)}


def _audit_recipient_read(session: Session, actor: Actor, case_id: int, detail: dict) -> bool:
    case = session.get(Case, case_id)
    if case is None or not case.family_violence:
        return False
    audit.record(session, user_id=actor.user_id, action="read", entity="protected_address",
                 entity_id=_one(case, "recipient").id, case_id=case.id, detail=detail)
    return True


def make_pdf(data: dict) -> bytes:
    """Render notice data, turning the writer's refusal into a ServiceError."""
    try:
        return render(data["kind"], data)
    except NoticeDataError as exc:
        raise ServiceError(f"the notice cannot be printed: {exc}") from None
