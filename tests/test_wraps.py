"""Wraps where a line breaker may break without a space (#19): between a number, a Latin
word, a sign or a bracket and Hangul, between two ideographs; and the signs after which a
word always follows a space. Each rule on plain lines, and the first two on drawn PDFs."""
from __future__ import annotations

from pathlib import Path

from extract.model import TextLine
from extract.textjoin import JoinStats, join_wrapped
from helpers import KO, FirstBulletDrawnBy, draw_mini_bulletin, make_pdf


def line(text, x1, right=500.0, size=10.0):
    return TextLine(page=1, text=text, x0=60.0, x1=x1, top=0, bottom=10, size=size, column_right=right)


def stats_from(*texts, cells=()):
    return JoinStats([line(t, 200.0) for t in texts], cells)


def word_wrapping(*texts):
    """Counts of a producer that moves whole words (LibreOffice): lines with room left
    before a line that starts with one syllable."""
    cells = [[line("상해 징펑 의료회사 수술용", 470.0), line("내시경 로봇", 300.0)] for _ in range(6)]
    stats = stats_from(*texts, cells=cells)
    assert stats.word_wrapping
    return stats


def test_a_counter_after_a_number_joins_it_though_a_syllable_would_have_fitted():
    # 15 pt (1.5 em) left: "개" alone would have fitted, "개에" not; a line breaker may
    # break between a number and Hangul, so the room tells nothing: the counter does.
    stats = stats_from("전혀 다른 문장 여기에 있음")
    assert join_wrapped("AI 기업 수가 6,000", "개에 달함", line("AI 기업 수가 6,000", 485.0), stats) \
        == "AI 기업 수가 6,000개에 달함"
    # ... and for a producer that wraps at spaces only
    assert join_wrapped("이미 153", "개의 연구기관", line("이미 153", 485.0), word_wrapping("아무 말")) \
        == "이미 153개의 연구기관"
    # The whole word would have fitted: the break was at a space.
    assert join_wrapped("AI 기업 수가 6,000", "개 기업", line("AI 기업 수가 6,000", 460.0), stats) \
        == "AI 기업 수가 6,000 개 기업"


def test_a_particle_after_a_latin_word_a_sign_or_a_bracket_joins_it_for_any_producer():
    stats = word_wrapping("아무 말", "다른 말")
    assert join_wrapped("GDP의 2.64%", "에 달했다", line("GDP의 2.64%", 492.0), stats) == "GDP의 2.64%에 달했다"
    assert join_wrapped("400P", "에 도달", line("400P", 495.0), stats) == "400P에 도달"
    assert join_wrapped("양성 플랫폼)", "을 중심으로", line("양성 플랫폼)", 495.0), stats) == "양성 플랫폼)을 중심으로"
    assert stats.witness["vocabulary"] == 3


def test_before_an_opening_bracket_a_word_wrapping_producer_follows_the_documents_habit():
    glued = word_wrapping("연구원(AIR) 설립", "장쑤성(676건) 허난성(500건)", "신약(NDA) 허가")
    assert join_wrapped("과학 및 기술연구원", "(주하이 소재)", line("과학 및 기술연구원", 499.0), glued) \
        == "과학 및 기술연구원(주하이 소재)"
    spaced = word_wrapping("연구원 (AIR) 설립", "장쑤성 (676건) 허난성 (500건)", "신약 (NDA) 허가")
    assert join_wrapped("과학 및 기술연구원", "(주하이 소재)", line("과학 및 기술연구원", 499.0), spaced) \
        == "과학 및 기술연구원 (주하이 소재)"
    # A producer that breaks between syllables: the habit is not asked (the words and
    # pairs of JoinStats._decide are); a bracket and one syllable that would have fitted
    # mean a space.
    other = stats_from("연구원(AIR) 설립", "장쑤성(676건) 허난성(500건)", "신약(NDA) 허가")
    assert join_wrapped("인공지능연구원", "(北京智源人工智能研究院)", line("인공지능연구원", 470.0), other) \
        == "인공지능연구원 (北京智源人工智能研究院)"


def test_two_ideographs_are_one_name_whatever_the_room_left():
    stats = stats_from("아무 말")
    assert join_wrapped("'강자아(姜子", "牙)' 출시", line("'강자아(姜子", 475.0), stats) == "'강자아(姜子牙)' 출시"
    assert stats.witness["default"] == 1


def test_after_a_comma_a_korean_word_follows_a_space():
    # a full line, and a document that never shows a comma before a word
    stats = stats_from("아무말")
    assert join_wrapped("발전 플랫폼,", "과학연구 혁신", line("발전 플랫폼,", 499.5), stats) \
        == "발전 플랫폼, 과학연구 혁신"
    assert join_wrapped("1,000억 2,", "3위", line("1,000억 2,", 499.5), stats) == "1,000억 2, 3위"


