"""Body and tables arbitrate (``extract.tables.arbitrate``): the body's own furniture lined up
like columns (a rule under each heading, a lead in a shaded box, number boxes, '출처:' set
apart from its source) is not a table, and a table read from aligned words needs the
evidence of one.

Each test draws one page with reportlab: the faults (a heading and its lead taken into the
table under them, a shaded lead read as a header row, five briefs read as one table, a
key/value block of running text kept as a table), and the tables that must still be found.
"""
from __future__ import annotations

import pdfplumber
import pytest

import extract
from extract.settings import TableSettings
from extract.tables import find_fragments
from helpers import KO, make_pdf


def _fragments(path):
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[0]
        return find_fragments(page, 1, TableSettings(), None, page.chars)


def _body(path) -> list[str]:
    """The page's body lines in reading order, as the pipeline hands them to the segmenter."""
    doc = extract.run(path).document
    return [ln.text for ln in doc.lines if ln.role == "body"]


def _in_order(needles: list[str], lines: list[str]) -> bool:
    k = 0
    for ln in lines:
        if k < len(needles) and needles[k] in ln:
            k += 1
    return k == len(needles)


# --------------------------------------------------------------------------- (a) a heading ruled under

ROWS = [("구분", "2022년", "2023년", "증감"), ("연구개발비", "3.08", "3.33", "8.1%"),
        ("기초연구", "0.20", "0.22", "11.6%"), ("응용연구", "0.35", "0.36", "3.2%")]


def _draw_heading_rules(c, numbered=True):
    """Article 01 (heading, the rule under it, lead, bullet), its table ruled above, under
    the header and below, then article 02's heading with the same rule under it and its lead:
    the four rules of one width make one stack from the first heading to the second."""
    no = ("01 ", "02 ") if numbered else ("", "")
    c.setFont(KO, 13)
    c.drawString(60, 780, f"{no[0]}과기부, 국가 과학기술 통계 발표")
    c.setLineWidth(1)
    c.line(55, 773, 540, 773)
    c.setFont(KO, 10.5)
    c.drawString(60, 752, "■ 연구개발비 3조 위안 돌파 (12.28)")
    c.setFont(KO, 10)
    c.drawString(62, 732, "- 과기부는 2023년 전국 연구개발비 통계를 발표")
    top = 700
    c.setLineWidth(1.2)
    c.line(55, top, 540, top)
    for r, row in enumerate(ROWS):
        for x, t in zip((62, 200, 320, 440), row):
            c.drawString(x, top - 14 - r * 18, t)
        if r == 0:
            c.setLineWidth(0.6)
            c.line(55, top - 19, 540, top - 19)
    bottom = top - 14 - (len(ROWS) - 1) * 18 - 7
    c.setLineWidth(1.2)
    c.line(55, bottom, 540, bottom)
    y = bottom - 28
    c.setFont(KO, 13)
    c.drawString(60, y, f"{no[1]}공업정보화부, 로봇 산업 육성 방안 발표")
    c.setLineWidth(1)
    c.line(55, y - 7, 540, y - 7)
    c.setFont(KO, 10.5)
    c.drawString(60, y - 26, "■ 2025년까지 핵심 부품 국산화율 제고 (12.29)")
    c.setFont(KO, 10)
    c.drawString(62, y - 48, "- 로봇 밀도를 두 배로 높이는 목표를 제시")
    c.showPage()


@pytest.mark.parametrize("numbered", [True, False], ids=["numbered", "unnumbered"])
def test_a_heading_with_a_rule_under_it_stays_out_of_the_table_below(tmp_path, numbered):
    pdf = make_pdf(tmp_path / "heading_rules.pdf", lambda c: _draw_heading_rules(c, numbered))
    frags = _fragments(pdf)
    assert len(frags) == 1
    frag = frags[0]
    assert frag.rows == [list(r) for r in ROWS]
    assert frag.header_rows == 1
    assert frag.quality["evidence"]["verdict"] == "table"
    assert frag.quality["structure_lines_returned"] >= 2
    body = _body(pdf)
    assert _in_order(["과기부, 국가", "■ 연구개발비 3조", "- 과기부는 2023년", "공업정보화부, 로봇",
                      "■ 2025년까지", "- 로봇 밀도"], body)
    assert not any("구분" in ln or "3.08" in ln for ln in body)


# --------------------------------------------------------------------------- (b) a shaded lead

