#!/usr/bin/env python3
"""Render the project's own sample bulletins and compute their goldens from the content.

    python samples/make_samples.py            # every samples/content/*.json
    python samples/make_samples.py X.json     # one content file
    python samples/make_samples.py --out DIR  # write elsewhere (the tests compare)

For each content file ``samples/content/<stem>.json`` (the content model of
``../shared/corpus/kostec/*.content.json``) this writes

- ``samples/<stem>.reportlab.pdf``: the issue laid out like the bulletin with reportlab and
  its built-in CID fonts (HYSMyeongJo-Medium for Korean, STSong-Light for the Hanzi the Korean
  font lacks, Helvetica for the few Latin-1 signs neither CID font has); bytes are
  deterministic (reportlab's invariant mode);
- ``samples/<stem>.reportlab.truth.json``: the golden in the contract's format. Every text
  field comes from the content; only ``source`` and the ``pages`` of articles and tables come
  from the rendering, recorded by reportlab itself while it places each flowable. The
  extractor is never run here.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

rl_config.invariant = 1  # same content -> same bytes -> same sha256

HERE = Path(__file__).resolve().parent
KO, ZH, LATIN = "HYSMyeongJo-Medium", "STSong-Light", "Helvetica"
PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 54, 72, 60
TEXT_W = PAGE_W - 2 * MARGIN_X
RUNNING_HEADER = "중국 과학기술 정책 주간동향"

for _name in (KO, ZH):
    pdfmetrics.registerFont(UnicodeCIDFont(_name))


# --------------------------------------------------------------------------- fonts


def _coverage():
    """Which characters each CID font can encode, from the CMaps pdfminer ships."""
    from pdfminer.cmapdb import CMapDB

    maps = {KO: CMapDB.get_cmap("UniKS-UCS2-H"), ZH: CMapDB.get_cmap("UniGB-UCS2-H")}
    cache: dict[tuple[str, str], bool] = {}

    def covers(font: str, ch: str) -> bool:
        key = (font, ch)
        if key not in cache:
            try:
                code = ch.encode("utf-16-be")
                cache[key] = len(code) == 2 and any(cid for cid in maps[font].decode(code))
            except Exception:
                cache[key] = False
        return cache[key]

    return covers


COVERS = _coverage()
MISSING: set[str] = set()
# Signs whose glyph in the Korean font extracts as another character (pdfminer maps the CID
# back through Adobe-Korea1): drawn from the Chinese or Latin font instead.
KO_MISMAPPED = set("–—")


def font_for(ch: str) -> str:
    if ch.isspace():
        return KO
    if "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e":
        return KO
    if "\u4e00" <= ch <= "\u9fff" and COVERS(ZH, ch):
        return ZH
    if ch not in KO_MISMAPPED and COVERS(KO, ch):
        return KO
    if COVERS(ZH, ch):
        return ZH
    try:
        ch.encode("cp1252")
        return LATIN
    except UnicodeEncodeError:
        MISSING.add(ch)
        return KO


def markup(text: str) -> str:
    """Paragraph markup with each run of characters in a font that has them."""
    out, run, font = [], "", None
    for ch in text:
        f = font_for(ch)
        if f != font and run:
            out.append(_run(run, font))
            run = ""
        font = f
        run += ch
    if run:
        out.append(_run(run, font))
    return "".join(out)


def _run(text: str, font: str) -> str:
    return f'<font name="{font}">{escape(text)}</font>'


def style(name: str, size: float, leading: float | None = None, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=KO, fontSize=size, leading=leading or size * 1.45, **kw)


BODY = style("body", 10)
SUMMARY = style("summary", 10.5, leftIndent=14, firstLineIndent=-14)
TITLE = style("title", 13, spaceBefore=14, spaceAfter=8)
LEAD = style("lead", 10.5, spaceAfter=6)
CAPTION = style("caption", 9.5, alignment=TA_CENTER, spaceBefore=6, spaceAfter=4)
CELL = style("cell", 8.5, 11.5)
NOTE = style("note", 8.5, 11.5)
REF_HEAD = style("refhead", 9, spaceBefore=8)
REF = style("ref", 8.8, 12.5)
SOURCE = style("source", 9, alignment=TA_RIGHT)
BULLETS = {level: style(f"bullet{level}", 10, leftIndent=12 + 14 * (level - 1),
                        firstLineIndent=-10, spaceBefore=2) for level in (1, 2, 3)}


# --------------------------------------------------------------------------- page records


class Record:
    """Pages on which each keyed flowable was drawn, noted by the flowables themselves."""

    def __init__(self):
        self.pages: dict[str, set[int]] = {}

    def note(self, keys, page: int) -> None:
        for key in keys:
            self.pages.setdefault(key, set()).add(page)


RECORD = Record()
#: The section whose banner was drawn last on each page (for running headers that name it).
SECTION_ON_PAGE: dict[int, str] = {}
_CLASSES: dict[tuple, type] = {}


def marked(base: type, *keys: str) -> type:
    """A subclass of ``base`` whose instances (and the pieces reportlab splits them into,
    which are made with ``self.__class__``) note their page under ``keys`` when drawn."""
    ident = (base, keys)
    if ident not in _CLASSES:
        def draw(self, _base=base):
            RECORD.note(type(self).record_keys, self.canv.getPageNumber())
            return _base.draw(self)
        _CLASSES[ident] = type(f"Marked{base.__name__}", (base,), {"record_keys": keys, "draw": draw})
    return _CLASSES[ident]


class Banner(Flowable):
    """A section banner: the name in white on a dark band across the text width."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def wrap(self, aw, ah):
        return TEXT_W, 34

    def draw(self):
        c = self.canv
        SECTION_ON_PAGE[c.getPageNumber()] = self.text
        c.setFillColor(colors.HexColor("#1f3a5f"))
        c.rect(0, 4, TEXT_W, 26, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(KO, 15)
        c.drawString(8, 11, self.text)
        c.setFillColor(colors.black)


class Chart(Flowable):
    """A figure: bars drawn as vector graphics, no text inside."""

    def __init__(self, seed: int):
        super().__init__()
        self.seed = seed

    def wrap(self, aw, ah):
        return TEXT_W, 120

    def draw(self):
        d = Drawing(200, 110)
        d.add(Line(0, 0, 200, 0))
        d.add(Line(0, 0, 0, 110))
        for k in range(6):
            h = 20 + ((self.seed * 37 + k * 53) % 80)
            d.add(Rect(15 + k * 30, 0, 18, h, fillColor=colors.HexColor("#8da0b8"), strokeColor=None))
        d.drawOn(self.canv, (TEXT_W - 200) / 2, 5)


# --------------------------------------------------------------------------- content -> flowables


def printed_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.year}. {d.month}. {d.day}"


