"""Ruled tables on one page: grids from ruling lines and rectangle edges.

pdfplumber's TableFinder turns lines and rectangle edges (cell borders drawn as thin
rectangles, header rows drawn as shaded boxes) into cells; here the cells are placed on the
grid of distinct column and row boundaries, merged cells get their spans, every cell's text
lines are read, and header rows are recognised by shading or weight.
"""
from __future__ import annotations

import math
import operator
import re
from collections import Counter
from typing import Any

from ..glyphs.geometry import cluster, runs, x_center_within
from ..model import BBox, TableFragment, TextLine
from ..settings import LayoutSettings, TableSettings
from .captions import find_caption, find_notes
from .cells import cell_lines, chars_between, join_cell


def _finder_settings(settings: TableSettings) -> dict[str, Any]:
    return {
        "vertical_strategy": "lines",
        "horizontal_strategy": "lines",
        "snap_tolerance": settings.snap_tolerance,
        "join_tolerance": settings.snap_tolerance,
        "edge_min_length": settings.min_edge_length,
        "intersection_tolerance": settings.snap_tolerance,
    }


def _positions(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(positions: list[float], value: float) -> int:
    return min(range(len(positions)), key=lambda k: abs(positions[k] - value))


def _is_white(color) -> bool:
    if color is None:
        return True
    if isinstance(color, (int, float)):
        return color >= 0.97
    if isinstance(color, str) or not all(isinstance(v, (int, float)) for v in color):
        return False  # a pattern or named colour space: treat as drawn
    values = list(color)
    if len(values) == 4:  # CMYK: white is no ink
        return all(v <= 0.03 for v in values)
    return all(v >= 0.97 for v in values)


def is_shaded(rect: dict) -> bool:
    """A rectangle filled with a colour other than white (a shaded header cell, a band)."""
    return bool(rect.get("fill")) and not _is_white(rect.get("non_stroking_color"))


def _shaded_rects(page) -> list[BBox]:
    return [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects if is_shaded(r)]


def _covered(box: BBox, shades: list[BBox]) -> bool:
    x0, top, x1, bottom = box
    area = max((x1 - x0) * (bottom - top), 1e-6)
    covered = 0.0
    for s in shades:
        w = min(x1, s[2]) - max(x0, s[0])
        h = min(bottom, s[3]) - max(top, s[1])
        if w > 0 and h > 0:
            covered += w * h
    return covered >= 0.6 * area


def _merge_unsupported_columns(placed: list[tuple], n_cols: int) -> list[tuple]:
    """Remove column boundaries that most rows' text cells cross.

    Header rules are often offset from the body's (a header cell over a pair of narrow
    columns, or a rule drawn a few points off); a boundary that only a row or two respect
    while the data cells of most rows span across it is not a column of the table.
    """
    if n_cols < 3:
        return placed
    rows = {p[0] for p in placed}
    drop = set()
    for j in range(1, n_cols):
        respect = {r0 for r0, c0, r1, c1, _, t in placed if (c0 == j or c1 == j)}
        cross = {r0 for r0, c0, r1, c1, _, t in placed if c0 < j < c1 and t}
        if len(cross) > len(respect - cross) and len(cross) >= max(2, 0.5 * len(rows)):
            drop.add(j)
    if not drop:
        return placed
    new_index = {}
    k = 0
    for j in range(n_cols + 1):
        if j in drop:
            new_index[j] = k  # a dropped boundary folds into the column on its left
            continue
        new_index[j] = k
        k += 1
    merged: dict[tuple[int, int, int, int], list] = {}
    for r0, c0, r1, c1, lines, text in placed:
        key = (r0, new_index[c0] if c0 not in drop else new_index[c0] - 1, r1, new_index[c1] if c1 not in drop
               else new_index[c1])
        if key[3] <= key[1]:
            key = (key[0], key[1], key[2], key[1] + 1)
        if key in merged:
            prev = merged[key]
            prev[4] = prev[4] + lines
            prev[5] = (prev[5] + " " + text).strip() if text else prev[5]
        else:
            merged[key] = [key[0], key[1], key[2], key[3], list(lines), text]
    return [tuple(v) for v in merged.values()]


def _separated_at(chars: list[dict], x: float, min_gap: float) -> bool | None:
    """Whether the glyphs left and right of ``x`` are at least ``min_gap`` em apart, with none
    across it; None when one side is empty."""
    left = [c for c in chars if (c["x0"] + c["x1"]) / 2 < x]
    right = [c for c in chars if (c["x0"] + c["x1"]) / 2 >= x]
    if not left or not right:
        return None
    size = max(c["size"] for c in chars) or 1.0
    return min(c["x0"] for c in right) - max(c["x1"] for c in left) >= min_gap * size


def _split_spanning_text(placed: list[tuple], xs: list[float], ys: list[float], chars: list[dict],
                         page_number: int, gap: float | None, settings: TableSettings,
                         layout: LayoutSettings) -> list[tuple]:
    """Split cells that span several columns but hold one value per column.

    Banded tables shade every other row with per-cell boxes and draw no column rules in
    the rows between, so those rows come out as one cell across the table ("Cases 217 197
    173"). When the cell's glyphs fall into two or more of its columns with a wide empty
    gap at every inner boundary they separate, it is that many cells; a merged header or
    title (one run of text, word spaces only) is left whole."""
    out = []
    for r0, c0, r1, c1, lines, text in placed:
        if c1 - c0 < 2 or not text:
            out.append((r0, c0, r1, c1, lines, text))
            continue
        box = (xs[c0], ys[r0], xs[c1], ys[r1])
        inside = [c for c in chars_between(chars, box[1], box[3]) if x_center_within(c, box[0], box[2])
                  and c["text"].strip()]
        verdicts = [_separated_at(inside, xs[j], settings.span_split_gap) for j in range(c0 + 1, c1)]
        if False in verdicts or not any(verdicts):
            out.append((r0, c0, r1, c1, lines, text))
            continue
        for j in range(c0, c1):
            sub = cell_lines(chars, (xs[j], ys[r0], xs[j + 1], ys[r1]), page_number, gap, layout)
            out.append((r0, j, r1, j + 1, sub, join_cell(sub)))
    return out


def _text_columns(c0: int, c1: int, lines: list[TextLine], xs: list[float]) -> list[int]:
    """The columns of a cell (``c0`` to ``c1``) that its text actually lies in.

    A value drawn on a box a few points wider than its column (a shaded background offset
    from the rules) makes the box start in a sliver column; that sliver holds no text of
    its own and would repeat the value into a meaningless column. The cell's first
    column when the text overlaps none (never for real lines)."""
    if c1 - c0 < 2 or not lines:
        return [c0]
    left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    owned = [c for c in range(c0, c1) if min(right, xs[c + 1]) - max(left, xs[c]) > 0.5]
    return owned or [c0]


def find_ruled_fragments(page, page_number: int, settings: TableSettings, gap: float | None,
                         chars: list[dict] | None, continuing: bool, layout: LayoutSettings) -> list[TableFragment]:
    """Every ruled grid of the page as a TableFragment (see model.TableFragment); ``gap`` is
    the page's word-gap threshold (layout.page_word_gap), ``chars`` its de-duplicated
    glyphs (default: all of the page's). ``continuing``: the page before ended in a table,
    so a grid of one row opening this page is its last row, not a box to leave alone."""
    finder = _finder_settings(settings)
    finder["explicit_horizontal_lines"] = _open_row_edges(page) + _bridged_row_edges(page)
    found = page.find_tables(table_settings=finder)
    if not found:
        return []
    chars = page.chars if chars is None else chars
    shades = _shaded_rects(page)
    fragments: list[TableFragment] = []
    height = float(page.height)
    footer = (1 - settings.margin_band) * height
    # Asked of each table, each over every glyph of the page: the highest glyph under the
    # header band and the lowest visible one over the footer band, found once per page.
    first_bottom = last_top = None
    for table in sorted(found, key=lambda t: (t.bbox[1], t.bbox[0])):
        opens_page = False
        if continuing and not fragments:  # nothing above it but the header band
            if first_bottom is None:
                first_bottom = min((c["bottom"] for c in chars if c["top"] > settings.margin_band * height),
                                   default=math.inf)
            opens_page = not first_bottom <= table.bbox[1]
        # At the page's foot: low on the page, and nothing under it but the footer band.
        at_foot = False
        if table.bbox[3] >= FOOT_SHARE * height:
            if last_top is None:
                last_top = max((c["top"] for c in chars if c["bottom"] < footer and not c["text"].isspace()),
                               default=-math.inf)
            at_foot = not last_top > table.bbox[3] + 1
        frag = _fragment(table, chars, shades, page, page_number, len(fragments) + 1, settings, layout, gap,
                         opens_page=opens_page, at_foot=at_foot)
        if frag is not None and len(frag.rows) == 1 and not frag.quality.get("header_only") \
                and (frag.header_rows or not _stroked_rules(page, table.bbox)):
            continue  # a lone header row, or shaded boxes with no rule (a band over a text table)
        if frag is not None:
            fragments.append(frag)
    return fragments


def _stroked_rules(page, bbox) -> bool:
    """Are the top and the bottom of ``bbox`` drawn as rules (lines or stroked rectangles),
    not only as the edges of filled boxes?"""
    x0, top, x1, bottom = bbox
    ys = [e["top"] for e in page.edges if e["orientation"] == "h" and e.get("stroke", True)
          and e["x1"] - e["x0"] >= 0.3 * (x1 - x0) and e["x0"] < x1 and e["x1"] > x0]
    return any(abs(y - top) <= 2 for y in ys) and any(abs(y - bottom) <= 2 for y in ys)


#: The widest stretch of a row's rule that ``_bridged_row_edges`` fills in, in points.
BRIDGE_MAX = 60.0
#: How many rules of rows a gap ``_bridged_row_edges`` fills in must show in one place.
BRIDGE_MIN_ROWS = 3


def _bridged_row_edges(page) -> list[dict]:
    """Rules the page leaves out over one column of a grid: a row's rule stops at a column
    rule and goes on from the next one at the same height, with text in that column
    between them (LibreOffice draws no top or bottom borders for the first column after a
    heavy rule that parts the halves of a two-up list, "no 제품명 기업 ┃ no 제품명 기업").
    Without them the finder cuts the grid in two there and drops that column. Filled in
    where both column rules reach across the row's rule and no other rule stands between
    them (one column's width); two grids set side by side with nothing between them stay
    apart."""
    verticals = [e for e in page.vertical_edges if e["bottom"] - e["top"] >= 5.0]
    if len(verticals) < 2:
        return []
    horizontals = sorted((e for e in page.horizontal_edges if e["x1"] - e["x0"] >= 5.0),
                         key=operator.itemgetter("top"))
    chars = [c for c in page.chars if c["text"].strip()]

    def rule_at(x: float, y: float):
        return next((v for v in verticals if abs(v["x0"] - x) <= 2.0 and v["top"] - 1.0 <= y <= v["bottom"] + 1.0),
                    None)

    out = []
    for group in runs(horizontals, operator.itemgetter("top"), 1.0):
        segments = sorted(group, key=operator.itemgetter("x0"))
        for a, b in zip(segments, segments[1:]):
            x0, x1, y = a["x1"], b["x0"], a["top"]
            if not 1.0 < x1 - x0 <= BRIDGE_MAX:
                continue
            left, right = rule_at(x0, y), rule_at(x1, y)
            if left is None or right is None:
                continue
            if any(x0 + 2.0 < v["x0"] < x1 - 2.0 and v["top"] - 1.0 <= y <= v["bottom"] + 1.0 for v in verticals):
                continue  # more than one column's width: rules under spanning headings, gaps left on purpose
            top, bottom = max(left["top"], right["top"]), min(left["bottom"], right["bottom"])
            if not any(x0 < (c["x0"] + c["x1"]) / 2 < x1 and top < (c["top"] + c["bottom"]) / 2 < bottom
                       for c in chars):
                continue  # an empty strip between two grids
            out.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0,
                        "height": 0.0})
    # Left out at every row's rule, not at one height (a cell merged over two rows between
    # two groups of columns whose headings are underlined leaves one such gap).
    seen = Counter((round(e["x0"]), round(e["x1"])) for e in out)
    return [e for e in out if seen[(round(e["x0"]), round(e["x1"]))] >= BRIDGE_MIN_ROWS]


