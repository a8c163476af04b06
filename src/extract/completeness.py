"""Stage: completeness. The bulletin checks itself against its own redundancy.

An issue says several things twice: the contents page lists every article title, articles
and briefs are numbered 01, 02, 03 ... per section, the summary has one item per leading
article, a table's caption states how many entries it has ('총 25개의 ...'), the footer
prints page numbers, and each article has one lead and one source. Where two of these
disagree, something was lost or merged. This stage compares them, repairs what the
evidence allows (a contents title found as a bullet line or inside a table cell: the article
is split off again there) and writes the outcome to ``doc.completeness``:

    {"complete": true|false|null, "reason": str|null,
     "checks": [{"check": "contents", "expected": 10, "found": 9, "missing": [...], "ok": false,
                 "notes": [...]}, ...]}

``complete`` is null when the PDF is no bulletin (nothing to check against), true only when
every check passed after recovery. Runs after segment (and the tables stage), before
normalize and assemble, so that what it splits off is what the rest of the pipeline sees.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from rapidfuzz import fuzz

from .diagnostics import Diagnostic
from .markers import TRAILING_DATE, caption_text, iso
from .segment import (
    BULLET,
    COLOPHON_LABEL,
    CONTENTS_HEAD,
    KNOWN_SECTIONS,
    LEAD_DATE,
    LEAD_MARKS,
    NUMBERED_TITLE,
    REF_MARKS,
    REFERENCES_HEAD,
    URL,
    Article,
    Bullet,
    resolve_month_day,
)
from .settings import CompletenessSettings
from .textjoin import fold

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .model import Table, TextLine
    from .segment import Section, Structure

#: A count a caption states: '총 25개의', '31종', '9대', '17건'. Units of things counted
#: ('년', '급', '위' are not counts).
STATED_COUNT = re.compile(r"(?:총\s*)?(\d{1,4})\s*(개국|개사|개|종|대|건|곳|가지)")
#: 'N개 제품(M종)': the text gives a second count of the same entries (products of M kinds).
SECOND_COUNT = r"{n}\s*(?:개|종|건|곳)[^()（）]{{0,12}}[(（]\s*(\d{{1,4}})\s*(?:개|종|건|곳)\s*[)）]"
#: A printed page number in a running line: '3', '- 3 -', '3 / 19', 'Page 3', '3 페이지'.
PAGE_NUMBER = re.compile(r"^(?:page\s*|p\.\s*)?[-–—(\[]?\s*(\d{1,4})\s*[-–—)\]]?"
                         r"(?:\s*/\s*\d{1,4})?(?:\s*(?:쪽|페이지))?$",
                         re.I)


@dataclass
class Check:
    check: str
    expected: int | None
    found: int | None
    missing: list[str] = field(default_factory=list)
    ok: bool = True
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "expected": self.expected, "found": self.found,
                "missing": self.missing, "ok": self.ok, "notes": self.notes}


# --------------------------------------------------------------------------- text helpers


def key(text: str | None) -> str:
    """Text as compared: NFC, no white space, lower case (a wrapped title keeps or loses a
    space at its break depending on the producer)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text or "")).lower()


def similar(a: str, b: str) -> float:
    return fuzz.ratio(key(a), key(b))


def find_inside(title: str, text: str, settings: CompletenessSettings) -> tuple[int, int] | None:
    """Where ``title`` stands in ``text`` (start, end in ``text``'s characters), when it does
    at ``title_ratio`` or better; None otherwise."""
    k_title = key(title)
    if len(k_title) < settings.min_title_chars or not text:
        return None
    index = [i for i, ch in enumerate(text) if not ch.isspace()]
    k_text = key(text)
    if len(k_text) != len(index):  # NFC changed the length: compare the plain way only
        return (0, len(text)) if similar(title, text) >= settings.title_ratio else None
    if len(k_text) < len(k_title):
        return (0, len(text)) if similar(title, text) >= settings.title_ratio else None
    al = fuzz.partial_ratio_alignment(k_title, k_text)
    if al is None or al.score < settings.title_ratio:
        return None
    return index[al.dest_start], index[al.dest_end - 1] + 1


def _bigrams(text: str) -> Counter:
    k = "".join(ch for ch in key(text) if ch.isalnum())
    return Counter(k[i:i + 2] for i in range(len(k) - 1))


def _overlap(item: Counter, article: Counter) -> float:
    if not item:
        return 0.0
    return sum(min(n, article[g]) for g, n in item.items()) / sum(item.values())


def _number(article: Article) -> int | None:
    n = (article.number or "").strip()
    return int(n) if n.isdigit() else None


# --------------------------------------------------------------------------- positions


