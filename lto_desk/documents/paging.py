"""A ReportLab canvas that holds its pages until the end, so every page can
say "Page n of N". Subclasses draw their own page furniture in ``decorate``."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas


class NumberedCanvas(Canvas):
    """Pass a subclass as ``canvasmaker``; ``decorate(number, total)`` runs on each page."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab API)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.decorate(number, total)
            super().showPage()
        super().save()

    def decorate(self, number: int, total: int) -> None:  # pragma: no cover - each document draws its own
        raise NotImplementedError
