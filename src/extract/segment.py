"""Stage 3, segment: body lines -> the bulletin's parts.

The parts, in the order an issue prints them: cover (series, date), CONTENTS, summary
bullets, sections (a banner line such as 특집기사), articles (number, title, ■ lead with its
(m.d) date, bullets, tables, figures, 참고자료 references; briefs add '출처:' source and date)
and the colophon (발행일, 발행인, 발행기관, address, TEL, URL).

Decisions are made from what the page shows — font size and weight relative to the body
text, markers, indentation — and from the issue's own contents list, not from fixed
positions, so other issues and other producers' layouts read the same way.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .layout import cluster
from .model import TableFragment, TextLine
from .textjoin import fold, join_wrapped

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

KNOWN_SECTIONS = ("특집기사", "정책동향", "기술동향", "단신동향", "산업동향", "연구동향",
                  "지역동향", "이슈분석", "인물동향", "통계동향", "기획기사")
CONTENTS_HEAD = re.compile(r"^(contents|목\s*차|차\s*례)$", re.I)
CONTENTS_SECTION = re.compile(r"^[-–]?\s*(\d{1,2})\s*[.)]\s*(\S.*)$")
DATE_FULL = re.compile(r"(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})")
# '(7.15)', '(6,25)', '(07.26)', '(7.15.)', '(7월 15일)'
LEAD_DATE = re.compile(r"\s*\(\s*(\d{1,2})\s*(?:[.,·/]|월)\s*(\d{1,2})\s*(?:일|\.)?\s*\)\s*$")
NUMBERED_TITLE = re.compile(r"^(\d{1,2})\s+(\S.*)$")
NUMBER_ONLY = re.compile(r"^\d{1,2}$")
LEAD_MARKS = "■▣◼◾▪🔳□"
# Bullet markers of Korean reports: '-' and 'ㅇ'/'○' first, '•' '·' '*' deeper; '◎' and '▷'
# open items in some producers' templates.
BULLET = re.compile(r"^([-–○•●◦▪∙·*※➢▶►▷◆◇◎ㅇ⊙✓→])\s+(\S.*)$")
REFERENCES_HEAD = re.compile(r"^(참고\s*자료|참고\s*문헌|References?)$", re.I)
URL = re.compile(r"(https?://\S+|www\.\S+)")
BRIEF_SOURCE = re.compile(r"^출처\s*[:：]\s*(.+?)\s*\(\s*(\d{1,2})\s*(?:[.,·/]|월)\s*(\d{1,2})\s*(?:일|\.)?\s*\)\s*$")
BRIEF_SOURCE_NODATE = re.compile(r"^출처\s*[:：]\s*(.+?)\s*$")
CAPTION = re.compile(r"^[〈<《]\s*(.+?)\s*[〉>》]$")
COLOPHON_LABEL = re.compile(r"^(발\s*행\s*일|발\s*행\s*인|발\s*행\s*처|발\s*행\s*기\s*관)")
NOTE_LINE = re.compile(r"^[*※]\s*(출처|자료|주석|주|비고)\s*[:：]")
REF_MARKS = re.compile(r"^[^\w\s\u3131-\u318e\uac00-\ud7a3\u4e00-\u9fff《「\"'(]+\s*")


# --------------------------------------------------------------------------- structure


@dataclass
class Bullet:
    level: int
    text: str


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


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def resolve_month_day(month: int, day: int, issue_date: str | None) -> str | None:
    """(m.d) -> ISO date in the issue's year; a date far after the issue is last year's
    (a January issue citing December)."""
    if not issue_date:
        return None
    issue = dt.date.fromisoformat(issue_date)
    iso = _iso(issue.year, month, day)
    if iso is None:
        return None
    if dt.date.fromisoformat(iso) > issue + dt.timedelta(days=62):
        return _iso(issue.year - 1, month, day)
    return iso


# --------------------------------------------------------------------------- segmenter


class Segmenter:
    def __init__(self, doc: "Document"):
        self.doc = doc
        self.warnings = doc.warnings
        self.lines = doc.body_lines
        self.items = self._stream()
        sizes = Counter()
        for ln in self.lines:
            sizes[round(ln.size * 2) / 2] += len(ln.text)
        self.body_size = sizes.most_common(1)[0][0] if sizes else 10.0
        self.stats = doc.join_stats()
        self.bands = {p.number: p.bands for p in doc.pages}
        self.s = Structure()

    # ---- stream
    def _stream(self) -> list[Item]:
        items = [Item(ln.page, ln.top, line=ln) for ln in self.lines]
        items += [Item(f.page, f.bbox[1], fragment=f) for f in self.doc.fragments]
        items.sort(key=lambda it: (it.page, it.top))
        return items

    def warn(self, page: int, message: str) -> None:
        self.warnings.append(f"page {page}: {message}")

    # ---- classification of single lines
    def is_big(self, ln: TextLine, factor: float = 1.15) -> bool:
        return ln.size >= self.body_size * factor

    def on_band(self, ln: TextLine) -> bool:
        cy = (ln.top + ln.bottom) / 2
        return any(b[1] - 2 <= cy <= b[3] + 2 for b in self.bands.get(ln.page, []))

    def section_name(self, ln: TextLine, known: set[str]) -> str | None:
        text = ln.text.strip()
        compact = text.replace(" ", "")
        if compact in known and (ln.bold or self.is_big(ln) or self.on_band(ln)):
            return compact
        if (len(compact) <= 12 and not text[:1].isdigit() and not BULLET.match(text)
                and text[:1] not in LEAD_MARKS and self.is_big(ln, 1.3)
                and (self.on_band(ln) or compact.endswith("동향"))):
            return compact
        return None

    def title_match(self, ln: TextLine) -> tuple[str | None, str] | None:
        m = NUMBERED_TITLE.match(ln.text)
        if m and (ln.bold or self.is_big(ln, 1.1)) and not DATE_FULL.match(ln.text):
            return m.group(1), m.group(2)
        return None

    # ---- main
    def run(self) -> Structure:
        items = self.items
        colophon_at = self._find_colophon(items)
        body_end = colophon_at if colophon_at is not None else len(items)
        start = self._cover_and_contents(items, body_end)
        self._body(items, start, body_end)
        if colophon_at is not None:
            self._colophon(items[colophon_at:])
        self.s.is_bulletin = bool(self.s.sections)
        return self.s

    # ---- cover, contents, summary
    def _cover_and_contents(self, items: list[Item], end: int) -> int:
        """Read cover, CONTENTS and summary; return the index where the body starts."""
        first_page = items[0].page if items else 1
        cover = [it.line for it in items[:end] if it.line and it.page == first_page]
        for k, ln in enumerate(cover):
            if CONTENTS_HEAD.match(ln.text.strip()):
                cover = cover[:k]
                break
        big = [ln for ln in cover if self.is_big(ln, 1.6) and re.search(r"[^\x00-\x7f]", ln.text)]
        if big:
            series = " ".join(ln.text for ln in big)
            series = re.sub(r"(?<=\S)/(?=\S)", "", series)
            self.s.series = fold(series)
        for ln in cover:
            m = DATE_FULL.search(ln.text)
            if m:
                self.s.date = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
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
        i = self._summary(items, i, end)
        return i

    def _contents(self, items: list[Item], i: int, end: int) -> int:
        section_x = None
        title_x = None  # where the first title's marker stands; later titles stand there too
        current = None
        last_line = None
        while i < end:
            it = items[i]
            ln = it.line
            if ln is None:
                break
            m = CONTENTS_SECTION.match(ln.text)
            if m and not BULLET.match(ln.text.replace(m.group(1), "", 1)) and len(m.group(2)) <= 20:
                section_x = ln.x0 if section_x is None else section_x
                current = {"section": fold(m.group(2)), "titles": []}
                self.s.contents.append(current)
                last_line = None
                i += 1
                continue
            b = BULLET.match(ln.text)
            if current is not None and b and section_x is not None and ln.x0 > section_x + 2 \
                    and (title_x is None or abs(ln.x0 - title_x) <= 3) \
                    and (last_line is None or ln.page == last_line.page):
                title_x = ln.x0 if title_x is None else title_x
                current["titles"].append(b.group(2).strip())
                last_line = ln
                i += 1
                continue
            if (current is not None and last_line is not None and not b and ln.page == last_line.page
                    and ln.x0 > section_x + 2 and ln.top - last_line.bottom < ln.size):
                current["titles"][-1] = join_wrapped(current["titles"][-1], ln.text, last_line, self.stats)
                last_line = ln
                i += 1
                continue
            break
        for c in self.s.contents:
            c["titles"] = [fold(t) for t in c["titles"]]
        return i

    def _summary(self, items: list[Item], i: int, end: int) -> int:
        known = set(KNOWN_SECTIONS) | {c["section"].replace(" ", "") for c in self.s.contents}
        last = None
        marker_x = 0.0
        summary: list[str] = []
        while i < end:
            it = items[i]
            ln = it.line
            if ln is None or self.section_name(ln, known) or self.title_match(ln):
                break
            b = BULLET.match(ln.text)
            if b:
                summary.append(b.group(2))
                last, marker_x = ln, ln.x0
            elif last is not None and ln.x0 > marker_x + 2:
                summary[-1] = join_wrapped(summary[-1], ln.text, last, self.stats)
                last = ln
            elif summary or self.s.contents:
                # Cover text that is neither summary nor contents (a subtitle, an edition note).
                pass
            i += 1
        self.s.summary = [fold(t) for t in summary]
        return i

    # ---- body
    def _body(self, items: list[Item], i: int, end: int) -> None:
        known = set(KNOWN_SECTIONS) | {c["section"].replace(" ", "") for c in self.s.contents}
        levels = self._bullet_levels(items[i:end])
        section: Section | None = None
        article: Article | None = None
        state = "none"  # title | lead | body | refs | source
        last_line: TextLine | None = None
        pending_number: str | None = None
        title_style: tuple[float, bool] | None = None

        def text_target_append(ln: TextLine) -> None:
            nonlocal last_line
            if state == "title":
                article.title = join_wrapped(article.title, ln.text, last_line, self.stats)
            elif state == "lead":
                article.lead = join_wrapped(article.lead, ln.text, last_line, self.stats)
            elif state == "refs" and article.references:
                ref = article.references[-1]
                self._extend_reference(ref, ln.text, last_line)
            elif state == "body" and article.bullets:
                b = article.bullets[-1]
                b.text = join_wrapped(b.text, ln.text, last_line, self.stats)
            elif state == "note" and article.notes:
                article.notes[-1] = fold(join_wrapped(article.notes[-1], ln.text, last_line, self.stats))
            else:
                self.warn(ln.page, f"text outside any bullet kept out: {ln.text[:40]!r}")
            last_line = ln

        while i < end:
            it = items[i]
            i += 1
            if it.fragment is not None:
                if article is not None:
                    article.fragments.append(it.fragment.id)
                    article.pages.add(it.page)
                    state = "body" if state in ("title", "lead") else state
                continue
            ln = it.line
            text = ln.text.strip()
            name = self.section_name(ln, known)
            if name:
                section = Section(name=name, page=ln.page)
                self.s.sections.append(section)
                article, state, pending_number = None, "none", None
                continue
            if NUMBER_ONLY.match(text) and (ln.bold or self.is_big(ln, 1.1)):
                pending_number = text
                continue
            tm = self.title_match(ln)
            unnumbered = (tm is None and title_style is not None and ln.bold
                          and abs(ln.size - title_style[0]) < 0.6 and text[:1] not in LEAD_MARKS
                          and not BULLET.match(text) and state != "title")
            if tm or pending_number or unnumbered:
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
                continue
            if article is None:
                if section is not None:
                    self.warn(ln.page, f"text between a banner and the first article: {text[:40]!r}")
                continue
            article.pages.add(ln.page)
            # title continuation: same style, right under it
            if state == "title" and title_style and abs(ln.size - title_style[0]) < 0.6 \
                    and ln.bold == title_style[1] and text[:1] not in LEAD_MARKS and not BULLET.match(text):
                text_target_append(ln)
                continue
            if text[:1] in LEAD_MARKS:
                body = text[1:].strip()
                if state == "title" or not article.lead and not article.bullets:
                    article.lead, state, last_line = body, "lead", ln
                else:
                    article.bullets.append(Bullet(1, body))
                    state, last_line = "body", ln
                continue
            if state == "title" and ln.bold and not BULLET.match(text) and not CAPTION.match(text):
                # A lead printed without its ■ marker: bold, right after the title.
                article.lead, state, last_line = text, "lead", ln
                continue
            if state == "lead" and ln.bold and not BULLET.match(text):
                text_target_append(ln)
                continue
            if REFERENCES_HEAD.match(text):
                state = "refs"
                continue
            m = BRIEF_SOURCE.match(text)
            if m:
                article.source = fold(m.group(1))
                article.source_date = resolve_month_day(int(m.group(2)), int(m.group(3)), self.s.date)
                state, last_line = "source", ln
                continue
            m = BRIEF_SOURCE_NODATE.match(text)
            if m and state != "refs":
                article.source = fold(m.group(1))
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
            cap = CAPTION.match(text)
            if cap:
                article.figures.append(fold(cap.group(1)))
                continue
            b = BULLET.match(text)
            if b:
                level = self._level(ln.x0, levels)
                article.bullets.append(Bullet(level, b.group(2)))
                state, last_line = "body", ln
                continue
            text_target_append(ln)
        self._finish()

    def _reference(self, text: str) -> dict[str, str]:
        text = REF_MARKS.sub("", text).strip()
        m = URL.search(text)
        if m:
            return {"title": fold(text[: m.start()]), "url": m.group(1)}
        return {"title": fold(text), "url": ""}

    def _extend_reference(self, ref: dict[str, str], text: str, prev: TextLine | None) -> None:
        m = URL.search(text)
        if ref["url"]:
            ref["url"] = join_wrapped(ref["url"], text, None, None).replace(" ", "") \
                if " " not in text.strip() else ref["url"]
        elif m:
            ref["title"] = fold(join_wrapped(ref["title"], text[: m.start()], prev, self.stats))
            ref["url"] = m.group(1)
        else:
            ref["title"] = fold(join_wrapped(ref["title"], text, prev, self.stats))

    def _bullet_levels(self, items: list[Item]) -> list[float]:
        xs = [it.line.x0 for it in items if it.line and BULLET.match(it.line.text.strip())]
        if not xs:
            return []
        return cluster(xs, tol=0.6 * self.body_size)

    @staticmethod
    def _level(x0: float, levels: list[float]) -> int:
        if not levels:
            return 1
        nearest = min(range(len(levels)), key=lambda k: abs(levels[k] - x0))
        return min(nearest + 1, 3)

    def _finish(self) -> None:
        for section in self.s.sections:
            for a in section.articles:
                a.title = fold(a.title)
                a.lead = fold(a.lead)
                m = LEAD_DATE.search(a.lead)
                if m:
                    a.date = resolve_month_day(int(m.group(1)), int(m.group(2)), self.s.date)
                    a.lead = a.lead[: m.start()].rstrip()
                elif a.lead and a.source is None:
                    self.warn(min(a.pages) if a.pages else 0, f"lead without a (m.d) date: {a.title[:40]!r}")
                for b in a.bullets:
                    b.text = fold(b.text)
                if not a.lead:
                    self.warn(min(a.pages) if a.pages else 0, f"article without a ■ lead: {a.title[:40]!r}")

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
            if not (latin_caps or self.is_big(prev.line, 1.3)):
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
            m = DATE_FULL.search(date)
            if m and not self.s.date:
                self.s.date = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
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
            big = [ln for ln in lines if self.is_big(ln, 1.3)]
            if big:
                self.s.series = fold(re.sub(r"(?<=\S)/(?=\S)", "", " ".join(ln.text for ln in big)))


class SegmentStage:
    name = "segment"

    def process_document(self, doc: "Document") -> None:
        doc.structure = Segmenter(doc).run()
        if not doc.structure.is_bulletin:
            doc.warnings.append("no bulletin structure found (no section banners or articles): "
                                "only tables and text-level facts were extracted")

