"""Stream tables: tables drawn without vertical rules, found from aligned words.

Each test draws a small page with reportlab and checks one mechanism of
``extract.tables.stream``: an unruled table, a table ruled by horizontal lines only (with
a two-line header and a header spanning columns), and text that must not become a table
(a paragraph, two columns of running text, an indented list).
"""
from __future__ import annotations

import pdfplumber
import pytest

import extract
from extract.settings import Settings, TableSettings
from extract.tables import find_fragments
from helpers import KO, make_pdf

LOREM = ("The committee reviewed the annual budget and agreed that the research programme "
         "should continue for another three years with the same level of funding while the "
         "new laboratory is being built in the northern part of the campus near the river")


def _paragraph(c, x, y, width_chars, text=LOREM, size=10, leading=13, lines=6):
    words = text.split()
    line = []
    out = []
    while words and len(out) < lines:
        w = words.pop(0)
        if sum(len(t) + 1 for t in line) + len(w) > width_chars:
            out.append(" ".join(line))
            line = []
        line.append(w)
        if not words:
            words = text.split()
    for n, t in enumerate(out):
        c.setFont("Helvetica", size)
        c.drawString(x, y - n * leading, t)
    return y - len(out) * leading


def _fragments(path, **settings):
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[0]
        return find_fragments(page, 1, TableSettings(**settings), None, page.chars)


DATA = [("Country", "2019", "2020", "2021"),
        ("Austria", "12.5", "13.1", "14.0"),
        ("Belgium", "9.8", "10.2", "11.7"),
        ("Czech Republic", "7.1", "7.4", "8.9"),
        ("Denmark", "15.0", "15.6", "16.3"),
        ("Estonia", "4.2", "4.9", "5.5")]


def _draw_unruled(c, top=600):
    _paragraph(c, 72, 760, 95)
    xs = (72, 250, 330, 410)
    for r, row in enumerate(DATA):
        for x, text in zip(xs, row):
            c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 10)
            c.drawString(x, top - r * 16, text)
    _paragraph(c, 72, top - len(DATA) * 16 - 30, 95)
    c.showPage()


def test_unruled_aligned_table_is_found_with_its_cells(tmp_path):
    pdf = make_pdf(tmp_path / "unruled.pdf", _draw_unruled)
    frags = _fragments(pdf)
    assert len(frags) == 1
    frag = frags[0]
    assert frag.method == "stream" and frag.quality["method"] == "stream"
    assert frag.rows == [list(r) for r in DATA]


def test_stream_table_in_the_output_says_stream(tmp_path):
    pdf = make_pdf(tmp_path / "unruled.pdf", _draw_unruled)
    tables = extract.run(pdf).tables
    assert len(tables) == 1
    assert tables[0]["quality"]["method"] == "stream"
    assert tables[0]["header"] + tables[0]["rows"] == [list(r) for r in DATA]


def test_lattice_strategy_leaves_unruled_tables_alone(tmp_path):
    pdf = make_pdf(tmp_path / "unruled.pdf", _draw_unruled)
    assert _fragments(pdf, strategy="lattice") == []
    assert len(_fragments(pdf, strategy="stream")) == 1
    with pytest.raises(ValueError):
        _fragments(pdf, strategy="guess")


def _draw_rules_only(c):
    _paragraph(c, 72, 780, 95, lines=3)
    c.setFont("Helvetica", 10)
    c.drawString(72, 735, "Table 2.   Funding by indicator, 2006")
    c.setLineWidth(0.8)
    c.line(72, 725, 520, 725)  # top rule
    c.setFont("Helvetica", 9)
    c.drawString(340, 713, "Weight")  # spanning header over two columns
    c.line(330, 708, 520, 708)   # rule under the spanning header: part of the header
    c.drawString(72, 698, "Indicator")
    c.drawString(330, 698, "Share of")
    c.drawString(440, 698, "Points in")
    c.drawString(330, 687, "budget")
    c.drawString(440, 687, "2006")
    c.line(72, 680, 520, 680)    # header rule
    body = [("Employment", "40", "12"), ("Further studies", "15", "7"), ("Dropping out", "15", "5"),
            ("Formal teaching qualifications", "11", "3"), ("Staff development", "6", "2")]
    for r, (a, b, d) in enumerate(body):
        y = 666 - r * 14
        c.drawString(72, y, a)
        c.drawString(330, y, b)
        c.drawString(440, y, d)
    c.line(72, 666 - len(body) * 14 + 6, 520, 666 - len(body) * 14 + 6)  # bottom rule
    c.setFont("Helvetica", 8)
    c.drawString(72, 580, "Source: national board of education")
    c.showPage()


def test_table_ruled_by_horizontal_lines_only(tmp_path):
    pdf = make_pdf(tmp_path / "hrules.pdf", _draw_rules_only)
    frags = _fragments(pdf)
    assert len(frags) == 1
    frag = frags[0]
    assert frag.method == "stream" and frag.quality["ruled"] is True
    # The caption above the top rule and the source under the bottom rule stay outside.
    assert all("Table 2" not in t and "Source" not in t for row in frag.rows for t in row)
    # Two header lines merged per column; the spanning header repeated over its columns.
    assert frag.header_rows == 2
    assert frag.rows[0] == ["Indicator", "Weight", "Weight"]
    assert frag.rows[1] == ["Indicator", "Share of budget", "Points in 2006"]
    assert frag.rows[2:] == [["Employment", "40", "12"], ["Further studies", "15", "7"],
                             ["Dropping out", "15", "5"], ["Formal teaching qualifications", "11", "3"],
                             ["Staff development", "6", "2"]]


def test_paragraph_of_body_text_is_not_a_table(tmp_path):
    def draw(c):
        y = _paragraph(c, 72, 760, 95, lines=12)
        # Justified text whose last lines stretch their word spaces: wide gaps that do not
        # line up from one line to the next are not columns.
        c.setFont("Helvetica", 10)
        for k, line in enumerate(["results      were        published      in      the      spring",
                                  "of     the     following    year      after    a   long",
                                  "review    by     three       independent     panels     of",
                                  "experts      from         abroad"]):
            c.drawString(72, y - 20 - k * 13, line)
        c.showPage()
    pdf = make_pdf(tmp_path / "para.pdf", draw)
    assert _fragments(pdf) == []


def test_two_column_page_text_is_not_a_table(tmp_path):
    def draw(c):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 790, "Annual report of the research council")
        _paragraph(c, 72, 760, 44, lines=40)
        _paragraph(c, 320, 760, 44, lines=40, text=LOREM[::-1].title())
        c.setLineWidth(0.5)
        c.line(72, 770, 520, 770)
        c.line(72, 240, 520, 240)
        c.showPage()
    pdf = make_pdf(tmp_path / "twocol.pdf", draw)
    assert _fragments(pdf) == []


