"""Reading a template the segmenter has never seen: the issue's own contents teach it how
headings, leads and banners look (style.py), marks and dates come in families (markers.py).

The bulletin drawn here shares nothing with the first template but its content's kind: a
Gothic heading face, no number before the main articles' titles, '○' leads, '-'/'ㆍ'
bullets (a Hangul middle dot), a contents list with Roman section numbers, dotted leaders and page numbers,
'[관련 자료]' with '※' references, briefs numbered '□ 01' in body text with their source
in brackets, and the date as '2024년 1월 12일'.
"""
from __future__ import annotations

import pytest

import extract
from extract.markers import find_full_date, split_mark, split_trailing_date
from extract.segment import parse_source
from helpers import KO, make_pdf

GOTHIC = "HYGothic-Medium"

ARTICLES = [
    ("과기부, 인공지능 시범구 다섯 곳 추가 지정", "베이징, 상하이 등 다섯 곳을 새로 지정", "12.28",
     ["과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정", "시범구는 산업 응용과 제도 혁신을 함께 추진"]),
    ("국가데이터국, 데이터 요소 3개년 계획 발표", "데이터 거래 규모를 해마다 20% 넘게 늘리기로", "1.4",
     ["국가데이터국은 데이터 요소 활용을 위한 3개년 행동계획을 발표", "공공 데이터 개방을 단계적으로 확대"]),
]
BRIEFS = [("상하이시, 양자컴퓨팅 산업 육성 방안 발표", "27년까지 산업 규모 100억 위안 목표", "신화망", "1.3"),
          ("중국과학원, 초전도 양자칩 공개", "광자 검출 255개 성공", "인민망", "12.30")]


def _register_gothic():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    try:
        pdfmetrics.getFont(GOTHIC)
    except KeyError:
        pdfmetrics.registerFont(UnicodeCIDFont(GOTHIC))


def draw_second_template(c):
    _register_gothic()

    def footer(n):
        c.setFont(KO, 9)
        c.drawCentredString(297, 30, str(n))

    footer(1)
    c.setFont(GOTHIC, 24)
    c.drawString(120, 720, "중국 과학기술 정책 주간동향")
    c.setFont(KO, 12)
    c.drawString(400, 690, "2024년 1월 12일")
    c.setFont(GOTHIC, 15)
    c.drawString(270, 640, "목 차")
    c.setFont(KO, 10.5)
    c.drawString(70, 610, "Ⅰ. 정책동향")
    y = 592
    for title, *_ in ARTICLES:
        c.drawString(90, y, f"□ {title} " + "·" * 12 + " 3")
        y -= 18
    c.showPage()

    footer(2)
    c.setFont(GOTHIC, 14)
    c.drawString(70, 780, "주요 내용")
    c.setFont(KO, 10.5)
    c.drawString(70, 755, "○ 과기부는 인공지능 혁신 시범구 다섯 곳을 추가로 지정하였다.")
    c.drawString(70, 735, "○ 국가데이터국은 데이터 요소 3개년 행동계획을 발표하였다.")
    c.showPage()

    footer(3)
    c.rect(60, 770, 475, 28, fill=0, stroke=1)
    c.setFont(GOTHIC, 16)
    c.drawString(70, 778, "Ⅰ. 정책동향")
    y = 730
    for title, lead, md, bullets in ARTICLES:
        c.setFont(GOTHIC, 12.5)
        c.drawString(64, y, title)
        c.line(60, y - 6, 535, y - 6)  # a rule under the heading
        y -= 26
        c.setFont(KO, 10.5)
        c.drawString(64, y, f"○ {lead} ({md})")
        y -= 20
        c.drawString(76, y, f"- {bullets[0]}")
        y -= 18
        c.drawString(90, y, f"ㆍ {bullets[1]}")
        y -= 24
        c.setFont(GOTHIC, 10)
        c.drawString(64, y, "[관련 자료]")
        y -= 16
        c.setFont(KO, 9.5)
        c.drawString(64, y, f"※ 관련 보도 https://www.example.cn/{md}.html")
        y -= 40
    c.showPage()

    footer(4)
    c.rect(60, 770, 475, 28, fill=0, stroke=1)
    c.setFont(GOTHIC, 16)
    c.drawString(70, 778, "단신동향")
    y = 730
    for k, (title, lead, source, md) in enumerate(BRIEFS, start=1):
        c.setFont(KO, 10.5)
        c.drawString(64, y, f"□ {k:02d} {title}")
        y -= 20
        c.drawString(64, y, f"○ {lead}")
        y -= 20
        c.drawString(380, y, f"(출처: {source}, {md})")
        y -= 16
        c.drawString(300, y, f"http://news.example.cn/{k}.html")
        y -= 36
    c.showPage()

    footer(5)
    c.setFont(KO, 10)
    c.drawString(60, 700, "발 행 일 2024년 1월 12일")
    c.drawString(60, 685, "발 행 인 홍길동")
    c.drawString(60, 670, "발행기관 한중과학기술협력센터")
    c.showPage()


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    pdf = make_pdf(tmp_path_factory.mktemp("second") / "second.pdf", draw_second_template)
    return extract.run(pdf).data


