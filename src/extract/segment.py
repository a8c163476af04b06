"""The segment stage: body lines -> the bulletin's parts.

The parts, in the order an issue prints them: cover (series, date), CONTENTS, summary
bullets, sections (a banner line such as 특집기사), articles (number, title, ■ lead with its
(m.d) date, bullets, tables, figures, 참고자료 references; briefs add '출처:' source and date)
and the colophon (발행일, 발행인, 발행기관, address, TEL, URL).

Decisions are made from what the page shows — font size and weight relative to the body
text, markers, indentation — and from the issue's own contents list, not from fixed
positions, so other issues and other producers' layouts read the same way.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from .diagnostics import Diagnostic, page_warning
from .layout import boxed_number_between
from .markers import (
    BRACKETED_CAPTION,
    DEFAULT_LEAD_MARKS,
    caption_text,
    find_full_date,
    iso,
    resolve_month_day,
    split_mark,
    split_trailing_date,
)
from .model import TableFragment, TextLine
from .style import IssueStyle, LineStyle, learn_style, number_shape, section_key, strip_heading_prefix
from .textjoin import WRAP_INDENT_EMS, WRAP_ROOM_EMS, fold, join_wrapped, line_was_full

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

KNOWN_SECTIONS = ("특집기사", "정책동향", "기술동향", "단신동향", "산업동향", "연구동향",
                  "지역동향", "이슈분석", "인물동향", "통계동향", "기획기사")
#: A cell of a box holding at most this many characters is a label (a section's name, a
#: heading's number), read as one line however the cell wrapped it.
BOX_LABEL_CHARS = 16
#: How section names end ('정책동향', '특집기사', '이슈분석'): a word with one of these ends is
#: a section's name where a contents line or a banner prints one.
SECTION_SUFFIXES = ("동향", "기사", "분석", "소식", "뉴스", "브리핑", "리포트")
CONTENTS_HEAD = re.compile(r"^(contents|목\s*차|차\s*례)$", re.I)
# A contents line naming a section: '1. 정책동향', 'Ⅱ. 기술동향', 'II 기술동향', '- 1. 특집기사'
CONTENTS_SECTION = re.compile(r"^[-–]?\s*(\d{1,2}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,3}|[IVX]{1,4})\s*[.)]?\s+(\S.*)$")
DATE_FULL = re.compile(r"(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})")
# '(7.15)', '(6,25)', '(07.26)', '(7.15.)', '(7월 15일)' (markers.split_trailing_date reads more)
LEAD_DATE = re.compile(r"\s*\(\s*(\d{1,2})\s*(?:[.,·/]|월)\s*(\d{1,2})\s*(?:일|\.)?\s*\)\s*$")
NUMBERED_TITLE = re.compile(r"^(\d{1,2})\s+(\S.*)$")
# A section's order number alone: 'Ⅱ.', 'IV'
ROMAN_ONLY = re.compile(r"^([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,3}|[IVX]{1,4})\s*[.)]?$")
#: A line that opens with a digit alone before its text ('0 제목'), or is the digit alone.
SPLIT_DIGIT = re.compile(r"^(\d)(?:\s+(.+))?$")
# A heading's number alone, as printed in a number box: '01', '[01]', '01.'
NUMBER_ONLY = re.compile(r"^[\[(［【〔<]?\s*\d{1,2}\s*[\])］】〕>.]?$")
LEAD_MARKS = DEFAULT_LEAD_MARKS
# Bullet markers of the first template: '-' and 'ㅇ'/'○' first, '•' '·' '*' deeper. The
# segmenter itself reads any mark of markers.ITEM_MARKS; this stays for the table rules.
BULLET = re.compile(r"^([-–○•●◦▪∙·*※➢▶►▷◆◇◎ㅇ⊙✓→])\s+(\S.*)$")
REFERENCES_HEAD = re.compile(
    r"^[\[［【<〈]?\s*(참고\s*자료|참고\s*문헌|관련\s*자료|관련\s*기사|원문(?:\s*링크)?|참고|출처\s*및\s*참고\s*자료"
    r"|References?|Sources?)\s*[\]］】>〉]?\s*[:：]?$", re.I)
URL = re.compile(r"(https?://\S+|www\.\S+)")
BRIEF_SOURCE = re.compile(r"^출처\s*[:：]\s*(.+?)\s*\(\s*(\d{1,2})\s*(?:[.,·/]|월)\s*(\d{1,2})\s*(?:일|\.)?\s*\)\s*$")
BRIEF_SOURCE_NODATE = re.compile(r"^출처\s*[:：]\s*(.+?)\s*$")
# A brief's source line in the forms templates print: '출처: 과학망 (07.26)', '출처 : 과학망('23.7.26)',
# '(출처: 과학망, 7.26)', '[출처] 과학망 (7.26)', '▶ 출처: 과학망'. '* 출처:' under a table or figure
# is a note (NOTE_LINE), not a brief's source.
SOURCE_LINE = re.compile(r"^(?:[▶►▷☞→]\s*)?[(\[［（【]?\s*출\s*처\s*[\]］】]?\s*[:：]?\s*(?P<rest>\S.*?)\s*$")
CAPTION = BRACKETED_CAPTION  # (markers.caption_text reads the labelled forms too)
COLOPHON_LABEL = re.compile(r"^(발\s*행\s*일|발\s*행\s*인|발\s*행\s*처|발\s*행\s*기\s*관)")
NOTE_LINE = re.compile(r"^[*※]\s*(출처|자료|주석|주|비고)\s*[:：]")
REF_MARKS = re.compile(r"^[^\w\s\u3131-\u318e\uac00-\ud7a3\u4e00-\u9fff《「\"'(]+\s*")

#: Lengths (characters) that tell a name from a sentence. A section name is short (과학기술,
#: 단신동향: up to SECTION_NAME_MAX; an unlisted banner the style learned, up to
#: BANNER_NAME_MAX; one built on a suffix such as 동향, up to SUFFIXED_SECTION_MAX); a
#: contents line of a section alone is at most SECTION_LINE_MAX, longer ones hold a title
#: beside it; a source's name is at most SOURCE_NAME_MAX.
SECTION_NAME_MAX = 12
BANNER_NAME_MAX = 8
SUFFIXED_SECTION_MAX = 6
SECTION_CELL_MAX = 16
SECTION_LINE_MAX = 20
SOURCE_NAME_MAX = 40
#: A banner's name wrapped in its box: its second line stands at most this many of its
#: size under the first (a box's lines are set wider apart than the body's).
BANNER_WRAP_GAP = 1.5
#: Titles shorter than this (folded) are too short to be found again or to be a title.
MIN_TITLE_CHARS = 4
#: A brief's title may stand this much further above its lead than the articles' titles
#: stand above theirs (a bigger title keeps a wider margin under it).
LEAD_GAP_SLACK = 1.25
#: A summary line that ends this many ems or less short of its column's edge ran to it (a
#: Korean line ends up to about a syllable short).
SUMMARY_FULL_LINE_EMS = 1.5
#: ... and a line under it, this many of its size down or less, is its wrap.
SUMMARY_NEAR_EMS = 2
#: Wraps the document's line gap is learned from: at least this many lines that ran to their
#: column's edge with an unmarked line under them, set the same distance apart.
WRAP_GAP_MIN_SEEN = 2
#: A line continues the one above when their gap is at most the learned wrap gap plus this many
#: of the line's size (the gap varies by a point with the glyphs' boxes).
WRAP_GAP_SLACK_EMS = 0.25
#: A summary item is a sentence: longer than this.
SUMMARY_ITEM_MIN_CHARS = 15
#: The contents page is looked for among the first this many items of the issue.
CONTENTS_SEARCH_ITEMS = 400
#: rapidfuzz ratio at which a contents cell is a title found in the body.
TITLE_MATCH_RATIO = 90
#: The body size of a document with no text lines at all (a default, never measured).
FALLBACK_BODY_SIZE = 10.0


def parse_source(text: str, issue_date: str | None) -> tuple[str, str | None] | None:
    """A brief's source line -> (source name, ISO date or None); None for any other line."""
    m = SOURCE_LINE.match(text.strip())
    if not m:
        return None
    rest = m.group("rest")
    if rest[-1:] in ")]）］" and rest.count("(") + rest.count("[") + rest.count("（") < \
            rest.count(")") + rest.count("]") + rest.count("）"):
        rest = rest[:-1].rstrip()  # the closing bracket of '(출처: X, 7.26)'
    date = None
    dated = split_trailing_date(rest, issue_date)
    if dated:
        rest, date = dated
    else:
        m2 = re.search(r"[,，]\s*(?:[’'‘](\d{2})\s*\.\s*)?(\d{1,2})\s*[.월]\s*(\d{1,2})\s*일?\.?$", rest)
        if m2:
            month, day = int(m2.group(2)), int(m2.group(3))
            date = (iso(2000 + int(m2.group(1)), month, day) if m2.group(1)
                    else resolve_month_day(month, day, issue_date))
            rest = rest[: m2.start()]
    name = fold(rest.strip(" ,，:："))
    if not name or len(name) > SOURCE_NAME_MAX:
        return None
    return name, date


