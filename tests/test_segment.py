"""Segmentation on a small bulletin drawn in the test, and its date rules on their own."""
from __future__ import annotations

import pytest

import extract
from extract.segment import resolve_month_day
from helpers import draw_mini_bulletin, make_pdf


@pytest.mark.parametrize("md, issue, expected", [
    ((7, 15), "2023-08-04", "2023-07-15"),
    ((8, 1), "2023-08-04", "2023-08-01"),
    ((12, 28), "2024-01-12", "2023-12-28"),   # a January issue citing December
    ((1, 3), "2024-01-12", "2024-01-03"),
    ((2, 30), "2023-08-04", None),            # no such day
    ((7, 15), None, None),                    # no issue date to take the year from
])
def test_resolve_month_day(md, issue, expected):
    assert resolve_month_day(*md, issue) == expected


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    pdf = make_pdf(tmp_path_factory.mktemp("mini") / "mini.pdf", draw_mini_bulletin)
    return extract.run(pdf).data


def test_cover_contents_summary(mini):
    assert mini["issue"]["series"] == "중국 과학기술 정책 주간동향"
    assert mini["issue"]["date"] == "2024-01-12"
    assert mini["contents"] == [{"section": "정책동향", "titles": ["과기부, 인공지능 시범구 추가 지정"]}]
    assert mini["summary"] == ["과기부는 인공지능 혁신 시범구 다섯 곳을 추가로 지정하였다."]


def test_sections_and_article(mini):
    assert [s["name"] for s in mini["sections"]] == ["정책동향"]
    (article,) = mini["sections"][0]["articles"]
    assert article["title"] == "과기부, 인공지능 시범구 추가 지정"
    assert article["lead"] == "베이징, 상하이 등 다섯 곳 지정"
    assert article["date"] == "2023-12-28", "a December date in a January issue is last year's"
    assert article["bullets"] == [
        {"level": 1, "text": "과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정"},
        {"level": 2, "text": "시범구는 산업 응용과 제도 혁신을 함께 추진"},
    ]
    assert article["figures"] == ["인공지능 시범구 분포도"]
    assert article["references"] == [
        {"title": "科技部新增人工智能试验区", "url": "https://www.most.gov.cn/a/b.html"}]
    assert article["pages"] == [3]


def test_colophon(mini):
    issue = mini["issue"]
    assert issue["issuer"] == "홍길동"
    assert issue["publisher"] == "한중과학기술협력센터"
    assert issue["address"] == "북경시 조양구 시험로 1호"
    assert issue["tel"] == "86)10-1234-5678"
    assert issue["url"] == "http://www.example.org"


def test_running_header_and_page_numbers_left_out(mini):
    texts = [b["text"] for s in mini["sections"] for a in s["articles"] for b in a["bullets"]]
    assert not any("주간동향" in t or t.startswith("- 3") for t in texts)


def test_a_banner_number_wrapped_over_its_name_is_joined_to_it():
    """'Ⅱ.' alone on a line over '정책동향' (a narrow banner box) is one banner line."""
    from extract.model import TextLine
    from extract.segment import Item, Segmenter
    from extract.settings import SegmentSettings

    number = TextLine(page=2, text="Ⅱ.", x0=50, x1=62, top=100, bottom=112, size=12)
    name = TextLine(page=2, text="정책동향", x0=50, x1=110, top=114, bottom=126, size=12)
    far = TextLine(page=2, text="본문 한 줄", x0=50, x1=200, top=300, bottom=310, size=10)
    items = [Item(2, ln.top, line=ln) for ln in (number, name, far)]
    joined = Segmenter._join_banner_numbers(items, SegmentSettings().block_gap)
    assert [it.line.text for it in joined] == ["Ⅱ. 정책동향", "본문 한 줄"]


def test_an_item_that_carries_the_leads_mark_takes_its_level_from_its_indent(tmp_path):
    """Leads marked '○', items '-' at two indents: a '○' item set in with the deeper items is of their
    level, one at the lead's own x of the first."""
    article = _one_article(tmp_path / "lead-mark-items.pdf", [
        (60, "○ 베이징, 상하이 등 다섯 곳 지정 (12.28)"),
        (72, "- 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정"),
        (86, "- 시범구는 산업 응용과 제도 혁신을 함께 추진"),
        (86, "○ 지역별로는 동부 세 곳, 서부 두 곳으로 나타남"),
        (72, "- 선정된 시범구는 3년간 정책 지원을 받음"),
        (86, "- 지원 규모는 지역마다 다름"),
        (60, "○ 과기부는 연말에 성과를 평가할 계획")])
    assert article["lead"] == "베이징, 상하이 등 다섯 곳 지정"
    assert [(b["level"], b["text"][:6]) for b in article["bullets"]] == [
        (1, "과기부는 국"), (2, "시범구는 산"), (2, "지역별로는 "), (1, "선정된 시범"), (2, "지원 규모는"),
        (1, "과기부는 연")]