def test_hangul_and_a_latin_word_or_a_number_with_no_evidence_are_two_words(monkeypatch):
    import extract.textjoin as tj

    monkeypatch.setattr(tj, "default_model", lambda: None)
    stats = stats_from("아무 말")
    assert join_wrapped("대형 모델", "baichuan-7B 출시", line("대형 모델", 499.5), stats) \
        == "대형 모델 baichuan-7B 출시"
    assert join_wrapped("센터 건설가", "5.5억 위안", line("센터 건설가", 499.5), stats) == "센터 건설가 5.5억 위안"
    assert join_wrapped("WPS AI", "지원", line("WPS AI", 499.5), stats) == "WPS AI 지원"
    assert stats.witness["default"] == 3
    # between Hangul syllables the old default stands: most boundaries are inside words
    assert join_wrapped("가나다", "라마", line("가나다", 499.5), stats) == "가나다라마"


def _bulletin_with_lines(tmp_path: Path, name: str, parts: list[tuple[str, float]]) -> dict:
    """The mini bulletin with its first bullet set as ``parts``: (text, room left in em);
    each line is stretched to end that far short of the box's edge (the full lines make
    the column's edge), the last one ends where it ends.
    Text in parentheses after "|" is set in the Chinese font."""
    import extract

    def draw(c, x, y):
        right = x + 440.0
        for k, (part, room) in enumerate(parts):
            runs = [(KO, r) if i % 2 == 0 else ("STSong-Light", r) for i, r in enumerate(part.split("|"))]
            width = sum(c.stringWidth(r, f, 10) for f, r in runs)
            glyphs = sum(len(r) for _, r in runs)
            last = k == len(parts) - 1
            gap = 0.0 if last else (right - 10 * room - x - width) / (glyphs - 1)
            t = c.beginText(x, y - 14 * k)
            t.setCharSpace(gap)
            for font, r in runs:
                t.setFont(font, 10)
                t.textOut(r)
            c.drawText(t)

    pdf = make_pdf(tmp_path / name, lambda c: draw_mini_bulletin(FirstBulletDrawnBy(c, draw, len(parts))))
    return extract.run(pdf).data


def _bullets(data: dict) -> list[str]:
    return [b["text"] for s in data["sections"] for a in s["articles"] for b in a["bullets"]]


def test_a_drawn_number_wrapped_before_its_counter_with_room_for_a_syllable(tmp_path: Path):
    # The first line ends 1.5 em short of the box: room for "개", not for "개에".
    data = _bulletin_with_lines(tmp_path, "counter.pdf", [
        ("- 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정하였고 관련 기업 수가 6,000", 1.5),
        ("개에 달하며 베이징과 상하이 등 다섯 곳에 시범구를 건설하여 내년부터 본격적으로", 0.0),
        ("운영할 계획이며 시범구마다 산업 응용과 제도 혁신을 함께 추진하여 성과를 점검하고", 0.0),
        ("우수 사례를 다른 지역으로 넓혀 나가며 관련 기업의 연구개발과 인재 양성을 지원할", 0.0),
        ("계획이다", 0.0)])
    assert any("기업 수가 6,000개에 달하며 베이징과" in b for b in _bullets(data))


def test_a_drawn_chinese_name_wrapped_between_two_ideographs(tmp_path: Path):
    # The break falls inside "北京智源": 1.5 em left, room for one more ideograph, as a
    # justified or hyphenating producer may leave.
    data = _bulletin_with_lines(tmp_path, "hanzi.pdf", [
        ("- 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정하고 베이징지위안 연구원(|北京智", 1.5),
        ("|源研究院|)과 함께 다섯 곳에 시범구를 건설하여 내년부터 본격적으로 운영할 계획이며", 0.0),
        ("시범구마다 산업 응용과 제도 혁신을 함께 추진하여 성과를 점검하고 우수 사례를", 0.0),
        ("다른 지역으로 넓혀 나가며 관련 기업의 연구개발과 인재 양성을 지원할 계획이며", 0.0),
        ("예산을 지원한다", 0.0)])
    assert any("연구원(北京智源研究院)과 함께" in b for b in _bullets(data))


