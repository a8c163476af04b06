"""The normalize stage: name mentions in the tables -> canonical entities (``normalize``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import Normalizer

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document


class NormalizeStage:
    name = "normalize"

    def process_document(self, doc: "Document") -> None:
        normalizer = Normalizer(doc.settings.names)
        doc.entities = [r.to_dict() for r in normalizer.entities_from_tables(doc.tables)]