def test_a_summary_table_overleaf_of_a_contents_list_is_the_summary(tmp_path):
    """Contents printed as lines, the summary overleaf as a ruled table of numbered rows and
    no heading: the table is the summary, not more contents titles."""
    from helpers import KO, draw_banner, draw_cover, draw_page_frame, make_pdf

    titles = ["과기부, 인공지능 시범구 추가 지정", "상하이시, 양자컴퓨팅 산업 육성 방안 발표",
              "광둥성, 바이오의약 산업 클러스터 지정", "중국과학원, 초전도 양자칩 공개"]
    summary = ["과기부는 인공지능 혁신 시범구 다섯 곳을 추가로 지정하였다.",
               "상하이시는 양자컴퓨팅 산업 규모를 100억 위안으로 키우기로 하였다.",
               "광둥성은 바이오의약 산업 클러스터 세 곳을 새로 지정하였다.",
               "중국과학원은 광자 255개를 검출하는 초전도 양자칩을 공개하였다."]

    def draw(c):
        draw_cover(c, "2024. 1. 12", titles)
        # (no running header: the table is the first thing after the contents)
        c.setFont(KO, 10.5)
        for k, sentence in enumerate(summary):  # (four rows: more than a box of structure has)
            top = 760 - 30 * k
            c.rect(60, top - 30, 30, 30)
            c.rect(90, top - 30, 440, 30)
            c.drawString(71, top - 19, str(k + 1))
            c.drawString(98, top - 19, sentence)
        c.showPage()
        draw_page_frame(c, 3)
        draw_banner(c, "정책동향")
        y = 705
        for k, title in enumerate(titles, start=1):
            c.setFont(KO, 13)
            c.drawString(60, y, f"0{k} {title}")
            c.setFont(KO, 10.5)
            c.drawString(60, y - 25, f"■ 세부 계획은 상반기 중 발표 (12.2{k})")
            c.drawString(72, y - 45, "- 관련 부처와 함께 추진할 예정")
            y -= 90
        c.showPage()

    data = extract.run(make_pdf(tmp_path / "summary-table.pdf", draw)).data
    assert data["contents"] == [{"section": "정책동향", "titles": titles}]
    assert data["summary"] == summary
    assert [a["title"] for a in data["sections"][0]["articles"]] == titles


def test_a_number_box_too_narrow_for_two_digits_still_numbers_its_brief(tmp_path):
    """Briefs numbered in a box that wraps '01' to '0' over '1': a title of two lines beside
    the digits, a title of one line level with their middle, and a '0' in the page's top
    band, where a page number would stand (a page is never numbered 0)."""
    from helpers import KO, draw_banner, draw_cover, draw_page_frame, make_pdf

    briefs = [("과기부, 국가 중점 R&D 계획 과제", "공고", "총 42개 중점 전문 프로젝트 지원"),
              ("저장성, 데이터 요소 시장 육성 방안 발표", "", "25년까지 데이터 거래액 100억 위안 목표"),
              ("베이징, 휴머노이드 로봇 혁신센터 설립", "", "로봇 기업 20곳이 함께 참여")]

    def draw(c):
        draw_cover(c, "2024. 1. 12", [f"{a} {b}".strip() for a, b, _ in briefs])
        for page, chunk in ((2, briefs[:2]), (3, briefs[2:])):
            draw_page_frame(c, page)
            if page == 2:
                draw_banner(c, "정책동향")
            y = 715 if page == 2 else 760
            for k, (first, second, lead) in enumerate(chunk, start=1 if page == 2 else 3):
                c.setFont(KO, 10)
                c.rect(58, y - 26, 14, 40)
                c.drawString(62, y, "0")
                c.drawString(62, y - 20, str(k))
                if second:
                    c.drawString(80, y, first)
                    c.drawString(80, y - 20, second)
                else:
                    c.drawString(80, y - 10, first)
                c.setFont(KO, 10.5)
                c.drawString(60, y - 50, f"○ {lead}")
                c.setFont(KO, 9)
                c.drawString(380, y - 75, "※ 출처 : 과학망('23.11.14)")
                y -= 130
            c.showPage()

    data = extract.run(make_pdf(tmp_path / "split-number.pdf", draw)).data
    got = [(a["number"], a["title"], a["lead"]) for s in data["sections"] for a in s["articles"]]
    assert got == [("01", "과기부, 국가 중점 R&D 계획 과제 공고", briefs[0][2]),
                   ("02", briefs[1][0], briefs[1][2]), ("03", briefs[2][0], briefs[2][2])]


