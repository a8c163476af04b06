"""Each table mechanism on its own, on small PDFs drawn in the test: header rows, merged
cells, stitching across pages (header repeated, repeated with damaged glyphs, not repeated),
two different tables kept apart, two-up unfolding, and every typed kind end to end."""
from __future__ import annotations

import extract
from helpers import KO, make_pdf

ROW_H = 20


def draw_table(c, rows, widths, top, *, x0=60, header_rows=1, spans=(), caption=None, size=9):
    """A ruled grid whose first ``header_rows`` rows are shaded; ``spans`` are
    (row, col, rowspan, colspan) merged cells whose text is in their first position.
    ``top`` is the y of the grid's top edge (reportlab's y grows upwards)."""
    covered = {}
    for r0, c0, rs, cs in spans:
        for r in range(r0, r0 + rs):
            for k in range(c0, c0 + cs):
                covered[(r, k)] = (r0, c0, rs, cs)
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    if caption:
        c.setFont(KO, size + 1)
        c.drawCentredString((xs[0] + xs[-1]) / 2, top + 8, f"〈 {caption} 〉")
    c.setFont(KO, size)
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            span = covered.get((r, k))
            if span and (span[0], span[1]) != (r, k):
                continue  # inside a merged cell drawn from its first position
            rs, cs = (span[2], span[3]) if span else (1, 1)
            x, w = xs[k], xs[k + cs] - xs[k]
            y = top - (r + rs) * ROW_H
            if r < header_rows:
                c.setFillGray(0.85)
                c.rect(x, y, w, rs * ROW_H, stroke=1, fill=1)
                c.setFillGray(0)
            else:
                c.rect(x, y, w, rs * ROW_H, stroke=1, fill=0)
            c.drawString(x + 3, y + rs * ROW_H / 2 - 3, text)
    return top - len(rows) * ROW_H


def run(tmp_path, draw):
    return extract.run(make_pdf(tmp_path / "t.pdf", draw))


DEVICE = [["no", "제품명", "기업"]]


def test_shaded_header_and_merged_cells_repeated(tmp_path):
    def draw(c):
        draw_table(c, [["지역", "분야", "건수"], ["광둥", "의약", "3"], ["", "기기", "4"], ["장쑤", "의약", "2"]],
                   [120, 120, 80], 700, spans=[(1, 0, 2, 1)], caption="지역별 승인")
        c.showPage()

    table = run(tmp_path, draw).tables[0]
    assert table["header"] == [["지역", "분야", "건수"]]
    assert table["rows"] == [["광둥", "의약", "3"], ["광둥", "기기", "4"], ["장쑤", "의약", "2"]]
    assert table["quality"]["merged_cells"] >= 1


HEADER = ["번호", "지역", "분야", "건수"]
PART1 = [["1", "광둥", "의약", "3"], ["2", "장쑤", "기기", "4"], ["3", "저장", "의약", "2"]]
PART2 = [["4", "상하이", "기기", "5"], ["5", "베이징", "의약", "1"]]
WIDTHS = [50, 120, 120, 80]


def _two_pages(second_header):
    def draw(c):
        c.setFont(KO, 10)
        c.drawString(60, 760, "- 본문 첫 줄은 표 앞에 있다")
        draw_table(c, [HEADER] + PART1, WIDTHS, 160, caption="지역별 현황")
        c.showPage()
        rows = ([second_header] if second_header else []) + PART2
        draw_table(c, rows, WIDTHS, 780, header_rows=1 if second_header else 0)
        c.setFont(KO, 10)
        c.drawString(60, 600, "- 본문은 표 다음에 이어진다")
        c.showPage()
    return draw


def test_continuation_with_the_header_repeated_is_stitched(tmp_path):
    bulletin = run(tmp_path, _two_pages(HEADER))
    assert len(bulletin.tables) == 1
    table = bulletin.tables[0]
    assert table["pages"] == [1, 2]
    assert table["header"] == [HEADER]
    assert table["rows"] == PART1 + PART2, "the repeated header is not a row"
    assert any("joined its continuation on page 2" in w for w in bulletin.warnings)


def test_continuation_with_a_damaged_header_is_stitched(tmp_path):
    bulletin = run(tmp_path, _two_pages(["-11", "77-04", "=101", "7101"]))
    table = bulletin.tables[0]
    assert len(bulletin.tables) == 1 and table["pages"] == [1, 2]
    assert table["rows"] == PART1 + PART2
    assert any("damaged" in w for w in bulletin.warnings)


def test_continuation_without_a_header_is_stitched(tmp_path):
    bulletin = run(tmp_path, _two_pages(None))
    table = bulletin.tables[0]
    assert len(bulletin.tables) == 1 and table["pages"] == [1, 2]
    assert table["rows"] == PART1 + PART2


def test_a_table_with_its_own_caption_is_not_a_continuation(tmp_path):
    def draw(c):
        draw_table(c, [HEADER] + PART1, WIDTHS, 160, caption="지역별 현황")
        c.showPage()
        draw_table(c, [HEADER] + PART2, WIDTHS, 760, caption="분야별 현황")
        c.showPage()

    bulletin = run(tmp_path, draw)
    assert [t["pages"] for t in bulletin.tables] == [[1], [2]]
    assert [t["caption"] for t in bulletin.tables] == ["지역별 현황", "분야별 현황"]


def test_a_caption_left_at_the_foot_of_a_page_belongs_to_the_table_overleaf(tmp_path):
    def draw(c):
        c.setFont(KO, 10)
        c.drawString(60, 760, "- 본문 첫 줄은 표 앞에 있다")
        c.drawCentredString(250, 90, "〈 지역별 현황 〉")
        c.showPage()
        draw_table(c, [HEADER] + PART1, WIDTHS, 780)
        c.setFont(KO, 10)
        c.drawString(60, 600, "- 본문은 표 다음에 이어진다")
        c.showPage()

    bulletin = run(tmp_path, draw)
    table = bulletin.tables[0]
    assert table["caption"] == "지역별 현황"
    # a reader finds the table where its caption is: both pages, as the shared corpus counts
    assert table["pages"] == [1, 2]
    assert any("table caption found at the foot of page 1" in w for w in bulletin.warnings)


