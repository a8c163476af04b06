"""Unruled tables on one page ("stream" tables): columns of aligned words.

Tables drawn without vertical rules (ruled by horizontal lines only, or not at all) are
found from the text itself:

1. glyphs -> words -> text rows (by vertical overlap); each row is split into *chunks* where
   two words are further apart than a word space can stretch (``stream_chunk_gap``);
2. candidate regions: stacks of horizontal rules of about the same extent (a table's top,
   header and bottom rules) and runs of rows that have two or more chunks;
3. columns: gaps in the x-projection of the words of the region's fully populated rows;
4. rows: one per text row, then merged where the rules or the text say a cell wrapped
   (text only in some columns, no rule between, the line continues the one above);
   header lines above the header rule are merged per column, and header text spanning
   several columns is repeated over them;
5. a region is kept only when it reads as a table: enough rows with two or more filled
   cells and columns that are not running text (two-column prose and indented lists are
   refused).
"""
from __future__ import annotations

import operator
import re
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..glyphs.geometry import center_in_box, clearly_between, median_size, runs, x_center_within
from ..glyphs.lines import bold_glyph, chars_to_lines
from ..glyphs.rows import glyph_rows
from ..glyphs.scripts import is_wide
from ..markers import BRACKETED_CAPTION_IN, LABELLED_CAPTION
from ..model import BBox, TableFragment, TextLine
from ..settings import LayoutSettings, TableSettings
from .arbitrate import evidence, loose, structure_kinds
from .captions import find_caption, find_notes
from .cells import chars_between, join_cell
from .detect import VALUE, is_shaded


@dataclass
class Word:
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    chars: list[dict]
    #: The space glyph printed right after the word, if any: a cell's text is joined with
    #: it (a narrow space, 0.2 em, is a word space where a space glyph says so; a gap with
    #: none between scripts is the producer's spacing, not a word space).
    space: dict | None = None

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)


@dataclass
class Row:
    words: list[Word]
    chunks: list[list[Word]] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)


# ---------------------------------------------------------------------------- text rows

def text_rows(chars: list[dict], gap_em: float, chunk_gap_em: float, layout: LayoutSettings) -> list[Row]:
    """Rows of words, top to bottom; each row's words split into chunks."""
    # The layout's grouping of the upright glyphs (sideways ones are not read as table text);
    # for a page all upright, the load stage has usually grouped this very list already.
    upright = chars if all(c.get("upright", True) for c in chars) else \
        [c for c in chars if c.get("upright", True)]
    raw = glyph_rows(upright, layout)
    rows = []
    for glyph_row in raw:
        words: list[Word] = []
        current: list[dict] = []
        for c in glyph_row:
            if c["text"].isspace():
                if current:
                    words.append(_word(current))
                    if c["x1"] > c["x0"]:
                        words[-1].space = c
                current = []
                continue
            if current:
                prev = current[-1]
                size = max(c.get("size", 1.0), prev.get("size", 1.0), 1.0)
                if c["x0"] - prev["x1"] > gap_em * size:
                    words.append(_word(current))
                    current = []
            current.append(c)
        if current:
            words.append(_word(current))
        if not words:
            continue
        row = Row(words)
        row.chunks = _chunks(words, chunk_gap_em)
        rows.append(row)
    rows.sort(key=lambda r: r.top)
    return rows


def _word(chars: list[dict]) -> Word:
    return Word(min(c["x0"] for c in chars), max(c["x1"] for c in chars), min(c["top"] for c in chars),
                max(c["bottom"] for c in chars), median_size([c.get("size", 1.0) for c in chars]), chars)


def _chunks(words: list[Word], chunk_gap_em: float) -> list[list[Word]]:
    out = [[words[0]]]
    for a, b in zip(words, words[1:]):
        if b.x0 - a.x1 > chunk_gap_em * max(a.size, b.size, 1.0):
            out.append([b])
        else:
            out[-1].append(b)
    return out


# ---------------------------------------------------------------------------- rules

#: The top and bottom edges of a hairline rectangle lie this close (pt): one rule.
HAIRLINE_EDGES = 2.5
#: Pieces of one rule drawn at most this far apart (pt) along x are one rule.
RULE_PIECE_GAP = 3.0


def horizontal_rules(page, min_length: float) -> list[tuple[float, float, float]]:
    """Horizontal rules as (y, x0, x1): ruling lines and hairline rectangles, collinear
    pieces joined (a rule drawn cell by cell is one rule). The edges of larger boxes are not
    rules (some producers draw a border as a big filled box clipped to a hairline)."""
    segs = []
    for ln in page.lines:
        if abs(ln["top"] - ln["bottom"]) <= 1.0 and ln["x1"] - ln["x0"] >= 1.0:
            segs.append(((ln["top"] + ln["bottom"]) / 2, float(ln["x0"]), float(ln["x1"])))
    for r in page.rects:
        if r["bottom"] - r["top"] <= 3.0 and r["x1"] - r["x0"] >= 1.0:
            segs.append(((r["top"] + r["bottom"]) / 2, float(r["x0"]), float(r["x1"])))
    segs.sort()
    # Group by y (within 2.5 pt: the top and bottom edges of a hairline rectangle), then
    # join pieces that touch along x.
    groups = runs(segs, operator.itemgetter(0), HAIRLINE_EDGES, from_first=True)
    rules = []
    for g in groups:
        y = statistics.mean(s[0] for s in g)
        pieces = sorted((s[1], s[2]) for s in g)
        cur = list(pieces[0])
        for x0, x1 in pieces[1:]:
            if x0 <= cur[1] + RULE_PIECE_GAP:
                cur[1] = max(cur[1], x1)
            else:
                if cur[1] - cur[0] >= min_length:
                    rules.append((y, cur[0], cur[1]))
                cur = [x0, x1]
        if cur[1] - cur[0] >= min_length:
            rules.append((y, cur[0], cur[1]))
    return sorted(rules)


#: A usual word space, in ems (Korean and Latin fonts set 0.25-0.33 em).
WORD_SPACE_EM = 0.3
#: How far apart (pt) the middles of two shaded boxes may be for them to be one header row.
BAND_MIDDLE_TOLERANCE = 3.0
#: Shaded header cells: boxes from 1 pt up to this tall (pt; taller is a panel, not a cell)
#: and at least SHADED_BOX_MIN_WIDTH wide; cells of one row stand at most BAND_BOX_GAP apart,
#: and a cell holding text is at least BAND_CELL_MIN_HEIGHT tall (a sliver is an underline).
SHADED_BOX_MAX_HEIGHT = 40.0
SHADED_BOX_MIN_WIDTH = 4.0
BAND_BOX_GAP = 8.0
BAND_CELL_MIN_HEIGHT = 4.0
#: A band's table ends at a blank of more than this many ems between two rows.
BAND_BODY_GAP_EM = 4
#: A rule across at least this share of a band's width closes its table.
RULE_ACROSS_SHARE = 0.9
#: A prose row spans at least this share of the block and starts within PROSE_INDENT_EM of
#: its left edge (a long line starting further in is a later column's cell).
PROSE_WIDTH_SHARE = 0.5
PROSE_INDENT_EM = 4
#: Rules of one stack overlap by this share of the shorter and differ in length by at most
#: STACK_LENGTH_SHARE of the longer.
STACK_OVERLAP_SHARE = 0.8
STACK_LENGTH_SHARE = 0.5
#: A word ending this close (pt) to a column gap's edge touches it (positions' float noise).
EDGE_SLACK = 0.1
#: Two gaps between lines this close (pt) are equal (line boxes vary by a fraction of a point).
CENTRED_SLACK = 1.0
#: A gap between two words of one chunk this many ems wide or more is no word space
#: (those are 0.25-0.33 em): where it covers a column gap, it parts two cells.
CELL_GAP_EM = 0.5
#: A header's underline lies from this many ems above its row's bottom to
#: UNDERLINE_BELOW_EM below it.
UNDERLINE_ABOVE_EM = 0.3
UNDERLINE_BELOW_EM = 1.2
#: A chunk's first and last columns are read this many ems inside its ends (a glyph's side
#: bearing may cross a column's bound).
CHUNK_INSET_EM = 0.3
#: Two lines of a column are one row's when they overlap by more than this share of a line.
SAME_ROW_SHARE = 0.7
#: The leading inside a cell differs from the gaps between rows by at least this much: the
#: larger of LEADING_JUMP_PT and LEADING_JUMP_SHARE of a line's height.
LEADING_JUMP_PT = 2.0
LEADING_JUMP_SHARE = 0.25
#: A cell block overlapping every other column's blocks by less than this share floats
#: between rows (a merged cell).
FLOAT_OVERLAP_SHARE = 0.3
#: The text size of a stretch with no rows in it (never measured: a default).
FALLBACK_SIZE = 10.0
#: A line reaching up this many ems into the line above stands beside it, not under it
#: (lines of one column never overlap; a column's centred cells sit half a line off).
BESIDE_OVERLAP_EM = 0.15


@dataclass
class HeaderBand:
    """A header row drawn as shaded boxes side by side: its box edges are the columns."""
    top: float
    bottom: float
    boxes: list[tuple[float, float]]  # (x0, x1) of each box, left to right

    @property
    def x0(self) -> float:
        return self.boxes[0][0]

    @property
    def x1(self) -> float:
        return self.boxes[-1][1]


def header_bands(page, chars: list[dict]) -> list[HeaderBand]:
    """Header rows drawn as shaded boxes: boxes side by side, a few points apart at most,
    at least two of them holding text (LibreOffice prints HTML tables without rules but
    with their header cells shaded so). A box may be as tall as its own text only (a
    label set one syllable a line, an empty cell's sliver): boxes of one band share their
    middle, as vertically centred cells do, if not their top and bottom."""
    boxes = [r for r in page.rects if 1.0 <= r["bottom"] - r["top"] <= SHADED_BOX_MAX_HEIGHT
             and r["x1"] - r["x0"] >= SHADED_BOX_MIN_WIDTH
             and is_shaded(r)]
    if len(boxes) < 2:
        return []
    rows: list[list[dict]] = []
    for r in sorted(boxes, key=lambda r: (r["top"] + r["bottom"]) / 2):
        middle = (r["top"] + r["bottom"]) / 2
        if rows and abs(middle - (rows[-1][0]["top"] + rows[-1][0]["bottom"]) / 2) <= BAND_MIDDLE_TOLERANCE:
            rows[-1].append(r)
        else:
            rows.append([r])
    bands = []
    for band in rows:
        band.sort(key=lambda r: r["x0"])
        runs = [[band[0]]]
        for r in band[1:]:
            if r["x0"] - runs[-1][-1]["x1"] <= BAND_BOX_GAP:
                runs[-1].append(r)
            else:
                runs.append([r])
        for run in runs:
            if any(b["x0"] < a["x1"] - 1.0 for a, b in zip(run, run[1:])):
                continue  # overlapping boxes: a shading laid over another, not cells
            top, bottom = min(r["top"] for r in run), max(r["bottom"] for r in run)
            near = chars_between(chars, top, bottom)
            filled = [r for r in run if any(x_center_within(c, r["x0"], r["x1"]) for c in near)]
            if len(run) >= 2 and len(filled) >= 2 and all(
                    r["bottom"] - r["top"] >= BAND_CELL_MIN_HEIGHT for r in filled):
                bands.append(HeaderBand(top, bottom, [(r["x0"], r["x1"]) for r in run]))
    return sorted(bands, key=lambda b: b.top)


