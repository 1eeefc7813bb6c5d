"""PDF bytes to one image per page, for showing a notice in the window.

Qt's own QtPdf (PySide6-Addons) draws them. Some PySide6-Addons wheels ship without it
(6.12.0 did), so poppler's `pdftoppm` (a setup dependency, for the notice tests) is the
fallback. Without either, the caller says the preview is unavailable.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPainter

DPI = 96  # one page of US Letter is then 816 x 1056 pixels: readable without zooming
TIMEOUT_S = 30  # a notice of a few pages draws in well under a second


class PreviewUnavailable(Exception):
    """The pages cannot be drawn: no renderer on this workstation, or the PDF is unreadable."""


def render_pages(pdf: bytes, dpi: int = DPI) -> list[QImage]:
    """Every page of `pdf` drawn at `dpi`, in order; raises PreviewUnavailable."""
    try:
        from PySide6.QtPdf import QPdfDocument  # noqa: F401 (only to know it is there)
    except ImportError:
        return _with_pdftoppm(pdf, dpi)
    return _with_qtpdf(pdf, dpi)


def _with_qtpdf(pdf: bytes, dpi: int) -> list[QImage]:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PreviewUnavailable("the PDF could not be read")
    images = []
    for page in range(document.pageCount()):
        points = document.pagePointSize(page)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        images.append(_on_paper(document.render(page, size)))
    document.close()
    return images


def _on_paper(image: QImage) -> QImage:
    # QtPdf leaves the page transparent where nothing is drawn; a page is white paper.
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def _with_pdftoppm(pdf: bytes, dpi: int) -> list[QImage]:
    program = shutil.which("pdftoppm")
    if program is None:
        raise PreviewUnavailable("no PDF renderer is installed (QtPdf or poppler's pdftoppm)")
    with tempfile.TemporaryDirectory(prefix="caseworker-preview-") as folder:
        source = Path(folder) / "notice.pdf"
        source.write_bytes(pdf)
        try:
            subprocess.run([program, "-png", "-r", str(dpi), str(source), str(Path(folder) / "p")],
                           check=True, capture_output=True, timeout=TIMEOUT_S)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
            raise PreviewUnavailable("the PDF could not be drawn") from None
        # pdftoppm pads page numbers to the width of the page count: p-1.png or p-01.png.
        files = sorted(Path(folder).glob("p-*.png"), key=lambda f: int(f.stem.rsplit("-", 1)[1]))
        images = [QImage(str(f)) for f in files]
    if not images or any(image.isNull() for image in images):
        raise PreviewUnavailable("the PDF could not be drawn")
    return images