def test_cover_and_contents_of_another_template(second):
    assert second["issue"]["date"] == "2024-01-12"
    assert second["contents"] == [{"section": "정책동향", "titles": [a[0] for a in ARTICLES]}], \
        "Roman section number, '□' marks, dotted leaders and page numbers are not part of a title"
    assert second["summary"] == ["과기부는 인공지능 혁신 시범구 다섯 곳을 추가로 지정하였다.",
                                 "국가데이터국은 데이터 요소 3개년 행동계획을 발표하였다."]


def test_headings_leads_and_bullets_learned_from_the_contents(second):
    assert [s["name"] for s in second["sections"]] == ["정책동향", "단신동향"]
    articles = second["sections"][0]["articles"]
    assert [a["title"] for a in articles] == [a[0] for a in ARTICLES], \
        "unnumbered headings are told by the look the contents titles have in the body"
    assert [a["lead"] for a in articles] == [a[1] for a in ARTICLES], "'○' leads, learned from the anchors"
    assert [a["date"] for a in articles] == ["2023-12-28", "2024-01-04"]
    assert articles[0]["bullets"] == [{"level": 1, "text": ARTICLES[0][3][0]},
                                      {"level": 2, "text": ARTICLES[0][3][1]}]
    assert articles[1]["references"] == [{"title": "관련 보도", "url": "https://www.example.cn/1.4.html"}]
    style = second["provenance"]["style"]
    assert style["heading"].startswith("learned from 2 contents title")
    assert style["lead_mark"] == "○"


def test_briefs_numbered_in_body_text(second):
    briefs = second["sections"][1]["articles"]
    assert [(b["number"], b["title"]) for b in briefs] == [("01", BRIEFS[0][0]), ("02", BRIEFS[1][0])], \
        "a zero-padded number continuing the section's run opens a brief however it is set"
    assert [(b["source"], b["source_date"]) for b in briefs] == [("신화망", "2024-01-03"), ("인민망", "2023-12-30")]
    assert [b["references"][0]["url"] for b in briefs] == ["http://news.example.cn/1.html",
                                                            "http://news.example.cn/2.html"]


def test_the_first_template_keeps_its_defaults(tmp_path):
    from helpers import draw_mini_bulletin

    out = extract.run(make_pdf(tmp_path / "mini.pdf", draw_mini_bulletin)).data
    assert out["provenance"]["style"]["lead_mark"] == "■"
    assert out["sections"][0]["articles"][0]["lead"] == "베이징, 상하이 등 다섯 곳 지정"


@pytest.mark.parametrize("text, iso", [
    ("2023. 12. 28.", "2023-12-28"), ("2023년 12월 28일", "2023-12-28"), ("2023.12.28", "2023-12-28"),
    ("'23.12.28", "2023-12-28"), ("발행일 2024-01-12", "2024-01-12"), ("제 2호 12.28", None),
])
def test_full_dates(text, iso):
    assert find_full_date(text) == iso


@pytest.mark.parametrize("text, expected", [
    ("지정 (12.28)", ("지정", "2023-12-28")),       # a January issue citing December
    ("지정 ('23.12.28)", ("지정", "2023-12-28")),
    ("지정 (2024. 1. 3.)", ("지정", "2024-01-03")),
    ("지정(1월 3일)", ("지정", "2024-01-03")),
    ("칭화대학 연구원 (AIR)", None),
])
def test_trailing_dates(text, expected):
    assert split_trailing_date(text, "2024-01-12") == expected


@pytest.mark.parametrize("text, expected", [
    ("출처: 과학망 (07.26)", ("과학망", "2023-07-26")),
    ("(출처: 과학망, 7.26)", ("과학망", "2023-07-26")),
    ("출처 : 신화망('23.7.3)", ("신화망", "2023-07-03")),
    ("[출처] 인민망 (7.30)", ("인민망", "2023-07-30")),
    ("출처: 국가통계국", ("국가통계국", None)),
    ("과학망에 따르면", None),
])
def test_brief_sources(text, expected):
    assert parse_source(text, "2023-08-04") == expected


