"""Table failure classes found on the template farm (issue #18), each drawn small.

Renders of templates we never tuned for (samples/template_farm.py) showed tables read wrong
in ways no single template explains; each test here draws the geometry of one class with
reportlab and checks the general rule that reads it:

* a table ruled under every row (horizontal rules only) whose cells wrap, centre their
  text vertically and list items: the rules make the rows, not the text lines;
* rules that group rows of short values are not read as rows;
* a rule that leaves a column out runs under the others only: that column's cell spans;
* an unruled table whose last column wraps to more lines than the row's other cells goes
  on over those lines;
* a space glyph narrower than the page's word gap (0.22 em in CJK fonts) is a word space
  in a table read from aligned words;
* a centred row whose cells all wrap to two lines is one row (two values one above the
  other are still two rows);
* a narrow number column set closer to the next than the chunk gap stays a column;
* an unruled table whose rows are padded further apart than the block gap stays one table,
  with its header;
* columns set 0.5-1 em apart in every row are two columns, and a line glued across them is
  cut there;
* the first lines of a centred row (or of a header cell) above the block's first line of
  several chunks are the row's;
* a line of two cells glued together (one gap wider than a word space) is no running text
  that ends the rows under a ruled header;
* a header heads padded rows whose first row has no line with a cell in every column (its
  middle cell wraps, the others centred on a line between): the row's lines together do;
* list marks set a word space before their items' text are no column of their own.
"""
from __future__ import annotations

import pdfplumber

from extract.settings import TableSettings
from extract.tables import find_fragments
from helpers import KO, make_pdf


def _fragments(path, gap=None):
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[0]
        return find_fragments(page, 1, TableSettings(), gap, page.chars)


#: A table ruled under every row as WeasyPrint printed it (farm render r11-0009, page 5):
#: (top of the line, x, text); the header and the cells centred vertically, the last
#: column one syllable a line, so lines of different cells interleave.
WRAPPED_ROWS = [(495.0, 421, "소"), (502.2, 158, "설립"), (509.4, 64, "기관명"), (509.4, 192, "주요내용"),
                (509.4, 421, "재"), (516.6, 158, "시기"), (523.8, 421, "지"),
                (542.7, 64, "베이징지위안 인공지"), (542.7, 192, "• 대형 언어 모델 오도 3.0 출시, 그중 천영"),
                (542.7, 421, "베"), (557.1, 64, "능연구원 (BAAI,"), (557.1, 158, "2018"),
                (557.1, 192, "대형 언어 모델, FlagEval 대형 모델 평가 시"), (557.1, 421, "이"),
                (571.5, 64, "베이징 소재)"), (571.5, 192, "스템, 대형 시각 모델 등 포함"), (571.5, 421, "징"),
                (590.4, 421, "베"), (597.6, 64, "칭화인공지능산업연"), (597.6, 192, "• 오픈 소스 BioMedGPT 개발, 주"),
                (604.8, 158, "2020"), (604.8, 421, "이"), (612.0, 64, "구원 (AIR)"),
                (612.0, 192, "로 바이오 의료 분야 R&D 활용"), (619.2, 421, "징")]


def _header(c, x1: float, xs, names, font: str, size: float) -> None:
    """A table's top rule at 740, its header row, and the rule under it at 722 (x 72 to ``x1``)."""
    c.setFont(font, size)
    c.setLineWidth(1.2)
    c.line(72, 740, x1, 740)
    for x, text in zip(xs, names):
        c.drawString(x, 728, text)
    c.setLineWidth(0.5)
    c.line(72, 722, x1, 722)


def test_a_table_ruled_under_every_row_takes_its_rows_from_the_rules(tmp_path):
    """Cells that wrap, centre (a year beside three lines) and a city set one syllable a
    line in a narrow column, their lines interleaving: between two rules it is all one
    row."""
    def draw(c):
        c.setFont(KO, 9)
        for top, x, text in WRAPPED_ROWS:
            c.drawString(x, 842 - top - 8, text)
        for y, width in ((487.7, 1.4), (535.9, 0.5), (583.6, 0.5), (631.3, 1.4)):
            c.setLineWidth(width)
            c.line(60, 842 - y, 439, 842 - y)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "ruled-rows.pdf", draw))
    assert len(frags) == 1
    frag = frags[0]
    # (Whether a Hangul line break was a word space is textjoin's question, not this one's.)
    assert [[t.replace(" ", "") for t in row] for row in frag.rows[frag.header_rows:]] == [
        ["베이징지위안인공지능연구원(BAAI,베이징소재)", "2018",
         "•대형언어모델오도3.0출시,그중천영대형언어모델,FlagEval대형모델평가시스템,대형시각모델등포함", "베이징"],
        ["칭화인공지능산업연구원(AIR)", "2020", "•오픈소스BioMedGPT개발,주로바이오의료분야R&D활용", "베이징"]]