def test_two_up_table_unfolds_left_half_then_right_half(tmp_path):
    left = [["1", "인공 심장", "선전 커만"], ["2", "수술 로봇", "상하이 보어둥"],
            ["3", "진단 소프트웨어", "베이징 잉푸"]]
    right = [["4", "인공 관절", "쑤저우 쑨마"], ["5", "혈관 스텐트", "항저우 청눠"], ["", "", ""]]

    def draw(c):
        rows = [DEVICE[0] + DEVICE[0]] + [a + b for a, b in zip(left, right)]
        draw_table(c, rows, [30, 110, 110, 30, 110, 110], 700, x0=40, caption="혁신 의료기기 승인 목록")
        c.showPage()

    table = run(tmp_path, draw).tables[0]
    assert table["kind"] == "device_approvals"
    assert table["header"] == DEVICE
    assert [r["no"] for r in table["records"]] == [1, 2, 3, 4, 5], "right half shorter: no empty record"
    assert table["records"][3] == {"no": 4, "product": "인공 관절", "company": "쑤저우 쑨마"}


def test_two_up_table_whose_right_number_column_has_no_row_rules_is_one_grid(tmp_path):
    """A two-up list whose halves a heavy rule parts, the rows' rules stopping at it and
    going on from the next column rule only (no top or bottom borders over the right
    half's number column, as LibreOffice draws it): one grid, that column kept."""
    left = [["1", "인공 심장", "선전 커만"], ["2", "수술 로봇", "상하이 보어둥"],
            ["3", "진단 소프트웨어", "베이징 잉푸"]]
    right = [["4", "인공 관절", "쑤저우 쑨마"], ["5", "혈관 스텐트", "항저우 청눠"],
             ["6", "영상 설비", "캐나다 코나비"]]
    xs = [40, 70, 180, 290, 310, 420, 530]

    def draw(c):
        rows = [DEVICE[0] + DEVICE[0]] + [a + b for a, b in zip(left, right)]
        c.setFont(KO, 10)
        c.drawCentredString(285, 708, "〈 혁신 의료기기 승인 목록 〉")
        c.setFont(KO, 9)
        top, bottom = 700, 700 - len(rows) * ROW_H
        for r, row in enumerate(rows):
            y = top - r * ROW_H
            for x, text in zip(xs, row):
                c.drawString(x + 3, y - ROW_H / 2 - 3, text)
        for r in range(len(rows) + 1):
            y = top - r * ROW_H
            c.line(xs[0], y, xs[3], y)
            c.line(xs[4], y, xs[6], y)
        for x in xs:
            c.setLineWidth(1.6 if x == xs[3] else 0.5)
            c.line(x, bottom, x, top)
        c.showPage()

    tables = run(tmp_path, draw).tables
    assert len(tables) == 1
    assert tables[0]["header"] == DEVICE
    assert [r["no"] for r in tables[0]["records"]] == [1, 2, 3, 4, 5, 6]
    assert tables[0]["records"][3] == {"no": 4, "product": "인공 관절", "company": "쑤저우 쑨마"}


def test_two_grids_side_by_side_with_an_empty_strip_between_stay_two(tmp_path):
    """Two grids set side by side, their rows at the same heights, their edges 20 pt apart
    with nothing between them: no rule is filled in across the strip."""
    left = [["구분", "내용"], ["가", "인공 심장"], ["나", "수술 로봇"]]
    right = [["지역", "기업"], ["상하이", "보어둥"], ["베이징", "잉푸"]]

    def draw(c):
        draw_table(c, left, [60, 150], 700, x0=40)
        draw_table(c, right, [60, 150], 700, x0=270)
        c.showPage()

    tables = run(tmp_path, draw).tables
    assert [t["header"] for t in tables] == [[left[0]], [right[0]]]


def test_parts_of_one_table_stacked_on_a_page_are_one_table(tmp_path):
    # A producer that ignored the page break between two page parts: the second part, its
    # header repeated and its numbering going on, stands under the first on the same page.
    def draw(c):
        draw_table(c, [HEADER] + PART1, WIDTHS, 700, caption="지역별 현황")
        draw_table(c, [HEADER] + PART2, WIDTHS, 700 - 4 * ROW_H - 12)
        c.showPage()

    bulletin = run(tmp_path, draw)
    assert len(bulletin.tables) == 1
    table = bulletin.tables[0]
    assert table["header"] == [HEADER] and table["rows"] == PART1 + PART2 and table["pages"] == [1]
    assert any("further down the page" in w for w in bulletin.warnings)


def test_two_tables_with_one_header_stacked_on_a_page_stay_two(tmp_path):
    # The same header, but no numbering that goes on from one to the other (ICDAR eu-015).
    def draw(c):
        draw_table(c, [["분야", "건수"], ["의약", "3"], ["기기", "4"]], [200, 80], 700)
        draw_table(c, [["분야", "건수"], ["소재", "2"], ["장비", "5"]], [200, 80], 700 - 3 * ROW_H - 12)
        c.showPage()

    assert [len(t["rows"]) for t in run(tmp_path, draw).tables] == [2, 2]


def test_two_up_parts_stacked_on_a_page_unfold_left_halves_first(tmp_path):
    # Part 1 holds 1-2 | 5-6, part 2 holds 3-4 | 7: left halves of every part come first.
    def draw(c):
        head = [DEVICE[0] + DEVICE[0]]
        part1 = [["1", "인공 심장", "선전 커만", "5", "혈관 스텐트", "항저우 청눠"],
                 ["2", "수술 로봇", "상하이 보어둥", "6", "인공 와우", "미국 코클리어"]]
        part2 = [["3", "진단 소프트웨어", "베이징 잉푸", "7", "골밀도 측정기", "일본 후루노"],
                 ["4", "인공 관절", "쑤저우 쑨마", "", "", ""]]
        widths = [30, 110, 110, 30, 110, 110]
        draw_table(c, head + part1, widths, 700, x0=40, caption="혁신 의료기기 승인 목록")
        draw_table(c, head + part2, widths, 700 - 3 * ROW_H - 12, x0=40)
        c.showPage()

    tables = run(tmp_path, draw).tables
    assert len(tables) == 1 and tables[0]["kind"] == "device_approvals"
    assert [r["no"] for r in tables[0]["records"]] == [1, 2, 3, 4, 5, 6, 7]


def test_drug_approvals_records_are_typed_and_keep_the_printed_marks(tmp_path):
    def draw(c):
        draw_table(c, [["번호", "제품명", "기업", "유형", "적응증"],
                       ["1", "Lerociclib", "장쑤 하오선(豪森)제약*", "화학의약품", "유방암"],
                       ["2", "Efgartigimod (수입)", "argenx사", "생물학적 제제", "중증근무력증"]],
                   [40, 120, 150, 90, 90], 700, x0=40, caption="신약 승인 목록")
        c.showPage()

    table = run(tmp_path, draw).tables[0]
    assert table["kind"] == "drug_approvals"
    assert table["records"] == [
        {"no": 1, "product": "Lerociclib", "company": "장쑤 하오선(豪森)제약*", "type": "화학의약품",
         "indication": "유방암"},
        {"no": 2, "product": "Efgartigimod (수입)", "company": "argenx사", "type": "생물학적 제제",
         "indication": "중증근무력증"},
    ]