def test_briefs_set_unlike_the_articles_and_a_bold_header_row_without_rules(tmp_path):
    """Articles '01 title' at the body's size, leads unmarked; then a banner not in the
    contents and briefs whose titles are bigger, bold and carry no number: each brief is
    an article (they were lost before opens_brief), and the bold header row of the table
    printed without rules between them stays out of the titles."""
    from helpers import KO, draw_cover, draw_page_frame, make_pdf

    articles = ["과기부, 인공지능 시범구 추가 지정", "상하이시, 양자컴퓨팅 산업 육성 방안 발표"]
    briefs = ["광둥성, 바이오의약 클러스터 지정", "중국과학원, 초전도 양자칩 공개"]

    def draw(c):
        draw_cover(c, "2024. 1. 12", articles)
        draw_page_frame(c, 2)
        c.setFont(KO, 18)
        c.drawString(60, 770, "1. 정책동향")
        y = 730
        for k, title in enumerate(articles, start=1):
            text = c.beginText(60, y)
            text.setFont(KO, 10)
            text.setTextRenderMode(2)  # fill and stroke: drawn bold
            text.textOut(f"0{k} {title}")
            c.drawText(text)
            c.setFont(KO, 10)
            c.drawString(60, y - 22, f"세부 계획은 상반기 중 발표할 예정 (12.2{k})")
            c.drawString(70, y - 42, "- 관련 부처와 함께 추진")
            if k == 1:  # a table without rules, its header row bold at the headings' size
                header = c.beginText(70, y - 72)
                header.setFont(KO, 10)
                header.setTextRenderMode(2)
                for x, cell in ((70, "지역"), (170, "시범구 수"), (270, "지원 예산")):
                    header.setTextOrigin(x, y - 72)
                    header.textOut(cell)
                c.drawText(header)
                c.setFont(KO, 10)
                for r, row in enumerate((("베이징", "2", "10억 위안"), ("상하이", "3", "12억 위안"))):
                    for x, cell in zip((70, 170, 270), row):
                        c.drawString(x, y - 92 - 18 * r, cell)
                y -= 80
            y -= 90
        c.setFont(KO, 18)
        c.drawString(60, y, "2. 단신동향")
        y -= 40
        for k, title in enumerate(briefs):
            text = c.beginText(60, y)
            text.setFont(KO, 13)
            text.setTextRenderMode(2)
            text.textOut(title)
            c.drawText(text)
            c.setFont(KO, 10)
            c.drawString(60, y - 24, "관련 산업 규모를 늘리기로 하였음")
            c.drawString(380, y - 44, f"출처: 신화망 (1.{k + 3})")
            y -= 80
        c.showPage()

    data = extract.run(make_pdf(tmp_path / "briefs-unlike.pdf", draw)).data
    got = {s["name"]: [a["title"] for a in s["articles"]] for s in data["sections"]}
    assert got == {"정책동향": articles, "단신동향": briefs}


def test_a_further_paragraph_set_as_the_unmarked_leads_is_an_item_of_its_own(tmp_path):
    """Leads are bold paragraphs without a mark; after a '-' item a second bold paragraph
    opens an item, not the rest of the item above."""
    from helpers import KO, draw_banner, draw_cover, draw_page_frame, make_pdf

    titles = ["과기부, 인공지능 시범구 추가 지정", "상하이시, 양자컴퓨팅 산업 육성 방안 발표"]

    def draw(c):
        draw_cover(c, "2024. 1. 12", titles)
        draw_page_frame(c, 2)
        draw_banner(c, "정책동향")
        y = 700
        for k, title in enumerate(titles, start=1):
            _bold(c, 60, y, f"0{k} {title}", 13)
            _bold(c, 60, y - 25, f"베이징, 상하이 등 다섯 곳 지정 (12.2{k})")
            c.setFont(KO, 10)
            c.drawString(72, y - 45, "- 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정")
            if k == 1:
                _bold(c, 60, y - 65, "시범구는 3년간 정책 지원을 받게 됨")
                c.setFont(KO, 10)
                c.drawString(72, y - 85, "- 지원 규모는 지역마다 다름")
            y -= 130
        c.showPage()

    data = extract.run(make_pdf(tmp_path / "unmarked-leads.pdf", draw)).data
    first = data["sections"][0]["articles"][0]
    assert first["lead"] == "베이징, 상하이 등 다섯 곳 지정"
    assert [b["text"] for b in first["bullets"]] == [
        "과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정", "시범구는 3년간 정책 지원을 받게 됨",
        "지원 규모는 지역마다 다름"]


def _issue_of_articles(path, titles: list[str], bodies: list[list[tuple[float, str]]]):
    """A two-page issue: a cover listing ``titles``, then one page of 정책동향 with an article
    per title: '0k title', a '■' lead, then its body lines, each (font size, text) at x 62."""
    from helpers import KO, draw_banner, draw_cover, draw_page_frame, make_pdf

    def draw(c):
        draw_cover(c, "2024. 1. 12", titles)
        draw_page_frame(c, 2)
        draw_banner(c, "정책동향")
        y = 705
        for k, (title, body) in enumerate(zip(titles, bodies)):
            c.setFont(KO, 13)
            c.drawString(60, y, f"0{k + 1} {title}")
            c.setFont(KO, 10.5)
            c.drawString(60, y - 24, f"■ 주요 내용 요약 ({12 - k}.28)")
            y -= 48
            for size, text in body:
                c.setFont(KO, size)
                c.drawString(62, y, text)
                y -= 18
            y -= 24
        c.showPage()

    return extract.run(make_pdf(path, draw)).data["sections"][0]["articles"]