def _open_row_edges(page) -> list[dict]:
    """Rules the page leaves out where a table's column rules stop together with no rule
    across them at the foot of the page: a row that runs over the page break is drawn open
    at the bottom (HTML renderers do so), and without an edge there the finder drops the
    row. Three column rules or more ending at one height, spanning 50 pt or more, in the
    last quarter of the page with no more than a footer line under them."""
    height = float(page.height)
    verticals = sorted((e for e in page.vertical_edges if e["bottom"] - e["top"] >= 5.0
                        and e["bottom"] >= 0.75 * height), key=lambda e: e["bottom"])
    groups = runs(verticals, operator.itemgetter("bottom"), 1.0)
    horizontals = page.horizontal_edges
    out = []
    for group in groups:
        xs = sorted({round(e["x0"], 1) for e in group})
        if len(xs) < 3 or xs[-1] - xs[0] < 50.0:
            continue
        y = max(e["bottom"] for e in group)
        x0, x1 = xs[0], xs[-1]
        covered = sum(max(0.0, min(x1, h["x1"]) - max(x0, h["x0"])) for h in horizontals if abs(h["top"] - y) <= 1.5)
        if covered >= 0.5 * (x1 - x0):
            continue
        below = {round(c["top"]) for c in page.chars if c["top"] > y + 1 and c["text"].strip()}
        if len(cluster(below, 2.0)) > 1:
            continue  # text goes on under the rules: the table ends there, not the page
        out.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0,
                    "height": 0.0})
    return out