def test_compute_platform_details_split_per_bullet(tmp_path):
    def draw(c):
        draw_table(c, [["번호", "플랫폼", "주요 내용"], ["1", "청두 허브", "• 서부 연산력 거점 • 녹색 데이터센터"]],
                   [40, 120, 300], 700, x0=40, caption="인공지능 컴퓨팅 플랫폼")
        c.showPage()

    table = run(tmp_path, draw).tables[0]
    assert table["kind"] == "compute_platforms"
    assert table["records"] == [{"no": 1, "name": "청두 허브", "details": ["서부 연산력 거점", "녹색 데이터센터"]}]


def test_country_ranking_tiers_are_filled_down_and_checked(tmp_path):
    def draw(c):
        rows = [["등급", "순위", "국가", "점수"], ["1그룹", "1", "스위스", "67.6"], ["", "2", "스웨덴", "64.2"],
                ["2그룹", "3", "미국", "63.5"], ["1그룹", "4", "영국", "62.4"]]
        draw_table(c, rows, [70, 50, 120, 70], 700, spans=[(1, 0, 2, 1)], caption="글로벌 혁신지수 순위")
        c.showPage()

    bulletin = run(tmp_path, draw)
    table = bulletin.tables[0]
    assert table["kind"] == "country_rankings"
    assert [(r["rank"], r["tier"], r["score"]) for r in table["records"]] == [
        (1, "1그룹", 67.6), (2, "1그룹", 64.2), (3, "2그룹", 63.5), (4, "1그룹", 62.4)]
    assert any("rank 4" in w and "tier" in w for w in bulletin.warnings), bulletin.warnings


def _sideways(turn_degrees):
    """A page whose table (and its caption) is drawn turned by ``turn_degrees``, as a
    landscape table stored on a portrait page without /Rotate."""
    def draw(c):
        c.saveState()
        if turn_degrees == 90:  # text runs up the page
            c.translate(560, 40)
            c.rotate(90)
        else:  # -90: text runs down the page
            c.translate(40, 800)
            c.rotate(-90)
        draw_table(c, [["지역", "분야", "건수", "비고"], ["광둥", "의약", "3", "신규"], ["장쑤", "기기", "4", ""],
                       ["저장", "의약", "2", "수입"]], [120, 120, 80, 120], 400, caption="지역별 승인")
        c.restoreState()
        c.showPage()
    return draw


def test_table_on_a_sideways_page_read_in_its_reading_frame(tmp_path):
    for degrees, turn in ((90, 1), (-90, 3)):
        result = extract.run(make_pdf(tmp_path / f"s{turn}.pdf", _sideways(degrees)))
        assert len(result.tables) == 1, degrees
        table = result.tables[0]
        assert table["header"] == [["지역", "분야", "건수", "비고"]]
        assert table["rows"] == [["광둥", "의약", "3", "신규"], ["장쑤", "기기", "4", ""],
                                 ["저장", "의약", "2", "수입"]]
        assert table["caption"] == "지역별 승인"
        assert table["quality"]["turned"] == 90 * turn
        # The box is in page coordinates: taller than wide, like the turned grid on the page.
        (box,) = table["bboxes"]
        x0, top, x1, bottom = box["bbox"]
        assert box["page"] == 1 and round(bottom - top) == 440 and round(x1 - x0) == 4 * ROW_H
        assert any("runs" in w and "reading direction" in w for w in result.warnings)



def test_sideways_table_text_is_kept_out_of_the_body(tmp_path):
    from extract.pipeline import run_document

    doc = run_document(make_pdf(tmp_path / "s.pdf", _sideways(90)))
    body = " ".join(ln.text for ln in doc.lines if ln.role == "body")
    assert doc.fragments and doc.fragments[0].turn == 1
    assert "광둥" not in body and "지역별" not in body


def test_sideways_copy_of_a_real_table_reads_like_the_upright_one(corpus):
    """pdfplumber's test suite has the same NICS page upright and stored sideways."""
    folder = corpus / "public" / "pdfplumber"
    upright = extract.run(folder / "nics-background-checks-2015-11.pdf").tables
    sideways = extract.run(folder / "nics-background-checks-2015-11-rotated.pdf").tables
    assert len(upright) == len(sideways) == 1
    assert sideways[0]["quality"].get("turned") and not upright[0]["quality"].get("turned")
    assert sideways[0]["header"] == upright[0]["header"] and sideways[0]["rows"] == upright[0]["rows"]
    assert len(upright[0]["rows"]) >= 10


def _framed(columns, header, widths, line_h=14):
    """A table ruled only around its (shaded) header and its outer frame: every data row
    sits in one ruled cell per column, one value per text line."""
    def draw(c):
        xs = [60]
        for w in widths:
            xs.append(xs[-1] + w)
        n = max(len(col) for col in columns)
        top, head_bottom = 700, 700 - 20
        bottom = head_bottom - n * line_h - 6
        c.setFont(KO, 9)
        c.setFillGray(0.85)
        c.rect(xs[0], head_bottom, xs[-1] - xs[0], top - head_bottom, stroke=0, fill=1)
        c.setFillGray(0)
        c.rect(xs[0], bottom, xs[-1] - xs[0], top - bottom)
        c.line(xs[0], head_bottom, xs[-1], head_bottom)
        for x in xs[1:-1]:
            c.line(x, bottom, x, top)
        for k, text in enumerate(header):
            c.drawString(xs[k] + 3, top - 14, text)
        for k, col in enumerate(columns):
            for i, text in enumerate(col):
                c.drawString(xs[k] + 3, head_bottom - (i + 1) * line_h, text)
        c.showPage()
    return draw


def test_rows_listed_in_one_ruled_cell_are_split_at_their_lines(tmp_path):
    names = ["광둥", "장쑤", "저장", "상하이"]
    draw = _framed([names, ["1,530", "1,253", "855", "2,108"], ["12.5%", "8.1%", "-", "3.0%"]],
                   ["지역", "건수", "비율"], [120, 80, 80])
    table = run(tmp_path, draw).tables[0]
    assert table["header"] == [["지역", "건수", "비율"]]
    assert table["rows"] == [["광둥", "1,530", "12.5%"], ["장쑤", "1,253", "8.1%"], ["저장", "855", "-"],
                             ["상하이", "2,108", "3.0%"]]
    assert table["quality"]["rows_split_by_lines"] == 1


