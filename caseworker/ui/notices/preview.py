"""A scrollable column of a PDF's pages, as images: the notice exactly as it will print."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from caseworker.ui.notices.pages import DPI, PreviewUnavailable, render_pages

PAGE_GAP = 12
# A Letter page at DPI plus the margins and the scroll bar: the pane never cuts a page's side.
PANE_WIDTH = round(8.5 * DPI) + 2 * PAGE_GAP + 40


class PdfPreview(QScrollArea):
    """Shows the pages of one PDF (or a sentence saying why there is nothing to show)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setWidgetResizable(True)
        self.setMinimumWidth(PANE_WIDTH)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.pdf: bytes | None = None
        self.pages: list[QLabel] = []
        self.sheet = QWidget(self)
        self.sheet.setObjectName("pdf_sheet")
        self.sheet.setStyleSheet("#pdf_sheet { background: #6b7280; }")
        self.column = QVBoxLayout(self.sheet)
        self.column.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self.column.setSpacing(PAGE_GAP)
        # The sheet grows to hold every page at full size, so the pane scrolls over them.
        self.column.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self.message = QLabel(self.sheet)
        self.message.setObjectName("preview_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: white; font-size: 14px; padding: 24px;")
        self.column.addWidget(self.message)
        self.column.addStretch(1)
        self.setWidget(self.sheet)
        self.clear("Choose a notice and click Preview to see it here.")

    def page_count(self) -> int:
        return len(self.pages)

    def clear(self, message: str) -> None:
        """No pages; `message` says why (nothing chosen yet, or the notice cannot be made)."""
        self.pdf = None
        for page in self.pages:
            self.column.removeWidget(page)
            page.hide()  # gone from the pane now, even before Qt gets round to deleting it
            page.deleteLater()
        self.pages = []
        self.message.setText(message)
        self.message.show()

    def show_pdf(self, pdf: bytes) -> bool:
        """Draw every page of `pdf`; False (and a message in the pane) when it cannot."""
        # Drawn at the screen's own pixel density, so the text is sharp on a scaled display.
        ratio = max(self.devicePixelRatioF(), 1.0)
        try:
            images = render_pages(pdf, dpi=round(DPI * ratio))
        except PreviewUnavailable as exc:
            self.clear(f"The preview cannot be shown: {exc}.")
            return False
        self.clear("")
        self.message.hide()
        self.pdf = pdf
        for number, image in enumerate(images, start=1):
            page = QLabel(self.sheet)
            page.setObjectName(f"page_{number}")
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            page.setPixmap(pixmap)
            # A page keeps its size; the pane scrolls instead.
            page.setFixedSize(pixmap.deviceIndependentSize().toSize())
            page.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            page.setAccessibleName(f"Page {number} of {len(images)}")
            self.column.insertWidget(self.column.count() - 1, page, 0,
                                     Qt.AlignmentFlag.AlignHCenter)
            self.pages.append(page)
        self.verticalScrollBar().setValue(0)
        return True