class Positions:
    """Where text of the body stands (page, top), to tell what of an article comes before a
    point and what after it: the Structure keeps an article's bullets, tables and source
    apart, without their places."""

    def __init__(self, doc: "Document"):
        # Table cells too: a heading a table swallowed is found by its place there.
        cells = [ln for f in doc.fragments if not f.turn for row in f.cell_lines for cell in row for ln in cell]
        self.lines = sorted([ln for ln in doc.lines if ln.role == "body"] + cells, key=lambda ln: (ln.page, ln.top))
        self.keys = [key(self._bare(ln.text)) for ln in self.lines]
        self.frags = {f.id: (f.page, f.bbox[1]) for f in doc.fragments}

    @staticmethod
    def _bare(text: str) -> str:
        text = text.strip()
        if text[:1] in LEAD_MARKS:
            return text[1:]
        m = BULLET.match(text)
        return m.group(2) if m else REF_MARKS.sub("", text)

    def line_of(self, text: str, after: tuple[int, float] | None = None) -> int | None:
        """Index of the first body line (at or after ``after``) that begins ``text``."""
        k = key(self._bare(text))
        if not k:
            return None
        for i, lk in enumerate(self.keys):
            if not lk or (after is not None and (self.lines[i].page, self.lines[i].top) < after):
                continue
            if len(lk) < 6 and lk != k:
                continue  # a number box, a stray symbol: too short to tell one line from another
            if k.startswith(lk[:40]) or lk.startswith(k[:40]):
                return i
        return None

    def of(self, text: str, after: tuple[int, float] | None = None) -> tuple[int, float] | None:
        i = self.line_of(text, after)
        return None if i is None else (self.lines[i].page, self.lines[i].top)


# --------------------------------------------------------------------------- the checks


def _articles(s: "Structure") -> list[tuple["Section", Article]]:
    return [(sec, a) for sec in s.sections for a in sec.articles]


def contents_from_table(doc: "Document", settings: CompletenessSettings) -> list[tuple[str, str]]:
    """(section, title) from a contents page printed as a table (a row per section: its name,
    then its titles each after a bullet marker), under a CONTENTS heading on the first two
    pages; for the check where the segmenter read no contents list."""
    heads = [ln for ln in doc.lines if ln.page <= 2 and CONTENTS_HEAD.match(ln.text.strip())]
    out: list[tuple[str, str]] = []
    for head in heads:
        for t in doc.tables:
            boxes = [b for p, b in t.bboxes if p == head.page and b[1] >= head.top - 1]
            if not boxes:
                continue
            for row in list(t.header) + list(t.rows):
                cells = [c for c in row if c and c.strip()]
                if len(cells) < 2:
                    continue
                section = CONTENTS_SECTION_NUMBER.sub("", cells[0]).strip()
                for cell in cells[1:]:
                    for title in CONTENTS_ITEM.split(" " + cell):
                        title = fold(title)
                        if len(key(title)) >= settings.min_title_chars:
                            out.append((section, title))
        if out:
            break
    return out


#: 'Ⅰ. 특집기사', '1. 정책동향', '가. 단신'. The section's number in a contents table.
CONTENTS_SECTION_NUMBER = re.compile(r"^\s*(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+|[IVX]+|\d{1,2}|[가-하])\s*[.)]\s*")
#: A bullet marker before each title in a contents cell.
CONTENTS_ITEM = re.compile(r"\s[-–○•·▪◦ㅇ□■]\s+")


def check_contents(s: "Structure", settings: CompletenessSettings,
                   doc: "Document | None" = None) -> tuple[Check, list[tuple[str, str]]]:
    """Every contents title is an article heading. Returns the check and the titles not found
    as (section, title)."""
    titles = [(c["section"], t) for c in s.contents for t in c["titles"]]
    notes = []
    if not titles and doc is not None:
        titles = contents_from_table(doc, settings)
        if titles:
            notes.append("contents read from the table under the contents heading")
    if not titles:
        return Check("contents", None, None, notes=["no contents page to check against"]), []
    headings = [a.title for _, a in _articles(s)]
    lost = [(sec, t) for sec, t in titles if not any(similar(t, h) >= settings.title_ratio for h in headings)]
    check = Check("contents", len(titles), len(titles) - len(lost), [t for _, t in lost], not lost, notes)
    return check, lost