def test_indented_list_is_not_a_table(tmp_path):
    def draw(c):
        c.setFont("Helvetica", 10)
        for k in range(6):
            c.drawString(72, 700 - k * 14, f"{k + 1})")
            c.drawString(100, 700 - k * 14, "the council approved the programme for the coming year")
        c.showPage()
    pdf = make_pdf(tmp_path / "list.pdf", draw)
    assert _fragments(pdf) == []


def test_bulletin_settings_keep_the_strategy_switch():
    assert Settings().tables.strategy == "auto"


def test_wrapped_cell_lines_are_merged_into_their_row(tmp_path):
    rows = [("Region", "Description", "Share"),
            ("North", "Hills and forests of the", "12.5"),
            ("", "upper valley", ""),
            ("Centre", "The capital", "40.1"),
            ("South", "Coast and islands", "22.0"),
            ("Total", "", "74.6")]

    def draw(c):
        for r, row in enumerate(rows):
            for x, text in zip((72, 200, 420), row):
                if text:
                    c.setFont("Helvetica", 10)
                    c.drawString(x, 700 - r * 14, text)
        c.showPage()
    pdf = make_pdf(tmp_path / "wrapped.pdf", draw)
    frags = _fragments(pdf)
    assert len(frags) == 1
    assert frags[0].rows == [["Region", "Description", "Share"],
                             ["North", "Hills and forests of the upper valley", "12.5"],
                             ["Centre", "The capital", "40.1"],
                             ["South", "Coast and islands", "22.0"],
                             ["Total", "", "74.6"]]


def _ruled_header(c, xs, labels, right=520):
    """A rule, a header line with ``labels`` at ``xs``, a rule under it (the header of a
    table ruled by horizontal lines only); the table's body starts at y = 706."""
    c.setLineWidth(0.8)
    c.line(72, 725, right, 725)
    c.setFont("Helvetica", 9)
    for x, text in zip(xs, labels):
        c.drawString(x, 712, text)
    c.line(72, 706, right, 706)


def _draw_centred(c):
    """A table ruled by horizontal lines only whose cells are centred vertically, as HTML
    renders print them: the rows are padded, a one-line cell beside a two-line one sits
    half a line down, and a tier cell spanning two rows stands between them."""
    _ruled_header(c, (76, 140, 200, 420), ("Tier", "Rank", "Product", "Score"))
    rows = [("1", ["Cardiac ablation catheter", "with mapping"], "67.6"),
            ("2", ["Insulin pump"], "64.2"),
            ("3", ["Bone density scanner for", "outpatient clinics"], "63.5"),
            ("4", ["Cochlear implant"], "62.4")]
    line_h, pad = 11, 5
    y = 706
    centres = []
    for rank, product, score in rows:
        height = len(product) * line_h + 2 * pad
        centre = y - height / 2
        centres.append(centre)
        c.drawString(140, centre - 3, rank)
        c.drawString(420, centre - 3, score)
        first = centre + (len(product) - 1) * line_h / 2
        for k, text in enumerate(product):
            c.drawString(200, first - k * line_h - 3, text)
        y -= height
    for k, tier in enumerate(("Tier 1", "Tier 2")):
        c.drawString(76, (centres[2 * k] + centres[2 * k + 1]) / 2 - 3, tier)
    c.line(72, y, 520, y)
    c.showPage()


def test_vertically_centred_cells_make_one_row_each(tmp_path):
    pdf = make_pdf(tmp_path / "centred.pdf", _draw_centred)
    frags = _fragments(pdf)
    assert len(frags) == 1
    assert frags[0].rows[frags[0].header_rows:] == [
        ["Tier 1", "1", "Cardiac ablation catheter with mapping", "67.6"],
        ["Tier 1", "2", "Insulin pump", "64.2"],
        ["Tier 2", "3", "Bone density scanner for outpatient clinics", "63.5"],
        ["Tier 2", "4", "Cochlear implant", "62.4"]]


def test_one_row_of_centred_list_cells_under_a_header_rule(tmp_path):
    """Each cell a list of items centred in one tall row: the columns' lines interleave,
    and the row is still one row of a table."""
    cells = [["- robots", "- sensors", "- machine tools"], ["- hydrogen", "- solar"],
             ["- new materials"], ["- space", "- ocean", "- deep sea", "- polar"]]
    xs = (76, 196, 316, 436)

    def draw(c):
        c.setLineWidth(0.8)
        c.line(72, 725, 540, 725)
        c.setFont("Helvetica", 9)
        for x, text in zip(xs, ("Manufacturing", "Energy", "Materials", "Exploration")):
            c.drawString(x, 712, text)
        c.line(72, 706, 540, 706)
        centre = 706 - 30
        for x, items in zip(xs, cells):
            first = centre + (len(items) - 1) * 5.5
            for k, text in enumerate(items):
                c.drawString(x, first - k * 11 - 3, text)
        c.line(72, 646, 540, 646)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "lists.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [["Manufacturing", "Energy", "Materials", "Exploration"],
                             [" ".join(items) for items in cells]]


def test_cells_listing_names_are_not_running_text(tmp_path):
    """Cells of five names each read as a table, though they hold as many words as a line
    of prose: the names are separated by commas."""
    rows = [("Field", "Leading regions", "Main firms"),
            ("Energy", "Tibet, Qinghai, Ningxia, Xinjiang, Mongolia", "Alpha, Beta, Gamma, Delta, Omega"),
            ("Materials", "Jiangxi, Hunan, Anhui, Qinghai, Mongolia", "Kappa, Lambda, Sigma, Tau, Rho"),
            ("Space", "Guizhou, Shaanxi, Liaoning, Beijing, Hebei", "Orion, Vega, Lyra, Draco, Ara"),
            ("Biology", "Jilin, Yunnan, Gansu, Guangxi, Heilongjiang", "Zeta, Eta, Theta, Iota, Mu")]

    def draw(c):
        c.setLineWidth(0.8)
        c.line(72, 725, 540, 725)
        c.setFont("Helvetica", 9)
        for r, row in enumerate(rows):
            for x, text in zip((76, 160, 380), row):
                c.drawString(x, 712 - r * 16, text)
            if r == 0:
                c.line(72, 706, 540, 706)
        c.line(72, 712 - len(rows) * 16 + 6, 540, 712 - len(rows) * 16 + 6)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "names.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [list(r) for r in rows]


def _draw_features(c, header, rows):
    """A table ruled above and under its header (drawn by ``header``): per row a number and
    a label centred beside two bullet lines that start at x = 180."""
    c.setLineWidth(0.8)
    c.line(72, 725, 540, 725)
    c.setFont("Helvetica", 9)
    header(c)
    c.line(72, 706, 540, 706)
    y = 706
    for no, item, lines in rows:
        centre = y - 16
        c.drawString(76, centre - 3, no)
        c.drawString(100, centre - 3, item)
        c.drawString(180, centre + 5.5 - 3, lines[0])
        c.drawString(180, centre - 5.5 - 3, lines[1])
        y -= 32
    c.line(72, y, 540, y)
    c.showPage()