def test_rules_that_group_rows_of_short_values_do_not_merge_them(tmp_path):
    """Two rows of values between each pair of rules, each line filling every column and
    each value short enough to have fitted beside the one above: rules over groups."""
    groups = [[("1", "Austria", "12.5"), ("2", "Belgium", "9.8")],
              [("3", "Czechia", "7.1"), ("4", "Denmark", "15.0")],
              [("5", "Estonia", "4.2"), ("6", "Finland", "8.8")]]

    def draw(c):
        _header(c, 400, (76, 150, 330), ("Rank", "Country", "Share of budget"), "Helvetica", 9)
        y = 722
        for group in groups:
            for row in group:
                y -= 13
                for x, text in zip((76, 150, 330), row):
                    c.drawString(x, y, text)
            y -= 5
            c.line(72, y, 400, y)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "groups.pdf", draw))
    assert len(frags) == 1
    frag = frags[0]
    assert frag.rows[frag.header_rows:] == [list(r) for g in groups for r in g]


def test_a_rule_leaving_a_column_out_makes_its_cell_span_the_rows(tmp_path):
    """A tier cell spanning two ranks has no rule under its first rank (the other cells
    do): its text stands between the ranks and belongs to both."""
    rows = [(["1등급"], ["1"], ["미국"], ["72.23"]),
            ([], ["2"], ["중국"], ["55.20"]),
            (["2등급"], ["3"], ["영국"], ["46.59"]),
            ([], ["4"], ["독일"], ["45.12"])]

    def draw(c):
        line_h, pad = 11, 4
        xs = (76, 150, 220, 330)
        _header(c, 400, xs, ("등급", "순위", "국가", "득점"), KO, 9)
        y = 722
        height = line_h + 2 * pad
        for k, row in enumerate(rows):
            for x, cell in zip(xs[1:], row[1:]):
                c.drawString(x, y - height / 2 - 3, cell[0])
            if row[0]:  # the tier, centred over its two ranks
                c.drawString(xs[0], y - height - 3, row[0][0])
            y -= height
            c.line(140 if k % 2 == 0 else 72, y, 400, y)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "tiers.pdf", draw))
    assert len(frags) == 1
    frag = frags[0]
    assert frag.rows[frag.header_rows:] == [["1등급", "1", "미국", "72.23"], ["1등급", "2", "중국", "55.20"],
                                            ["2등급", "3", "영국", "46.59"], ["2등급", "4", "독일", "45.12"]]


def test_a_narrow_space_glyph_in_a_cell_read_from_aligned_words_is_a_word_space(tmp_path):
    """A CJK font's space is 0.22 em, narrower than the word gap a page of wider spaces
    learns; where the producer prints the space glyph, the cell keeps the space."""
    size = 9.0

    def spaced(c, x, y, words):
        """Draw ``words`` parted by space glyphs 0.2 em apart (the glyph drawn, the next
        word set where a narrow space would put it)."""
        for k, w in enumerate(words):
            c.drawString(x, y, w + (" " if k < len(words) - 1 else ""))
            x += c.stringWidth(w, "Helvetica", size) + 0.2 * size

    def draw(c):
        _header(c, 480, (76, 200, 330), ("Name", "Sensor", "Use"), "Helvetica", size)
        for k, (a, b, d) in enumerate([("Unit A", "Hall sensor", "blade position"),
                                       ("Unit B", "Image sensor", "scene range"),
                                       ("Unit C", "Gyro sensor", "hand shake")]):
            y = 710 - 14 * k
            for x, text in zip((76, 200, 330), (a, b, d)):
                spaced(c, x, y, text.split())
        c.line(72, 670, 480, 670)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "spaces.pdf", draw), gap=0.3)
    assert len(frags) == 1
    assert frags[0].rows[frags[0].header_rows:] == [["Unit A", "Hall sensor", "blade position"],
                                                    ["Unit B", "Image sensor", "scene range"],
                                                    ["Unit C", "Gyro sensor", "hand shake"]]