def _fragment(table, chars, shades, page, page_number: int, k: int,
              settings: TableSettings, layout: LayoutSettings, gap: float | None, opens_page: bool = False,
              at_foot: bool = False) -> TableFragment | None:
    """The grid ``table`` as a TableFragment, or None when too small to be a table.
    ``opens_page``: the grid opens a page after one that ended in a table, so one row (the
    last row of that table, run over) is enough. ``at_foot``: the grid ends at the foot of
    the page, where one row drawn as a header is kept as a header alone (the producer moved
    the table's body to the next page; ``quality["header_only"]``)."""
    cells = [c for c in table.cells if c[2] - c[0] > 1 and c[3] - c[1] > 1]
    if not cells:
        return None
    xs = _positions([c[0] for c in cells] + [c[2] for c in cells])
    ys = _positions([c[1] for c in cells] + [c[3] for c in cells])
    # A page-header band drawn as a box can share its bottom edge with a table that starts
    # at the top of the page; a full-width row inside the top margin is that band, not data.
    margin = settings.margin_band * float(page.height)
    while len(ys) > 2 and ys[1] <= margin and any(
            abs(c[0] - xs[0]) < 1.5 and abs(c[2] - xs[-1]) < 1.5 and abs(c[3] - ys[1]) < 1.5 for c in cells):
        cells = [c for c in cells if c[1] >= ys[1] - 0.5]
        ys = ys[1:]
    # Each cell on the grid of distinct boundaries, with its lines and text.
    placed = []
    for cell in cells:
        c0, c1 = _index(xs, cell[0]), _index(xs, cell[2])
        r0, r1 = _index(ys, cell[1]), _index(ys, cell[3])
        if c1 <= c0 or r1 <= r0:
            continue
        lines = cell_lines(chars, cell, page_number, gap, layout)
        placed.append((r0, c0, r1, c1, lines, join_cell(lines)))
    open_cells, overflow = _open_cells(placed, xs, ys, chars, page_number, gap, layout)
    placed += open_cells
    placed = _split_spanning_text(placed, xs, ys, chars, page_number, gap, settings, layout)
    placed = _merge_unsupported_columns(placed, len(xs) - 1)
    # Double rules and hairline gaps make slivers of columns and rows in which no cell
    # holds text of its own; they would repeat merged text into meaningless positions.
    starts = {c0 for _, c0, _, _, _, t in placed if t}
    owned = {c for _, c0, _, c1, lines, t in placed if t for c in _text_columns(c0, c1, lines, xs)}
    keep_cols = sorted(starts & owned or starts)
    keep_rows = sorted({r0 for r0, _, _, _, _, t in placed if t})
    if opens_page and len(keep_rows) == 1:
        # The last row of a table run over onto this page may hold text in some columns only
        # (the rest of long cells): its columns are the rules', those wider than a sliver.
        keep_cols = [c for c in range(len(xs) - 1) if xs[c + 1] - xs[c] >= SLIVER_WIDTH]
    if len(keep_rows) < (1 if opens_page or at_foot else settings.min_rows) or len(keep_cols) < settings.min_cols:
        return None
    col_at = {c: k for k, c in enumerate(keep_cols)}
    open_columns = sorted({col_at[c0] for _, c0, _, _, _, _ in open_cells if c0 in col_at})
    row_at = {r: k for k, r in enumerate(keep_rows)}
    n_rows, n_cols = len(keep_rows), len(keep_cols)
    lines_grid: list[list[list]] = [[[] for _ in range(n_cols)] for _ in range(n_rows)]
    text_grid = [["" for _ in range(n_cols)] for _ in range(n_rows)]
    spans = []
    for r0, c0, r1, c1, lines, text in placed:
        cols = [col_at[c] for c in range(c0, c1) if c in col_at]
        rows = [row_at[r] for r in range(r0, r1) if r in row_at]
        if not cols or not rows:
            continue
        if len(rows) > 1 or len(cols) > 1:
            spans.append((rows[0], cols[0], len(rows), len(cols)))
        for r in rows:
            for c in cols:
                # A merged cell's text is repeated in every position it covers.
                lines_grid[r][c] = lines
                text_grid[r][c] = text
    xs = [xs[c] for c in keep_cols] + [xs[-1]]
    ys = [ys[r] for r in keep_rows] + [max(ys[-1], overflow)]
    lines_grid, text_grid, ys, spans, split = split_unruled_rows(lines_grid, text_grid, ys, spans)
    framed = (ys[0], ys[-1])
    lines_grid, text_grid, ys, spans, title, footer = _frame_rows(lines_grid, text_grid, ys, spans, settings)
    n_rows = len(text_grid)
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    header_like = []
    for r in range(n_rows):
        row_box = (xs[0], ys[r], xs[-1], ys[r + 1])
        row_lines = [ln for cell in lines_grid[r] for ln in cell]
        bold = bool(row_lines) and all(ln.bold for ln in row_lines)
        header_like.append(_covered(row_box, shades) or bold)
    header_rows = 0
    while header_rows < n_rows - 1 and header_like[header_rows]:
        header_rows += 1
    # (Only where one row is otherwise too few to be a table.)
    header_only = at_foot and not opens_page and n_rows == 1 and settings.min_rows > 1
    if header_only:
        if not header_like[0]:
            return None  # one plain row at the foot: a box, not a table's header
        header_rows = 1
    empty = sum(1 for row in text_grid for t in row if not t)
    caption, caption_box = find_caption(chars, bbox, float(page.width), settings.caption_distance, gap, layout)
    notes, notes_box, note_lines = find_notes(chars, bbox, float(page.width), settings.note_distance, gap, layout)
    # A title or note row taken out of the frame keeps its area out of the body text.
    if title and not caption:
        caption, caption_box = join_cell(title), (xs[0], framed[0], xs[-1], ys[0])
    if footer:
        notes, note_lines = notes + [join_cell(footer)], note_lines + [footer]
        below = (xs[0], ys[-1], xs[-1], framed[1])
        notes_box = below if notes_box is None else (min(notes_box[0], below[0]), min(notes_box[1], below[1]),
                                                     max(notes_box[2], below[2]), max(notes_box[3], below[3]))
    return TableFragment(
        id=f"p{page_number}-{k}", page=page_number, bbox=bbox, rows=text_grid, header_rows=header_rows,
        col_edges=xs, row_edges=ys, caption=caption, caption_bbox=caption_box, notes=notes,
        notes_bbox=notes_box, note_lines=note_lines,
        method="lattice", spans=spans, open_columns=open_columns, cell_lines=lines_grid, header_like=header_like,
        quality={"method": "lattice", "cells": n_rows * n_cols,
                 "empty_cell_ratio": round(empty / max(n_rows * n_cols, 1), 3),
                 "merged_cells": len(spans), **({"rows_split_by_lines": split} if split else {}),
                 **({"header_only": True} if header_only else {})},
    )


