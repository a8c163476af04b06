#!/usr/bin/env python3
"""Render content files with a second producer: HTML + CSS printed by headless Chromium.

    python samples/render_html.py                 # every samples/content/*.json
    python samples/render_html.py --out DIR X.json
    python samples/render_html.py --producer weasyprint   # or chromium,weasyprint
    python samples/render_html.py --style plain           # another house style (STYLES)
    python samples/render_html.py --font "Noto Sans CJK KR"   # the style's text in another font

Writes ``<stem>.chromium.pdf`` and its golden ``<stem>.chromium.truth.json`` beside the
reportlab renders (``samples/producers/`` by default). The golden's text fields come from the
content, as for make_samples.py; Chromium offers no hook to report where things landed, so
the pages of articles and tables are found the way the shared corpus found them: by locating
each title, caption, row and last element in each page's text (pypdf, not our extractor).

Needs Debian's ``chromium`` (and fonts-nanum / fonts-noto-cjk for the glyphs); without it the
script says so and exits 2.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import make_samples  # noqa: E402  (same content model, same golden rules)

CSS = """
@page { size: A4; margin: 22mm 19mm 20mm 19mm;
  @top-center { content: "중국 과학기술 정책 주간동향"; font-size: 8.5pt; }
  @bottom-center { content: "- " counter(page) " -"; font-size: 9pt; } }