def test_wrapped_text_in_a_ruled_row_stays_one_row(tmp_path):
    """Two columns of wrapped words, no column of values: one row whose cells wrap."""
    draw = _framed([["베이징 인공지능", "연구원"], ["대형 언어 모델을", "개발하고 공개함"], ["2021"]],
                   ["기관명", "주요내용", "설립"], [120, 160, 60])
    table = run(tmp_path, draw).tables[0]
    assert table["rows"] == [["베이징 인공지능 연구원", "대형 언어 모델을 개발하고 공개함", "2021"]]
    assert "rows_split_by_lines" not in table["quality"]


def test_two_numbers_in_one_cell_of_a_ruled_grid_stay_in_their_row(tmp_path):
    """Every row ruled; one row's cell holds two telephone numbers and its name wraps."""
    rows = [[["번호"], ["기관명"], ["연락처"]], [["1"], ["광둥 의료기기"], ["020-1234"]],
            [["2"], ["장쑤 바이오", "연구원"], ["0251111", "0252222"]], [["3"], ["저장 제약"], ["0571-333"]],
            [["4"], ["상하이 병원"], ["021-4444"]]]

    def draw(c):
        xs, y = [60, 110, 260, 360], 700
        c.setFont(KO, 9)
        for r, row in enumerate(rows):
            h = 14 * max(len(cell) for cell in row) + 6
            if r == 0:
                c.setFillGray(0.85)
                c.rect(xs[0], y - h, xs[-1] - xs[0], h, stroke=0, fill=1)
                c.setFillGray(0)
            for k, cell in enumerate(row):
                c.rect(xs[k], y - h, xs[k + 1] - xs[k], h)
                for i, text in enumerate(cell):
                    c.drawString(xs[k] + 3, y - 14 * (i + 1), text)
            y -= h
        c.showPage()

    table = run(tmp_path, draw).tables[0]
    assert len(table["rows"]) == 4
    assert table["rows"][1] == ["2", "장쑤 바이오 연구원", "0251111 0252222"]


def test_ruled_column_groups_holding_rows_of_figures_are_read_from_the_aligned_words(tmp_path):
    """Rules across the table at its top, under its header and at its bottom; vertical rules
    only around the two column groups, each group two unruled sub-columns under a spanning
    label; the label and total columns stand outside the rules. Each ruled cell then holds
    every data row, two figures a line: the table is read from the aligned words instead."""
    body = [["0-9", "1,087,948", "1,022,490", "292,652", "255,744", "2,658,834"],
            ["10-19", "9,795,497", "9,208,607", "2,191,327", "2,218,406", "23,413,837"],
            ["20-29", "13,340,788", "14,032,118", "2,194,990", "2,776,284", "32,344,180"],
            ["30-39", "15,492,738", "15,745,424", "2,433,567", "2,902,296", "36,574,025"],
            ["40+", "7,740,932", "8,915,681", "773,533", "1,015,525", "18,445,671"]]
    rights = [150, 210, 270, 330, 390, 460]  # right edge of each column's figures
    groups = [(95, 275), (275, 395)]  # the ruled column groups

    def draw(c):
        c.setFont("Helvetica", 9)
        top, head, line_h = 700, 670, 13
        bottom = head - len(body) * line_h - 6
        for y in (top, head, bottom):
            c.line(60, y, 470, y)
        for x in sorted({x for g in groups for x in g}):
            c.line(x, bottom, x, top)
        c.drawString(62, top - 12, "Age")
        c.drawRightString(rights[-1], top - 12, "Total")
        for (x0, x1), label in zip(groups, ["Group A", "Group B"]):
            c.drawCentredString((x0 + x1) / 2, top - 12, label)
        for k in range(1, 5):
            c.drawRightString(rights[k], top - 25, "Male" if k % 2 else "Female")
        for i, row in enumerate(body):
            y = head - (i + 1) * line_h
            c.drawString(62, y, row[0])
            for k, text in enumerate(row[1:], start=1):
                c.drawRightString(rights[k], y, text)
        c.showPage()

    tables = run(tmp_path, draw).tables
    assert len(tables) == 1
    assert tables[0]["rows"] == body
    assert tables[0]["quality"].get("reread_from_lattice")


def test_banded_rows_without_column_rules_are_split_at_the_columns(tmp_path):
    """Zebra banding: every other row is drawn as shaded per-cell boxes, the rows between
    have only the outer frame, so each reads as one cell across the table; its values sit
    one per column with wide gaps and go back into their columns. A merged title row
    (one run of words) stays whole."""
    widths = [120, 70, 70]
    xs = [60, 180, 250, 320]
    rows = [["지역", "2022", "2023"], ["광둥", "1,530", "1,611"], ["장쑤", "1,253", "1,302"],
            ["저장", "855", "901"], ["상하이", "2,108", "2,230"]]

    def draw(c):
        top = 700
        c.setFont(KO, 9)
        c.rect(xs[0], top - 5 * ROW_H - ROW_H, xs[-1] - xs[0], 6 * ROW_H)  # outer frame
        c.drawString(xs[0] + 3, top - ROW_H / 2 - 3, "지역별 건수 합계")  # merged title row
        c.line(xs[0], top - ROW_H, xs[-1], top - ROW_H)
        for r, row in enumerate(rows):
            y = top - (r + 2) * ROW_H
            if r % 2 == 0:  # banded row: one shaded, outlined box per cell
                for k in range(3):
                    c.setFillGray(0.85)
                    c.rect(xs[k], y, widths[k], ROW_H, stroke=1, fill=1)
                c.setFillGray(0)
            for k, text in enumerate(row):
                c.drawString(xs[k] + 3, y + ROW_H / 2 - 3, text)
        c.showPage()

    table = run(tmp_path, draw).tables[0]
    grid = table["header"] + table["rows"]
    assert ["광둥", "1,530", "1,611"] in grid
    assert ["저장", "855", "901"] in grid
    assert all(set(row) == {"지역별 건수 합계"} or len(set(row)) == 3 for row in grid)


def test_a_narrow_glyph_repeated_is_not_an_overprint():
    """The "ll" of a condensed font: the second 'l' starts a glyph's width (about 1.2 pt)
    after the first, within the overprint tolerance, but it is a neighbour; a copy drawn
    0.3 pt off (fake bold) is the same glyph."""
    from extract.glyphs.clean import dedupe_chars

    def glyph(x0, width=1.2):
        return {"text": "l", "fontname": "F", "size": 8.0, "x0": x0, "x1": x0 + width, "top": 100.0}

    assert len(dedupe_chars([glyph(10.0), glyph(11.19)], 1.0)) == 2
    assert len(dedupe_chars([glyph(10.0), glyph(10.3)], 1.0)) == 1


