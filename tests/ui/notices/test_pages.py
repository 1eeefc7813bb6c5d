"""Drawing a notice's pages: QtPdf, the pdftoppm fallback, and unreadable bytes."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor

from caseworker.services.notices import preview_notice
from caseworker.ui.notices import pages
from tests.conftest import SAMPLE_FILE_NO


@pytest.fixture
def pdf(sample_db) -> bytes:
    with sample_db.reader() as session:
        return preview_notice(session, SAMPLE_FILE_NO, "court", "payor")


def test_one_white_letter_page_image_per_pdf_page(qapp, pdf):
    images = pages.render_pages(pdf, dpi=48)
    assert len(images) == len(PdfReader(io.BytesIO(pdf)).pages) > 0
    assert (images[0].width(), images[0].height()) == (408, 528)  # 8.5 x 11 in at 48 dpi
    assert QColor(images[0].pixel(2, 2)) == QColor("white")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_the_pdftoppm_fallback_draws_the_same_pages(qapp, pdf):
    images = pages._with_pdftoppm(pdf, 48)
    assert len(images) == len(PdfReader(io.BytesIO(pdf)).pages)
    assert (images[0].width(), images[0].height()) == (408, 528)


def test_bytes_that_are_not_a_pdf_cannot_be_previewed(qapp):
    with pytest.raises(pages.PreviewUnavailable):
        pages.render_pages(b"%PDF-1.4 not really")
