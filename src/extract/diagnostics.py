"""Warnings as data: what a stage could not read, guessed or dropped, with where it is.

Stages append :class:`Diagnostic` objects to ``doc.warnings`` (a :class:`Diagnostics`
list); the output carries them twice: as the contract's strings (``"page 3: ..."``,
``"table t02: ..."``) under ``warnings``, and with their fields under the extension
``warning_details``, which the inspection report reads instead of parsing the strings.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterable

from .glyphs.geometry import BBox


@dataclass
class Diagnostic:
    message: str
    #: What kind of warning, for filtering: 'glyphs', 'layout', 'segment', 'tables',
    #: 'records', 'completeness', 'file', 'pages', 'ocr'.
    code: str = "note"
    page: int | None = None
    #: The logical table (t01 ...) the warning is about.
    table: str | None = None
    bbox: BBox | None = None
    #: The line of text the warning is about, as printed (the report finds it on the page).
    text: str | None = None

    def __str__(self) -> str:
        """The contract's string: prefixed by the table or page it is about."""
        if self.table:
            return f"table {self.table}: {self.message}"
        if self.page is not None:
            return f"page {self.page}: {self.message}"
        return self.message

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["bbox"] = [round(v, 2) for v in self.bbox] if self.bbox else None
        return d


class Diagnostics(list[Diagnostic]):
    """``doc.warnings``: a list of Diagnostic. A plain string appended (a caller's own note)
    becomes a Diagnostic without a page."""

    def append(self, item: Diagnostic | str) -> None:
        super().append(item if isinstance(item, Diagnostic) else Diagnostic(str(item)))

    def extend(self, items: Iterable[Diagnostic | str]) -> None:
        for item in items:
            self.append(item)

    def strings(self) -> list[str]:
        return [str(d) for d in self]

    def details(self) -> list[dict[str, Any]]:
        return [d.to_dict() for d in self]


def page_warning(page: int, message: str, code: str, text: str | None = None) -> Diagnostic:
    """A warning about ``page`` (and the line ``text`` on it, when one)."""
    return Diagnostic(message, code=code, page=page, text=text)
