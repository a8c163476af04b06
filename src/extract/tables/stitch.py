"""Tables that continue on the next page.

A fragment continues the table above it when it opens the next page (nothing but running
headers before it), has no caption of its own, the same number of columns and the same
column geometry. Its first rows are a repeated header when they are drawn as a header
(shaded, bold) or read like the table's header; a repeat with damaged glyphs still counts
when it is drawn as a header.
"""
from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher
from typing import Callable

from ..model import TableFragment


def same_columns(a: TableFragment, b: TableFragment, tol: float = 6.0) -> bool:
    if len(a.col_edges) != len(b.col_edges):
        return False
    return all(abs(x - y) <= tol for x, y in zip(a.col_edges, b.col_edges))


def widened_to(prev: TableFragment, frag: TableFragment, tol: float = 6.0) -> TableFragment | None:
    """``frag`` with the columns of ``prev`` it lacks put back as blank cells, when it opens
    the next page and lacks only columns in which ``prev``'s last cell is merged over rows
    that reach the page's foot (a ranking tier running on: some producers print a merged
    cell's text on its first page only, and a column with no text is no column of the
    grid). Every other column must line up with one of ``prev``'s. None otherwise."""
    if frag.page != prev.page + 1 or frag.turn != prev.turn or len(frag.col_edges) >= len(prev.col_edges):
        return None
    last = len(prev.rows) - 1
    running = set(prev.open_columns) | {c0 for r0, c0, rs, cs in prev.spans
                                        if rs >= 2 and cs == 1 and r0 + rs - 1 == last}

    def at(x: float) -> int | None:
        return next((i for i, y in enumerate(prev.col_edges) if abs(x - y) <= tol), None)

    mapped = []  # frag's column k is prev's column mapped[k]
    for x0, x1 in zip(frag.col_edges, frag.col_edges[1:]):
        i, j = at(x0), at(x1)
        if i is None or j != i + 1:
            return None
        mapped.append(i)
    missing = set(range(len(prev.col_edges) - 1)) - set(mapped)
    if not missing or not missing <= running:
        return None
    width = len(prev.col_edges) - 1

    def spread(row, blank):
        out = [blank() for _ in range(width)]
        for k, value in enumerate(row):
            out[mapped[k]] = value
        return out

    return replace(
        frag, rows=[spread(r, str) for r in frag.rows], col_edges=list(prev.col_edges),
        cell_lines=[spread(r, list) for r in frag.cell_lines] if frag.cell_lines else frag.cell_lines,
        spans=[(r0, mapped[c0], rs, mapped[c0 + cs - 1] - mapped[c0] + 1) for r0, c0, rs, cs in frag.spans],
        open_columns=[mapped[c] for c in frag.open_columns],
        bbox=(min(frag.bbox[0], prev.col_edges[0]), frag.bbox[1], max(frag.bbox[2], prev.col_edges[-1]), frag.bbox[3]))


def continues(prev: TableFragment, frag: TableFragment,
              text_between: Callable[[TableFragment, TableFragment], bool] | None,
              header: list[list[str]] | None = None) -> bool:
    """``frag`` goes on with the table whose last part is ``prev``: it opens the next page
    (or stands under it on the same page, see below), has no caption of its own, no text
    stands between them, the column count is the same, and either the columns line up or
    the table's header is repeated on top of ``frag`` (some producers lay each page part
    out anew, so widths drift)."""
    same_page = frag.page == prev.page and frag.bbox[1] > prev.bbox[1]
    if not (frag.page == prev.page + 1 or same_page) or frag.caption or frag.turn != prev.turn:
        return False
    if len(prev.col_edges) != len(frag.col_edges):
        return False
    if text_between is not None and text_between(prev, frag):
        return False
    if same_columns(prev, frag) and not same_page:
        return True
    # Further down the same page only under its table's header, repeated, and with the
    # numbering of its rows going on: a producer that lays a table out in parts (a page
    # part each, the header on top of each) and did not break the page between them. (Two
    # tables with one header stacked on a page are two tables: ICDAR's eu-015.)
    if not (header and repeated_header_rows(header, frag)[1] == "header repeated"):
        return False
    return not same_page or _numbering_goes_on(prev.rows, frag.rows[len(header):])


def _numbering_goes_on(above: list[list[str]], below: list[list[str]]) -> bool:
    """The first column numbers the rows, and ``below`` starts with the number after the
    last one ``above``."""
    def numbers(rows):
        return [int(r[0]) for r in rows if r and r[0].strip().isdigit()]
    up, down = numbers(above), numbers(below)
    return len(up) >= 1 and len(down) >= 1 and down[0] == up[-1] + 1


def _row_text(row: list[str]) -> str:
    return " ".join("".join(c.split()) for c in row)


def _likeness(rows: list[list[str]], header: list[list[str]]) -> float:
    """How alike ``rows`` and ``header`` read, row by row (the least alike pair counts)."""
    return min(SequenceMatcher(None, _row_text(a), _row_text(b)).ratio() for a, b in zip(rows, header))


def repeated_header_rows(header: list[list[str]], frag: TableFragment) -> tuple[int, str]:
    """How many leading rows of ``frag`` repeat ``header``, and how they were recognised."""
    if not header:
        return 0, ""
    n = len(header)
    first = frag.rows[:n]
    if len(first) < n:
        return 0, ""
    similarity = _likeness(first, header)
    drawn_as_header = frag.header_rows >= n
    if similarity >= 0.9:
        return n, "header repeated"
    if drawn_as_header:
        return n, f"header repeated with damaged text ({similarity:.0%} alike)"
    return 0, "header not repeated"


def split_at_repeated_headers(header: list[list[str]], rows: list[list[str]]) -> tuple[list[list[list[str]]], int]:
    """``rows`` (a fragment's, past its own header) cut where the table's header is repeated
    in them: a producer that printed the table in parts on one page, the next part's header
    read as a row of this one. Returns the parts (none empty) and the header rows dropped."""
    if not header:
        return [rows], 0
    n = len(header)
    parts: list[list[list[str]]] = [[]]
    dropped = 0
    i = 0
    while i < len(rows):
        block = rows[i:i + n]
        if i and len(block) == n and _likeness(block, header) >= 0.9:
            parts.append([])
            dropped += n
            i += n
            continue
        parts[-1].append(rows[i])
        i += 1
    return [p for p in parts if p] or [[]], dropped
