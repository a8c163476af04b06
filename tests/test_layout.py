"""The layout stage (extract/layout.py): glyphs -> lines of text in reading order.

Each test draws its own small PDF with reportlab and reads it through the public API
(``extract.text`` and the layers of ``extract.run(...).document``), so that the glyph
helpers behind the stage can move without these tests changing. Where a rule is easier to
pin on lines made by hand, the stage's own entry points are used (``page_lines``,
``mark_running``, ``LayoutStage``).

Word spaces are drawn here as gaps between separately placed words, never as space
characters, so that any space read back can only come from the gaps.
"""
from __future__ import annotations

import pdfplumber
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

import extract
from extract.layout import LayoutStage, mark_running, page_lines
from extract.model import PageInfo, TextLine
from extract.settings import Settings
from helpers import KO, make_pdf, turn_sideways

LATIN = "Helvetica"
HEADER = "중국 과학기술 정책 주간동향"


def draw_words(c, x, y, words, font=KO, size=12.0, gap_em=0.3, char_space=0.0):
    """Draw ``words`` on one baseline, each on its own, ``gap_em`` (in em) apart and with
    no space glyph between them; ``char_space`` (points) spaces out a word's letters."""
    c.setFont(font, size)
    for word in words:
        c.drawString(x, y, word, charSpace=char_space)
        x += stringWidth(word, font, size) + char_space * len(word) + gap_em * size
    return x


def space_glyphs(pdf) -> int:
    with pdfplumber.open(pdf) as doc:
        return sum(1 for page in doc.pages for ch in page.chars if ch["text"].isspace())


def lines_of(bulletin, page=None, role=None):
    return [ln for ln in bulletin.document.lines
            if (page is None or ln.page == page) and (role is None or ln.role == role)]


# ------------------------------------------------------------------ word spaces from the gaps


def test_word_spaces_are_read_from_the_gaps_in_korean_and_latin(tmp_path):
    def draw(c):
        draw_words(c, 60, 760, ["과학기술", "정책", "주간동향"])
        draw_words(c, 60, 730, ["Science", "and", "Technology", "Policy"], font=LATIN)
        # Korean and Latin on one line, and a word set in two runs that touch: one word.
        x = draw_words(c, 60, 700, ["인공지능", "AI"], gap_em=0.3)
        x = draw_words(c, x, 700, ["시범"], gap_em=0.0)
        draw_words(c, x, 700, ["구"])
        c.showPage()

    pdf = make_pdf(tmp_path / "gaps.pdf", draw)
    assert space_glyphs(pdf) == 0, "the drawing must leave the spaces to the gaps"
    assert extract.text(pdf).splitlines() == [
        "과학기술 정책 주간동향",
        "Science and Technology Policy",
        "인공지능 AI 시범구",
    ]


def test_a_page_learns_its_own_word_space(tmp_path):
    """Words 0.5 em apart on a page: the page's word space is learned from them, and a
    word whose letters are set 0.2 em apart stays one word there. Alone on a page with too
    few gaps to learn from, the same word falls to the default threshold (0.15 em) and
    its letters come apart; a following sparse page inherits the learned threshold."""
    spaced = ["넓게벌린글자"]

    def learned(c):
        y = 780
        for _ in range(12):
            draw_words(c, 60, y, ["과학", "기술", "정책", "동향"], gap_em=0.5)
            y -= 20
        draw_words(c, 60, y, spaced, char_space=0.2 * 12)
        c.showPage()
        draw_words(c, 60, 700, spaced, char_space=0.2 * 12)  # too few gaps: inherits page 1's
        c.showPage()

    def alone(c):
        draw_words(c, 60, 700, spaced, char_space=0.2 * 12)
        c.showPage()

    pdf = make_pdf(tmp_path / "learned.pdf", learned)
    page1, page2 = extract.text(pdf).split("\f")
    assert page1.splitlines()[0] == "과학 기술 정책 동향"
    assert page1.splitlines()[-1] == "넓게벌린글자"
    assert page2 == "넓게벌린글자"
    pages = extract.run(pdf).document.pages
    assert [round(p.word_gap, 2) for p in pages] == [0.4, 0.4]  # 80 % of the 0.5 em mode
    assert extract.text(make_pdf(tmp_path / "alone.pdf", alone)) == "넓 게 벌 린 글 자"