def check_numbering(s: "Structure") -> Check:
    """Article and brief numbers run 01, 02, 03 ... in each section (or on from the section
    before, where an issue numbers across sections), without gaps or repeats."""
    expected = found = 0
    missing: list[str] = []
    notes: list[str] = []
    last_end = 0
    any_numbers = False
    for sec in s.sections:
        numbers = [_number(a) for a in sec.articles]
        given = [n for n in numbers if n is not None]
        if not given:
            continue
        any_numbers = True
        start = 1 if given[0] != last_end + 1 or given[0] == 1 else last_end + 1
        end = max(given)
        want = list(range(start, end + 1))
        counts = Counter(given)
        expected += len(want)
        found += sum(1 for n in want if n in counts)
        name = sec.name or "(no section)"
        missing += [f"{name} {n:02d}" for n in want if n not in counts]
        for n, k in sorted(counts.items()):
            if k > 1:
                notes.append(f"{name}: number {n:02d} given {k} times")
        if given != sorted(given):
            notes.append(f"{name}: numbers out of order ({', '.join(f'{n:02d}' for n in given)})")
        unnumbered = sum(1 for n in numbers if n is None)
        if unnumbered:
            notes.append(f"{name}: {unnumbered} article(s) without a number among numbered ones")
        last_end = end
    if not any_numbers:
        return Check("numbering", None, None, notes=["no numbered articles"])
    return Check("numbering", expected, found, missing, not missing and not notes, notes)


def check_summary(s: "Structure", settings: CompletenessSettings) -> Check:
    """Each summary item is one article's, in the articles' order: matched by the share of
    its character pairs found in the article's title, lead and bullets, one article per
    item, order kept (so two items falling on one article mean an article was merged)."""
    items = s.summary
    if not items:
        return Check("summary", None, None, notes=["no summary"])
    arts = [a for _, a in _articles(s)]  # (more items than articles: the ones left over are named)
    grams = [_bigrams(" ".join([a.title, a.lead] + [b.text for b in a.bullets])) for a in arts]
    score = [[_overlap(_bigrams(it), g) for g in grams] for it in items]
    n, m = len(items), len(arts)
    # best[i][j]: most items of the first i matched to the first j articles, order kept
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            take = best[i - 1][j - 1] + (1 + score[i - 1][j - 1]
                                         if score[i - 1][j - 1] >= settings.summary_overlap else 0)
            best[i][j] = max(best[i - 1][j], best[i][j - 1], take)
    matched: set[int] = set()
    i, j = n, m
    while i > 0 and j > 0:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            matched.add(i - 1)
            i, j = i - 1, j - 1
    missing = [_short(items[k]) for k in range(n) if k not in matched]
    return Check("summary", n, len(matched), missing, not missing)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stated_counts(table: "Table", article_text: str) -> list[int]:
    """The counts of entries the caption states, and any second count the article's text
    gives for the same number ('28개 제품(20종)')."""
    counts = [int(m.group(1)) for m in STATED_COUNT.finditer(table.caption or "")]
    more = []
    for n in counts:
        for m in re.finditer(SECOND_COUNT.format(n=n), article_text):
            more.append(int(m.group(1)))
    return counts + more


def check_counts(s: "Structure", tables: list["Table"]) -> Check:
    """A typed table has as many records as its caption (or the text) says."""
    text_of: dict[str, str] = {}
    for _, a in _articles(s):
        text = " ".join([a.title, a.lead] + [b.text for b in a.bullets])
        for fid in a.fragments:
            text_of[fid] = text_of.get(fid, "") + " " + text
    expected = found = 0
    missing, notes = [], []
    for t in tables:
        if t.kind == "generic" or not t.records:
            continue
        counts = stated_counts(t, " ".join(text_of.get(f, "") for f in t.fragments) + " " + " ".join(s.summary))
        if not counts:
            continue
        expected += 1
        if len(t.records) in counts:
            found += 1
        else:
            missing.append(t.id)
            notes.append(f"{t.id} ({t.caption}): {len(t.records)} records, the text states "
                         + " or ".join(str(c) for c in sorted(set(counts))))
    if not expected:
        return Check("counts", None, None, notes=["no typed table states its count"])
    return Check("counts", expected, found, missing, not missing, notes)


def printed_page_numbers(lines: Iterable["TextLine"]) -> dict[int, set[int]]:
    """page -> the numbers printed on it as page numbers might be, from the running lines
    (headers and footers the layout stage set apart)."""
    found: dict[int, set[int]] = {}
    for ln in lines:
        if ln.role != "running":
            continue
        m = PAGE_NUMBER.match(ln.text.strip())
        if m:
            found.setdefault(ln.page, set()).add(int(m.group(1)))
    return found