def test_a_value_box_wider_than_its_column_does_not_own_the_sliver():
    """A value's shaded box starts 5 pt left of its column's rule: the box's first grid
    column is that sliver, but the text lies in the column to its right, so the sliver
    holds no text of its own (and is not kept to repeat the value into)."""
    from extract.model import TextLine
    from extract.tables.detect import _text_columns

    xs = [60.0, 195.0, 200.0, 280.0]
    value = TextLine(page=1, text="1,530", x0=230.0, x1=252.0, top=100.0, bottom=109.0, size=9.0)
    assert _text_columns(1, 3, [value], xs) == [2]
    title = TextLine(page=1, text="Total of all regions", x0=63.0, x1=260.0, top=80.0, bottom=89.0, size=9.0)
    assert _text_columns(0, 3, [title], xs) == [0, 1, 2]


def test_column_pairs_under_different_group_titles_are_not_a_two_up_list():
    """'Category | Description' twice under two different group titles is one table of
    four columns; a two-up list repeats its whole header."""
    from extract.tables.twoup import header_repeats, repeat_width

    header = [["Applicants", "Applicants", "Reviewers", "Reviewers"],
              ["Category", "Description", "Category", "Description"]]
    assert repeat_width(header[-1]) == 2
    assert not header_repeats(header, 2)
    assert header_repeats([["Lists", "Lists", "Lists", "Lists"], header[-1]], 2)


def test_title_and_note_rows_inside_the_frame_are_caption_and_note(tmp_path):
    """The frame is drawn around the title and the source note too: a first or last row
    that is one cell across every column and reads as a sentence is taken out of the
    rows; a short spanning row (a group heading) would stay."""
    rows = [["지역별 의료기기 수출 실적 추이", "", ""], ["지역", "2022", "2023"], ["광둥", "1,530", "1,611"],
            ["장쑤", "1,253", "1,302"], ["저장", "855", "901"], ["자료: 한국 무역 협회 통계 자료", "", ""]]

    def draw(c):
        draw_table(c, rows, [120, 80, 80], 700, header_rows=0, spans=[(0, 0, 1, 3), (5, 0, 1, 3)])
        c.showPage()

    table = run(tmp_path, draw).tables[0]
    grid = table["header"] + table["rows"]
    assert grid == [["지역", "2022", "2023"], ["광둥", "1,530", "1,611"], ["장쑤", "1,253", "1,302"],
                    ["저장", "855", "901"]]
    assert "의료기기 수출 실적" in (table.get("caption") or "")
    assert any("한국 무역 협회" in note for note in table.get("notes") or [])
    # Their text stays the table's: neither row comes back as body text.
    from extract.pipeline import run_document

    body = " ".join(ln.text for ln in run_document(tmp_path / "t.pdf").lines if ln.role == "body")
    assert "수출 실적" not in body and "무역 협회" not in body


# A ranking whose second tier runs over the page break (rows 3-4 here, 5-6 overleaf).
TIER_HEADER = ["등급", "순위", "국가", "점수"]
TIER_FIRST = [["1그룹", "1", "스위스", "67.6"], ["", "2", "스웨덴", "64.2"],
              ["2그룹", "3", "미국", "63.5"], ["", "4", "영국", "62.4"]]
TIER_SECOND = [["", "5", "싱가포르", "61.5"], ["", "6", "핀란드", "61.2"]]
TIER_WIDTHS = [70, 50, 120, 70]


def test_a_merged_cell_left_open_at_the_page_break_runs_on(tmp_path):
    """A tier cell spanning the page break is drawn without its bottom border (as HTML
    renderers do); its text still fills every row it covers, on both pages."""
    header, first, second, widths = TIER_HEADER, TIER_FIRST, TIER_SECOND, TIER_WIDTHS

    def draw(c):
        # Columns 2-4 as a closed grid, the tier column beside it by hand: the 2그룹 cell
        # has a top border and sides but no bottom.
        bottom = draw_table(c, [header[1:]] + [r[1:] for r in first], widths[1:], 300, x0=130,
                            caption="글로벌 혁신지수 순위")
        c.setFillGray(0.85)
        c.rect(60, 300 - ROW_H, 70, ROW_H, stroke=1, fill=1)
        c.setFillGray(0)
        c.setFont(KO, 9)
        c.drawString(63, 300 - ROW_H / 2 - 3, "등급")
        c.rect(60, 300 - 3 * ROW_H, 70, 2 * ROW_H, stroke=1, fill=0)
        c.drawString(63, 300 - 2 * ROW_H - 3, "1그룹")
        c.line(60, 300 - 3 * ROW_H, 60, bottom)
        c.line(130, 300 - 3 * ROW_H, 130, bottom)
        c.drawString(63, 300 - 3 * ROW_H - 13, "2그룹")
        c.showPage()
        draw_table(c, [header] + second, widths, 780, spans=[(1, 0, 2, 1)])
        c.showPage()

    table = run(tmp_path, draw).tables[0]
    assert table["pages"] == [1, 2]
    assert table["rows"] == [["1그룹"] + first[0][1:], ["1그룹"] + first[1][1:]] + \
        [["2그룹"] + r[1:] for r in first[2:] + second]
    assert [r["tier"] for r in table["records"]] == ["1그룹"] * 2 + ["2그룹"] * 4


def test_a_merged_cell_left_open_keeps_its_lines_set_below_the_grid(tmp_path):
    """A renderer breaking a merged cell over the page goes on setting its lines past the
    rule that closes the other columns: "등" under the grid is the open cell's last line,
    not body text (it would end the paragraph before the table)."""
    header, widths = ["분야", "기관", "내용"], [40, 100, 120]

    def draw(c):
        c.setFont(KO, 10)
        c.drawString(60, 300, "- 본문은 표 앞에서 끝난다")
        bottom = draw_table(c, [header[1:], ["상해 연구소", "신약 승인"], ["북경 연구원", "모델 발표"]],
                            widths[1:], 240, x0=100, caption="분야별 기관")
        c.setFont(KO, 9)
        c.rect(60, 240 - ROW_H, 40, ROW_H)
        c.drawString(63, 240 - ROW_H / 2 - 3, "분야")
        c.rect(60, 240 - 2 * ROW_H, 40, ROW_H)
        c.drawString(63, 240 - 1.5 * ROW_H - 3, "의약")
        c.line(60, 240 - 2 * ROW_H, 60, bottom)  # the last cell of the column: no rule under it
        c.line(100, 240 - 2 * ROW_H, 100, bottom)
        c.drawString(63, bottom + 4, "제조,")
        c.drawString(63, bottom - 7, "등")
        c.showPage()
        draw_table(c, [header, ["", "광주 연구원", "설비 구축"]], widths, 780)
        c.showPage()

    bulletin = run(tmp_path, draw)
    table = bulletin.tables[0]
    assert table["rows"] == [["의약", "상해 연구소", "신약 승인"], ["제조, 등", "북경 연구원", "모델 발표"],
                             ["제조, 등", "광주 연구원", "설비 구축"]]
    from extract.pipeline import run_document

    body = [ln.text for ln in run_document(tmp_path / "t.pdf").lines if ln.role == "body"]
    assert "등" not in body and any("본문은 표 앞에서" in t for t in body)


