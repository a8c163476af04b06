"""Stage 2, layout: characters -> lines of text in reading order, with font facts.

Per page: overprinted duplicate glyphs are dropped (pdfplumber's ``dedupe_chars``), glyphs
inside table grids, captions and notes are left to the tables stage, glyphs inside images
(an OCR text layer over a figure) and invisible text are kept out of the body, and the rest
is grouped into lines. Spaces come from the gaps between glyphs measured against the font
size, so Hangul word spacing does not depend on a fixed tolerance or on the PDF carrying
space characters at all.

Per document: lines repeated at the same place on most pages (running headers, footers,
page numbers) are marked ``role="running"`` and left out of the body.
"""
from __future__ import annotations

import math
import operator
import re
import statistics
import threading
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Iterable

from .model import BBox, TextLine
from .textjoin import is_cjk, is_hangul

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .settings import LayoutSettings

#: 'ABCDEF+NanumGothic' -> 'NanumGothic': a subset's tag differs between subsets of one font.
SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|,b$|-b$|extrab", re.I)
PAGE_NUMBER = re.compile(r"^[\s\-–—·|]*(?:page\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[\s\-–—·|]*$", re.I)
DIGITS = re.compile(r"\d+")


def _inside(x: float, y: float, box: BBox, pad: float = 1.0) -> bool:
    return box[0] - pad <= x <= box[2] + pad and box[1] - pad <= y <= box[3] + pad


#: Where a line writes its spaces, a gap between scripts is a word space only when wider
#: than this many of the line's spaces (``_make_line``).
SCRIPT_GAP_SPACES = 1.1


def _asian(text: str) -> bool:
    """Hangul, an ideograph or kana (the scripts set apart from Latin and digits)."""
    return bool(text) and (is_hangul(text[0]) or is_cjk(text[0]) or "\u3040" <= text[0] <= "\u30ff")


class WordGap(float):
    """A page's word-gap threshold in em (a float, as every caller uses it), with the one
    for a gap between Asian and other script (a number or a Latin word beside Hangul):
    wider on a page whose producer writes its spaces as glyphs, where such a gap is its
    spacing between scripts, not a word space."""

    def __new__(cls, value: float, between_scripts: float | None = None):
        gap = super().__new__(cls, value)
        gap.between_scripts = value if between_scripts is None else between_scripts
        return gap


#: A page writes its spaces when gaps with no space glyph inside one script are at most
#: this share of its space glyphs (``word_gap_threshold``).
WRITTEN_SPACES_SHARE = 0.25


def word_gap_threshold(rows: list[list[dict]], default: float) -> float:
    """The gap (in em) above which two glyphs of a line are separate words, for one page.

    Producers space words differently (0.22 em in one, 0.28 em in another) and some leave
    0.2 em between a digit and a Hangul syllable of the same word, so one fixed tolerance
    cannot serve all. The most common gap between 0.1 and 0.6 em on the page is its word
    space; glyphs closer than 80 % of it belong to one word.

    A page whose words within one script are nearly all parted by space glyphs shows that
    its producer writes its spaces; a gap with no glyph between Asian and other script is
    then its spacing between scripts (see ``WordGap``), unless wider than its space.
    """
    bins: Counter[int] = Counter()
    written: Counter[int] = Counter()
    bare = 0
    for row in rows:
        for a, b in zip(row, row[1:]):
            if b["text"].isspace():
                # An explicit space glyph shows the word space directly.
                g = (b["x1"] - b["x0"]) / max(b["size"], 1.0)
                if 0.1 < g < 0.6:
                    written[round(g * 100)] += 1
            elif a["text"].isspace():
                continue
            else:
                g = (b["x0"] - a["x1"]) / max(a["size"], b["size"], 1.0)
                bare += 0.1 < g < 0.6 and _asian(a["text"]) == _asian(b["text"])
            if 0.1 < g < 0.6:
                bins[round(g * 100)] += 1
    if sum(bins.values()) < 20:
        return default
    mode = bins.most_common(1)[0][0] / 100
    spaces = sum(written.values())
    if spaces >= 20 and bare <= WRITTEN_SPACES_SHARE * spaces:
        return WordGap(0.8 * mode, max(0.8 * mode, SCRIPT_GAP_SPACES * written.most_common(1)[0][0] / 100))
    return WordGap(0.8 * mode)