def _band_body(band: HeaderBand, rows: list[Row], bands: list[HeaderBand],
               rules: Sequence[tuple[float, float, float]] = ()) -> list[Row]:
    """The text rows of a header band's table: the rows under it, down to the first that
    does not fit its columns (wider than the band, or one run of words across columns:
    a note or a line of body text) or the next band. Where rules across the band's width
    run between its rows, the last of them closes the table: a line under it (a label
    that opens the references, in one column) is not a row."""
    stop = min((b.top for b in bands if b.top > band.bottom + 1), default=float("inf"))
    inner = [(a + b) / 2 for (_, a), (b, _) in zip(band.boxes, band.boxes[1:])]
    body: list[Row] = []
    for r in rows:
        if r.top < band.bottom - 1:
            continue
        if r.top >= stop or r.x0 < band.x0 - 0.5 * r.size or r.x1 > band.x1 + 0.5 * r.size:
            break
        if len(r.chunks) == 1 and any(r.x0 < x < r.x1 for x in inner) and not _parts_at(r, inner):
            break
        if body and r.top - body[-1].bottom > BAND_BODY_GAP_EM * r.size:
            break
        body.append(r)
    width = band.x1 - band.x0
    across = [y for y, a, b in rules if _overlap(a, b, band.x0, band.x1) >= RULE_ACROSS_SHARE * width
              and body and clearly_between(band.bottom + 1, y, body[-1].bottom + 1)]
    if across and any(r.bottom < max(across) for r in body):
        under = [r for r in body if r.top >= max(across)]
        # Text of one column only, not a row (a wrapped row's lines fill its other columns).
        if under and len({_column_of((r.x0 + r.x1) / 2, [band.x0] + inner + [band.x1]) for r in under}) == 1 \
                and all(len(r.chunks) == 1 and not any(r.x0 < x < r.x1 for x in inner) for r in under):
            body = [r for r in body if r.top < max(across)]
    return body


def _parts_at(row: Row, bounds: list[float]) -> bool:
    """Does ``row``, one run of words, part at each of ``bounds`` that it crosses: a gap
    there, one of them at least wider than its other word spaces (cells set so close that
    their text reads as one run), where a line of running text has words across them or
    even spaces?"""
    words = sorted(row.words, key=lambda w: w.x0)
    gaps = [(a.x1, b.x0) for a, b in zip(words, words[1:])]
    if not gaps:
        return False
    # A word space: the row's own when it has a few, else a third of an em.
    usual = statistics.median(b - a for a, b in gaps) if len(gaps) >= 2 else WORD_SPACE_EM * row.size
    widths = []
    for x in bounds:
        if not row.x0 < x < row.x1:
            continue
        hit = [(a, b) for a, b in gaps if a - 1.0 <= x <= b + 1.0]
        if not hit:
            return False
        widths.append(max(b - a for a, b in hit))
    # Every boundary in a gap, and one gap at least wider than a word space (a cell's
    # text may run up to the next column's by no more than a space).
    return bool(widths) and max(widths) >= usual + 1.0


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


# ---------------------------------------------------------------------------- regions

@dataclass
class Region:
    top: float
    bottom: float
    x0: float
    x1: float
    rules: list[float] = field(default_factory=list)  # y of rules that cross the region
    rule_extents: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1)
    ruled: bool = False  # bounded by a stack of rules
    #: an aligned block of two rows only, kept under its caption or atop a continuing page
    #: (see ``alignment_blocks``): two rows of two filled cells make its table
    short: bool = False


def _multi(row: Row) -> bool:
    return len(row.chunks) >= 2


def _prose_row(row: Row, x0: float, width: float, settings: TableSettings) -> bool:
    """A line of running text: one chunk, a sentence's worth of words, most of ``width``,
    starting near the left edge ``x0`` (a long line that starts a few columns in is the
    text of a cell in a later column), with word spaces only between its words."""
    return len(row.chunks) == 1 and len(row.words) >= 2 * settings.stream_prose_words \
        and row.x1 - row.x0 >= PROSE_WIDTH_SHARE * width and row.x0 <= x0 + PROSE_INDENT_EM * row.size \
        and not _cells_apart(row)


def _cells_apart(row: Row) -> bool:
    """One gap between the row's words further than any word space (``CELL_GAP_EM``), the
    others word spaces: the lines of two cells set side by side, not one line of running
    text (a justified or loosely set line has several wide gaps)."""
    gaps = [w2.x0 - w1.x1 for w1, w2 in zip(row.words, row.words[1:])]
    return sum(1 for g in gaps if g >= CELL_GAP_EM * row.size) == 1


def alignment_blocks(rows: list[Row], settings: TableSettings,
                     rules: Sequence[tuple[float, float, float]] = (), continuing: bool = False) -> list[list[Row]]:
    """Runs of rows with two or more chunks, allowing a few one-chunk rows inside (section
    labels, wrapped cells), rows close enough to read as one block; a rule across the rows
    ends a block (the bottom rule of a table above body text). A block of two such rows
    (fewer than ``stream_min_rows``) is kept where the lines above it reach up to a caption,
    or to the page's top on a ``continuing`` page (see ``_lines_above``): a table's part
    of a row or two at the foot or the top of a page."""
    blocks: list[list[Row]] = []
    current: list[Row] = []
    singles = 0
    in_column: set[int] = set()  # one-chunk rows that go on in a later column of their block
    beside = _beside_pairs(rows)

    def _multi(row: Row) -> bool:  # (a row of cells: two chunks, or one set beside another line)
        return len(row.chunks) >= 2 or id(row) in beside

    for i, row in enumerate(rows):
        if current:
            prev = current[-1]
            gap = row.top - prev.bottom
            size = max(prev.size, row.size)
            x0, x1 = min(prev.x0, row.x0), max(prev.x1, row.x1)
            ruled = any(clearly_between(prev.bottom - 1, y, row.top + 1) and _overlap(a, b, x0, x1) >= 0.5 * (x1 - x0)
                        for y, a, b in rules)
            apart = gap > settings.stream_row_gap * size and not (
                gap <= settings.stream_padded_row_gap * size
                and (_goes_on(_cell_group(rows, i, settings), current, settings)
                     or _heads_two_down(rows, i, current, settings)))
            if ruled or apart:
                blocks.append(current)
                current, singles = [], 0
        if _multi(row):
            current.append(row)
            singles = 0
        elif current and (_in_later_column(row, current, beside) or _set_beside(row, current)):
            current.append(row)  # a long cell's next line: the table goes on
            in_column.add(id(row))
        elif current:
            singles += 1
            if singles > settings.stream_max_single_rows:
                blocks.append(current)
                current, singles = [], 0
            else:
                current.append(row)
    if current:
        blocks.append(current)
    out: list[list[Row]] = []
    index = {id(r): k for k, r in enumerate(rows)}
    taken: set[int] = set()
    for b in blocks:
        while b and not _multi(b[-1]) and id(b[-1]) not in in_column:
            b = b[:-1]
        multi = sum(1 for r in b if _multi(r))
        if multi >= settings.stream_min_rows or multi >= 2 and _lines_above(
                b[0].top, min(r.x0 for r in b), max(r.x1 for r in b), rows, settings,
                continuing and not out and not any(r.bottom <= b[0].top + 0.5 and _multi(r) for r in rows)) is not None:
            # A centred row's first lines stand above the block's first line of two or
            # more chunks. They are its first row's: one-chunk lines right above it that
            # stand in a later column, over one cell of that line at most (a name wrapped to
            # four lines beside one-line cells; a caption reaches over several, stays out),
            # and the line right above it whose twin stands right under it, as far below,
            # in the same place (a two-line cell centred beside one-line cells: "번"/"호").
            first = index[id(b[0])]
            k = first - 1
            while k >= 0 and not _multi(rows[k]) and id(rows[k]) not in taken \
                    and b[0].top - rows[k].bottom <= settings.stream_row_gap * max(b[0].size, rows[k].size) \
                    and first - k <= settings.stream_max_single_rows \
                    and (_in_one_cell(rows[k], rows[first]) and _in_later_column(rows[k], b)
                         or k == first - 1 and _centred_pair(rows[k], b)):
                b = [rows[k]] + b
                k -= 1
            out.append(b)
            taken.update(id(r) for r in b)
    return out


def _beside(a: Row, b: Row) -> bool:
    """``b`` reaches up into ``a`` by ``BESIDE_OVERLAP_EM`` of its height at least, no word
    of one over a word of the other: two lines set side by side, half a line off."""
    return a.bottom - b.top >= BESIDE_OVERLAP_EM * min(a.size, b.size) and b.top > a.top and _words_apart(a, b)


def _words_apart(a: Row, b: Row) -> bool:
    """No word of ``a`` stands over or under a word of ``b``."""
    return not any(_overlap(w.x0, w.x1, v.x0, v.x1) > 0 for w in a.words for v in b.words)


def _beside_pairs(rows: list[Row]) -> set[int]:
    """The one-chunk rows set beside the row above or below them (see ``_beside``): each the
    line of one cell of a row whose cells are centred beside each other, a row number and
    label beside a description's lines. Lines of one column never overlap."""
    out: set[int] = set()
    for a, b in zip(rows, rows[1:]):
        if _beside(a, b):
            out.update(id(r) for r in (a, b) if len(r.chunks) == 1)
    return out


def _set_beside(row: Row, block: list[Row]) -> bool:
    """A one-chunk line that reaches up into the block's last line (by ``BESIDE_OVERLAP_EM``
    of its height at least) without touching its words, starting where a chunk of the
    block starts, within the block: the next line of a column whose cells are centred in
    their row, set half a line off its neighbours' lines (lines of running text, one under
    the other, do not overlap)."""
    last = block[-1]
    if last.bottom - row.top < BESIDE_OVERLAP_EM * row.size:
        return False
    if not _words_apart(row, last):
        return False
    x0, x1 = min(r.x0 for r in block), max(r.x1 for r in block)
    if row.x0 < x0 - 1.0 or row.x1 > x1 + row.size:
        return False
    return any(abs(chunk[0].x0 - row.x0) <= 1.0 for r in block for chunk in r.chunks)


def _in_one_cell(line: Row, row: Row) -> bool:
    """``line`` stands over one cell of ``row`` at most (over a gap, or over one chunk):
    a caption reaches over several."""
    return sum(1 for chunk in row.chunks if _overlap(chunk[0].x0, chunk[-1].x1, line.x0, line.x1) > 0) <= 1