def _draw_shaded_leads(c):
    """Leads in a light band with the marker in a dark box beside it (two shaded boxes side
    by side: what a shaded header row looks like), bullets set with a hanging indent."""
    y = 770
    for n, (title, lead) in enumerate([("과기부, 인공지능 시범구 추가 지정",
                                        "베이징, 상하이 등 다섯 곳 지정 (12.28)"),
                                       ("공업정보화부, 로봇 산업 육성 방안 발표",
                                        "핵심 부품 국산화율 제고 (12.29)")], 1):
        c.setFont(KO, 13)
        c.drawString(60, y, f"{n:02d} {title}")
        c.setFillGray(0.3)
        c.rect(55, y - 34, 16, 18, fill=1, stroke=0)
        c.setFillGray(0.9)
        c.rect(71, y - 34, 469, 18, fill=1, stroke=0)
        c.setFillGray(1)
        c.setFont(KO, 10.5)
        c.drawString(58, y - 29, "■")
        c.setFillGray(0)
        c.drawString(76, y - 29, lead)
        c.setFont(KO, 10)
        for k, b in enumerate(["전용 기금 조성", "연구개발 지원 확대", "성과 점검 실시"]):
            c.drawString(60, y - 54 - k * 17, "ㅇ")
            c.drawString(76, y - 54 - k * 17, b)
        y -= 54 + 3 * 17 + 30
    c.showPage()


def test_a_lead_on_a_shaded_band_is_no_header_row(tmp_path):
    pdf = make_pdf(tmp_path / "shaded_lead.pdf", _draw_shaded_leads)
    assert _fragments(pdf) == []
    assert _in_order(["01 과기부", "■ 베이징", "ㅇ 전용 기금", "ㅇ 성과 점검", "02 공업정보화부",
                      "■ 핵심 부품", "ㅇ 전용 기금"], _body(pdf))


# --------------------------------------------------------------------------- (c) a page of briefs

BRIEFS = [("상하이, 양자 컴퓨팅 센터 개소", "양자 연구 거점 구축", "상하이시 과학기술위원회", "12.27"),
          ("선전, 반도체 펀드 조성", "500억 위안 기금 조성", "선전시 인민정부", "12.26"),
          ("광둥, 수소 에너지 계획 발표", "수소차 1만 대 보급", "광둥성 발전개혁위원회", "12.25"),
          ("저장, 디지털 경제 지원", "디지털 기업 세제 혜택", "저장성 인민정부", "12.24"),
          ("장쑤, 바이오 산업 단지 조성", "신약 개발 기업 유치", "장쑤성 과학기술청", "12.23")]


def _draw_briefs(c):
    """Five briefs: number box, title, a rule under it, lead, a bullet, and '출처:' set
    apart from its source (the sources line up as a second column)."""
    y = 770
    for n, (title, lead, src, md) in enumerate(BRIEFS, 1):
        c.setFillGray(0.3)
        c.rect(58, y - 4, 20, 16, fill=1, stroke=0)
        c.setFillGray(1)
        c.setFont(KO, 12)
        c.drawString(61, y, f"{n:02d}")
        c.setFillGray(0)
        c.drawString(88, y, title)
        c.setLineWidth(0.8)
        c.line(55, y - 7, 540, y - 7)
        c.setFont(KO, 10)
        c.drawString(60, y - 25, f"■ {lead} ({md})")
        c.drawString(62, y - 42, "- 관련 기관은 세부 계획을 마련할 예정")
        c.setFont(KO, 9)
        c.drawString(60, y - 59, "출처:")
        c.drawString(100, y - 59, f"{src} ({md})")
        y -= 95
    c.showPage()


def test_a_page_of_briefs_with_number_boxes_is_no_table(tmp_path):
    pdf = make_pdf(tmp_path / "briefs.pdf", _draw_briefs)
    assert _fragments(pdf) == []
    body = _body(pdf)
    needles = []
    for _n, (title, lead, src, _) in enumerate(BRIEFS, 1):
        needles += [title, lead, src]
    assert _in_order(needles, body)


# --------------------------------------------------------------------------- (d) real stream tables

PLATFORMS = [("지역", "플랫폼", "연산력"), ("광저우", "인공지능 허브", "2,000P"), ("청두", "서부 거점", "1,200P"),
             ("구이양", "녹색 센터", "800P"), ("후허하오터", "친환경 공급", "600P")]