# ------------------------------------------------------------------ lines in reading order


def test_lines_are_grouped_and_read_top_to_bottom_left_to_right(tmp_path):
    """Drawn out of order (the lower line first, a line's right part before its left),
    read in reading order; a smaller note mark on the same baseline joins its line; the
    lines carry their font facts."""
    def draw(c):
        c.setFont(KO, 12)
        c.drawString(60, 660, "아래 줄")
        c.drawString(200, 700, "오른쪽")
        c.drawString(60, 700, "위 줄 왼쪽")
        c.setFont(KO, 8)
        c.drawString(260, 700, "주1)")
        c.setFont("Helvetica-Bold", 14)
        c.drawString(60, 740, "Bold Title")
        c.showPage()

    pdf = make_pdf(tmp_path / "order.pdf", draw)
    assert extract.text(pdf).splitlines() == ["Bold Title", "위 줄 왼쪽 오른쪽 주1)", "아래 줄"]
    lines = lines_of(extract.run(pdf))
    assert [ln.text for ln in lines] == ["Bold Title", "위 줄 왼쪽 오른쪽 주1)", "아래 줄"]
    assert [ln.top for ln in lines] == sorted(ln.top for ln in lines)
    title, middle, _ = lines
    assert title.bold and title.size == 14 and title.font == "Helvetica-Bold"
    assert not middle.bold and middle.size == 12 and middle.font == KO
    assert middle.x0 == pytest.approx(60) and middle.x1 > 260
    # One column edge for the whole document, set on every line.
    assert len({ln.column_right for ln in lines}) == 1 and lines[0].column_right is not None


def _char(text, x0, top, size=10.0, font="F"):
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size,
            "fontname": font, "upright": True}


def _word(text, x0, top, size=10.0):
    return [_char(ch, x0 + i * size, top, size) for i, ch in enumerate(text)]


def test_page_lines_leaves_tables_out_and_marks_text_over_images():
    chars = _word("본문", 50, 100) + _word("표안", 50, 200) + _word("그림", 50, 300)
    table, image = (40, 190, 200, 220), (40, 290, 200, 320)
    lines = page_lines(chars, 3, [table], [image], Settings().layout, gap=0.15)
    assert [(ln.page, ln.text, ln.role) for ln in lines] == [(3, "본문", "body"), (3, "그림", "figure")]
    plain = page_lines(chars, 3, [], [], Settings().layout, gap=0.15)
    assert [ln.text for ln in plain] == ["본문", "표안", "그림"]
    assert {ln.role for ln in plain} == {"body"}


# ------------------------------------------------------------------ running headers, page numbers


def _draw_pages(c, n, header=True, numbers=True):
    for p in range(1, n + 1):
        if header:
            c.setFont(KO, 8)
            c.drawCentredString(297, 815, HEADER)
        if numbers:
            c.setFont(KO, 9)
            c.drawCentredString(297, 30, f"- {p} -")
        if p == 1:  # a title in the top band, on one page only
            c.setFont(KO, 16)
            c.drawString(60, 770, "첫 쪽에만 있는 제목")
        draw_words(c, 60, 600, ["본문은", "쪽마다", "같은", "자리에"])  # repeated, but mid-page
        draw_words(c, 60, 580, [f"{p}쪽의", "본문"])
        c.showPage()


