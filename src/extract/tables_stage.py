"""Stage: tables. Per page, find the ruled grids (before layout, so their text stays out of
the body); per document, stitch, unfold and type them (see the ``tables`` package)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import tables

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document


class TablesStage:
    name = "tables"

    def process_page(self, doc: "Document", number: int, page) -> None:
        try:
            found = tables.find_fragments(page, number, doc.settings.tables)
        except Exception as exc:  # a table we cannot read must not cost the whole issue
            doc.warnings.append(f"page {number}: table detection failed ({type(exc).__name__}: {exc})")
            return
        doc.fragments.extend(found)

    def process_document(self, doc: "Document") -> None:
        doc.tables, warnings = tables.build_tables(doc.fragments, doc.settings.tables)
        doc.warnings.extend(warnings)