def test_an_unruled_table_whose_last_column_wraps_to_many_lines_stays_one_table(tmp_path):
    """No rules, no shading: a number and a name beside a description of four or five
    lines. The description's lines with nothing beside them start where the description
    column starts, so they go on in the table; they do not end it (more than two lines of
    one text run in a row used to end an aligned block, cutting the table into pieces)."""
    rows = [("1", "Wuhan centre", ["- The first national AI compute platform of the",
                                   "region, open to three hundred institutes",
                                   "- One centre and four platforms around an",
                                   "industrial cluster of its own", "- Training of engineers"]),
            ("2", "Dalian centre", ["- The largest compute in the north-east, on the",
                                    "national network since last December",
                                    "- Use over ninety per cent, two hundred users",
                                    "- Pilot projects in nine fields"]),
            ("3", "Xi'an centre", ["- The first large cluster of the west, serving",
                                   "one hundred and fifty institutes", "- Seventeen research projects matched",
                                   "- A remote sensing model with a university"])]

    def draw(c):
        c.setFont("Helvetica", 9)
        for x, text in zip((76, 110, 220), ("No", "Platform", "Main points")):
            c.drawString(x, 740, text)
        y = 724
        for no, name, lines in rows:
            middle = y - (len(lines) - 1) * 11 / 2
            c.drawString(76, middle, no)
            c.drawString(110, middle, name)
            for k, text in enumerate(lines):
                c.drawString(220, y - 11 * k, text)
            y -= 11 * len(lines) + 8
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "long-cells.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [["No", "Platform", "Main points"]] + [[no, name, " ".join(lines)]
                                                                   for no, name, lines in rows]


def _centred_table(c, rows, xs, line_h=11, pad=6):
    """A table ruled above and under its header and at its foot only, each row's cells
    centred vertically: ``rows`` are lists of cells, each a list of lines."""
    _header(c, 520, xs, ["Institute", "Year", "Main points", "City"], "Helvetica", 9)
    y = 722
    for row in rows:
        height = max(len(cell) for cell in row) * line_h + 2 * pad
        centre = y - height / 2
        for x, cell in zip(xs, row):
            first = centre + (len(cell) - 1) * line_h / 2
            for k, text in enumerate(cell):
                c.drawString(x, first - k * line_h - 3, text)
        y -= height
    c.line(72, y, 520, y)
    c.showPage()


def test_a_centred_row_whose_cells_all_wrap_to_two_lines_is_one_row(tmp_path):
    """Under rows of centred cells (a one-line year beside a three-line description), a
    row whose name, year and description each run to two lines, the city centred beside
    them: its two lines fill all columns but one, yet each cell's second line was wrapped
    there (its first word would not have fitted on the line above), so it is one row."""
    rows = [[["Beijing Academy of AI"], ["2018"],
             ["- released a large model with a language", "model, an evaluation system and a", "vision model"],
             ["Beijing"]],
            [["Zhijiang laboratory"], ["2017"], ["- released an open platform"], ["Hangzhou"]],
            [["Fudan language processing", "laboratory"], ["1980", "onwards"],
             ["- released a dialogue model, upgraded in", "April"], ["Shanghai"]]]

    frags = _fragments(make_pdf(tmp_path / "all-wrap.pdf",
                                lambda c: _centred_table(c, rows, (76, 210, 262, 460))))
    assert len(frags) == 1
    assert frags[0].rows[frags[0].header_rows:] == [[" ".join(cell) for cell in row] for row in rows]