def resolve_md(md: str, issue_date: str) -> str:
    month, day = (int(x) for x in re.split(r"[.,]", md))
    issue = dt.date.fromisoformat(issue_date)
    year = issue.year - 1 if month > issue.month + 2 else issue.year
    return dt.date(year, month, day).isoformat()


def cell_text(value) -> str:
    return " ".join(value) if isinstance(value, list) else value


def _col_widths(header: list[str], rows: list[list], total: float) -> list[float]:
    n = len(header)
    weights = []
    for k in range(n):
        longest = max([len(cell_text(r[k])) for r in rows] + [len(header[k])])
        weights.append(min(longest, 36) + 4)
    return [total * w / sum(weights) for w in weights]


def printed_layout(block: dict) -> tuple[list[str], list[list], list[list[list]]]:
    """How a table block is printed: its header row, its printed rows (a two-up list puts
    the first half left and the rest right) and those rows split into page parts before
    each ``break_before`` (1-based printed row numbers)."""
    header = block["header"][-1]
    rows = block["rows"]
    if block.get("layout") == "twoup":
        half = math.ceil(len(rows) / 2)
        left, right = rows[:half], rows[half:]
        printed = [list(left[i]) + (list(right[i]) if i < len(right) else [""] * len(header)) for i in range(half)]
        head = header + header
    else:
        printed, head = [list(r) for r in rows], list(header)
    parts, start = [], 0
    for b in sorted(block.get("break_before") or []):
        parts.append(printed[start:b - 1])
        start = b - 1
    parts.append(printed[start:])
    return head, printed, parts


