"""bulletin-extract: bulletin PDFs -> validated, structured JSON.

    >>> import extract
    >>> bulletin = extract.run("issue.pdf")          # doctest: +SKIP
    >>> bulletin.data["issue"]["date"]               # doctest: +SKIP
    '2023-08-04'
    >>> bulletin.write("issue.json")                 # doctest: +SKIP

Heavy libraries (pdfplumber, jsonschema) are imported only when a file is processed, so the
command line answers ``--help`` at once.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .settings import Settings

__all__ = ["run", "text", "inspect", "batch", "load_archive", "Bulletin", "Settings", "__version__"]


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
        from .export import table_frames

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


def run(path: str | Path, settings: "Settings | None" = None, *,
        on_page: "Callable[[int, int], None] | None" = None, ocr: bool = False,
        on_ocr: "Callable[[int], None] | None" = None, **overrides: Any) -> Bulletin:
    """Extract one bulletin PDF.

    ``settings`` is a :class:`extract.settings.Settings`; keyword ``overrides`` set its
    top-level fields (e.g. ``password="secret"``). ``on_page(number, total)`` is called after
    each page is read (progress bars). With ``ocr``, a PDF without a text layer (a scan) is
    run through ocrmypdf first (see :mod:`extract.ocr`; ``on_ocr(pages)`` is called before).
    Raises an :class:`extract.errors.ExtractError` subclass naming the file and the reason
    when the file cannot be read.
    """
    from .errors import NoText
    from .pipeline import run_document
    from .settings import Settings as _Settings

    settings = settings or _Settings()
    for key, value in overrides.items():
        if not hasattr(settings, key):
            raise TypeError(f"unknown setting {key!r}")
        setattr(settings, key, value)
    try:
        doc = run_document(path, settings, on_page=on_page)
    except NoText:
        if not ocr:
            raise
        from .ocr import run_scanned

        doc = run_scanned(path, settings, on_page=on_page, on_ocr=on_ocr)
    return Bulletin(doc.output, doc)


def inspect(path: str | Path, out_html: str | Path, settings: "Settings | None" = None,
            **options: Any) -> Path:
    """Run the pipeline on ``path`` and write a self-contained HTML report to ``out_html``:
    each page's image with what was found on it drawn over it (articles, table grids and
    cells, dropped text, warnings), beside the extracted structure; see
    :func:`extract.report.inspect`. Returns the path written."""
    from .report import inspect as _inspect

    return _inspect(path, out_html, settings, **options)


def text(path: str | Path, settings: "Settings | None" = None, warnings: "list[str] | None" = None) -> str:
    """The reading-order text of ``path`` as the layout stage reads it (after the glyph
    repairs: invisible text left out unless it is a scanned page's OCR layer, wrong mappings
    fixed, overprints dropped, word spaces from the gaps), page by page with a form feed
    between pages; every line of a page is kept, running headers and table cells included.
    The repairs made are appended to ``warnings`` when a list is given."""
    from .layout import document_text

    return document_text(path, settings, warnings)


def batch(inputs, out_dir, **options: Any):
    """Convert every PDF under ``inputs`` into ``out_dir``; see :func:`extract.batch.batch`."""
    from .batching import batch as _batch

    return _batch(inputs, out_dir, **options)


def load_archive(out_dir: str | Path) -> dict[str, Any]:
    """Long pandas DataFrames over every output JSON under ``out_dir`` (drug_approvals,
    device_approvals, compute_platforms, country_rankings, articles, entities,
    tables_generic), each row with its issue date and source file."""
    from .export import archive_frames, load_outputs

    return archive_frames(load_outputs(out_dir))


def __getattr__(name: str):
    if name == "Settings":
        from .settings import Settings

        return Settings
    raise AttributeError(name)