def test_a_lone_row_at_the_foot_of_a_page_with_a_year_centred_on_its_middle_line_is_one_row(tmp_path):
    """The first row of a table that goes on overleaf, alone under the ruled header with no
    rule below it: a three-line name, description and city (one syllable a line), and the
    year beside their middle line. The lines are evenly spaced, so no row gap shows; the
    year standing on the middle line of three, alone in its column, is a centred cell, and
    the three lines are one row (farm render second-b, Chromium, page 4)."""
    row = [["베이징지위안 인공지능연", "구원 (베이징 소재 인공", "지능 연구원)"], ["2018"],
           ["• '23. 6, '오도 3.0' 모델을 출시했으며 그중", "천영 대형 언어 모델, FlagEval 대형 언어 모델 평",
            "가 예측 시스템, 대형 시각 모델 등 포함"], ["베", "이", "징"]]

    def draw(c):
        _header(c, 530, (76, 215, 255, 505), ["기관명", "연도", "주요내용", "소재지"], KO, 9)
        c.setFont(KO, 9)
        for x, cell in zip((76, 215, 255, 505), row):
            first = 700 + (len(cell) - 1) * 6.5
            for k, text in enumerate(cell):
                c.drawString(x, first - k * 13, text)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "lone-row.pdf", draw))
    assert len(frags) == 1
    body = frags[0].rows[frags[0].header_rows:]
    assert [[t.replace(" ", "") for t in r] for r in body] == [["".join(cell).replace(" ", "") for cell in row]]


def test_the_last_row_of_a_table_overleaf_under_its_repeated_header_is_a_table(tmp_path):
    """Overleaf, under the header repeated, the table's last row alone: its number centred on
    the middle of three lines, a long institute name and a list of three lines. Centred
    cells grouped into one row are a table's layout: a header and that row are a table,
    though the name, seven words long, reads as running text by its length (farm render
    r11-0036, Chromium, page 10, which lost the row to the body's bullets)."""
    row = [["9"], ["광둥성 인공지능 과", "학 및 기술연구원(주", "하이 소재)"],
           ["• 뇌모방 핵심 알고리즘, 뇌모방 인공지능 컴퓨팅 모델", "인공지능 정보기술을 개발에 주력하고 연구",
            "• 인공지능, 빅데이터, 블록체인 등 산업 생태계 조성"]]

    def draw(c):
        _header(c, 530, (80, 120, 260), ["구분", "플랫폼", "주요 내용"], KO, 9)
        c.setFont(KO, 9)
        for x, cell in zip((84, 120, 220), row):
            first = 700 + (len(cell) - 1) * 6.5
            for k, text in enumerate(cell):
                c.drawString(x, first - k * 13, text)
        c.line(72, 660, 530, 660)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "last-row.pdf", draw))
    assert len(frags) == 1
    assert [[t.replace(" ", "") for t in r] for r in frags[0].rows] == [
        ["구분", "플랫폼", "주요내용"], ["".join(cell).replace(" ", "") for cell in row]]


def _numbered_rows(c, rows, top=700.0, line=13.0, pad=10.0, first_x=84):
    """Under a ruled header (구분 | 특징), rows of a number, a label and a list of two lines,
    the number and label centred beside the list (as second-b prints its small tables)."""
    _header(c, 520, (125, 330), ["구분", "특징"], KO, 9)
    c.setFont(KO, 9)
    y = top
    for k, (number, label, items) in enumerate(rows):
        # The first number a little further left, as a narrower glyph centred in its cell.
        middle = y - (len(items) - 1) * line / 2
        c.drawString(first_x if k == 0 else 87, middle, number)
        c.drawString(100, middle, label)
        for i, item in enumerate(items):
            # Words a word space apart, narrower after Latin (the narrower space glyph of
            # a CJK font's Latin face).
            x = 215.0
            for word in item.split(" "):
                c.drawString(x, y - i * line, word)
                x += c.stringWidth(word, KO, 9) + (2.8 if word[-1].isascii() else 3.4)
        y -= len(items) * line + pad
    c.setLineWidth(1.2)
    c.line(72, y, 520, y)
    c.showPage()


def test_a_row_number_set_close_to_its_label_is_a_column_of_a_table_of_two_rows(tmp_path):
    """Two rows: where "1" stands a chunk apart from its label and "2", a wider glyph, less
    than that but still further than a word space, the second row supports the number
    column the first shows (farm render second-b, Chromium, page 11)."""
    rows = [("1", "구조 및 블레이드 설계", ["• 고정 구조, 전동 구조 외 여섯 개 블레이드로 구성",
                                          "• 자기장 감지용 홀 센서를 사용해 개폐 위치 확정"]),
            ("2", "소프트웨어 설계", ["• 자동 모델을 설정하면 네 단계로 변화하도록 설계",
                                   "• 피사체 범위와 밝기를 식별해 개폐 위치를 설정"])]
    frags = _fragments(make_pdf(tmp_path / "numbered.pdf", lambda c: _numbered_rows(c, rows)))
    assert len(frags) == 1
    body = frags[0].rows[frags[0].header_rows:]
    assert body == [[n, label, " ".join(items)] for n, label, items in rows]


