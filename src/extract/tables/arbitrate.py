"""Body and tables arbitrate: which aligned words are the body's own furniture, and whether
an aligned-words (stream) table has the evidence of a table.

A page's structure — section banners, numbered headings, lead lines, '출처:' source lines,
reference blocks, figure captions — can line up like columns (a number box beside a title,
'출처:' set apart from its source) and sit between rules of one width (the rule under each
heading, the edges of a lead's box), which is what the stream detector looks for. Such lines
are never cells of a stream table: the table is cut at them and they stay in the body. A
ruled grid, four sides drawn, keeps what it encloses as its cells, unless the grid is only a
heading drawn in boxes (``heading_box``).

The segmenter's patterns (``segment``) say what a structure line reads like; the geometry
of the row (how many runs of words, its size and weight beside the other rows, where it
starts) says whether it stands as a line of its own or as a table row that happens to begin
with the same mark.
"""
from __future__ import annotations

import re
import statistics
from typing import TYPE_CHECKING

from ..segment import (
    BRIEF_SOURCE,
    BRIEF_SOURCE_NODATE,
    BULLET,
    CAPTION,
    KNOWN_SECTIONS,
    LEAD_DATE,
    LEAD_MARKS,
    NUMBERED_TITLE,
    REFERENCES_HEAD,
    URL,
)
from ..settings import TableSettings
from .detect import VALUE

if TYPE_CHECKING:  # pragma: no cover
    from ..model import TableFragment
    from .stream import Row

#: Marks that open a lead in other templates as well (○ ● ◆ ▶ open bullets too, so a line
#: opened by one of them is a lead only where it also looks like one: see ``structure_kind``).
LIST_LEAD_MARKS = "○●◆▶"
#: '□ 01 title', '[01] title', '01. title': a numbered heading with a box or brackets.
BOXED_NUMBER = re.compile(r"^(?:[" + re.escape(LEAD_MARKS) + r"]\s*)?[\[(]?\d{1,2}[\]).]?\s+\S")
#: A section banner may carry a number: 'Ⅱ. 정책동향', '2. 정책동향'.
BANNER_NUMBER = re.compile(r"^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+|[IVX]+|\d{1,2})\s*[.)]?\s*")
#: A line of references: a mark, then a title and its address.
REFERENCE_MARK = re.compile(r"^[☞※▶►▷→]")


def _text(row: "Row") -> str:
    return " ".join(w.text for w in row.words)


def _bold(row: "Row") -> bool:
    chars = [c for w in row.words for c in w.chars]
    return sum(1 for c in chars if "bold" in str(c.get("fontname", "")).lower()) * 2 > len(chars)


def structure_kind(row: "Row", x0: float, median_size: float, body_bold: bool,
                   settings: TableSettings | None = None) -> str | None:
    """What structure line ``row`` is ("heading", "lead", "source", "references", "caption",
    "banner"), or None for a line that may be a table row. ``x0`` is the left edge of the
    area read; ``median_size`` and ``body_bold`` describe its usual row."""
    settings = settings if settings is not None else TableSettings()
    text = _text(row).strip()
    if not text:
        return None
    n = len(row.chunks)
    first = " ".join(w.text for w in row.chunks[0])
    rest = " ".join(w.text for c in row.chunks[1:] for w in c)
    at_edge = row.x0 <= x0 + 2 * row.size
    bigger = row.size >= settings.arbitrate_heading_size * median_size or (_bold(row) and not body_bold)
    bare = text.lstrip("( ")  # '(출처: 과학망, 12.22)' in some templates
    if n <= 2 and bare.startswith("출처") and (BRIEF_SOURCE.match(bare) or BRIEF_SOURCE_NODATE.match(bare)):
        return "source"
    if n == 1 and (CAPTION.match(text) or REFERENCES_HEAD.match(text)):
        return "caption" if CAPTION.match(text) else "references"
    if n <= 2 and REFERENCE_MARK.match(text) and URL.search(text):
        return "references"
    # A table row may open with a number too ('1  Austria  12.5'): a heading is one run of
    # words (or the number set apart in its box), set larger or bolder than the rows around.
    if n <= 2 and (NUMBERED_TITLE.match(text) or BOXED_NUMBER.match(text)) and bigger and at_edge \
            and not VALUE.match(rest or text.split(None, 1)[-1]):
        return "heading"
    if n == 1 and bigger and BANNER_NUMBER.sub("", text) in KNOWN_SECTIONS:
        return "banner"
    # One run of words set well above the rows' size at the left: a heading without a
    # number (a table's rows share one size; its title is a caption, not a row either).
    if n == 1 and at_edge and row.size >= settings.arbitrate_bare_heading_size * median_size and len(text) >= 4 \
            and not VALUE.match(text):
        return "heading"
    mark = text[:1]
    if mark in LEAD_MARKS or mark in LIST_LEAD_MARKS:
        body = text[1:].strip()
        # The lead's date may stand apart at the right ('■ ...      (12.28)'); other second
        # runs are a neighbouring cell.
        lone = n == 1 or (n == 2 and (first.strip() == mark or LEAD_DATE.match(rest)))
        if lone and at_edge and len(body) >= 2 and (mark in LEAD_MARKS or bigger or LEAD_DATE.search(text)):
            return "lead"
    return None