def _centred_pair(above: Row, block: list[Row]) -> bool:
    """``above`` and the block's second line, both of one chunk, stand in the same place,
    as far above its first line as below it: a two-line cell centred beside that line."""
    if len(block) < 2 or _multi(block[1]):
        return False
    first, below = block[0], block[1]
    width = min(above.x1 - above.x0, below.x1 - below.x0)
    return _overlap(above.x0, above.x1, below.x0, below.x1) >= 0.5 * width \
        and abs((first.top - above.bottom) - (below.top - first.bottom)) <= CENTRED_SLACK


def _cell_group(rows: list[Row], i: int, settings: TableSettings) -> list[Row]:
    """The rows from ``rows[i]`` down to the next gap wider than ``stream_row_gap``: the
    lines of one row of a table whose rows are padded apart."""
    group = [rows[i]]
    for r in rows[i + 1:]:
        if r.top - group[-1].bottom > settings.stream_row_gap * max(r.size, group[-1].size):
            break
        group.append(r)
    return group


def _goes_on(group: list[Row], block: list[Row], settings: TableSettings) -> bool:
    """The lines of ``group`` go on in the columns of ``block``: a line of two or more
    chunks starts a later chunk where a later chunk of the block's rows starts, or a
    one-chunk line stands where a later column starts (see ``_in_later_column``), or the
    block is the header over them (see ``_heads``). Running text (one chunk from the left
    edge) and a caption (one chunk, centred) do not."""
    starts = [chunk[0].x0 for r in block if _multi(r) for chunk in r.chunks[1:]]
    for r in group:
        if _multi(r) and any(abs(chunk[0].x0 - x) <= 1.0 for chunk in r.chunks[1:] for x in starts):
            return True
        if not _multi(r) and _in_later_column(r, block):
            return True
    return len(block) <= settings.stream_max_header_lines and _heads(block, group, settings.stream_chunk_gap)


def _heads_two_down(rows: list[Row], i: int, block: list[Row], settings: TableSettings) -> bool:
    """``block`` is a header (see ``_heads``) over the lines of the two padded rows from
    ``rows[i]`` down taken together: the first row under a header may fill a few of its
    columns only (the end of a row broken by the page, under the header the producer
    repeats on the next page), the next one shows the columns."""
    if len(block) > settings.stream_max_header_lines:
        return False
    first = _cell_group(rows, i, settings)
    j = i + len(first)
    if j >= len(rows) or rows[j].top - first[-1].bottom > \
            settings.stream_padded_row_gap * max(rows[j].size, first[-1].size):
        return False
    return _heads(block, first + _cell_group(rows, j, settings), settings.stream_chunk_gap)


def _heads(block: list[Row], group: list[Row], chunk_gap_em: float) -> bool:
    """``block`` is a header over the rows of ``group``: its lines of two or more chunks
    (header cells centred over columns whose cells are set flush left) each put their
    chunks in different columns of the group's line of the most chunks, or of the group's
    lines taken together (a row whose cells wrap to lines of their own, a middle cell on
    the line above its neighbours' centred ones), no chunk reaching across a gap between
    those columns."""
    heads = [r for r in block if _multi(r)]
    below = max((r for r in group if _multi(r)), key=lambda r: len(r.chunks), default=None)
    if below is None or not heads:
        return False
    one_line = [(a[0].x0, a[-1].x1) for a in below.chunks]
    return _heads_over(heads, one_line) or _heads_over(heads, _joint_columns(group, chunk_gap_em))


def _joint_columns(group: list[Row], gap_em: float) -> list[tuple[float, float]]:
    """The extents (x0, x1) of the columns the lines of ``group`` make together: runs of
    their words' x-projection parted by gaps of at least ``gap_em`` (a chunk gap)."""
    words = sorted(((w.x0, w.x1, w.size) for r in group for w in r.words))
    if not words:
        return []
    out = [[words[0][0], words[0][1]]]
    for x0, x1, size in words[1:]:
        if x0 - out[-1][1] >= gap_em * size:
            out.append([x0, x1])
        else:
            out[-1][1] = max(out[-1][1], x1)
    return [(a, b) for a, b in out]


def _heads_over(heads: list[Row], columns: list[tuple[float, float]]) -> bool:
    """Each of ``heads`` puts its chunks over different ones of ``columns`` (two at least),
    none reaching across a gap between them. A chunk stands over the column it overlaps
    most (a header centred over a column of short flush-left cells has its middle in the
    gap beside them), else over the gap's column its middle lies in."""
    if len(columns) < 2:
        return False
    gaps = [(a[1], b[0]) for a, b in zip(columns, columns[1:])]
    for r in heads:
        if len(r.chunks) > len(columns):
            return False
        cols = [_column_under(chunk[0].x0, chunk[-1].x1, columns) for chunk in r.chunks]
        if len(set(cols)) < len(cols) or any(chunk[0].x0 < a and chunk[-1].x1 > b
                                             for chunk in r.chunks for a, b in gaps):
            return False
    return True


def _column_under(x0: float, x1: float, columns: list[tuple[float, float]]) -> int:
    overlaps = [_overlap(x0, x1, a, b) for a, b in columns]
    if max(overlaps) > 0:
        return overlaps.index(max(overlaps))
    mid = (x0 + x1) / 2
    return sum(1 for _, b in columns[:-1] if b < mid)


def _in_later_column(row: Row, block: list[Row], beside: set[int] | frozenset[int] = frozenset()) -> bool:
    """A one-chunk line that starts where a later column of the block's rows starts (not
    at their left edge) and stays within the block: the next line of a cell that wraps
    to more lines than its row's other cells (a description beside a short label), not
    body text between tables."""
    x0 = min(r.x0 for r in block)
    x1 = max(r.x1 for r in block)
    if row.x0 < x0 + 2 * row.size or row.x1 > x1 + row.size:
        return False
    starts = [chunk[0].x0 for r in block if _multi(r) for chunk in r.chunks[1:]]
    # A line set beside another (see ``_beside_pairs``) is a cell's too, wherever it starts
    # past the block's left edge.
    starts += [r.x0 for r in block if id(r) in beside and r.x0 >= x0 + 2 * r.size]
    # One row's cell starting there will do: a table of a row or two whose long cells wrap
    # to lines of their own (the label and its row number centred beside them) has one
    # line of two chunks per row, its header's cells centred away from the columns' edges.
    return sum(1 for x in starts if abs(x - row.x0) <= 1.0) >= 1


def rule_stacks(rules: list[tuple[float, float, float]], page_width: float,
                settings: TableSettings) -> list[list[tuple[float, float, float]]]:
    """Rules of about the same extent stacked one above the other: a table's top, header and
    bottom rules (and, in some tables, one rule per row)."""
    long = [r for r in rules if r[2] - r[1] >= settings.stream_rule_min_width * page_width]
    stacks: list[list[tuple[float, float, float]]] = []
    for r in long:
        for s in stacks:
            ref = s[-1]
            w = min(r[2] - r[1], ref[2] - ref[1])
            if _overlap(r[1], r[2], ref[1], ref[2]) >= STACK_OVERLAP_SHARE * w and \
                    abs((r[2] - r[1]) - (ref[2] - ref[1])) <= STACK_LENGTH_SHARE * max(r[2] - r[1], ref[2] - ref[1]):
                s.append(r)
                break
        else:
            stacks.append([r])
    return stacks


# ---------------------------------------------------------------------------- columns

def column_separators(rows: list[Row], settings: TableSettings) -> list[tuple[float, float]]:
    """Gaps (x0, x1) that no word of the well-populated rows crosses."""
    multi = [r for r in rows if _multi(r)]
    if not multi:
        return []
    typical = statistics.median(len(r.chunks) for r in multi)
    dense = [r for r in multi if len(r.chunks) >= max(2, settings.stream_dense_share * typical)]
    gaps = _projection_gaps(dense, settings.stream_column_gap)
    # Header lines over column groups ("Male  Female" under "Non-Hispanic white") have
    # fewer chunks than the body and their group labels cross the gaps inside each group;
    # leading rows sparser than the body do not define the columns when the rows under them
    # show more gaps.
    lead = 0
    while lead < min(settings.stream_max_header_lines, len(dense) - settings.stream_min_rows) \
            and len(dense[lead].chunks) < typical:
        lead += 1
    if lead:
        body_gaps = _projection_gaps(dense[lead:], settings.stream_column_gap)
        if len(body_gaps) > len(gaps):
            gaps, dense = body_gaps, dense[lead:]
    # A column gap is a wide gap (between chunks) in a fair share of the rows that have
    # words on both sides; a gap that is a word space in every row ("I/we kept", "I/we
    # sold") only lines up by chance.
    kept = []
    em = statistics.median(w.size for r in dense for w in r.words)
    for k, (a, b) in enumerate(gaps):
        both = wide = 0
        syllables = True  # every word space lining up at the gap follows a Hangul or CJK glyph
        for r in dense:
            if any(w.x1 <= a + EDGE_SLACK for w in r.words) and any(w.x0 >= b - EDGE_SLACK for w in r.words):
                both += 1
                if any(c1[-1].x1 <= a + EDGE_SLACK and c2[0].x0 >= b - EDGE_SLACK
                       for c1, c2 in zip(r.chunks, r.chunks[1:])):
                    wide += 1
                else:
                    syllables = syllables and any(abs(w.x1 - a) <= EDGE_SLACK and is_wide(w.text[-1])
                                                   for w in r.words)
        if b - a < 0.5 * em and both > wide and syllables:
            # Hangul syllables are all one width, so word spaces in different rows line up
            # by chance ("폐결절 AI", "경피적 대동맥판막"): a gap no wider than a word space
            # that is one inside a row, after a syllable, is not a column.
            continue
        if b - a < CELL_GAP_EM * em and _one_word_space(dense, a, b):
            # A narrow gap that only one row shows edge to edge, as a word space inside a
            # chunk ("HOA (Higher Order"), is that row's word space, however wide a gap
            # another row (a header of two cells far apart) has around it.
            continue
        if both == 1:
            # A column may show on one dense row only (the header) when its cells stand on
            # lines of their own (cells centred beside taller ones): lines wholly inside the
            # first column, or starting together where the column after the gap starts (at
            # its edge, or inside the gap when the header over it is centred), support it.
            starts = sorted(r.x0 for r in rows
                            if a - EDGE_SLACK <= r.x0 <= b + 1.0 and not any(w.x0 < a for w in r.words))
            edge = max((x for x in starts if sum(1 for y in starts if abs(y - x) <= 1.0) >= 2), default=b,
                       key=lambda x: sum(1 for y in starts if abs(y - x) <= 1.0))
            alone = sum(1 for r in rows if (k == 0 and r.x1 < b - EDGE_SLACK)
                        or (abs(r.x0 - edge) <= 1.0 and not any(w.x0 < a for w in r.words)))
            # Rows of one chunk whose words stand further apart than a word space across the
            # gap (a row number set close to its label, "2  소프트웨어 설계") support it too.
            spaced = sum(1 for r in rows if r not in dense and _apart_across(r, a, b, CELL_GAP_EM * em))
            both += alone + spaced
            wide += alone + spaced
            b = min(b, edge)
        # A gap wider than any word space in every row that has words on both sides is a
        # column gap even where it is narrower than the chunk gap in most rows (a renderer
        # that sets neighbouring cells 0.5-1 em apart).
        if both >= min(2, len(dense)) and (wide >= settings.stream_gap_support * both or b - a >= CELL_GAP_EM * em):
            kept.append((a, b))
    # Lines wholly left or right of the columns the dense rows make are a column of their
    # own (a merged cell centred between rows stands on a line of its own, so no dense row
    # shows its column).
    x0, x1 = min(r.x0 for r in dense), max(r.x1 for r in dense)
    size = statistics.median(r.size for r in dense)
    apart = settings.stream_column_gap * size
    left = [r.x1 for r in rows if r.x1 <= x0 - apart]
    right = [r.x0 for r in rows if r.x0 >= x1 + apart]
    if left:
        kept.insert(0, (max(left), x0))
    if right:
        kept.append((x1, min(right)))
    if kept:
        kept = _inner_gaps(rows, kept[0][1], em) + kept
    return _without_mark_gaps(rows, kept, em)