body { font-family: 'NanumGothic', 'Noto Sans CJK KR', sans-serif; font-size: 10pt; line-height: 1.5; }
.cover-en { font-size: 9pt; color: #1f3a5f; } .cover-title { font-size: 26pt; color: #1f3a5f; margin: 0; }
.date { font-size: 12pt; } .contents { font-size: 16pt; color: #1f3a5f; margin-top: 18pt; }
.csec { font-weight: bold; font-size: 11pt; margin: 4pt 0 0 0; } .ctitle { margin: 0 0 0 18pt; }
.page { break-before: page; }
.banner { background: #1f3a5f; color: white; font-weight: bold; font-size: 15pt; padding: 3pt 8pt; }
.title { font-weight: bold; font-size: 13pt; margin: 12pt 0 4pt 0; }
.lead { font-weight: bold; font-size: 10.5pt; margin: 4pt 0; }
.b1, .b2, .b3 { margin: 2pt 0; text-indent: -10pt; } .b1 { padding-left: 12pt; } .b2 { padding-left: 26pt; }
.b3 { padding-left: 40pt; }
.caption { text-align: center; font-weight: bold; font-size: 9.5pt; margin: 8pt 0 3pt 0; }
table { border-collapse: collapse; width: 100%; font-size: 8.6pt; }
td, th { border: 0.6pt solid #333; padding: 2pt 4pt; vertical-align: middle; }
th { background: #d9dde3; } thead { display: table-header-group; } tr { break-inside: avoid; }
.split { border-left: 1.6pt solid #000; }
.note { font-size: 8.5pt; margin: 2pt 0; } .refhead { font-weight: bold; font-size: 9pt; margin-top: 8pt; }
.ref { font-size: 8.8pt; margin: 1pt 0; } .src { text-align: right; font-size: 9pt; margin: 0; }
.chart { width: 200pt; height: 110pt; margin: 4pt auto; border-left: 1pt solid #000; border-bottom: 1pt solid #000;
  display: flex; align-items: flex-end; gap: 12pt; padding-left: 12pt; }
.bar { width: 18pt; background: #8da0b8; }
"""


# House styles other than the default: the same content laid out the way another publisher
# might, to check that the extractor's heuristics are not fitted to one stylesheet. Each is
# appended to CSS, so it only says what it changes.
STYLES = {
    "default": "",
    # Letter paper, a serif face, tables ruled by horizontal lines only (no column rules, no
    # shading), banners as underlined headings, the running header at the right.
    "plain": """
@page { size: Letter; margin: 16mm 22mm 18mm 22mm;
  @top-center { content: none; } @top-right { content: "중국 과학기술 정책 주간동향"; font-size: 8pt; }
  @bottom-center { content: counter(page); font-size: 9pt; } }
body { font-family: 'NanumMyeongjo', 'Noto Serif CJK KR', serif; font-size: 10.5pt; line-height: 1.35; }
.banner { background: none; color: #000; border-bottom: 2pt solid #000; padding: 2pt 0; font-size: 14pt; }
.caption { text-align: left; }
table { border-top: 1.2pt solid #000; border-bottom: 1.2pt solid #000; }
td, th { border: none; padding: 2.5pt 5pt; }
th { background: none; border-bottom: 0.8pt solid #000; }
.split { border-left: none; padding-left: 14pt; }
""",
    # Korean wrapped at spaces only (word-break: keep-all, common in Korean web styles): no
    # word is cut at a line end, as in a word processor set to wrap whole words.
    "keepall": """
body { word-break: keep-all; }
""",
    # Body text justified to both edges (common in Korean reports): word spaces stretch,
    # and every wrapped line reaches the right edge.
    "justify": """
.b1, .b2, .b3, .lead, .note { text-align: justify; }
""",
    # A5 pages: tables break over many pages, their rows with them (tr may break here).
    "a5": """
@page { size: A5; margin: 12mm 10mm 12mm 10mm; }
body { font-size: 9pt; }
tr { break-inside: auto; }
""",
    # A smaller page (B5) in a rounder sans face, dark header cells with white text, a thick
    # frame and roomy cells, centred section banners.
    "boxed": """
@page { size: B5; margin: 15mm 14mm 16mm 14mm; }
body { font-family: 'NanumBarunGothic', 'Noto Sans CJK KR', sans-serif; font-size: 9.5pt; line-height: 1.6; }
.banner { text-align: center; background: #444; }
table { border: 1.5pt solid #000; font-size: 8.2pt; }
td, th { padding: 4pt 5pt; border: 0.4pt solid #555; }
th { background: #333; color: #fff; }
""",
}


def e(text: str) -> str:
    return html.escape(text, quote=False)


def _cells(value) -> str:
    return "<br>".join(e(v) for v in value) if isinstance(value, list) else e(value)


def table_html(block: dict) -> str:
    merge = set(block.get("merge_cols") or [])
    head, _, parts = make_samples.printed_layout(block)
    k = len(block["header"][-1])
    out = []
    for n, part in enumerate(parts):
        cls = ' class="page"' if n else ""
        ths = "".join(f'<th{" class=split" if block.get("layout") == "twoup" and c == k else ""}>{e(h)}</th>'
                      for c, h in enumerate(head))
        body = []
        for r, row in enumerate(part):
            tds = []
            for c, value in enumerate(row):
                if c in merge:
                    if r and part[r - 1][c] == value:
                        continue  # covered by the rowspan above
                    span = 1
                    while r + span < len(part) and part[r + span][c] == value:
                        span += 1
                    tds.append(f'<td rowspan="{span}">{_cells(value)}</td>')
                    continue
                split = ' class="split"' if block.get("layout") == "twoup" and c == k else ""
                tds.append(f"<td{split}>{_cells(value)}</td>")
            body.append("<tr>" + "".join(tds) + "</tr>")
        out.append(f"<table{cls}><thead><tr>{ths}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    return "".join(out)


def article_html(article: dict, brief: bool) -> str:
    lead = article["lead"]
    if article.get("date_md"):
        md = article["date_md"].replace(".", article.get("date_sep") or ".")
        lead = f"{lead}{' ' if article.get('lead_space', True) else ''}({md})"
    out = [f'<p class="title">{e(article["no"])} {e(article["title"])}</p>', f'<p class="lead">■ {e(lead)}</p>']
    for k, block in enumerate(article["blocks"]):
        t = block["t"]
        if t == "bullet":
            out.append(f'<p class="b{block["level"]}">{e(block["marker"])} {e(block["text"])}</p>')
        elif t == "sublead":
            out.append(f'<p class="lead">■ {e(block["text"])}</p>')
        elif t == "note":
            out.append(f'<p class="note">{e(block["text"])}</p>')
        elif t == "figure":
            bars = "".join(f'<div class="bar" style="height:{20 + (k * 37 + j * 53) % 80}pt"></div>' for j in range(6))
            out.append(f'<p class="caption">〈{e(block["caption"])}〉</p><div class="chart">{bars}</div>')
        elif t == "table":
            out.append(f'<p class="caption">〈{e(block["caption"])}〉</p>' + table_html(block))
            if block.get("source_note"):
                out.append(f'<p class="note">* 출처: {e(block["source_note"])}</p>')
            out += [f'<p class="note">{e(n)}</p>' for n in block.get("notes") or []]
    if brief and article.get("source"):
        src = article["source"]
        out.append(f'<p class="src">출처: {e(src["name"])} ({e(src["md"])})</p><p class="src">{e(src["url"])}</p>')
    if article.get("references"):
        out.append('<p class="refhead">참고자료</p>')
        out += [f'<p class="ref">☞ {e(r["title"])} {e(r["url"])}</p>' for r in article["references"]]
    return "".join(out)


def document_html(c: dict, style: str = "default", font: str | None = None) -> str:
    parts = [f'<p class="cover-en">{e(c.get("publisher_en", ""))}</p>',
             '<p class="cover-title">중국 과학기술 정책</p><p class="cover-title">주/간/동/향</p>',
             f'<p class="date">{e(make_samples.printed_date(c["date"]))}</p><p class="contents">CONTENTS</p>']
    for k, sec in enumerate([s for s in c["sections"] if s.get("in_contents")], start=1):
        parts.append(f'<p class="csec">{k}. {e(sec["name"])}</p>')
        parts += [f'<p class="ctitle">- {e(a["title"])}</p>' for a in sec["articles"]]
    parts.append('<div class="page">' + "".join(f'<p class="b1">- {e(s)}</p>' for s in c["summary"]) + "</div>")
    for sec in c["sections"]:
        brief = any(a.get("source") for a in sec["articles"])
        parts.append(f'<div class="page"><div class="banner">{e(sec["name"])}</div>'
                     + "".join(article_html(a, brief) for a in sec["articles"]) + "</div>")
    colophon = [("발 행 일", make_samples.printed_date(c["date"])), ("발 행 인", c["issuer"]),
                ("발행기관", c["publisher"]), ("발 행 처", f"주소 : {c['address']}")]
    parts.append(f'<div class="page"><p class="cover-en">{e(c.get("publisher_en", ""))}</p>'
                 '<p class="contents">중국 과학기술 정책 주/간/동/향</p>'
                 + "".join(f"<p>{e(label)} {e(value)}</p>" for label, value in colophon)
                 + f'<p style="margin-left:46pt">TEL: {e(c["tel"])}</p>'
                 f'<p style="margin-left:46pt">{e(c["url"])}</p></div>')
    css = CSS + STYLES[style] + (f"body, table, td, th {{ font-family: '{font}'; }}" if font else "")
    return f'<!doctype html><html lang="ko"><head><meta charset="utf-8"><style>{css}</style></head><body>' \
           + "".join(parts) + "</body></html>"


# --------------------------------------------------------------------------- pages by text search


def _norm(text: str) -> str:
    # Chromium's fonts map the space glyph to U+0001 and some ideographs to Kangxi radicals
    # (⼼ for 心): drop control characters with spaces, and fold the radicals.
    from extract.glyphs.clean import _RADICAL_CHARACTERS  # the same table of radical forms

    text = "".join(_RADICAL_CHARACTERS.get(c) or unicodedata.normalize("NFKC", c) if 0x2E80 <= ord(c) <= 0x2FDF
                   else c for c in text)
    return re.sub(r"[\s\x00-\x1f]+", "", text)


def locate_pages(content: dict, pdf: Path) -> dict[str, set[int]]:
    """Pages of each article and table, found in each page's text (pypdf's, and
    pdfplumber's plain extract_text where pypdf garbles a line: LibreOffice draws ideographs
    set in a fallback font right to left, and only an extractor that sorts glyphs by
    position reads them in order)."""
    import pdfplumber
    from pypdf import PdfReader

    with pdfplumber.open(str(pdf)) as doc:
        texts = [_norm(p.extract_text() or "") + "|" + _norm(q.extract_text() or "")
                 for p, q in zip(PdfReader(str(pdf)).pages, doc.pages)]

    def find(snippet: str, start: int, length: int = 24) -> int:
        s = _norm(snippet)[:length]
        for k in range(start, len(texts)):
            if s and s in texts[k]:
                return k + 1
        raise LookupError(f"not found in {pdf.name} from page {start + 1}: {snippet[:30]!r}")

    pages: dict[str, set[int]] = {}
    cursor = 0
    for si, sec in enumerate(content["sections"]):
        for ai, art in enumerate(sec["articles"]):
            first = find(f"{art['no']}{art['title']}", cursor)  # the number: not the contents line
            last = first
            for block in art["blocks"]:
                if block["t"] == "bullet":
                    last = find(block["text"], last - 1)
                elif block["t"] == "table":
                    rows = [[make_samples.cell_text(v) for v in r] for r in block["rows"]]
                    start = find(block["caption"], last - 1)
                    end = start
                    for row in rows:
                        # a cell's lines interleave with its neighbours' in the page text:
                        # look for the start of the row's longest cell only; a two-up list
                        # is not in page order, so each row is looked for from the caption on
                        longest = max(row, key=len)
                        if block.get("layout") != "twoup" and row[0].strip().isdigit() and len(row) > 1:
                            # a numbered row, in page order: its number and the start of its
                            # next cell, from the row before's page (a row may repeat another's
                            # text, a number does not)
                            key = re.compile(r"(?<!\d)" + re.escape(_norm(row[0] + row[1])[:len(row[0]) + 6]))
                            hit = next((k + 1 for k in range(end - 1, len(texts)) if key.search(texts[k])), None)
                            if hit:
                                end = max(end, hit)
                                continue
                        end = max(end, find(longest, start - 1, 8))
                    if rows and block.get("layout") != "twoup":
                        # the last row may run over onto the next page: the table is on the
                        # page where its longest cell ends too
                        tail = _norm(max(rows[-1], key=len))[-8:]
                        hit = next((k + 1 for k in range(end - 1, len(texts)) if len(tail) == 8 and tail in texts[k]),
                                   None)
                        end = max(end, hit or end)
                    pages["table:" + block["id"]] = set(range(start, end + 1))
                    last = end
            ends = [r["url"] for r in art.get("references") or []] + (
                [art["source"]["url"]] if art.get("source") else [])
            for url in ends:
                last = max(last, find(url, last - 1))
            pages[f"article:{si}:{ai}"] = set(range(first, last + 1))
            cursor = first - 1
    return pages


def _print_chromium(page: Path, pdf: Path, tmp: str) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()],
                   check=True, capture_output=True, timeout=180)


def _print_weasyprint(page: Path, pdf: Path, tmp: str) -> None:
    import weasyprint

    weasyprint.HTML(filename=str(page)).write_pdf(str(pdf))


def _print_libreoffice(page: Path, pdf: Path, tmp: str) -> None:
    # LibreOffice Writer reads the HTML itself (tables, spans, borders; little of the CSS)
    # and lays the pages out its own way.
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/lo-profile",
                    "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", tmp, str(page)],
                   check=True, capture_output=True, timeout=300)
    shutil.move(str(Path(tmp) / (page.stem + ".pdf")), str(pdf))


PRODUCERS = {"chromium": _print_chromium, "weasyprint": _print_weasyprint, "libreoffice": _print_libreoffice}


def _missing(producer: str) -> str | None:
    """Why ``producer`` cannot run here, or None."""
    if producer == "chromium":
        if not (shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")):
            return "Chromium is not installed (apt-get install chromium fonts-nanum fonts-noto-cjk)"
    elif producer == "libreoffice":
        if not (shutil.which("soffice") or shutil.which("libreoffice")):
            return "LibreOffice is not installed (apt-get install libreoffice-writer fonts-nanum)"
    elif producer == "weasyprint":
        try:
            import weasyprint  # noqa: F401
        except (ImportError, OSError) as exc:  # OSError: Pango missing
            return f"WeasyPrint cannot be imported ({exc}); pip install weasyprint (needs Debian's libpango)"
    else:
        return f"unknown producer {producer!r}; choose from {', '.join(PRODUCERS)}"
    return None


def main(argv: list[str]) -> int:
    out_dir = HERE / "producers"
    producers = ["chromium"]
    if "--out" in argv:
        k = argv.index("--out")
        out_dir = Path(argv[k + 1])
        argv = argv[:k] + argv[k + 2:]
    style = "default"
    if "--style" in argv:
        k = argv.index("--style")
        style = argv[k + 1]
        argv = argv[:k] + argv[k + 2:]
        if style not in STYLES:
            print(f"render_html.py: unknown style {style!r}; choose from {', '.join(STYLES)}", file=sys.stderr)
            return 2
    font = None
    if "--font" in argv:
        k = argv.index("--font")
        font = argv[k + 1]
        argv = argv[:k] + argv[k + 2:]
    if "--producer" in argv:
        k = argv.index("--producer")
        producers = argv[k + 1].split(",")
        argv = argv[:k] + argv[k + 2:]
    for producer in producers:
        why = _missing(producer)
        if why:
            print(f"render_html.py: {why}", file=sys.stderr)
            return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    for producer in producers:
        for path in [Path(a) for a in argv] or sorted((HERE / "content").glob("*.json")):
            content = json.loads(path.read_text(encoding="utf-8"))
            name = producer if style == "default" else f"{producer}-{style}"
            if font:
                name += "-" + font.lower().replace(" ", "")
            pdf = out_dir / f"{path.stem}.{name}.pdf"
            with tempfile.TemporaryDirectory() as tmp:
                page = Path(tmp) / "issue.html"
                page.write_text(document_html(content, style, font), encoding="utf-8")
                PRODUCERS[producer](page, pdf, tmp)
            make_samples.RECORD.pages.clear()
            make_samples.RECORD.pages.update(locate_pages(content, pdf))
            gold = make_samples.truth(content, pdf)
            (out_dir / f"{path.stem}.{name}.truth.json").write_text(
                json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"{pdf.name}: {gold['source']['pages']} pages, {len(gold['tables'])} tables")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