def test_marks_give_levels_only_over_marks_they_share_articles_with(tmp_path):
    """A producer that dropped the indents: '○' items and the '-' items under them at one x. A
    third article lists '•' items alone; sharing no article with the others, '•' is over none
    and under none, so '-' stays of the second level, not the third."""
    titles = ["과기부, 인공지능 시범구 추가 지정", "상하이시, 양자 산업 육성 방안 발표",
              "국가 컴퓨팅 허브 네 곳 추가 지정"]
    bodies = [
        ["○ 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정", "- 시범구는 산업 응용과 제도 혁신을 함께 추진",
         "○ 지역별로는 동부 세 곳, 서부 두 곳으로 나타남", "- 선정된 시범구는 3년간 정책 지원을 받음"],
        ["• 양자컴퓨터 시제품 개발을 추진", "• 양자통신 시범망을 구축", "• 양자 분야 창업 기업을 지원"],
        ["○ 국가발전개혁위원회는 허브 네 곳을 추가로 지정", "- 허브별로 대형 모델 훈련용 연산력을 제공",
         "○ 지정된 허브는 3년간 보조금을 받음"],
    ]
    articles = _issue_of_articles(tmp_path / "flat-marks.pdf", titles, [[(10, t) for t in b] for b in bodies])
    assert [[b["level"] for b in a["bullets"]] for a in articles] == [[1, 2, 1, 2], [1, 1, 1], [1, 2, 1]]


@pytest.mark.parametrize("between, header", [
    ((10, "〈화웨이 10단 가변 조리개 특징〉"), (10, "구분 특징")),  # a caption ends the item
    (None, (8.5, "구분 특징")),  # a line in another size is not its wrap
], ids=["after a caption", "smaller"])
def test_an_unclaimed_table_header_is_no_part_of_the_item_above(tmp_path, between, header):
    """A table the tables stage did not find: its header row, right under a caption or set
    smaller than the body, does not run on from the item above it."""
    title = "화웨이, 5대 혁신기술 소개"
    body = [(10, "- 카메라에 최초로 10단 가변 조리개 기술을 사용해 빛 정밀 제어")] + ([between] if between else []) \
        + [header, (10, "- 카메라, 레이더 등의 신호를 융합하여 장애물을 감지")]
    article = _issue_of_articles(tmp_path / "header.pdf", [title], [body])[0]
    assert [b["text"] for b in article["bullets"]] == [
        "카메라에 최초로 10단 가변 조리개 기술을 사용해 빛 정밀 제어",
        "카메라, 레이더 등의 신호를 융합하여 장애물을 감지"]


def _draw_article_head(c, title: str) -> None:
    """A cover naming ``title``, then a page of section '정책동향' with the article's heading
    '01 title'; the font left at the body's 10.5 pt."""
    from helpers import KO, draw_banner, draw_cover, draw_page_frame

    draw_cover(c, "2024. 1. 12", [title])
    draw_page_frame(c, 2)
    draw_banner(c, "정책동향")
    c.setFont(KO, 13)
    c.drawString(60, 705, f"01 {title}")
    c.setFont(KO, 10.5)


def _one_article(path, lines: list[tuple[float, str]]) -> dict:
    """An issue of one article: its heading, then ``lines`` (x, text) one under another at
    10.5 pt; returns the article."""
    from helpers import make_pdf

    title = "과기부, 인공지능 시범구 추가 지정"

    def draw(c):
        _draw_article_head(c, title)
        y = 680
        for x, line in lines:
            c.drawString(x, y, line)
            y -= 20
        c.showPage()

    return extract.run(make_pdf(path, draw)).data["sections"][0]["articles"][0]


def test_a_few_marks_half_way_do_not_chain_a_narrow_indents_two_levels_into_one(tmp_path):
    """'•' items at x 60, '-' items under them 10 pt further in (under one em: a narrow
    indent), and two '○' items half way: the levels are the two indents in use, not one run
    of positions each within the tolerance of the next."""
    article = _one_article(tmp_path / "narrow.pdf", [
        (60, "■ 베이징, 상하이 등 다섯 곳 지정 (12.28)"),
        (60, "• 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정"),
        (70, "- 시범구는 산업 응용과 제도 혁신을 함께 추진"),
        (70, "- 지역별로는 동부 세 곳, 서부 두 곳으로 나타남"),
        (60, "• 선정된 시범구는 3년간 정책 지원을 받음"),
        (70, "- 지원 규모는 지역마다 다름"),
        (70, "- 성과 평가는 연말에 실시"),
        (65, "○ 베이징"),
        (65, "○ 상하이"),
        (60, "• 과기부는 연말에 성과를 평가할 계획"),
        (70, "- 평가 결과는 공개할 예정"),
    ])
    levels = [(b["level"], b["text"][:5]) for b in article["bullets"] if not b["text"].startswith(("베이징", "상하이"))]
    assert levels == [
        (1, "과기부는 "), (2, "시범구는 "), (2, "지역별로는"), (1, "선정된 시"), (2, "지원 규모"), (2, "성과 평가"),
        (1, "과기부는 "), (2, "평가 결과")]


def test_a_further_paragraph_at_the_leads_x_is_of_the_first_level(tmp_path):
    """The lead set in as far as the second level's items (a lead in a box, its text inside
    the box's padding): a second paragraph set as the lead, where the lead stands, is an item
    of the first level, not of the level whose indent its x is near."""
    article = _one_article(tmp_path / "lead-x.pdf", [
        (70, "■ 베이징, 상하이 등 다섯 곳 지정 (12.28)"),
        (60, "• 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정"),
        (70, "- 시범구는 산업 응용과 제도 혁신을 함께 추진"),
        (70, "■ 지역별로는 동부 세 곳, 서부 두 곳으로 나타남"),
        (60, "• 선정된 시범구는 3년간 정책 지원을 받음"),
        (70, "- 지원 규모는 지역마다 다름"),
    ])
    assert article["lead"] == "베이징, 상하이 등 다섯 곳 지정"
    assert [(b["level"], b["text"][:5]) for b in article["bullets"]] == [
        (1, "과기부는 "), (2, "시범구는 "), (1, "지역별로는"), (1, "선정된 시"), (2, "지원 규모")]