def check_pages(lines: Iterable["TextLine"], n_pages: int) -> Check:
    """Printed page numbers run with the page order (one fixed offset: a cover may be
    unnumbered); a skipped or repeated number means a page is missing or doubled. A page
    with a stray number in its footer band as well ('2020' of a chart) keeps the one that
    fits; a page with none proves nothing."""
    candidates = printed_page_numbers(lines)
    if len(candidates) < 2:
        return Check("pages", None, None, notes=["no printed page numbers"])
    offset = Counter(n - p for p, ns in candidates.items() for n in ns).most_common(1)[0][0]
    printed: dict[int, int] = {}
    for p, ns in candidates.items():
        if p + offset in ns:
            printed[p] = p + offset
        elif len(ns) == 1:
            printed[p] = next(iter(ns))
    wrong = sorted(p for p, n in printed.items() if n != p + offset)
    seen = set(printed.values())
    lo, hi = min(seen), max(seen)
    # A number no page prints, whose page prints another one: a page is missing there.
    gaps = [n for n in range(lo, hi + 1) if n not in seen and (n - offset) in printed]
    notes = [f"page {p} prints {printed[p]}, expected {p + offset}" for p in wrong]
    return Check("pages", len(printed), len(printed) - len(wrong), [str(n) for n in gaps],
                 not wrong and not gaps, notes)


def check_overwritten(s: "Structure") -> Check:
    """No field of an article written twice (the segmenter notes a lead or a source that a
    later line replaced: a sign that two articles ran together)."""
    arts = _articles(s)
    if not arts:
        return Check("fields", None, None)
    bad = [(a, list(getattr(a, "overwritten", []) or [])) for _, a in arts]
    bad = [(a, f) for a, f in bad if f]
    return Check("fields", len(arts), len(arts) - len(bad),
                 [f"{_short(a.title, 40)}: {', '.join(f)}" for a, f in bad], not bad)


def check_sections(s: "Structure") -> Check:
    """Every section banner heads at least one article: an empty section lost its articles."""
    empty = [sec.name or "(no name)" for sec in s.sections if not sec.articles]
    return Check("sections", len(s.sections), len(s.sections) - len(empty), empty, not empty)


def _accounted_text(doc: "Document") -> str:
    """Everything of the output a body line can have gone into, as one key string."""
    s = doc.structure
    parts: list[str] = [s.series or "", s.issuer or "", s.publisher or "", s.address or "", s.tel or "",
                        s.url or "", s.date or ""]
    parts += [c["section"] for c in s.contents] + [t for c in s.contents for t in c["titles"]] + list(s.summary)
    for sec in s.sections:
        parts.append(sec.name)
        for a in sec.articles:
            parts += [(a.number or "") + a.title, a.lead, a.source or ""] + [b.text for b in a.bullets]
            parts += list(a.figures) + list(a.notes)
            parts += [r.get("title", "") + r.get("url", "") for r in a.references]
    for t in doc.tables:
        parts += [t.caption or "", t.source_note or ""] + list(t.notes)
        parts += [c for row in list(t.header) + list(t.rows) for c in row]
    return "\u0000".join(key(p) for p in parts)


#: A source line as briefs print it: '출처: 과학망 (07.26)', '(출처: 과학망, 12.22)',
#: '※ 출처 : 신화망(\'23.11.09)': the name is what the output keeps.
SOURCE_LINE = re.compile(r"^[(（]?\s*[*※]?\s*출처\s*[:：]?\s*([^(（,]+?)\s*(?:[,(（].*)?$")


#: What is left of a closing date wrapped over two lines: '월 17일)', '7.15)'.
DATE_RESIDUE = re.compile(r"^[\d\s.,·/'’월일)）(（]+$")


def _found_but_edges(k: str, known: str, settings: CompletenessSettings) -> bool:
    """The line's text is in the output but for a few characters at one end: the opening of
    a date wrapped to the next line ('승인(7'), a hyphen or bracket the join took off."""
    n = settings.line_edge_chars
    if len(k) < 2 * n:
        return False
    return any(k[:-j] in known or k[j:] in known for j in range(1, n + 1))


def _line_forms(text: str) -> list[str]:
    """The forms a line's text may take in the output: as printed; without its mark; without
    a closing date; as a caption's inside; a source's name; a banner without its number."""
    text = text.strip()
    bare = Positions._bare(text)
    forms = [text, bare]
    for t in (text, bare):
        m = TRAILING_DATE.search(t)
        if m:
            forms.append(t[: m.start()])
    cap = caption_text(text)
    if cap:
        forms.append(cap)
    m = SOURCE_LINE.match(bare) or SOURCE_LINE.match(text)
    if m:
        forms.append(m.group(1))
    forms.append(CONTENTS_SECTION_NUMBER.sub("", text))
    forms.append(HEADING_NUMBER_PREFIX.sub("", bare))  # '[01] title': the number is kept apart
    return forms


def _colophon_start(doc: "Document") -> tuple[int, float]:
    """Where the colophon begins (its text is read apart, into ``issue``): the first label
    line (발행일, 발행인 ...) on the page of the last one, or the top of that page when no
    article runs on it (the colophon's heading lines stand above its labels)."""
    # (Any role: a colophon printed as a table has its labels in the table's cells.)
    found = [(ln.page, ln.top) for ln in doc.lines
             if ln.role in ("body", "table") and COLOPHON_LABEL.match(ln.text.strip())]
    found += [(f.page, f.bbox[1]) for f in doc.fragments
              if any(COLOPHON_LABEL.match(c.strip()) for row in f.rows for c in row if c)]
    if not found:
        return (10 ** 9, 0.0)
    page = max(found)[0]
    first = min(top for p, top in found if p == page)
    if not any(page in a.pages for _, a in _articles(doc.structure)):
        return (page, 0.0)
    return (page, first)