def test_running_header_and_page_numbers_are_marked_on_every_page(tmp_path):
    pdf = make_pdf(tmp_path / "running.pdf", lambda c: _draw_pages(c, 4))
    bulletin = extract.run(pdf)
    running = lines_of(bulletin, role="running")
    assert sorted((ln.page, ln.text) for ln in running) == sorted(
        [(p, HEADER) for p in range(1, 5)] + [(p, f"- {p} -") for p in range(1, 5)])
    assert bulletin.document.notes["running_lines_removed"] == 8
    body = [ln.text for ln in bulletin.document.body_lines]
    assert "첫 쪽에만 있는 제목" in body  # in the band, but on one page only
    assert body.count("본문은 쪽마다 같은 자리에") == 4  # on every page, but not in a band
    assert not any(HEADER in t or t.startswith("- ") for t in body)
    # The text keeps every line of a page, running ones included.
    pages = extract.text(pdf).split("\f")
    assert len(pages) == 4
    assert all(page.splitlines()[0] == HEADER and page.splitlines()[-1] == f"- {p} -"
               for p, page in enumerate(pages, 1))


def test_a_page_number_is_running_even_on_a_single_page(tmp_path):
    """Too few pages to see a header repeat, but a page number in the foot band is one."""
    pdf = make_pdf(tmp_path / "one.pdf", lambda c: _draw_pages(c, 1))
    lines = lines_of(extract.run(pdf))
    assert [ln.text for ln in lines if ln.role == "running"] == ["- 1 -"]
    assert HEADER in [ln.text for ln in lines if ln.role == "body"]


def _line(page, text, top, size=9.0):
    return TextLine(page=page, text=text, x0=280, x1=320, top=top, bottom=top + size, size=size)


@pytest.mark.parametrize("text", ["7", "- 7 -", "– 7 –", "Page 7", "7 / 12", "| 7 |"])
def test_page_number_forms_in_the_bands(text):
    settings = Settings().layout
    heights = {1: 842.0}
    head, foot, middle = _line(1, text, 20), _line(1, text, 810), _line(1, text, 400)
    assert mark_running([head, foot, middle], heights, 1, settings) == 2
    assert (head.role, foot.role, middle.role) == ("running", "running", "body")


def _at(text, x0, x1, top, bottom, size=10.5):
    return TextLine(page=1, text=text, x0=x0, x1=x1, top=top, bottom=bottom, size=size)


def test_a_number_box_beside_a_wrapped_title_in_the_top_band_is_no_page_number():
    """A heading's number centred between the two lines of a title wrapped beside it stays
    body text in the top band; a number level with the first line is a page number's kind
    still, however short a producer made that line's box (a numbered list's row), and so is
    a number not zero-padded between two lines (a summary table's row number, centred on
    its sentence)."""
    settings = Settings().layout
    heights = {1: 842.0}
    boxed = [_at("02", 57, 69, 69, 80), _at("칭화과기원 과학기술협회", 76, 252, 60, 70.5), _at("신설", 76, 96, 78, 89)]
    assert mark_running(boxed, heights, 1, settings) == 0
    level = [_at("02", 69, 81, 60, 70.5), _at("국가약품감독관리국은 신약 출시를 허가", 88, 520, 60, 62.3),
             _at("하였다.", 88, 267, 67.5, 78)]
    assert mark_running(level, heights, 1, settings) == 1
    assert level[0].role == "running"
    row = [_at("5", 69, 75, 69, 80), _at("'2022 글로벌 인공지능 혁신지수 보고'에 따르면", 92, 430, 60, 70.5),
           _at("연속 1위를 유지", 92, 413, 78, 89)]
    assert mark_running(row, heights, 1, settings) == 1


def test_a_header_must_repeat_on_enough_pages():
    """Running: at the same height, similar text (digits masked) on at least half the pages."""
    settings = Settings().layout
    heights = {p: 842.0 for p in range(1, 7)}
    on_three = [_line(p, f"KOSTEC 주간동향 제{p}호", 30) for p in (1, 3, 5)]
    on_two = [_line(p, "부록 자료", 800) for p in (2, 4)]
    moved = [_line(p, "위치가 바뀌는 머리글", 30 + 15 * p) for p in range(1, 7)]
    lines = on_three + on_two + moved
    assert mark_running(lines, heights, 6, settings) == 3
    assert [ln.role for ln in on_three] == ["running"] * 3
    assert [ln.role for ln in on_two] == ["body"] * 2
    assert {ln.role for ln in moved} == {"body"}


