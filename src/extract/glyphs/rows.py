"""Glyphs grouped into rows by vertical overlap, read in their own direction when a page
runs sideways."""
from __future__ import annotations

import math
import operator
import threading
from collections import Counter
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from ..settings import LayoutSettings


def direction(c: dict) -> int:
    """Quarter turns of a glyph's baseline, counter-clockwise: 0 upright, 1 running up the
    page, 2 upside down, 3 running down the page."""
    m = c.get("matrix")
    if c.get("upright", True):
        # pdfminer calls a glyph upright when its matrix has no shear, which a glyph turned
        # half round (a < 0, d < 0) has not either: that one reads upside down.
        return 2 if m and m[0] < 0 and m[3] < 0 else 0
    if not m:
        return 0
    angle = math.degrees(math.atan2(m[1], m[0]))
    return round(angle / 90) % 4


_NO_TURN = (1.0, 0.0, 0.0, 1.0)


def sideways_turn(chars: Iterable[dict]) -> int:
    """The turn of a page's text when most of its glyphs share one non-upright direction
    (a landscape page stored sideways without /Rotate, a page upside down), else 0."""
    if not isinstance(chars, (list, tuple)):
        chars = list(chars)
    for c in chars:  # (a loop, not all() over a generator: this runs over every glyph of a page)
        if not (c.get("upright", True) and (c.get("matrix") or _NO_TURN)[0] >= 0):
            break
    else:
        return 0  # the common case, without a Counter over every glyph
    turns = Counter(direction(c) for c in chars if c["text"] and not c["text"].isspace())
    if not turns:
        return 0
    turn, n = turns.most_common(1)[0]
    return turn if turn and 2 * n > sum(turns.values()) else 0


def derotate(chars: list[dict], turn: int, right: float | None = None) -> list[dict]:
    """Glyphs of direction ``turn`` with their boxes turned into the frame where they read
    left to right and top to bottom (copies; glyphs of other directions are left out).
    ``right`` is the page's right edge (default: the glyphs' own)."""
    chosen = [c for c in chars if direction(c) == turn or (c["text"].isspace() and not c.get("upright", True))]
    if not chosen:
        return []
    if right is None:
        right = max(c["x1"] for c in chosen)
    out = []
    for c in chosen:
        if turn == 1:  # running up: reading goes up the page, next lines to the right
            box = (c["y0"], c["y1"], c["x0"], c["x1"])
        elif turn == 3:  # running down: reading goes down, next lines to the left
            box = (c["top"], c["bottom"], right - c["x1"], right - c["x0"])
        else:  # upside down: reading goes right to left, next lines upwards
            box = (right - c["x1"], right - c["x0"], c["y0"], c["y1"])
        x0, x1, top, bottom = box
        out.append(dict(c, x0=x0, x1=x1, top=top, bottom=bottom, upright=True, turned=turn))
    return out


# The rows of the last big glyph lists grouped, per thread: the load stage groups a page's
# glyphs to learn its word gap, and the table and layout stages group the same list again
# when no table or figure takes glyphs out of it. (Small lists, a table cell's, are cheap
# to group and would push the page's rows out.)
_ROW_MEMO = threading.local()
_MEMO_MIN_GLYPHS = 200
_MEMO_SIZE = 4


def glyph_rows(chars: Iterable[dict], settings: "LayoutSettings") -> list[list[dict]]:
    """Glyphs grouped into rows by vertical overlap, each row sorted left to right. When
    most glyphs run sideways, those are read in their own direction (see derotate).
    Callers must not change the rows they get."""
    if not isinstance(chars, list):
        return _group_rows(list(chars), settings)
    if len(chars) < _MEMO_MIN_GLYPHS:
        return _group_rows(chars, settings)
    memo = getattr(_ROW_MEMO, "entries", None)
    if memo is None:
        memo = _ROW_MEMO.entries = []
    n = len(chars)
    for glyphs, members, ratio, rows in memo:
        # the same list, or another holding the same glyphs in the same order (the layout's
        # body of a page is a new list of the glyphs the table finder's stream pass grouped)
        if len(members) == n and ratio == settings.line_overlap_ratio and \
                (glyphs is chars or all(map(operator.is_, members, chars))):
            return rows
    rows = _group_rows(chars, settings)
    memo.insert(0, (chars, tuple(chars), settings.line_overlap_ratio, rows))
    del memo[_MEMO_SIZE:]
    return rows


def _group_rows(chars: list[dict], settings: "LayoutSettings") -> list[list[dict]]:
    turn = sideways_turn(chars)
    if turn:
        chars = derotate(chars, turn)
    glyphs = [c for c in chars if c.get("upright", True) and c["text"] and c["text"] != "\n"]
    if not glyphs:
        return []
    # sorted by _row_order's key, with one round() per distinct top (a row's glyphs share it)
    rounded: dict[float, float] = {}
    keys = []
    for c in glyphs:
        top = c["top"]
        r = rounded.get(top)
        if r is None:
            r = round(top, 1)
            if top == top:  # (not NaN: a NaN's rounding is a new object each time, as before)
                rounded[top] = r
        keys.append((r, c["x0"]))
    glyphs = [glyphs[k] for k in sorted(range(len(glyphs)), key=keys.__getitem__)]
    ratio = settings.line_overlap_ratio
    rows: list[list[dict]] = []
    row = None
    row_top = row_bottom = 0.0
    # The loop runs once per glyph of every page: plain comparisons instead of min()/max().
    for c in glyphs:
        top, bottom = c["top"], c["bottom"]
        if row is not None:
            height = bottom - top
            if row_bottom - row_top < height:
                height = row_bottom - row_top
            overlap = (bottom if bottom < row_bottom else row_bottom) - (top if top > row_top else row_top)
            if overlap >= ratio * (height or 1.0):
                row.append(c)
                if top < row_top:
                    row_top = top
                if bottom > row_bottom:
                    row_bottom = bottom
                continue
        row = [c]
        rows.append(row)
        row_top, row_bottom = top, bottom
    for row in rows:
        row.sort(key=_x0)
    return rows


_x0 = operator.itemgetter("x0")


def _row_order(c: dict) -> tuple[float, float]:
    return (round(c["top"], 1), c["x0"])