def test_a_tier_starting_on_the_last_row_of_a_page_runs_on_as_a_tier(tmp_path):
    """The page breaks inside a tier that starts on the page's last row: that cell is
    closed on its page and the continuation's first row is blank in the tier column. The
    tier fills down (the column holds merged cells), and the row is a row of its own, not
    the end of a row broken by the page (its rank and score are figures)."""
    header = ["등급", "순위", "국가", "점수"]
    first = [["1그룹", "1", "스위스", "67.6"], ["", "2", "스웨덴", "64.2"], ["2그룹", "3", "미국", "63.5"]]
    second = [["", "4", "영국", "62.4"], ["3그룹", "5", "싱가포르", "61.5"], ["", "6", "핀란드", "61.2"]]
    widths = [70, 50, 120, 70]

    def draw(c):
        draw_table(c, [header] + first, widths, 200, spans=[(1, 0, 2, 1)], caption="글로벌 혁신지수 순위")
        c.showPage()
        draw_table(c, [header] + second, widths, 780, spans=[(2, 0, 2, 1)])
        c.showPage()

    bulletin = run(tmp_path, draw)
    table = bulletin.tables[0]
    assert table["pages"] == [1, 2]
    assert [r[0] for r in table["rows"]] == ["1그룹", "1그룹", "2그룹", "2그룹", "3그룹", "3그룹"]
    assert [r[1] for r in table["rows"]] == ["1", "2", "3", "4", "5", "6"]
    assert not any("broken by the page break" in w for w in bulletin.warnings)


def test_a_tier_whose_text_stays_on_the_page_before_runs_on_in_its_blank_column(tmp_path):
    """The tier cell runs over the page break, and the producer prints its text on the
    first page only: overleaf the column is one empty merged cell, which the grid reader
    drops (a column with no text). The continuation still joins the table, its rows in
    the tier of the cell above."""
    header, first, second, widths = TIER_HEADER, TIER_FIRST, TIER_SECOND, TIER_WIDTHS

    def draw(c):
        draw_table(c, [header] + first, widths, 200, spans=[(1, 0, 2, 1), (3, 0, 2, 1)], caption="글로벌 혁신지수 순위")
        c.showPage()
        draw_table(c, second, widths, 780, header_rows=0, spans=[(0, 0, 2, 1)])
        c.showPage()

    bulletin = run(tmp_path, draw)
    assert len(bulletin.tables) == 1
    table = bulletin.tables[0]
    assert table["pages"] == [1, 2]
    assert [r[0] for r in table["rows"]] == ["1그룹", "1그룹"] + ["2그룹"] * 4
    assert [r["rank"] for r in table["records"]] == [1, 2, 3, 4, 5, 6]


def test_a_header_that_shares_a_typed_kinds_words_but_unnumbered_rows_is_generic(tmp_path):
    def draw(c):
        draw_table(c, [["지역", "플랫폼", "주요 내용"], ["우한", "인공지능 컴퓨팅 센터", "연산력 400P"],
                       ["다롄", "공공 연산력 플랫폼", "대형 모델 훈련"],
                       ["주하이", "스마트 컴퓨팅 센터", "도시 브레인"]],
                   [80, 150, 150], 700, caption="지역별 연산력 거점")
        c.showPage()

    bulletin = run(tmp_path, draw)
    assert bulletin.tables[0]["kind"] == "generic" and bulletin.tables[0]["records"] == []
    assert any("kept as a generic table" in w for w in bulletin.warnings)


def test_a_figure_caption_above_a_table_is_not_taken_for_its_continuations_caption(tmp_path):
    """The lowest body line of a page is a figure's caption, with a table under it that
    runs on over the page break: the continuation is that table's, not a new table
    captioned by the figure."""
    def draw(c):
        c.setFont(KO, 10)
        c.drawString(60, 760, "- 본문 첫 줄은 그림 앞에 있다")
        c.drawCentredString(250, 600, "〈 지역별 현황 그림 〉")
        c.rect(150, 420, 200, 160)
        draw_table(c, [HEADER] + PART1, WIDTHS, 160, caption="지역별 현황")
        c.showPage()
        draw_table(c, [HEADER] + PART2, WIDTHS, 780)
        c.setFont(KO, 10)
        c.drawString(60, 600, "- 본문은 표 다음에 이어진다")
        c.showPage()

    bulletin = run(tmp_path, draw)
    assert [(t["caption"], t["pages"]) for t in bulletin.tables] == [("지역별 현황", [1, 2])]
    assert bulletin.tables[0]["rows"] == PART1 + PART2


def test_a_cells_line_run_over_the_bottom_rule_does_not_stop_the_stitch(tmp_path):
    """The last row's cell overflows its grid by a line that starts on the bottom rule (a
    producer that let the row run into the page margin): that line is the table's own, not
    body text standing between the table and its continuation."""
    def draw(c):
        bottom = draw_table(c, [HEADER] + PART1, WIDTHS, 160, caption="지역별 현황")
        c.setFont(KO, 9)
        c.drawString(233, bottom - 7, "등")  # its top lies on the bottom rule
        c.showPage()
        draw_table(c, [HEADER] + PART2, WIDTHS, 780)
        c.showPage()

    bulletin = run(tmp_path, draw)
    assert [t["pages"] for t in bulletin.tables] == [[1, 2]]


def test_a_last_row_alone_at_the_top_of_the_next_page_is_stitched(tmp_path):
    """The page broke before the last row, and the header is not repeated: a one-row grid
    opens the next page. It is the table's last row (a one-row grid elsewhere is not read)."""
    def draw(c):
        draw_table(c, [HEADER] + PART1, WIDTHS, 160, caption="지역별 현황")
        c.showPage()
        draw_table(c, [PART2[0]], WIDTHS, 780, header_rows=0)
        c.setFont(KO, 10)
        c.drawString(60, 700, "- 본문은 표 다음에 이어진다")
        draw_table(c, [["참고", "한 줄짜리 상자"]], [100, 200], 500, header_rows=0)
        c.showPage()

    bulletin = run(tmp_path, draw)
    assert len(bulletin.tables) == 1
    table = bulletin.tables[0]
    assert table["pages"] == [1, 2] and table["rows"] == PART1 + [PART2[0]]