def check_text(doc: "Document", settings: CompletenessSettings) -> Check:
    """Every body line from the first section banner on went somewhere (an article's title,
    lead, bullets, source, references, figures or notes, a table, the colophon): a line that
    went nowhere was dropped, and with it, often, an article's heading."""
    s = doc.structure
    if not s.sections:
        return Check("text", None, None)
    start = (s.sections[0].page, 0.0)
    known = _accounted_text(doc)
    end = _colophon_start(doc)
    lines = [ln for ln in doc.lines if ln.role == "body" and start <= (ln.page, ln.top) < end]
    lost = []
    for ln in lines:
        if REFERENCES_HEAD.match(ln.text.strip()):
            continue  # a label the segmenter reads as a state, not as text
        keys = [key(f) for f in _line_forms(ln.text)]
        if any(len(k) < settings.min_line_chars or k in known for k in keys):
            continue
        if DATE_RESIDUE.match(ln.text.strip()) or _found_but_edges(keys[1], known, settings):
            continue
        lost.append(ln)
    # Name every dropped line that looks like an article's heading (a number before it, or
    # bold), then the first few others.
    sizes = sorted(ln.size for ln in lines)
    body_size = sizes[len(sizes) // 2] if sizes else 0.0
    headings = [ln for ln in lost if _looks_like_heading(ln, body_size)]
    others = [ln for ln in lost if ln not in headings][: max(0, settings.max_listed_lines - len(headings))]
    listed = sorted(headings + others, key=lambda ln: (ln.page, ln.top))
    notes = []
    if lost:
        notes.append(f"{len(lost)} body line(s) in no article, table or colophon"
                     + (f", {len(headings)} of them like article headings" if headings else ""))
    return Check("text", len(lines), len(lines) - len(lost),
                 [f"p{ln.page}: {_short(ln.text.strip(), 60)}" for ln in listed], not lost, notes)


#: The number before a heading's title, as it is taken off.
HEADING_NUMBER_PREFIX = re.compile(r"^[\[(〔【]?\s*\d{1,2}\s*[\])〕】.]?\s+")
#: A heading's number: '01 title', '[01] title', '□ 01 title', '(1) title'.
HEADING_NUMBER = re.compile(r"^[\[(〔【]?\s*\d{1,2}\s*[\])〕】.]?\s+\S")


def _looks_like_heading(ln: "TextLine", body_size: float) -> bool:
    text = Positions._bare(ln.text)
    return bool(HEADING_NUMBER.match(text)) or (ln.bold and ln.size >= 1.1 * body_size and len(key(text)) >= 6)


# --------------------------------------------------------------------------- recovery


class Recovery:
    """Split a lost article off the article (or table) that swallowed its heading."""

    def __init__(self, doc: "Document", settings: CompletenessSettings):
        self.doc = doc
        self.s = doc.structure
        self.settings = settings
        self.pos = Positions(doc)

    def recover(self, title: str) -> bool:
        """Find a contents title inside a lead, a bullet or a table cell and split there."""
        why = "listed in the contents"
        for sec, host in _articles(self.s):
            for kind, k, text in self._texts(host):
                where = find_inside(title, text, self.settings)
                if where is not None:
                    self._split_text(sec, host, kind, k, where, why)
                    return True
        for t in list(self.doc.tables):
            for r, text in enumerate(self._row_texts(t)):
                where = find_inside(title, text, self.settings)
                if where is not None:
                    return self._split_table(t, r, where, why)
        return False

    def recover_numbered(self) -> list[str]:
        """In a numbered section, the next number's heading ('03 title') printed as the start
        of a bullet or as a table row of the article before: split it off. Returns the
        titles recovered."""
        done: list[str] = []
        for _ in range(100):  # each split changes the structure: look again from the start
            found = self._next_numbered()
            if found is None:
                break
            done.append(found)
        return done

    def _next_numbered(self) -> str | None:
        for sec in self.s.sections:
            numbers = {_number(a) for a in sec.articles} - {None}
            for host in sec.articles:
                n = _number(host)
                if n is None or n + 1 in numbers:
                    continue
                label = f"{n + 1:02d}" if len(host.number.strip()) == 2 else str(n + 1)
                head = re.compile(rf"^{label}\s+\S")
                why = f"number {label} after {host.number} in {sec.name or 'its section'}"
                for kind, k, text in self._texts(host):
                    if kind == "bullet" and head.match(text) and len(key(text)) >= self.settings.min_title_chars:
                        self._split_text(sec, host, kind, k, (0, len(text)), why)
                        return text
                for t in list(self.doc.tables):
                    if not any(f in host.fragments for f in t.fragments):
                        continue
                    for r, text in enumerate(self._row_texts(t)):
                        if head.match(text) and len(key(text)) >= self.settings.min_title_chars:
                            self._split_table(t, r, (0, len(text)), why)
                            return text
        return None

    @staticmethod
    def _texts(host: Article) -> list[tuple[str, int, str]]:
        return [("lead", -1, host.lead)] + [("bullet", k, b.text) for k, b in enumerate(host.bullets)]

    @staticmethod
    def _row_texts(t: "Table") -> list[str]:
        return [" ".join(c.strip() for c in row if c and c.strip()) for row in list(t.header) + list(t.rows)]

    # ---- a heading read as a bullet or a lead (or run into one)
    def _split_text(self, sec, host: Article, kind: str, k: int, where: tuple[int, int], why: str) -> None:
        text = host.lead if kind == "lead" else host.bullets[k].text
        start, end = where
        before, printed, after = text[:start].strip(), text[start:end].strip(), text[end:].strip()
        new = Article(number=self._number_of(printed, sec, host), title=_strip_number(printed))
        new.title, urls = _take_urls(new.title)
        host.references += [{"title": "", "url": u} for u in urls]
        at = self.pos.of(text) or self.pos.of(printed) or self.pos.of(new.title)
        moved = host.bullets[k + 1:] if kind == "bullet" else list(host.bullets)
        if kind == "bullet":
            del host.bullets[k:]
            if before:
                host.bullets.append(Bullet(1, before))
        else:
            host.lead = before
            host.bullets = []
            host.date = None
        if after:
            moved.insert(0, Bullet(1, after))
        new.bullets = moved
        self._finish_split(sec, host, new, at)
        self.doc.warnings.append(Diagnostic(f"completeness: article {new.title[:40]!r} ({why}) was read as a {kind} "
                                            f"of {host.title[:40]!r}; split off again", code="completeness",
                                            text=new.title))

    # ---- a heading inside a table's cells: the table swallowed body text
    def _split_table(self, t: "Table", r: int, where: tuple[int, int], why: str) -> bool:
        rows = self._row_texts(t)
        text = rows[r]
        start, end = where
        host_sec, host = self._owner(t)
        if host is None:
            return False
        before, printed, after = text[:start].strip(), text[start:end].strip(), text[end:].strip()
        at = self.pos.frags.get(t.fragments[0]) if t.fragments else None
        # The host's own text after the table goes with the new article.
        later = self._after(host.bullets, at)
        host.bullets = host.bullets[: len(host.bullets) - len(later)]
        new = Article(number=self._number_of(printed, host_sec, host), title=_strip_number(printed))
        new.title, urls = _take_urls(new.title)
        host.references += [{"title": "", "url": u} for u in urls]
        if re.fullmatch(r"\d{1,2}", before):  # the number box printed in a cell of its own
            new.number, before = before.zfill(2), ""
        host.bullets += [_given_back(x) for x in rows[:r] if x]
        if before:
            host.bullets.append(Bullet(1, before))
        tail = ([after] if after else []) + rows[r + 1:]
        new.bullets = [_given_back(x) for x in tail if x] + later
        host.fragments = [f for f in host.fragments if f not in t.fragments]
        self.doc.tables.remove(t)
        self._finish_split(host_sec, host, new, at)
        self.doc.warnings.append(Diagnostic(
            f"completeness: table {t.id} held the heading of article {new.title[:40]!r} ({why}); the table "
            f"was dropped and its {len(rows)} rows given back as text", code="completeness", text=new.title))
        return True

    def _owner(self, table: "Table") -> tuple[Any, Article | None]:
        for sec, a in _articles(self.s):
            if any(f in a.fragments for f in table.fragments):
                return sec, a
        return None, None

    def _after(self, bullets: list[Bullet], at: tuple[int, float] | None) -> list[Bullet]:
        """The trailing bullets that stand after ``at`` (bullets are in reading order)."""
        if at is None:
            return []
        for k, b in enumerate(bullets):
            p = self.pos.of(b.text)
            if p is not None and p > at:
                return bullets[k:]
        return []

    @staticmethod
    def _number_of(printed: str, sec, host: Article) -> str | None:
        m = NUMBERED_TITLE.match(printed)
        if m:
            return m.group(1).zfill(2)
        # The one number missing between the host's and the next article's.
        n = _number(host)
        if n is None:
            return None
        k = sec.articles.index(host)
        nxt = _number(sec.articles[k + 1]) if k + 1 < len(sec.articles) else None
        if nxt == n + 2 or nxt is None:
            return f"{n + 1:02d}"
        return None

    def _finish_split(self, sec, host: Article, new: Article, at) -> None:
        """The new article's lead (its first line, where it is one), what of the host's
        tables, figures, references and source stands after the split, and the pages."""
        if new.bullets and self._is_lead(new.bullets[0].text):
            first = new.bullets.pop(0).text.strip()
            if first[:1] in LEAD_MARKS:
                first = first[1:].strip()
            m = LEAD_DATE.search(first)
            if m:
                new.date = resolve_month_day(int(m.group(1)), int(m.group(2)), self.s.date)
                first = first[: m.start()].rstrip()
            new.lead = fold(first)
        if at is not None:
            new.fragments = [f for f in host.fragments if self.pos.frags.get(f, (0, 0)) > at]
            host.fragments = [f for f in host.fragments if f not in new.fragments]
            # A reference whose line stands after the split is the new article's.
            new.references = [r for r in host.references if self.pos.of(r.get("title") or r.get("url") or "", at)]
            host.references = [r for r in host.references if r not in new.references]
            for name in ("notes", "figures"):  # source notes and captions, by the same rule
                mine = [x for x in getattr(host, name) if self.pos.of(x, at)]
                setattr(new, name, mine)
                setattr(host, name, [x for x in getattr(host, name) if x not in mine])
            self._sources(host, new, at)
            new.pages = {p for p in host.pages if p >= at[0]}
            host.pages = {p for p in host.pages if p <= at[0]} or host.pages
        else:
            new.pages = set(host.pages)
        if not new.pages and host.pages:
            new.pages = {max(host.pages)}
        sec.articles.insert(sec.articles.index(host) + 1, new)

    def _is_lead(self, text: str) -> bool:
        text = text.strip()
        if text[:1] in LEAD_MARKS or LEAD_DATE.search(text):
            return True
        i = self.pos.line_of(text)
        return i is not None and self.pos.lines[i].text.strip()[:1] in LEAD_MARKS

    def _sources(self, host: Article, new: Article, at: tuple[int, float]) -> None:
        """The '출처:' lines of the two articles: the last one after the split is the new
        article's, the last one before it the host's (a single source field was written by
        both)."""
        if host.source is None:
            return
        before = after = None
        start = self.pos.of(host.title)
        end = self._next_heading(new, at)
        for ln in self.pos.lines:
            p = (ln.page, ln.top)
            if end is not None and p >= end:
                break
            if start is not None and p < start:
                continue
            parsed = _source_line(ln.text, self.s.date)
            if parsed is None:
                continue
            if p > at:
                after = parsed
            else:
                before = parsed
        if after is None:
            return
        new.source, new.source_date = after
        host.source, host.source_date = before if before else (None, None)
        if before and "source" in (getattr(host, "overwritten", None) or []):
            host.overwritten.remove("source")  # each of the two has its own again

    def _next_heading(self, new: Article, at) -> tuple[int, float] | None:
        arts = [a for _, a in _articles(self.s)]
        titled = [self.pos.of(a.title, at) for a in arts if a is not new]
        later = [p for p in titled if p is not None and p > at]
        return min(later) if later else None


def _given_back(text: str) -> Bullet:
    """A table row given back to the body: a bullet without its marker (a lead keeps its
    mark, so that the split can tell it)."""
    m = BULLET.match(text)
    return Bullet(1, m.group(2) if m and text[:1] not in LEAD_MARKS else text)


def _source_line(text: str, issue_date: str | None) -> tuple[str, str | None] | None:
    """(name, ISO date) of a brief's source line ('출처: 과학망 (07.26)', '(출처: 과학망,
    12.22)', "※ 출처 : 신화망('23.11.09)"), None for other lines."""
    bare = Positions._bare(text)
    if not re.match(r"^[(（]?\s*[*※]?\s*출처\s*[:：]", bare.strip()):
        return None
    m = SOURCE_LINE.match(bare.strip())
    if not m or not fold(m.group(1)):
        return None
    date = None
    tail = bare.strip().rstrip(")）").strip()
    d = re.search(r"(\d{1,2})\s*[.,·/월]\s*(\d{1,2})\s*일?\s*\)?\s*$", tail)
    y = re.search(r"[’'‘`](\d{2})\s*[.]\s*(\d{1,2})\s*[.]\s*(\d{1,2})", tail)
    if y:
        date = iso(2000 + int(y.group(1)), int(y.group(2)), int(y.group(3)))
    elif d:
        date = resolve_month_day(int(d.group(1)), int(d.group(2)), issue_date)
    return fold(m.group(1)), date


def _take_urls(title: str) -> tuple[str, list[str]]:
    """A web address in a recovered heading is the article before's reference, read into the
    same row or line (a brief ends with its source's address)."""
    urls = URL.findall(title)
    for u in urls:
        title = title.replace(u, " ")
    # So is a source label run into it ('title ※ 출처 :'): a heading ends before one.
    m = re.search(r"\s[*※]?\s*출처\s*[:：]", title)
    if m:
        title = title[: m.start()]
    return fold(title), urls


def _strip_number(printed: str) -> str:
    m = NUMBERED_TITLE.match(printed)
    return fold(m.group(2) if m else printed)


# --------------------------------------------------------------------------- the stage


def assess(doc: "Document", settings: CompletenessSettings | None = None) -> dict[str, Any]:
    """Run the checks on ``doc`` (after segment and tables), recovering lost articles where
    the evidence allows; returns the ``completeness`` object."""
    settings = settings or CompletenessSettings()
    s = doc.structure
    if s is None:
        return {"complete": None, "reason": "not segmented", "checks": []}
    signs = bulletin_signs(doc)
    if not s.is_bulletin:
        if not signs:
            return {"complete": None, "reason": "no bulletin structure found (no section banners or articles): "
                                                "nothing to check completeness against", "checks": []}
        # A contents page, and no article: a bulletin whose every article is lost.
        checks = [check_contents(s, settings, doc)[0], check_summary(s, settings)]
        return {"complete": False, "reason": f"no sections or articles found, though the PDF has {' and '.join(signs)} "
                                             "of a bulletin: its articles are lost",
                "checks": [c.to_dict() for c in checks]}
    if not signs:
        # Headings and numbered lines, but neither a contents page nor a section banner a
        # bulletin prints: a report or a form, whose parts the checks would only misread.
        return {"complete": None, "reason": "neither a contents page nor a known section banner: too little of a "
                                            "bulletin to check completeness against", "checks": []}
    contents, lost = check_contents(s, settings, doc)
    recovery = Recovery(doc, settings)
    if lost:
        recovered = [t for _, t in lost if recovery.recover(t)]
        if recovered:
            contents, lost = check_contents(s, settings, doc)
            contents.notes.append(f"recovered {len(recovered)} article(s) split off another article or a table: "
                                  + "; ".join(_short(t, 40) for t in recovered))
    numbered = recovery.recover_numbered()
    numbering = check_numbering(s)
    if numbered:
        numbering.notes.append(f"recovered {len(numbered)} article(s) whose numbered heading stood in a bullet "
                               "or a table row of the article before: " + "; ".join(_short(t, 40) for t in numbered))
    checks = [contents, check_sections(s), numbering, check_summary(s, settings),
              check_counts(s, doc.tables), check_pages(doc.lines, doc.n_pages), check_overwritten(s),
              check_text(doc, settings)]
    failed = [c for c in checks if not c.ok]
    reason = None
    if failed:
        reason = "; ".join(_reason(c) for c in failed)
    return {"complete": not failed, "reason": reason, "checks": [c.to_dict() for c in checks]}


def bulletin_signs(doc: "Document") -> list[str]:
    """What of a bulletin a PDF shows: a contents page, a section banner of the bulletin's
    (특집기사, 정책동향 ...). A summary is not one: any text opening with bullets reads as one."""
    s = doc.structure
    signs = []
    if s.contents or any(CONTENTS_HEAD.match(ln.text.strip()) for ln in doc.lines if ln.page <= 2):
        signs.append("a contents page")
    names = {CONTENTS_SECTION_NUMBER.sub("", sec.name).replace(" ", "") for sec in s.sections}
    if names & set(KNOWN_SECTIONS):
        signs.append("section banners of a bulletin")
    return signs


def _reason(c: Check) -> str:
    what = {"contents": "contents titles not found as articles", "numbering": "article numbers missing or repeated",
            "summary": "summary items without their article", "counts": "tables with fewer or more records than stated",
            "pages": "printed page numbers out of order", "fields": "articles with a field written twice",
            "sections": "sections without articles", "text": "body lines dropped"}[c.check]
    if c.check == "text":
        assert c.expected is not None and c.found is not None  # (a failed text check counted lines)
        return f"{c.expected - c.found} {what}"
    n = len(c.missing) or len(c.notes)
    return f"{n} {what}" + (f" ({', '.join(_short(m, 40) for m in c.missing[:3])})" if c.missing else "")


def summary_line(data: dict[str, Any]) -> str | None:
    """One line for a person when the output is incomplete, else None."""
    comp = data.get("completeness") or {}
    if comp.get("complete") is not False:
        return None
    return f"{data['source']['file']}: incomplete: {comp.get('reason')}"


class CompletenessStage:
    name = "completeness"

    def process_document(self, doc: "Document") -> None:
        doc.completeness = assess(doc, getattr(doc.settings, "completeness", None))
