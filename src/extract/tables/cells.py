"""Text of one table cell: its glyphs grouped into lines, then joined.

A cell's lines are joined with one space, except where a Hangul word was cut by the cell's
right edge ("의료설비회|사"): that is decided like body text, from the cell's edge and the
document's own words (see ``textjoin``).
"""
from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right

from ..glyphs.geometry import x_center_within
from ..glyphs.lines import chars_to_lines
from ..glyphs.scripts import is_hangul
from ..model import BBox, TextLine
from ..settings import LayoutSettings
from ..textjoin import JoinStats, centred, fold, join_wrapped

# The page's glyphs sorted by vertical centre, for the last page asked about: a table asks
# for each of its cells in turn, and scanning every glyph of the page per cell cost more
# than the rest of the table stage together. Per thread, as the batch may run in threads.
_index = threading.local()


def chars_between(chars: list[dict], top: float, bottom: float, page_order: bool = False) -> list[dict]:
    """The glyphs of ``chars`` whose vertical centre lies between ``top`` and ``bottom``, by
    centre, or with ``page_order`` in the order of ``chars``."""
    if getattr(_index, "chars", None) is not chars:
        _index.positions = sorted(range(len(chars)), key=lambda k: chars[k]["top"] + chars[k]["bottom"])
        _index.by_centre = [chars[k] for k in _index.positions]
        _index.centres = [(c["top"] + c["bottom"]) / 2 for c in _index.by_centre]
        _index.chars = chars
    start, end = bisect_left(_index.centres, top), bisect_right(_index.centres, bottom)
    if page_order:
        return [chars[k] for k in sorted(_index.positions[start:end])]
    return _index.by_centre[start:end]


def cell_lines(chars: list[dict], box: BBox, page: int, gap: float | None, layout: LayoutSettings) -> list[TextLine]:
    """Lines of the glyphs whose centre lies inside ``box``; each line knows the cell's
    usable right edge (the box minus the padding seen on the left)."""
    x0, top, x1, bottom = box
    inside = [c for c in chars_between(chars, top, bottom) if x_center_within(c, x0, x1)]
    lines = chars_to_lines(inside, page, layout, gap)
    if lines:
        pad = max(0.0, min(ln.x0 for ln in lines) - x0)
        for ln in lines:
            ln.column_right = x1 - pad
            ln.role = "table"
    return lines


def join_cell(lines: list[TextLine], stats: JoinStats | None = None, edge: float | None = None) -> str:
    """A cell's text: its lines joined (``textjoin.join_wrapped``; ``edge``: the furthest line
    end of the cell's column, where known)."""
    if len(lines) >= 2 and all(len(ln.text.strip()) == 1 and is_hangul(ln.text.strip()) for ln in lines):
        # One syllable a line: a word set down a narrow column ("구|분", "베|이|징").
        return "".join(ln.text.strip() for ln in lines)
    text = ""
    prev = None
    in_centred = centred(lines)
    for ln in lines:
        text = join_wrapped(text, ln.text, prev, stats, in_centred=in_centred, edge=edge) if text else ln.text
        prev = ln
    return fold(text)