#: One row under a header of two cells (farm render second-b, Chromium, page 11), words as
#: (top, x0, x1, text) at 8.6 pt: every word space 2.6 pt (0.3 em), after Latin as after Hangul.
LATIN_ROW = [(82.9, 115.0, 131.6, "구분"), (82.9, 323.4, 340.0, "특징"),
             (100.9, 154.4, 157.3, "•"), (100.9, 160.0, 184.9, "혼합형"), (100.9, 187.5, 197.1, "AI"),
             (100.9, 199.8, 216.4, "코딩"), (100.9, 219.0, 252.2, "프레임을"), (100.9, 254.9, 279.8, "사용해"),
             (106.9, 99.3, 124.2, "오디오"), (113.7, 86.5, 91.3, "2"), (113.7, 154.4, 157.3, "•"),
             (113.7, 160.0, 179.6, "HOA"), (113.7, 182.2, 214.6, "(Higher"), (113.7, 217.3, 241.8, "Order"),
             (113.7, 244.4, 292.8, "Ambisonic)"), (113.7, 295.4, 312.0, "공간"), (113.7, 314.7, 331.3, "코딩"),
             (119.7, 99.3, 120.9, "Vivid"), (126.4, 154.4, 162.7, "에"), (126.4, 165.4, 182.0, "도달")]


def test_row_numbers_and_labels_on_lines_of_their_own_are_two_columns(tmp_path):
    """Each row's number and label stand on a line of their own, centred between the two
    lines of its list, the number a little more than a word space from the label: no row of
    several chunks shows the gap, but both such lines leave it at one place, so the number
    is a column (farm render r23-0015, Chromium, pages 10 and 11: "1 HDR Vivid")."""
    rows = [("1", "구조 및 설계", ["• 고정 구조, 전동 구조 외 여섯 개 블레이드로 구성",
                                 "• 자기장 감지용 홀 센서를 사용해 개폐 위치 확정"]),
            ("2", "소프트웨어", ["• 자동 모델을 설정하면 네 단계로 변화하도록 설계",
                               "• 피사체 범위와 밝기를 식별해 개폐 위치를 설정"])]
    frags = _fragments(make_pdf(tmp_path / "own-lines.pdf", lambda c: _numbered_rows(c, rows, first_x=87)))
    assert len(frags) == 1
    body = frags[0].rows[frags[0].header_rows:]
    assert body == [[n, label, " ".join(items)] for n, label, items in rows]


def test_a_latin_word_space_in_one_line_under_a_header_of_two_cells_is_no_column():
    """The line "2  • HOA (Higher Order Ambisonic) 공간" and the header are the only rows of
    two chunks: the header's wide gap spans each Latin word space of that line, but a gap
    only one row shows edge to edge, inside a chunk, is its word space, not a column."""
    from extract.settings import LayoutSettings
    from extract.tables.stream import column_separators, text_rows

    chars = []
    for top, x0, x1, text in LATIN_ROW:
        step = (x1 - x0) / len(text)
        chars += [{"text": ch, "x0": x0 + k * step, "x1": x0 + (k + 1) * step, "top": top, "bottom": top + 8.6,
                   "size": 8.6, "fontname": "F", "upright": True} for k, ch in enumerate(text)]
    settings, layout = TableSettings(), LayoutSettings()
    rows = text_rows(chars, layout.word_gap_ratio, settings.stream_chunk_gap, layout)
    inside_list = [(a, b) for a, b in column_separators(rows, settings) if 160.0 <= a and b <= 331.3]
    assert inside_list == []