def _without_mark_gaps(rows: list[Row], gaps: list[tuple[float, float]], em: float) -> list[tuple[float, float]]:
    """``gaps`` less those that only part a cell's list marks from its text: the column
    left of such a gap holds nothing but lone marks ("•", "○"), and the gap is no wider
    than a word space (a renderer that sets each item's mark in a box of its own leaves a
    column of marks a space before the items' text; a column of marks as values, "●" for
    yes, stands centred in its cells, further from the next)."""
    out: list[tuple[float, float]] = []
    for k, (a, b) in enumerate(gaps):
        lo = gaps[k - 1][1] if k else float("-inf")
        left = [w for r in rows for w in r.words if w.x0 >= lo - EDGE_SLACK and w.x1 <= a + EDGE_SLACK]
        if left and b - a < CELL_GAP_EM * em and all(_lone_mark(w) for w in left):
            continue
        out.append((a, b))
    return out


def _lone_mark(w: Word) -> bool:
    return len(w.text) == 1 and w.text in LIST_MARKS


def _inner_gaps(rows: list[Row], right: float, em: float) -> list[tuple[float, float]]:
    """Column gaps left of the first column (whose text starts at ``right``) that no row of
    several chunks shows: the lines standing wholly left of it (a row number and its label, centred beside
    a taller cell on lines of their own, "1  HDR Vivid", "2  오디오 Vivid") that all leave a gap
    wider than a word space at one place (CELL_GAP_EM), two of them at least, none crossing it.
    One line will do when what stands left of the gap is a lone row number: a table of one
    row (or a table's one row on a page, the rest overleaf) has one such line only."""
    lines = [r for r in rows if r.words and r.x1 <= right]
    if not lines:
        return []
    gaps = _projection_gaps(lines, CELL_GAP_EM)
    out = []
    for a, b in gaps:
        spanning = [r for r in lines if any(w.x1 <= a + EDGE_SLACK for w in r.words)
                    and any(w.x0 >= b - EDGE_SLACK for w in r.words)]
        if not spanning or not all(_apart_across(r, a, b, CELL_GAP_EM * em) for r in spanning):
            continue
        if len(spanning) >= 2 or all(_row_number([w for w in r.words if w.x1 <= a + EDGE_SLACK]) for r in spanning):
            out.append((a, b))
    return out


_ROW_NUMBER = re.compile(r"\(?\d{1,3}[.)]?")


def _row_number(words: list[Word]) -> bool:
    """``words`` are one row number ("1", "2.", "(3)")."""
    return len(words) == 1 and _ROW_NUMBER.fullmatch(words[0].text) is not None


def _one_word_space(rows: list[Row], a: float, b: float) -> bool:
    """Exactly one of ``rows`` has words ending at ``a`` and starting at ``b``, the gap
    between two words of one chunk."""
    def edge_to_edge(words: list[Word]) -> bool:
        return any(abs(w.x1 - a) <= EDGE_SLACK for w in words) and any(abs(w.x0 - b) <= EDGE_SLACK for w in words)

    tight = [r for r in rows if edge_to_edge(r.words)]
    return len(tight) == 1 and any(edge_to_edge(ch) for ch in tight[0].chunks)


def _apart_across(row: Row, a: float, b: float, apart: float) -> bool:
    """``row`` has words on both sides of the middle of the gap (a, b), none across it, and
    the two words next to it stand at least ``apart`` from each other (a wider row number,
    "2" beside "1", may reach into the gap)."""
    mid = (a + b) / 2
    before = [w.x1 for w in row.words if w.x1 <= mid]
    after = [w.x0 for w in row.words if w.x0 >= mid]
    if not before or not after or len(before) + len(after) != len(row.words):
        return False
    return min(after) - max(before) >= apart


def _projection_gaps(rows: list[Row], gap_em: float) -> list[tuple[float, float]]:
    """Gaps (x0, x1) at least ``gap_em`` em wide that no word of ``rows`` crosses."""
    words = sorted(((w.x0, w.x1, w.size) for r in rows for w in r.words))
    if not words:
        return []
    size = statistics.median(s for _, _, s in words)
    gaps = []
    reach = words[0][1]
    for x0, x1, _ in words[1:]:
        if x0 - reach >= gap_em * size:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    return gaps


# ---------------------------------------------------------------------------- grid

def _column_of(x: float, bounds: list[float]) -> int:
    for k in range(len(bounds) - 1):
        if x < bounds[k + 1]:
            return k
    return len(bounds) - 2


def _cells_of_row(row: Row, bounds: list[float], by_word: bool = False) -> dict[int, list[Word]]:
    """Words of a row per column, each word in the column of its centre. A row of one
    chunk (a section label, a centred sub-heading) stays whole in the column it starts in,
    unless the columns are drawn (``by_word``): then cells set close together make one
    chunk of words that still belong to their own columns."""
    out: dict[int, list[Word]] = {}
    if len(row.chunks) == 1 and not by_word:
        out[_column_of((row.words[0].x0 + row.words[0].x1) / 2, bounds)] = list(row.words)
        return out
    for chunk in row.chunks:
        for w in chunk:
            out.setdefault(_column_of((w.x0 + w.x1) / 2, bounds), []).append(w)
    return out


def _parted(row: Row, seps: Sequence[tuple[float, float]],
            bounds: list[float]) -> dict[int, list[Word]] | None:
    """The cells of a one-chunk row whose words stand apart across a column gap of the
    table, or None: a narrow cell (a row number) set closer to the next cell than the
    chunk gap, but further than a word space, reaching at most to where the next column
    starts ("3  커넥티드카", "... WPS AI  상하"). The row is cut at each such gap and each
    piece goes to the column it starts in (a section label's words are a word space apart,
    and it stays whole)."""
    if len(row.chunks) != 1:
        return None
    pieces = [[row.words[0]]]
    for w1, w2 in zip(row.words, row.words[1:]):
        if w2.x0 - w1.x1 >= CELL_GAP_EM * row.size and \
                any(w1.x1 <= b + EDGE_SLACK and w2.x0 >= b - EDGE_SLACK for _, b in seps):
            pieces.append([w2])
        else:
            pieces[-1].append(w2)
    if len(pieces) < 2:
        return None
    out: dict[int, list[Word]] = {}
    for piece in pieces:
        out.setdefault(_column_of(piece[0].x0 + CHUNK_INSET_EM * row.size, bounds), []).extend(piece)
    return out if len(out) == len(pieces) else None


def _spanning(row: Row, bounds: list[float], rules: Sequence[tuple[float, float, float]] = (),
              table: tuple[float, float] | None = None,
              seps: Sequence[tuple[float, float]] = ()) -> list[tuple[int, int, list[Word]]]:
    """Chunks of a header row that cover two or more columns: (first col, last col, words).
    A chunk spans the columns of the rule drawn right under it (a rule narrower than the
    table), or else the columns its text reaches well into: past the boundary and, where
    the column gaps ``seps`` are known, over the start of the column's text (a name wider
    than its column of row numbers, "등록" over "1", ends in the gap after it)."""
    out = []
    size = row.size
    centres = [(bounds[k] + bounds[k + 1]) / 2 for k in range(len(bounds) - 1)]
    for chunk in row.chunks:
        x0, x1 = chunk[0].x0, chunk[-1].x1
        mid = (x0 + x1) / 2
        c0 = c1 = None
        for y, a, b in rules:
            if not (row.bottom - UNDERLINE_ABOVE_EM * size <= y <= row.bottom + UNDERLINE_BELOW_EM * size
                    and a - 1 <= mid <= b + 1):
                continue
            if table is not None and a <= table[0] + size and b >= table[1] - size:
                continue  # a rule across the whole table is not a header's underline
            inside = [k for k, c in enumerate(centres) if a - 1 <= c <= b + 1]
            if inside:
                c0, c1 = inside[0], inside[-1]
                break
        if c0 is None or c1 is None:  # (set together)
            for piece in _apart_at_bounds(chunk, bounds, size):
                c0 = _column_of(piece[0].x0 + CHUNK_INSET_EM * size, bounds)
                c1 = _column_of(piece[-1].x1 - CHUNK_INSET_EM * size, bounds)
                while c1 > c0 and len(seps) == len(bounds) - 2 and piece[-1].x1 <= seps[c1 - 1][1]:
                    c1 -= 1
                if c1 > c0:
                    out.append((c0, c1, piece))
            continue
        if c1 > c0:
            out.append((c0, c1, chunk))
    return out


def _apart_at_bounds(chunk: list[Word], bounds: list[float], size: float) -> list[list[Word]]:
    """``chunk`` cut where two of its words stand further apart than a word space
    (``CELL_GAP_EM``) with a column boundary between them: the names of two columns set
    closer than the chunk gap ("설립시기  주요내용" over a date column and a wide one), not
    one name over both (its words are a word space apart)."""
    pieces = [[chunk[0]]]
    for w1, w2 in zip(chunk, chunk[1:]):
        if w2.x0 - w1.x1 >= CELL_GAP_EM * size and any(w1.x1 <= b <= w2.x0 for b in bounds[1:-1]):
            pieces.append([w2])
        else:
            pieces[-1].append(w2)
    return pieces


def _lines(words: list[Word], page_number: int, gap: float | None, right: float,
           layout: LayoutSettings) -> list[TextLine]:
    # Each word with the space glyph printed after it: the line reads its spaces as the
    # body does (a space glyph is a space, however narrow; between scripts, a gap with no
    # space glyph is a space only when wider than the page's spaces).
    chars = [c for w in words for c in (w.chars + [w.space] if w.space is not None else w.chars)]
    lines = chars_to_lines(chars, page_number, layout, gap)
    for ln in lines:
        ln.column_right = right
        ln.role = "table"
    return lines