def test_layout_stage_marks_running_lines_and_sets_one_column_edge():
    """The stage's document step over lines made by hand: running lines counted in the
    notes and left out of the column edge, which every line then carries."""
    from extract.document import Document

    doc = Document(path=None)
    doc.pages = [PageInfo(number=p, width=595, height=842) for p in range(1, 4)]
    for p in range(1, 4):
        header, number = _line(p, HEADER, 20), _line(p, f"- {p} -", 810)
        header.x1 = number.x1 = 560  # past the body's edge: must not move the column edge
        body = [_line(p, f"본문 {k}", 200 + 20 * k) for k in range(3)]
        for k, ln in enumerate(body):
            ln.x0, ln.x1 = 60, 420 if k == 2 else 500
        doc.lines += [header, *body, number]
    LayoutStage().process_document(doc)
    assert doc.notes["running_lines_removed"] == 6
    assert [ln.role for ln in doc.lines if ln.text == HEADER or ln.text.startswith("- ")] == ["running"] * 6
    assert {ln.column_right for ln in doc.lines} == {500}


# ------------------------------------------------------------------ damaged and unusual pages


@pytest.mark.parametrize("angle, turn", [(90, 1), (270, 3)])
def test_a_sideways_page_is_read_upright(tmp_path, angle, turn):
    """A landscape page stored sideways (no /Rotate): its lines read in their own direction,
    in order, and the page records the turn with a warning."""
    def draw(c):
        y = turn_sideways(c, angle)
        draw_words(c, 60, y, ["가로로", "놓인", "쪽의", "첫째", "줄"])
        draw_words(c, 60, y - 20, ["둘째", "줄", "Ⅰ급", "신약"])
        c.restoreState()
        c.showPage()

    pdf = make_pdf(tmp_path / f"sideways-{angle}.pdf", draw)
    expected = ["가로로 놓인 쪽의 첫째 줄", "둘째 줄 Ⅰ급 신약"]
    assert extract.text(pdf).splitlines() == expected
    bulletin = extract.run(pdf)
    assert [ln.text for ln in bulletin.document.body_lines] == expected
    assert bulletin.document.pages[0].turn == turn
    assert any(w.startswith("page 1: most text runs") for w in bulletin.warnings)


def test_an_upside_down_page_is_read_upright(tmp_path):
    def draw(c):
        c.saveState()
        c.translate(595, 842)
        c.rotate(180)
        draw_words(c, 60, 500, ["거꾸로", "놓인", "쪽의", "첫째", "줄"])
        draw_words(c, 60, 480, ["둘째", "줄"])
        c.restoreState()
        c.showPage()

    pdf = make_pdf(tmp_path / "upside-down.pdf", draw)
    warnings: list[str] = []
    assert extract.text(pdf, warnings=warnings).splitlines() == ["거꾸로 놓인 쪽의 첫째 줄", "둘째 줄"]
    assert any("most text runs upside down the page (turned 180°" in w for w in warnings)


def test_overprinted_fake_bold_is_read_once(tmp_path):
    """A title drawn three times a fraction of a point apart (fake bold) is read once; a
    letter repeated a full advance away (the 'll' of 'Hello') is a neighbour, kept."""
    def draw(c):
        for dx in (0.0, 0.3, 0.6):
            draw_words(c, 60 + dx, 760, ["굵게", "보이는", "제목"], size=14)
        # at 4 pt an "l" is narrower than the 1 pt tolerance: only its width tells it apart
        draw_words(c, 60, 730, ["Hello", "Mississippi", "balloon"], font=LATIN, size=4)
        c.showPage()

    pdf = make_pdf(tmp_path / "fake-bold.pdf", draw)
    assert extract.text(pdf).splitlines() == ["굵게 보이는 제목", "Hello Mississippi balloon"]
    bulletin = extract.run(pdf)
    assert [ln.text for ln in bulletin.document.body_lines] == ["굵게 보이는 제목", "Hello Mississippi balloon"]
    assert any("overprinted duplicate glyph" in w for w in bulletin.warnings)