FEATURES = [("1", "Mixed reality", ["- cuts the delay of the downlink and uplink tenfold so that large",
                                     "- live streaming and robots are the fields where it will be used"]),
            ("2", "Passive sensing", ["- connects a hundred billion passive devices with no battery in them",
                                       "- logistics and farming are the first fields that will use it"])]


def _header_at_the_column_starts(c):
    c.drawString(100, 712, "Item")
    c.drawString(180, 712, "Features")


def _header_centred_over_the_columns(c):
    c.drawCentredString(135, 712, "Item")
    c.drawCentredString(360, 712, "Features")


@pytest.mark.parametrize("header", [_header_at_the_column_starts, _header_centred_over_the_columns])
def test_long_bullet_lines_in_a_later_column_are_cells_not_prose(tmp_path, header):
    """Each row: a short label centred beside two long bullet lines. The bullet lines are
    as long as running text, but they start in the third column, so they are the text of
    its cells. That column shows on the header row alone, and the lines that start
    together where it starts support it, and bound it where the header is centred further
    right."""
    frags = _fragments(make_pdf(tmp_path / "features.pdf", lambda c: _draw_features(c, header, FEATURES)))
    assert len(frags) == 1
    assert frags[0].rows == [["", "Item", "Features"]] + \
        [[no, item, " ".join(lines)] for no, item, lines in FEATURES]


def test_korean_cells_wrapped_at_the_column_edge_and_syllables_lining_up(tmp_path):
    """Hangul syllables are all one width, so the word spaces after "폐결절" and "경피적"
    line up: that is no column. A product name cut at the column's edge ("소프트웨|어")
    joins without a space: the edge is where the column's longest line ends, not the middle
    of the gap to the next column."""
    rows = [("1", ["폐결절 AI 진단 소프트웨", "어"], "북경 투이싱의료회사"),
            ("2", ["경피적 대동맥판막 시스템"], "항주 치밍의료회사"),
            ("3", ["수술용 내시경 로봇"], "상해 징펑의료회사")]

    def draw(c):
        c.setLineWidth(0.8)
        c.line(72, 725, 400, 725)
        c.setFont(KO, 9)
        for x, text in zip((76, 100, 260), ("no", "제품명", "기업")):
            c.drawString(x, 712, text)
        c.line(72, 706, 400, 706)
        y = 694
        for no, product, company in rows:
            c.drawString(76, y, no)
            c.drawString(260, y, company)
            for k, text in enumerate(product):
                c.drawString(100, y - 11 * k, text)
            y -= 11 * len(product) + 8
        c.line(72, y + 4, 400, y + 4)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "devices.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [["no", "제품명", "기업"], ["1", "폐결절 AI 진단 소프트웨어", "북경 투이싱의료회사"],
                             ["2", "경피적 대동맥판막 시스템", "항주 치밍의료회사"],
                             ["3", "수술용 내시경 로봇", "상해 징펑의료회사"]]


def test_a_centred_merged_cell_over_three_rows_fills_all_three(tmp_path):
    """A tier spanning two rows stands between them; one spanning three stands on the
    middle row's line. Both fill every row they span."""
    ranks = [("1", "Switzerland", "67.6"), ("2", "Sweden", "64.2"), ("3", "United States", "63.5"),
             ("4", "United Kingdom", "62.4"), ("5", "Singapore", "61.5")]

    def draw(c):
        _ruled_header(c, (76, 140, 200, 420), ("Tier", "Rank", "Country", "Score"))
        pitch = 18
        centres = [706 - pitch / 2 - k * pitch for k in range(len(ranks))]
        for centre, row in zip(centres, ranks):
            for x, text in zip((140, 200, 420), row):
                c.drawString(x, centre - 3, text)
        c.drawString(76, (centres[0] + centres[1]) / 2 - 3, "Tier 1")
        c.drawString(76, centres[3] - 3, "Tier 2")
        c.line(72, 706 - len(ranks) * pitch, 520, 706 - len(ranks) * pitch)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "tiers.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows[frags[0].header_rows:] == [["Tier 1", *ranks[0]], ["Tier 1", *ranks[1]]] + \
        [["Tier 2", *r] for r in ranks[2:]]


def test_centred_merged_cells_on_one_row_each_fill_their_spans(tmp_path):
    """Tiers over 1, 3 and 3 ranks, each tier's text on its middle rank's line: no line
    stands between rows, yet the tiers tile the column only as spans centred on their text."""
    ranks = [str(k) for k in range(1, 8)]
    tiers = {0: "Tier 1", 2: "Tier 2", 5: "Tier 3"}

    def draw(c):
        c.setLineWidth(0.8)
        c.line(72, 725, 520, 725)
        c.setFont("Helvetica", 9)
        for x, text in zip((76, 140, 200), ("Tier", "Rank", "Score")):
            c.drawString(x, 712, text)
        c.line(72, 706, 520, 706)
        for k, rank in enumerate(ranks):
            y = 694 - 16 * k
            c.drawString(140, y, rank)
            c.drawString(200, y, f"{70 - 3 * k}.0")
            if k in tiers:
                c.drawString(76, y, tiers[k])
        c.line(72, 694 - 16 * len(ranks) + 8, 520, 694 - 16 * len(ranks) + 8)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "tiers-odd.pdf", draw))
    assert len(frags) == 1
    assert [row[0] for row in frags[0].rows[frags[0].header_rows:]] == \
        ["Tier 1"] + ["Tier 2"] * 3 + ["Tier 3"] * 3


def test_a_header_centred_over_short_values_stays_over_its_column(tmp_path):
    """Headers centred over wide columns whose values are short and aligned left stand
    clear of the values; each still heads its own column."""
    header = ("Code", "Country", "Capital")
    body = [("AT", "Austria", "Vienna"), ("BE", "Belgium", "Brussels"), ("CZ", "Czechia", "Prague"),
            ("DK", "Denmark", "Copenhagen")]

    def draw(c):
        c.setLineWidth(0.8)
        c.line(72, 725, 520, 725)
        c.setFont("Helvetica", 9)
        for left, text in zip((72, 222, 372), header):
            c.drawCentredString(left + 75, 712, text)
        c.line(72, 706, 520, 706)
        for k, row in enumerate(body):
            for left, text in zip((72, 222, 372), row):
                c.drawString(left + 4, 694 - 14 * k, text)
        c.line(72, 694 - 14 * len(body) + 6, 520, 694 - 14 * len(body) + 6)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "centred-header.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [list(header)] + [list(r) for r in body]


def _shaded_header(c, boxes, header):
    """A header row of grey boxes (x0, x1) side by side at y 700-712, each label inside."""
    c.setFont("Helvetica", 9)
    c.setFillGray(0.85)
    for x0, x1 in boxes:
        c.rect(x0, 700, x1 - x0, 12, stroke=0, fill=1)
    c.setFillGray(0)
    for (x0, _), text in zip(boxes, header):
        c.drawString(x0 + 2, 703, text)


