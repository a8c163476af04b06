"""The layout stage: characters -> lines of text in reading order, with font facts.

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

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from . import load
from .glyphs.geometry import BBox
from .glyphs.lines import chars_to_lines
from .model import TextLine

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .settings import LayoutSettings

#: A page number alone, never 0 (a lone '0' in the top band is a number box's first digit
#: wrapped over its second, see segment.Segmenter._join_split_numbers).
PAGE_NUMBER = re.compile(r"^[\s\-–—·|]*(?:page\s*)?(?!0+\b)\d{1,4}(?:\s*/\s*\d{1,4})?[\s\-–—·|]*$", re.I)
DIGITS = re.compile(r"\d+")
#: A page of unknown height is taken as A4 (842 pt) to place its header and footer bands.
A4_HEIGHT = 842.0
#: Running lines of one place are the same line when their masked texts are this similar
#: (a header that names each page's section differs in a word or two).
RUNNING_TEXT_SIMILARITY = 0.6
#: The column's right edge is where this share of the body lines end (short last lines
#: and a stray wide line do not move it).
COLUMN_EDGE_PERCENTILE = 0.98


def page_lines(chars: list[dict], number: int, occupied: list[BBox], images: list[BBox],
               settings: "LayoutSettings", gap: float | None = None) -> list[TextLine]:
    """Lines of one page's (de-duplicated) glyphs; text in ``occupied`` areas (tables) is
    left out and text over images is marked as figure text."""
    if not occupied and not images:
        # Nothing to take out: the same list, whose rows the load stage already grouped.
        return chars_to_lines(chars, number, settings, gap)
    body, figure = [], []
    # point_in_box written out (it ran for every glyph and box): the boxes grown by its pad
    # once, the same bounds it computes (pad 1.0 for the occupied areas, none for images)
    grown = [(box[0] - 1.0, box[1] - 1.0, box[2] + 1.0, box[3] + 1.0) for box in occupied]
    pictures = [(box[0] - 0.0, box[1] - 0.0, box[2] + 0.0, box[3] + 0.0) for box in images]
    for c in chars:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        for x0, top, x1, bottom in grown:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                break
        else:
            for x0, top, x1, bottom in pictures:
                if x0 <= cx <= x1 and top <= cy <= bottom:
                    figure.append(c)
                    break
            else:
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
        h = heights.get(ln.page) or A4_HEIGHT
        if ln.bottom <= h * settings.running_band or ln.top >= h * (1 - settings.running_band):
            candidates.append(ln)
    marked = 0
    by_page: dict[int, list[TextLine]] | None = None
    for ln in candidates:
        if PAGE_NUMBER.match(ln.text):
            if by_page is None:
                by_page = defaultdict(list)
                for other in lines:
                    if other.role == "body":
                        by_page[other.page].append(other)
            if in_number_box(ln, by_page[ln.page]):
                continue  # (a heading's number box near the top, not the page's number)
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
        # The commonest text; on a tie the one seen first (a set's order changes from run to run).
        common = Counter(masked).most_common(1)[0][0]
        similar = [m for m, t in zip(members, masked)
                   if t == common or SequenceMatcher(None, t, common).ratio() >= RUNNING_TEXT_SIMILARITY]
        if len({m.page for m in similar}) >= need:
            for m in similar:
                if m.role == "body":
                    m.role = "running"
                    marked += 1
    return marked


#: A heading's number in its box: zero-padded ('01', '[02]', '03.'); a row number of a
#: list or table ('5') is centred on its wrapped text as well.
BOX_NUMBER = re.compile(r"^[\[(]?0\d[\]).]?$")
#: A number box stands at most this many of its ems left of its title's cell ...
BOX_NUMBER_GAP = 2.0
#: ... and its middle at most this many ems into the lines above and below it, its top
#: at least this many ems under the first line's top and over the second's.
BOX_NUMBER_SLACK = 0.25
BOX_NUMBER_DROP = 0.5


def boxed_number_between(number: TextLine, first: TextLine, second: TextLine) -> bool:
    """``number`` is a box's zero-padded number set beside a title that wrapped in the next
    cell: the title's two lines stand just right of it, one under the other at one left edge, and the
    number's middle lies between them, level with neither (a box centres its number on the
    title's height)."""
    if not BOX_NUMBER.match(number.text.strip()) or not (number.page == first.page == second.page) \
            or first.x0 <= number.x1 \
            or first.x0 - number.x1 > BOX_NUMBER_GAP * number.size:
        return False
    if abs(second.x0 - first.x0) > 1.0 or not 0 <= second.top - first.bottom < BLOCK_LINE_GAP * first.size:
        return False
    # (by its top, too: a line's bottom is not always where its glyphs end)
    lower = BOX_NUMBER_DROP * number.size
    if number.top - first.top < lower or second.top - number.top < lower:
        return False
    middle = (number.top + number.bottom) / 2
    slack = BOX_NUMBER_SLACK * number.size
    return first.bottom - slack <= middle <= second.top + slack