def test_two_values_one_above_the_other_beside_a_wrapped_label_are_two_rows(tmp_path):
    """A tier label in a narrow column wraps to two lines, one beside each of its two
    ranks; the ranks and scores fill the same two lines, and a country further down wraps,
    its rank and score centred between its lines. A number does not wrap into another, so
    the tier's lines are two rows, not one row whose every cell wrapped."""
    def draw(c):
        _header(c, 300, (76, 110, 150, 220), ["Tier", "Rank", "Country", "Score"], "Helvetica", 9)
        # Rows as far apart as the lines of a wrapped cell (no padding between rows).
        for line, cells in ((710, ("1", "1", "Sweden", "64.2")), (694, ("tier", "2", "Norway", "63.1")),
                            (678, ("2", "3", "Japan", "61.5")), (662, ("tier", "4", "Korea", "60.8"))):
            for x, text in zip((76, 110, 150, 220), cells):
                c.drawString(x, line, text)
        c.drawString(150, 646, "United")
        c.drawString(150, 630, "Kingdom")
        c.drawString(110, 638, "5")
        c.drawString(220, 638, "59.9")
        c.line(72, 620, 300, 620)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "tiers.pdf", draw))
    assert len(frags) == 1
    # (Where the wrapped country's lines go, no gap between rows tells: not asked here.)
    assert [row[1:] for row in frags[0].rows[frags[0].header_rows:frags[0].header_rows + 3]] == [
        ["1", "Sweden", "64.2"], ["2", "Norway", "63.1"], ["3", "Japan", "61.5"]]


def test_a_narrow_number_column_set_close_to_the_next_stays_a_column(tmp_path):
    """A row number set closer to its row's label than the gap that parts chunks, but
    further than a word space: where the label stands on a line of its own (centred beside
    a two-line description), number and label make one chunk; the gap between them covers
    the column gap the other rows show, so they are two cells, not one ("3 Connected
    cars")."""
    rows = [("1", ["Mixed reality and", "extended reality"],
             ["- latency cut to a tenth on the downlink and the", "uplink, for reality headsets",
              "- live broadcast and driving"]),
            ("2", ["Internet of things"], ["- passive devices at a hundred billion links, a", "tenfold rise",
                                           "- logistics, cars and farming"]),
            ("3", ["Connected cars"], ["- base stations that sense their surroundings", "- roadside systems"]),
            ("4", ["Smart factories"], ["- reliable low latency links for plant control", "- core processes"])]

    def draw(c):
        _header(c, 520, (88, 220), ["Item", "Features"], "Helvetica", 9)
        y = 722
        for no, label, points in rows:
            height = 11 * max(len(label), len(points)) + 12
            centre = y - height / 2
            c.drawString(76, centre - 3, no)  # the number ends at 81, 7 points (0.8 em) from its label
            for x, lines in ((88, label), (220, points)):
                first = centre + (len(lines) - 1) * 5.5
                for k, text in enumerate(lines):
                    c.drawString(x, first - 11 * k - 3, text)
            y -= height
            c.line(72, y, 520, y)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "numbers.pdf", draw))
    assert len(frags) == 1
    frag = frags[0]
    assert frag.rows[frag.header_rows:] == [[no, " ".join(label), " ".join(points)] for no, label, points in rows]


def test_an_unruled_table_with_padded_rows_is_one_table_with_its_header(tmp_path):
    """No rule at all (a renderer that drops the cells' borders) and cells padded so that
    rows stand 1.8 em apart, wider than the gap that ends an aligned block: the rows go on
    in the block's columns, so they stay one table; the header, centred over columns whose
    cells are set flush left, puts one chunk in each of them, so it heads the table. The
    running text and the caption above it stay out."""
    rows = [("1 group", "4% or more", ["Beijing, Shanghai, Guangdong"]),
            ("2 group", "3 to 4%", ["Jiangsu, Zhejiang,", "Anhui"]),
            ("3 group", "2 to 3%", ["Shaanxi, Hubei"]),
            ("4 group", "1 to 2%", ["Sichuan, Hunan"])]

    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 770, "The statistics office published the regional figures for the year on Monday.")
        c.drawString(200, 740, "[Table] Regions by R&D intensity")
        for x, text in ((90, "Group"), (176, "Intensity"), (300, "Main regions")):
            c.drawString(x, 710, text)
        top = 708 - 18  # a row's first line's top: the header's foot, then two cells' padding
        for group, share, regions in rows:
            middle = top - 8 - 12 * (len(regions) - 1) / 2  # a one-line cell's baseline
            c.drawString(80, middle, group)
            c.drawString(160, middle, share)
            for k, text in enumerate(regions):
                c.drawString(260, top - 8 - 12 * k, text)
            top -= 12 * (len(regions) - 1) + 10 + 18
        c.drawString(72, top - 20, "Research spending by companies grew faster than that of institutes.")
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "padded.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [["Group", "Intensity", "Main regions"]] + \
        [[group, share, " ".join(regions)] for group, share, regions in rows]