def _open_cells(placed: list[tuple], xs: list[float], ys: list[float], chars: list[dict], page_number: int,
                gap: float | None, layout: LayoutSettings) -> tuple[list[tuple], float]:
    """Cells drawn without a bottom border: a merged cell that runs on over a page break is
    left open at the page's end (a ranking tier spanning the break), and the finder, which
    needs four corners, loses it. In each column, the grid positions no cell covers, from
    the table's bottom up to a covered one, are that cell when it holds text."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    covered = {(r, c) for r0, c0, r1, c1, _, _ in placed for r in range(r0, r1) for c in range(c0, c1)}
    out = []
    overflow = ys[n_rows]
    for c in range(n_cols):
        top = n_rows
        while top > 0 and (top - 1, c) not in covered:
            top -= 1
        if top in (0, n_rows):
            continue  # the column is whole, or nothing in it was found: not a cell left open
        bottom = _open_cell_bottom(chars, xs[c], xs[c + 1], ys[top], ys[n_rows])
        lines = cell_lines(chars, (xs[c], ys[top], xs[c + 1], bottom), page_number, gap, layout)
        if lines:
            out.append((top, c, n_rows, c + 1, lines, join_cell(lines)))
            overflow = max(overflow, bottom)
    return out, overflow


def _open_cell_bottom(chars: list[dict], x0: float, x1: float, top: float, bottom: float) -> float:
    """Where a cell left open at the grid's foot ends: its text may run on below the rule
    that closes the other columns (a renderer breaking a merged cell over the page goes on
    setting its lines). Lines inside the column that follow the cell's last line at the
    usual line pitch belong to it; a line wider than the column is the body's."""
    inside = [c for c in chars_between(chars, top, bottom) if x_center_within(c, x0, x1)]
    if not inside:
        return bottom
    last = max(c["bottom"] for c in inside)
    below = sorted((c for c in chars if c["top"] >= bottom - 1 and c["top"] > last - 1 and not c["text"].isspace()),
                   key=lambda c: c["top"])
    for c in below:
        if c["top"] < last - 1:
            continue  # on a line already taken
        size = max(c["bottom"] - c["top"], 1.0)
        if c["top"] - last > 0.8 * size:
            break  # a gap wider than line spacing: what follows is not this cell's
        row = [g for g in below if abs(g["top"] - c["top"]) < 0.5 * size]
        if any((g["x0"] + g["x1"]) / 2 < x0 or (g["x0"] + g["x1"]) / 2 > x1 for g in row):
            break  # a line reaching out of the column
        last = max(last, max(g["bottom"] for g in row))
    return max(bottom, last)