# Code points that fonts' ToUnicode maps point at instead of the ideograph the reader sees:
# Kangxi radicals (⼼ for 心), CJK radicals supplement, CJK compatibility ideographs, and
# half-width Hangul letters. Their compatibility decomposition is the intended character.
_COMPAT_RANGES = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F), (0xFFA0, 0xFFDC))


# CJK Radicals Supplement forms that stand for whole characters but have no compatibility
# decomposition in Unicode (fonts such as Noto CJK map 贝 to ⻉): from the character names
# ("C-SIMPLIFIED SHELL" is 贝), written out by hand.
_RADICAL_CHARACTERS = dict(zip(
    "⺠⺩⺝⻁⻄⻅⻆⻉⻋⻐⻑⻓⻔⻘⻙⻚⻛⻜⻝⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲",
    "民王月虎西见角贝车钅長长门青韦页风飞食饣马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀"))


# Rare ideographs (CJK extensions A and B) that common CJK fonts draw with the very glyph of
# a common one, so that a producer writing the font's ToUnicode map may name the rare one
# (Chromium prints 胶 from Noto Sans CJK as 㬵). Found by listing the code points that share
# a glyph in the cmaps of Noto Sans CJK (JP/KR/SC/TC/HK) and the Nanum fonts.
_SHARED_GLYPH_CHARACTERS = dict(zip("㫚㬵㬺㮣䲤𣟱𤨁𨓜", "曶胶幐槩鿐櫸瑨逸"))


# Code points that are canonically the same character as another (NFC maps each to that
# one): a producer's ToUnicode may name either, and the text must not depend on which
# (Chromium names Noto's angle bracket U+2329 where the text has U+3008, and a caption's
# 〈 then went unseen). Hangul and the compatibility ideographs are left to their own rules.
_CANONICAL_SINGLETONS = {
    chr(o): unicodedata.normalize("NFC", chr(o)) for o in range(0x0300, 0xF900)
    if not 0xAC00 <= o <= 0xD7A3 and len(unicodedata.normalize("NFC", chr(o))) == 1
    and unicodedata.normalize("NFC", chr(o)) != chr(o)}


def _compat(ch: str) -> bool:
    o = ord(ch)
    # Most glyphs (Latin, Hangul, unified ideographs) fall in none of the ranges: test the
    # gaps between them first, without a loop.
    if o < 0x2E80 or 0x2FDF < o < 0xF900 or 0xFAFF < o < 0xFFA0:
        return False
    return any(lo <= o <= hi for lo, hi in _COMPAT_RANGES)


def median_size(sizes: list[float]) -> float:
    """statistics.median, without its cost in the usual case of one size for all glyphs."""
    first = sizes[0]
    for size in sizes:
        if size != first:
            return statistics.median(sizes)
    return first