def build_fragment(rows: list[Row], region: Region, page, page_number: int, k: int, chars: list[dict],
                   settings: TableSettings, layout: LayoutSettings, gap: float | None,
                   columns: list[float] | None = None) -> TableFragment | None:
    """A table from the text ``rows`` of ``region``; ``columns`` are its column boundaries
    where the page draws them (a shaded header's boxes), else they are found from the gaps
    between the words."""
    seps: list[tuple[float, float]] = []
    if columns is not None:
        bounds = list(columns)
    else:
        seps = column_separators(rows, settings)
        if not seps:
            return None
        x0 = min(r.x0 for r in rows)
        x1 = max(r.x1 for r in rows)
        bounds = [x0 - 1] + [(a + b) / 2 for a, b in seps] + [x1 + 1]
    header_rule = None
    # The header rule: the first rule inside the table that spans it (rules under a
    # spanning header cover only the columns it spans).
    em = statistics.median(r.size for r in rows)
    inner = [y for y, a, b in region.rule_extents if clearly_between(rows[0].top + 1, y, rows[-1].bottom - 1)
             and a <= region.x0 + em and b >= region.x1 - em]
    if inner:
        header_rule = inner[0]
    elif columns is None:
        header_rule = _bold_header_end(rows, settings)
    bold_header = header_rule is not None and not inner
    # Each text row as a row of cells (word lists), with merges.
    grid: list[dict[int, list[Word]]] = []
    header_rows = 0
    if header_rule is not None:
        head = [r for r in rows if r.bottom <= header_rule]
        body = [r for r in rows if r.bottom > header_rule]
        if head and body and len(head) <= settings.stream_max_header_lines:
            spans_rows = []
            merged: dict[int, list[Word]] = {}
            for r in head:
                # Drawn columns (a shaded header's boxes) hold each header cell whole.
                sp = [] if columns is not None else \
                    _spanning(r, bounds, region.rule_extents, (region.x0, region.x1), seps)
                if sp:
                    cells = {}
                    for c0, c1, words in sp:
                        for c in range(c0, c1 + 1):
                            cells[c] = words
                    spans_rows.append(cells)
                    spanned = {id(w) for _, _, words in sp for w in words}
                    for c, ws in _cells_of_row(r, bounds, columns is not None).items():
                        rest = [w for w in ws if id(w) not in spanned]
                        if rest:
                            merged.setdefault(c, []).extend(rest)
                else:
                    for c, ws in _cells_of_row(r, bounds, columns is not None).items():
                        merged.setdefault(c, []).extend(ws)
            for cells in spans_rows:
                # Header text that spans no column of its own runs over all header rows.
                for c, ws in merged.items():
                    cells.setdefault(c, ws)
                grid.append(cells)
            grid.append(merged)
            header_rows = len(grid)
            rows = body
    split = filled = 0
    body_grid = []
    for r in rows:
        parted = _parted(r, seps, bounds) if columns is None else None
        cells = parted if parted is not None else _cells_of_row(r, bounds, columns is not None)
        chunk_of = {id(w): k for k, chunk in enumerate(r.chunks) for w in chunk}
        for ws in cells.values():
            filled += 1
            split += len({chunk_of[id(w)] for w in ws}) > 1
        body_grid.append(cells)
    if filled and split > settings.stream_split_cell_share * filled:
        return None  # wide word spaces inside most "cells": stretched running text
    body_top = header_rule if header_rule is not None else region.top
    between = rows_between_rules(body_grid, rows, bounds, region, body_top)
    centred = centred_rows(body_grid, settings) if between is None else None
    if centred is None and between is None and bold_header and len(grid) == 1:
        # A header told by its weight alone is a line of the table's centred reading too:
        # where the rows group only with it (a tier wrapped to two lines centred beside
        # ranks, its first line right under the header), take that reading, the header
        # its first row.
        whole = centred_rows(grid + body_grid, settings)
        if whole is not None and len(whole) >= 2 and whole[0] == grid[0]:
            centred = whole[1:]
    if between is not None:
        grid += between  # a rule under every row: the rules make the rows
    elif centred is not None:
        grid += centred  # rows from the cells' blocks: no line-by-line merging needed
    else:
        grid = _merge_wrapped(grid + body_grid, rows, header_rows, region, settings)
        # Merged cells centred on one row each (a tier over ranks 2-6 beside rank 4) show
        # no line between rows; their spans are found the same way when they tile.
        for c in {c for cells in grid[header_rows:] for c in cells}:
            _fill_centred_spans(grid[header_rows:], c)
    grid[header_rows:] = _fold_lone_spans(grid[header_rows:])
    _move_header_only_columns(grid, header_rows)
    # Drop empty columns.
    used = sorted({c for cells in grid for c in cells})
    if len(used) < settings.min_cols:
        return None
    # A column's usable right edge: where its longest line ends (a cell's text is cut there
    # when it wraps); the boundary between columns lies further right, in the gap.
    right = {c: max((w.x1 for cells in grid for w in cells.get(c, [])), default=bounds[c + 1]) for c in used}
    text_grid, lines_grid = [], []
    for cells in grid:
        text_row, lines_row = [], []
        for c in used:
            ws = cells.get(c, [])
            lines = _lines(ws, page_number, gap, right[c], layout) if ws else []
            lines_row.append(lines)
            text_row.append(join_cell(lines) if lines else "")
        text_grid.append(text_row)
        lines_grid.append(lines_row)
    # Rows grouped from more text lines than they are (cells centred beside each other, or
    # between rules) are evidence of a table's layout in themselves.
    grouped = (between is not None or centred is not None) and len(grid) < len(rows) + header_rows
    if not _reads_as_table(text_grid, header_rows, region.ruled, settings, grouped, region.short):
        return None
    col_edges = [bounds[c] for c in used] + [bounds[used[-1] + 1]]
    top = min(region.top, min(w.top for cells in grid for ws in cells.values() for w in ws))
    bottom = max(region.bottom, max(w.bottom for cells in grid for ws in cells.values() for w in ws))
    bbox = (min(col_edges[0], region.x0), top, max(col_edges[-1], region.x1), bottom)
    caption, caption_box = find_caption(chars, bbox, float(page.width), settings.caption_distance, gap, layout)
    notes, notes_box, note_lines = find_notes(chars, bbox, float(page.width), settings.note_distance, gap, layout)
    n_rows, n_out = len(text_grid), len(used)
    empty = sum(1 for row in text_grid for t in row if not t)
    return TableFragment(
        id=f"p{page_number}-{k}", page=page_number, bbox=bbox, rows=text_grid, header_rows=header_rows,
        col_edges=col_edges, caption=caption, caption_bbox=caption_box, notes=notes, notes_bbox=notes_box,
        note_lines=note_lines,
        method="stream", spans=[], cell_lines=lines_grid, header_like=[i < header_rows for i in range(n_rows)],
        quality={"method": "stream", "cells": n_rows * n_out,
                 "empty_cell_ratio": round(empty / max(n_rows * n_out, 1), 3),
                 "merged_cells": 0, "ruled": region.ruled},
    )


def _bold(row: Row) -> bool:
    """Most of the row's glyphs are bold (by the font's name, or drawn filled and stroked)."""
    chars = [c for w in row.words for c in w.chars]
    return sum(1 for c in chars if bold_glyph(c)) * 2 > len(chars)


def _bold_header_end(rows: list[Row], settings: TableSettings) -> float | None:
    """Where a header set in bold ends, as a header rule would: the table's leading lines
    are bold (one of them of two chunks or more: cells side by side), the line under them
    and most of the lines further down are not. An unruled table draws its header no other
    way (Chromium and WeasyPrint set a ``th`` in bold); None when the rows say nothing."""
    k = 0
    while k < min(len(rows), settings.stream_max_header_lines) and _bold(rows[k]):
        k += 1
    body = rows[k:]
    if not k or not body or _bold(body[0]) or not any(_multi(r) for r in rows[:k]):
        return None
    if sum(1 for r in body if _bold(r)) * 2 >= len(body):
        return None  # bold throughout (a table set in bold, a run of bold labels)
    return (rows[k - 1].bottom + body[0].top) / 2


def rows_between_rules(grid: list[dict[int, list[Word]]], rows: list[Row], bounds: list[float], region: Region,
                       top: float) -> list[dict[int, list[Word]]] | None:
    """The body rows of a table ruled under every row, or None when it is not.

    Where rules run between the body's text rows (each row's cells underlined, as a
    table ruled by horizontal lines only is printed), a row is everything between two
    rules, however its cells wrap or centre their text; text lines do not make rows. A
    rule that leaves out some columns runs under the others only: a cell of a column it
    leaves out spans the rows on either side (a tier beside its ranks), and its text is
    repeated over them. Not when every line between two rules fills every column, nor when
    two of them do (all but one, of four or more) and a cell's next line would have fitted
    on the line above it (so was not wrapped there): rules then group rows, they do not
    part them."""
    if len(bounds) < 3 or not rows:
        return None
    n_cols = len(bounds) - 1
    # Each column's text, left to right: a rule runs under a column when it runs under
    # most of that (the boundaries between columns lie anywhere in the gaps).
    extent = {c: (min(w.x0 for cells in grid for w in cells.get(c, [])),
                  max(w.x1 for cells in grid for w in cells.get(c, [])))
              for c in {c for cells in grid for c in cells}}

    def under(a: float, b: float, c: int) -> bool:
        x0, x1 = extent[c]
        return _overlap(a, b, x0, x1) >= 0.5 * max(x1 - x0, 1.0)

    bottom = region.bottom
    ys = sorted({round(y, 1) for y, a, b in region.rule_extents if clearly_between(top + 1, y, bottom - 1)
                 and any(under(a, b, c) for c in extent)})
    if not any(abs(y - bottom) <= 1.0 for y, _, _ in region.rule_extents):
        return None  # the table runs on below its last rule (rows under a ruled header)
    if not ys:
        return None
    # Text rows between each pair of consecutive rules; a rule with no text on one side (a
    # double rule, a rule under the last row, above the bottom one) parts nothing.
    edges = [top] + ys + [bottom + 1]

    def band_of(r: Row) -> int:
        return bisect_right(ys, (r.top + r.bottom) / 2)

    bands: dict[int, list[int]] = {}
    for k, r in enumerate(rows):
        if r.top < top - 1 or r.bottom > bottom + 1 + r.size:
            return None  # text across a rule's reach: not a table of ruled rows
        bands.setdefault(band_of(r), []).append(k)
    # A rule must cross every text line it passes between (a rule cut through a line is no
    # row rule), and the ruled rows must be more than the rules' one gap.
    if any(clearly_between(r.top + 1, y, r.bottom - 1) for r in rows for y in ys):
        return None
    filled_bands = sorted(bands)
    if len(filled_bands) < 2:
        return None
    need = max(2, n_cols - (n_cols >= 4))
    right = {c: x1 for c, (_, x1) in extent.items()}  # each column's furthest text to the right
    for b in filled_bands:
        lines = [grid[k] for k in bands[b]]
        used = {c for cells in lines for c in cells}
        if len(lines) >= 2 and all(set(cells) == used for cells in lines):
            return None  # every line fills every column: rows of values
        if sum(1 for cells in lines if len(cells) >= need) >= 2 and not _wrapped(lines, right):
            return None
    # Per column, the rules that cross it: its cells span from one to the next.
    covering = {c: [y for y, a, b in region.rule_extents if round(y, 1) in ys and under(a, b, c)] for c in extent}
    out: list[dict[int, list[Word]]] = [{} for _ in filled_bands]
    index = {b: i for i, b in enumerate(filled_bands)}
    for c in extent:
        cuts = sorted(set(round(y, 1) for y in covering[c]))
        spans: dict[int, list[Word]] = {}
        span_rows: dict[int, set[int]] = {}
        for b in filled_bands:
            mid = (edges[b] + edges[b + 1]) / 2
            s = bisect_right(cuts, mid)
            span_rows.setdefault(s, set()).add(index[b])
            for k in bands[b]:
                spans.setdefault(s, []).extend(grid[k].get(c, []))
        for s, words in spans.items():
            if words:
                for i in span_rows[s]:
                    out[i][c] = words
    return [cells for cells in out if cells]