def test_cells_set_closer_than_the_chunk_gap_in_every_row_are_two_columns(tmp_path):
    """Two columns 0.7 em apart in every row (a renderer that drops the borders and keeps
    little padding): no row but the header shows a chunk gap there, but a gap wider than
    any word space in every row is a column gap. A line of two wrapped cells glued together the same way
    ("Antibody  Small cell", the row's number and name centred on the line below) is cut
    where the next column starts."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    indication = 220 + stringWidth("Chemical", "Helvetica", 10) + 7
    rows = [("1", "Sunvozertinib", ["Chemical"], ["Lung cancer"]), ("2", "Garsorasib", ["Chemical"], ["Colon cancer"]),
            ("3", "Serplulimab", ["Chemical"], ["Liver cancer"]), ("4", "Anlotinib", ["Chemical"], ["Sarcoma"]),
            ("5", "Befotertinib", ["Chemical"], ["Lung cancer"]),
            ("6", "Adebrelimab", ["Antibody", "medicine"], ["Small cell", "lung cancer"])]

    def draw(c):
        c.setFont("Helvetica", 10)
        for x, text in ((76, "No"), (100, "Product"), (220, "Type"), (indication, "Indication")):
            c.drawString(x, 740, text)
        y = 720
        for no, name, kind, disease in rows:
            lines = max(len(kind), len(disease))
            middle = y - 11 * (lines - 1) / 2
            c.drawString(76, middle, no)
            c.drawString(100, middle, name)
            for x, cell in ((220, kind), (indication, disease)):
                for k, text in enumerate(cell):
                    c.drawString(x, y - 11 * k, text)
            y -= 11 * (lines - 1) + 18
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "glued.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [["No", "Product", "Type", "Indication"]] + \
        [[no, name, " ".join(kind), " ".join(disease)] for no, name, kind, disease in rows]


def _padded_rows(c, top: float, rows, xs=(76, 100, 220, 300)) -> None:
    """Unruled rows padded 17 points apart, each cell centred: a cell of two lines has its
    lines 20 points apart and the one-line cells beside it on a line between them."""
    for row in rows:
        lines = max(len(cell) if isinstance(cell, list) else 1 for cell in row)
        for x, cell in zip(xs, row):
            cell = cell if isinstance(cell, list) else [cell]
            first = top - 8 - 10 * (lines - len(cell))
            for k, text in enumerate(cell):
                c.drawString(x, first - 20 * k, text)
        top -= 20 * (lines - 1) + 10 + 17


def test_the_first_line_of_a_centred_row_above_the_aligned_block_is_the_rows(tmp_path):
    """A table going on at the head of a page (no header): its first row's name wraps to
    four lines, the other cells centred on a line between the second and the third. The
    name's first two lines are above the block's first line of several chunks; they stand
    in the name column, where no cell of that line reaches, so they are the row's (a
    caption over the table reaches over the cells of the line under it, and stays out)."""
    rows = [["1", ["mobocertinib", "tablets for", "oral use", "(imported)"], "Takeda", "Chemical"],
            ["2", "Garsorasib", "Innovent", "Chemical"],
            ["3", ["Cenotevir and", "Ritonavir"], "Simcere", "Chemical"], ["4", "VV116", "Junshi", "Chemical"]]

    def draw(c):
        c.setFont("Helvetica", 10)
        _padded_rows(c, 780, rows)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "first-line.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [[" ".join(cell) if isinstance(cell, list) else cell for cell in row] for row in rows]


def test_a_header_cell_of_two_lines_centred_beside_the_others_heads_its_column(tmp_path):
    """The header's first cell wraps ("Reg." over "no."), the other header cells on the
    line between: the line above the block's first line of several chunks, in the same
    place as the line under it and as far above as that one is below, is the header's."""
    rows = [["1", "Sunvozertinib", "Dizal", "Chemical"], ["2", "Garsorasib", "Innovent", "Chemical"],
            ["3", "Iparomlimab", "Qilu", "Biologic"], ["4", "VV116", "Junshi", "Chemical"]]

    def draw(c):
        c.setFont("Helvetica", 10)
        _padded_rows(c, 780, [[["Reg.", "no."], "Product", "Company", "Type"]] + rows)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "header-pair.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [["Reg. no.", "Product", "Company", "Type"]] + rows


