"""Family violence: nothing that locates the protected recipient reaches the other side."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from caseworker.notices import KINDS, render
from caseworker.notices.wording import kind_text
from tests.notices.notice_samples import RECIPIENT_LOCATION, notice

# Every piece of the recipient's location the sample data carries.
SECRETS = ["77 Quietwood", "Quietwood Crescent", "Lethbridge", "T1K 9Z9", "T1K",
           "Oldman River", "Dental Clinic", "Bluff Road", "403-555-0199"]


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    words = " ".join(page.extract_text() for page in reader.pages)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return " ".join(f"{words} {meta}".split())


def other_side(kind: str) -> list[str]:
    """Every addressee of this kind who is not the protected recipient."""
    return [role for role in kind_text(kind)["addressees"] if role != "recipient"]


CASES = [(kind, role) for kind in KINDS for role in other_side(kind)]


def test_every_kind_is_covered():
    assert {kind for kind, _ in CASES} == set(KINDS)
    assert ("deduction", "employer") in CASES and ("statement", "payor") in CASES


@pytest.mark.parametrize(("kind", "role"), CASES)
def test_location_in_the_data_is_not_printed(kind, role):
    """Defence in depth: the builder slipped the location in, the writer leaves it out."""
    data = notice(kind, to=role, protected=True,
                  note="The recipient moved to Lethbridge (T1K 9Z9) and works at "
                       "Oldman River Dental Clinic.")
    data["payments"] = [{"date": "2026-10-12", "amount": "100.00", "source": "direct",
                         "reference": "Lethbridge counter", "note": "paid at 77 Quietwood"}]
    data["statement"]["lines"][1]["description"] = "Payment taken in Lethbridge"
    text = text_of(render(kind, data))
    assert "AB-2011-00042" in text and data["addressee"]["name"] in text
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), f"{kind} to {role} shows {secret!r}"


@pytest.mark.parametrize(("kind", "role"), CASES)
def test_recipient_name_and_figures_still_print(kind, role):
    text = text_of(render(kind, notice(kind, to=role, protected=True)))
    assert "$3,872.37" in text
    if kind in ("statement", "default", "arrangement", "intent", "court", "closure"):
        assert "Marie-Claire Halvorsen" in text


def test_same_data_unprotected_does_show_the_address_on_the_court_sheet():
    """The check above is not vacuous: without the flag, counsel sees both addresses."""
    text = text_of(render("court", notice("court", to="attorney")))
    assert "77 Quietwood Crescent" in text and "Lethbridge" in text


def test_protected_recipient_still_gets_their_own_address_on_their_notice():
    for kind in KINDS:
        if "recipient" in kind_text(kind)["addressees"]:
            text = text_of(render(kind, notice(kind, to="recipient", protected=True)))
            assert RECIPIENT_LOCATION["address_lines"][0] in text


def test_the_caller_data_is_not_changed():
    data = notice("court", protected=True, note="moved to Lethbridge")
    render("court", data)
    assert data["recipient"]["city"] == "Lethbridge" and data["note"] == "moved to Lethbridge"


def test_payor_own_address_is_kept_even_in_the_same_city():
    data = notice("court", protected=True)
    data["payor"]["address_lines"] = ["12 Main Street", "Lethbridge, Alberta T1J 0A1"]
    text = text_of(render("court", data))
    assert "12 Main Street" in text and "Lethbridge, Alberta T1J 0A1" in text