def _frame_rows(lines_grid, text_grid, ys, spans, settings: TableSettings):
    """Take a title row and a source row out of the grid: a first or last row that is one
    cell across every column, inside the frame, is the table's title or its note (the
    frame drawn around them too), not a row of data. A short one ("2000s", "Assignment
    Categories") is a group heading over the columns and stays. Only when rows of data
    remain."""
    n_rows, n_cols = len(text_grid), len(text_grid[0]) if text_grid else 0
    whole = {r0 for r0, c0, rs, cs in spans if rs == 1 and c0 == 0 and cs == n_cols
             and len(text_grid[r0][0].split()) >= settings.frame_row_words}
    top = 1 if 0 in whole and n_cols >= 2 else 0
    bottom = 1 if n_rows - 1 in whole and n_rows - 1 > 0 and n_cols >= 2 else 0
    if n_rows - top - bottom < settings.min_rows + 1:
        return lines_grid, text_grid, ys, spans, None, None
    title = lines_grid[0][0] if top else None
    footer = lines_grid[-1][0] if bottom else None
    end = n_rows - bottom
    spans = [(r0 - top, c0, rs, cs) for r0, c0, rs, cs in spans if r0 >= top and r0 + rs <= end]
    return lines_grid[top:end], text_grid[top:end], ys[top:end + 1], spans, title, footer