def test_table_with_a_shaded_header_and_no_rules_takes_its_columns_from_the_boxes(tmp_path):
    """No rule anywhere, the header's cells drawn as shaded boxes side by side, cells set
    so close that a value runs into the next column's: the boxes give the columns, and
    the table ends at the note under it."""
    boxes = [(72, 118), (121, 240), (243, 330), (333, 440)]
    header = ["No", "Product", "Type", "Indication"]
    body = [["1", "Sunvozertinib", "Chemical drug", "Lung cancer"],
            ["2", "Iparomlimab", "Biological product", "Cervical cancer"],
            ["3", "Garsorasib", "Chemical drug", "Colorectal cancer"]]

    def draw(c):
        _shaded_header(c, boxes, header)
        for k, row in enumerate(body):
            for (x0, _), text in zip(boxes, row):
                c.drawString(x0 + 2, 680 - 20 * k, text)
        c.drawString(72, 610, "* Note: two of the products were approved in the same week")
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "shaded.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [header] + body
    assert frags[0].header_rows == 1


def test_shaded_header_boxes_as_tall_as_their_own_text_are_one_band(tmp_path):
    """LibreOffice shades a header cell's text, not the cell: a label set on two lines gets
    a taller box, an empty cell a sliver; the boxes share their middle, not their top."""
    header = ["", "Item", "Features"]
    body = [["1", "Latency", "Ten times lower"], ["2", "Sensing", "Radar built in"]]

    def draw(c):
        c.setFont("Helvetica", 9)
        c.setFillGray(0.85)
        c.rect(72, 704.5, 14, 2.5, stroke=0, fill=1)      # the empty first cell: a sliver
        c.rect(89, 700, 100, 12, stroke=0, fill=1)
        c.rect(192, 694, 200, 24, stroke=0, fill=1)       # a label on two lines
        c.setFillGray(0)
        c.drawString(91, 703, "Item")
        c.drawString(194, 708, "Features")
        for k, row in enumerate(body):
            for x0, text in zip((74, 91, 194), row):
                c.drawString(x0, 676 - 20 * k, text)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "slivers.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [header] + body


def test_cells_set_close_enough_to_read_as_one_run_stay_in_the_table(tmp_path):
    """Under a shaded header, a row whose cells nearly touch reads as one run of words; it
    parts at the columns (gaps there, one wider than its word spaces), so it is a row. A
    line of running text under the table, evenly spaced across the columns, is not."""
    boxes = [(72, 140), (143, 290), (293, 440)]
    header = ["Field", "Sub-fields", "Top regions"]
    body = [["Information", "AI, blockchain, chips", "Beijing, Shanghai"],
            ["Biotechnology", "Genomics, brain science, neurology", "Jilin, Yunnan"],
            ["Energy", "Hydrogen, solar, wind, nuclear power", "Tibet, Qinghai"]]

    def draw(c):
        _shaded_header(c, boxes, header)
        c.drawString(74, 680, body[0][0])
        c.drawString(145, 680, body[0][1])
        c.drawString(295, 680, body[0][2])
        # the second row: each cell's text runs up to its column's edge, 6-7 pt from the next
        c.drawRightString(139, 660, body[1][0])
        c.drawString(145, 660, body[1][1])
        c.drawString(295, 660, body[1][2])
        # the third: the middle cell's text runs on to a word space from the last one's
        c.drawRightString(139, 645, body[2][0])
        c.drawRightString(292, 645, body[2][1])
        c.drawString(295, 645, body[2][2])
        c.drawString(74, 615, "The regions with the most companies in each field are listed above for reference")
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "close.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [header] + body


def test_a_row_of_a_number_and_a_label_set_close_stays_in_the_table(tmp_path):
    """A row's number and label are two words a little more than a word space apart, one
    either side of a column boundary, with nothing else on their line (the third cell's
    two lines lie above and below it): the row goes on."""
    boxes = [(72, 84), (87, 200), (203, 440)]

    def draw(c):
        c.setFont("Helvetica", 9)
        c.setFillGray(0.85)
        for x0, x1 in boxes:
            c.rect(x0, 700, x1 - x0, 12, stroke=0, fill=1)
        c.setFillGray(0)
        c.drawString(89, 703, "Item")
        c.drawString(205, 703, "Features")
        for k, (no, label, lines) in enumerate([("1", "Mixed reality", ["- Ten times the bandwidth"]),
                                               ("2", "Vehicles", ["- Sensing built into the network",
                                                                        "- Roads that talk to cars"])]):
            y = 680 - 40 * k
            c.drawRightString(84, y, no)
            c.drawString(89, y, label)
            if len(lines) == 1:
                c.drawString(205, y, lines[0])
            else:
                c.drawString(205, y + 5, lines[0])
                c.drawString(205, y - 5, lines[1])
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "numbered.pdf", draw))
    assert len(frags) == 1
    assert [r[:2] for r in frags[0].rows] == [["", "Item"], ["1", "Mixed reality"], ["2", "Vehicles"]]


def test_one_row_of_centred_list_cells_set_with_paragraph_spacing(tmp_path):
    """Each cell a list of items, one paragraph each, all lines equally far apart and each
    cell centred on the row, so one column's lines fall between another's: no gap between
    rows shows anywhere, and the table is one row."""
    header = ["Energy", "Industry", "Space"]
    cells = [["- Hydrogen", "- Solar", "- Biomass", "- Wind"], ["- Robots", "- Machine tools"],
             ["- Satellites", "- Launchers", "- Ground segment"]]
    xs = [72, 198, 324]

    def draw(c):
        c.setFont("Helvetica", 9)
        c.setFillGray(0.85)
        for x in xs:
            c.rect(x - 2, 700, 120, 12, stroke=0, fill=1)
        c.setFillGray(0)
        for x, text in zip(xs, header):
            c.drawString(x, 703, text)
        step, middle = 17.2, 640
        for x, items in zip(xs, cells):
            first = middle + step * (len(items) - 1) / 2
            for k, item in enumerate(items):
                c.drawString(x, first - step * k, item)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "lists.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [header, [" ".join(items) for items in cells]]


def test_centred_row_whose_two_text_cells_both_wrap(tmp_path):
    """Both text cells of a row wrap to two lines, the number centred between them: the
    two lines that fill both text columns are one row's lines, not two rows."""
    rows = [("1", ["Self-supervised", "learning"],
             ["- learns from raw sensor data with no labels", "and finds unknown obstacles"]),
            ("2", ["Driving"],
             ["- doubles the distance between interventions", "- handles ninety per cent of city roads"])]

    def draw(c):
        c.setLineWidth(0.8)
        c.line(72, 725, 520, 725)
        c.setFont("Helvetica", 9)
        c.drawString(100, 712, "Item")
        c.drawString(200, 712, "Features")
        c.line(72, 706, 520, 706)
        y = 706
        for no, item, detail in rows:
            centre = y - 16
            c.drawString(76, centre - 3, no)
            for x, lines in ((100, item), (200, detail)):
                first = centre + (len(lines) - 1) * 5.5
                for k, text in enumerate(lines):
                    c.drawString(x, first - 11 * k - 3, text)
            y -= 32
        c.line(72, y, 520, y)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "both-wrap.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows[frags[0].header_rows:] == [[no, " ".join(item), " ".join(detail)] for no, item, detail in rows]


