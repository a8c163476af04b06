"""Rows of glyphs -> lines of text with words parted by the page's own word gap."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from ..model import TextLine
from .geometry import median_size
from .rows import glyph_rows
from .scripts import is_hangul, starts_asian

if TYPE_CHECKING:  # pragma: no cover
    from ..settings import LayoutSettings

#: 'ABCDEF+NanumGothic' -> 'NanumGothic': a subset's tag differs between subsets of one font.
SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
#: Text render mode 2, fill then stroke: the outline drawn over the glyph thickens it, the
#: bold a producer makes of a font that has no bold face (Hancom's and Word's "synthetic" bold).
FILL_THEN_STROKE = 2
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|,b$|-b$|extrab", re.I)


@lru_cache(maxsize=1024)
def bold_font(name: str) -> bool:
    """Does the font's name say bold? (asked once per name: every glyph of every line asks)"""
    return BOLD_FONT.search(name) is not None


def bold_glyph(c: dict) -> bool:
    """Is the glyph bold: its font's name says so, or it is drawn filled and then stroked
    (the synthetic bold of a font without a bold face)?"""
    return bold_font(c.get("fontname") or "") or c.get("render_mode") == FILL_THEN_STROKE


#: Where a line writes its spaces, a gap between scripts is a word space only when wider
#: than this many of the line's spaces (``_make_line``).
SCRIPT_GAP_SPACES = 1.1


class WordGap(float):
    """A page's word-gap threshold in em (a float, as every caller uses it), with the one
    for a gap between Asian and other script (a number or a Latin word beside Hangul):
    wider on a page whose producer writes its spaces as glyphs, where such a gap is its
    spacing between scripts, not a word space."""

    between_scripts: float

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
                bare += 0.1 < g < 0.6 and starts_asian(a["text"]) == starts_asian(b["text"])
            if 0.1 < g < 0.6:
                bins[round(g * 100)] += 1
    if sum(bins.values()) < 20:
        return default
    mode = bins.most_common(1)[0][0] / 100
    spaces = sum(written.values())
    if spaces >= 20 and bare <= WRITTEN_SPACES_SHARE * spaces:
        return WordGap(0.8 * mode, max(0.8 * mode, SCRIPT_GAP_SPACES * written.most_common(1)[0][0] / 100))
    return WordGap(0.8 * mode)


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
            if gap > gap_ratio * size and (gap > script_gap * size or starts_asian(text) == starts_asian(prev["text"])):
                parts.append(" ")
        parts.append(text)
        prev = c
    text = "".join(parts).strip()
    if not text:
        return None
    # One pass over the visible glyphs (this runs for every line of every page and cell):
    # their extent, sizes, fonts and how many are bold.
    sizes: list[float] = []
    names: list[str] = []
    hangul: list[float] = []
    bold_count = 0
    x0 = x1 = top = bottom = None
    for c in row:
        if c["text"].isspace():
            continue
        cx0, cx1, ctop, cbottom = c["x0"], c["x1"], c["top"], c["bottom"]
        if x0 is None:
            x0, x1, top, bottom = cx0, cx1, ctop, cbottom
        else:
            if cx0 < x0:
                x0 = cx0
            if cx1 > x1:
                x1 = cx1
            if ctop < top:
                top = ctop
            if cbottom > bottom:
                bottom = cbottom
        sizes.append(c["size"])
        names.append(c.get("fontname") or "")
        if is_hangul(c["text"]):
            hangul.append(cx1 - cx0)
        if bold_glyph(c):
            bold_count += 1
    if x0 is None or x1 is None or top is None or bottom is None:
        return None  # (not reached: a line with text has a visible glyph)
    widths = [c["x1"] - c["x0"] for c in space_glyphs]
    fonts = Counter(names)
    return TextLine(
        page=page,
        text=text,
        x0=x0,
        x1=x1,
        top=top,
        bottom=bottom,
        size=round(median_size(sizes), 2),
        bold=bold_count * 2 > len(sizes),
        trailing_space=row[-1]["text"].isspace(),
        space_width=round(median_size(widths), 2) if widths else 0.0,
        hangul_width=round(median_size(hangul), 4) if hangul else 0.0,
        font=SUBSET_PREFIX.sub("", fonts.most_common(1)[0][0]),
    )