def test_a_drawn_number_wrapped_before_a_word_the_document_spaces_after_numbers(tmp_path: Path):
    # The first line runs to the box's edge after "'2022". The document glues counters to
    # numbers ("3년", "5개", "10위", "5곳", "4회"), but writes "2023 글로벌" with a space: 글 is no counter,
    # and its own habit after a number decides, not the habit of numbers and Hangul at large.
    data = _bulletin_with_lines(tmp_path, "number-word.pdf", [
        ("- 과기부는 3년 동안 5개 지역에 시범구를 추가로 지정하였고 그중 10위 안에 든 지역을 '2022", 0.0),
        ("글로벌 혁신지수와 비교하여 발표하였으며 2023 글로벌 순위에서도 상위를 차지한 지역에", 0.0),
        ("5곳의 시범구를 새로 건설하여 2년 뒤부터 본격적으로 운영할 계획이며 그 성과를 4회 점검하고", 0.0),
        ("우수 사례를 다른 지역으로 넓혀 나가며 관련 기업의 연구개발과 인재 양성을 함께 지원할", 0.0),
        ("계획이다", 0.0)])
    assert any("지역을 '2022 글로벌 혁신지수와" in b for b in _bullets(data))


def test_a_drawn_counted_number_wrapped_before_a_word(tmp_path: Path):
    # The first line runs to the box's edge after "6대": a number with its counter is a whole
    # phrase, and "분야로" starts like no particle, ending or suffix: a word of its own.
    data = _bulletin_with_lines(tmp_path, "counted.pdf", [
        ("- 과기부는 정보, 바이오, 에너지, 제조, 재료 및 우주 등 미래 산업을 구분하여 모두 6대", 0.0),
        ("분야로 나누고 중국 내 기업을 대상으로 조사하였으며 지역별 분포와 인력 규모를 함께", 0.0),
        ("분석하여 발표하였고 정보 분야의 기업 수가 가장 많았으며 그 다음으로 바이오 분야가", 0.0),
        ("뒤를 이었고 관련 기업의 연구개발과 인재 양성을 지원하는 정책도 함께 발표할", 0.0),
        ("계획이다", 0.0)])
    assert any("구분하여 모두 6대 분야로 나누고" in b for b in _bullets(data))


def test_a_number_cut_in_a_column_narrower_than_it_is_one_number(tmp_path: Path):
    # A ruled grid whose first column (10 pt) is narrower than "no" and the last (16 pt)
    # than "67.6": a producer that wraps Latin words and numbers at spaces cuts these
    # anywhere, and the pieces are one word, not two.
    import extract

    def draw(c):
        xs = [60, 70, 190, 206]
        rows = [(["n", "o"], ["국가"], ["값"]), (["1"], ["스위스"], ["67.", "6"]),
                (["2"], ["싱가포르"], ["64.", "2"]), (["3"], ["미국"], ["63.", "5"])]
        top, row_h = 700, 26
        c.setFont(KO, 9)
        for r, row in enumerate(rows):
            y = top - (r + 1) * row_h
            for k, lines in enumerate(row):
                c.rect(xs[k], y, xs[k + 1] - xs[k], row_h)
                for i, text in enumerate(lines):
                    c.drawString(xs[k] + 2, y + row_h - 10 - i * 10, text)
        c.showPage()

    table = extract.run(make_pdf(tmp_path / "cut.pdf", draw)).data["tables"][0]
    assert table["header"] == [["no", "국가", "값"]]
    assert [row[2] for row in table["rows"]] == ["67.6", "64.2", "63.5"]


def test_a_latin_word_after_another_on_its_line_was_wrapped_at_a_space():
    # "Surgical Systems.Inc." is wider than the cell, but "Surgical" follows "ZAP" on its
    # line: a word too wide for a line would have been moved to one of its own first.
    stats = stats_from("아무 말")
    narrow = TextLine(page=1, text="ZAP Surgical", x0=60.0, x1=118.0, top=0, bottom=10, size=9.0,
                      column_right=120.0)
    assert join_wrapped("ZAP Surgical", "Systems.Inc.", narrow, stats) == "ZAP Surgical Systems.Inc."
    cut = TextLine(page=1, text="67.", x0=60.0, x1=72.0, top=0, bottom=10, size=9.0, column_right=74.0)
    assert join_wrapped("67.", "6", cut, stats) == "67.6"


def test_a_latin_word_alone_on_its_line_with_room_left_or_a_capital_after_it_is_two_words():
    stats = stats_from("아무 말")
    # "HDR" alone on a line of a narrow cell, with room for a letter more: wrapped at a space
    roomy = TextLine(page=1, text="HDR", x0=60.0, x1=80.0, top=0, bottom=10, size=9.0, column_right=90.0)
    assert join_wrapped("HDR", "vivid", roomy, stats) == "HDR vivid"
    # a capitalised word, or a piece after a comma, begins a word however full the line
    full = TextLine(page=1, text="HDR", x0=60.0, x1=80.0, top=0, bottom=10, size=9.0, column_right=82.0)
    assert join_wrapped("HDR", "Vivid", full, stats) == "HDR Vivid"
    comma = TextLine(page=1, text="Labs,", x0=60.0, x1=80.0, top=0, bottom=10, size=9.0, column_right=82.0)
    assert join_wrapped("Labs,", "inc", comma, stats) == "Labs, inc"
    # ... while a number cut at the edge is one number
    assert join_wrapped("67.", "6", TextLine(page=1, text="67.", x0=60.0, x1=72.0, top=0, bottom=10, size=9.0,
                                             column_right=74.0), stats) == "67.6"