def _centred_part(c, top, rows, header=True, bottom_rule=True):
    """Rows of centred cells under a ruled header; the lines of a cell are set a little
    unevenly (10.5 and 11.3 points apart), as line boxes with fallback glyphs are."""
    c.setLineWidth(0.8)
    c.line(72, top, 540, top)
    c.setFont("Helvetica", 9)
    c.drawString(100, top - 13, "Platform")
    c.drawString(250, top - 13, "Main points")
    c.line(72, top - 19, 540, top - 19)
    y = top - 19
    for no, name, points in rows:
        n = max(len(name), len(points))
        height = 11 * n + 10
        centre = y - height / 2
        c.drawString(76, centre - 3, no)
        for x, lines in ((100, name), (250, points)):
            first = centre + (len(lines) - 1) * 5.5
            offset = 0.0
            for k, text in enumerate(lines):
                c.drawString(x, first - offset - 3, text)
                offset += 10.5 if k % 2 == 0 else 11.3
        y -= height
    if bottom_rule:
        c.line(72, y, 540, y)


def test_a_table_starting_at_the_foot_of_a_page_with_one_centred_row(tmp_path):
    """Only the header and one row of centred cells fit at the foot of the first page:
    that row is read as one row and the table goes on over the next page."""
    first = [("1", ["Wuhan computing", "centre"],
              ["- the first public platform of the region", "- serves three hundred institutes"])]
    rest = [("2", ["Dalian computing", "centre"], ["- the largest in the north-east", "- joined the national network"]),
            ("3", ["Xian computing", "centre"],
             ["- the first large cluster in the west", "- trains a thousand experts"])]

    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 760, "- The ministry named nine public computing platforms this week.")
        c.drawCentredString(300, 148, "<Nine national computing platforms>")
        _centred_part(c, 140, first, bottom_rule=False)
        c.showPage()
        _centred_part(c, 780, rest)
        c.setFont("Helvetica", 10)
        c.drawString(72, 560, "- The platforms open to universities next year.")
        c.showPage()

    bulletin = extract.run(make_pdf(tmp_path / "foot.pdf", draw))
    assert len(bulletin.tables) == 1
    table = bulletin.tables[0]
    assert table["pages"] == [1, 2]
    assert table["rows"] == [[no, " ".join(name), " ".join(points)] for no, name, points in first + rest]


def test_one_ruled_row_whose_number_is_set_close_to_its_label(tmp_path):
    """A table ruled by horizontal lines only, with one row (the rest of it overleaf): the
    row number stands a little more than a word space before its label, on a line of its
    own between the description cell's two lines. One line is all that shows the number's
    column, and a lone row number left of the gap is enough to take it as one."""
    def draw(c):
        c.setLineWidth(0.5)
        for y in (720, 702, 660):
            c.line(60, y, 500, y)
        c.setFont("Helvetica", 9)
        c.drawString(110, 708, "Item")
        c.drawString(300, 708, "Features")
        c.drawString(72, 678, "1")
        c.drawString(83, 678, "Blade design")
        c.drawString(190, 688, "- Six blades as thin as a hair open and close the iris")
        c.drawString(190, 668, "- A Hall sensor finds where the blades stand")
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "one_row.pdf", draw))
    assert len(frags) == 1
    assert [r[:2] for r in frags[0].rows] == [["", "Item"], ["1", "Blade design"]]


def test_unruled_rows_whose_long_cells_wrap_to_lines_of_their_own(tmp_path):
    """No rules; two rows whose description cells wrap to four and three lines, the row
    number and label beside them on their second line: one line of two chunks per
    row, the header's cells centred away from the columns' edges. The description's other
    lines start where that row's cell starts; one row showing it is enough to keep them in
    the table (three such lines in a row used to end it)."""
    rows = [("1", "Blade design", ["- Six blades as thin as a hair", "- Fixed and moving parts",
                                   "- A Hall sensor finds the blades", "- Ten steps of aperture"]),
            ("2", "Software", ["- Four steps set by the camera", "- AI reads the light",
                               "- The subject sets the opening"])]

    def draw(c):
        c.setFont("Helvetica", 9)
        c.drawString(110, 700, "Item")
        c.drawString(300, 700, "Features")
        y = 682
        for no, label, lines in rows:
            for k, text in enumerate(lines):
                c.drawString(190, y, text)
                if k == 1:
                    c.drawString(72, y, no)
                    c.drawString(83, y, label)
                y -= 11
            y -= 7
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "wrapped.pdf", draw))
    assert len(frags) == 1
    table = frags[0].rows
    assert table[0] == ["", "Item", "Features"]
    assert [r[:2] for r in table if r[0]] == [["1", "Blade design"], ["2", "Software"]]
    text = " ".join(r[2] for r in table)
    assert all(line in text for _, _, lines in rows for line in lines)


def test_a_header_repeated_over_the_end_of_a_row_broken_by_the_page_is_the_tables(tmp_path):
    """A page that opens with a table's header repeated (labels centred over columns whose
    cells are flush left) over the end of a row the page broke, text in two of its four
    columns only, the rows set far apart (more than one and a half lines' height between
    them): the header stands over the rows below that one, and is the table's."""
    header = ["No", "Product", "Company", "Indication"]
    rows = [["", "", "Biologic", "diarrhoea"], ["19", "Orfosbuvir", "Nanjing Pharma", "hepatitis C"],
            ["20", "Zuberitamab", "Zhejiang Bio", "lymphoma"], ["21", "Befotertinib", "Hangzhou Pharma", "lung cancer"]]
    xs, widths = [72, 100, 220, 340], [24, 110, 110, 110]

    def draw(c):
        c.setFont("Helvetica", 10)
        for x, w, text in zip(xs, widths, header):
            c.drawString(x + (w - c.stringWidth(text, "Helvetica", 10)) / 2, 760, text)
        for k, row in enumerate(rows):
            for x, text in zip(xs, row):
                c.drawString(x, 733 - 27 * k, text)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "repeated-header.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [header] + rows