def test_a_marked_line_further_in_than_three_indent_steps_is_no_item(tmp_path):
    """Items at three indents 12 pt apart; a table without rulings that the tables stage did
    not find, its cells' '•' items far in at x 250: those lines are a cell's, not items of
    the article (an issue nests three levels), while the third level's item stays."""
    article = _one_article(tmp_path / "deep.pdf", [
        (60, "■ 베이징, 상하이 등 다섯 곳 지정 (12.28)"),
        (60, "• 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정"),
        (72, "- 시범구는 산업 응용과 제도 혁신을 함께 추진"),
        (84, "◦ 지역별로는 동부 세 곳, 서부 두 곳"),
        (250, "• 라이브 방송 분야 응용 전망"),
        (250, "• 물류, 자동차제조 분야 응용"),
        (60, "• 선정된 시범구는 3년간 정책 지원을 받음"),
        (72, "- 지원 규모는 지역마다 다름"),
    ])
    assert [(b["level"], b["text"][:5]) for b in article["bullets"]] == [
        (1, "과기부는 "), (2, "시범구는 "), (3, "지역별로는"), (1, "선정된 시"), (2, "지원 규모")]


def test_an_unmarked_line_under_a_table_is_no_wrap_of_the_item_over_the_table(tmp_path):
    """An item, a ruled table under it, then an unmarked line right under the grid (a cell's
    wrapped half the grid did not take): the table ended the item, the line is not its wrap."""
    from helpers import make_pdf

    title = "과기부, 국가 과학기술 발전 통계 발표"

    def draw(c):
        _draw_article_head(c, title)
        c.drawString(60, 680, "■ R&D 투입 3.3조 위안 돌파 (12.28)")
        c.drawString(60, 655, "- 지역별로는 광동성, 강소, 북경 등 동부 지역의 집약도가 높게 나타남")
        rows = [("구분", "집약도", "주요 지역"), ("1그룹", "4% 이상", "북경, 상해"), ("2그룹", "3~4%", "강소, 절강"),
                ("3그룹", "2~3%", "산시, 호북")]
        top = 630
        for k, row in enumerate(rows):
            y = top - 22 * k
            for j, (x, w) in enumerate(((60, 80), (140, 100), (240, 200))):
                c.rect(x, y - 22, w, 22)
                c.drawString(x + 5, y - 15, row[j])
        c.drawString(62, top - 22 * len(rows) - 16, "그룹")
        c.drawString(60, top - 22 * len(rows) - 44, "- 기업의 R&D 투입은 전체의 77%를 차지")
        c.showPage()

    article = extract.run(make_pdf(tmp_path / "after-table.pdf", draw)).data["sections"][0]["articles"][0]
    assert article["tables"], "the grid is read as a table"
    assert [b["text"] for b in article["bullets"]] == [
        "지역별로는 광동성, 강소, 북경 등 동부 지역의 집약도가 높게 나타남", "기업의 R&D 투입은 전체의 77%를 차지"]


def test_a_line_that_repeats_its_mark_is_a_tables_row_not_an_item(tmp_path):
    """A table without rulings lists '○' items in cells side by side; read as lines, a row
    opens with '○' and carries '○' again further along. That line and the cell text wrapped
    under it are no items, and do not run into the item above; a '-' between spaces in an
    item's sentence is prose."""
    article = _one_article(tmp_path / "row.pdf", [
        (60, "■ 베이징, 상하이 등 다섯 곳 지정 (12.28)"),
        (60, "○ 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정"),
        (72, "- 시범구는 산업 응용 - 제도 혁신을 함께 추진"),
        (66, "○ 블록체인            ○ 우주항공            ○ 바이오산업"),
        (78, "기술                  선박 등"),
        (60, "○ 선정된 시범구는 3년간 정책 지원을 받음"),
    ])
    assert [(b["level"], b["text"]) for b in article["bullets"]] == [
        (1, "과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정"), (2, "시범구는 산업 응용 - 제도 혁신을 함께 추진"),
        (1, "선정된 시범구는 3년간 정책 지원을 받음")]


def test_the_indent_step_that_bounds_the_items_is_that_of_the_two_most_used_indents(tmp_path):
    """A wide indent (20 pt a level) and two marks half way between the first two levels:
    the step is the distance of the two indents most items stand at, not of the first two
    indents found, so the third level's item is not taken for a table cell's."""
    article = _one_article(tmp_path / "step.pdf", [
        (60, "■ 베이징, 상하이 등 다섯 곳 지정 (12.28)"),
        (60, "• 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정"),
        (80, "- 시범구는 산업 응용과 제도 혁신을 함께 추진"),
        (67, "○ 베이징"),
        (67, "○ 상하이"),
        (60, "• 선정된 시범구는 3년간 정책 지원을 받음"),
        (80, "- 지원 규모는 지역마다 다름"),
        (100, "◦ 동부 세 곳은 2배 지원"),
        (60, "• 과기부는 연말에 성과를 평가할 계획"),
        (80, "- 평가 결과는 공개할 예정"),
    ])
    assert "동부 세 곳은 2배 지원" in [b["text"] for b in article["bullets"]]