def test_marks_are_families():
    assert split_mark("□ 과기부") == ("□", "과기부")
    assert split_mark("ㅇ 과기부") == ("ㅇ", "과기부")
    assert split_mark("\uf0a7 symbol-font bullet") == ("\uf0a7", "symbol-font bullet")
    assert split_mark("-3% 감소") is None, "a mark stands alone before a space"


# A third look: the contents as a ruled table (section names beside their titles, a cell
# listing two titles after one mark) whose section name stands level with the middle of
# its titles, numbered summary items, headings in a ruled number box beside the title,
# '▶' leads drawn bold, briefs whose plain titles (larger, unnumbered) stand over '▶'
# leads; the colophon in a ruled table.
BOXED = [("국가데이터국, 데이터 요소 3개년 계획 발표", "데이터 거래 규모를 해마다 20% 넘게 늘리기로"),
         ("과기부, 인공지능 시범구 다섯 곳 추가 지정", "베이징, 상하이 등 다섯 곳을 새로 지정")]


def _grid(c, x, y, widths, heights):
    """Rules of a table whose top-left corner is (x, y), reportlab's y upwards."""
    total_w, total_h = sum(widths), sum(heights)
    yy = y
    for h in [0] + heights:
        yy -= h
        c.line(x, yy, x + total_w, yy)
    xx = x
    for w in [0] + widths:
        xx += w
        c.line(xx, y, xx, y - total_h)


def draw_boxed_template(c, brief_size=12.5, brief_gap=22, section_cell_wraps=False, summary_over_page=False):
    c.setFont(KO, 24)
    c.drawString(120, 740, "중국 과학기술 정책 주간동향")
    c.setFont(KO, 12)
    c.drawString(420, 710, "2024. 1. 12.")
    c.setFont(KO, 15)
    c.drawString(60, 670, "목 차")
    _grid(c, 60, 650, [110, 365], [40])
    c.setFont(KO, 10.5)
    if section_cell_wraps:
        # a row a title, the section's name in a cell merged over both and wrapped in it,
        # level with the titles
        c.line(170, 630, 535, 630)
        c.drawString(66, 636, "Ⅰ. 정책")
        c.drawString(66, 620, "동향")
    else:
        c.drawString(66, 628, "Ⅰ. 정책동향")
    c.drawString(176, 636, f"- {BOXED[0][0]}")
    c.drawString(176, 620, f"- {BOXED[1][0]}")
    c.setFont(KO, 14)
    c.drawString(60, 560, "요 약")
    c.setFont(KO, 10.5)
    c.drawString(60, 535, "1. 국가데이터국은 데이터 요소 3개년 행동계획을 발표하였다.")
    if summary_over_page:  # the last item runs over the page break, its line full to the column's edge
        c.drawString(60, 70, "2. 과기부는 인공지능 혁신 시범구 다섯 곳을 추가로 지정하고 관련 부처와 세부 계획을")
        c.showPage()
        c.setFont(KO, 10.5)
        c.drawString(74, 790, "마련하였다.")
    else:
        c.drawString(60, 515, "2. 과기부는 인공지능 혁신 시범구 다섯 곳을 추가로 지정하였다.")
    c.showPage()

    c.setFont(KO, 16)
    c.drawString(64, 780, "Ⅰ. 정책동향")
    y = 740
    for k, (title, lead) in enumerate(BOXED, start=1):
        _grid(c, 60, y + 16, [30, 445], [24])
        c.setFont(KO, 12)
        c.drawString(67, y, f"{k:02d}")
        c.drawString(97, y, title)
        y -= 34
        text = c.beginText(64, y)
        text.setFont(KO, 11)
        text.setTextRenderMode(2)  # fill and stroke: drawn bold
        text.textOut(f"▶ {lead} (1.{k + 2})")
        c.drawText(text)
        y -= 22
        c.setFont(KO, 10.5)
        c.drawString(70, y, "- 세부 계획은 상반기 중 발표할 예정")
        y -= 50
    c.showPage()

    c.setFont(KO, 16)
    c.drawString(64, 780, "단신동향")
    y = 740
    for _k, (title, lead, source, md) in enumerate(BRIEFS, start=1):
        c.setFont(KO, brief_size)
        c.drawString(64, y, title)
        y -= brief_gap
        c.setFont(KO, 10.5)
        c.drawString(64, y, f"▶ {lead}")
        y -= 20
        c.drawString(380, y, f"출처: {source} ({md})")
        y -= 40
    c.showPage()

    _grid(c, 60, 720, [90, 300], [20, 20, 20])
    c.setFont(KO, 10)
    for k, (label, value) in enumerate((("발 행 일", "2024. 1. 12."), ("발 행 인", "홍길동"),
                                        ("발행기관", "한중과학기술협력센터"))):
        c.drawString(66, 706 - 20 * k, label)
        c.drawString(156, 706 - 20 * k, value)
    c.showPage()