# --------------------------------------------------------------------------- structure


@dataclass
class Bullet:
    level: int
    text: str
    #: Where its mark stands; the levels are the indents of the article bullets of the whole
    #: issue (Segmenter._finish), None: the level is fixed (a lead-marked line is level 1).
    x0: float | None = None
    mark: str = ""
    #: Opened by the issue's lead mark: levelled by its indent among the others' levels, but
    #: not one of the indents that make them (the lead's own x would be a level of its own).
    lead_marked: bool = False
    #: A lead-marked item set where its article's lead stands (a second shaded box, a second
    #: '■' paragraph at the lead's x): of the first level, whatever indent that x is near.
    at_lead: bool = False


@dataclass
class Article:
    number: str | None
    title: str
    lead: str = ""
    date: str | None = None
    bullets: list[Bullet] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)  # TableFragment ids, reading order
    figures: list[str] = field(default_factory=list)
    references: list[dict[str, str]] = field(default_factory=list)
    source: str | None = None
    source_date: str | None = None
    pages: set[int] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)  # '* 출처: ...' under figures and text
    #: Fields a later line wrote again ("lead", "source"): two articles' lines ran together.
    overwritten: list[str] = field(default_factory=list)
    #: The wraps inside Korean text of its title, lead, bullets, notes and references, by
    #: the witness that decided each (``join_wrapped``; the document's are in JoinStats).
    wraps: Counter[str] = field(default_factory=Counter)


@dataclass
class Section:
    name: str
    articles: list[Article] = field(default_factory=list)
    page: int = 0


@dataclass
class Structure:
    series: str | None = None
    date: str | None = None
    publisher: str | None = None
    issuer: str | None = None
    address: str | None = None
    tel: str | None = None
    url: str | None = None
    contents: list[dict[str, Any]] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    is_bulletin: bool = False
    #: Table fragments read as the contents or summary (a contents page set as a table):
    #: structure, not tables of the issue.
    consumed_fragments: set[str] = field(default_factory=set)
    #: How many contents titles were found again as headings in the body.
    contents_found: int = 0
    style: IssueStyle | None = None


# --------------------------------------------------------------------------- helpers


@dataclass
class Item:
    """One element of the reading-order stream: a text line or a table fragment."""

    page: int
    top: float
    line: TextLine | None = None
    fragment: TableFragment | None = None

    @property
    def text(self) -> str:
        return self.line.text if self.line else ""


_iso = iso  # (kept for callers of the old name)


#: Filled, large marks: one seen only once or twice in an issue opens a top item.
HEAVY_MARKS = "●■◆▶◼"

#: Marks that prose may print between spaces ('A - B', '3 * 4', 'A · B'): no sign of cells.
_PROSE_MARKS = "-–—·∙‧ㆍ*※→"


def repeats_mark(mark: str, rest: str) -> bool:
    """An item's text carries its own mark again, alone between spaces: the items of cells
    side by side in one line (prose does not print its item mark inside its sentence)."""
    return mark not in _PROSE_MARKS and re.search(rf"(?:^|\s){re.escape(mark)}(?:\s|$)", rest) is not None


def indent_groups(xs: list[float], tol: float) -> list[tuple[float, int]]:
    """The indents of a list of mark positions, left to right, each with the marks counted
    at it: the most used positions, each at least ``tol`` from a more used one, and every
    position counted with the nearest of them (the median of each group). Not runs of
    positions each within ``tol`` of the next: a few marks between two levels (the items of
    a table read as text, a mark set half way) would chain a narrow indent's two levels into
    one."""
    uses = Counter(round(x, 1) for x in xs)
    centres: list[float] = []
    for x, _ in sorted(uses.items(), key=lambda kv: (-kv[1], kv[0])):
        if all(abs(x - c) > tol for c in centres):
            centres.append(x)
    groups: dict[float, list[float]] = {c: [] for c in centres}
    for x in xs:
        groups[min(centres, key=lambda c: abs(c - x))].append(x)
    return sorted((statistics.median(g), len(g)) for g in groups.values() if g)


# --------------------------------------------------------------------------- segmenter


def learn_wrap_gap(lines: list[TextLine], body_size: float, tolerance: float) -> float | None:
    """The gap this document leaves between a paragraph's lines, learned from its body: the
    median gap under a body-size line that ran near its column's edge (a producer that wraps
    at spaces stops up to a word short), to an unmarked line set no further left and not far
    in: its wrap, as a rule. None when too few are seen to tell."""
    gaps = []
    for a, b in zip(lines, lines[1:]):
        if (a.page != b.page or not a.column_right or abs(a.size - body_size) > tolerance
                or abs(b.size - body_size) > tolerance):
            continue
        gap = b.top - a.bottom
        if (a.x1 >= a.column_right - WRAP_ROOM_EMS * a.size and a.x0 - 1 <= b.x0 <= a.x0 + WRAP_INDENT_EMS * a.size
                and not split_mark(b.text.strip()) and 0 <= gap < 3 * a.size):
            gaps.append(gap)
    if not gaps:
        return None
    gap = statistics.median(gaps)
    # A producer sets every wrap of one size the same distance apart: a few that agree tell,
    # where scattered gaps (paragraph breaks among the wraps) do not.
    agree = sum(1 for g in gaps if abs(g - gap) <= WRAP_GAP_SLACK_EMS * body_size / 2)
    return gap if agree >= WRAP_GAP_MIN_SEEN and agree * 2 > len(gaps) else None