def test_an_indent_between_the_two_most_used_is_no_level_of_its_own(tmp_path):
    """Two marks half way between the first two levels of a wide indent, more than the
    tolerance from each: they make no level between the two, which would push the second
    level's items to the third."""
    article = _one_article(tmp_path / "between.pdf", [
        (60, "■ 베이징, 상하이 등 다섯 곳 지정 (12.28)"),
        (60, "• 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정"),
        (80, "- 시범구는 산업 응용과 제도 혁신을 함께 추진"),
        (70, "○ 베이징"),
        (70, "○ 상하이"),
        (60, "• 선정된 시범구는 3년간 정책 지원을 받음"),
        (80, "- 지원 규모는 지역마다 다름"),
        (100, "◦ 동부 세 곳은 2배 지원"),
        (60, "• 과기부는 연말에 성과를 평가할 계획"),
        (80, "- 평가 결과는 공개할 예정"),
    ])
    assert [(b["level"], b["text"][:5]) for b in article["bullets"] if b["text"] not in ("베이징", "상하이")] == [
        (1, "과기부는 "), (2, "시범구는 "), (1, "선정된 시"), (2, "지원 규모"), (3, "동부 세 "), (1, "과기부는 "),
        (2, "평가 결과")]


def test_a_heavy_mark_seen_twice_among_flat_items_is_of_the_first_level(tmp_path):
    """A producer that dropped the indents: '•' items, '-' items under them, all at one x.
    A '●' item seen twice is an item set apart at the top (first level); a '*' note seen
    once sits under the others."""
    titles = ["과기부, 인공지능 시범구 추가 지정", "상하이시, 양자 산업 육성 방안 발표"]
    bodies = [
        ["• 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정", "- 시범구는 산업 응용과 제도 혁신을 함께 추진",
         "- 지역별로는 동부 세 곳, 서부 두 곳으로 나타남", "• 선정된 시범구는 3년간 정책 지원을 받음",
         "- 지원 규모는 지역마다 다름", "● 중국 내 인공지능 기업들은 대형 모델 개발에 집중",
         "* 지원 대상은 연말에 공개"],
        ["• 양자컴퓨터 시제품 개발을 추진", "- 양자통신 시범망을 구축",
         "● 대학과 연구기관들은 양자 연구를 활발히 추진"],
    ]
    articles = _issue_of_articles(tmp_path / "heavy.pdf", titles, [[(10, t) for t in b] for b in bodies])
    assert [[b["level"] for b in a["bullets"]] for a in articles] == [[1, 2, 2, 1, 2, 1, 3], [1, 2, 1]]


def test_an_item_ends_at_a_table_whose_caption_the_table_claimed(tmp_path):
    """A table found with its caption: the caption is the table's, not a body line, yet it
    ends the item above it as a caption read as body text does. An unmarked line under the
    table (its header's repeat that the table left out) is no part of that item."""
    from helpers import KO, make_pdf

    title = "화웨이, 5대 혁신기술 소개"

    def draw(c):
        _draw_article_head(c, title)
        c.drawString(60, 681, "■ 주요 내용 요약 (12.28)")
        c.setFont(KO, 10)
        c.drawString(62, 657, "- 카메라에 최초로 10단 가변 조리개 기술을 사용해 빛 정밀 제어")
        c.drawString(200, 630, "〈화웨이 혁신기술 특징〉")
        xs, ys = [70, 160, 300, 480], [615, 597, 579, 561, 543]
        c.grid(xs, ys)
        cells = [("구분", "기술", "특징"), ("1", "가변 조리개", "빛 정밀 제어"), ("2", "GOD 네트워크", "장애물 감지"),
                 ("3", "5.5G", "10Gbps 전송")]
        for row, (top, _) in zip(cells, zip(ys, ys[1:])):
            for x, text in zip(xs, row):
                c.drawString(x + 4, top - 13, text)
        c.drawString(74, 522, "구분 기술 특징")
        c.drawString(62, 498, "- 카메라, 레이더 등의 신호를 융합하여 장애물을 감지")
        c.showPage()

    article = extract.run(make_pdf(tmp_path / "claimed-caption.pdf", draw)).data["sections"][0]["articles"][0]
    assert [b["text"] for b in article["bullets"]] == ["카메라에 최초로 10단 가변 조리개 기술을 사용해 빛 정밀 제어",
                                                       "카메라, 레이더 등의 신호를 융합하여 장애물을 감지"]



def _draw_cover_head(c, contents_heading: str) -> None:
    """Page 1's head: the series title, the date (2024. 1. 12) and the contents heading, whose
    lines the test draws under it from y 590 down."""
    from helpers import KO, draw_page_frame

    draw_page_frame(c, 1)
    c.setFont(KO, 26)
    c.drawString(60, 700, "중국 과학기술 정책 주간동향")
    c.setFont(KO, 12)
    c.drawString(60, 662, "2024. 1. 12")
    c.setFont(KO, 16)
    c.drawString(60, 615, contents_heading)


