"""Printing a saved PDF through Qt's print system, and an on-screen preview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from . import print_jobs
from .print_jobs import PrintProblem, SentJob

if TYPE_CHECKING:  # Qt's PDF and print modules load when first used, not at every start
    from PySide6.QtPrintSupport import QPrinter


#: Receipt printers are 203 dpi and office printers 300–600; 300 is sharp on both
#: without building a 100 MB image for a 1200 dpi driver.
MAX_RENDER_DPI = 300


def printer_names() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())


def printer_status(name: str) -> str:
    """For the status bar: the chosen printer, or why there is none."""
    if not name:
        return "No printer set (receipts are saved as PDF)"
    if name not in printer_names():
        return f"Printer “{name}” not found (receipts are saved as PDF)"
    return f"Printer: {name}"


def print_pdf(path: Path, printer_name: str) -> SentJob | None:
    """Send every page of the PDF at ``path`` to ``printer_name``. Where the machine
    prints through CUPS the PDF is handed to the queue and the job returned, to be
    watched (print_jobs.JobWatch); elsewhere Qt draws the pages and None says done.
    Raises PrintProblem when it cannot be printed (no printer, refused, not found)."""
    if not printer_name:
        raise PrintProblem("no printer is set up in Settings")
    if print_jobs.cups_here():
        return print_jobs.send(path, printer_name, media_of(path))
    if printer_name not in printer_names():
        raise PrintProblem(f"the printer “{printer_name}” cannot be found")
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    printer = QPrinter(QPrinterInfo.printerInfo(printer_name), QPrinter.HighResolution)
    paint_pdf(path, printer)
    return None


def media_of(path: Path) -> str:
    """CUPS's name for the saved PDF's page size ("Letter", or "Custom.WxH" in points),
    so the queue prints it at its own size as Qt's path does."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_:
            raise PrintProblem("the saved PDF could not be read back")
        points = document.pagePointSize(0)
    finally:
        document.close()
    width, height = round(points.width()), round(points.height())
    return "Letter" if (width, height) == (612, 792) else f"Custom.{width}x{height}"


def paint_pdf(path: Path, printer: QPrinter) -> None:
    """Draw each page of the saved PDF onto ``printer``, page size taken from the PDF."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QPageSize, QPainter
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_:
        raise PrintProblem("the saved PDF could not be read back")
    try:
        printer.setPageSize(QPageSize(document.pagePointSize(0), QPageSize.Point))
        printer.setFullPage(True)
        printer.setDocName(path.name)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintProblem(f"the printer “{printer.printerName() or 'output'}” did not accept the page")
        try:
            for page in range(document.pageCount()):
                if page:
                    printer.setPageSize(QPageSize(document.pagePointSize(page), QPageSize.Point))
                    printer.newPage()
                points = document.pagePointSize(page)
                dpi = min(printer.resolution(), MAX_RENDER_DPI)
                image = document.render(page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))
                target = painter.viewport()
                size = image.size().scaled(target.size(), Qt.KeepAspectRatio)
                painter.drawImage(QRect(0, 0, size.width(), size.height()), image)
        finally:
            painter.end()
    finally:
        document.close()


class PreviewDialog(QDialog):
    """Shows a saved PDF on screen (when it could not be printed, or on request)."""

    def __init__(self, path: Path, note: str = "", parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        from .widgets import fit_to_screen

        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.setWindowTitle(f"Preview — {path.name}")
        self.path = path
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout = QVBoxLayout(self)
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            label.setObjectName("previewNote")
            layout.addWidget(label)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        self.print_button = buttons.addButton("&Print…", QDialogButtonBox.ActionRole)
        self.print_button.setObjectName("previewPrintButton")
        self.print_button.clicked.connect(self.choose_printer_and_print)
        self.problem = QLabel("")
        self.problem.setObjectName("previewProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        # A Letter page readable at a glance; smaller on a smaller screen (a 1366×768 counter).
        fit_to_screen(self, QSize(760, 1000))
        self.view.setFocusPolicy(Qt.StrongFocus)  # the arrows and PgUp/PgDn scroll the page
        self.view.setFocus(Qt.OtherFocusReason)

    def choose_printer_and_print(self) -> None:
        """The system's print dialog, then the saved PDF to the printer chosen."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.Accepted:
            return
        try:
            paint_pdf(self.path, printer)
        except PrintProblem as problem:
            self.problem.setText(f"Not printed: {problem}. The PDF stays saved at {self.path}.")
            self.problem.show()