SPLIT_HEAD, SPLIT_WIDTHS = ["번호", "기관", "주요 내용"], [50, 120, 200]
SPLIT_FIRST = ["1", "상해 연구소", "대형 모델 발표"]
SPLIT_START = ["2", "북경 연구원", "오픈 소스 플랫폼을"]


def _split_row_continued(c):
    """The second page of a table whose row 2 ran over the page break."""
    draw_table(c, [SPLIT_HEAD, ["", "", "정식 가동"], ["3", "심천 실험실", "연산력 확보"]], SPLIT_WIDTHS, 780)
    c.showPage()


def _assert_split_row_joined(bulletin):
    table = bulletin.tables[0]
    assert table["pages"] == [1, 2]
    assert table["rows"] == [SPLIT_FIRST, ["2", "북경 연구원", "오픈 소스 플랫폼을 정식 가동"],
                             ["3", "심천 실험실", "연산력 확보"]]
    assert any("broken by the page break" in w for w in bulletin.warnings)


def test_a_row_broken_by_the_page_break_is_joined_to_its_start(tmp_path):
    """Word processors let a row run over the page break: the continuation's first row
    holds only the ends of the cells, with nothing in the numbered first column."""
    def draw(c):
        draw_table(c, [SPLIT_HEAD, SPLIT_FIRST, SPLIT_START], SPLIT_WIDTHS, 160, caption="주요 기관 현황")
        c.showPage()
        _split_row_continued(c)

    _assert_split_row_joined(run(tmp_path, draw))


def _to_the_edge(text, width, size=9):
    """``text`` lengthened syllable by syllable until it fills a cell ``width`` wide (3 pt
    padding each side) to within half a syllable: the line ran on."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    filler = "가나다라마바사아자차카타파하"
    k = 0
    while stringWidth(text + filler[k % len(filler)], KO, size) <= width - 6:
        text += filler[k % len(filler)]
        k += 1
    assert width - 6 - stringWidth(text, KO, size) < size / 2
    return text


def test_the_rest_of_a_broken_row_alone_on_the_next_page_is_joined(tmp_path):
    """A row ran over the page break and only its long cell goes on: the next page opens
    with a one-row grid holding text in that column only. Its columns are the rules' (not
    only the one with text), and its text ends the row it came from."""
    start = _to_the_edge("오픈 소스 플랫폼을 정식으로 ", SPLIT_WIDTHS[2])

    def draw(c):
        draw_table(c, [SPLIT_HEAD, SPLIT_FIRST, ["2", "북경 연구원", start]], SPLIT_WIDTHS, 160,
                   caption="주요 기관 현황")
        c.showPage()
        draw_table(c, [["", "", "가동함"]], SPLIT_WIDTHS, 780, header_rows=0)
        c.setFont(KO, 10)
        c.drawString(60, 700, "- 본문은 표 다음에 이어진다")
        c.showPage()

    bulletin = run(tmp_path, draw)
    assert len(bulletin.tables) == 1
    table = bulletin.tables[0]
    assert table["pages"] == [1, 2]
    assert table["rows"] == [SPLIT_FIRST, ["2", "북경 연구원", start + "가동함"]]


def test_a_broken_row_under_a_merged_cell_is_joined_not_filled(tmp_path):
    """The row broken by the page lies under a merged cell that reaches the foot of the
    page. The continuation's blank first cell is the broken row's, not the merged cell
    going on: the cells it has text in ran on from full lines."""
    head, widths = ["분야", "기관", "주요 내용"], [60, 110, 200]
    start = _to_the_edge("대형 모델을 공개하고 연구자에게 ", widths[2])
    first = [["의약", "상해 연구소", "신약 승인"], ["인공지능", "북경 연구원", "모델 발표"],
             ["인공지능", "심천 실험실", start]]

    def draw(c):
        draw_table(c, [head, first[0], ["인공지능", "북경 연구원", "모델 발표"], ["", "심천 실험실", start]],
                   widths, 180, spans=[(2, 0, 2, 1)], caption="분야별 기관")
        c.showPage()
        draw_table(c, [head, ["", "", "제공함"], ["반도체", "광주 연구원", "설비 구축"]], widths, 780)
        c.showPage()

    bulletin = run(tmp_path, draw)
    table = bulletin.tables[0]
    assert table["rows"] == first[:2] + [["인공지능", "심천 실험실", start + "제공함"],
                                         ["반도체", "광주 연구원", "설비 구축"]]
    assert any("broken by the page break" in w for w in bulletin.warnings)


def _plain_grid(c, rows, widths, top, x0=60):
    """A ruled grid with nothing drawn as a header: no shading, no bold."""
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    c.setFont(KO, 9)
    for r, row in enumerate(rows):
        y = top - (r + 1) * ROW_H
        for k, text in enumerate(row):
            c.rect(xs[k], y, widths[k], ROW_H, stroke=1, fill=0)
            c.drawString(xs[k] + 3, y + ROW_H / 2 - 3, text)


def test_a_first_row_of_labels_is_the_header_though_nothing_draws_it_so(tmp_path):
    rows = [["no", "제품명", "기업"], ["1", "인공 와우", "미국 Cochlear Inc."],
            ["2", "수술용 내시경 로봇", "상해 징펑의료회사"]]

    def draw(c):
        c.setFont(KO, 10)
        c.drawCentredString(220, 712, "〈 Ⅲ급 혁신 의료기기 승인 목록 〉")
        _plain_grid(c, rows, [40, 160, 160], 700)
        c.showPage()

    table = run(tmp_path, draw).tables[0]
    assert table["header"] == [rows[0]]
    assert table["rows"] == rows[1:]
    assert table["kind"] == "device_approvals"
    assert [r["company"] for r in table["records"]] == ["미국 Cochlear Inc.", "상해 징펑의료회사"]
    assert table["quality"]["header_by_position"] is True


def test_a_first_row_of_figures_is_not_taken_for_a_header(tmp_path):
    rows = [["2021", "12.5", "13.1"], ["2022", "9.8", "10.2"], ["2023", "7.1", "7.4"]]

    def draw(c):
        _plain_grid(c, rows, [80, 80, 80], 700)
        c.showPage()

    table = run(tmp_path, draw).tables[0]
    assert table["header"] == []
    assert table["rows"] == rows


def test_a_row_left_open_at_the_foot_of_the_page_is_read_and_joined(tmp_path):
    """An HTML renderer breaks a tall row at the page's foot and draws it open: its column
    rules stop there with no rule across. The row is still read, and its tail on the next
    page is joined to it."""
    xs = [60, 110, 230, 430]

    def draw(c):
        c.setFont(KO, 10)
        c.drawString(60, 760, "- 본문 첫 줄은 표 앞에 있다")
        bottom = draw_table(c, [SPLIT_HEAD, SPLIT_FIRST], SPLIT_WIDTHS, 200, caption="주요 기관 현황")
        c.setFont(KO, 9)
        for x in xs:  # the open row: column rules down to the foot, nothing across
            c.line(x, bottom, x, 60)
        for x, text in zip(xs, SPLIT_START):
            c.drawString(x + 3, bottom - 13, text)
        c.drawCentredString(300, 30, "- 3 -")
        c.showPage()
        _split_row_continued(c)

    _assert_split_row_joined(run(tmp_path, draw))


def test_a_header_repeated_inside_a_fragment_cuts_it_into_parts():
    # Stream detection may read the next part's header as a last row of this part.
    from extract.tables.stitch import split_at_repeated_headers

    rows = PART1 + [["번호", "지 역", "분야", "건수"]] + PART2
    parts, dropped = split_at_repeated_headers([HEADER], rows)
    assert parts == [PART1, PART2] and dropped == 1
    assert split_at_repeated_headers([HEADER], PART1 + [HEADER]) == ([PART1], 1)


def test_a_header_row_left_alone_at_the_foot_of_a_page_heads_the_table_overleaf(tmp_path):
    """The producer moved the table's body to the next page and left its caption and
    header row at the foot: the header is the table's, drawn once, on the page before."""
    def draw(c):
        c.setFont(KO, 10)
        c.drawString(60, 760, "- 본문 첫 줄은 표 앞에 있다")
        draw_table(c, [HEADER], WIDTHS, 110, caption="지역별 현황")
        c.showPage()
        draw_table(c, PART1 + PART2, WIDTHS, 780, header_rows=0)
        c.showPage()

    bulletin = run(tmp_path, draw)
    assert len(bulletin.tables) == 1
    table = bulletin.tables[0]
    assert (table["caption"], table["header"], table["pages"]) == ("지역별 현황", [HEADER], [1, 2])
    assert table["rows"] == PART1 + PART2
    from extract.pipeline import run_document

    body = " ".join(ln.text for ln in run_document(tmp_path / "t.pdf").lines if ln.role == "body")
    assert "본문 첫 줄" in body and "지역별 현황" not in body and "건수" not in body