def test_contents_and_summary_wraps_as_far_apart_as_the_bodys_wraps(tmp_path):
    """A producer that sets lines twice their size apart (LibreOffice's line height): a
    contents title and the summary's items wrap with a gap over one line size. The body's
    wrapped bullets show the same gap, so those lines continue the ones above; the items
    themselves stand further apart and stay apart."""
    from helpers import KO, draw_banner, draw_page_frame, make_pdf

    titles = ["국가약품감독관리국, 12월 신약 9종과 혁신 의료기기 9개 승인", "상하이시, 양자컴퓨팅 산업 육성 방안 발표"]
    summary = [("과기부는 인공지능 혁신 시범구 다섯 곳을 추가로 지정하고 지역별 산업 응용과 제도 혁신을",
                "함께 추진하기로 하였다."),
               ("상하이시는 양자컴퓨팅 산업 규모를 100억 위안으로 키우고 양자통신 시범망을 구축하여",
                "창업 기업을 지원하기로 하였다.")]
    pitch = 21  # 10 pt lines, 21 pt apart: a gap of 11 pt between a line and its wrap
    bullets = ["- 국가약품감독관리국은 12월 한 달간 신약 아홉 종과 혁신 의료기기 아홉 개의 시판을",
               "승인하였으며 대부분은 항암제와 심혈관 치료 장비인 것으로 나타남",
               "- 승인된 의료기기는 이식형 신경 자극기와 수술 로봇 등이며 국산화 비율이 계속",
               "높아지고 있는 것으로 평가됨"]

    def draw(c):
        _draw_cover_head(c, "목 차")
        c.setFont(KO, 11)
        c.drawString(60, 580, "1. 정책동향")
        c.setFont(KO, 10)
        c.drawString(75, 555, "- " + titles[0].rsplit(" ", 1)[0])
        c.drawString(75, 555 - pitch, titles[0].rsplit(" ", 1)[1])
        c.drawString(75, 555 - pitch - 26, "- " + titles[1])
        c.showPage()
        draw_page_frame(c, 2)
        c.setFont(KO, 14)
        c.drawString(60, 760, "요 약")
        c.setFont(KO, 10)
        y = 720
        for first, second in summary:
            c.drawString(60, y, "• " + first)
            c.drawString(72, y - pitch, second)
            y -= 2 * pitch + 14
        c.showPage()
        draw_page_frame(c, 3)
        draw_banner(c, "정책동향")
        y = 705
        for k, title in enumerate(titles):
            c.setFont(KO, 13)
            c.drawString(60, y, f"0{k + 1} {title}")
            c.setFont(KO, 10)
            c.drawString(60, y - 26, f"■ 세부 계획은 상반기 중 발표 (12.2{k + 1})")
            y -= 52
            for line in bullets:
                c.drawString(62 if line.startswith("-") else 70, y, line)
                y -= pitch
            y -= 20
        c.showPage()

    data = extract.run(make_pdf(tmp_path / "wide-lines.pdf", draw)).data
    assert data["contents"] == [{"section": "정책동향", "titles": titles}]
    assert data["summary"] == [f"{first} {second}" for first, second in summary]


def test_a_summary_item_wraps_where_its_line_had_no_room_for_the_next_word(tmp_path):
    """Summary lines twice their size apart and no wrapped body line to learn that gap from:
    a line that ended for want of room (the first word under it would not have fitted) goes
    on in the unmarked line under it, set in from the marks."""
    from helpers import KO, draw_banner, draw_cover, draw_page_frame, make_pdf

    title = "과기부, 인공지능 시범구 추가 지정"
    first = "과기부는 국가 인공지능 혁신 응용 시범구 다섯 곳을 추가로 정하고 지역별 산업 응용을 함께"
    wrapped = "추진하기로 하였다."
    second = "상하이시는 양자컴퓨팅 산업 규모를 100억 위안으로 키우고 양자통신 시범망을 구축하기로 하였다."

    def draw(c):
        draw_cover(c, "2024. 1. 12", [title])
        draw_page_frame(c, 2)
        c.setFont(KO, 14)
        c.drawString(60, 760, "요 약")
        c.setFont(KO, 10)
        c.drawString(60, 720, "• " + first)
        c.drawString(72, 699, wrapped)  # 21 pt down: a gap of 11 pt, over the line's size
        c.drawString(60, 665, "• " + second)
        c.showPage()
        draw_page_frame(c, 3)
        draw_banner(c, "정책동향")
        c.setFont(KO, 13)
        c.drawString(60, 705, f"01 {title}")
        c.setFont(KO, 10)
        c.drawString(60, 679, "■ 세부 계획은 상반기 중 발표 (12.21)")
        c.drawString(62, 655, "- 시범구는 산업 응용과 제도 혁신을 함께 추진")
        c.showPage()

    pdf = make_pdf(tmp_path / "summary-wrap.pdf", draw)
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[1].extract_words()
    top = next(w["top"] for w in words if w["text"] == "과기부는")
    first_end = max(w["x1"] for w in words if abs(w["top"] - top) < 2)
    room = max(w["x1"] for w in words) - first_end
    assert 0 < room < 40  # (the drawing: the room left is under the next word's width)
    data = extract.run(pdf).data
    assert data["summary"] == [f"{first} {wrapped}", second]


