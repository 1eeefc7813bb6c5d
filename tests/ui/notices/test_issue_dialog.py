"""The issue dialog on the protected sample file: preview, issue, refusals, the safety rule."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from caseworker.models import AuditEvent, Notice
from caseworker.services.notices import stored_pdf
from caseworker.services.record import entries
from caseworker.ui.notices.issue_dialog import NOT_PREVIEWED, IssueDialog
from tests.ui.notices.conftest import choose, click, pdf_text

# Where the sample file's protected recipient lives (tests/conftest.py).
RECIPIENT_PLACE = ("Red Deer", "Hidden Lane", "T4N")


def _dialog(shown, ctx, case_id):
    return shown(IssueDialog(ctx, case_id))


def test_preview_shows_the_pages(qtbot, shown, sample_context, sample_case_id):
    dialog = _dialog(shown, sample_context, sample_case_id)
    choose(qtbot, dialog, "statement", "payor")
    click(qtbot, dialog.preview_button)
    assert dialog.pane.page_count() > 0
    assert all(not page.pixmap().isNull() for page in dialog.pane.pages)
    assert "Statement of Account" in pdf_text(dialog.pane.pdf)


def test_issue_waits_for_a_preview(qtbot, shown, sample_context, sample_case_id):
    dialog = _dialog(shown, sample_context, sample_case_id)
    assert not dialog.issue_button.isEnabled()
    assert dialog.issue_button.toolTip() == NOT_PREVIEWED


def test_changing_the_choice_after_a_preview_disables_issue(qtbot, shown, sample_context,
                                                           sample_case_id):
    dialog = _dialog(shown, sample_context, sample_case_id)
    choose(qtbot, dialog, "statement", "payor")
    click(qtbot, dialog.preview_button)
    assert dialog.issue_button.isEnabled()
    choose(qtbot, dialog, "statement", "recipient")
    assert not dialog.issue_button.isEnabled()
    assert dialog.pane.page_count() == 0


def test_issue_stores_the_pdf_with_its_hash_and_a_record_entry(qtbot, shown, sample_context,
                                                              sample_case_id):
    dialog = _dialog(shown, sample_context, sample_case_id)
    choose(qtbot, dialog, "statement", "payor")
    click(qtbot, dialog.preview_button)
    click(qtbot, dialog.issue_button)
    assert dialog.result() == dialog.DialogCode.Accepted
    with sample_context.db.reader() as session:
        notice = session.get(Notice, dialog.notice_id)
        assert (notice.kind, notice.addressee_role) == ("statement", "payor")
        assert hashlib.sha256(notice.pdf).hexdigest() == notice.sha256
        digest = notice.sha256
        texts = [e.text for e in entries(session, sample_case_id)]
    assert texts[0].startswith("Notice issued: Statement of account to the payor")
    assert digest[:16] in texts[0]


def test_what_is_issued_is_the_pdf_previewed(qtbot, shown, sample_context, sample_case_id):
    dialog = _dialog(shown, sample_context, sample_case_id)
    choose(qtbot, dialog, "court", "payor")
    click(qtbot, dialog.preview_button)
    previewed = dialog.pane.pdf
    click(qtbot, dialog.issue_button)
    with sample_context.db.reader() as session:
        assert stored_pdf(session, dialog.notice_id) == previewed


def test_issue_tells_the_window_the_file_changed(qtbot, shown, sample_context, sample_case_id):
    dialog = _dialog(shown, sample_context, sample_case_id)
    choose(qtbot, dialog, "statement", "payor")
    click(qtbot, dialog.preview_button)
    heard = []
    sample_context.hub.case_changed.connect(lambda case_id: heard.append(("case", case_id)))
    sample_context.hub.record_changed.connect(lambda case_id: heard.append(("record", case_id)))
    click(qtbot, dialog.issue_button)
    assert heard == [("case", sample_case_id), ("record", sample_case_id)]


def test_a_refused_notice_shows_the_reason_and_issue_stays_disabled(
        qtbot, shown, sample_context, sample_case_id):
    # The sample file has a credit-bureau stay in force.
    dialog = _dialog(shown, sample_context, sample_case_id)
    choose(qtbot, dialog, "intent", "payor", step="credit_bureau")
    click(qtbot, dialog.preview_button)
    assert dialog.reason.isVisible()
    assert "cannot get the notice" in dialog.reason.text()
    assert "stay of credit bureau reporting" in dialog.reason.text()
    assert not dialog.issue_button.isEnabled()
    assert dialog.pane.page_count() == 0


def test_an_employer_without_an_address_is_refused_plainly(qtbot, shown, sample_context,
                                                           sample_case_id):
    dialog = _dialog(shown, sample_context, sample_case_id)
    choose(qtbot, dialog, "deduction", "employer")
    click(qtbot, dialog.preview_button)
    assert "Northwind Logistics has no address on record" in dialog.reason.text()
    assert not dialog.issue_button.isEnabled()


def test_only_the_addressees_of_the_kind_are_offered(qtbot, shown, sample_context,
                                                     sample_case_id):
    dialog = _dialog(shown, sample_context, sample_case_id)
    choose(qtbot, dialog, "deduction", "employer")
    roles = [dialog.choice.to.itemData(i) for i in range(dialog.choice.to.count())]
    assert roles == ["employer"]
    assert dialog.choice.per_pay.isVisibleTo(dialog) and not dialog.choice.step.isVisibleTo(dialog)


def test_a_payor_preview_of_a_protected_file_hides_where_the_recipient_lives(
        qtbot, shown, sample_context, sample_case_id):
    dialog = _dialog(shown, sample_context, sample_case_id)
    for kind in ("statement", "court", "default"):
        choose(qtbot, dialog, kind, "payor")
        click(qtbot, dialog.preview_button)
        text = pdf_text(dialog.pane.pdf)
        assert "Sarah Kirkpatrick" in text  # named, never located
        for place in RECIPIENT_PLACE:
            assert place not in text, (kind, place)


def test_previewing_the_protected_recipients_own_notice_is_audited(
        qtbot, shown, sample_context, sample_case_id):
    dialog = _dialog(shown, sample_context, sample_case_id)

    def reads() -> int:
        with sample_context.db.reader() as session:
            return session.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.entity == "protected_address", AuditEvent.case_id == sample_case_id))

    before = reads()
    choose(qtbot, dialog, "statement", "recipient")
    click(qtbot, dialog.preview_button)
    assert "Red Deer" in pdf_text(dialog.pane.pdf)
    assert reads() == before + 1


def test_a_role_without_the_right_may_preview_but_not_issue(qtbot, shown, sample_context,
                                                            sample_case_id):
    ctx = replace(sample_context, actor=replace(sample_context.actor, role="investigator"))
    dialog = _dialog(shown, ctx, sample_case_id)
    choose(qtbot, dialog, "statement", "payor")
    click(qtbot, dialog.preview_button)
    assert dialog.pane.page_count() > 0
    assert not dialog.issue_button.isEnabled()
    assert dialog.issue_button.toolTip() == "Your role (investigator) may not issue notices."


def test_a_court_sheet_goes_to_the_attorney_the_officer_types(qtbot, shown, sample_context,
                                                              sample_case_id):
    dialog = _dialog(shown, sample_context, sample_case_id)
    choose(qtbot, dialog, "court", "attorney")
    assert dialog.choice.attorney_name.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.choice.attorney_name, "Priya Raman")
    qtbot.keyClicks(dialog.choice.attorney_firm, "Raman LLP")
    dialog.choice.attorney_address.setFocus()
    qtbot.keyClicks(dialog.choice.attorney_address, "9833 109 Street NW")
    qtbot.keyClick(dialog.choice.attorney_address, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.choice.attorney_address, "Edmonton AB  T5K 2E8")
    click(qtbot, dialog.preview_button)
    text = pdf_text(dialog.pane.pdf)
    assert "Priya Raman" in text and "Raman LLP" in text and "T5K 2E8" in text
    for place in RECIPIENT_PLACE:  # a protected file: counsel get the payor's side's sheet
        assert place not in text
    click(qtbot, dialog.issue_button)
    with sample_context.db.reader() as session:
        notice = session.get(Notice, dialog.notice_id)
        assert (notice.addressee_role, notice.addressee_name) == ("attorney", "Priya Raman")


def test_the_attorneys_fields_show_only_for_the_attorney(qtbot, shown, sample_context,
                                                         sample_case_id):
    dialog = _dialog(shown, sample_context, sample_case_id)
    choose(qtbot, dialog, "court", "payor")
    assert not dialog.choice.attorney_name.isVisibleTo(dialog)
    choose(qtbot, dialog, "statement", "payor")
    roles = [dialog.choice.to.itemData(i) for i in range(dialog.choice.to.count())]
    assert "attorney" not in roles


def test_a_payment_posted_between_preview_and_issue_shows_the_new_notice_first(
        qtbot, shown, sample_context, sample_case_id):
    from caseworker.services import payments
    from caseworker.ui.notices.issue_dialog import CHANGED

    def issued() -> int:
        with sample_context.db.reader() as session:
            return session.scalar(select(func.count()).select_from(Notice)
                                  .where(Notice.case_id == sample_case_id))

    before = issued()
    dialog = _dialog(shown, sample_context, sample_case_id)
    choose(qtbot, dialog, "statement", "payor")
    click(qtbot, dialog.preview_button)
    seen = dialog.pane.pdf
    sample_context.db.run(lambda session: payments.post_payment(
        session, actor=sample_context.actor, case_id=sample_case_id, received=dialog.today,
        amount="123.45", source="direct", today=dialog.today))
    click(qtbot, dialog.issue_button)
    assert dialog.notice_id is None and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.reason.text() == CHANGED
    assert dialog.pane.pdf != seen and "$123.45" in pdf_text(dialog.pane.pdf)
    assert issued() == before
    now_shown = dialog.pane.pdf
    click(qtbot, dialog.issue_button)  # the officer has now seen it
    with sample_context.db.reader() as session:
        assert stored_pdf(session, dialog.notice_id) == now_shown
