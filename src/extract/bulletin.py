"""The result of one run: the contract JSON plus the document it was built from."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document


class Bulletin:
    """The result of one run: the contract JSON plus the document it was built from."""

    def __init__(self, data: dict[str, Any], document: "Document | None" = None):
        self.data = data
        self.document = document

    @property
    def warnings(self) -> list[str]:
        return self.data.get("warnings", [])

    @property
    def tables(self) -> list[dict[str, Any]]:
        return self.data.get("tables", [])

    @property
    def articles(self) -> list[dict[str, Any]]:
        return [a for s in self.data.get("sections", []) for a in s["articles"]]

    def to_dict(self) -> dict[str, Any]:
        return self.data

    def tables_as_frames(self) -> dict[str, Any]:
        """One pandas DataFrame per table id: typed tables as records, others as rows."""
        from .frames import table_frames

        return table_frames(self.data)

    def to_json(self) -> str:
        from .write import dumps

        return dumps(self.data)

    def write(self, path: str | Path) -> Path:
        """Write the JSON atomically (temporary file + rename)."""
        from .write import write_json

        return write_json(path, self.data)

    def summary_line(self) -> str:
        d = self.data
        seconds = sum((d.get("provenance", {}).get("timings") or {}).values())
        return (f"{d['source']['file']}: {d['source']['pages']} pages, {len(d['sections'])} sections, "
                f"{len(self.articles)} articles, {len(d['tables'])} tables, "
                f"{len(d['warnings'])} warnings, {seconds:.2f}s")