def _table_flowables(block: dict, keys: tuple[str, ...]) -> list:
    twoup = block.get("layout") == "twoup"
    merge_cols = set(block.get("merge_cols") or [])
    head, printed, parts = printed_layout(block)
    widths = _col_widths(head, printed, TEXT_W)
    cls = marked(Table, *keys)
    out = []
    for k, part in enumerate(parts):
        if k:
            out.append(PageBreak())
        data = [[Paragraph(markup(h), CELL) for h in head]]
        spans = []
        for c in merge_cols:
            r = 0
            while r < len(part):
                r2 = r
                while r2 + 1 < len(part) and part[r2 + 1][c] == part[r][c]:
                    r2 += 1
                if r2 > r:
                    spans.append(("SPAN", (c, r + 1), (c, r2 + 1)))
                r = r2 + 1
        for r, row in enumerate(part):
            cells = []
            for c, value in enumerate(row):
                lines = value if isinstance(value, list) else [value]
                covered = any(s[1][0] == c and s[1][1] < r + 1 <= s[2][1] for s in spans)
                text = "" if covered else "<br/>".join(markup(x) for x in lines)
                cells.append(Paragraph(text, CELL))
            data.append(cells)
        st = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
              ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9dde3")),
              ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *spans]
        if twoup:
            st.append(("LINEAFTER", (len(head) // 2 - 1, 0), (len(head) // 2 - 1, -1), 1.6, colors.black))
        out.append(cls(data, colWidths=widths, repeatRows=1, style=TableStyle(st)))
    return out


def article_flowables(section: dict, article: dict, akey: str, content: dict, brief: bool) -> list:
    A = lambda base: marked(base, akey)  # noqa: E731
    out = [A(Paragraph)(markup(f"{article['no']} {article['title']}"), TITLE)]
    lead = article["lead"]
    if article.get("date_md"):
        md = article["date_md"].replace(".", article.get("date_sep") or ".")
        lead = f"{lead}{' ' if article.get('lead_space', True) else ''}({md})"
    out.append(A(Paragraph)(markup(f"■ {lead}"), LEAD))
    figure_seed = 0
    for block in article["blocks"]:
        t = block["t"]
        if t == "bullet":
            out.append(A(Paragraph)(markup(f"{block['marker']} {block['text']}"), BULLETS[block["level"]]))
        elif t == "sublead":
            out.append(A(Paragraph)(markup(f"■ {block['text']}"), LEAD))
        elif t == "note":
            out.append(A(Paragraph)(markup(block["text"]), NOTE))
        elif t == "figure":
            figure_seed += 1
            out.append(A(Paragraph)(markup(f"〈{block['caption']}〉"), CAPTION))
            out.append(A(Chart)(figure_seed))
        elif t == "table":
            # The caption's page is one of the table's pages, as the shared corpus counts them
            # (a caption left at the foot of a page is where a reader finds the table).
            out.append(marked(Paragraph, akey, "table:" + block["id"])(markup(f"〈{block['caption']}〉"), CAPTION))
            out += _table_flowables(block, (akey, "table:" + block["id"]))
            if block.get("source_note"):
                out.append(A(Paragraph)(markup(f"* 출처: {block['source_note']}"), NOTE))
            for note in block.get("notes") or []:
                out.append(A(Paragraph)(markup(note), NOTE))
            out.append(Spacer(1, 6))
    if brief and article.get("source"):
        src = article["source"]
        out.append(A(Paragraph)(markup(f"출처: {src['name']} ({src['md']})"), SOURCE))
        out.append(A(Paragraph)(markup(src["url"]), SOURCE))
    if article.get("references"):
        out.append(A(Paragraph)(markup("참고자료"), REF_HEAD))
        for ref in article["references"]:
            out.append(A(Paragraph)(markup(f"☞ {ref['title']} {ref['url']}"), REF))
    return out


def story(content: dict) -> list:
    s = [Paragraph(markup(content.get("publisher_en", "")), style("en", 9)), Spacer(1, 14),
         Paragraph(markup("중국 과학기술 정책"), style("cover1", 26, 34)),
         Paragraph(markup("주/간/동/향"), style("cover2", 26, 34)), Spacer(1, 12),
         Paragraph(markup(printed_date(content["date"])), style("date", 12)), Spacer(1, 24),
         Paragraph(markup("CONTENTS"), style("contents", 16, spaceAfter=8))]
    numbered = [sec for sec in content["sections"] if sec.get("in_contents")]
    for k, sec in enumerate(numbered, start=1):
        s.append(Paragraph(markup(f"{k}. {sec['name']}"), style("csec", 11, spaceBefore=4)))
        for art in sec["articles"]:
            s.append(Paragraph(markup(f"- {art['title']}"), style("ctitle", 10, leftIndent=26, firstLineIndent=-8)))
    s.append(PageBreak())
    for item in content["summary"]:
        s.append(Paragraph(markup(f"- {item}"), SUMMARY))
        s.append(Spacer(1, 6))
    for si, section in enumerate(content["sections"]):
        s.append(PageBreak())
        s.append(Banner(section["name"]))
        brief = any(a.get("source") for a in section["articles"])
        for ai, article in enumerate(section["articles"]):
            s += article_flowables(section, article, f"article:{si}:{ai}", content, brief)
    s.append(PageBreak())
    s += [Paragraph(markup(content.get("publisher_en", "")), style("en2", 9)),
          Paragraph(markup("중국 과학기술 정책 주/간/동/향"), style("colo", 16, 24, spaceAfter=10))]
    colophon = [("발 행 일", printed_date(content["date"])), ("발 행 인", content["issuer"]),
                ("발행기관", content["publisher"]), ("발 행 처", f"주소 : {content['address']}")]
    for label, value in colophon:
        s.append(Paragraph(markup(f"{label} {value}"), style("colo-line", 10, 16)))
    s.append(Paragraph(markup(f"TEL: {content['tel']}"), style("colo-tel", 10, 16, leftIndent=46)))
    s.append(Paragraph(markup(content["url"]), style("colo-url", 10, 16, leftIndent=46)))
    return s


def _decorate(canvas, doc):
    canvas.saveState()
    canvas.setFont(KO, 8.5)
    canvas.drawCentredString(PAGE_W / 2, PAGE_H - 40, RUNNING_HEADER)
    canvas.setFont(LATIN, 9)
    canvas.drawCentredString(PAGE_W / 2, 30, f"- {doc.page} -")
    canvas.restoreState()


def _section_at(page: int) -> str | None:
    """The section in effect at the end of ``page``: the last banner drawn so far."""
    before = [p for p in SECTION_ON_PAGE if p <= page]
    return SECTION_ON_PAGE[max(before)] if before else None


def render(content: dict, pdf_path: Path, running_header=None) -> None:
    """Lay the issue out into ``pdf_path``. ``running_header(page, section)``, if given,
    returns the header text of each page (drawn once the page is laid out, so it can name
    the section the page ends in) instead of the fixed RUNNING_HEADER."""
    SECTION_ON_PAGE.clear()
    on_page, on_page_end = _decorate, None
    if running_header is not None:
        def on_page(canvas, doc):
            canvas.saveState()
            canvas.setFont(LATIN, 9)
            canvas.drawCentredString(PAGE_W / 2, 30, f"- {doc.page} -")
            canvas.restoreState()

        def on_page_end(canvas, doc):
            canvas.saveState()
            canvas.setFont(KO, 8.5)
            canvas.drawString(MARGIN_X, PAGE_H - 40, running_header(doc.page, _section_at(doc.page)))
            canvas.restoreState()
    doc = BaseDocTemplate(str(pdf_path), pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                          title=f"{content['series']} {content['date']}", author="bulletin-extract samples",
                          invariant=1)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, TEXT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body")
    template = PageTemplate(id="page", frames=[frame], onPage=on_page) if on_page_end is None else \
        PageTemplate(id="page", frames=[frame], onPage=on_page, onPageEnd=on_page_end)
    doc.addPageTemplates([template])
    doc.build(story(content))


# --------------------------------------------------------------------------- golden from content


def _records(kind: str, header: list[str], rows: list[list[str]]) -> list[dict]:
    col = {h: k for k, h in enumerate(header)}

    def find(*names, default):
        for name in names:
            for h, k in col.items():
                if name in h.replace(" ", ""):
                    return k
        return default

    if kind == "drug_approvals":
        p, c = find("제품명", default=1), find("기업", default=2)
        t, i = find("유형", default=3), find("적응증", default=4)
        return [{"no": int(r[0]), "product": r[p], "company": r[c], "type": r[t], "indication": r[i]} for r in rows]
    if kind == "device_approvals":
        p, c = find("제품명", default=1), find("기업", default=2)
        return [{"no": int(r[0]), "product": r[p], "company": r[c]} for r in rows]
    if kind == "compute_platforms":
        n, d = find("플랫폼", default=1), find("내용", default=2)
        return [{"no": int(r[0]), "name": r[n],
                 "details": [x.lstrip("•").strip() for x in (r[d] if isinstance(r[d], list) else [r[d]])]}
                for r in rows]
    if kind == "country_rankings":
        tier, rank, country, score = find("등급", default=0), find("순위", default=1), find("국가", default=2), \
            find("득점", "점수", default=3)
        return [{"rank": int(r[rank]), "country": r[country], "score": float(r[score]), "tier": r[tier]} for r in rows]
    return []


def truth(content: dict, pdf_path: Path) -> dict:
    data = pdf_path.read_bytes()
    from pypdf import PdfReader

    n_pages = len(PdfReader(str(pdf_path)).pages)
    date = content["date"]
    sections, tables = [], []
    for si, section in enumerate(content["sections"]):
        articles = []
        for ai, art in enumerate(section["articles"]):
            bullets, table_ids, figures = [], [], []
            for block in art["blocks"]:
                if block["t"] == "bullet":
                    bullets.append({"level": block["level"], "text": block["text"]})
                elif block["t"] == "sublead":
                    bullets.append({"level": 1, "text": block["text"]})
                elif block["t"] == "figure":
                    figures.append(block["caption"])
                elif block["t"] == "table":
                    table_ids.append(block["id"])
                    rows = [[cell_text(v) for v in r] for r in block["rows"]]
                    header = block["header"]
                    tables.append({
                        "id": block["id"], "kind": block["kind"], "caption": block["caption"],
                        "source_note": block.get("source_note"), "header": header, "rows": rows,
                        "records": _records(block["kind"], header[-1], block["rows"]),
                        "pages": sorted(RECORD.pages["table:" + block["id"]]),
                    })
            pages = RECORD.pages[f"article:{si}:{ai}"]
            src = art.get("source")
            refs = [dict(r) for r in art.get("references") or []]
            if src:
                refs.append({"title": "", "url": src["url"]})
            articles.append({
                "title": art["title"], "lead": art["lead"],
                "date": resolve_md(art["date_md"], date) if art.get("date_md") else None,
                "bullets": bullets, "tables": table_ids, "figures": figures, "references": refs,
                "source": src["name"] if src else None,
                "source_date": resolve_md(src["md"], date) if src else None,
                "pages": list(range(min(pages), max(pages) + 1)),
            })
        sections.append({"name": section["name"], "articles": articles})
    return {
        "schema_version": "1.0",
        "source": {"file": pdf_path.name, "sha256": hashlib.sha256(data).hexdigest(), "pages": n_pages},
        "issue": {k: content.get(k) for k in ("series", "date", "publisher", "issuer", "address", "tel", "url")},
        "contents": [{"section": s["name"], "titles": [a["title"] for a in s["articles"]]}
                     for s in content["sections"] if s.get("in_contents")],
        "summary": content["summary"],
        "sections": sections,
        "tables": tables,
        "entities": content.get("entities", []),
        "warnings": [],
    }


def main(argv: list[str]) -> int:
    out_dir = HERE
    if "--out" in argv:
        k = argv.index("--out")
        out_dir = Path(argv[k + 1])
        argv = argv[:k] + argv[k + 2:]
    files = [Path(a) for a in argv] or sorted((HERE / "content").glob("*.json"))
    for path in files:
        RECORD.pages.clear()
        content = json.loads(path.read_text(encoding="utf-8"))
        pdf = out_dir / f"{path.stem}.reportlab.pdf"
        render(content, pdf)
        gold = truth(content, pdf)
        (out_dir / f"{path.stem}.reportlab.truth.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{pdf.name}: {gold['source']['pages']} pages, {len(gold['tables'])} tables, "
              f"{sum(len(s['articles']) for s in gold['sections'])} articles")
    if MISSING:
        print(f"warning: no font here has {''.join(sorted(MISSING))!r}; those characters are not drawn",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