def structure_kinds(rows: list["Row"], x0: float, settings: TableSettings | None = None) -> list[str | None]:
    """``structure_kind`` of each row, judged against the rows' usual size and weight."""
    settings = settings if settings is not None else TableSettings()
    if not rows:
        return []
    median_size = statistics.median(r.size for r in rows)
    body_bold = sum(1 for r in rows if _bold(r)) * 2 > len(rows)
    return [structure_kind(r, x0, median_size, body_bold, settings) for r in rows]


def loose(row: "Row", settings: TableSettings, median_size: float = 0.0) -> bool:
    """A line of body text next to a structure line: a bullet (its mark, then its text, in
    one or two runs), one run of a sentence's words, or one run set larger than the rows
    (a heading without a number). Such lines are cut off with the structure line they
    follow or precede."""
    text = _text(row)
    if len(row.chunks) == 1 and median_size and row.size >= settings.arbitrate_loose_size * median_size:
        return True
    if BULLET.match(text) and (len(row.chunks) == 1 or (len(row.chunks) == 2 and len(row.chunks[0]) == 1
                                                       and len(row.chunks[0][0].text) == 1)):
        return True
    return len(row.chunks) == 1 and len(row.words) >= settings.stream_prose_words


# ---------------------------------------------------------------------------- evidence

def _words(text: str) -> int:
    return len(text.split())


def cell_type(text: str) -> str:
    """'value' (figures, dates, codes), 'short' (a label of a few words) or 'text'."""
    t = text.strip()
    if VALUE.match(t) or (t and sum(ch.isdigit() for ch in t) * 2 >= len(t.replace(" ", ""))):
        return "value"
    return "short" if _words(t) <= 3 and len(t) <= 24 else "text"


def _prose_cell(text: str, n_lines: int, settings: TableSettings) -> bool:
    """Running text: wrapped over lines, a couple of sentences' worth of words."""
    return n_lines >= 2 and _words(text) >= 2 * settings.stream_prose_words


def evidence(frag: "TableFragment", settings: TableSettings) -> dict:
    """What says a stream table is a table: a header row, columns that hold across its rows
    (text in ``stream_hold_share`` of them), columns of one type (figures, or labels, or
    text, in ``stream_type_share`` of their cells), columns that are not running text.

    ``verdict``: "refused" without a header row when fewer than 2 columns hold (running text
    not counted) or fewer than 2 are of one type, and with one when fewer than 2 columns
    hold any text that is not running text; "table" with a header and 2 columns that hold
    and 2 of one type; "doubtful" otherwise (kept, with a warning)."""
    rows = frag.rows
    h = frag.header_rows if frag.header_rows < len(rows) else 0
    body = rows[h:]
    lines = frag.cell_lines[h:] if frag.cell_lines else [[[]] * len(r) for r in body]
    n_cols = len(rows[0]) if rows else 0
    holds = typed = prose_cols = filled = 0
    for c in range(n_cols):
        cells = [(r[c], len(ls[c]) if c < len(ls) else 1) for r, ls in zip(body, lines) if r[c].strip()]
        if not cells:
            continue
        types = [cell_type(t) for t, _ in cells]
        top = max(set(types), key=types.count)
        if types.count(top) >= settings.stream_type_share * len(types) and len(cells) >= 2:
            typed += 1
        prose = sum(1 for t, n in cells if _prose_cell(t, n, settings)) * 2 > len(cells)
        prose_cols += prose
        filled += not prose
        holds += len(cells) >= settings.stream_hold_share * len(body) and not prose
    header = h > 0 or any(frag.header_like[:1])
    out: dict[str, bool | int | str] = {"header": header, "columns_hold": holds, "typed_columns": typed,
                                        "prose_columns": prose_cols}
    if header:
        # The header names the columns: running text under one of them is a column's text.
        if filled + prose_cols < 2 or filled < 1:
            out["verdict"], out["reason"] = "refused", "fewer than 2 columns with text that is not running text"
        else:
            out["verdict"] = "table" if holds >= 2 and typed >= 2 else "doubtful"
    elif holds < 2:
        out["verdict"], out["reason"] = "refused", "no header row and fewer than 2 columns that hold across " \
                                                   "the rows and are not running text"
    elif typed < 2:
        out["verdict"], out["reason"] = "refused", "no header row and fewer than 2 columns of one type"
    else:
        out["verdict"] = "doubtful"
    return out


# ---------------------------------------------------------------------------- ruled boxes

def _row_kind(cells: list[str]) -> str | None:
    """A ruled grid's row that is a structure line drawn in a box: a section banner alone
    (over every column), or a heading's number in one cell and its title in the next."""
    filled = [t.strip() for t in cells if t.strip()]
    distinct = list(dict.fromkeys(filled))
    if len(distinct) == 1 and BANNER_NUMBER.sub("", distinct[0]) in KNOWN_SECTIONS:
        return "banner"
    if len(distinct) == 2 and re.fullmatch(r"[\[(]?\d{1,2}[\]).]?", distinct[0]) \
            and cell_type(distinct[1]) != "value" and not BULLET.match(distinct[1]):
        return "heading"
    return None


def heading_box(frag: "TableFragment") -> bool:
    """A ruled grid that is no table but a heading drawn in boxes: one heading row (its
    number in a box beside its title), the rest section banners. (A grid of many numbered
    rows is a numbered list, a table.)"""
    if not frag.rows or len(frag.rows) > 3:
        return False
    kinds = [_row_kind(r) for r in frag.rows]
    return all(kinds) and kinds.count("heading") == 1