#: A grid whose bottom lies below this share of the page's height stands at its foot.
FOOT_SHARE = 0.8
#: Columns narrower than this (pt) are slivers between double rules, not columns of their own.
SLIVER_WIDTH = 4.0
#: A cell line that is one value: a number, a percentage, a year, a dash for "none".
VALUE = re.compile(r"^[(\[]?[-+–—−±]?[$€£¥]?\s?(\d[\d,.]*(?:\s\d{3}(?!\d))*|\.\d+)\s?(%|‰)?[)\]]?\*?$|^[-–—:*]$")


def _bands(lines: list[TextLine]) -> list[list[TextLine]]:
    """Lines grouped by vertical position (lines of different cells side by side)."""
    bands: list[list[TextLine]] = []
    for ln in sorted(lines, key=lambda ln: (ln.top + ln.bottom) / 2):
        mid = (ln.top + ln.bottom) / 2
        if bands:
            last = bands[-1]
            top, bottom = min(x.top for x in last), max(x.bottom for x in last)
            if top <= mid <= bottom:
                last.append(ln)
                continue
        bands.append([ln])
    return bands


def split_unruled_rows(lines_grid, text_grid, ys, spans):
    """Split grid rows that hold several rows of values with no rule between them.

    Many tables rule only the header and the outer frame, so one ruled "row" holds every
    data row: a column of names beside columns of numbers, one per line. A row is split at
    its text lines when at least two of its columns hold two or more lines and one of
    them holds nothing but single values (numbers, percentages), which wrapped text never
    is; in a grid of many ruled rows, where one cell with two numbers (two telephone
    numbers) is just that, it takes three. Rows inside merged cells are left alone.
    Returns the new grids, row edges and spans, and how many rows were split."""
    in_span = {r for r0, _, rs, cs in spans if rs > 1 or cs > 1 for r in range(r0, r0 + rs)}
    out_lines, out_text, out_ys, row_of = [], [], [ys[0]], []
    split = 0
    least = 2 if len(lines_grid) <= 3 else 3
    for r, row in enumerate(lines_grid):
        multi = [cell for cell in row if len(cell) >= 2]
        listed = any(len(cell) >= least and all(VALUE.match(ln.text.strip()) for ln in cell) for cell in multi)
        bands = _bands([ln for cell in row for ln in cell]) if len(multi) >= 2 and listed and r not in in_span else []
        if len(bands) < 2:
            row_of.append(len(out_lines))
            out_lines.append(row)
            out_text.append(text_grid[r])
            out_ys.append(ys[r + 1])
            continue
        split += 1
        row_of.append(len(out_lines))
        for k, band in enumerate(bands):
            members = {id(ln) for ln in band}
            cells = [[ln for ln in cell if id(ln) in members] for cell in row]
            out_lines.append(cells)
            out_text.append([join_cell(cell) for cell in cells])
            if k < len(bands) - 1:
                below = bands[k + 1]
                out_ys.append((max(ln.bottom for ln in band) + min(ln.top for ln in below)) / 2)
        out_ys.append(ys[r + 1])
    if not split:
        return lines_grid, text_grid, ys, spans, 0
    spans = [(row_of[r0], c0, row_of[r0 + rs - 1] - row_of[r0] + 1 if rs > 1 else 1, cs)
             for r0, c0, rs, cs in spans]
    return out_lines, out_text, out_ys, spans, split
