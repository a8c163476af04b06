"""Tables: ruled grids and aligned-text tables found per page, then stitched, unfolded and
typed per document.

    fragments = find_fragments(pdfplumber_page, page_number, settings)   # per page
    tables, warnings = build_tables(all_fragments, settings, stats)      # per document

Modules: ``page`` (the strategy: lattice, stream or both), ``detect`` (ruled grids and
their cells), ``stream`` (tables of aligned words, ruled by horizontal lines or not at
all), ``cells`` (cell text), ``captions`` (〈caption〉 and notes), ``stitch`` (continuations
across pages), ``twoup`` (side-by-side halves), ``kinds``
(typed tables and their records), ``build`` (putting it together), ``arbitrate`` (what
of the aligned words is the body's own structure, and the evidence a stream table needs).
"""
from .build import build_tables
from .page import find_fragments

__all__ = ["find_fragments", "build_tables"]