@pytest.mark.parametrize("shift", [0.0, 1e-5, -1e-5])
def test_a_shaded_header_whose_label_box_starts_1pt_above_it_reads_the_same_at_any_rounding(tmp_path, shift):
    """LibreOffice sets a label stacked one letter a line ('n' over 'o') in a tall shaded
    box whose top lies exactly 1 pt under the label's glyph box. Whether the box's top is
    a rule inside the table's text rows (then the header rule, with nothing over it) was
    decided by 1e-5 pt: pdfium sums a rectangle's corner in single precision and lost the
    table's only body row on the farm's r41-0171 page 8. Moved by 1e-5 pt either way, the
    table reads the same."""
    header = ["no", "Product", "Company", "Indication"]
    body = ["1", "Patient care kit", "Comen Medical", "Lung cancer"]

    def draw(c):
        c.setFont("Helvetica", 10)
        label_top = 700 + 7.93  # Helvetica's box: 2.07 pt under the baseline, 10 pt tall
        box_top = label_top - 1 + shift
        c.setFillGray(0.85)
        c._code.append(f"72 {box_top - 30:.6f} 14 30 re f")  # written to the 1e-6 pt
        middle = box_top - 15
        for x0, x1 in ((90, 200), (204, 320), (324, 440)):
            c.rect(x0, middle - 6, x1 - x0, 12, stroke=0, fill=1)
        c.setFillGray(0)
        c.drawString(74, 700, "n")
        c.drawString(74, 683, "o")
        for x0, text in zip((92, 206, 326), header[1:]):
            c.drawString(x0, middle - 3.5, text)
        for x0, text in zip((74, 92, 206, 326), body):
            c.drawString(x0, 640, text)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "stacked-label.pdf", draw))
    assert [f.rows for f in frags] == [[header, body]]


def test_clearly_between_leaves_out_values_on_a_bound_to_within_rounding():
    from extract.glyphs.geometry import SAME_POINT, clearly_between

    assert clearly_between(10.0, 10.5, 11.0)
    for noise in (0.0, 1e-5, -1e-5, SAME_POINT / 2):
        assert not clearly_between(10.0, 10.0 + noise, 11.0)
        assert not clearly_between(10.0, 11.0 + noise, 11.0)
    assert clearly_between(10.0, 10.0 + 2 * SAME_POINT, 11.0)


def test_a_bold_header_heads_a_small_unruled_table(tmp_path):
    """No rules, no shading: the header's names set in bold (as Chromium and WeasyPrint
    print a ``th``) over two rows whose descriptions wrap to bullet lines, the row number
    and label centred beside them (a label wrapped to two lines, the number between them).
    The bold line is the header, and a header over two such rows is a table (without it the
    labels are of mixed length and the descriptions read as running text: refused)."""
    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 760, "The aperture moves in ten steps, set by the camera from the light it reads.")
        c.setFont("Helvetica-Bold", 9)
        c.drawString(110, 730, "Item")
        c.drawString(330, 730, "Features")
        c.setFont("Helvetica", 9)
        c.drawString(84, 712, "Structure and blade")
        c.drawString(210, 712, "- Fixed and moving parts hold six blades as thin as a hair")
        c.drawString(72, 706.5, "1")
        c.drawString(84, 701, "design")
        c.drawString(210, 701, "- A Hall sensor tells where the blades open and close")
        c.drawString(210, 684, "- The camera sets four steps of aperture once a model is chosen")
        c.drawString(72, 673, "2  Software")
        c.drawString(210, 673, "- AI reads the subject and the light in the scene and sets")
        c.drawString(210, 662, "the opening")
        c.setFont("Helvetica", 10)
        c.drawString(72, 636, "The network fuses camera and radar signals to find obstacles it has never seen.")
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "bold-header.pdf", draw))
    assert len(frags) == 1
    assert frags[0].header_rows == 1
    assert frags[0].rows == [
        ["", "Item", "Features"],
        ["1", "Structure and blade design", "- Fixed and moving parts hold six blades as thin as a hair "
                                            "- A Hall sensor tells where the blades open and close"],
        ["2", "Software", "- The camera sets four steps of aperture once a model is chosen "
                          "- AI reads the subject and the light in the scene and sets the opening"]]


def test_the_last_lines_of_centred_list_cells_below_every_other_line_stay_in_the_row(tmp_path):
    """No rules: a bold header over one row of six list cells, each centred in the row, so
    the columns' lines interleave half a line apart and the longest lists' last lines
    stand below every line of two cells or more. Each reaches up into the line above it,
    beside it, not under it: they are the row's (the block ended at its last line of two
    cells, and they were lost)."""
    cells = [["- AI", "- chain", "- VR, AR", "- chips", "- networks", "- satellite", "- quantum"],
             ["- hydrogen", "- solar", "- biomass", "- wind", "- nuclear", "- other"],
             ["- robots", "- smart", "- tools"], ["- metal", "- glass"],
             ["- space", "- ocean", "- engines", "- polar"], ["- bio", "- genes", "- brain", "- cells"]]
    heads = ["Info", "Energy", "Making", "Matter", "Space", "Life"]
    xs = (72, 142, 212, 282, 352, 422)

    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 770, "Six fields of future industry and the technologies under each of them.")
        c.setFont("Helvetica-Bold", 9)
        for x, text in zip(xs, heads):
            c.drawString(x, 740, text)
        c.setFont("Helvetica", 9)
        centre = 690
        for x, items in zip(xs, cells):
            first = centre + (len(items) - 1) * 5.5
            for k, text in enumerate(items):
                c.drawString(x, first - k * 11, text)
        c.setFont("Helvetica", 10)
        c.drawString(72, 630, "Most of the firms counted work in the information and the life sciences fields.")
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "interleaved.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [heads, [" ".join(items) for items in cells]]


def test_two_header_names_set_closer_than_the_chunk_gap_are_two_cells(tmp_path):
    """A table ruled above and under its header whose second and third names stand less
    than the chunk gap apart, though further than a word space, with the column boundary
    between them: two names, not one spanning both columns (read as one, it was repeated
    over both and the header took two rows)."""
    header = ["Company", "Founded", "Activities", "City"]
    rows = [["Zhipu", "2019.6", "bilingual dialogue model released", "Beijing"],
            ["MiniMax", "2021.12", "language model product launched", "Shanghai"],
            ["Baichuan", "2023.4", "open source model of 7 billion", "Beijing"]]
    xs = (76, 170, 216, 440)

    def draw(c):
        c.setLineWidth(0.8)
        c.line(72, 725, 520, 725)
        c.setFont("Helvetica-Bold", 9)
        for x, text in zip(xs, header):
            c.drawString(x, 712, text)
        c.line(72, 706, 520, 706)
        c.setFont("Helvetica", 9)
        for r, row in enumerate(rows):
            for x, text in zip(xs, row):
                c.drawString(x, 694 - 18 * r, text)
            c.line(72, 688 - 18 * r, 520, 688 - 18 * r)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "close-names.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [header] + rows


