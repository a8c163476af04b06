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

from .bulletin import Bulletin
from .version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from .settings import Settings

__all__ = ["run", "text", "inspect", "batch", "load_archive", "Bulletin", "Settings", "__version__"]


def run(path: str | Path, settings: "Settings | None" = None, *,
        on_page: "Callable[[int, int], None] | None" = None, ocr: bool = False,
        on_ocr: "Callable[[int], None] | None" = None, **overrides: Any) -> Bulletin:
    """Extract one bulletin PDF.

    ``settings`` is a :class:`extract.settings.Settings`; keyword ``overrides`` set its
    top-level fields (e.g. ``password="secret"``) on a copy: the caller's object is left as
    it was. ``on_page(number, total)`` is called after each page is read (progress bars).
    With ``ocr``, a PDF without a text layer (a scan) is run through ocrmypdf first (see
    :mod:`extract.ocr`; ``on_ocr(pages)`` is called before). Raises an
    :class:`extract.errors.ExtractError` subclass naming the file and the reason when the
    file cannot be read.
    """
    import dataclasses

    from .convert import convert
    from .settings import Settings as _Settings

    settings = settings or _Settings()
    unknown = [key for key in overrides if key not in {f.name for f in dataclasses.fields(settings)}]
    if unknown:
        raise TypeError(f"unknown setting {unknown[0]!r}")
    if overrides:
        settings = dataclasses.replace(settings, **overrides)
    return convert(path, settings, on_page=on_page, ocr=ocr, on_ocr=on_ocr)


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
    from .frames import archive_frames, load_outputs

    return archive_frames(load_outputs(out_dir))


def __getattr__(name: str):
    if name == "Settings":
        from .settings import Settings

        return Settings
    raise AttributeError(name)
