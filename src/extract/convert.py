"""One PDF -> a Bulletin: the pipeline, with a scan sent through OCR first when asked.

What ``extract.run``, the batch workers and the inspection report all call, so that none
of them imports the package's API (``extract/__init__``) and no import runs in a circle.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .bulletin import Bulletin

if TYPE_CHECKING:  # pragma: no cover
    from .settings import Settings


def convert(path: str | Path, settings: "Settings", *, on_page: "Callable[[int, int], None] | None" = None,
            ocr: bool = False, on_ocr: "Callable[[int], None] | None" = None) -> Bulletin:
    """Extract one bulletin PDF with ``settings`` (see ``extract.run``)."""
    from .errors import NoText
    from .pipeline import run_document

    try:
        doc = run_document(path, settings, on_page=on_page)
    except NoText:
        if not ocr:
            raise
        from .ocr import run_scanned

        doc = run_scanned(path, settings, on_page=on_page, on_ocr=on_ocr)
    assert doc.output is not None  # (run_document assembled it)
    return Bulletin(doc.output, doc)