@pytest.fixture(scope="module")
def boxed(tmp_path_factory):
    pdf = make_pdf(tmp_path_factory.mktemp("boxed") / "boxed.pdf", draw_boxed_template)
    return extract.run(pdf).data


@pytest.mark.parametrize("size, gap", [
    # a 15 pt title with the space a heading of that size keeps under it (LibreOffice sets the
    # CSS margins so): more than 1.5 lines of the lead's size, less than of the title's
    (15, 33),
    # more than 1.5 lines of the title's size, as the articles keep under theirs
    # (IssueStyle.lead_gap; under its banner the first brief's look also tells)
    (12, 36)])
def test_a_brief_title_with_its_space_under_it_still_opens_a_brief(tmp_path, size, gap):
    pdf = make_pdf(tmp_path / "briefs.pdf", lambda c: draw_boxed_template(c, brief_size=size, brief_gap=gap))
    data = extract.run(pdf).data
    briefs = {s["name"]: s["articles"] for s in data["sections"]}["단신동향"]
    assert [(a["title"], a["lead"]) for a in briefs] == [(b[0], b[1]) for b in BRIEFS]


@pytest.mark.parametrize("wraps, over_page", [(True, False), (False, True)])
def test_contents_cell_wrapped_and_summary_over_a_page(tmp_path, wraps, over_page):
    pdf = make_pdf(tmp_path / "boxed.pdf", lambda c: draw_boxed_template(
        c, section_cell_wraps=wraps, summary_over_page=over_page))
    data = extract.run(pdf).data
    assert data["contents"] == [{"section": "정책동향", "titles": [t for t, _ in BOXED]}]
    second = "과기부는 인공지능 혁신 시범구 다섯 곳을 추가로 " + (
        "지정하고 관련 부처와 세부 계획을 마련하였다." if over_page else "지정하였다.")
    assert data["summary"] == ["국가데이터국은 데이터 요소 3개년 행동계획을 발표하였다.", second]
    assert [a["title"] for s in data["sections"] for a in s["articles"]][:2] == [t for t, _ in BOXED]


def test_a_wrap_is_counted_once_though_the_structure_is_read_again(tmp_path):
    # The boxes (the contents grid, the headings' number boxes) make the segmenter read the
    # issue twice; the one wrap (the summary item over the page) is one witness's decision.
    pdf = make_pdf(tmp_path / "boxed.pdf", lambda c: draw_boxed_template(c, summary_over_page=True))
    assert sum(extract.run(pdf).data["provenance"]["wraps"].values()) == 1


def test_contents_table_and_numbered_summary(boxed):
    assert boxed["contents"] == [{"section": "정책동향", "titles": [t for t, _ in BOXED]}]
    assert boxed["summary"] == ["국가데이터국은 데이터 요소 3개년 행동계획을 발표하였다.",
                                "과기부는 인공지능 혁신 시범구 다섯 곳을 추가로 지정하였다."]
    assert not any(t["caption"] is None and any(title in str(t["rows"]) for title, _ in BOXED)
                   for t in boxed["tables"]), "the contents table is structure, not a table of the issue"


def test_number_boxes_and_briefs_over_leads(boxed):
    sections = {s["name"]: s["articles"] for s in boxed["sections"]}
    assert [(a["number"], a["title"]) for a in sections["정책동향"]] == [("01", BOXED[0][0]), ("02", BOXED[1][0])]
    assert [a["lead"] for a in sections["정책동향"]] == [lead for _, lead in BOXED]
    assert [a["title"] for a in sections["단신동향"]] == [b[0] for b in BRIEFS], \
        "a bold title right over a lead-marked line opens a brief"
    assert [a["lead"] for a in sections["단신동향"]] == [b[1] for b in BRIEFS]
    assert boxed["issue"]["issuer"] == "홍길동" and boxed["issue"]["publisher"] == "한중과학기술협력센터"