def test_each_article_counts_the_wraps_of_its_own_text(tmp_path: Path):
    # Two articles whose bullets run justified to the box's edge and wrap between Hangul:
    # three wraps in the first, one in the second, none elsewhere (the summary is one line).
    import extract
    from helpers import draw_banner, draw_cover, draw_page_frame

    first = ["- 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정하였고 베이징과 상하이 등 다섯",
             "곳에 시범구를 건설하여 내년부터 본격적으로 운영할 계획이며 시범구마다 산업 응용과",
             "제도 혁신을 함께 추진하여 성과를 점검하고 우수 사례를 다른 지역으로 넓혀 나가며",
             "관련 기업의 연구개발을 지원할 계획"]
    second = ["- 과기부는 전국 기초연구 기반을 강화하기 위해 대학과 연구기관의 협력을 넓히고 젊은",
              "연구자를 위한 지원 사업을 확대하기로 함"]

    def justified(c, x, y, lines):
        for k, text in enumerate(lines):
            t = c.beginText(x, y - 14 * k)
            t.setFont(KO, 10)
            if k < len(lines) - 1:
                t.setCharSpace((440.0 - c.stringWidth(text, KO, 10)) / (len(text) - 1))
            t.textOut(text)
            c.drawText(t)

    def draw(c):
        draw_cover(c, "2024. 1. 12", ["과기부, 인공지능 시범구 추가 지정", "과기부, 기초연구 협력 확대"])
        draw_page_frame(c, 2)
        c.setFont(KO, 10.5)
        c.drawString(60, 760, "- 과기부는 인공지능 혁신 시범구 다섯 곳을 추가로 지정하였다.")
        c.showPage()
        draw_page_frame(c, 3)
        draw_banner(c, "정책동향")
        c.setFont(KO, 13)
        c.drawString(60, 705, "01 과기부, 인공지능 시범구 추가 지정")
        c.setFont(KO, 10.5)
        c.drawString(60, 680, "■ 베이징, 상하이 등 다섯 곳 지정 (12.28)")
        justified(c, 62, 655, first)
        c.setFont(KO, 13)
        c.drawString(60, 570, "02 과기부, 기초연구 협력 확대")
        c.setFont(KO, 10.5)
        c.drawString(60, 545, "■ 대학과 연구기관의 협력 확대 (12.29)")
        justified(c, 62, 520, second)
        c.showPage()
        draw_page_frame(c, 4)
        c.setFont(KO, 16)
        c.drawString(60, 740, "중국 과학기술 정책 주/간/동/향")
        c.setFont(KO, 10)
        c.drawString(60, 710, "발 행 일 2024. 1. 12")
        c.drawString(60, 695, "발 행 인 홍길동")
        c.drawString(60, 680, "발행기관 한중과학기술협력센터")
        c.showPage()

    data = extract.run(make_pdf(tmp_path / "two.pdf", draw)).data
    articles = [a for s in data["sections"] for a in s["articles"]]
    assert [a["number"] for a in articles] == ["01", "02"]
    assert [len(a["bullets"]) for a in articles] == [1, 1]
    assert [sum(a["wraps"].values()) for a in articles] == [3, 1]
    assert all(set(a["wraps"]) == {"trace", "vocabulary", "model", "default"} for a in articles)
    total = data["provenance"]["wraps"]
    assert {k: sum(a["wraps"][k] for a in articles) for k in total} == total


def test_a_number_is_cut_in_any_column_a_word_only_in_one_under_three_ems():
    # A stream table's column edge is its own furthest text, so its widest entry always
    # "fills" its line: in a column 4 em wide a break between letters was at a space
    # ("Antibody|medicine"), but a number has no space inside ("2021.1|2").
    stats = stats_from("아무 말")
    date = TextLine(page=1, text="2021.1", x0=60.0, x1=96.0, top=0, bottom=10, size=9.0, column_right=96.0)
    assert join_wrapped("2021.1", "2", date, stats) == "2021.12"
    word = TextLine(page=1, text="Antibody", x0=60.0, x1=96.0, top=0, bottom=10, size=9.0, column_right=96.0)
    assert join_wrapped("Antibody", "medicine", word, stats) == "Antibody medicine"