def _draw_stream_table(rules: bool):
    def draw(c):
        c.setFont(KO, 13)
        c.drawString(60, 780, "01 국가 인공지능 컴퓨팅 허브 지정")
        c.setFont(KO, 10.5)
        c.drawString(60, 755, "■ 허브 4곳 추가 지정 (12.28)")
        c.setFont(KO, 10)
        c.drawString(62, 735, "- 지정된 허브의 현황은 다음과 같음")
        top = 705
        if rules:
            c.setLineWidth(1.2)
            c.line(55, top + 12, 540, top + 12)
            c.setLineWidth(0.6)
            c.line(55, top - 5, 540, top - 5)
        for r, row in enumerate(PLATFORMS):
            c.setFont(KO, 10)
            for x, t in zip((62, 220, 400), row):
                c.drawString(x, top - r * 17, t)
        c.drawString(62, top - len(PLATFORMS) * 17 - 20, "- 허브는 2025년까지 연산력을 두 배로 확대")
        c.showPage()
    return draw


@pytest.mark.parametrize("rules", [True, False], ids=["header_rules", "no_rules"])
def test_a_real_stream_table_under_an_article_is_still_found(tmp_path, rules):
    pdf = make_pdf(tmp_path / "stream.pdf", _draw_stream_table(rules))
    frags = _fragments(pdf)
    assert len(frags) == 1
    assert frags[0].rows == [list(r) for r in PLATFORMS]
    ev = frags[0].quality["evidence"]
    assert ev["columns_hold"] == 3 and ev["verdict"] != "refused"
    body = _body(pdf)
    assert _in_order(["01 국가", "■ 허브 4곳", "- 지정된 허브", "- 허브는 2025년까지"], body)


def test_a_stream_table_kept_without_a_header_row_carries_a_warning(tmp_path):
    pdf = make_pdf(tmp_path / "stream.pdf", _draw_stream_table(rules=False))
    result = extract.run(pdf)
    (table,) = result.tables
    assert table["quality"]["evidence"]["verdict"] == "doubtful"
    assert any("aligned words" in w and "without a header row" in w for w in result.warnings)


def test_cells_opening_with_list_marks_do_not_read_as_leads(tmp_path):
    """'○ item' cells in every column of a ruled table are cells, not leads."""
    rows = [("정보분야", "에너지분야", "제조분야"), ("○ 인공지능", "○ 수소", "○ 로봇"),
            ("○ 블록체인", "○ 태양광", "○ 공작기계"), ("○ 양자정보", "○ 풍력", "○ 스마트 제조")]

    def draw(c):
        c.setLineWidth(1.2)
        c.line(55, 720, 540, 720)
        c.setLineWidth(0.6)
        c.line(55, 700, 540, 700)
        c.setFont(KO, 10)
        for r, row in enumerate(rows):
            for x, t in zip((62, 220, 400), row):
                c.drawString(x, 706 - r * 17 - (6 if r else 0), t)
        c.setLineWidth(1.2)
        c.line(55, 640, 540, 640)
        c.showPage()
    pdf = make_pdf(tmp_path / "marks.pdf", draw)
    frags = _fragments(pdf)
    assert len(frags) == 1
    assert frags[0].rows == [list(r) for r in rows]


# --------------------------------------------------------------------------- (e) prose in two columns

KV = [("목적", ["인공지능 시범구를 지정하고, 산업 응용을 넓히며, 제도 혁신을 함께 추진하고,",
               "지방정부의 재정 지원과, 기업의 연구개발 투자를, 함께 이끌어 내기 위함"]),
      ("대상", ["베이징, 상하이, 선전, 항저우, 허페이 등 다섯 도시의, 지방정부와 관련 기업,",
               "대학 및 연구기관이 참여하며, 지역별로, 특화 분야를 정함"]),
      ("기간", ["2024년부터 2026년까지, 3년 동안 단계적으로 추진하며, 매년 성과를 점검하고,",
               "우수 지역에는, 추가 예산을 배정하여, 성과 확산을 지원"])]


def _draw_key_values(c):
    """Labels beside wrapped running text, a rule above and below the block (no grid)."""
    c.setFont(KO, 10)
    c.drawString(60, 780, "- 과기부는 다음과 같은 내용의 시범구 운영 방안을 발표")
    y = 750
    c.setLineWidth(1)
    c.line(55, y + 12, 540, y + 12)
    for key, lines in KV:
        c.drawString(62, y, key)
        for j, t in enumerate(lines):
            c.drawString(120, y - j * 13, t)
        y -= len(lines) * 13 + 8
    c.line(55, y + 4, 540, y + 4)
    c.drawString(60, y - 20, "- 시범구는 산업 응용과 제도 혁신을 함께 추진하며 성과를 점검")
    c.showPage()