def test_a_line_of_two_cells_glued_together_is_no_running_text_under_a_ruled_header(tmp_path):
    """Rules above and under the header only; a name's first line and its description's
    line stand 0.6-0.9 em apart, so they make one long chunk starting at the table's left
    side, as a line of running text does. Its words are not all a word space apart, so it
    does not end the rows under the header."""
    rows = [("1", ["Wuhan computing", "centre"],
             ["- the first national platform of the region, open to three hundred institutes",
              "- one centre and four platforms around an industrial cluster"]),
            ("2", ["Dalian computing", "centre"],
             ["- the largest compute in the north-east, on the national network since last year",
              "- use over ninety per cent, two hundred universities and companies"]),
            ("3", ["Tianjin computing", "centre"],
             ["- the first large cluster of the west, serving one hundred and fifty institutes",
              "- seventeen research projects matched with partners"])]

    def draw(c):
        _header(c, 520, (76, 100, 178), ["No", "Platform", "Main points"], "Helvetica", 9)
        top = 722 - 8
        for no, name, points in rows:
            c.drawString(76, top - 9 - 5.5, no)
            for x, lines in ((100, name), (178, points)):
                for k, text in enumerate(lines):
                    c.drawString(x, top - 9 - 11 * k, text)
            top -= 11 + 9 + 16
        c.line(72, top + 8, 520, top + 8)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "glued-prose.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows[frags[0].header_rows:] == [[no, " ".join(name), " ".join(points)] for no, name, points in rows]


def test_a_header_over_a_first_row_whose_middle_cell_wraps_heads_the_padded_table(tmp_path):
    """An unruled table padded 1.7 em under its header: its first row's middle cell wraps
    to two lines and the cells beside it are centred on a line between them, so no single
    line of that row has a cell in every column. The row's lines together do: the header,
    one cell centred over each of those columns, heads the table (with a caption above)."""
    rows = [["Digital", ["AI, blockchain, photonic chips, quantum", "computing"], "Guangdong, Beijing"],
            ["Biology", "Genes, brain science", "Jilin, Yunnan"],
            ["Materials", "New materials", "Inner Mongolia, Jiangxi"],
            ["Industry", "Robots, machine tools", "Jiangsu, Liaoning"]]

    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(180, 770, "[Table] Sectors and their leading regions")
        for x, text in ((80, "Sector"), (190, "Fields"), (340, "Top regions")):
            c.drawString(x, 742, text)
        _padded_rows(c, 740 - 17, rows, xs=(76, 140, 330))
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "wrapped-first-row.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [["Sector", "Fields", "Top regions"]] + \
        [[cell if isinstance(cell, str) else " ".join(cell) for cell in row] for row in rows]


def test_list_marks_set_a_word_space_before_their_items_are_no_column_of_their_own(tmp_path):
    """A column of list items whose marks stand a word space before the items' text, the
    items' next lines hung under their text: no line crosses that space, and the header's
    gap covers it, but a column holding nothing but lone marks that close to the next is
    the marks of that column's lists, not a column."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    rows = [("1", "Hefei centre", [["the first large centre of the province,", "400P of compute"],
                                   ["serves two hundred firms"]]),
            ("2", "Changsha centre", [["built by the province with Huawei"], ["models for machinery"]]),
            ("3", "Chongqing centre", [["pilots for driving and smart cities"]])]

    def draw(c):
        text_x = 200 + stringWidth("•", KO, 10) + 3.2  # (the font is registered by now)
        c.setFont("Helvetica", 10)
        for x, text in ((76, "No"), (100, "Platform"), (280, "Main points")):
            c.drawString(x, 742, text)
        y = 716
        for no, name, items in rows:
            c.drawString(76, y, no)
            c.drawString(100, y, name)
            for item in items:
                c.setFont(KO, 10)
                c.drawString(200, y, "•")
                c.setFont("Helvetica", 10)
                for line in item:
                    c.drawString(text_x, y, line)
                    y -= 12
            y -= 14
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "marks.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [["No", "Platform", "Main points"]] + \
        [[no, name, " ".join("• " + " ".join(item) for item in items)] for no, name, items in rows]
