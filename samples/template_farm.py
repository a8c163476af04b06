#!/usr/bin/env python3
"""A template farm: the same content laid out in many plausible Korean report templates.

    python samples/template_farm.py --out /work/farm/second --preset second [CONTENT.json ...]
    python samples/template_farm.py --out /work/farm/random --n 300 --seed 1 [--jobs 2]
    python samples/template_farm.py --out DIR --n 300 --seed 1 --only r1-0007,r1-0011   # again, those
    python samples/template_farm.py --html [--preset P] X.json   # print one template's HTML

render_html.py varies the house style with a few stylesheets; this varies the TEMPLATE: the
cover and its date format, the contents and summary pages, article headings, lead, bullet and
reference markers, how briefs run on, section banners, table rules, fonts, paper, margins and
the producer (Chromium, WeasyPrint, LibreOffice). A template is a small dataclass of named
choices (``Template``), drawn at random (seeded) or taken from a preset; the choices of each
render are written beside it as ``X.template.json`` so scores can be cut per dimension
(``bench/score_renders.py --by-dimension``).

Goldens come from the content, as for make_samples.py (``make_samples.truth``): only the
pages of articles and tables come from the PDF, found by locating each title, row and last
element in each page's text (pypdf and pdfplumber's plain text, never our extractor). Every
text the golden holds is printed verbatim; the template adds only markers, numbers, labels
and boxes around it.

Content files: samples/content/*.json and ../shared/corpus/kostec/*.content.json by default.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import random
import re
import sys
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import make_samples  # noqa: E402  (content model, golden rules)
import render_html  # noqa: E402  (producers, text normalisation for page search)


def content_files() -> list[Path]:
    """samples/content/*.json, and the shared corpus's content files of other issues (the
    shared 2023-08-04 is ours less its entities: one issue, taken once)."""
    ours = sorted((HERE / "content").glob("*.json"))
    stems = {p.stem for p in ours}
    shared = sorted((HERE.parent.parent / "shared" / "corpus" / "kostec").glob("*.content.json"))
    return ours + [p for p in shared if p.name.split(".")[0] not in stems]


# --------------------------------------------------------------------------- the choices

#: Every dimension and its values. The first value of each is not special; presets pick.
CHOICES: dict[str, tuple] = {
    "cover": ("classic", "box", "table", "band"),
    "cover_title": ("split", "one_line"),
    "date_format": ("dots_spaced", "dots_spaced_end", "korean", "dots", "short_year", "dots_weekday"),
    "contents": ("dash", "numbered", "roman", "square", "leaders", "table", "box"),
    "contents_heading": ("CONTENTS", "목 차", "목차", "차 례"),
    "summary": ("dash", "square", "circle", "arrow", "dot", "box", "table", "numbered"),
    "summary_heading": ("none", "요 약", "주요 내용", "Summary"),
    "summary_page": ("new", "same"),
    "heading": ("numbox_table", "numbox_span", "boxed_row", "rule_under", "rule_over", "band", "square_no",
                "dot_no", "bracket_no", "plain_bold", "no_number"),
    "lead": ("■", "□", "○", "●", "◆", "▶", "shaded_box", "bold"),
    "lead_date": ("md", "yymd", "korean"),
    "bullets": ("dash_dot", "circle_dash", "o_dash", "dot_middot", "dash_dash", "smallcircle_dash",
                "bullet_dash"),
    "indent": ("narrow", "normal", "wide"),
    "ref_label": ("참고자료", "참고문헌", "관련 자료", "원문"),
    "ref_marker": ("☞", "※", "▶", "•", "none"),
    "source_form": ("plain", "paren", "note", "bracket"),
    "brief_heading": ("same", "numbox", "square", "bold_title"),
    "brief_run": (1, 2, 3, 8),
    "banner": ("band", "boxed", "rule_under", "large_plain"),
    "banner_number": ("none", "roman", "arabic"),
    "table_rules": ("grid", "hrules", "header_rules", "none"),
    "header_shading": (True, False),
    "caption": ("angle", "lt_gt", "bracket_table"),
    "font": ("NanumMyeongjo", "Noto Serif CJK KR", "NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR"),
    "font_size": (9.5, 10, 10.5, 11),
    "page": ("A4", "Letter", "B5"),
    "margins": ("narrow", "normal", "wide"),
    "running": ("center_dash", "right_plain", "none"),
    "colophon": ("lines", "table", "box"),
    "producer": ("chromium", "weasyprint", "libreoffice"),
}

#: Marker per bullet level (1, 2, 3) for each ``bullets`` choice: the content's ``-`` is
#: printed as this; other content markers (●, ○, *) are the content's and kept.
BULLET_MARKERS = {
    "dash_dot": ("-", "·", "∙"), "circle_dash": ("○", "-", "·"), "o_dash": ("ㅇ", "-", "·"),
    "dot_middot": ("•", "·", "-"), "dash_dash": ("-", "-", "-"), "smallcircle_dash": ("◦", "-", "∙"),
    "bullet_dash": ("•", "-", "◦"),
}
SUMMARY_MARKERS = {"dash": "-", "square": "□", "circle": "○", "arrow": "▶", "dot": "•", "box": "□", "table": "",
                   "numbered": ""}
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
WEEKDAYS = "월화수목금토일"


@dataclass
class Template:
    """One template: a named choice per dimension (see CHOICES)."""
    name: str = "default"
    cover: str = "classic"
    cover_title: str = "split"
    date_format: str = "dots_spaced"
    contents: str = "dash"
    contents_heading: str = "CONTENTS"
    summary: str = "dash"
    summary_heading: str = "none"
    summary_page: str = "new"
    heading: str = "plain_bold"
    lead: str = "■"
    lead_date: str = "md"
    bullets: str = "dash_dash"
    indent: str = "normal"
    ref_label: str = "참고자료"
    ref_marker: str = "☞"
    source_form: str = "plain"
    brief_heading: str = "same"
    brief_run: int = 8
    banner: str = "band"
    banner_number: str = "none"
    table_rules: str = "grid"
    header_shading: bool = True
    caption: str = "angle"
    font: str = "NanumGothic"
    font_size: float = 10
    page: str = "A4"
    margins: str = "normal"
    running: str = "center_dash"
    colophon: str = "lines"
    producer: str = "chromium"

    def dimensions(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "name"}


def random_template(rng: random.Random, name: str, producers=CHOICES["producer"],
                    weights=(4, 4, 2)) -> Template:
    """A template with every dimension drawn at random; LibreOffice is drawn less often
    (slowest to start) unless ``weights`` say otherwise."""
    kw = {dim: rng.choice(values) for dim, values in CHOICES.items() if dim != "producer"}
    kw["producer"] = rng.choices(list(producers), weights=list(weights)[:len(producers)])[0]
    return Template(name=name, **kw)


#: A Korean government report as Hancom Office prints it: serif body, the cover title and the
#: article headings in boxes (one-row tables), □ leads with ○ and - below, the contents as a
#: table, the date as 2023. 12. 28., tables ruled by horizontal lines. The -b variant moves
#: the other way where Hancom reports also go: Roman section numbers in a box, [01] headings,
#: a summary box, references with ※ under 관련 자료.
PRESETS = {
    # the look of render_html.py's default style, as a control: what the extractor was made on
    "default": Template(),
    "second": Template(name="second", cover="box", cover_title="one_line", date_format="dots_spaced_end",
                       contents="table", contents_heading="목 차", summary="box", summary_heading="주요 내용",
                       heading="numbox_table", lead="□", lead_date="yymd", bullets="circle_dash", indent="wide",
                       ref_label="관련 자료", ref_marker="※", source_form="paren", brief_heading="square",
                       brief_run=8, banner="boxed", banner_number="roman", table_rules="hrules",
                       header_shading=True, caption="lt_gt", font="NanumMyeongjo", font_size=10.5, page="A4",
                       margins="normal", running="right_plain", colophon="table"),
    "second-b": Template(name="second-b", cover="table", cover_title="one_line", date_format="korean",
                         contents="square", contents_heading="목 차", summary="square", summary_heading="요 약",
                         heading="bracket_no", lead="○", lead_date="korean", bullets="dash_dot", indent="normal",
                         ref_label="참고문헌", ref_marker="▶", source_form="note", brief_heading="numbox",
                         brief_run=2, banner="rule_under", banner_number="roman", table_rules="header_rules",
                         header_shading=False, caption="bracket_table", font="Noto Serif CJK KR", font_size=10,
                         page="A4", margins="wide", running="center_dash", colophon="box"),
}


# --------------------------------------------------------------------------- text forms


def e(text: str) -> str:
    return html.escape(text, quote=False)


def printed_date(iso: str, form: str) -> str:
    d = dt.date.fromisoformat(iso)
    return {"dots_spaced": f"{d.year}. {d.month}. {d.day}",
            "dots_spaced_end": f"{d.year}. {d.month}. {d.day}.",
            "korean": f"{d.year}년 {d.month}월 {d.day}일",
            "dots": f"{d.year}.{d.month:02d}.{d.day:02d}",
            "short_year": f"'{d.year % 100:02d}.{d.month:02d}.{d.day:02d}",
            "dots_weekday": f"{d.year}. {d.month}. {d.day}.({WEEKDAYS[d.weekday()]})"}[form]


def lead_date(article: dict, issue: str, form: str) -> str:
    """The date after a lead, in parentheses; the content's own ``m.d`` (with its separator,
    which the seed prints as a comma once) for ``md``."""
    md = article["date_md"]
    if form == "md":
        return f"({md.replace('.', article.get('date_sep') or '.')})"
    d = dt.date.fromisoformat(make_samples.resolve_md(md, issue))
    if form == "yymd":
        return f"('{d.year % 100:02d}.{d.month:02d}.{d.day:02d})"
    return f"({d.month}월 {d.day}일)"


def source_line(src: dict, issue: str, form: str) -> list[str]:
    """A brief's source and URL lines (the URL always on a line of its own)."""
    d = dt.date.fromisoformat(make_samples.resolve_md(src["md"], issue))
    name = src["name"]
    first = {"plain": f"출처: {name} ({src['md']})",
             "paren": f"(출처: {name}, {d.month}.{d.day})",
             "note": f"※ 출처 : {name}('{d.year % 100:02d}.{d.month:02d}.{d.day:02d})",
             "bracket": f"[출처] {name}, {d.year}. {d.month}. {d.day}."}[form]
    return [first, src["url"]]


def caption_text(caption: str, form: str) -> str:
    return {"angle": f"〈{caption}〉", "lt_gt": f"< {caption} >", "bracket_table": f"[표] {caption}"}[form]


# --------------------------------------------------------------------------- CSS

PAGES = {"A4": "A4", "Letter": "Letter", "B5": "B5"}
MARGINS = {"narrow": (12, 13), "normal": (20, 19), "wide": (28, 27)}  # (top/bottom, sides) in mm
INDENT = {"narrow": 8, "normal": 12, "wide": 18}  # pt per bullet level


def css(t: Template) -> str:
    vert, side = MARGINS[t.margins]
    running = {
        "center_dash": '@top-center { content: "중국 과학기술 정책 주간동향"; font-size: 8.5pt; } '
                       '@bottom-center { content: "- " counter(page) " -"; font-size: 9pt; }',
        "right_plain": '@top-right { content: "중국 과학기술 정책 주간동향"; font-size: 8pt; } '
                       '@bottom-right { content: counter(page); font-size: 9pt; }',
        "none": "",
    }[t.running]
    sans = "NanumGothic" in t.font or "Sans" in t.font or "Barun" in t.font
    step = INDENT[t.indent]
    grid = {"grid": "td, th { border: 0.6pt solid #333; }",
            "hrules": "table.data { border-top: 1.4pt solid #000; border-bottom: 1.4pt solid #000; } "
                      "td, th { border-bottom: 0.5pt solid #777; }",
            "header_rules": "table.data { border-top: 1.4pt solid #000; border-bottom: 1.4pt solid #000; } "
                            "th { border-bottom: 0.8pt solid #000; }",
            "none": ""}[t.table_rules]
    return f"""
@page {{ size: {PAGES[t.page]}; margin: {vert}mm {side}mm {vert}mm {side}mm; {running} }}
body {{ font-family: '{t.font}', {'sans-serif' if sans else 'serif'}; font-size: {t.font_size}pt; line-height: 1.5; }}
p {{ margin: 2pt 0; }}
.page {{ break-before: page; page-break-before: always; }}
.cover-en {{ font-size: 9pt; color: #1f3a5f; }} .cover-title {{ font-size: 24pt; font-weight: bold; margin: 0; }}
.cover-box {{ border: 2pt solid #000; padding: 14pt; margin: 30pt 0 18pt 0; text-align: center; }}
.cover-band {{ background: #1f3a5f; color: #fff; padding: 16pt 10pt; margin: 30pt 0 10pt 0; }}
.date {{ font-size: 12pt; }} .date-right {{ text-align: right; font-size: 12pt; }}
.contents-head {{ font-size: 16pt; font-weight: bold; margin-top: 20pt; }}
.csec {{ font-weight: bold; font-size: 11pt; margin: 5pt 0 0 0; }} .ctitle {{ margin: 1pt 0 0 18pt; }}
.leader {{ display: flex; margin: 1pt 0 0 18pt; }} .leader .dots {{ flex: 1; border-bottom: 1pt dotted #000;
  margin: 0 4pt 4pt 4pt; }}
.boxed {{ border: 1pt solid #000; padding: 6pt 10pt; }}
table.frame {{ border-collapse: collapse; width: 100%; margin: 6pt 0; }}
table.frame td {{ border: 1pt solid #000; padding: 5pt 8pt; vertical-align: middle; }}
.summary-head {{ font-size: 14pt; font-weight: bold; margin: 4pt 0 10pt 0; }}
.sum {{ margin: 4pt 0 8pt 0; padding-left: 14pt; text-indent: -14pt; }}
.banner {{ font-weight: bold; font-size: 15pt; margin: 0 0 10pt 0; }}
.banner.band {{ background: #1f3a5f; color: #fff; padding: 3pt 8pt; }}
.banner.rule_under {{ border-bottom: 2pt solid #000; padding: 2pt 0; }}
.banner.large_plain {{ font-size: 20pt; }}
.title {{ font-weight: bold; font-size: {t.font_size + 3}pt; margin: 14pt 0 5pt 0; }}
.title.rule_under {{ border-bottom: 1.2pt solid #000; padding-bottom: 2pt; }}
.title.rule_over {{ border-top: 1.2pt solid #000; padding-top: 3pt; }}
.title.band {{ background: #dfe6ee; padding: 3pt 6pt; }}
.noshade {{ background: #1f3a5f; color: #fff; padding: 0 4pt; }}
table.hbox {{ border-collapse: collapse; width: 100%; margin: 14pt 0 5pt 0; font-weight: bold;
  font-size: {t.font_size + 2}pt; }}
table.hbox td {{ border: 1pt solid #000; padding: 3pt 6pt; }} table.hbox td.hno {{ width: 26pt; text-align: center;
  background: #1f3a5f; color: #fff; }}
.lead {{ font-weight: bold; font-size: {t.font_size + 0.5}pt; margin: 4pt 0; }}
table.leadbox {{ border-collapse: collapse; width: 100%; margin: 4pt 0; }}
table.leadbox td {{ background: #e8e8e8; font-weight: bold; padding: 4pt 8pt; border: 0.5pt solid #999; }}
.b1, .b2, .b3 {{ margin: 2pt 0; text-indent: -10pt; }} .b1 {{ padding-left: {step}pt; }}
.b2 {{ padding-left: {2 * step + 2}pt; }} .b3 {{ padding-left: {3 * step + 4}pt; }}
.caption {{ text-align: center; font-weight: bold; font-size: {t.font_size - 0.5}pt; margin: 8pt 0 3pt 0; }}
table.data {{ border-collapse: collapse; width: 100%; font-size: {t.font_size - 1.4}pt; }}
td, th {{ padding: 2pt 4pt; vertical-align: middle; }}
{grid}
th {{ {'background: #d9dde3;' if t.header_shading else ''} }}
thead {{ display: table-header-group; }} tr {{ break-inside: avoid; }}
.split {{ border-left: 1.6pt solid #000; }}
.note {{ font-size: {t.font_size - 1.5}pt; margin: 2pt 0; }}
.refhead {{ font-weight: bold; font-size: {t.font_size - 1}pt; margin-top: 8pt; }}
.ref {{ font-size: {t.font_size - 1.2}pt; margin: 1pt 0; }} .src {{ text-align: right; font-size: {t.font_size - 1}pt;
  margin: 0; }}
.chart {{ width: 200pt; height: 110pt; margin: 4pt auto; border-left: 1pt solid #000; border-bottom: 1pt solid #000;
  display: flex; align-items: flex-end; gap: 12pt; padding-left: 12pt; }}
.bar {{ width: 18pt; background: #8da0b8; }}
"""


# --------------------------------------------------------------------------- HTML


def table_html(block: dict, t: Template) -> str:
    """The data table, ruled by the template; LibreOffice reads the border attribute more
    readily than CSS, so a full grid says it there too."""
    attrs = ' border="1" cellspacing="0"' if t.table_rules == "grid" else ' cellspacing="0"'
    # render_html starts each page part after the first with <table class="page">
    return render_html.table_html(block).replace(
        '<table class="page">', f'<table class="data page" style="{BREAK}"{attrs}>').replace(
        "<table>", f'<table class="data"{attrs}>')


# The looks of banners and headings as inline styles too (the same as the stylesheet's):
# LibreOffice's HTML import reads an element's own style but not a selector of two classes,
# and without them its banners and headings came out as body text.
TITLE_LOOK = {"rule_under": "border-bottom: 1.2pt solid #000; padding-bottom: 2pt;",
              "rule_over": "border-top: 1.2pt solid #000; padding-top: 3pt;",
              "band": "background-color: #dfe6ee; padding: 3pt 6pt;"}
BANNER_LOOK = {"band": "background-color: #1f3a5f; color: #fff; padding: 3pt 8pt;",
               "rule_under": "border-bottom: 2pt solid #000; padding: 2pt 0;", "large_plain": "font-size: 20pt;"}


def heading_html(no: str, title: str, style: str, size: float = 10) -> str:
    n, tt = e(no), e(title)
    look = f"font-weight: bold; font-size: {size + 3}pt; margin: 14pt 0 5pt 0; {TITLE_LOOK.get(style, '')}".strip()
    if style == "numbox_table":
        return f'<table class="hbox" border="1" cellspacing="0"><tr><td class="hno">{n}</td><td>{tt}</td></tr></table>'
    if style == "boxed_row":
        return f'<table class="frame hrow" border="1" cellspacing="0"><tr><td><b>{n} {tt}</b></td></tr></table>'
    if style == "numbox_span":
        return f'<p class="title" style="{look}"><span class="noshade" style="background-color: #1f3a5f; ' \
               f'color: #fff">{n}</span> {tt}</p>'
    text = {"square_no": f"□ {n} {tt}", "dot_no": f"{n}. {tt}", "bracket_no": f"[{n}] {tt}",
            "no_number": tt}.get(style, f"{n} {tt}")
    cls = style if style in ("rule_under", "rule_over", "band") else ""
    return f'<p class="title {cls}" style="{look}">{text}</p>'


def lead_html(text: str, style: str) -> str:
    if style == "shaded_box":
        return f'<table class="leadbox" cellspacing="0"><tr><td>{e(text)}</td></tr></table>'
    if style == "bold":
        return f'<p class="lead">{e(text)}</p>'
    return f'<p class="lead">{style} {e(text)}</p>'


def article_html(article: dict, brief: bool, t: Template, issue: str) -> str:
    lead = article["lead"]
    if article.get("date_md"):
        lead = f"{lead}{' ' if article.get('lead_space', True) else ''}{lead_date(article, issue, t.lead_date)}"
    style = t.heading
    if brief:
        style = {"same": t.heading, "numbox": "numbox_table", "square": "square_no",
                 "bold_title": "no_number"}[t.brief_heading]
    out = [heading_html(article["no"], article["title"], style, t.font_size), lead_html(lead, t.lead)]
    markers = BULLET_MARKERS[t.bullets]
    for k, block in enumerate(article["blocks"]):
        kind = block["t"]
        if kind == "bullet":
            marker = markers[block["level"] - 1] if block["marker"] == "-" else block["marker"]
            out.append(f'<p class="b{block["level"]}">{e(marker)} {e(block["text"])}</p>')
        elif kind == "sublead":
            out.append(lead_html(block["text"], t.lead))
        elif kind == "note":
            out.append(f'<p class="note">{e(block["text"])}</p>')
        elif kind == "figure":
            bars = "".join(f'<div class="bar" style="height:{20 + (k * 37 + j * 53) % 80}pt"></div>'
                           for j in range(6))
            cap = caption_text(block["caption"], t.caption).replace("[표]", "[그림]")
            out.append(f'<p class="caption">{e(cap)}</p><div class="chart">{bars}</div>')
        elif kind == "table":
            out.append(f'<p class="caption">{e(caption_text(block["caption"], t.caption))}</p>'
                       + table_html(block, t))
            if block.get("source_note"):
                out.append(f'<p class="note">* 출처: {e(block["source_note"])}</p>')
            out += [f'<p class="note">{e(n)}</p>' for n in block.get("notes") or []]
    if brief and article.get("source"):
        out += [f'<p class="src">{e(x)}</p>' for x in source_line(article["source"], issue, t.source_form)]
    if article.get("references"):
        out.append(f'<p class="refhead">{e(t.ref_label)}</p>')
        mark = "" if t.ref_marker == "none" else t.ref_marker + " "
        out += [f'<p class="ref">{e(mark)}{e(r["title"])} {e(r["url"])}</p>' for r in article["references"]]
    return "".join(out)


def cover_html(c: dict, t: Template) -> str:
    date = e(printed_date(c["date"], t.date_format))
    titles = ["중국 과학기술 정책", "주/간/동/향"] if t.cover_title == "split" else ["중국 과학기술 정책 주간동향"]
    title = "".join(f'<p class="cover-title">{x}</p>' for x in titles)
    en = f'<p class="cover-en">{e(c.get("publisher_en", ""))}</p>'
    if t.cover == "box":
        return f'{en}<table class="frame" border="1" cellspacing="0">' \
               f'<tr><td style="text-align:center;padding:16pt">{title}' \
               f'</td></tr></table><p class="date-right">{date}</p><p class="date-right">{e(c["publisher"])}</p>'
    if t.cover == "table":
        return f'<table class="frame" border="1" cellspacing="0"><tr><td colspan="2">{title}</td></tr>' \
               f'<tr><td>발간일</td><td>{date}</td></tr><tr><td>발간기관</td><td>{e(c["publisher"])}</td></tr>' \
               f'</table>{en}'
    if t.cover == "band":
        return f'<div class="cover-band">{title}</div><p class="date-right">{date}</p>{en}'
    return f'{en}{title}<p class="date">{date}</p>'


def contents_html(c: dict, t: Template, pages: dict[int, int] | None) -> str:
    """The contents; ``pages`` (article index -> page) fills the leaders' page numbers on
    the second pass, ``?`` on the first (the same width, so nothing moves)."""
    secs = [s for s in c["sections"] if s.get("in_contents")]
    head = f'<p class="contents-head">{e(t.contents_heading)}</p>'
    out = []
    if t.contents == "table":
        rows = []
        for k, s in enumerate(secs, start=1):
            titles = "<br>".join(f"- {e(a['title'])}" for a in s["articles"])
            rows.append(f"<tr><td><b>{ROMAN[k - 1]}. {e(s['name'])}</b></td><td>{titles}</td></tr>")
        return head + '<table class="frame contents" border="1" cellspacing="0">' + "".join(rows) + "</table>"
    index = 0
    for k, s in enumerate(secs, start=1):
        label = {"roman": f"{ROMAN[k - 1]}. ", "square": "□ "}.get(t.contents, f"{k}. ")
        out.append(f'<p class="csec">{label}{e(s["name"])}</p>')
        for j, a in enumerate(s["articles"], start=1):
            if t.contents == "leaders":
                page = str(pages.get(index, "?")) if pages is not None else "?"
                out.append(f'<div class="leader"><span>{j}) {e(a["title"])}</span><span class="dots"></span>'
                           f'<span>{page}</span></div>')
            else:
                mark = {"numbered": f"{k}-{j}. ", "square": "○ "}.get(t.contents, "- ")
                out.append(f'<p class="ctitle">{mark}{e(a["title"])}</p>')
            index += 1
    body = "".join(out)
    if t.contents == "box":
        body = f'<table class="frame" border="1" cellspacing="0"><tr><td>{body}</td></tr></table>'
    return head + body


def summary_html(c: dict, t: Template) -> str:
    head = "" if t.summary_heading == "none" else f'<p class="summary-head">{e(t.summary_heading)}</p>'
    items = c["summary"]
    if t.summary == "table":
        rows = "".join(f"<tr><td>{k}</td><td>{e(s)}</td></tr>" for k, s in enumerate(items, start=1))
        return head + f'<table class="frame" border="1" cellspacing="0">{rows}</table>'
    if t.summary == "numbered":
        body = "".join(f'<p class="sum">{k}. {e(s)}</p>' for k, s in enumerate(items, start=1))
    else:
        body = "".join(f'<p class="sum">{SUMMARY_MARKERS[t.summary]} {e(s)}</p>' for s in items)
    if t.summary == "box":
        body = f'<table class="frame" border="1" cellspacing="0"><tr><td>{body}</td></tr></table>'
    return head + body


def banner_html(name: str, k: int, t: Template) -> str:
    label = {"roman": f"{ROMAN[k - 1]}. ", "arabic": f"{k}. "}.get(t.banner_number, "")
    if t.banner == "boxed":
        return f'<table class="frame" border="1" cellspacing="0"><tr><td class="banner" style="font-size:15pt">' \
               f'<b>{label}{e(name)}</b></td></tr></table>'
    # a paragraph, not a div: LibreOffice breaks the page before a paragraph only
    look = f"font-weight: bold; font-size: 15pt; margin: 0 0 10pt 0; {BANNER_LOOK.get(t.banner, '')}"
    return f'<p class="banner {t.banner}" style="{look}">{label}{e(name)}</p>'


def colophon_html(c: dict, t: Template) -> str:
    date = printed_date(c["date"], t.date_format)
    rows = [("발 행 일", date), ("발 행 인", c["issuer"]), ("발행기관", c["publisher"]),
            ("발 행 처", f"주소 : {c['address']}")]
    head = f'<p class="cover-en">{e(c.get("publisher_en", ""))}</p>' \
           '<p class="contents-head">중국 과학기술 정책 주/간/동/향</p>'
    if t.colophon == "table":
        cells = "".join(f"<tr><td>{e(a)}</td><td>{e(b)}</td></tr>" for a, b in rows)
        cells += f"<tr><td></td><td>TEL: {e(c['tel'])}<br>{e(c['url'])}</td></tr>"
        return head + f'<table class="frame" border="1" cellspacing="0">{cells}</table>'
    body = "".join(f"<p>{e(a)} {e(b)}</p>" for a, b in rows) + \
        f'<p style="margin-left:46pt">TEL: {e(c["tel"])}</p><p style="margin-left:46pt">{e(c["url"])}</p>'
    if t.colophon == "box":
        body = f'<table class="frame" border="1" cellspacing="0"><tr><td>{body}</td></tr></table>'
    return head + body


BREAK = "page-break-before: always; break-before: page"


def new_page(fragment: str) -> str:
    """``fragment`` starting a new page. The break is set inline on its first element:
    LibreOffice's HTML import ignores a break on a wrapping div (and on classes)."""
    m = re.match(r"<(\w+)[^>]*>", fragment)
    if not m:
        return f'<p style="{BREAK}"></p>' + fragment
    style = re.search(r' style="', m.group(0))
    if style:  # one style attribute: the break joins it
        return fragment[:style.end()] + BREAK + "; " + fragment[style.end():]
    return fragment[:m.end(1)] + f' style="{BREAK}"' + fragment[m.end(1):]


def document_html(c: dict, t: Template, pages: dict[int, int] | None = None) -> str:
    parts = [cover_html(c, t), contents_html(c, t, pages)]
    summary = summary_html(c, t)
    parts.append(new_page(summary) if t.summary_page == "new" else summary)
    numbered = 0
    for sec in c["sections"]:
        brief = any(a.get("source") for a in sec["articles"])
        numbered += 1
        arts = [article_html(a, brief, t, c["date"]) for a in sec["articles"]]
        if brief and t.brief_run < len(arts):
            # a run of brief_run briefs per page, then a page break
            arts = [new_page(x) if k and k % t.brief_run == 0 else x for k, x in enumerate(arts)]
        parts.append(new_page(banner_html(sec["name"], numbered, t)) + "".join(arts))
    parts.append(new_page(colophon_html(c, t)))
    return f'<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{e(c["series"])}</title>' \
           f'<style>{css(t)}</style></head><body>' + "".join(parts) + "</body></html>"


# --------------------------------------------------------------------------- pages by text search


def page_texts(pdf: Path, plumber: bool = False) -> list[str]:
    """Each page's text, normalised (render_html._norm): pypdf's, and with ``plumber`` also
    pdfplumber's, which reads in order the lines pypdf garbles (LibreOffice draws fallback
    ideographs right to left) but costs several times more."""
    from pypdf import PdfReader

    norm = render_html._norm
    texts = [norm(p.extract_text() or "") for p in PdfReader(str(pdf)).pages]
    if not plumber:
        return texts
    import logging

    import pdfplumber

    # pdfminer complains of every CID font without a FontBBox (Chromium's subsets): noise here
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(str(pdf)) as doc:
        return [t + "|" + norm(q.extract_text() or "") for t, q in zip(texts, doc.pages)]


def locate_pages(content: dict, pdf: Path, texts: list[str] | None = None) -> dict[str, set[int]]:
    """render_html.locate_pages, but articles are found by their title alone, searched
    from the page after the summary: a template may print the number apart (a box), in
    another form ([01], 01.) or not at all."""
    texts = texts if texts is not None else page_texts(pdf, plumber=True)
    norm = render_html._norm

    def find(snippet: str, start: int, length: int = 24) -> int:
        s = norm(snippet)[:length]
        for k in range(max(start, 0), len(texts)):
            if s and s in texts[k]:
                return k + 1
        raise LookupError(f"not found in {pdf.name} from page {start + 1}: {snippet[:30]!r}")

    summary_page = max(find(item, 0) for item in content["summary"])
    # the pages up to the summary's are blanked: the contents list the titles too
    blanked = ["" for _ in texts[:summary_page]] + texts[summary_page:]
    return _locate_on_texts(content, pdf, blanked, norm)


def _locate_on_texts(content, pdf, texts, norm) -> dict[str, set[int]]:
    def find(snippet: str, start: int, length: int = 24) -> int:
        s = norm(snippet)[:length]
        for k in range(max(start, 0), len(texts)):
            if s and s in texts[k]:
                return k + 1
        raise LookupError(f"not found in {pdf.name} from page {start + 1}: {snippet[:30]!r}")

    def find_title(title: str, start: int) -> int:
        # a title wrapped in a box beside its number box reads with the number inside it
        # ("...플랫폼02선정"): then its first 12 characters
        try:
            return find(title, start)
        except LookupError:
            # (LibreOffice splits a box's row over a page break: the tail may be overleaf, so
            # the head alone decides; the pages before the body are blanked)
            return find(title, start, 12)

    pages: dict[str, set[int]] = {}
    cursor = 0
    for si, sec in enumerate(content["sections"]):
        for ai, art in enumerate(sec["articles"]):
            first = find_title(art["title"], cursor)
            last = first
            for block in art["blocks"]:
                if block["t"] == "bullet":
                    last = find(block["text"], last - 1)
                elif block["t"] == "table":
                    rows = [[make_samples.cell_text(v) for v in r] for r in block["rows"]]
                    start = find(block["caption"], last - 1)
                    end = start
                    for row in rows:
                        longest = max(row, key=len)
                        if block.get("layout") != "twoup" and row[0].strip().isdigit() and len(row) > 1:
                            key = re.compile(r"(?<!\d)" + re.escape(norm(row[0] + row[1])[:len(row[0]) + 6]))
                            hit = next((k + 1 for k in range(end - 1, len(texts)) if key.search(texts[k])), None)
                            if hit:
                                end = max(end, hit)
                                continue
                        try:
                            end = max(end, find(longest, start - 1, 8))
                        except LookupError:
                            # a narrow cell wrapped inside its first 8 characters across a page
                            # break ("61." | "2" overleaf): its first 3, on this page or the next
                            hit = find(longest, end - 1, 3)
                            if hit > end + 1:
                                raise
                            end = max(end, hit)
                    if rows and block.get("layout") != "twoup":
                        tail = norm(max(rows[-1], key=len))[-8:]
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


# --------------------------------------------------------------------------- rendering


def _print_libreoffice(page: Path, pdf: Path, tmp: str) -> None:
    """render_html's LibreOffice printer, with one user profile per process kept across
    renders: a fresh profile costs LibreOffice several seconds of start-up each time."""
    import os
    import shutil
    import subprocess

    profile = Path(tempfile.gettempdir()) / f"template-farm-lo-{os.getpid()}"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", tmp, str(page)],
                   check=True, capture_output=True, timeout=300)
    shutil.move(str(Path(tmp) / (page.stem + ".pdf")), str(pdf))


PRINTERS = dict(render_html.PRODUCERS, libreoffice=_print_libreoffice)


def render(content: dict, t: Template, pdf: Path, meta: dict | None = None) -> dict:
    """Render ``content`` in template ``t`` into ``pdf``; write its golden and sidecar
    beside it; return the golden."""
    why = render_html._missing(t.producer)
    if why:
        raise RuntimeError(why)
    pdf.parent.mkdir(parents=True, exist_ok=True)

    def once(pages):
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / (pdf.stem.replace(".", "-") + ".html")
            page.write_text(document_html(content, t, pages), encoding="utf-8")
            PRINTERS[t.producer](page, pdf, tmp)
        return located_pages(content, pdf)

    located = once(None)
    if t.contents == "leaders":
        located = once(leader_pages(content, located))
    return finish(content, t, pdf, located, meta)


def located_pages(content: dict, pdf: Path) -> dict[str, set[int]]:
    """locate_pages on pypdf's text, and on pdfplumber's too where that is not enough."""
    try:
        return locate_pages(content, pdf, page_texts(pdf))
    except LookupError:
        return locate_pages(content, pdf, page_texts(pdf, plumber=True))


def leader_pages(content: dict, located: dict[str, set[int]]) -> dict[int, int]:
    """The contents' page numbers: where each listed article's heading landed."""
    firsts = [min(located[f"article:{si}:{ai}"]) for si, s in enumerate(content["sections"])
              if s.get("in_contents") for ai, _ in enumerate(s["articles"])]
    return dict(enumerate(firsts))


def finish(content: dict, t: Template, pdf: Path, located: dict[str, set[int]], meta: dict | None) -> dict:
    """Write the golden and the sidecar of a render whose pages are located."""
    make_samples.RECORD.pages.clear()
    make_samples.RECORD.pages.update(located)
    gold = make_samples.truth(content, pdf)
    pdf.with_suffix(".truth.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")
    # the sidecar last: a scorer watching a growing farm takes a render once it is there
    pdf.with_suffix(".template.json").write_text(json.dumps(sidecar(t, meta), ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")
    return gold


def render_libreoffice_batch(items: list) -> list[str]:
    """LibreOffice renders, many HTML files to one soffice call: each call costs ~30 s of
    start-up here whatever it converts (waiting, not computing). Returns a line per render."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    lines, contents, pages = [], {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        todo = list(items)
        for second_pass in (False, True):
            html_of = {}
            for path, t, pdf, _meta, *_ in todo:
                contents[pdf] = contents.get(pdf) or json.loads(Path(path).read_text(encoding="utf-8"))
                page = Path(tmp) / (pdf.stem.replace(".", "-") + ".html")
                page.write_text(document_html(contents[pdf], t, pages.get(pdf)), encoding="utf-8")
                html_of[pdf] = page
            if todo:
                # its own session, so that a timeout ends soffice.bin too (oosplash's child),
                # and the files converted before the timeout are still taken
                proc = subprocess.Popen([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/lo-profile",
                                         "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", tmp,
                                         *map(str, html_of.values())], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
                try:
                    proc.wait(timeout=120 + 240 * len(todo))
                except subprocess.TimeoutExpired:
                    import os
                    import signal

                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
            again = []
            for path, t, pdf, meta, *_ in todo:
                out = html_of[pdf].with_suffix(".pdf")
                try:
                    if not out.exists():
                        raise RuntimeError("LibreOffice wrote no PDF")
                    pdf.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(out), str(pdf))
                    located = located_pages(contents[pdf], pdf)
                    if t.contents == "leaders" and not second_pass:
                        pages[pdf] = leader_pages(contents[pdf], located)
                        again.append((path, t, pdf, meta))
                        continue
                    gold = finish(contents[pdf], t, pdf, located, meta)
                    lines.append(f"{pdf.name}: {gold['source']['pages']} pages")
                except Exception as exc:  # said, not hidden; the others go on
                    lines.append(f"FAILED {pdf.name}: {type(exc).__name__}: {exc}")
            todo = again
    return lines


def sidecar(t: Template, meta: dict | None = None) -> dict:
    """What ``X.template.json`` holds: the template's name, its choice in every dimension,
    and where it came from (content file, seed or preset)."""
    return {"template": t.name, "dimensions": t.dimensions()} | (meta or {})


def _job(args) -> str:
    path, t, pdf, meta, skip_existing = (*args, False)[:5]
    if skip_existing and pdf.with_suffix(".template.json").exists():
        return f"{pdf.name}: there already"  # another farm process made it meanwhile
    content = json.loads(Path(path).read_text(encoding="utf-8"))
    try:
        gold = render(content, t, pdf, meta)
    except Exception as exc:  # one failed render must not stop the farm; said, not hidden
        return f"FAILED {pdf.name}: {type(exc).__name__}: {exc}"
    return f"{pdf.name}: {gold['source']['pages']} pages"


def _arg(argv: list[str], flag: str, default=None):
    if flag in argv:
        k = argv.index(flag)
        value = argv[k + 1]
        del argv[k:k + 2]
        return value
    return default


def main(argv: list[str]) -> int:
    argv = list(argv)
    out = Path(_arg(argv, "--out", "/work/farm/random"))
    preset = _arg(argv, "--preset")
    n = int(_arg(argv, "--n", "0"))
    seed = int(_arg(argv, "--seed", "1"))
    jobs = int(_arg(argv, "--jobs", "2"))
    producers = _arg(argv, "--producer")
    only = set((_arg(argv, "--only") or "").split(",")) - {""}  # template names to (re)render
    html_only = "--html" in argv
    skip_existing = "--skip-existing" in argv
    # to share a farm's work between processes
    reverse, skip_office, only_office = "--reverse" in argv, "--skip-office" in argv, "--only-office" in argv
    argv = [a for a in argv if a not in ("--html", "--skip-existing", "--reverse", "--skip-office", "--only-office")]
    files = [Path(a) for a in argv] or content_files()
    for f in files:
        if not f.exists():
            print(f"template_farm.py: no content file {f}", file=sys.stderr)
            return 2
    if html_only:
        t = PRESETS.get(preset or "second") or PRESETS["second"]
        print(document_html(json.loads(files[0].read_text(encoding="utf-8")), t))
        return 0
    todo = []
    if preset:
        if preset not in PRESETS:
            print(f"template_farm.py: unknown preset {preset!r}; choose from {', '.join(PRESETS)}", file=sys.stderr)
            return 2
        for producer in (producers or ",".join(CHOICES["producer"])).split(","):
            t = dataclasses.replace(PRESETS[preset], producer=producer)
            for f in files:
                stem = f.name.split(".")[0]
                todo.append((f, t, out / f"{stem}.{preset}.{producer}.pdf", {"content": f.name, "preset": preset}))
    else:
        rng = random.Random(seed)
        allowed = tuple((producers or ",".join(CHOICES["producer"])).split(","))
        for k in range(n):
            f = files[k % len(files)]
            t = random_template(rng, f"r{seed}-{k:04d}", allowed)
            stem = f.name.split(".")[0]
            todo.append((f, t, out / f"{stem}.{t.name}.{t.producer}.pdf", {"content": f.name, "seed": seed}))
    if only:
        todo = [item for item in todo if item[1].name in only]
    if skip_existing:
        # a farm stopped half way goes on where it stopped (a render is whole once its sidecar
        # is); checked again before each render, so two farm processes can share the work
        todo = [item + (True,) for item in todo if not item[2].with_suffix(".template.json").exists()]
    if reverse:
        todo.reverse()
    if skip_office:
        todo = [item for item in todo if item[1].producer != "libreoffice"]
    if only_office:
        todo = [item for item in todo if item[1].producer == "libreoffice"]
    for producer in {item[1].producer for item in todo}:
        why = render_html._missing(producer)
        if why:
            print(f"template_farm.py: {why}", file=sys.stderr)
            return 2
    # LibreOffice's renders in batches of 4 per soffice call, in a thread beside the pool
    # (soffice is a process of its own; the thread only waits and locates pages)
    office = [item for item in todo if item[1].producer == "libreoffice"]
    others = [item for item in todo if item[1].producer != "libreoffice"]
    failed = 0
    import threading

    lock = threading.Lock()

    def say(line: str) -> None:
        nonlocal failed
        with lock:
            failed += line.startswith("FAILED")
            print(line, flush=True)

    def office_batches() -> None:
        for k in range(0, len(office), 4):
            batch = [item for item in office[k:k + 4]
                     if not (skip_existing and item[2].with_suffix(".template.json").exists())]
            try:
                lines = render_libreoffice_batch(batch)
            except Exception as exc:  # one bad batch must not end the thread (and the rest)
                lines = [f"FAILED {item[2].name}: {type(exc).__name__}: {exc}" for item in batch]
            for line in lines:
                say(line)

    thread = threading.Thread(target=office_batches)
    if jobs > 1 and len(others) > 1:
        from multiprocessing import Pool

        with Pool(jobs) as pool:  # its workers forked before the thread starts
            thread.start()
            for line in pool.imap_unordered(_job, others):
                say(line)
    else:
        thread.start()
        for item in others:
            say(_job(item))
    thread.join()
    print(f"{len(todo) - failed} rendered, {failed} failed, in {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
