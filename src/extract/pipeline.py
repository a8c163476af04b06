"""The pipeline: a list of stages over one Document, each timed on its own.

Page stages run page by page while the page is open (and the page is closed right after,
so memory stays flat); document stages run once all pages are read.
"""
from __future__ import annotations

import gc
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Protocol

from . import load
from .assemble import AssembleStage
from .completeness import CompletenessStage
from .diagnostics import Diagnostic
from .document import Document
from .errors import MemoryLimit, NoText
from .layout import LayoutStage
from .load import LoadStage
from .normalize.stage import NormalizeStage
from .segment import SegmentStage
from .settings import Settings
from .tables.stage import TablesStage
from .validate import ValidateStage


class PageStage(Protocol):
    """A stage that reads each page while it is open (after load, which parses it)."""

    name: str

    def process_page(self, doc: Document, number: int, page: load.PageInput) -> None: ...


class DocumentStage(Protocol):
    """A stage that runs once, after every page was read, over what earlier stages left."""

    name: str

    def process_document(self, doc: Document) -> None: ...


LOAD = LoadStage()
#: Run for every page while it is open, after load, in this order.
PAGE_STAGES: list[PageStage] = [TablesStage(), LayoutStage()]
#: Run once over the whole document, in this order.
DOCUMENT_STAGES: list[DocumentStage] = [LayoutStage(), TablesStage(), SegmentStage(), CompletenessStage(),
                                        NormalizeStage(), AssembleStage(), ValidateStage()]


def warm_up() -> None:
    """Do once per process what the first document would otherwise pay for: read the
    gazetteers and the spacing table, compile the schema validator, hook the parser. The batch's forkserver calls
    this once (see batching.preload), so each file's child starts with it done."""
    from . import repair, validate
    from .normalize import _index
    from .spacing import default_model

    repair.install_hooks()
    validate._validator()
    _index()
    default_model()  # the spacing table of line wraps (textjoin's third witness)


@contextmanager
def timed(doc: Document, name: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        doc.timings[name] = doc.timings.get(name, 0.0) + time.perf_counter() - start


#: Young-generation threshold of Python's cyclic garbage collector while a document runs.
#: Parsing allocates hundreds of thousands of short-lived objects without cycles; at the
#: default (700) the collector ran so often that it cost 5-9 % of the run. Restored after.
GC_YOUNG_THRESHOLD = 50_000


_gc_lock = threading.Lock()
_gc_running = 0  # documents running now (the batch may run several in threads)
_gc_saved: tuple[int, ...] = ()


def run_document(path: str | Path, settings: Settings | None = None,
                 on_page: Callable[[int, int], None] | None = None) -> Document:
    global _gc_running, _gc_saved
    with _gc_lock:  # the first document in raises the threshold, the last one out restores it
        if _gc_running == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(max(_gc_saved[0], GC_YOUNG_THRESHOLD), *_gc_saved[1:])
        _gc_running += 1
    try:
        return _run_document(path, settings, on_page)
    except MemoryError as exc:
        # Whatever stage ran out (pypdf opening the file, a stage holding a huge page): one
        # error naming the file, as for any other cause.
        raise MemoryLimit(path) from exc
    finally:
        with _gc_lock:
            _gc_running -= 1
            if _gc_running == 0:
                gc.set_threshold(*_gc_saved)


def _run_document(path: str | Path, settings: Settings | None,
                  on_page: Callable[[int, int], None] | None) -> Document:
    doc = Document(path=Path(path), settings=settings or Settings())
    with timed(doc, "load"):
        source = load.open_document(doc)
    wanted = set(doc.settings.pages or ())
    if wanted:  # --pages: the others are not read at all; the output says so
        doc.warnings.append(Diagnostic(f"only pages {','.join(map(str, sorted(wanted)))} of {doc.n_pages} were "
                                       "read (the pages setting)", code="pages"))
    try:
        for number, page in source.pages():
            if wanted and number not in wanted:
                continue
            with timed(doc, LOAD.name):
                page_input = LOAD.read(doc, number, page)
            for stage in PAGE_STAGES:
                with timed(doc, stage.name):
                    stage.process_page(doc, number, page_input)
            if on_page is not None:
                on_page(number, doc.n_pages)
    finally:
        source.close()
    if not any(p.n_chars for p in doc.pages):
        raise NoText(doc.path)
    for doc_stage in DOCUMENT_STAGES:
        if doc_stage.name == "validate" and not doc.settings.validate:
            continue
        with timed(doc, doc_stage.name):
            doc_stage.process_document(doc)
    return doc
