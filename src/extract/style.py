"""Learn how this issue marks its parts, from the issue itself.

A bulletin describes itself: its contents page lists the section names and the article
titles. Found again in the body, those texts are anchors: the lines that carry them show
how *this* issue sets a section banner and an article heading (size, weight, font, the
number before a title and where it stands), and the line after each heading shows how it
marks a lead (its mark glyph, or bold, or nothing). The segmenter then reads the whole
issue with what was learned, and falls back to the first template's habits (a bigger or
bold ``01 title``, a ``■`` lead) where an issue gives no anchor; ``IssueStyle.learned``
says which, for provenance.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from .markers import split_mark
from .model import TextLine
from .textjoin import fold

if TYPE_CHECKING:  # pragma: no cover
    from .segment import Item

#: Similarity (rapidfuzz ratio, 0-100) at which a body line is a contents title printed
#: again; the shared scorer matches titles at 0.9 too.
ANCHOR_MIN_RATIO = 90
#: Two font sizes within this many points are the same style.
SIZE_TOLERANCE = 0.6

#: What may stand before a heading's title: a mark, a number in brackets or with a dot.
#: '01 제목', '01. 제목', '[01] 제목', '□ 01 제목', '1) 제목', '2-1. 제목' (a contents
#: page numbering its titles under their sections)
HEADING_PREFIX = re.compile(
    r"^\s*(?:[□■◆◇▶►●○▣◼▪]\s*)?[\[(［【〔<]?\s*(?P<number>\d{1,2}(?:-\d{1,2})?)\s*[\])］】〕>.]?\s+(?=\S)")
NUMBER_ONLY = re.compile(r"^[\[(［【〔<]?\s*(\d{1,2})\s*[\])］】〕>.]?$")
#: Section names printed with an order mark: 'Ⅰ. 정책동향', '1. 정책동향', '□ 정책동향', '[정책동향]'
SECTION_PREFIX = re.compile(r"^\s*(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+|[IVX]{1,4}|\d{1,2}|[□■◆▶●○▣])\s*[.)]?\s*")


def number_shape(text: str) -> str | None:
    """How a heading's number is written, digits masked: '[01] 제목' -> '[00]', '01. 제목'
    -> '00.', '□ 3 제목' -> '□0'; None where the line opens with no number."""
    m = HEADING_PREFIX.match(text) or NUMBER_ONLY.match(text.strip())
    if not m:
        return None
    return re.sub(r"\d", "0", re.sub(r"\s+", "", m.group(0)))


def strip_heading_prefix(text: str) -> tuple[str | None, str]:
    """(number or None, the title without the number and mark before it)."""
    m = HEADING_PREFIX.match(text)
    if m:
        return m.group("number"), text[m.end():]
    return None, text


def section_key(text: str) -> str:
    """A banner's or contents line's section name without order mark, brackets or spaces."""
    text = SECTION_PREFIX.sub("", text.strip(), count=1)
    return re.sub(r"[\s\[\]［］【】<>〈〉]", "", text)


@dataclass(frozen=True)
class LineStyle:
    """The look of one kind of line: font size (to half a point), weight and font."""

    size: float
    bold: bool
    font: str = ""

    @classmethod
    def of(cls, ln: TextLine) -> "LineStyle":
        return cls(round(ln.size * 2) / 2, ln.bold, ln.font)

    def matches(self, ln: TextLine) -> bool:
        # The font decides only where both know it (a damaged PDF may not).
        same_font = not self.font or not ln.font or self.font == ln.font
        return abs(ln.size - self.size) < SIZE_TOLERANCE and ln.bold == self.bold and same_font


@dataclass
class Anchor:
    """A contents title found again in the body."""

    index: int  # into the segmenter's item stream
    line: TextLine
    number: str | None
    number_above: bool  # the number stands on a line (a box) of its own before the title
    n_lines: int  # lines the title takes
    shape: str | None = None  # number_shape of the number, on the title's line or above it
    title: str = ""  # the contents title it carries


@dataclass
class IssueStyle:
    heading: LineStyle | None = None
    #: How headings carry their number: "inline" ('01 제목'), "above" (a box or line of its
    #: own), "numbered" (either), or None (no number, or nothing learned).
    heading_number: str | None = None
    #: How the anchors write their number ('[00]', '00', '00.'): a line set like a heading
    #: with its number written otherwise is no heading (a table row '3 산시 ...').
    number_shape: str | None = None
    #: A mark printed before every heading ('□ 제목'), learned from the anchors.
    heading_mark: str | None = None
    #: The mark opening a lead in this issue ('■', '□', '○' ...); None: leads carry none.
    lead_mark: str | None = None
    #: Leads are told by being the first paragraph under the heading (no mark): bold or not.
    lead_unmarked: bool = False
    #: The space (pt) between a heading's last line and its lead, the most the anchors show:
    #: a producer's margins under a heading may be wider than a line and a half.
    lead_gap: float | None = None
    section: LineStyle | None = None
    anchors: list[Anchor] = field(default_factory=list)
    #: element -> how it is read: "learned from N contents titles" or "default".
    learned: dict[str, str] = field(default_factory=dict)

    def is_heading_style(self, ln: TextLine) -> bool:
        return self.heading is not None and self.heading.matches(ln)


def _line_keys(items: list["Item"], k: int) -> list[tuple[str, int]]:
    """The text of the line at ``k`` alone and joined with the next one or two lines of the
    same page (a title wrapped over lines), each with how many lines it took."""
    first = items[k].line
    assert first is not None
    _, text = strip_heading_prefix(first.text)
    keys = [(fold(text), 1)]
    joined = text
    for extra in (1, 2):
        if k + extra >= len(items):
            break
        nxt = items[k + extra].line
        if nxt is None or nxt.page != first.page:
            break
        joined = joined + " " + nxt.text
        keys.append((fold(joined), extra + 1))
    return keys


def _matches_title(key: str, title: str) -> bool:
    if not key or not title:
        return False
    if fuzz.ratio(key, title) >= ANCHOR_MIN_RATIO:
        return True
    # A wrap may have lost or added the space at the break.
    return fuzz.ratio(key.replace(" ", ""), title.replace(" ", "")) >= ANCHOR_MIN_RATIO


def find_anchors(items: list["Item"], start: int, end: int, titles: list[str]) -> list[Anchor]:
    """Each contents title's heading in the body, in contents order (the body prints the
    articles in the order the contents lists them)."""
    anchors: list[Anchor] = []
    k0 = start
    for title in titles:
        want = fold(title)
        if len(want) < 4:
            continue
        for k in range(k0, end):
            ln = items[k].line
            if ln is None or len(ln.text) < 2 or NUMBER_ONLY.match(ln.text.strip()):
                continue  # (a number alone is the next line's heading number)
            # The reading that matches best: a wrapped title matches as a whole, not by its
            # first line alone.
            keys = _line_keys(items, k)
            hits = [(fuzz.ratio(key.replace(" ", ""), want.replace(" ", "")), n)
                    for key, n in keys if _matches_title(key, want)]
            if not hits or fuzz.partial_ratio(keys[0][0], want) < ANCHOR_MIN_RATIO:
                # (the title's first line is part of the title: a banner over a heading
                # matches a long title only when joined with it)
                continue
            hit = max(hits)[1]
            number, _ = strip_heading_prefix(ln.text)
            above = False
            shape = number_shape(ln.text) if number else None
            if number is None and k > 0:
                prev = items[k - 1].line
                m = NUMBER_ONLY.match(prev.text.strip()) if prev is not None else None
                if m and prev is not None and prev.page == ln.page and ln.top - prev.bottom < 2.5 * ln.size:
                    number, above, shape = m.group(1), True, number_shape(prev.text)
            anchors.append(Anchor(k, ln, number, above, hit, shape, title))
            k0 = k + hit
            break
    return anchors


def learn_style(items: list["Item"], start: int, end: int, titles: list[str],
                sections: list[str], body_look: LineStyle | None = None) -> IssueStyle:
    """What the contents titles and section names, found in the body, show of this issue."""
    style = IssueStyle()
    anchors = find_anchors(items, start, end, titles)
    style.anchors = anchors
    if len(anchors) >= 1:
        looks = Counter(LineStyle.of(a.line) for a in anchors)
        look, n = looks.most_common(1)[0]
        if n * 2 > len(anchors) or len(anchors) <= 2:
            style.heading = look
            kinds = Counter("above" if a.number_above else "inline" if a.number else None for a in anchors)
            kind, n_kind = kinds.most_common(1)[0]
            numbered = sum(n for k, n in kinds.items() if k)
            if n_kind * 2 > len(anchors):
                style.heading_number = kind
            elif numbered * 2 > len(anchors):
                style.heading_number = "numbered"  # some on the title's line, some above it
            if style.heading_number is None and body_look is not None and look.size <= body_look.size + 0.5 \
                    and look.bold == body_look.bold:
                # Set like the body and carrying no number: nothing tells such a heading
                # from a paragraph; leave headings to the defaults.
                style.heading = None
                style.learned["heading"] = "default (the contents titles are set like the body)"
            shapes = Counter(a.shape for a in anchors if a.shape)
            if shapes:
                shape, n_shape = shapes.most_common(1)[0]
                style.number_shape = shape if n_shape * 2 > sum(shapes.values()) else None
            marks = Counter((split_mark(strip_heading_prefix(a.line.text)[1]) or ("",))[0] for a in anchors)
            mark, n_mark = marks.most_common(1)[0]
            style.heading_mark = mark if mark and n_mark * 2 > len(anchors) else None
            style.learned.setdefault("heading", f"learned from {len(anchors)} contents title(s) found in the body")
        style.lead_mark, style.lead_unmarked = _learn_lead(items, anchors, end)
        style.lead_gap = _learn_lead_gap(items, anchors, end)
        if style.lead_mark or style.lead_unmarked:
            how = f"mark {style.lead_mark!r}" if style.lead_mark else "the first paragraph under the heading"
            style.learned["lead"] = f"{how}, learned from the lines under {len(anchors)} heading(s)"
    style.section = _learn_section(items, start, end, sections)
    if style.section is not None:
        style.learned["section"] = "learned from the contents' section names found in the body"
    for element in ("heading", "lead", "section"):
        style.learned.setdefault(element, "default")
    return style


def _learn_lead(items: list["Item"], anchors: list[Anchor], end: int) -> tuple[str | None, bool]:
    marks: Counter[str] = Counter()
    unmarked = 0
    for a in anchors:
        line = _line_under(items, a, end)
        if line is None:
            continue
        split = split_mark(line.text)
        if split:
            marks[split[0]] += 1
        else:
            unmarked += 1
    if marks:
        mark, n = marks.most_common(1)[0]
        if n * 2 >= len(anchors):
            return mark, False
    if unmarked * 2 > len(anchors):
        return None, True
    return None, False


def _line_under(items: list["Item"], a: Anchor, end: int) -> "TextLine | None":
    """The line under an anchor's title (its lead, where it has one), past a number printed
    on a line of its own; None at a table or the end."""
    k = a.index + a.n_lines
    while k < end and (line := items[k].line) is not None and NUMBER_ONLY.match(line.text.strip()):
        k += 1
    return items[k].line if k < end else None


def _learn_lead_gap(items: list["Item"], anchors: list[Anchor], end: int) -> float | None:
    """The widest space between an anchor's last title line and the line under it, where
    most anchors show one on the same page (None where they do not)."""
    gaps = []
    for a in anchors:
        last, line = items[a.index + a.n_lines - 1].line, _line_under(items, a, end)
        if line is not None and last is not None and line.page == last.page and line.top > last.bottom:
            gaps.append(line.top - last.bottom)
    return max(gaps) if gaps and len(gaps) * 2 > len(anchors) else None


def _learn_section(items: list["Item"], start: int, end: int, sections: list[str]) -> LineStyle | None:
    want = {section_key(s) for s in sections if section_key(s)}
    looks: Counter[LineStyle] = Counter()
    for k in range(start, end):
        ln = items[k].line
        if ln is not None and section_key(ln.text) in want:
            looks[LineStyle.of(ln)] += 1
    if not looks:
        return None
    look, n = looks.most_common(1)[0]
    return look if n >= 1 else None
