"""Tables that continue on the next page.

A fragment continues the table above it when it opens the next page (nothing but running
headers before it), has no caption of its own, the same number of columns and the same
column geometry. Its first rows are a repeated header when they are drawn as a header
(shaded, bold) or read like the table's header; a repeat with damaged glyphs still counts
when it is drawn as a header.
"""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import Callable

from ..model import TableFragment


def same_columns(a: TableFragment, b: TableFragment, tol: float = 6.0) -> bool:
    if len(a.col_edges) != len(b.col_edges):
        return False
    return all(abs(x - y) <= tol for x, y in zip(a.col_edges, b.col_edges))


def continues(prev: TableFragment, frag: TableFragment,
              text_between: Callable[[TableFragment, TableFragment], bool] | None,
              header: list[list[str]] | None = None) -> bool:
    """``frag`` goes on with the table whose last part is ``prev``: it opens the next page,
    has no caption of its own, no text stands between them, the column count is the same,
    and either the columns line up or the table's header is repeated on top of ``frag``
    (some producers lay each page part out anew, so widths drift)."""
    if frag.page != prev.page + 1 or frag.caption or frag.turn != prev.turn:
        return False
    if len(prev.col_edges) != len(frag.col_edges):
        return False
    if text_between is not None and text_between(prev, frag):
        return False
    if same_columns(prev, frag):
        return True
    return bool(header) and repeated_header_rows(header, frag)[1] == "header repeated"


def _row_text(row: list[str]) -> str:
    return " ".join("".join(c.split()) for c in row)


def repeated_header_rows(header: list[list[str]], frag: TableFragment) -> tuple[int, str]:
    """How many leading rows of ``frag`` repeat ``header``, and how they were recognised."""
    if not header:
        return 0, ""
    n = len(header)
    first = frag.rows[:n]
    if len(first) < n:
        return 0, ""
    similarity = min(SequenceMatcher(None, _row_text(a), _row_text(b)).ratio() for a, b in zip(first, header))
    drawn_as_header = frag.header_rows >= n
    if similarity >= 0.9:
        return n, "header repeated"
    if drawn_as_header:
        return n, f"header repeated with damaged text ({similarity:.0%} alike)"
    return 0, "header not repeated"