def cluster(values: Iterable[float], tol: float) -> list[float]:
    """Values grouped where consecutive ones (sorted) lie within ``tol``; the median of each
    group (indent levels, ruling positions)."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [statistics.median(g) for g in groups]


def clean_glyph_text(chars: list[dict]) -> list[tuple[str, str]]:
    """Glyph text as the reader means it, changed in place; returns the repairs made.

    Some producers map the space glyph to a control character (Chromium's fonts give
    U+0001): such a glyph is a space. Ideographs mapped to compatibility code points are
    mapped to the unified ideograph (NFKC, for those blocks only: NFKC elsewhere would turn
    Ⅰ into I). A code point canonically equal to another (U+2329 and U+3008 are both 〈)
    becomes its NFC form.
    """
    repairs = []
    for c in chars:
        t = c["text"]
        if not t or len(t) != 1:
            continue
        o = ord(t)
        if (o < 0x20 or 0x7F <= o <= 0x9F) and t != "\n":  # control characters (category Cc)
            c["text"] = " "
        elif _compat(t):
            fixed = _RADICAL_CHARACTERS.get(t) or unicodedata.normalize("NFKC", t)
            if fixed != t:
                c["text"] = fixed
                repairs.append((t, fixed))
        elif 0x3400 <= o and t in _SHARED_GLYPH_CHARACTERS:
            c["text"] = _SHARED_GLYPH_CHARACTERS[t]
            repairs.append((t, c["text"]))
        elif t in _CANONICAL_SINGLETONS:
            c["text"] = _CANONICAL_SINGLETONS[t]  # the same character: no repair to report
    return repairs


def dedupe_chars(chars: list[dict], tolerance: float) -> list[dict]:
    """Drop overprinted duplicates (fake bold, a text layer drawn twice): a glyph with the
    same text, font and size as an earlier one within ``tolerance`` points, and less than
    half its own width to the side (a narrow glyph repeated, the "ll" of a condensed font,
    sits a full advance away: a neighbour, not an overprint). Linear time, by looking up
    the neighbouring cells of a grid of that size."""
    tol = max(tolerance, 0.01)
    # Grid cells as one integer (x cell * STRIDE + y cell) per glyph kind: nine integer
    # lookups per glyph instead of nine tuples built and hashed (this ran at 5 µs a glyph);
    # only when a neighbouring cell holds a glyph of the same kind are the positions compared.
    stride = 1 << 24
    seen: dict[tuple, dict[int, list[tuple[float, float]]]] = {}
    out = []
    for c in chars:
        base = (c["text"], c.get("fontname"), round(c.get("size", 0), 1))
        x, y = c["x0"], c["top"]
        key = round(x / tol) * stride + round(y / tol)
        cells = seen.get(base)
        if cells is None:
            seen[base] = {key: [(x, y)]}
            out.append(c)
            continue
        left, right = key - stride, key + stride
        if (key in cells or key - 1 in cells or key + 1 in cells or left in cells or left - 1 in cells
                or left + 1 in cells or right in cells or right - 1 in cells or right + 1 in cells):
            near = [cells[k] for k in (left - 1, left, left + 1, key - 1, key, key + 1, right - 1, right, right + 1)
                    if k in cells]
            reach = min(tol, 0.5 * (c["x1"] - c["x0"])) if c["x1"] > c["x0"] else tol
            if any(abs(px - x) <= reach and abs(py - y) <= tol for found in near for px, py in found):
                continue
        cells.setdefault(key, []).append((x, y))
        out.append(c)
    return out


def direction(c: dict) -> int:
    """Quarter turns of a glyph's baseline, counter-clockwise: 0 upright, 1 running up the
    page, 2 upside down, 3 running down the page."""
    if c.get("upright", True):
        return 0
    m = c.get("matrix")
    if not m:
        return 0
    angle = math.degrees(math.atan2(m[1], m[0]))
    return round(angle / 90) % 4


def sideways_turn(chars: Iterable[dict]) -> int:
    """The turn of a page's text when most of its glyphs share one non-upright direction
    (a landscape page stored sideways without /Rotate), else 0."""
    if not isinstance(chars, (list, tuple)):
        chars = list(chars)
    if all(c.get("upright", True) for c in chars):
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
_MEMO_SIZE = 2


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
    for glyphs, n, ratio, rows in memo:
        if glyphs is chars and n == len(chars) and ratio == settings.line_overlap_ratio:
            return rows
    rows = _group_rows(chars, settings)
    memo.insert(0, (chars, len(chars), settings.line_overlap_ratio, rows))
    del memo[_MEMO_SIZE:]
    return rows


def _group_rows(chars: list[dict], settings: "LayoutSettings") -> list[list[dict]]:
    turn = sideways_turn(chars)
    if turn:
        chars = derotate(chars, turn)
    glyphs = [c for c in chars if c.get("upright", True) and c["text"] and c["text"] != "\n"]
    if not glyphs:
        return []
    glyphs.sort(key=_row_order)
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


def page_word_gap(chars: Iterable[dict], settings: "LayoutSettings", default: float | None = None) -> float:
    """The word-gap threshold of a whole page (see word_gap_threshold); ``default`` where
    the page has too few gaps to tell (the settings' ratio unless given)."""
    return word_gap_threshold(glyph_rows(chars, settings), settings.word_gap_ratio if default is None else default)


def chars_to_lines(chars: Iterable[dict], page: int, settings: "LayoutSettings",
                   gap: float | None = None) -> list[TextLine]:
    """Group glyphs into lines (by vertical overlap) and words (by horizontal gap).

    ``gap`` is the page's word-gap threshold; small areas (a table cell, a caption) should
    pass their page's, since a few glyphs are too few to learn spacing from.
    """
    rows = glyph_rows(chars, settings)
    if not rows:
        return []
    if gap is None:
        gap = word_gap_threshold(rows, settings.word_gap_ratio)
    lines = []
    for row in rows:
        line = _make_line(row, page, gap)
        if line is not None:
            lines.append(line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _make_line(row: list[dict], page: int, gap_ratio: float) -> TextLine | None:
    parts: list[str] = []
    prev = None
    space_glyphs = [c for c in row if c["text"] == " " and c["x1"] > c["x0"]]
    spaces = [(c["x1"] - c["x0"]) / max(c["size"], 1.0) for c in space_glyphs]
    # On a page or a line that writes its spaces as glyphs, a gap with no glyph between
    # Asian and other script (a number, a Latin word) is the producer's spacing between
    # scripts, not a word space, unless it is wider than a space (LibreOffice sets 0.2 em in
    # "2023|년", as wide as some fonts' space glyph).
    script_gap = max(getattr(gap_ratio, "between_scripts", gap_ratio),
                     SCRIPT_GAP_SPACES * median_size(spaces) if spaces else 0.0)
    for c in row:
        text = c["text"]
        if text.isspace():
            # An explicit space glyph: keep one space, the gap test below will not double it.
            if parts and parts[-1] != " ":
                parts.append(" ")
            prev = c
            continue
        if prev is not None and parts and parts[-1] != " ":
            size = max(c["size"], prev["size"], 1.0)
            gap = c["x0"] - prev["x1"]
            # (the script test only for the few gaps that it decides: most glyphs touch)
            if gap > gap_ratio * size and (gap > script_gap * size or _asian(text) == _asian(prev["text"])):
                parts.append(" ")
        parts.append(text)
        prev = c
    text = "".join(parts).strip()
    if not text:
        return None
    visible = [c for c in row if not c["text"].isspace()]
    sizes = [c["size"] for c in visible]
    bold_count = sum(1 for c in visible if BOLD_FONT.search(c.get("fontname") or ""))
    widths = [c["x1"] - c["x0"] for c in space_glyphs]
    fonts = Counter(c.get("fontname") or "" for c in visible)
    return TextLine(
        page=page,
        text=text,
        x0=min(c["x0"] for c in visible),
        x1=max(c["x1"] for c in visible),
        top=min(c["top"] for c in visible),
        bottom=max(c["bottom"] for c in visible),
        size=round(median_size(sizes), 2),
        bold=bold_count * 2 > len(visible),
        trailing_space=row[-1]["text"].isspace(),
        space_width=round(median_size(widths), 2) if widths else 0.0,
        font=SUBSET_PREFIX.sub("", fonts.most_common(1)[0][0]),
    )


def page_lines(chars: list[dict], number: int, occupied: list[BBox], images: list[BBox],
               settings: "LayoutSettings", gap: float | None = None) -> list[TextLine]:
    """Lines of one page's (de-duplicated) glyphs; text in ``occupied`` areas (tables) is
    left out and text over images is marked as figure text."""
    if not occupied and not images:
        # Nothing to take out: the same list, whose rows the load stage already grouped.
        return chars_to_lines(chars, number, settings, gap)
    body, figure = [], []
    for c in chars:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        if any(_inside(cx, cy, box) for box in occupied):
            continue
        if any(_inside(cx, cy, box, pad=0.0) for box in images):
            figure.append(c)
            continue
        body.append(c)
    lines = chars_to_lines(body, number, settings, gap)
    for line in chars_to_lines(figure, number, settings, gap):
        line.role = "figure"
        lines.append(line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def mark_running(lines: list[TextLine], heights: dict[int, float], n_pages: int,
                 settings: "LayoutSettings") -> int:
    """Mark running headers/footers and page numbers; return how many lines were marked.

    A line is running when it sits in the top or bottom band of its page and a line of
    similar text (digits masked) sits at the same height on at least ``running_min_share``
    of the pages. Page numbers in the bands are running whatever their count.
    """
    tol = settings.running_position_tolerance
    candidates = []
    for ln in lines:
        if ln.role != "body":
            continue
        h = heights.get(ln.page) or 842.0
        if ln.bottom <= h * settings.running_band or ln.top >= h * (1 - settings.running_band):
            candidates.append(ln)
    marked = 0
    for ln in candidates:
        if PAGE_NUMBER.match(ln.text):
            ln.role = "running"
            marked += 1
    if n_pages < 3:
        return marked
    groups: dict[int, list[TextLine]] = defaultdict(list)
    for ln in candidates:
        if ln.role == "body":
            groups[round(ln.top / tol)].append(ln)
    # Neighbouring buckets hold the same position split by rounding: merge their members.
    keys = sorted(groups)
    need = max(2, settings.running_min_share * n_pages)
    for k in keys:
        members = [m for m in groups[k] + groups.get(k + 1, []) + groups.get(k - 1, [])
                   if abs(m.top - groups[k][0].top) <= tol]
        masked = [DIGITS.sub("#", m.text) for m in members]
        common = max(set(masked), key=masked.count)
        similar = [m for m, t in zip(members, masked)
                   if t == common or SequenceMatcher(None, t, common).ratio() >= 0.6]
        if len({m.page for m in similar}) >= need:
            for m in similar:
                if m.role == "body":
                    m.role = "running"
                    marked += 1
    return marked


def column_right(lines: list[TextLine]) -> float | None:
    """Right edge of the text column: where full lines end (a high percentile of the line
    ends, so that short last lines and stray wide lines do not move it)."""
    xs = sorted(ln.x1 for ln in lines if ln.role == "body")
    if not xs:
        return None
    return xs[int(0.98 * (len(xs) - 1))]


class LayoutStage:
    name = "layout"

    def process_page(self, doc: "Document", number: int, page) -> None:
        info = doc.pages[-1]
        # A header row alone at the page's foot is the table's only if the table overleaf
        # continues it (known once every page is read): until then its text stays body text
        # (the tables stage takes it back, see TablesStage._claim_lone_headers).
        occupied = [box for f in doc.fragments if f.page == number and not f.quality.get("header_only")
                    for box in f.occupied]
        doc.lines.extend(page_lines(page.chars, number, occupied, info.images, doc.settings.layout, info.word_gap))

    def process_document(self, doc: "Document") -> None:
        heights = {p.number: p.height for p in doc.pages}
        n = mark_running(doc.lines, heights, len(doc.pages), doc.settings.layout)
        if n:
            doc.notes["running_lines_removed"] = n
        # One column edge for the document: a page with few lines (a table page) cannot
        # show its own.
        right = column_right(doc.lines)
        for ln in doc.lines:
            ln.column_right = right


def document_text(path, settings=None, warnings: list[str] | None = None) -> str:
    """The text of a PDF in reading order as this stage reads it: each page's glyphs after
    the load stage's repairs (invisible text left out, wrong mappings fixed, overprints
    dropped), grouped into lines with spaces from the gaps. Every line of the page is kept
    (running headers, table cells, figure text); pages are separated by a form feed. The
    repairs' warnings are appended to ``warnings`` when a list is given."""
    from pathlib import Path

    from . import load
    from .document import Document
    from .settings import Settings

    doc = Document(path=Path(path), settings=settings or Settings())
    source = load.open_document(doc)
    pages = []
    try:
        for number, page in source.pages():
            info, page_input = load.read_page(doc, number, page)
            doc.pages.append(info)
            lines = chars_to_lines(page_input.chars, number, doc.settings.layout, info.word_gap)
            pages.append("\n".join(ln.text for ln in lines))
    finally:
        source.close()
    if warnings is not None:
        warnings.extend(doc.warnings)
    return "\f".join(pages)
