"""Tables: ruled grids found per page, then stitched, unfolded and typed per document.

    fragments = find_fragments(pdfplumber_page, page_number, settings)   # per page
    tables, warnings = build_tables(all_fragments, settings, stats)      # per document

Modules: ``detect`` (grids and cells), ``cells`` (cell text), ``captions`` (〈caption〉 and
notes), ``stitch`` (continuations across pages), ``twoup`` (side-by-side halves), ``kinds``
(typed tables and their records), ``build`` (putting it together).
"""
from .build import build_tables
from .detect import find_fragments

__all__ = ["find_fragments", "build_tables"]