class Segmenter:
    def __init__(self, doc: "Document"):
        self.doc = doc
        self.cfg = doc.settings.segment
        self.warnings = doc.warnings
        self.lines = doc.body_lines
        self.items = self._stream()
        sizes: Counter[float] = Counter()
        for ln in self.lines:
            sizes[round(ln.size * 2) / 2] += len(ln.text)
        self.body_size = sizes.most_common(1)[0][0] if sizes else FALLBACK_BODY_SIZE
        self.stats = doc.join_stats()
        # The wraps the tables stage decided; each reading of the structure counts its own on
        # top of these, the last reading's stand (see _read)
        self._witness_before = Counter(self.stats.witness)
        self.bands = {p.number: p.bands for p in doc.pages}
        self.wrap_gap = learn_wrap_gap(self.lines, self.body_size, self.cfg.size_tolerance)
        self.s = Structure()
        self.style = IssueStyle()

    # ---- stream
    def _stream(self, unboxed: set[str] | frozenset[str] = frozenset()) -> list[Item]:
        """Lines and table fragments in reading order; the fragments named in ``unboxed``
        are boxes around structure (a contents table, a boxed banner or heading, the
        colophon's table) and come as their cells' lines instead."""
        items = [Item(ln.page, ln.top, line=ln) for ln in self.lines]
        for f in self.doc.fragments:
            if f.id in unboxed:
                if not f.quality.get("header_only"):  # (a lone header row's text is body text already)
                    items += [Item(ln.page, ln.top, line=ln) for ln in self._box_lines(f)]
            else:
                items.append(Item(f.page, f.bbox[1], fragment=f))
        items.sort(key=lambda it: (it.page, it.top))
        items = self._join_banner_numbers(items, self.cfg.block_gap)
        items = self._join_split_numbers(items)
        # A number box beside a wrapped title stands level with the title's middle, after
        # its first line: the number comes first.
        for k in range(1, len(items)):
            ln = items[k].line
            if ln is None or not NUMBER_ONLY.match(ln.text.strip()):
                continue
            j = k
            while j > 0:
                prev = items[j - 1].line
                if (prev is None or prev.page != ln.page or prev.x0 < ln.x1
                        or ln.top - prev.top > self.cfg.block_gap * max(ln.size, prev.size)):
                    break
                items[j - 1], items[j] = items[j], items[j - 1]
                j -= 1
        return self._join_boxed_numbers(items)

    @staticmethod
    def _join_boxed_numbers(items: list[Item]) -> list[Item]:
        """A number box set beside a title that wrapped in its cell stands level with the
        title's middle, between its lines and level with neither ('01' between '과기부,
        2022년도 결산보고서' and '공개'): the number is the title's, as it is where the
        title fits one line and prints level with it ('01 과기부, ...')."""
        out = list(items)
        for k in range(len(out) - 2):
            num, first, second = out[k].line, out[k + 1].line, out[k + 2].line
            if num is None or first is None or second is None or not NUMBER_ONLY.match(num.text.strip()):
                continue
            if boxed_number_between(num, first, second):
                out[k + 1] = replace(out[k + 1], line=replace(first, text=f"{num.text.strip()} {first.text.strip()}",
                                                              x0=num.x0))
                out[k] = replace(out[k], line=replace(num, text=""))
        return [it for it in out if it.line is None or it.line.text]

    @staticmethod
    def _join_split_numbers(items: list[Item]) -> list[Item]:
        """A zero-padded number in a box too narrow for two digits wraps a digit a line
        ('0' over '1'), each alone or read with the title line level with it ('0 제목',
        '1 제목 끝'; a one-line title stands between them): the two digits are the title's
        number. Only a leading 0: a '1 ...' over '2 ...' is a numbered list."""
        out = list(items)
        for k in range(len(out) - 1):
            a = out[k].line
            ma = SPLIT_DIGIT.match(a.text) if a is not None else None
            if a is None or ma is None or ma.group(1) != "0":
                continue
            for j in range(k + 1, min(k + 3, len(out))):
                b = out[j].line
                mb = SPLIT_DIGIT.match(b.text) if b is not None else None
                if b is None or mb is None or b.page != a.page or abs(a.x0 - b.x0) > 1.0 \
                        or b.top - a.bottom > 1.5 * a.size:  # (the title's own line spacing)
                    continue
                number = "0" + mb.group(1)
                between = out[k + 1].line if j == k + 2 else None
                if not ma.group(2) and not mb.group(2) and between is not None and between.page == a.page \
                        and between.x0 > a.x1 and a.top <= (between.top + between.bottom) / 2 <= b.bottom:
                    # a one-line title level with the middle of the two digits: its number
                    out[k + 1] = replace(out[k + 1], line=replace(between, text=f"{number} {between.text}"))
                    out[k] = replace(out[k], line=replace(a, text=""))
                else:
                    out[k] = replace(out[k], line=replace(a, text=f"{number} {ma.group(2)}" if ma.group(2) else number))
                out[j] = replace(out[j], line=replace(b, text=mb.group(2) or ""))
                break
        return [it for it in out if it.line is None or it.line.text]

    @staticmethod
    def _join_banner_numbers(items: list[Item], block_gap: float) -> list[Item]:
        """A banner's Roman order number wrapped onto a line of its own over the name (a
        narrow box: 'Ⅱ.' over '정책동향') is one line with it."""
        out: list[Item] = []
        k = 0
        while k < len(items):
            it = items[k]
            ln = it.line
            nxt = items[k + 1].line if k + 1 < len(items) else None
            if (ln is not None and nxt is not None and ROMAN_ONLY.match(ln.text.strip())
                    and nxt.page == ln.page and nxt.top - ln.bottom < block_gap * nxt.size
                    and abs(nxt.x0 - ln.x0) < 3 * nxt.size and not split_mark(nxt.text)):
                joined = replace(nxt, text=f"{ln.text.strip()} {nxt.text.strip()}", x0=min(ln.x0, nxt.x0),
                                 top=ln.top, size=max(ln.size, nxt.size))
                out.append(Item(nxt.page, ln.top, line=joined))
                k += 2
                continue
            out.append(it)
            k += 1
        return out

    @staticmethod
    def _box_lines(fragment: TableFragment) -> list[TextLine]:
        """A box's text as lines: a row whose cells hold one line each reads as one line
        ('01 | 제목' -> '01 제목', '발행일 | 2024. 1. 12.'); other rows cell by cell, left to
        right, each cell's lines in order (a section's name, then the titles beside it)."""
        out: list[TextLine] = []
        seen: set[int] = set()
        for row in fragment.cell_lines:
            cells = []
            for lines in row:
                if lines and id(lines[0]) not in seen:  # a merged cell repeats its lines
                    seen.add(id(lines[0]))
                    cells.append(lines)
            if not cells:
                continue
            # A label wrapped in a narrow cell ('Ⅰ.' over '특집기사') is one line.
            cells = [[replace(c[0], text=" ".join(ln.text.strip() for ln in c), x1=max(ln.x1 for ln in c),
                              bottom=c[-1].bottom, bold=any(ln.bold for ln in c),
                              size=max(ln.size for ln in c))]
                     if len(c) > 1 and sum(len(ln.text.strip()) for ln in c) <= BOX_LABEL_CHARS else c
                     for c in cells]
            if all(len(c) == 1 for c in cells):
                first, last = cells[0][0], cells[-1][0]
                text = " ".join(c[0].text.strip() for c in cells)
                out.append(replace(first, text=text, x1=last.x1, role="body",
                                   top=min(c[0].top for c in cells), bottom=max(c[0].bottom for c in cells),
                                   bold=sum(c[0].bold for c in cells) * 2 > len(cells)))
                continue
            offset = 0.0
            for lines in cells:
                for ln in lines:
                    # Cell by cell: later cells' lines after earlier ones', whatever their height.
                    out.append(replace(ln, role="body", top=max(ln.top, offset)))
                    offset = out[-1].top + 0.01
        return out

    def _structure_boxes(self, items: list[Item], titles: list[str], names: list[str],
                         contents_at: int | None) -> set[str]:
        """Fragments that are boxes around the issue's structure, not tables of the issue:
        the grid right under the CONTENTS head, a box holding a section's name or a contents
        title (a boxed banner or heading), the colophon's table. A captioned grid is a table."""
        known = set(KNOWN_SECTIONS) | {section_key(n) for n in names}
        wanted = [fold(t) for t in titles if len(fold(t)) >= MIN_TITLE_CHARS]
        out: set[str] = set()
        head_page = items[contents_at].page if contents_at is not None else None
        for k, it in enumerate(items):
            f = it.fragment
            if f is None or f.caption:
                continue
            cells = [fold(c) for row in f.rows for c in row if fold(c)]
            if contents_at is not None and k > contents_at and f.page == head_page:
                out.add(f.id)
                continue
            if sum(1 for c in cells if COLOPHON_LABEL.match(c)) >= 2:
                out.add(f.id)
                continue
            if len(f.rows) > 3:
                continue
            for cell in cells:
                _, plain = strip_heading_prefix(cell)
                if (section_key(cell) in known and len(cell) <= SECTION_CELL_MAX) or any(
                        fuzz.ratio(fold(plain), t) >= TITLE_MATCH_RATIO for t in wanted):
                    out.add(f.id)
                    break
        return out

    def warn(self, page: int, message: str, text: str | None = None) -> None:
        self.warnings.append(page_warning(page, message, "segment", text))

    # ---- classification of single lines
    def is_big(self, ln: TextLine, factor: float) -> bool:
        """Set at least ``factor`` times the body's size (see SegmentSettings)."""
        return ln.size >= self.body_size * factor

    def on_band(self, ln: TextLine) -> bool:
        cy = (ln.top + ln.bottom) / 2
        return any(b[1] - 2 <= cy <= b[3] + 2 for b in self.bands.get(ln.page, []))

    def is_lead_mark(self, text: str) -> bool:
        """The line opens with this issue's lead mark (learned, else the ■ family)."""
        first = text[:1]
        if self.style.lead_mark:
            return first == self.style.lead_mark
        return bool(first) and first in LEAD_MARKS

    def section_name(self, ln: TextLine, known: set[str]) -> str | None:
        text = ln.text.strip()
        key = section_key(text)
        compact = text.replace(" ", "")
        learned = self.style.section is not None and self.style.section.matches(ln)
        styled = ln.bold or self.is_big(ln, self.cfg.banner_size) or self.on_band(ln) or learned
        for name in (compact, key):
            if name in known and styled and len(name) <= SECTION_NAME_MAX:
                return name
        if (len(key) <= SECTION_NAME_MAX and len(key) >= 2 and not text[:1].isdigit() and not split_mark(text)
                and text[:1] not in LEAD_MARKS and self.is_big(ln, self.cfg.display_size)
                and (self.on_band(ln) or key.endswith("동향"))
                and (self.style.section is None or learned)):
            # (Where the issue showed how its banners look, a big line on a band must look so:
            # a heading's wrapped last word on its shaded box is no banner.)
            return key
        # A banner not in the contents (단신동향 often is not), set as the learned banners are.
        if (learned and self.is_big(ln, self.cfg.banner_size) and 2 <= len(key) <= BANNER_NAME_MAX
                and not split_mark(text)
                and not DATE_FULL.search(text) and not caption_text(text)
                and (key.endswith(SECTION_SUFFIXES) or self.on_band(ln))):
            return key
        return None

    def title_match(self, ln: TextLine) -> tuple[str | None, str] | None:
        """The first template's heading: '01 title', bigger or bold than the body."""
        number, title = strip_heading_prefix(ln.text)
        if number and (ln.bold or self.is_big(ln, self.cfg.heading_size)) and not DATE_FULL.match(ln.text):
            return number, title
        return None

    def learned_heading(self, ln: TextLine, pending_number: str | None) -> tuple[str | None, str] | None:
        """A heading set as this issue's contents titles are set in the body."""
        st = self.style
        text = ln.text.strip()
        if not st.is_heading_style(ln) or caption_text(text) or REFERENCES_HEAD.match(text):
            return None
        number, title = strip_heading_prefix(text)
        if st.heading_number == "inline" and number is None:
            return None
        if st.heading_number == "above" and pending_number is None:
            return None
        if st.heading_number == "numbered" and number is None and pending_number is None:
            return None
        if number is not None and st.number_shape and number_shape(text) != st.number_shape:
            return None
        if number is None and self.is_lead_mark(text):
            return None
        mark = split_mark(title)
        if mark and number is None and not st.heading_mark:
            return None
        if mark and st.heading_mark and mark[0] == st.heading_mark:
            title = mark[1]
        if len(fold(title)) < 2:
            return None
        return number or pending_number, title

    def heads_a_lead(self, items: list[Item], k: int) -> bool:
        """The line at ``k`` opens a heading that stands right over a lead: set apart (bold or
        bigger than the body), unmarked, and it and the lines set like it under it are
        followed by a line with the issue's lead mark (briefs with plain bold titles)."""
        ln = items[k].line
        assert ln is not None  # (k is the index of a line, not a table fragment)
        text = ln.text.strip()
        if not (ln.bold or self.is_big(ln, self.cfg.heading_size)) or split_mark(text) or caption_text(text) \
                or REFERENCES_HEAD.match(text) or parse_source(text, self.s.date) or len(fold(text)) < MIN_TITLE_CHARS:
            return False
        look = LineStyle.of(ln)
        prev = ln
        for j in range(k + 1, min(k + 4, len(items))):
            nxt = items[j].line
            if nxt is None or nxt.page != ln.page:
                return False
            # (the space under a heading scales with the heading's size, not the lead's; it
            # may be as wide as this issue's articles keep under their headings)
            room = self.cfg.block_gap * max(nxt.size, prev.size)
            if self.style.lead_gap is not None:
                room = max(room, LEAD_GAP_SLACK * self.style.lead_gap)
            if nxt.top - prev.bottom > room:
                return False
            if self.is_lead_mark(nxt.text.strip()):
                return True
            if not look.matches(nxt):
                return False
            prev = nxt
        return False

    @staticmethod
    def next_in_sequence(ln: TextLine, section: "Section | None") -> tuple[str, str] | None:
        """A heading told by its number alone: '01'/'□ 03' where the section's articles
        have run to 02 (briefs set like body text). Numbers written '1.' or '○ 4)' open
        lists too, so only a zero-padded number counts."""
        number, title = strip_heading_prefix(ln.text.strip())
        if number is None or len(fold(title)) < MIN_TITLE_CHARS:
            return None
        if not (len(number) == 2 and number.startswith("0") and number.isdigit()):
            return None
        last = section.articles[-1].number if section is not None and section.articles else None
        expected = int(last) + 1 if last and last.isdigit() else 1
        return (number, title) if int(number) == expected else None

    # ---- main
    def run(self) -> Structure:
        # Read once to learn what the contents lists; where boxes hold the contents, a
        # banner, a heading or the colophon, read again with those boxes as lines.
        self._read(self.items)
        titles = [t for c in self.s.contents for t in c["titles"]]
        names = [c["section"] for c in self.s.contents]
        contents_at = next((k for k, it in enumerate(self.items[:CONTENTS_SEARCH_ITEMS]) if it.line
                            and CONTENTS_HEAD.match(it.text.strip())), None)
        boxes = self._structure_boxes(self.items, titles, names, contents_at)
        if boxes:
            first, first_style = self.s, self.style
            self._read_unboxed(boxes)
            if len(self.style.anchors) < len(first_style.anchors) and boxes & first.consumed_fragments:
                # Read as lines, a contents table hid titles the first reading had found
                # again in the body (a narrow cell's wrapped section name interleaves with
                # the titles): keep that table a table, the other boxes lines.
                boxes = boxes - first.consumed_fragments
                self._read_unboxed(boxes)
            self.s.consumed_fragments |= boxes | first.consumed_fragments
            if not self.s.contents and first.contents:
                self.s.contents = first.contents
        return self.s

    def _read_unboxed(self, boxes: set[str]) -> None:
        """Read again from the start, with the fragments in ``boxes`` as their cells' lines."""
        self.items = self._stream(boxes)
        self.s, self.style = Structure(), IssueStyle()
        self.warnings[:] = [w for w in self.warnings if w not in self._read_warnings]
        self._read(self.items)

    def _read(self, items: list[Item]) -> None:
        self._read_once(items)
        joined = self._join_wrapped_banners(items)
        if joined is not None:
            # A banner wrapped in its box reads as one line once the contents told its name:
            # read again with it so.
            self.items = joined
            self.s, self.style = Structure(), IssueStyle()
            self.warnings[:] = [w for w in self.warnings if w not in self._read_warnings]
            self._read_once(joined)

    def _join_wrapped_banners(self, items: list[Item]) -> list[Item] | None:
        """A section's banner set in a box too narrow for its name wraps it ('특집기' over
        '사'): two lines one right under the other at one left edge, in one size and weight,
        neither a section's name, that together spell a name the contents lists (or a known
        one) are the banner's one line. None where there is none."""
        known = self._known_sections()
        out: list[Item] = []
        joined = False
        k = 0
        while k < len(items):
            a = items[k].line
            b = items[k + 1].line if k + 1 < len(items) else None
            if a is not None and b is not None and a.page == b.page and abs(a.x0 - b.x0) <= 1.0 \
                    and abs(a.size - b.size) < self.cfg.size_tolerance and a.bold == b.bold \
                    and 0 <= b.top - a.bottom < BANNER_WRAP_GAP * a.size \
                    and section_key(a.text) not in known and section_key(b.text) not in known \
                    and section_key(a.text + b.text) in known:
                line = replace(a, text=a.text.strip() + b.text.strip(), x1=max(a.x1, b.x1), bottom=b.bottom)
                if self.section_name(line, known):
                    out.append(replace(items[k], line=line))
                    joined = True
                    k += 2
                    continue
            out.append(items[k])
            k += 1
        return out if joined else None

    def _read_once(self, items: list[Item]) -> None:
        self.stats.witness = Counter(self._witness_before)  # (a reading again counts its wraps anew)
        before = len(self.warnings)
        colophon_at = self._find_colophon(items)
        body_end = colophon_at if colophon_at is not None else len(items)
        start = self._cover_and_contents(items, body_end)
        if colophon_at is not None:
            # Before the body: where the cover prints no date (a cover set as a picture or
            # a box), the colophon's gives the year of every (m.d) date in the body.
            self._colophon(items[colophon_at:])
        self._body(items, start, body_end)
        self.s.is_bulletin = bool(self.s.sections)
        self.s.style = self.style
        self._read_warnings = self.warnings[before:]

    # ---- cover, contents, summary
    def _cover_and_contents(self, items: list[Item], end: int) -> int:
        """Read cover, CONTENTS and summary; learn the issue's style from what the contents
        lists; return the index where the body starts."""
        first_page = items[0].page if items else 1
        cover = [it.line for it in items[:end] if it.line and it.page == first_page]
        for k, ln in enumerate(cover):
            if CONTENTS_HEAD.match(ln.text.strip()):
                cover = cover[:k]
                break
        big = [ln for ln in cover if self.is_big(ln, self.cfg.cover_title_size) and re.search(r"[^\x00-\x7f]", ln.text)
               and not find_full_date(ln.text)]
        if big:
            series = " ".join(ln.text for ln in big)
            series = re.sub(r"(?<=\S)/(?=\S)", "", series)
            self.s.series = fold(series)
        for ln in cover:
            self.s.date = find_full_date(ln.text)
            if self.s.date:
                break
        # CONTENTS within the first two pages
        idx = None
        for i, it in enumerate(items[:end]):
            if it.page > first_page + 1:
                break
            if it.line and CONTENTS_HEAD.match(it.text.strip()):
                idx = i
                break
        i = (idx + 1) if idx is not None else 0
        if idx is not None:
            i = self._contents(items, i, end)
        titles = [t for c in self.s.contents for t in c["titles"]]
        names = [c["section"] for c in self.s.contents]
        body = LineStyle(self.body_size, False)
        self.style = learn_style(items, i, end, titles, names, body)
        self.s.contents_found = len(self.style.anchors)
        self._contents_sections_from_body(items, i, end)
        stop = self._first_body_item(items, i, end)
        return self._summary(items, i, end, stop)

    def _contents_sections_from_body(self, items: list[Item], start: int, end: int) -> None:
        """Each contents title under the section whose banner stands over it in the body. A
        contents table prints a section's name in a merged cell, level with the middle of
        its titles: read line by line, the titles above that line went to the section
        before."""
        if not self.style.anchors or len(self.s.contents) < 2:
            return
        known = self._known_sections()
        names = {c["section"] for c in self.s.contents}
        banners = [(k, section_key(it.line.text)) for k in range(start, end) if (it := items[k]).line
                   and section_key(it.line.text) in names and self.section_name(it.line, known)]
        under: dict[str, str] = {}
        for a in self.style.anchors:
            before = [name for k, name in banners if k < a.index]
            if before:
                under[a.title] = before[-1]
        if not under:
            return
        order = [c["section"] for c in self.s.contents]
        regrouped: dict[str, list[str]] = {name: [] for name in order}
        for c in self.s.contents:
            for t in c["titles"]:
                regrouped[under.get(t, c["section"])].append(t)
        self.s.contents = [{"section": name, "titles": regrouped[name]} for name in order]

    def _first_body_item(self, items: list[Item], i: int, end: int) -> int | None:
        """Where the body starts by what was learned: the first section banner or heading
        found from the contents (None: nothing learned, the summary ends as it can)."""
        known = self._known_sections()
        first = self.style.anchors[0].index if self.style.anchors else None
        for k in range(i, first if first is not None else end):
            ln = items[k].line
            if ln is not None and section_key(ln.text) in known and self.section_name(ln, known):
                return k
        if first is not None:
            # The number printed on a line of its own above the first heading is the body's.
            if self.style.anchors[0].number_above:
                return first - 1
            return first
        return None

    def wraps_below(self, last: TextLine, ln: TextLine) -> bool:
        """Is ``ln`` close enough under ``last`` to be its wrapped line: a gap under one line
        size, or within the gap this document leaves between a paragraph's lines (a producer
        that sets lines twice their size apart, LibreOffice's line height, leaves more)."""
        if ln.page != last.page:
            return False
        gap = ln.top - last.bottom
        if gap < ln.size:
            return True
        return self.wrap_gap is not None and 0 <= gap <= self.wrap_gap + WRAP_GAP_SLACK_EMS * ln.size

    def _known_sections(self) -> set[str]:
        return set(KNOWN_SECTIONS) | {section_key(c["section"]) for c in self.s.contents}

    def _contents(self, items: list[Item], i: int, end: int) -> int:
        """The contents list: section lines ('1. 정책동향', 'Ⅱ. 기술동향', a known name alone)
        with the titles under them (marked, numbered or plain, wrapped over lines, with or
        without dotted leaders and page numbers), or a table of the same."""
        section_x: float | None = None
        title_x: float | None = None  # where the first title's marker stands; later titles stand there too
        current: dict[str, Any] | None = None
        last_line: TextLine | None = None
        known = set(KNOWN_SECTIONS)
        block: list[TextLine] = []
        waiting: list[str] = []
        while i < end:
            it = items[i]
            if it.fragment is not None:
                if block and it.fragment.page > block[-1].page:
                    # a table overleaf of a contents printed as lines is the next part (a
                    # summary set as a table), not more contents
                    break
                if self._contents_table(it.fragment, known):
                    self.s.consumed_fragments.add(it.fragment.id)
                    i += 1
                    continue
                break
            ln = it.line
            assert ln is not None  # an item is a line or a table fragment
            text = ln.text.strip()
            m = CONTENTS_SECTION.match(text)
            sec = None
            title_beside = None
            if m and not split_mark(m.group(2)) and not NUMBERED_TITLE.match(text[len(m.group(1)):]):
                sec = m.group(2)
                if len(sec) > SECTION_LINE_MAX:
                    # A contents table ruled by rows only reads as one line a row: the
                    # section's name, then the first title of the section beside it.
                    head, _, rest = sec.partition(" ")
                    sec, title_beside = (head, rest) if rest and self._section_like(head, known) else (None, None)
            elif section_key(text) in known and len(text) <= SECTION_CELL_MAX:
                sec = text
            elif self._section_like(text.partition(" ")[0], known) and len(text.partition(" ")[2]) > MIN_TITLE_CHARS:
                sec, _, title_beside = text.partition(" ")
            if sec is not None and current is not None and current["titles"] \
                    and section_key(sec) in {c["section"] for c in self.s.contents}:
                break  # a section the contents listed already: the body's banner
            if sec is not None and (current is None or ln.x0 <= (section_x or ln.x0) + 2):
                section_x = ln.x0 if section_x is None else section_x
                current = {"section": section_key(sec), "titles": waiting}
                waiting = []
                self.s.contents.append(current)
                last_line = None
                if title_beside:
                    mark = split_mark(title_beside)
                    current["titles"].append((mark[1] if mark else title_beside).strip())
                    last_line = ln
                block.append(ln)
                i += 1
                continue
            if current is None:
                # A title level with or over its section's name (a merged cell centred on
                # its titles): kept for the section that comes next.
                mark = split_mark(text)
                if mark and i + 1 < end and any(it2.line and CONTENTS_SECTION.match(it2.line.text.strip())
                                                and it2.line.x0 < ln.x0 - 2 for it2 in items[i + 1:i + 3]):
                    waiting.append(mark[1].strip())
                    i += 1
                    continue
                break
            assert section_x is not None  # (set with current)
            mark = split_mark(text)
            number, plain = strip_heading_prefix(text)
            entry = mark[1] if mark else plain if number is not None else None
            at_title_x = title_x is None or abs(ln.x0 - title_x) <= 3
            near = last_line is None or (ln.page == last_line.page and ln.top - last_line.bottom < 3 * ln.size)
            if entry is not None and ln.x0 > section_x + 2 and at_title_x and near:
                title_x = ln.x0 if title_x is None else title_x
                current["titles"].append(entry.strip())
                last_line = ln
                block.append(ln)
                i += 1
                continue
            if (last_line is not None and ln.x0 > section_x + 2
                    and (ln.top - last_line.bottom < ln.size and ln.page == last_line.page
                         or entry is None and mark is None and self.wraps_below(last_line, ln))):
                current["titles"][-1] = join_wrapped(current["titles"][-1], text, last_line, self.stats,
                                                     edge=max(b.x1 for b in block + [ln]))
                last_line = ln
                block.append(ln)
                i += 1
                continue
            if (entry is None and mark is None and title_x is None and ln.x0 > section_x + 2 and near
                    and not self.is_big(ln, self.cfg.display_size)):
                # Titles printed plain, without a mark: each line a title unless the line
                # before ran to the right edge (a wrap).
                current["titles"].append(text)
                last_line = ln
                title_x = None
                block.append(ln)
                i += 1
                continue
            break
        self._strip_page_numbers()
        for c in self.s.contents:
            c["titles"] = [fold(t) for t in c["titles"]]
        return i

    @staticmethod
    def _section_like(word: str, known: set[str]) -> bool:
        key = section_key(word)
        return key in known or (2 <= len(key) <= SUFFIXED_SECTION_MAX and key.endswith(SECTION_SUFFIXES))

    def _strip_page_numbers(self) -> None:
        """Dotted leaders and page numbers after contents titles ('제목 ····· 3'): taken off
        where most titles end with a number (a title of its own may end with one)."""
        titles = [t for c in self.s.contents for t in c["titles"]]
        if not titles:
            return
        leader = re.compile(r"\s*(?:[·.…‥ㆍ_\-]\s*){2,}\s*\d{1,3}\s*$")
        trailing = re.compile(r"\s+\d{1,3}\s*$")
        # A producer that drops the tab before the number glues it to the title ('발표2'):
        # page numbers are told then by every title ending in one, in page order.
        glued = re.compile(r"(?<=[^\d\s.,])(\d{1,3})\s*$")
        with_leader = sum(1 for t in titles if leader.search(t))
        with_number = sum(1 for t in titles if trailing.search(t))
        numbers = [int(m.group(1)) for m in (glued.search(t) for t in titles) if m]
        in_order = (len(titles) >= 3 and len(numbers) == len(titles)
                    and all(a <= b for a, b in zip(numbers, numbers[1:])))
        for c in self.s.contents:
            out = []
            for t in c["titles"]:
                if with_leader * 2 > len(titles):
                    t = leader.sub("", t)
                elif with_number * 2 > len(titles) and len(titles) >= 2:
                    t = trailing.sub("", t)
                elif in_order:
                    t = glued.sub("", t)
                out.append(t)
            c["titles"] = out

    def _contents_table(self, fragment: TableFragment, known: set[str]) -> bool:
        """A contents page printed as a table: a column of section names (merged cells
        repeat them) beside a column of titles, page numbers dropped."""
        added = False
        current = self.s.contents[-1] if self.s.contents else None
        for row in fragment.rows:
            cells = [fold(c) for c in row if fold(c)]
            cells = [c for c in cells if not re.fullmatch(r"[\d\s\-·.…]+", c)]
            if not cells:
                continue
            rest = []
            for cell in cells:
                m = CONTENTS_SECTION.match(cell)
                name = section_key(m.group(2) if m else cell)
                if name in known or (m and len(m.group(2)) <= SECTION_NAME_MAX and len(cells) > 1):
                    if current is None or current["section"] != name:
                        current = {"section": name, "titles": []}
                        self.s.contents.append(current)
                        added = True
                    continue
                rest.append(cell)
            if current is None:
                return added
            for cell in rest:
                if re.fullmatch(r"(구분|분야|제목|기사|페이지|쪽|page|section|title)s?", cell, re.I):
                    continue
                mark = split_mark(cell)
                # One cell may list several titles, each after the same mark ('- A - B').
                entries = re.split(r"\s+" + re.escape(mark[0]) + r"\s+", mark[1]) if mark else [cell]
                for entry in entries:
                    _, plain = strip_heading_prefix(entry)
                    current["titles"].append(plain)
                added = True
        return added

    def _summary(self, items: list[Item], i: int, end: int, stop: int | None) -> int:
        """One line or paragraph per article after the contents: marked items, or plain
        paragraphs, or the rows of a table. Ends where the body starts."""
        known = self._known_sections()
        last = None
        marker_x = 0.0
        summary: list[str] = []
        limit = stop if stop is not None else end
        def opens_item(text: str) -> str | None:
            """The item's text where a line opens one: after a mark, or a number ('1. ...')."""
            b = split_mark(text)
            if b and b[0] not in "*※":
                return b[1]
            number, plain = strip_heading_prefix(text)
            return plain if number is not None and number.isdigit() else None

        marked = any(it.line and opens_item(it.line.text.strip()) for it in items[i:limit]) \
            if stop is not None else True
        while i < limit:
            it = items[i]
            if it.fragment is not None and stop is not None:
                rows = [max((fold(c) for c in row), key=len) for row in it.fragment.rows]
                rows = [r for r in rows if len(r) > SUMMARY_ITEM_MIN_CHARS]
                if rows:
                    summary += rows
                    self.s.consumed_fragments.add(it.fragment.id)
                i += 1
                continue
            ln = it.line
            if ln is None:
                break
            if stop is None and (self.section_name(ln, known) or self.title_match(ln)):
                break
            text = ln.text.strip()
            opened = opens_item(text)
            if opened is not None and (last is None or ln.x0 <= marker_x + 2):
                summary.append(opened)
                last, marker_x = ln, ln.x0
            elif last is not None and ln.x0 > marker_x + 2 and (
                    self.wraps_below(last, ln)
                    # an item's line that ended for want of room (the first word under it would
                    # not have fitted), and under it, not as far down as the next item, an
                    # unmarked line set in from the marks
                    or (ln.page == last.page and 0 <= ln.top - last.bottom < SUMMARY_NEAR_EMS * ln.size
                        and last.column_right is not None
                        and line_was_full(last, text, whole_word=True))
                    # the item runs over the page break: the next page's first line, set in
                    # from the marks as the item's own wrapped lines are, after a line that
                    # ran to the column's edge
                    or (ln.page == last.page + 1 and items[i - 1].line is last
                        and last.x1 >= (last.column_right or last.x1) - SUMMARY_FULL_LINE_EMS * last.size)):
                summary[-1] = join_wrapped(summary[-1], text, last, self.stats)
                last = ln
            elif (not marked and stop is not None and len(text) > SUMMARY_ITEM_MIN_CHARS
                  and not self.is_big(ln, self.cfg.display_size)):
                # Unmarked paragraphs, one per article: a line continues the one before
                # when that one ran to the column's right edge.
                right = ln.column_right or ln.x1
                if (last is not None and self.wraps_below(last, ln)
                        and last.x1 >= right - 2 * ln.size):
                    summary[-1] = join_wrapped(summary[-1], text, last, self.stats)
                else:
                    summary.append(text)
                last, marker_x = ln, ln.x0 - 3
            # else: cover text that is neither summary nor contents (a subtitle, a heading)
            i += 1
        self.s.summary = [fold(t) for t in summary]
        return i

    # ---- body
    def _body(self, items: list[Item], i: int, end: int) -> None:
        known = self._known_sections()
        section: Section | None = None
        article: Article | None = None
        state = "none"  # title | lead | body | refs | source | note | closed (an item ended by what followed)
        last_line: TextLine | None = None
        pending_number: str | None = None
        title_style: tuple[float, bool] | None = None
        title_look: LineStyle | None = None  # the look of the article's heading line
        lead_style: LineStyle | None = None
        lead_x0: float | None = None  # where the article's lead stands
        # The look of the line that opened the section's first article where no heading
        # rule knew it (a run of briefs under their banner, set unlike the articles)
        section_look: LineStyle | None = None

        def opens_brief(ln: TextLine, text: str) -> bool:
            """A title of the section's briefs: the first line under the banner set apart
            from the body (bold or bigger), unmarked, no caption, source or reference label;
            after it, a line set as it was."""
            if state == "title" or split_mark(text) or caption_text(text) or REFERENCES_HEAD.match(text) \
                    or parse_source(text, self.s.date) or len(fold(text)) < MIN_TITLE_CHARS \
                    or self.is_lead_mark(text):
                return False
            if article is None:
                return section is not None and (ln.bold or self.is_big(ln, self.cfg.heading_size))
            return section_look is not None and section_look.matches(ln)

        def text_target_append(ln: TextLine) -> None:
            nonlocal last_line
            assert article is not None  # (called only once the loop below has an article)
            if state == "title":
                article.title = join_wrapped(article.title, ln.text, last_line, self.stats, article.wraps)
            elif state == "lead":
                article.lead = join_wrapped(article.lead, ln.text, last_line, self.stats, article.wraps)
            elif state == "refs" and article.references:
                ref = article.references[-1]
                self._extend_reference(ref, ln.text, last_line, article.wraps)
            elif state == "body" and article.bullets:
                b = article.bullets[-1]
                b.text = join_wrapped(b.text, ln.text, last_line, self.stats, article.wraps)
            elif state == "note" and article.notes:
                article.notes[-1] = fold(join_wrapped(article.notes[-1], ln.text, last_line, self.stats,
                                                                   article.wraps))
            else:
                self.warn(ln.page, f"text outside any bullet kept out: {ln.text[:40]!r}", ln.text)
            last_line = ln

        def set_field(name: str, value: Any) -> None:
            # A field written twice means two articles' lines ran together: say so.
            assert article is not None  # (called only once the loop below has an article)
            if getattr(article, name) and name not in article.overwritten:
                article.overwritten.append(name)
            setattr(article, name, value)

        while i < end:
            it = items[i]
            i += 1
            if it.fragment is not None:
                if article is not None:
                    article.fragments.append(it.fragment.id)
                    article.pages.add(it.page)
                    # A table ends the paragraph above it: an unmarked line under it (a cell's
                    # wrapped half the grid did not take, a header row) is no wrap of that item.
                    state = "body" if state in ("title", "lead") else "closed" if state == "body" else state
                continue
            ln = it.line
            assert ln is not None  # an item is a line or a table fragment
            text = ln.text.strip()
            name = self.section_name(ln, known)
            if name:
                section = Section(name=name, page=ln.page)
                self.s.sections.append(section)
                article, state, pending_number, section_look = None, "none", None, None
                continue
            if NUMBER_ONLY.match(text) and (ln.bold or self.is_big(ln, self.cfg.heading_size)
                                            or self.style.heading_number in ("above", "numbered")):
                pending_number = text.strip("[]()<>.［］【】〔〕")
                continue
            continues_title = (state == "title" and last_line is not None and ln.page == last_line.page
                               and ln.top - last_line.bottom < self.cfg.continuation_gap * ln.size)
            tm = None if continues_title else (self.learned_heading(ln, pending_number) or self.title_match(ln)
                                               or self.next_in_sequence(ln, section)
                                               or ((None, text) if state != "title" and self.heads_a_lead(items, i - 1)
                                                   else None))
            if tm is None and not continues_title and not pending_number and opens_brief(ln, text):
                tm = (None, text)
                section_look = section_look or LineStyle.of(ln)
            # (where every heading found from the contents carries its number on its line, a
            # bold line without one is no heading by its look alone: a table's header row
            # printed without rules)
            unnumbered = (tm is None and title_style is not None and title_style[1] and ln.bold
                          and self.style.heading_number != "inline"
                          and abs(ln.size - title_style[0]) < self.cfg.size_tolerance
                          and not (state == "lead" and lead_style is not None and lead_style.matches(ln))
                          and text[:1] not in LEAD_MARKS
                          and not self.is_lead_mark(text) and not split_mark(text) and state != "title"
                          and not caption_text(text))
            if tm or (pending_number and not continues_title) or unnumbered:
                title_look = LineStyle.of(ln)
                if tm:
                    number, title = tm
                    title_style = (ln.size, ln.bold)
                else:
                    number, title = pending_number, text
                    if pending_number and title_style is None:
                        title_style = (ln.size, ln.bold)
                pending_number = None
                if section is None:
                    section = Section(name="", page=ln.page)
                    self.s.sections.append(section)
                    self.warn(ln.page, "article before any section banner")
                article = Article(number=number, title=title)
                article.pages.add(ln.page)
                section.articles.append(article)
                state, last_line = "title", ln
                lead_x0 = None
                continue
            pending_number = None
            if article is None:
                if section is not None:
                    self.warn(ln.page, f"text between a banner and the first article: {text[:40]!r}", text)
                continue
            article.pages.add(ln.page)
            # title continuation: same style, right under it
            if state == "title" and title_style and abs(ln.size - title_style[0]) < self.cfg.size_tolerance \
                    and ln.bold == title_style[1] and text[:1] not in LEAD_MARKS \
                    and not self.is_lead_mark(text) and not split_mark(text) \
                    and (title_look is None or (title_look.size == LineStyle.of(ln).size
                                                # (last_line is set with state "title")
                                                and ln.top - last_line.bottom  # type: ignore[union-attr]
                                                < self.cfg.styled_continuation_gap * ln.size)):
                # (a lead set bold without a mark, half a point larger, a line space below
                # the title is no part of it)
                text_target_append(ln)
                continue
            if self.is_lead_mark(text) and state != "refs":
                # (under a references label, a line with the lead's mark is a reference: an
                # issue may mark both with '▶')
                body = text[1:].strip()
                if state == "title" or not article.lead and not article.bullets:
                    set_field("lead", body)
                    state, last_line, lead_style = "lead", ln, LineStyle.of(ln)
                    lead_x0 = ln.x0
                else:
                    # A further lead-marked paragraph is an item: of the first level where it
                    # stands at the lead's x or the first level's, deeper where set in further
                    # (an item that carries the lead's mark as its own: '○' under '-').
                    article.bullets.append(Bullet(1, body, x0=ln.x0, mark=text[:1], lead_marked=True,
                                                  at_lead=self._at(ln.x0, lead_x0)))
                    state, last_line = "body", ln
                continue
            if state == "title" and ln.bold and not split_mark(text) and not caption_text(text):
                # A lead printed without its mark: bold, right after the title.
                set_field("lead", text)
                state, last_line, lead_style = "lead", ln, LineStyle.of(ln)
                lead_x0 = ln.x0
                continue
            if (state == "title" and self.style.lead_unmarked and not split_mark(text)
                    and not caption_text(text) and not NOTE_LINE.match(text) and not SOURCE_LINE.match(text)):
                # This issue's leads carry no mark: the first paragraph under the heading.
                set_field("lead", text)
                state, last_line, lead_style = "lead", ln, LineStyle.of(ln)
                lead_x0 = ln.x0
                continue
            if state == "lead" and ln.bold and not split_mark(text):
                text_target_append(ln)
                continue
            if (state == "lead" and self.style.lead_unmarked and lead_style is not None
                    and lead_style.matches(ln) and not split_mark(text) and last_line is not None
                    and ln.page == last_line.page and ln.top - last_line.bottom < self.cfg.continuation_gap * ln.size):
                text_target_append(ln)
                continue
            if REFERENCES_HEAD.match(text):
                state = "refs"
                continue
            source = parse_source(text, self.s.date)
            if source is None and NOTE_LINE.match(text) and split_trailing_date(text, self.s.date):
                # '※ 출처 : 과학망('23.12.22)': a dated source line is a brief's, whatever its
                # mark (a note under a table or figure names no day).
                source = parse_source(re.sub(r"^[*※]\s*", "", text), self.s.date)
            if source is not None and (source[1] is not None or state != "refs"):
                if article.source:
                    article.overwritten.append("source")
                article.source = source[0]
                if source[1] is not None:
                    article.source_date = source[1]
                state, last_line = "source", ln
                continue
            if state == "source" and URL.match(text):
                article.references.append({"title": "", "url": text.split()[0]})
                state, last_line = "refs", ln
                continue
            if state == "refs":
                if URL.match(text) and article.references and not article.references[-1]["url"]:
                    article.references[-1]["url"] = text.split()[0]
                    last_line = ln
                    continue
                starts_new = bool(REF_MARKS.match(text)) or not article.references
                if starts_new:
                    article.references.append(self._reference(text))
                    last_line = ln
                    continue
                text_target_append(ln)
                continue
            if NOTE_LINE.match(text):
                # A source note under a figure or a paragraph: not a bullet of the article.
                article.notes.append(fold(text))
                state, last_line = "note", ln
                continue
            cap = caption_text(text)
            if cap:
                article.figures.append(fold(cap))
                if state == "body":
                    # A caption ends the paragraph above it: what follows unmarked is its
                    # table's or figure's text (a header row the tables stage did not claim),
                    # not the rest of the item over the caption.
                    state = "closed"
                continue
            if (state == "body" and self.style.lead_unmarked and lead_style is not None and lead_style.matches(ln)
                    and last_line is not None and not lead_style.matches(last_line) and not split_mark(text)):
                # A further paragraph set as this issue's unmarked leads are, after an item in
                # another look: an item of its own (as a further lead-marked paragraph is), not
                # the rest of the item above.
                article.bullets.append(Bullet(1, text, x0=ln.x0, lead_marked=True, at_lead=self._at(ln.x0, lead_x0)))
                state, last_line = "body", ln
                continue
            b = split_mark(text)
            if b and repeats_mark(*b):
                # Several cells' items side by side ('○ 블록체인 ○ 우주항공'): a row of a table
                # the tables stage did not find, read as one line; no item, nor what wraps under it.
                self.warn(ln.page, f"a line repeating its mark, read as a table's row, kept out: {text[:40]!r}", text)
                state = "closed"
                continue
            if b:
                article.bullets.append(Bullet(1, b[1], x0=ln.x0, mark=b[0]))
                state, last_line = "body", ln
                continue
            if state == "body" and last_line is not None and abs(ln.size - last_line.size) >= self.cfg.size_tolerance:
                # A wrapped line keeps its paragraph's size: an unmarked line in another size
                # is no part of the item above (a table's text set smaller, unclaimed).
                state = "closed"
            text_target_append(ln)
        self._finish()

    def _reference(self, text: str) -> dict[str, str]:
        text = REF_MARKS.sub("", text).strip()
        m = URL.search(text)
        if m:
            return {"title": fold(text[: m.start()]), "url": m.group(1)}
        return {"title": fold(text), "url": ""}

    def _extend_reference(self, ref: dict[str, str], text: str, prev: TextLine | None,
                          tally: Counter[str] | None = None) -> None:
        m = URL.search(text)
        if ref["url"]:
            ref["url"] = join_wrapped(ref["url"], text, None, None).replace(" ", "") \
                if " " not in text.strip() else ref["url"]
        elif m:
            ref["title"] = fold(join_wrapped(ref["title"], text[: m.start()], prev, self.stats, tally))
            ref["url"] = m.group(1)
        else:
            ref["title"] = fold(join_wrapped(ref["title"], text, prev, self.stats, tally))

    def _at(self, x0: float, lead_x0: float | None) -> bool:
        """``x0`` stands at the lead's x (within the indents' tolerance)."""
        return lead_x0 is not None and abs(x0 - lead_x0) <= self.cfg.indent_tolerance * self.body_size

    def _bullet_groups(self) -> list[tuple[float, int]]:
        """The indents of the issue's bullets with the marks counted at each: the lines read
        as bullets, not every marked line (reference and note marks stand at the margin)."""
        xs = [b.x0 for sec in self.s.sections for a in sec.articles for b in a.bullets
              if b.x0 is not None and not b.lead_marked]
        return indent_groups(xs, tol=self.cfg.indent_tolerance * self.body_size) if xs else []

    @staticmethod
    def _two_most_used(groups: list[tuple[float, int]]) -> list[float]:
        """The two indents most items stand at, left to right: the first two levels."""
        return sorted(x for x, _ in sorted(groups, key=lambda g: -g[1])[:2])

    @classmethod
    def _bullet_levels(cls, groups: list[tuple[float, int]]) -> list[float]:
        """The levels' indents: an indent between the two most used (a few marks half way, a
        table's cells read as text) is no level of its own, its marks take the nearer."""
        most = cls._two_most_used(groups)
        return [x for x, _ in groups if not (len(most) == 2 and most[0] < x < most[1])]

    def _levels_by_mark(self, levels: list[float]) -> dict[str, int]:
        """Levels told by the marks where the indents do not tell them: a producer that
        dropped the indents sets an item and the item under it ('○' then '-') at one x.
        Then of two marks that share articles, the one that comes first in most of them is
        the upper level, and a mark sits one level under the lowest of the marks over it.
        Empty where the indents tell the levels (two marks under each other stand at
        different x)."""
        bullets = [b for sec in self.s.sections for a in sec.articles for b in a.bullets
                   if b.x0 is not None and not b.lead_marked]
        uses = Counter(b.mark for b in bullets)
        marks = [m for m, n in uses.items() if n >= 2]
        if len(marks) < 2:
            return {}
        tol = self.cfg.indent_tolerance * self.body_size
        # Nested pairs: mark B right after mark A in one article, at (nearly) the same x.
        flat = nested = 0
        # first[a, b]: articles in which mark a comes before mark b (both in them)
        first: Counter[tuple[str, str]] = Counter()
        for sec in self.s.sections:
            for a in sec.articles:
                seen: list[str] = []
                prev = None
                for b in a.bullets:
                    if b.x0 is None or b.lead_marked:
                        continue
                    if b.mark not in seen:
                        seen.append(b.mark)
                    if prev is not None and prev.mark != b.mark and uses[prev.mark] >= 2 and uses[b.mark] >= 2:
                        nested += 1
                        flat += abs(prev.x0 - b.x0) < tol  # type: ignore[operator]  # (prev is a bullet with x0)
                    prev = b
                first.update((m, n) for k, m in enumerate(seen) for n in seen[k + 1:])
        if nested < 2 or flat * 2 <= nested:
            return {}
        # The marks in common use give the levels; a mark seen once or twice sits under them.
        # (A mark that never shares an article with another, a list read as an article of its
        # own, is over none and under none: it takes no level between two others.)
        common = [m for m, n in uses.items() if n >= 3]
        over = {m: [o for o in common if first[o, m] > first[m, o]] for m in common}
        levels_of: dict[str, int] = {}
        for _ in common:  # (the longest chain of marks over each; a cycle stops at its length)
            levels_of = {m: 1 + max((levels_of.get(o, 1) for o in over[m]), default=0) for m in common}
        levels_of = {m: min(n, 3) for m, n in levels_of.items()}
        deepest = min(max(levels_of.values(), default=0) + 1, 3)
        # (A heavy mark seen once or twice, '●' among '•' and '-', opens an item set apart
        # at the top, not a note under the others as a light one ('*') does.)
        return {m: levels_of.get(m, 1 if m in HEAVY_MARKS else deepest) for m in uses}

    @staticmethod
    def _level(x0: float, levels: list[float]) -> int:
        if not levels:
            return 1
        nearest = min(range(len(levels)), key=lambda k: abs(levels[k] - x0))
        return min(nearest + 1, 3)

    def _too_deep(self, groups: list[tuple[float, int]]) -> float | None:
        """The x beyond which a mark is no item of the body: three indent steps in from the
        first level, and the tolerance; a step is the distance of the two indents most marks
        stand at (the first two levels; a few marks at an indent between them do not make
        it), at most two ems. An issue nests three levels; a mark further in is a table
        cell's item, the cell read as text where the tables stage found no table. None with
        no levels."""
        if not groups:
            return None
        step = 2 * self.body_size
        most = self._two_most_used(groups)
        if len(most) == 2:
            step = min(step, most[1] - most[0])
        return groups[0][0] + 3 * step + self.cfg.indent_tolerance * self.body_size

    def _finish(self) -> None:
        groups = self._bullet_groups()
        levels = self._bullet_levels(groups)
        by_mark = self._levels_by_mark(levels)
        deep = self._too_deep(groups)
        if deep is not None:
            for section in self.s.sections:
                for a in section.articles:
                    kept = []
                    for b in a.bullets:
                        if b.x0 is None or b.x0 <= deep or b.at_lead:
                            kept.append(b)
                        else:
                            self.warn(min(a.pages) if a.pages else 0,
                                      f"a marked line too far in for an item, kept out: {b.text[:40]!r}", b.text)
                    a.bullets = kept
        for section in self.s.sections:
            for a in section.articles:
                for b in a.bullets:
                    if b.lead_marked and (by_mark or b.at_lead):
                        continue  # (the indents tell no levels here, or it stands as the lead does: of the first)
                    if b.x0 is not None:
                        b.level = by_mark[b.mark] if by_mark else self._level(b.x0, levels)
        for section in self.s.sections:
            for a in section.articles:
                a.title = fold(a.title)
                a.lead = fold(a.lead)
                dated = split_trailing_date(a.lead, self.s.date)
                if dated:
                    a.lead, a.date = dated
                elif a.lead and a.source is None:
                    self.warn(min(a.pages) if a.pages else 0, f"lead without a (m.d) date: {a.title[:40]!r}", a.title)
                for b in a.bullets:
                    b.text = fold(b.text)
                if not a.lead:
                    self.warn(min(a.pages) if a.pages else 0, f"article without a ■ lead: {a.title[:40]!r}", a.title)

    # ---- colophon
    def _find_colophon(self, items: list[Item]) -> int | None:
        hits = [k for k, it in enumerate(items) if it.line and COLOPHON_LABEL.match(it.text.strip())]
        if not hits:
            return None
        page = items[hits[-1]].page
        first = min(k for k in hits if items[k].page == page)
        # Walk back over the colophon's own heading lines (publisher in Latin, series title).
        k = first
        while k > 0:
            prev = items[k - 1]
            if prev.page != page or prev.line is None:
                break
            t = prev.text
            latin_caps = re.fullmatch(r"[A-Z0-9&\-.,' ]{6,}", t) is not None
            if not (latin_caps or self.is_big(prev.line, self.cfg.display_size)):
                break
            k -= 1
        return k

    def _colophon(self, items: list[Item]) -> None:
        lines = [it.line for it in items if it.line]
        text = "\n".join(ln.text for ln in lines)
        label = r"\s*[|:]?\s*"

        def grab(pattern: str) -> str | None:
            m = re.search(pattern, text, re.M)
            return fold(m.group(1)) if m and fold(m.group(1)) else None

        date = grab(r"^발\s*행\s*일" + label + r"(.+)$")
        if date:
            if not self.s.date:
                self.s.date = find_full_date(date)
        self.s.issuer = grab(r"^발\s*행\s*인" + label + r"(.+)$")
        self.s.publisher = grab(r"^발\s*행\s*기\s*관" + label + r"(.+)$")
        m = re.search(r"^발\s*행\s*처" + label + r"(?:주\s*소\s*[:：]\s*)?(.+?)(?=TEL|전화|https?://|www\.|\Z)",
                      text, re.M | re.S)
        if m:
            self.s.address = fold(m.group(1)) or None
        self.s.tel = grab(r"(?:TEL|Tel|전화)\s*[:：.]?\s*([0-9()+\-/ ]+[0-9])")
        m = re.search(r"(https?://\S+|www\.\S+)", text)
        self.s.url = m.group(1) if m else None
        if not self.s.series:
            big = [ln for ln in lines if self.is_big(ln, self.cfg.display_size)]
            if big:
                self.s.series = fold(re.sub(r"(?<=\S)/(?=\S)", "", " ".join(ln.text for ln in big)))


class SegmentStage:
    name = "segment"

    def process_document(self, doc: "Document") -> None:
        doc.structure = Segmenter(doc).run()
        if not doc.structure.is_bulletin:
            doc.warnings.append(Diagnostic("no bulletin structure found (no section banners or articles): "
                                           "only tables and text-level facts were extracted", code="segment"))