def test_rows_whose_label_sits_half_a_line_beside_its_description_lines(tmp_path):
    """No rules: under a bold header, each row's number and label (one run of words, set
    close) centred beside two bullet lines, half a line below the first and above the
    second. No line holds two cells, but each label line reaches into the lines beside it
    without touching their words: the lines stand side by side, cells of one row (the
    table was not found: a block wants lines of two chunks)."""
    rows = [("1", "Mixed reality", ["- cuts the downlink delay tenfold for large scale use",
                                     "- live streaming and robots will use it first"]),
            ("2", "Sensing", ["- connects a hundred billion devices with no battery",
                               "- logistics and farming will use it first"]),
            ("3", "Connected cars", ["- base stations sense the road around them as well",
                                      "- cooperative vehicle systems will use it first"]),
            ("4", "Smart factories", ["- very reliable links with a short delay for control",
                                       "- production lines will use it first"])]

    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 770, "The new network brings five technologies to the fields listed below.")
        c.setFont("Helvetica-Bold", 9)
        c.drawString(100, 740, "Item")
        c.drawString(320, 740, "Features")
        c.setFont("Helvetica", 9)
        y = 722
        for no, label, lines in rows:
            c.drawString(72, y - 5.5, f"{no}  {label}")
            c.drawString(180, y, lines[0])
            c.drawString(180, y - 11, lines[1])
            y -= 28
        c.setFont("Helvetica", 10)
        c.drawString(72, y - 10, "Each of them is to be tried in the field before the end of the next year.")
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "beside.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [["", "Item", "Features"]] + [[no, label, " ".join(lines)] for no, label, lines in rows]


def test_the_wrapped_last_line_of_a_description_set_beside_its_label_stays_in_the_table(tmp_path):
    """As above, the last row's second bullet wrapped to a third line, under every other
    line of the table: it starts where the description lines set beside the labels start
    (a later column), so it goes on in the table (it was dropped as a line after it)."""
    rows = [("1", "Mixed reality", ["- cuts the downlink delay tenfold for large scale use",
                                     "- live streaming and robots will use it first"]),
            ("2", "Sensing", ["- connects a hundred billion devices with no battery",
                               "- logistics and farming will use it first"]),
            ("3", "Smart factories", ["- very reliable links with a short delay for control",
                                       "- production lines, power plants and farms of the", "north"])]

    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 770, "The new network brings five technologies to the fields listed below.")
        c.setFont("Helvetica-Bold", 9)
        c.drawString(100, 740, "Item")
        c.drawString(320, 740, "Features")
        c.setFont("Helvetica", 9)
        y = 722
        for no, label, lines in rows:
            c.drawString(72, y - 5.5, f"{no}  {label}")
            for k, text in enumerate(lines):
                c.drawString(180, y - 11 * k, text)
            y -= 28
        c.setFont("Helvetica", 10)
        c.drawString(72, y - 20, "Each of them is to be tried in the field before the end of the next year.")
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "beside-wrap.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [["", "Item", "Features"]] + [[no, label, " ".join(lines)] for no, label, lines in rows]


def _scores_under_a_bold_header(c, xs, header, ranks, header_y, first_y, step):
    """A sentence, a bold header at ``xs`` and under it one line a rank (rank, country,
    score) from the second column on, ``step`` apart: the tier column is the test's own."""
    c.setFont("Helvetica", 10)
    c.drawString(72, 770, "The scores of the leading countries in the index of this year are below.")
    c.setFont("Helvetica-Bold", 9)
    for x, text in zip(xs, header):
        c.drawString(x, header_y, text)
    c.setFont("Helvetica", 9)
    for k, row in enumerate(ranks):
        for x, text in zip(xs[1:], row):
            c.drawString(x, first_y - step * k, text)


def test_a_merged_cell_centred_between_two_rows_on_a_line_of_its_own_spans_both(tmp_path):
    """A table's part at a page's foot: a bold header over two one-line rows, the tier
    beside them centred between their lines, on a line of its own reaching into theirs. It
    is the cell of both rows (it was a row of its own, the two rows' tier left blank)."""
    header = ["Tier", "Rank", "Country", "Score"]
    ranks = [("1", "America", "72.23"), ("2", "China", "55.20")]
    xs = (76, 160, 240, 380)

    def draw(c):
        _scores_under_a_bold_header(c, xs, header, ranks, 740, 722, 14)
        c.drawString(76, 715, "Tier 1")
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "tiers.pdf", draw))
    assert len(frags) == 1
    assert frags[0].rows == [header] + [["Tier 1", *row] for row in ranks]


def test_a_header_name_wider_than_its_column_of_row_numbers_spans_nothing(tmp_path):
    """A bold header wrapped to two lines over a narrow column of row numbers: its first
    line is wider than the numbers and reaches past the boundary half way to the next
    column, but ends before that column's text starts. It names the first column only (it
    was read as spanning both, and the header took two rows)."""
    header = ["No.", "Product", "Company", "Type"]
    rows = [("1", "Mobocertinib", "Takeda", "chemical"), ("2", "Ritonavir", "Hainan Pharma", "chemical"),
            ("3", "Adebrelimab", "Hengrui", "biologic"), ("4", "Keverprazan", "Nanjing Pharma", "chemical")]
    xs = (76, 112, 230, 360)

    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 770, "The new drugs approved in the first half of the year are listed below.")
        c.setFont("Helvetica-Bold", 9)
        c.drawString(72, 748, "Regist.")
        c.drawString(76, 728, "No.")
        for x, text in zip(xs[1:], header[1:]):
            c.drawString(x, 738, text)
        c.setFont("Helvetica", 9)
        for k, row in enumerate(rows):
            for x, text in zip(xs, row):
                c.drawString(x, 708 - 16 * k, text)
        c.setFont("Helvetica", 10)
        c.drawString(72, 640, "Most of them treat cancers, and two of them are biologics made at home.")
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "narrow-first.pdf", draw))
    assert len(frags) == 1
    assert frags[0].header_rows == 1
    assert frags[0].rows == [["Regist. No.", *header[1:]]] + [list(r) for r in rows]


def test_tiers_wrapped_to_two_lines_beside_ranks_under_a_bold_header(tmp_path):
    """A bold header over ranks set far apart, each tier wrapped to two lines centred on the
    middle rank of its span, the first tier's first line right under the header: the
    header is a line of the rows' centred reading, and the tiers fill their spans (read
    without it, each tier line was a row of its own)."""
    header = ["Tier", "Rank", "Country", "Score"]
    ranks = [("1", "America", "70.18"), ("2", "China", "49.87"), ("3", "Japan", "46.30"),
             ("4", "Germany", "45.02"), ("5", "Singapore", "34.77"), ("6", "Australia", "33.26"),
             ("7", "Norway", "31.40")]
    tiers = [("1", 0), ("2", 2), ("3", 5)]  # (tier, the rank its two lines stand beside)
    xs = (72, 110, 160, 240)

    def draw(c):
        _scores_under_a_bold_header(c, xs, header, ranks, 751, 720, 23)
        for tier, k in tiers:
            c.drawString(72, 720 - 23 * k + 8, tier)
            c.drawString(72, 720 - 23 * k - 8, "tier")
        c.setFont("Helvetica", 10)
        c.drawString(72, 520, "America leads alone, and the rest follow in the second and third tiers.")
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "wrapped-tiers.pdf", draw))
    assert len(frags) == 1
    assert frags[0].header_rows == 1
    tier_of = ["1 tier"] + ["2 tier"] * 3 + ["3 tier"] * 3
    assert frags[0].rows == [header] + [[t, *row] for t, row in zip(tier_of, ranks)]


