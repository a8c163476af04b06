"""The 〈caption〉 above a table and the '* 출처:' / '* 주석' notes under it."""
from __future__ import annotations

import re

from ..glyphs.lines import chars_to_lines
from ..markers import BRACKETED_CAPTION_IN, LABELLED_CAPTION, caption_text, split_mark
from ..model import BBox, TextLine
from ..settings import LayoutSettings
from ..textjoin import fold
from .cells import chars_between, join_cell

OPEN, CLOSE = "〈<《", "〉>》"
NOTE_START = re.compile(r"^(\*|※|주\s*[:)）]|자료\s*[:：]|출처\s*[:：])")
NOTE_KEYWORD = re.compile(r"^[*※]?\s*(출처|주석|주|자료|비고|note|source)\s*[:：)）]", re.I)
NOT_A_NOTE_CONTINUATION = re.compile(r"^([-–○•●■□▶]|[〈<《]|\d{1,2}\s)")


def _opens_item(text: str) -> bool:
    """The line opens with an item mark of any family (◦, ㅇ, ▪ ... not only those listed in
    NOT_A_NOTE_CONTINUATION) other than a note's own * and ※: the body's next item, not the
    note going on."""
    found = split_mark(text)
    return found is not None and found[0] not in "*※"


def _band(chars: list[dict], x0: float, x1: float, top: float, bottom: float) -> list[dict]:
    # Space glyphs stay: where a producer writes its spaces, they are the word spaces.
    # (The page's glyphs by vertical centre, the index the cells are read with: this runs
    # twice per table, and scanning every glyph of the page cost a tenth of the tables stage.)
    return [c for c in chars_between(chars, top, bottom, page_order=True)
            if x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= x1 + 1 and c["text"]]


def find_caption(chars: list[dict], table: BBox, page_width: float, distance: float,
                 gap: float | None, layout: LayoutSettings) -> tuple[str | None, BBox | None]:
    """The nearest line above the table that holds a 〈...〉 caption; only the bracketed
    characters are claimed, the rest of that line stays body text."""
    x0, top, x1, bottom = table
    near = _band(chars, 0, page_width, top - distance, top)
    lines = chars_to_lines(near, 0, layout, gap)
    for line in sorted(lines, key=lambda ln: -ln.bottom):
        labelled = LABELLED_CAPTION.match(line.text.strip())
        if labelled:
            # '[표] 캡션', '표 1. 캡션': the whole line is the caption.
            return fold(caption_text(line.text) or ""), (line.x0, line.top, line.x1, line.bottom)
        m = BRACKETED_CAPTION_IN.search(line.text)
        if not m:
            continue
        row = sorted((c for c in near if line.top - 0.5 <= c["top"] and c["bottom"] <= line.bottom + 0.5),
                     key=lambda c: c["x0"])
        opens = [c for c in row if c["text"] in OPEN]
        closes = [c for c in row if c["text"] in CLOSE]
        if not opens or not closes:
            continue
        start = opens[-1] if len(opens) == 1 else next((c for c in opens if c["x0"] < closes[-1]["x0"]), opens[0])
        end = closes[-1]
        box = (start["x0"], min(c["top"] for c in row), end["x1"], max(c["bottom"] for c in row))
        return fold(m.group(1)), box
    return None, None


def find_notes(chars: list[dict], table: BBox, page_width: float, distance: float,
               gap: float | None, layout: LayoutSettings) -> tuple[list[str], BBox | None, list[list[TextLine]]]:
    """Note lines right under the table: the first starts with '*', '※', '주:', '자료:' or
    '출처:'; a note may wrap onto lines that start without a marker. Returns the notes'
    text, their box, and each note's lines (to be joined again with the document's word
    statistics, see build)."""
    x0, top, x1, bottom = table
    near = _band(chars, 0, page_width, bottom, bottom + distance * 3)
    lines = chars_to_lines(near, 0, layout, gap)
    groups: list[list[TextLine]] = []
    boxes = []
    prev = None
    for line in lines:
        gap = line.top - (prev.bottom if prev else bottom)
        if gap > (distance if prev is None else line.size * 0.9):
            break
        if NOTE_START.match(line.text) and (NOTE_KEYWORD.match(line.text) or abs(line.x0 - x0) <= line.size):
            # A marked line is a note when it names itself one ('* 출처:') or starts where the
            # table starts; an indented '* ...' further left or right is a body bullet.
            groups.append([line])
        elif prev is not None and not NOT_A_NOTE_CONTINUATION.match(line.text) and not _opens_item(line.text):
            groups[-1].append(line)
        else:
            break
        boxes.append(line.bbox)
        prev = line
    if not boxes:
        return [], None, []
    # A wrapped note fills the table's width (or its own widest line): that is the edge
    # a line break is judged against.
    for group in groups:
        edge = max([x1] + [ln.x1 for ln in group])
        for ln in group:
            ln.column_right = edge
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return [join_cell(group) for group in groups], box, groups