def in_number_box(number: TextLine, lines: list[TextLine]) -> bool:
    """``number`` is a heading's number box, among the page's ``lines``: the second digit
    of a zero-padded number wrapped in a box too narrow for two ('0' right over it), or a
    number between the two lines of a title wrapped beside it (see boxed_number_between)."""
    if any(ln.text.strip() == "0" and abs(ln.x0 - number.x0) <= 1.0
           and 0 <= number.top - ln.bottom < BLOCK_LINE_GAP * number.size for ln in lines):
        return True
    near = sorted((ln for ln in lines if ln is not number and ln.x0 > number.x1
                   and ln.top < number.bottom + 2 * number.size and ln.bottom > number.top - 2 * number.size),
                  key=lambda ln: (ln.top, ln.x0))
    return any(boxed_number_between(number, a, b) for a, b in zip(near, near[1:]))


def column_right(lines: list[TextLine]) -> float | None:
    """Right edge of the text column: where full lines end (a high percentile of the line
    ends, so that short last lines and stray wide lines do not move it)."""
    xs = sorted(ln.x1 for ln in lines if ln.role == "body")
    if not xs:
        return None
    return xs[int(COLUMN_EDGE_PERCENTILE * (len(xs) - 1))]


#: Lines of one block are at most this many of their size apart (a paragraph's line spacing,
#: or the space between the items of one list).
BLOCK_LINE_GAP = 1.5
#: A block's own edge is this many ems inside the column's, or it is the column's.
BLOCK_EDGE_INSET = 0.8
#: ... and at least this many of its lines end within an em of it (a box's full lines: a
#: Korean line ends up to a syllable short of the edge).
BLOCK_EDGE_LINES = 2


def block_edges(lines: list[TextLine], right: float) -> int:
    """Text set in a box (a summary or a lead in a frame) wraps at the box's inner edge, left
    of the column's: a full line there would read as one that ended with room to spare,
    and its wrap as one at a space. A block of body lines (each under the one before within
    a line's spacing, overlapping it) whose lines end at one edge inside the column's takes
    that edge as its own. Returns how many lines took a block's edge."""
    by_page: dict[int, list[TextLine]] = defaultdict(list)
    for ln in lines:
        if ln.role == "body":
            by_page[ln.page].append(ln)
    changed = 0
    for page_lines_ in by_page.values():
        page_lines_.sort(key=lambda ln: ln.top)
        blocks: list[list[TextLine]] = []
        for ln in page_lines_:
            last = blocks[-1][-1] if blocks else None
            if last is not None and 0 <= ln.top - last.bottom <= BLOCK_LINE_GAP * ln.size \
                    and ln.x0 < last.x1 and last.x0 < ln.x1:
                blocks[-1].append(ln)
            else:
                blocks.append([ln])
        for block in blocks:
            edge = max(ln.x1 for ln in block)
            size = max(ln.size for ln in block)
            if edge > right - BLOCK_EDGE_INSET * size:
                continue
            if sum(1 for ln in block if edge - ln.x1 <= size) < BLOCK_EDGE_LINES:
                continue
            for ln in block:
                ln.column_right = edge
                changed += 1
    return changed


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
        if right is not None:
            block_edges(doc.lines, right)


def document_text(path, settings=None, warnings: list[str] | None = None) -> str:
    """The text of a PDF in reading order as this stage reads it: each page's glyphs after
    the load stage's repairs (invisible text left out, wrong mappings fixed, overprints
    dropped), grouped into lines with spaces from the gaps. Every line of the page is kept
    (running headers, table cells, figure text); pages are separated by a form feed. The
    repairs' warnings are appended to ``warnings`` when a list is given."""
    from pathlib import Path

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
        warnings.extend(doc.warnings.strings())
    return "\f".join(pages)