def _bold(c, x, y, line, size=10.0):
    from helpers import KO

    text = c.beginText(x, y)
    text.setFont(KO, size)
    text.setTextRenderMode(2)  # fill and stroke: drawn bold
    text.textOut(line)
    text.setTextRenderMode(0)  # (the mode is graphics state: it outlives the text object)
    c.drawText(text)


def _brief_body(c, y: float, lead: str) -> None:
    from helpers import KO

    c.setFont(KO, 10.5)
    c.drawString(60, y, f"■ {lead}")
    c.setFont(KO, 10)
    c.drawString(70, y - 22, "- 관련 부처와 함께 세부 계획을 마련할 예정")
    c.setFont(KO, 9)
    c.drawString(380, y - 44, "※ 출처 : 과학망('23.11.14)")


def test_a_number_box_between_the_lines_of_a_title_wrapped_beside_it_numbers_the_title(tmp_path):
    """Briefs (under a banner the contents does not list) numbered in a box beside a title
    that wrapped in its cell: the box centres its number on the title, between the title's
    two lines and level with neither, also near a page's top where a page number would
    stand; and a zero-padded number wrapped to '0' over a digit in that band. Each is the
    title's number, and the briefs run 01, 02, 03."""
    from helpers import KO, draw_banner, draw_cover, draw_page_frame, make_pdf

    article = "상하이시, 양자컴퓨팅 산업 육성 방안 발표"
    briefs = [("과기부, 2022년도 결산보고서", "공개", "'22년도 결산액은 전년 대비 1% 감소"),
              ("칭화과기원 과학기술협회", "신설", "정부, 기업과 과기인력 간의 협력 창구로 구축"),
              ("푸젠성, 신형 인프라 건설 3년 계획 발표", "", "지역마다 메타버스 시범구를 건설할 계획")]

    def boxed(c, y, number, first, second):
        c.setFont(KO, 10)
        c.rect(56, y - 24, 20, 36)
        c.drawString(59, y - 9, number)  # level with neither line of the title
        c.drawString(82, y, first)
        c.drawString(82, y - 18, second)

    def draw(c):
        draw_cover(c, "2024. 1. 12", [article])
        draw_page_frame(c, 2)
        draw_banner(c, "정책동향")
        _bold(c, 60, 700, f"01 {article}", 13)
        _brief_body(c, 675, "총 42개 중점 전문 프로젝트 지원")
        c.setFont(KO, 18)
        c.drawString(60, 560, "단신동향")
        boxed(c, 520, "01", *briefs[0][:2])
        _brief_body(c, 485, briefs[0][2])
        c.showPage()
        draw_page_frame(c, 3)
        boxed(c, 790, "02", *briefs[1][:2])  # in the page's top band
        _brief_body(c, 755, briefs[1][2])
        c.showPage()
        draw_page_frame(c, 4)
        c.setFont(KO, 10)  # '03' wrapped in a box too narrow for two digits, in the top band too
        c.drawString(62, 790, "0")
        c.drawString(62, 770, "3")
        c.drawString(80, 780, briefs[2][0])
        _brief_body(c, 735, briefs[2][2])
        c.showPage()

    data = extract.run(make_pdf(tmp_path / "boxed-numbers.pdf", draw)).data
    got = {s["name"]: [(a["number"], a["title"], a["lead"]) for a in s["articles"]] for s in data["sections"]}
    assert got["단신동향"] == [("01", "과기부, 2022년도 결산보고서 공개", briefs[0][2]),
                            ("02", "칭화과기원 과학기술협회 신설", briefs[1][2]),
                            ("03", briefs[2][0], briefs[2][2])]


def test_a_banner_wrapped_in_its_narrow_box_is_one_banner(tmp_path):
    """Section banners set in a box too narrow for their names wrap them ('특집기' over '사',
    a box's wide line spacing apart): the two lines spell a section the contents lists, and
    are that section's banner, not lines before any banner."""
    from helpers import KO, draw_page_frame, make_pdf

    sections = [("특집기사", "과기부, '2023년 국가 과학기술 발전 통계' 발표"),
                ("정책동향", "세계지식재산권기구, '2023 글로벌 혁신지수' 발표")]

    def draw(c):
        _draw_cover_head(c, "차 례")
        y = 590
        for name, title in sections:
            c.setFont(KO, 11)
            c.drawString(60, y, f"□ {name}")
            c.setFont(KO, 10.5)
            c.drawString(75, y - 20, f"○ {title}")
            y -= 50
        c.showPage()
        for page, (name, title) in enumerate(sections, start=2):
            draw_page_frame(c, page)
            c.rect(52, 720, 40, 70)
            _bold(c, 56, 775, name[:3], 15)
            _bold(c, 56, 743, name[3:], 15)
            _bold(c, 60, 690, f"01 {title}", 13)
            _brief_body(c, 665, "관련 지수는 전년 대비 상승")
            c.showPage()

    data = extract.run(make_pdf(tmp_path / "wrapped-banner.pdf", draw)).data
    got = [(s["name"], [a["title"] for a in s["articles"]]) for s in data["sections"]]
    assert got == [(name, [title]) for name, title in sections]