def test_a_shaded_row_alone_at_the_foot_with_no_table_overleaf_is_no_table(tmp_path):
    def draw(c):
        draw_table(c, [["참고", "주요 용어 설명"]], [100, 200], 110)
        c.showPage()
        c.setFont(KO, 10)
        c.drawString(60, 760, "- 다음 쪽은 본문으로 시작한다")
        c.showPage()

    assert run(tmp_path, draw).tables == []
    # its text stays body text
    from extract.pipeline import run_document

    body = " ".join(ln.text for ln in run_document(tmp_path / "t.pdf").lines if ln.role == "body")
    assert "주요 용어 설명" in body


def test_glyphs_between_two_heights_by_centre_or_in_page_order():
    """cells.chars_between: the cells read by vertical centre; the caption and note bands
    (captions._band) keep the page's order, which the grouping into lines breaks ties by."""
    from extract.tables.cells import chars_between

    chars = [{"top": t, "bottom": t + 10, "name": n} for n, t in (("a", 30), ("b", 0), ("c", 20), ("d", 100), ("e", 0))]
    assert [c["name"] for c in chars_between(chars, 0, 50)] == ["b", "e", "c", "a"]
    assert [c["name"] for c in chars_between(chars, 0, 50, page_order=True)] == ["a", "b", "c", "e"]
    assert [c["name"] for c in chars_between(chars, 5, 5, page_order=True)] == ["b", "e"]  # centre on the bound



def test_a_cell_merged_over_two_rows_keeps_its_rule_left_out(tmp_path):
    """A grid's cell merged over two rows: the rule between those rows stops at its column
    rules on both sides, at one height only, and is not filled in across it (a column's
    rules left out all down the grid are, see the two-up list above)."""
    xs = [60, 120, 180, 230, 290]
    rows = [["구분", "수량", "비고", "연도"], ["가", "10", "병합", "2021"], ["나", "12", "", "2022"],
            ["다", "14", "단독", "2023"]]

    def draw(c):
        c.setFont(KO, 9)
        for r, row in enumerate(rows):
            for x, text in zip(xs, row):
                c.drawString(x + 3, 700 - r * ROW_H - 14, text)
        for r in range(len(rows) + 1):
            y = 700 - r * ROW_H
            if r == 2:  # under the merged cell's first row: left out over its column
                c.line(xs[0], y, xs[2], y)
                c.line(xs[3], y, xs[4], y)
            else:
                c.line(xs[0], y, xs[4], y)
        for x in xs:
            c.line(x, 700 - len(rows) * ROW_H, x, 700)
        c.showPage()

    (table,) = run(tmp_path, draw).tables
    assert [row[2] for row in table["rows"]] == ["병합", "병합", "단독"]


def test_a_broken_row_whose_first_cell_also_ran_on_is_joined(tmp_path):
    """The page broke inside a row whose first cell wrapped too: the continuation's first
    row has text in the first column, but nothing in a column that every other row fills
    (the short cells ended on the page before). It ends the row above, not a row."""
    head, widths = ["기관", "설립", "주요 내용"], [90, 50, 200]
    first = ["상해 연구소", "2019", "대형 모델 발표"]

    def draw(c):
        draw_table(c, [head, first, ["북경 인공지능", "2018", "오픈 소스 플랫폼을"]], widths, 160,
                   caption="주요 기관 현황")
        c.showPage()
        draw_table(c, [head, ["연구원", "", "정식 가동"], ["심천 실험실", "2020", "연산력 확보"]], widths, 780)
        c.showPage()

    bulletin = run(tmp_path, draw)
    table = bulletin.tables[0]
    assert table["pages"] == [1, 2]
    assert [["".join(cell.split()) for cell in row] for row in table["rows"]] == [
        ["상해연구소", "2019", "대형모델발표"], ["북경인공지능연구원", "2018", "오픈소스플랫폼을정식가동"],
        ["심천실험실", "2020", "연산력확보"]]