def test_a_two_column_block_of_running_text_goes_back_to_the_body(tmp_path):
    pdf = make_pdf(tmp_path / "key_values.pdf", _draw_key_values)
    assert _fragments(pdf) == []
    body = _body(pdf)
    assert _in_order(["- 과기부는 다음과", "인공지능 시범구를 지정하고", "대학 및 연구기관이",
                      "우수 지역에는", "- 시범구는 산업"], body)


# --------------------------------------------------------------------------- a label under a closed table

def test_a_label_under_the_closing_rule_of_a_shaded_header_table_is_no_row(tmp_path):
    """A shaded header, a rule under every row: the last rule closes the table, and the
    one-run line under it (a label opening the references) stays in the body."""
    rows = [("등급", "순위", "국가", "득점"), ("1등급", "1", "스위스", "67.6"), ("1등급", "2", "스웨덴", "64.2"),
            ("2등급", "3", "미국", "63.5")]
    xs = (60, 184, 288, 433, 536)

    def draw(c):
        top = 760
        c.setFillGray(0.85)
        for a, b in zip(xs, xs[1:]):
            c.rect(a, top - 18, b - a, 18, fill=1, stroke=0)
        c.setFillGray(0)
        c.setFont(KO, 9)
        for r, row in enumerate(rows):
            y = top - 13 - r * 19
            for a, t in zip(xs, row):
                c.drawString(a + 4, y, t)
            if r:
                c.setLineWidth(0.5)
                c.line(60, y - 6, 536, y - 6)
        y = top - 13 - len(rows) * 19 - 10
        c.setFont(KO, 9.5)
        c.drawString(60, y, "자료 목록")
        c.drawString(60, y - 15, "※ 세계 혁신지수 보고서 https://www.example.org/report/2023/index.html")
        c.showPage()
    pdf = make_pdf(tmp_path / "closed.pdf", draw)
    frags = _fragments(pdf)
    assert len(frags) == 1
    assert frags[0].rows == [list(r) for r in rows]
    assert _in_order(["자료 목록", "※ 세계 혁신지수"], _body(pdf))


# --------------------------------------------------------------------------- a heading drawn in boxes

def test_a_heading_drawn_in_boxes_under_a_boxed_banner_is_no_table(tmp_path):
    """A section banner in a box with the article heading's box right under it (number
    cell, title cell: what one producer prints a one-row heading table as) make one ruled
    grid of two rows; neither row is a table's."""
    def draw(c):
        c.setLineWidth(1)
        c.rect(55, 760, 245, 22, fill=0, stroke=1)
        c.rect(55, 738, 25, 22, fill=0, stroke=1)
        c.rect(80, 738, 460, 22, fill=0, stroke=1)
        c.setFont(KO, 14)
        c.drawString(62, 766, "Ⅱ. 정책동향")
        c.setFont(KO, 12)
        c.drawString(60, 744, "01")
        c.drawString(86, 744, "과기부, 인공지능 시범구 추가 지정")
        c.setFont(KO, 10.5)
        c.drawString(60, 715, "□ 베이징, 상하이 등 다섯 곳 지정 (12.28)")
        c.setFont(KO, 10)
        c.drawString(62, 695, "○ 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정")
        c.showPage()
    pdf = make_pdf(tmp_path / "boxes.pdf", draw)
    assert _fragments(pdf) == []
    assert _in_order(["정책동향", "01 과기부, 인공지능", "□ 베이징", "○ 과기부는"], _body(pdf))


def test_a_ruled_list_of_numbered_names_stays_a_table(tmp_path):
    """Rows of a number and a name in a ruled grid are a numbered list, not headings."""
    names = ["중국과학원 자동화연구소", "칭화대학 인공지능연구원", "펑청 실험실"]

    def draw(c):
        c.setLineWidth(0.8)
        for k, name in enumerate(names):
            y = 760 - k * 22
            c.rect(55, y, 25, 22, fill=0, stroke=1)
            c.rect(80, y, 300, 22, fill=0, stroke=1)
            c.setFont(KO, 10)
            c.drawString(62, y + 7, str(k + 1))
            c.drawString(86, y + 7, name)
        c.showPage()
    pdf = make_pdf(tmp_path / "numbered.pdf", draw)
    frags = _fragments(pdf)
    assert len(frags) == 1 and frags[0].method == "lattice"
    assert [r[1] for r in frags[0].rows] == names