# ------------------------------------------------------------------ the text of a document


def test_text_has_a_form_feed_between_pages(tmp_path):
    """One page of text per page, a form feed between them (none after the last), an
    empty page kept as an empty string; the repairs' warnings go to the list given."""
    def draw(c):
        draw_words(c, 60, 760, ["첫째", "쪽"])
        draw_words(c, 60, 740, ["둘째", "줄"])
        c.showPage()
        c.showPage()  # a blank page
        draw_words(c, 60, 760, ["셋째", "쪽"])
        for dx in (0.0, 0.4):
            draw_words(c, 60 + dx, 700, ["겹쳐", "찍은", "줄"])
        c.showPage()

    pdf = make_pdf(tmp_path / "pages.pdf", draw)
    warnings: list[str] = []
    text = extract.text(pdf, warnings=warnings)
    assert text.split("\f") == ["첫째 쪽\n둘째 줄", "", "셋째 쪽\n겹쳐 찍은 줄"]
    assert not text.endswith("\f") and not text.endswith("\n")
    assert any(w.startswith("page 3: ") and "overprinted" in w for w in warnings)
    assert extract.text(pdf, settings=Settings()) == text  # explicit settings, same reading


def _block_line(top: float, x0: float, x1: float, text: str = "가나다", size: float = 10.0) -> TextLine:
    return TextLine(page=1, text=text, x0=x0, x1=x1, top=top, bottom=top + size, size=size)


def test_text_in_a_box_wraps_at_the_boxs_edge_not_the_columns():
    from extract.layout import block_edges
    from extract.textjoin import join_wrapped

    body = [_block_line(100 + 14 * k, 60, 535 - (k % 2) * 3) for k in range(4)]  # full lines: the column
    box = [_block_line(200, 72, 431, "□ 재료 우주 등 6대 분"), _block_line(214, 84, 426, "야를 미래산업으로 선정했다"),
           _block_line(228, 84, 300)]  # wrapped at the box's inner edge (~431), 100 pt inside the column's
    short_items = [_block_line(300 + 20 * k, 72, x1) for k, x1 in enumerate((250, 430, 310))]  # one long item
    lines = body + box + short_items
    for ln in lines:
        ln.column_right = 535.0
    assert block_edges(lines, 535.0) == 3
    assert [ln.column_right for ln in box] == [431.0] * 3
    assert all(ln.column_right == 535.0 for ln in body + short_items)
    # the box's first line was full: its wrap is inside the word "분야"
    assert join_wrapped("6대 분", "야를 미래산업으로", box[0], None) == "6대 분야를 미래산업으로"


def test_text_drawn_fill_then_stroke_is_bold(tmp_path):
    """Render mode 2 (the outline stroked over the glyph) is the bold a producer makes of a
    font without a bold face. (The mode is graphics state: each line in its own.)"""
    def draw(c):
        for y, mode, line in ((700, 2, "굵게 쓴 제목"), (680, 0, "보통 본문")):
            c.saveState()
            text = c.beginText(60, y)
            text.setFont(KO, 11)
            text.setTextRenderMode(mode)
            text.textOut(line)
            c.drawText(text)
            c.restoreState()
        c.showPage()

    from extract import load
    from extract.document import Document
    from extract.glyphs.lines import chars_to_lines

    doc = Document(path=make_pdf(tmp_path / "fake-bold.pdf", draw), settings=Settings())
    source = load.open_document(doc)
    try:
        (number, page), = list(source.pages())
        info, page_input = load.read_page(doc, number, page)
        lines = chars_to_lines(page_input.chars, number, doc.settings.layout, info.word_gap)
    finally:
        source.close()
    assert {ln.text: ln.bold for ln in lines} == {"굵게 쓴 제목": True, "보통 본문": False}