def _wrapped(lines: list[dict[int, list[Word]]], right: dict[int, float]) -> bool:
    """Consecutive lines of one cell that wrapped: in every column, the first word of each
    line would not have fitted at the end of the line above it (short of ``right``, the
    column's furthest text). Values that would have fitted on one line stand on lines of
    their own: rows, not a wrapped cell; so do two values one above the other (a number
    does not wrap into another, however narrow its column). A line that opens with a list
    mark is a new item of the cell's list, broken where its writer broke it: it says
    neither."""
    for c in {c for cells in lines for c in cells}:
        pieces = [sorted(cells[c], key=lambda w: w.x0) for cells in lines if cells.get(c)]
        for above, below in zip(pieces, pieces[1:]):
            first = below[0]
            if first.text[:1] in LIST_MARKS:
                continue
            if VALUE.match(_text(above)) and VALUE.match(_text(below)):
                return False
            if above[-1].x1 + WORD_SPACE_EM * first.size + (first.x1 - first.x0) <= right[c] + 0.5:
                return False
    return True


def _move_header_only_columns(grid: list[dict[int, list[Word]]], header_rows: int) -> None:
    """A header centred over a column whose values are aligned left (or right) can stand
    clear of them, in a column of its own with no value under it: its text goes to the
    nearer neighbouring column whose header cell is empty there."""
    if not header_rows or len(grid) <= header_rows:
        return
    body_cols = {c for cells in grid[header_rows:] for c in cells}
    extent = {c: (min(w.x0 for cells in grid[header_rows:] for w in cells.get(c, [])),
                  max(w.x1 for cells in grid[header_rows:] for w in cells.get(c, []))) for c in body_cols}
    for c in sorted({c for cells in grid[:header_rows] for c in cells} - body_cols):
        rows = [k for k in range(header_rows) if c in grid[k]]
        x0 = min(w.x0 for k in rows for w in grid[k][c])
        x1 = max(w.x1 for k in rows for w in grid[k][c])
        left = max((d for d in body_cols if d < c), default=None)
        right = min((d for d in body_cols if d > c), default=None)
        options = [(x0 - extent[d][1], d) for d in [left] if d is not None] + \
                  [(extent[d][0] - x1, d) for d in [right] if d is not None]
        for _, d in sorted(options):
            if all(d not in grid[k] for k in rows):
                for k in rows:
                    grid[k][d] = grid[k].pop(c)
                break


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def _continues(above: dict[int, list[Word]], below: dict[int, list[Word]], rule_between: bool,
               gap: float, size: float, settings: TableSettings) -> bool:
    """``below`` is the wrapped second line of the row ``above``: no rule between, no wider
    gap than the table's leading, text only in columns where ``above`` has text, and either
    every piece starts in lower case (a sentence going on) or the first column is empty
    and the pieces are words, not figures (a description cell wrapping beside its label)."""
    if rule_between or not below or gap > settings.stream_wrap_gap * size:
        return False
    if not set(below) <= set(above):
        return False
    texts = [_text(ws) for ws in below.values()]
    if all(t[:1].islower() for t in texts):
        return True
    if min(below) == min(above) or len(below) >= len(above):
        return False
    return all(sum(ch.isalpha() for ch in t) > len(t) / 2 for t in texts + [_text(above[c]) for c in below])


def _merge_wrapped(grid: list[dict[int, list[Word]]], rows: list[Row], header_rows: int, region: Region,
                   settings: TableSettings) -> list[dict[int, list[Word]]]:
    """Body rows whose text is the wrapped continuation of the row above are merged into
    it (see ``_continues``)."""
    out = grid[:header_rows]
    prev_row: Row | None = None
    for cells, row in zip(grid[header_rows:], rows):
        if prev_row is not None and out[header_rows:]:
            above = out[-1]
            ruled = any(clearly_between(prev_row.bottom - 1, y, row.top + 1) for y in region.rules)
            if _continues(above, cells, ruled, row.top - prev_row.bottom, row.size, settings):
                for c, ws in cells.items():
                    above[c] = above[c] + ws
                prev_row = row
                continue
        out.append(dict(cells))
        prev_row = row
    return out


class _Piece:
    """The words of one column on one text line, or (a block) on consecutive lines."""
    __slots__ = ("col", "words", "lines", "top", "bottom")

    def __init__(self, col: int, words: list[Word], lines: set[int]):
        self.col, self.words, self.lines = col, list(words), set(lines)
        # The glyphs' median extent: an ideograph from a fallback font has a taller box
        # and would make the line look closer to its neighbours than the leading is.
        self.top = statistics.median_low(c["top"] for w in words for c in w.chars)
        self.bottom = statistics.median_high(c["bottom"] for w in words for c in w.chars)

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2

    def absorb(self, other: "_Piece") -> None:
        self.words += other.words
        self.lines |= other.lines
        self.top, self.bottom = min(self.top, other.top), max(self.bottom, other.bottom)


def _top(p: _Piece) -> float:
    return p.top


def _centred_beside(p: _Piece, held: set[int], own: set[int]) -> bool:
    """``p``, one line, stands on the middle line of a run of consecutive lines ``held`` by
    another column (as many above it as below) and its own column (lines ``own``) has
    nothing else on that run: a one-line cell centred beside a cell of an odd number of
    lines, which lines up with the middle one instead of floating between two (a year beside
    a three-line name, in a row alone at the foot of a page)."""
    if len(p.lines) != 1:
        return False
    (k,) = p.lines
    if k not in held:
        return False
    up = down = 0
    while k - up - 1 in held:
        up += 1
    while k + down + 1 in held:
        down += 1
    if up == 0 or up != down:
        return False
    return not any(j in own for j in range(k - up, k + down + 1) if j != k)


def _between(p: _Piece, column: list[_Piece], share: float, own: Sequence[_Piece] = ()) -> bool:
    """``p`` floats between two consecutive pieces of ``column`` (sorted top down): its
    centre lies in the gap between them, it overlaps each by less than ``share`` of its
    height, and no other piece of its own column ``own`` stands on the same line as either
    (a heading line between rows is in a column that holds text in the rows around it)."""
    h = p.bottom - p.top
    k = bisect_right(column, p.centre, key=_top)
    if k == 0 or k == len(column):
        return False
    a, b = column[k - 1], column[k]
    if not a.bottom <= p.centre <= b.top:
        return False
    if (_overlap(p.top, p.bottom, a.top, a.bottom) >= share * h
            or _overlap(p.top, p.bottom, b.top, b.bottom) >= share * h):
        return False
    lo = bisect_left(own, a.top - 2 * h, key=_top)
    for q in own[lo:]:
        if q.top > b.bottom:
            break
        if q is not p and max(_overlap(q.top, q.bottom, a.top, a.bottom),
                              _overlap(q.top, q.bottom, b.top, b.bottom)) > SAME_ROW_SHARE * h:
            return False
    return True