_DRUG_XS = [60, 100, 210, 330, 386]  # the last two columns set closer than a chunk gap
_DRUG_RIGHT = 470


def _drug_part(c, top, rows, caption=None, xs=_DRUG_XS):
    """An unruled table part as a word processor lays it out: the header's first label
    wrapped to two lines ("등록" / "일") and centred beside the one-line labels, rows padded
    more than one and a half lines apart, the last two columns' texts less than a chunk
    gap apart ("화학의약품 폐암" reads as one run)."""
    if caption:
        c.setFont(KO, 10)
        c.drawCentredString(280, top + 30, caption)
    c.setFont(KO, 10)
    labels = ["제품명", "기업", "유형", "적응증"]
    edges = xs[1:] + [_DRUG_RIGHT]
    c.drawCentredString(80, top, "등록")
    c.drawCentredString(80, top - 22, "일")
    for x0, x1, text in zip(edges, edges[1:], labels):
        c.drawCentredString((x0 + x1) / 2, top - 11, text)
    y = top - 22 - 28
    for row in rows:
        for x, text in zip(xs, row):
            c.drawString(x, y, text)
        y -= 28


#: The first and next rows of a drug table drawn over two pages (tests below).
_FIRST_THREE = [["1", "모보서티닙", "다케다 제약회사", "화학의약품", "비소세포폐암"],
                ["2", "세노테비르", "하이난 셴성제약", "화학의약품", "코로나 감염증"],
                ["3", "브이브이", "상하이 왕스제약", "화학의약품", "코로나 감염증"]]
_NEXT_THREE = [["4", "케버프라잔", "난징 커페이핑제약", "화학의약품", "십이지장 궤양"],
               ["5", "아데브렐리맙", "쑤저우 성디야제약", "생물제제", "소세포폐암"],
               ["6", "글루메티닙", "장쑤 하이허제약", "화학의약품", "비소세포폐암"]]


def _drugs_over_two_pages(path, top, first, rest, xs=None):
    """A lead, then a captioned drug table's first part from ``top`` down; overleaf its next
    part atop the page, then a lead. Returns the extracted bulletin."""
    kw = {} if xs is None else {"xs": xs}

    def draw(c):
        c.setFont(KO, 10)
        c.drawString(60, 760, "- 국가약품감독관리국은 상반기에 신약 스무 종의 시판을 승인했다.")
        _drug_part(c, top, first, caption="< 상반기 출시된 신약 리스트 >", **kw)
        c.showPage()
        _drug_part(c, 780, rest, **kw)
        c.setFont(KO, 10)
        c.drawString(60, 560, "- 그 외 해외 기업의 신약 두 종이 승인되었다.")
        c.showPage()

    return extract.run(make_pdf(path, draw))


def test_a_wrapped_header_under_its_caption_and_repeated_atop_the_next_page_is_the_tables(tmp_path):
    """The header of an unruled table whose first label wraps to lines of their own (too
    few chunks to start an aligned block) stands between the caption and the rows: it is the
    table's, and so is its repeat at the top of the next page; the table goes on there."""
    bulletin = _drugs_over_two_pages(tmp_path / "drugs.pdf", 250, _FIRST_THREE, _NEXT_THREE)
    assert len(bulletin.tables) == 1
    table = bulletin.tables[0]
    assert table["caption"] == "상반기 출시된 신약 리스트"
    assert table["pages"] == [1, 2]
    assert [["".join(cell.split()) for cell in row] for row in table["header"]] == [["등록일", "제품명", "기업", "유형",
                                                                                      "적응증"]]
    assert table["rows"] == _FIRST_THREE + _NEXT_THREE


def test_a_caption_header_and_one_row_at_a_page_foot_start_the_table_that_goes_on_overleaf(tmp_path):
    """Only the header and one row of an unruled table fit under its caption at the foot
    of the page (two aligned rows, fewer than a table needs elsewhere): under a caption they
    are the table's first part, and the part overleaf goes on with it."""
    first = _FIRST_THREE[:1]
    rest = [_FIRST_THREE[1], ["3"] + _NEXT_THREE[0][1:], ["4"] + _NEXT_THREE[1][1:]]
    xs = _DRUG_XS[:4] + [392]  # the last two columns a chunk gap apart: the header heads the row
    bulletin = _drugs_over_two_pages(tmp_path / "foot.pdf", 120, first, rest, xs=xs)
    assert len(bulletin.tables) == 1
    table = bulletin.tables[0]
    assert table["caption"] == "상반기 출시된 신약 리스트"
    assert table["pages"] == [1, 2]
    assert table["rows"] == first + rest


def test_a_wrapped_header_repeated_atop_a_page_is_the_tables_where_the_part_before_ended_mid_page(tmp_path):
    """A producer may move a row to the next page long before the page's foot (the part
    before ends mid-page): the header it repeats atop the next page, a label wrapped to
    lines of its own, is still the table's (nothing stands above it on that page), and
    the parts are one table."""
    # (every type one word long: no cell of the part overleaf wraps)
    rest = [_NEXT_THREE[0], _NEXT_THREE[1][:3] + ["화학의약품", _NEXT_THREE[1][4]], _NEXT_THREE[2]]
    bulletin = _drugs_over_two_pages(tmp_path / "mid.pdf", 500, _FIRST_THREE, rest)
    assert len(bulletin.tables) == 1
    table = bulletin.tables[0]
    assert table["pages"] == [1, 2]
    assert table["rows"] == _FIRST_THREE + rest


def test_a_running_header_further_than_a_rows_gap_above_a_table_atop_the_page_is_not_its(tmp_path):
    """Atop a page the table takes the lines above its aligned rows (its wrapped header),
    but not the page's first line standing further than a row's gap above the next: the
    running header."""
    rows = [["4", "케버프라잔", "난징 커페이핑제약", "화학의약품", "십이지장 궤양"],
            ["5", "아데브렐리맙", "쑤저우 성디야제약", "화학의약품", "소세포폐암"],
            ["6", "글루메티닙", "장쑤 하이허제약", "화학의약품", "비소세포폐암"]]

    def draw(c):
        c.setFont(KO, 8.5)
        c.drawCentredString(280, 805, "중국 과학기술 정책 주간동향")
        _drug_part(c, 780, rows)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "running.pdf", draw))
    assert len(frags) == 1
    assert ["".join(cell.split()) for cell in frags[0].rows[0]] == ["등록일", "제품명", "기업", "유형", "적응증"]
    assert frags[0].rows[1:] == rows