def centred_rows(grid: list[dict[int, list[Word]]], settings: TableSettings) -> list[dict[int, list[Word]]] | None:
    """Rows of a table whose cells are centred vertically, or None when none is.

    Without rules between the rows, a one-line cell beside a two-line one is printed
    half a line down, between that cell's lines, so text lines do not make rows. The sign
    of it is a *floating* line: its centre falls in the gap between two consecutive lines of
    another column. Then each column's lines are grouped into cell blocks (lines closer than
    the gaps between rows: the gaps between lines of one column fall into a narrow and a
    wide group), blocks that overlap make a row, and a block that overlaps none but floats
    between two rows is a merged cell spanning both (a tier beside two ranks): its text is
    repeated in each.
    """
    by_col: dict[int, list[_Piece]] = {}
    for k, cells in enumerate(grid):
        for c, ws in cells.items():
            by_col.setdefault(c, []).append(_Piece(c, ws, {k}))
    if len(by_col) < 2:
        return None
    heights = sorted(p.bottom - p.top for ps in by_col.values() for p in ps)
    h = heights[len(heights) // 2]
    held = {c: set().union(*(p.lines for p in ps)) for c, ps in by_col.items()}  # text lines per column
    if not any(p.bottom - p.top >= 0.5 * h and _between(p, by_col[d], 0.5, ps)
               for c, ps in by_col.items() for p in ps for d in by_col if d != c) \
            and not any(_centred_beside(p, held[d], held[c])
                        for c, ps in by_col.items() for p in ps for d in by_col if d != c):
        return None
    # Cell blocks: consecutive lines of a column closer than the gaps between rows. The
    # narrowest gap of the table is the leading inside a cell when a column shows it beside
    # wider ones (its cells wrap, its rows are spaced); a column whose gaps only vary (one
    # line per row beside rows of different heights) says nothing.
    jump = max(LEADING_JUMP_PT, LEADING_JUMP_SHARE * h)  # leading varies by a point or so from line to line
    col_gaps = {c: sorted(b.top - a.bottom for a, b in zip(ps, ps[1:])) for c, ps in by_col.items()}
    all_gaps = [g for gs in col_gaps.values() for g in gs]
    limit = None
    if all_gaps:
        lead = min(all_gaps)
        for gs in col_gaps.values():
            if not gs or gs[0] > lead + jump:
                continue  # this column's narrowest gap is no leading
            # The first clear jump between this column's gaps parts leading from row gaps.
            for g0, g1 in zip(gs, gs[1:]):
                if g1 - g0 >= jump:
                    limit = min(limit if limit is not None else g1, (g0 + g1) / 2)
                    break
        if limit is None and max(all_gaps) <= 0.5 * h:
            # No gap wider than a leading: the lines are those of one row's cells (a row
            # alone at the foot of a page).
            limit = 0.5 * h
        elif limit is None and max(all_gaps) - lead < jump:
            # Every line of every column as far from the next as any other, and lines
            # floating between other columns' lines: no gap between rows shows anywhere,
            # the columns are one row's cells, centred (lists set with paragraph spacing).
            limit = max(all_gaps) + jump
    blocks: dict[int, list[_Piece]] = {}
    for c, ps in by_col.items():
        merged = [_Piece(c, ps[0].words, ps[0].lines)]
        for p in ps[1:]:
            if limit is not None and p.top - merged[-1].bottom <= limit:
                merged[-1].absorb(p)
            else:
                merged.append(_Piece(c, p.words, p.lines))
        blocks[c] = merged
    # Blocks overlapping no block of another column float: merged cells between rows.
    floating, anchored = [], []
    tallest = max(b.bottom - b.top for bs in blocks.values() for b in bs)
    for c, bs in blocks.items():
        for b in bs:
            lone = all(_overlap(b.top, b.bottom, o.top, o.bottom)
                       < FLOAT_OVERLAP_SHARE * min(b.bottom - b.top, o.bottom - o.top)
                       for d, os in blocks.items() if d != c
                       for o in os[bisect_left(os, b.top - tallest, key=_top):bisect_right(os, b.bottom, key=_top)])
            if lone and any(_between(b, blocks[d], FLOAT_OVERLAP_SHARE, bs) for d in blocks if d != c):
                floating.append(b)
            else:
                anchored.append(b)
    anchored.sort(key=lambda b: b.top)
    rows: list[list[_Piece]] = []
    bottom = None
    for b in anchored:
        if rows and b.top < bottom - FLOAT_OVERLAP_SHARE * min(b.bottom - b.top, h):
            rows[-1].append(b)
            bottom = max(bottom, b.bottom)
        else:
            rows.append([b])
            bottom = b.bottom
    if not rows:
        return None
    right = {c: max(w.x1 for p in ps for w in p.words) for c, ps in by_col.items()}
    for r in rows:
        # Two lines that each fill every column of the row (all but one, in four or more)
        # are two rows of a table spaced in groups, not the lines of centred cells, unless
        # every cell's next line was wrapped there (its first word would not have fitted on
        # the line above): a row whose cells all run to two lines.
        cols = {b.col for b in r}
        filled: dict[int, int] = {}
        for b in r:
            for k in b.lines:
                filled[k] = filled.get(k, 0) + 1
        full = sorted(k for k, n in filled.items() if n >= max(2, len(cols) - (len(cols) >= 4)))
        if len(full) >= 2 and not _wrapped([grid[k] for k in full], right):
            return None
    out: list[dict[int, list[Word]]] = []
    spans = [(min(b.top for b in r), max(b.bottom for b in r)) for r in rows]
    for r in rows:
        cells = {}
        for b in sorted(r, key=lambda b: b.top):
            cells.setdefault(b.col, []).extend(b.words)
        out.append(cells)
    for f in floating:
        above = [k for k, (t, b) in enumerate(spans) if (t + b) / 2 < f.centre]
        below = [k for k, (t, b) in enumerate(spans) if (t + b) / 2 > f.centre]
        words = list(f.words)  # one list in both rows: the same merged cell
        for k in ([above[-1]] if above else []) + ([below[0]] if below else []):
            out[k].setdefault(f.col, words)
    for c in {b.col for r in rows for b in r} | {f.col for f in floating}:
        _fill_centred_spans(out, c)
    return out


def _fold_lone_spans(rows: list[dict[int, list[Word]]]) -> list[dict[int, list[Word]]]:
    """A row of one cell between two rows that leave its column empty and fill two others,
    its line reaching into one of theirs (``BESIDE_OVERLAP_EM``) with its middle between
    theirs: a merged cell centred over the two rows ("1등급" beside ranks 1 and 2), set on a
    line of its own. Its text goes to both rows' cells in its column and the row goes."""
    def span(cells: dict[int, list[Word]]) -> tuple[float, float]:
        ws = [w for v in cells.values() for w in v]
        return min(w.top for w in ws), max(w.bottom for w in ws)

    out = list(rows)
    k = 1
    while k < len(out) - 1:
        above, lone, below = out[k - 1], out[k], out[k + 1]
        if len(lone) == 1 and all(len(r) >= 2 for r in (above, below)):
            (c, words), = lone.items()
            size = statistics.median(w.size for w in words)
            (a0, a1), (t, b), (b0, b1) = span(above), span(lone), span(below)
            if c not in above and c not in below and (a0 + a1) / 2 < (t + b) / 2 < (b0 + b1) / 2 \
                    and max(a1 - t, b - b0) >= BESIDE_OVERLAP_EM * size:
                above[c] = below[c] = words
                del out[k]
                continue
        k += 1
    return out


def _fill_centred_spans(rows: list[dict[int, list[Word]]], col: int) -> None:
    """Fill the merged cells of a sparse column in a table that centres its cells: each
    text stands at the centre of the rows it spans, so, top to bottom, a span starts after
    the one above and ends as far below its text as it starts above it ("2등급" beside
    ranks 3-13 stands at rank 8). Only when the spans so found tile the column exactly
    (a remark standing alone in a column of blanks does not)."""
    n = len(rows)
    labels: list[tuple[list[Word], list[int]]] = []
    for k, cells in enumerate(rows):
        words = cells.get(col)
        if not words:
            continue
        if labels and labels[-1][0] is words:
            labels[-1][1].append(k)  # a merged cell already repeated over two rows
        else:
            labels.append((words, [k]))
    if len(labels) < 2 or 2 * len(labels) > n or sum(len(ks) for _, ks in labels) == n:
        return  # not a column of merged cells: those span two rows or more each
    plan = []
    start = 0
    for i, (words, ks) in enumerate(labels):
        end = ks[0] + ks[-1] - start  # its centre, (ks[0] + ks[-1]) / 2, mid-way from start to end
        nxt = labels[i + 1][1][0] if i + 1 < len(labels) else n
        if end != int(end) or end < ks[-1] or end >= nxt:
            return
        plan.append((words, start, int(end)))
        start = int(end) + 1
    if start != n:
        return
    for words, a, b in plan:
        for k in range(a, b + 1):
            rows[k][col] = words


#: Marks that open an item of a list inside a cell.
LIST_MARKS = "○•●◦▪■□◆◇※·-▶☞∙"
#: What separates the items of a list in a cell: commas, list marks, bullets.
_ITEM_BREAK = re.compile(r"[,;、，]|(?:^|\s)[○•●◦▪■□◆◇※·-](?=\s)")


def _run_length(text: str) -> int:
    """Words in the longest run of ``text`` between commas and list marks: running text has
    long runs, a cell listing names ("Beijing, Shanghai, Guangdong") short ones."""
    return max(len(part.split()) for part in _ITEM_BREAK.split(text))


def _reads_as_table(grid: list[list[str]], header_rows: int, ruled: bool, settings: TableSettings,
                    grouped: bool = False, short: bool = False) -> bool:
    """Enough rows with two filled cells, and not running text laid out in columns.
    ``grouped``: the rows were grouped from more text lines than they are (centred cells).
    ``short``: a block of two aligned rows under its caption or atop a continuing page
    (``Region.short``): two such rows will do."""
    n_cols = len(grid[0]) if grid else 0
    if n_cols < settings.min_cols:
        return False
    full = sum(1 for row in grid if sum(1 for t in row if t) >= 2)
    # Between rules, under a header rule, a header and one row are a table (a row of
    # centred cells grouped from many lines); so is a header over one row grouped from
    # many lines without rules (cells centred beside each other).
    if full < (2 if (ruled or grouped) and header_rows or short else settings.stream_min_rows):
        return False
    cells = [t for row in grid for t in row if t]
    lone = sum(1 for t in cells if len(t) == 1 and is_wide(t))
    if lone > settings.stream_lone_glyph_share * len(cells):
        return False  # vertical writing read across: one glyph of each column per "row"
    prose = 0
    for c in range(n_cols):
        cells = [row[c] for row in grid[header_rows:] if row[c]]
        if not cells:
            continue
        words = statistics.median(_run_length(t) for t in cells)
        if words >= settings.stream_prose_words:
            prose += 1
    filled = sum(1 for c in range(n_cols) if any(row[c] for row in grid))
    if grouped and header_rows:
        # A header names the columns, and the rows' centred cells are a table's layout: a
        # long name under one of them (an institute's full name) is a column's text.
        return filled - prose >= 1 and filled >= 2 and (ruled or filled >= settings.stream_min_cols_unruled)
    return filled - prose >= 2 and (ruled or filled >= settings.stream_min_cols_unruled)


# ---------------------------------------------------------------------------- page

def find_stream_fragments(page, page_number: int, settings: TableSettings, gap: float | None,
                          chars: list[dict], taken: list[BBox], start: int,
                          layout: LayoutSettings, continuing: bool = False) -> list[TableFragment]:
    """Stream tables of one page outside the ``taken`` areas (ruled tables already found).
    ``continuing``: the page before ends in a table (see ``_reach_page_top``)."""
    gap_em = gap if gap else layout.word_gap_ratio
    if taken:
        # Most glyphs lie above or below every ruled table: test the tables' vertical span
        # first, then each table.
        top, bottom = min(b[1] for b in taken) - 1.0, max(b[3] for b in taken) + 1.0
        # (the span test written out, not geometry.y_center_within: it runs for every glyph)
        free = [c for c in chars if not (top <= (c["top"] + c["bottom"]) / 2 <= bottom)
                or not any(center_in_box(c, box) for box in taken)]
    else:
        free = chars
    rows = text_rows(free, gap_em, settings.stream_chunk_gap, layout)
    if not rows:
        return []
    rules = horizontal_rules(page, settings.min_edge_length)
    fragments: list[TableFragment] = []
    bands = header_bands(page, free)
    banded: list[Region] = []
    for band in bands:
        body = _band_body(band, rows, bands, rules)
        head = [r for r in rows if band.top - 1 <= (r.top + r.bottom) / 2 <= band.bottom + 1
                and r.x0 >= band.x0 - 2 and r.x1 <= band.x1 + 2]
        if len(body) < 1 or not head:
            continue
        x0, x1 = band.x0, band.x1
        region = Region(band.top, body[-1].bottom, x0, x1, [band.top, band.bottom],
                        [(band.top, x0, x1), (band.bottom, x0, x1)], ruled=True)
        columns = [x0] + [(a + b) / 2 for (_, a), (b, _) in zip(band.boxes, band.boxes[1:])] + [x1]
        found = arbitrated_fragments(head + body, region, page, page_number, start + len(fragments), chars,
                                     settings, layout, gap, columns=columns)
        if found:
            fragments += found
            banded.append(region)
    regions = [g for g in _regions(rows, rules, float(page.width), settings, continuing and not taken)
               if not any(_overlap(g.top, g.bottom, b.top, b.bottom) > 0 and _overlap(g.x0, g.x1, b.x0, b.x1) > 0
                          for b in banded)]
    first = min(regions, key=lambda g: g.top) if regions else None
    for region in regions:
        if not region.ruled:  # (a ruled table starts at its top rule: what stands above is not its)
            # (nor does it reach into another table's region above it)
            floor = max((g.bottom for g in regions if g is not region and g.bottom <= region.top + 0.5
                         and _overlap(g.x0, g.x1, region.x0, region.x1) > 0), default=float("-inf"))
            _reach_up(region, [r for r in rows if r.top > floor], settings, page_top=region is first and not taken)
    for region in regions:
        inside = [r for r in rows if region.top - 0.5 <= (r.top + r.bottom) / 2 <= region.bottom + 0.5
                  and r.x0 >= region.x0 - 2 and r.x1 <= region.x1 + 2]
        if len(inside) < settings.stream_min_rows:
            continue
        fragments += arbitrated_fragments(inside, region, page, page_number, start + len(fragments), chars,
                                          settings, layout, gap)
    return fragments


#: A header line over a table may reach this many em past its widest row (see ``_reach_up``).
HEADER_OVERHANG_EM = 3.0


def _reach_up(region: Region, rows: list[Row], settings: TableSettings, page_top: bool) -> None:
    """A table takes the lines above its first aligned rows up to its caption (a
    〈caption〉 or '[표] caption' line), or, with ``page_top`` (the first table of a page),
    up to the top of the page (see ``_lines_above``; a producer may move a row to the next
    page long before the page's foot, so the page before need not end in a table): a
    header whose cells wrap to lines of their own, centred beside one another (too few
    chunks to start an aligned block; a producer repeats it over each page part), and the
    ends of the row the page break cut (lines of one tall cell)."""
    reach = _lines_above(region.top, region.x0, region.x1, rows, settings, page_top)
    if reach is not None and reach[0] < region.top:
        region.top, region.x1 = reach[0] - 0.5, reach[1]


def _lines_above(top: float, x0: float, x1: float, rows: list[Row], settings: TableSettings,
                 page_top: bool) -> tuple[float, float] | None:
    """(top, right) of the lines above ``top`` a table spanning ``x0``-``x1`` takes: those
    within its width, close under one another (a padded row's gap at most) and none running
    text, when they reach up to a caption line as close above them, or to the page's top
    with ``page_top``. None when they reach neither (then they are not the table's)."""
    above = [r for r in rows if r.bottom <= top + 0.5]
    right = x1
    stop = None
    first = top
    taken: list[Row] = []
    for r in reversed(above):
        # (a label centred over a column of short values may reach past the widest row)
        if top - r.bottom > settings.stream_padded_row_gap * r.size or r.x0 < x0 - 2 \
                or r.x1 > x1 + HEADER_OVERHANG_EM * r.size \
                or _prose_row(r, x0, x1 - x0, settings) or _caption_row(r):
            stop = r
            break
        top, right = r.top, max(right, r.x1)
        taken.append(r)
    if page_top and stop is None and taken:
        # The page's first line standing further than a row's gap above the next is its
        # running header, not the table's.
        below = taken[-2].top if len(taken) >= 2 else first
        if below - taken[-1].bottom > settings.stream_row_gap * taken[-1].size:
            taken.pop()
            if not taken:
                return None
            top, right = taken[-1].top, max([x1] + [r.x1 for r in taken])
    if (stop is not None and _caption_row(stop) and top - stop.bottom <= settings.stream_padded_row_gap * stop.size) \
            or (page_top and stop is None and right <= x1 + 2):
        # (atop a page, only lines within the table's width: a running header set flush
        # right may reach past it; a label centred past the widest row is taken under a
        # caption only)
        return top, right
    return None


def _caption_row(row: Row) -> bool:
    text = " ".join(w.text for w in row.words).strip()
    return bool(LABELLED_CAPTION.match(text) or BRACKETED_CAPTION_IN.search(text))


def arbitrated_fragments(rows: list[Row], region: Region, page, page_number: int, k: int, chars: list[dict],
                         settings: TableSettings, layout: LayoutSettings, gap: float | None,
                         columns: list[float] | None = None) -> list[TableFragment]:
    """The tables of a candidate region once the body has had its say (see ``arbitrate``):
    the region is cut at the rows that read as structure (a heading, a lead, a source
    line ...) together with the lines of body text next to them, each remaining run of rows
    is read as a table of its own, and a table is kept only on the evidence of a table."""
    kinds = structure_kinds(rows, region.x0, settings)
    if not any(kinds):
        frag = build_fragment(rows, region, page, page_number, k, chars, settings, layout, gap, columns=columns)
        return [frag] if frag is not None and _judge(frag, settings) else []
    out: list[TableFragment] = []
    for seg, top, bottom in _segments(rows, kinds, region, settings):
        rules = [y for y in region.rules if top - 0.5 <= y <= bottom + 0.5]
        extents = [r for r in region.rule_extents if top - 0.5 <= r[0] <= bottom + 0.5]
        sub = Region(top, bottom, region.x0, region.x1, rules, extents, ruled=region.ruled and len(rules) >= 2)
        # Drawn columns (a shaded header's boxes) hold only while the header row does.
        cols = columns if columns is not None and seg[0] is rows[0] else None
        frag = build_fragment(seg, sub, page, page_number, k + len(out), chars, settings, layout, gap, columns=cols)
        if frag is not None and _judge(frag, settings):
            out.append(frag)
    for frag in out:
        frag.quality["structure_lines_returned"] = sum(1 for kd in kinds if kd)
    return out


def _judge(frag: TableFragment, settings: TableSettings) -> bool:
    """Keep the verdict of the evidence in the table's quality report; False when refused."""
    ev = evidence(frag, settings)
    frag.quality["evidence"] = ev
    return ev["verdict"] != "refused"


def _segments(rows: list[Row], kinds: list[str | None], region: Region, settings: TableSettings):
    """Runs of rows between structure rows, as (rows, top, bottom): body lines next to a cut
    (see ``arbitrate.loose``) go with the structure line; a run keeps the rules that frame
    it (the nearest rule between it and the cut), or the region's own edge where no cut
    lies beyond it."""
    size = statistics.median(r.size for r in rows)
    runs: list[list[int]] = [[]]
    for i, kind in enumerate(kinds):
        if kind:
            runs.append([])
        else:
            runs[-1].append(i)
    for run in runs:
        if not run:
            continue
        cut_above = run[0] > 0
        cut_below = run[-1] < len(rows) - 1
        while run and cut_above and loose(rows[run[0]], settings, size):
            run.pop(0)
        while run and cut_below and loose(rows[run[-1]], settings, size):
            run.pop()
        if len(run) < 2:
            continue
        seg = [rows[i] for i in run]
        if run[0] > 0:
            above = rows[run[0] - 1].bottom
            ys = [y for y in region.rules if above - 0.5 <= y <= seg[0].top + 0.5]
            top = max(ys) if ys else seg[0].top - 0.5
        else:
            top = region.top
        if run[-1] < len(rows) - 1:
            below = rows[run[-1] + 1].top
            ys = [y for y in region.rules if seg[-1].bottom - 0.5 <= y <= below + 0.5]
            bottom = min(ys) if ys else seg[-1].bottom + 0.5
        else:
            bottom = region.bottom
        yield seg, top, bottom


def _regions(rows: list[Row], rules, page_width: float, settings: TableSettings,
             continuing: bool = False) -> list[Region]:
    regions: list[Region] = []
    # Rule-bounded regions: between the first and the last rule of a stack, extended down
    # over aligned rows when the stack ends under the header.
    for stack in rule_stacks(rules, page_width, settings):
        for part in _split_stack(stack, rows, settings):
            if len(part) < 2:
                continue
            x0 = min(r[1] for r in part)
            x1 = max(r[2] for r in part)
            inner = [r for r in rules if part[0][0] <= r[0] <= part[-1][0] and _overlap(r[1], r[2], x0, x1) > 0]
            if any(g.ruled and g.top <= part[0][0] and part[-1][0] <= g.bottom and g.x0 <= x0 and x1 <= g.x1
                   for g in regions):
                continue  # rules under a spanning header, inside a table already found
            regions.append(Region(part[0][0], part[-1][0], x0, x1, [r[0] for r in part], inner, ruled=True))
    # Aligned blocks: a block that runs on below a ruled region (rules above and under the
    # header only) extends it; other blocks are regions of their own.
    for block in alignment_blocks(rows, settings,
                                  [r for r in rules if r[2] - r[1] >= settings.stream_rule_min_width * page_width],
                                  continuing):
        top, bottom = block[0].top, block[-1].bottom
        bx0, bx1 = min(r.x0 for r in block), max(r.x1 for r in block)
        near = settings.stream_row_gap * block[0].size
        hit = [g for g in regions if _overlap(top, bottom, g.top - near, g.bottom + near) > 0
               and _overlap(bx0, bx1, g.x0, g.x1) > 0]
        if hit:
            for g in hit:
                if g.ruled and bottom > g.bottom and bx0 >= g.x0 - 2 and bx1 <= g.x1 + 2 \
                        and _tabular(block, settings):
                    g.bottom = bottom
            continue
        regions.append(Region(top, bottom, bx0, bx1,
                              short=sum(1 for r in block if len(r.chunks) >= 2) < settings.stream_min_rows))
    # A ruled header with no body under it yet: its rows are centred lines, too few of them
    # wide enough to make an aligned block (a table that starts at the foot of a page).
    # It runs on over the rows right under it that fit it, down to running text or a gap.
    for g in regions:
        if not g.ruled or len(g.rules) != 2:
            continue
        below = [r for r in rows if r.top >= g.bottom - 1]
        last = g.bottom
        for r in below:
            if r.top - last > settings.stream_row_gap * r.size or r.x0 < g.x0 - 2 or r.x1 > g.x1 + 2 \
                    or _prose_row(r, g.x0, g.x1 - g.x0, settings) \
                    or any(last < y < r.top for y, a, b in rules if _overlap(a, b, g.x0, g.x1) > 0):
                break
            last = r.bottom
        g.bottom = max(g.bottom, last)
    return regions


def _tabular(block: list[Row], settings: TableSettings) -> bool:
    """Rows that read as table rows by themselves: their columns are not running text."""
    seps = column_separators(block, settings)
    if not seps:
        return False
    bounds = [block[0].x0 - 1e6] + [(a + b) / 2 for a, b in seps] + [1e6]
    grid = []
    for r in block:
        cells = _cells_of_row(r, bounds)
        grid.append([" ".join(w.text for w in cells.get(c, [])) for c in range(len(bounds) - 1)])
    return _reads_as_table(grid, 0, True, settings)


def _split_stack(stack, rows: list[Row], settings: TableSettings) -> list[list[tuple[float, float, float]]]:
    """A stack of rules cut where two consecutive rules have no text between them or are
    separated by a band of empty page (a page-header rule over a table's top rule)."""
    parts = [[stack[0]]]
    for a, b in zip(stack, stack[1:]):
        x0, x1 = min(a[1], b[1]), max(a[2], b[2])
        between = [r for r in rows if a[0] < (r.top + r.bottom) / 2 < b[0] and _overlap(r.x0, r.x1, x0, x1) > 0]
        ys = [a[0]] + [v for r in sorted(between, key=lambda r: r.top) for v in (r.top, r.bottom)] + [b[0]]
        size = statistics.median(r.size for r in between) if between else FALLBACK_SIZE
        empty = max(ys[k + 1] - ys[k] for k in range(0, len(ys) - 1, 2))
        width = max(a[2], b[2]) - min(a[1], b[1])
        if (not between or empty > settings.stream_rule_gap * size
                or any(_prose_row(r, x0, width, settings) for r in between)):
            parts.append([b])
        else:
            parts[-1].append(b)
    return parts
