"""Wrapped lines join with or without a space, decided by the page and the document."""
from __future__ import annotations

from extract.model import TextLine
from extract.textjoin import JoinStats, join_wrapped


def line(text, x1, right=500.0, size=10.0, trailing_space=False, space_width=0.0):
    return TextLine(page=1, text=text, x0=60.0, x1=x1, top=0, bottom=10, size=size,
                    column_right=right, trailing_space=trailing_space, space_width=space_width)


def stats_from(*texts):
    # lines that end well before the column edge: their words are whole
    return JoinStats([line(t, 200.0) for t in texts])


def test_short_line_means_a_real_break():
    # 60 pt of room left: the next word would have fitted, so the break was at a space.
    assert join_wrapped("연구를 진행", "결과를 발표", line("연구를 진행", 440.0), None) == "연구를 진행 결과를 발표"


def test_trailing_space_glyph_means_a_space():
    assert join_wrapped("차세대", "정보기술", line("차세대", 499.0, trailing_space=True), None) == "차세대 정보기술"


def test_full_line_joins_inside_a_known_word():
    stats = stats_from("여러 분야별로 다르게 나타남 분야별로 본다")
    assert join_wrapped("등록자본은 분", "야별로 다르게", line("등록자본은 분", 499.5), stats) \
        == "등록자본은 분야별로 다르게"


def test_full_line_keeps_space_before_a_known_word():
    stats = stats_from("목적이 있음 그리고 있음 확인")
    assert join_wrapped("네트워크 건설 목적이", "있음", line("네트워크 건설 목적이", 499.5), stats) \
        == "네트워크 건설 목적이 있음"


def test_url_continues_without_space():
    assert join_wrapped("http://www.example.cn/a/202311/", "t20231108_458001.htm",
                        line("http://www.example.cn/a/202311/", 499.0), None) \
        == "http://www.example.cn/a/202311/t20231108_458001.htm"


def test_latin_words_wrap_at_spaces():
    assert join_wrapped("General Obstacle", "Detection", line("General Obstacle", 499.0), None) \
        == "General Obstacle Detection"


def test_known_compound_inside_a_longer_word_stays_glued():
    # "다라" is a word of its own, but "가나다라" (the left end + the right half) is a known
    # compound: the longer word "사가나다라" glues it too.
    stats = stats_from("아무 가나다라 이다 다라 보다")
    assert stats.decide_join("마바 사가나", "다라") is True and stats.last_rule == "compound"


def test_left_half_ending_in_a_phrase_ending_means_a_space():
    stats = stats_from("아무 말")
    assert join_wrapped("마바 가나는", "사자 타카", line("마바 가나는", 499.5), stats) == "마바 가나는 사자 타카"
    assert stats.last_rule == "phrase end"
    # one syllable is not enough to tell a particle from the start of a word
    stats.decide_join("마바 는", "사자")
    assert stats.last_rule != "phrase end"


def test_left_word_that_stands_alone_means_a_space():
    stats = stats_from("가나다 보기 가나다(漢字) 오기 가나다 쓰기")
    assert stats.decide_join("마바 가나다", "타파하") is False and stats.last_rule == "left word"
    # ... unless the right half starts like a particle or an ending (가나다|하였다)
    stats.decide_join("마바 가나다", "하였다")
    assert stats.last_rule != "left word"
    # ... or the word often begins longer words
    stats = stats_from("가나다 보기 가나다라 오기 가나다마 쓰기")
    stats.decide_join("마바 가나다", "타파하")
    assert stats.last_rule != "left word"


def test_opening_bracket_goes_to_the_next_line_with_what_follows():
    from extract.textjoin import first_unit
    assert first_unit("(漢字) 등") == "(漢"
    assert first_unit("(ABC) 등") == "(ABC)"
    # 8 pt of room: a bracket alone would fit, bracket + syllable would not, so the page
    # cannot tell, and the document's habit (bracket glued to Hangul) decides.
    stats = stats_from("가나(漢字) 다라(漢字) 마바")
    assert join_wrapped("사아 자차", "(漢字) 등", line("사아 자차", 492.0), stats) == "사아 자차(漢字) 등"


def test_word_wrapping_producer_cut_only_with_evidence_from_the_words():
    stats = stats_from("가나 다라 가나다라 마바")
    stats.word_wrapping = True
    def narrow(text):
        return TextLine(page=1, text=text, x0=60.0, x1=88.5, top=0, bottom=10, size=10.0, column_right=90.0)
    # "가나다라" is known as one word and is wider than the 30 pt cell: cut inside the word
    assert join_wrapped("가나다", "라", narrow("가나다"), stats) == "가나다라"
    # no word evidence, only single-syllable habits: the producer's habit (a space) stands
    assert join_wrapped("타파하", "차카", narrow("타파하"), stats) == "타파하 차카"


def test_width_estimate_follows_the_font_of_the_line():
    from extract.textjoin import _width_scale
    wide = TextLine(page=1, text="가나다라마바", x0=0.0, x1=66.0, top=0, bottom=10, size=10.0)
    assert 1.1 < _width_scale(wide) < 1.2
    assert _width_scale(TextLine(page=1, text="가", x0=0.0, x1=30.0, top=0, bottom=10, size=10.0)) == 1.0


def test_a_particle_at_the_head_of_a_full_line_was_cut_from_its_word():
    # "...센터)|와 3대": a particle never stands alone in this document; the line is full.
    # The document often writes a bracket or a Latin run before a space and a Hangul word,
    # so the character pairs alone would call for a space.
    stats = stats_from("연구원 (AIR) 설립 센터 (IDEA) 출범 기업 (SSL) 기술", "연산력 400P 규모 AI 분야 GPU 서버")
    assert join_wrapped("일체화 빅데이터센터)", "와 3대 플랫폼", line("일체화 빅데이터센터)", 493.0), stats) \
        == "일체화 빅데이터센터)와 3대 플랫폼"
    assert join_wrapped("2023년에는 400P", "에 도달할 예정", line("2023년에는 400P", 496.5), stats) \
        == "2023년에는 400P에 도달할 예정"
    # 이 is a word too ("이 플랫폼"): no rule for it.
    assert join_wrapped("연구를 진행", "이 플랫폼은", line("연구를 진행", 440.0), stats) == "연구를 진행 이 플랫폼은"


def test_a_counter_after_a_number_joins_it_as_the_document_writes_them():
    # The document writes numbers and counters together (55,000개, 200명, 2023년) and also
    # has "개에" on its own (after 여): the number's habit decides.
    stats = stats_from("총 55,000개 기업 200명 이하 2023년 기준", "300여 개에 달하는 10여 개에 이름")
    assert join_wrapped("AI 기업 수가 6,000", "개에 달함", line("AI 기업 수가 6,000", 496.0), stats) \
        == "AI 기업 수가 6,000개에 달함"


def test_a_producer_wrapping_whole_words_breaks_after_a_closing_bracket_without_a_space():
    # Few wrapped paragraphs, but the table cells show it: lines that end with room for more
    # before a line that starts with a syllable (the producer moves whole words).
    cells = [[line("상해 징펑(精锋)의료회사 수술용", 470.0), line("내시경 로봇", 300.0)] for _ in range(6)]
    stats = JoinStats([line("본문 한 줄", 200.0)], cells)
    assert stats.word_wrapping
    # The cells write "(X)의료회사" glued, so a break right after ")" is no space, though
    # the whole next word did not fit in the room left (more than a syllable).
    assert join_wrapped("베이징 톈즈항(天智航)", "의료회사", line("베이징 톈즈항(天智航)", 480.0), stats) \
        == "베이징 톈즈항(天智航)의료회사"
    # Without that habit, a space.
    plain = JoinStats([line("본문 한 줄", 200.0)], [[line("기업 (주) 회사 수술용", 470.0), line("내시경 로봇", 300.0)]
                                                    for _ in range(6)])
    assert join_wrapped("베이징 톈즈항(天智航)", "의료회사", line("베이징 톈즈항(天智航)", 480.0), plain) \
        == "베이징 톈즈항(天智航) 의료회사"


def test_a_word_set_down_a_narrow_cell_one_syllable_a_line_is_one_word():
    from extract.tables.cells import join_cell

    def cell_line(text):
        return TextLine(page=1, text=text, x0=60.0, x1=69.0, top=0, bottom=10, size=9.0, column_right=70.0)

    # Even where the document's pairs would call for a space between the syllables.
    stats = stats_from("구 분 구 분 시 이 징 베 이 징 베 이")
    assert join_cell([cell_line("구"), cell_line("분")], stats) == "구분"
    assert join_cell([cell_line("베"), cell_line("이"), cell_line("징")], stats) == "베이징"
    assert join_cell([cell_line("등급")], stats) == "등급"


def test_one_sighting_of_a_rare_syllable_does_not_decide_alone():
    # "회" is seen once, ending a word; "사" mostly inside words. Read raw, that one
    # sighting would make "회" a sure word end and put a space into "의료회|사"; drawn
    # towards the document's overall rate, the two syllables read as one word.
    stats = stats_from("가나다 라마바 아자차 카타파 위원회 가사다 라사마 바사아 자사차 카사타 사가")
    assert stats.decide_join("상하이 의료회", "사") is True and stats.last_rule == "end/start"
    # a syllable seen often enough keeps its own habit: "다" ends every word it is in
    frequent = stats_from("사가 사나 사라 사마 가다 나다 라다 마다 바다 아다 자다 차다")
    assert frequent.decide_join("의료다", "사") is False and frequent.last_rule == "end/start"


def test_a_one_syllable_word_the_document_writes_alone_keeps_its_space():
    stats = stats_from("과학 및 기술 연구 및 개발 인력 및 장비 소재 및 부품")
    assert stats.decide_join("인공지능 과학", "및 기술연구원") is False and stats.last_rule == "right word"
    # a syllable seen alone now and then but mostly ending longer words is no such word
    glued = stats_from("가 사 가나 사 다라 사 회사 의사 검사 감사 조사 기사 교사 끝")
    glued.decide_join("의료회", "사 설립")
    assert glued.last_rule != "right word"


def test_list_marks_do_not_count_as_a_hyphen_before_a_word():
    # Lines starting "- " are list items; inside lines the document writes "중국어-영어".
    stats = JoinStats([line(t, 200.0) for t in ("- 가나 다라 마바", "- 사아 자차 카타", "- 파하 가나 다라",
                                                "통신-감지 일체화 대화")])
    assert stats.decide_join("네트워크 기업 중국어-", "영어 1그룹") is True


def test_one_pair_across_a_space_does_not_put_a_space_into_a_wrap():
    # "과제 공고" puts 제|공 side by side across a space once: no evidence about "제|공"
    stats = stats_from("과제 공고 가나 다라 마바 사아")
    stats.decide_join("서비스를 제", "공, 공동연구를")
    assert stats.last_rule != "pair"
    # seen inside a word once, the pair is telling: "실험실" then "실험|실"
    inside = stats_from("가나 실험실 다라 마바 사아")
    assert inside.decide_join("자연어 처리 실험", "실") is True and inside.last_rule in ("pair", "joined word")


def test_a_syllable_never_written_alone_but_ending_words_is_a_suffix():
    # "사" ends Takeda사, argenx사, 회사 and never stands alone: "Ingelheim|사" is one word
    stats = stats_from("가나 Takeda사 다라 argenx사 마바 의료회사 끝")
    assert stats.decide_join("Boehringer Ingelheim", "사") is True and stats.last_rule == "suffix"
    # a phrase that ended (이며) takes no suffix: "이상이며|약" keeps its space
    stats = stats_from("가나 신약 다라 의약 마바 제약 끝")
    assert stats.decide_join("95% 이상이며", "약 50개의") is False


def test_a_producer_that_writes_the_spaces_it_wraps_at_cut_a_word_where_it_wrote_none():
    # Every line of this document that wrapped with room to spare (a wrap at a space for
    # sure) ends in a space glyph 2.8 pt wide; "시스템" stands alone elsewhere, so the
    # document's words alone would call for a space.
    body = [line("가나 다라 시스템 마바", 470.0, trailing_space=True, space_width=2.8) for _ in range(4)]
    stats = JoinStats(body)
    assert stats.marks_space_wraps and abs(stats.space_em - 0.28) < 1e-9
    # 5 pt left, room for a space: the producer would have written one there
    assert join_wrapped("중재시술 제어", "시스템", line("중재시술 제어", 495.0), stats) == "중재시술 제어시스템"
    # 2 pt left: a space would not have fitted (producers drop one that hangs over the
    # edge), so the page cannot tell and the document's words decide
    assert join_wrapped("중재시술 제어", "시스템", line("중재시술 제어", 498.0), stats) == "중재시술 제어 시스템"
    # a space glyph at the end is a space, as always
    assert join_wrapped("중재시술 제어", "시스템", line("중재시술 제어", 495.0, trailing_space=True), stats) \
        == "중재시술 제어 시스템"


def test_a_producer_that_leaves_out_some_wrap_spaces_is_not_read_by_them():
    # Lines that wrapped with room to spare, only some ending in a space glyph: the missing
    # glyph says nothing, the document's words decide.
    body = [line("가나 다라 시스템 마바", 470.0, trailing_space=i % 2 == 0, space_width=2.8) for i in range(8)]
    stats = JoinStats(body)
    assert not stats.marks_space_wraps
    assert join_wrapped("중재시술 제어", "시스템", line("중재시술 제어", 495.0), stats) == "중재시술 제어 시스템"


def test_layout_keeps_the_width_of_a_lines_space_glyphs():
    from extract.glyphs.lines import chars_to_lines
    from extract.settings import Settings

    def glyph(text, x0, width):
        return {"text": text, "x0": x0, "x1": x0 + width, "top": 100.0, "bottom": 110.0, "size": 10.0,
                "fontname": "Noto", "upright": True}

    chars = [glyph("가", 60, 10), glyph("나", 70, 10), glyph(" ", 80, 2.8), glyph("다", 82.8, 10),
             glyph(" ", 92.8, 2.8)]
    (ln,) = chars_to_lines(chars, 1, Settings().layout)
    assert ln.text == "가나 다" and ln.trailing_space and ln.space_width == 2.8


def test_a_page_that_writes_its_spaces_reads_a_bare_gap_as_spacing_inside_a_word():
    # LibreOffice writes a space glyph (0.22 em here) between words and sets 0.207 em
    # between a number and Hangul with no glyph: "2023년" is one word, as written.
    from extract.glyphs.lines import chars_to_lines, word_gap_threshold
    from extract.glyphs.rows import glyph_rows
    from extract.settings import Settings

    def glyph(text, x0, width, top):
        return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + 10, "size": 10.0,
                "fontname": "Noto", "upright": True}

    def line(top):
        out, x = [], 60.0
        for word in ("2023년", "국가", "과학", "기술"):
            for ch in word:
                w = 5.5 if ch.isdigit() else 9.2
                if ch == "년":
                    x += 2.07  # the producer's spacing between a digit and Hangul
                out.append(glyph(ch, x, w, top))
                x += w
            out.append(glyph(" ", x, 2.2, top))
            x += 2.2
        return out

    chars = [g for k in range(8) for g in line(100.0 + 20 * k)]
    settings = Settings().layout
    gap = word_gap_threshold(glyph_rows(chars, settings), settings.word_gap_ratio)
    assert gap < 0.207 < gap.between_scripts  # within a script the space's 80 % still parts words
    assert [ln.text for ln in chars_to_lines(chars, 1, settings, gap)][:2] == ["2023년 국가 과학 기술"] * 2
    # A cell of its own ("1등급"), no space glyph on its line: the page's habit decides.
    cell = [g for g in line(300.0)[:5]]
    assert chars_to_lines(cell, 1, settings, gap)[0].text == "2023년"
    # With no space glyphs the gaps are all there is: the most common one is the word space.
    bare = [g for g in chars if g["text"] != " "]
    gap = word_gap_threshold(glyph_rows(bare, settings), settings.word_gap_ratio)
    assert gap.between_scripts == gap < 0.207
    assert chars_to_lines(bare, 1, settings, gap)[0].text == "2023 년 국가 과학 기술"



def _set_down(texts, pitch, x1=470.0, trailing_space=True):
    """One table cell's lines, ``pitch`` points apart (each line 10 pt tall)."""
    return [TextLine(page=1, text=t, x0=60.0, x1=x1, top=pitch * k, bottom=pitch * k + 10, size=10.0,
                     column_right=500.0, trailing_space=trailing_space, space_width=2.8, role="table")
            for k, t in enumerate(texts)]


def test_cell_lines_set_more_than_a_line_apart_still_show_how_the_producer_wraps():
    # A producer that sets Korean lines over twice their size apart (11.5 pt blank between
    # lines 10 pt tall, LibreOffice with Noto Serif CJK): every wrap in a cell with room to
    # spare ends in a space glyph, so the producer writes the spaces it wraps at.
    cells = [_set_down(["가나 다라 시스템 마바"] * 3, pitch=21.5) for _ in range(2)]
    stats = JoinStats([], cells)
    assert stats.cells_mark_space_wraps
    # a full line in a cell, room for a space and none: cut inside a word
    prev = _set_down(["중재시술 제어"], pitch=21.5, x1=495.0, trailing_space=False)[0]
    assert join_wrapped("중재시술 제어", "시스템", prev, stats) == "중재시술 제어시스템"
    # the run's own leading is the measure: a paragraph of the cell that ended with room
    # left and no space glyph, the next one set further down than that, is no wrap
    cell = _set_down(["가나 다라 시스템 마바"] * 8, pitch=21.5)
    for k, ln in enumerate(cell):
        ln.top = ln.bottom - 10 + 25.0 * (k // 4)
        ln.bottom = ln.top + 10
        ln.trailing_space = k % 4 != 3
    assert JoinStats([], [cell]).cells_mark_space_wraps


def test_body_lines_do_not_speak_for_the_cells_spaces():
    # The same lines in the body (whose right edge is guessed from its lines, not drawn):
    # the body's own rule stands (lines more than a line's size apart are no wraps).
    body = _set_down(["가나 다라 시스템 마바"] * 6, pitch=21.5)
    for ln in body:
        ln.role = "body"
    stats = JoinStats(body)
    assert not stats.marks_space_wraps and not stats.cells_mark_space_wraps


def test_wraps_where_a_line_breaker_needs_no_space_do_not_hide_the_producers_spaces():
    # Lines of cells wrapped with room to spare after a closing bracket before Hangul
    # ("(華科)|정밀") carry no space glyph: a line breaker may break there without a space.
    # They say nothing about the spaces the producer writes at its other wraps.
    cells = [_set_down(["가나 다라 시스템 마바"] * 3, pitch=13.0) for _ in range(2)]
    cells += [_set_down(["베이징 화커(華科)", "정밀의료기기 회사"], pitch=13.0, x1=440.0, trailing_space=False)
              for _ in range(3)]
    assert JoinStats([], cells).cells_mark_space_wraps


def test_a_centred_cell_does_not_read_the_room_left_by_the_producers_spaces():
    # The producer writes the spaces it wraps at in its flush-left cells; a centred cell's
    # lines carry none (it leaves the space out of the line it centres), and the room
    # after a centred line is half its room: "R&D|집약도" keeps the document's space.
    from extract.tables.cells import join_cell

    cells = [_set_down(["가나 다라 시스템 마바"] * 3, pitch=21.5) for _ in range(2)]
    stats = JoinStats([], cells)
    assert stats.cells_mark_space_wraps
    head = _set_down(["R&D", "집약도"], pitch=21.5, trailing_space=False)
    for ln, (x0, x1) in zip(head, ((123.8, 145.1), (119.5, 149.5))):
        ln.x0, ln.x1, ln.column_right = x0, x1, 148.3
    assert join_cell(head, stats) == "R&D 집약도"
    # set flush left, the same lines read as one word cut by the line end
    for ln in head:
        ln.x1 -= ln.x0 - 119.5
        ln.x0 = 119.5
    assert join_cell(head, stats) == "R&D집약도"


def test_a_list_mark_alone_on_a_line_starts_a_new_item():
    # "○ 수소 ○ 태양광" then "○" alone (its item "바이오매스" went whole to the next line): a
    # new item, however full the line before it, whatever the producer's spaces say.
    cells = [_set_down(["가나 다라 시스템 마바"] * 3, pitch=21.5) for _ in range(2)]
    stats = JoinStats([], cells)
    prev = _set_down(["○ 수소 ○ 태양광"], pitch=21.5, x1=495.0, trailing_space=False)[0]
    assert join_wrapped("○ 수소 ○ 태양광", "○", prev, stats) == "○ 수소 ○ 태양광 ○"


def test_a_cells_name_written_whole_elsewhere_in_the_tables_joins_a_wrap_in_a_cell():
    # A table column writes "퀘퓌시스템" whole in one cell and wraps it in another, where the
    # line is full: the cells' own words join the wrap, though "시스템" stands alone in the
    # body. In the body the same wrap keeps its space: a table's names do not speak for the
    # prose, and the cells' words never split a wrap (they set names' parts both ways).
    body = [line(t, 200.0) for t in ("아무 시스템 보다", "다른 시스템 보다")]
    whole = [TextLine(page=1, text="다모드 퀘퓌시스템", x0=60.0, x1=150.0, top=0, bottom=10, size=10.0,
                      column_right=300.0, role="table")]
    stats = JoinStats(body, [], all_cells=[whole])
    cut = line("타카 퀘퓌", 499.5)
    cut.role = "table"
    assert join_wrapped("타카 퀘퓌", "시스템", cut, stats) == "타카 퀘퓌시스템"
    assert stats.last_rule == "joined word"
    assert join_wrapped("타카 퀘퓌", "시스템", line("타카 퀘퓌", 499.5), stats) == "타카 퀘퓌 시스템"
    # a word only the cells write alone does not put a space at a wrap in a cell
    alone = [TextLine(page=1, text="모드 기기", x0=60.0, x1=150.0, top=0, bottom=10, size=10.0,
                      column_right=300.0, role="table")]
    assert JoinStats(body, [], all_cells=[alone]).decide_join("의료퀘", "기기", table=True) is not False


def test_a_name_the_tables_write_both_ways_joins_a_cells_wrap_only_where_mostly_whole():
    body = [line("아무 시스템 보다", 200.0)]
    cell = [TextLine(page=1, text=t, x0=60.0, x1=150.0, top=0, bottom=10, size=10.0, column_right=300.0,
                     role="table") for t in ("오픈퀘퓌 가나", "오픈 퀘퓌 다라", "오픈 퀘퓌 마바")]
    stats = JoinStats(body, [], all_cells=[[ln] for ln in cell])
    assert stats.decide_join("타카 오픈", "퀘퓌", table=True) is not True
    assert stats.last_rule != "joined word"


def test_room_for_one_more_syllable_means_the_line_broke_at_a_space():
    # Syllables 9.4 pt wide; the line left 9.6 pt: the next syllable would have fitted, so a
    # line breaker that cuts inside words did not cut here. The rough width from the size
    # (with its margin for unknown fonts) calls the line full; the line's own syllables do not.
    stats = stats_from("분야별로 다르게 분야별로 본다")
    prev = line("등록자본은 분", 490.4)
    prev.hangul_width = 9.4
    assert join_wrapped("등록자본은 분", "야별로 다르게", prev, stats) == "등록자본은 분 야별로 다르게"
    # 9.3 pt left: not room for one; the document's words join the cut word
    prev.x1 = 490.7
    assert join_wrapped("등록자본은 분", "야별로 다르게", prev, stats) == "등록자본은 분야별로 다르게"
    # room for exactly one syllable is a tie: no telling from the room
    prev.x1 = 490.5982
    assert join_wrapped("등록자본은 분", "야별로 다르게", prev, stats) == "등록자본은 분야별로 다르게"
    # after a Latin word or a bracket a line breaker may break with room left: no telling
    from extract.textjoin import _syllable_fitted

    prev.x1 = 490.4
    assert _syllable_fitted(prev, "분", "야별로") and not _syllable_fitted(prev, ")", "야별로")


def test_a_line_measures_its_own_syllables():
    from extract.glyphs.lines import chars_to_lines
    from extract.settings import LayoutSettings

    chars = [{"text": ch, "x0": 60.0 + 9.4 * k, "x1": 69.4 + 9.4 * k, "top": 0.0, "bottom": 10.0, "size": 10.0,
              "fontname": "F", "upright": True} for k, ch in enumerate("가나다라")]
    chars.append({"text": "A", "x0": 97.6, "x1": 103.0, "top": 0.0, "bottom": 10.0, "size": 10.0,
                  "fontname": "F", "upright": True})
    (ln,) = chars_to_lines(chars, 1, LayoutSettings(), None)
    assert ln.hangul_width == 9.4


def test_a_cells_room_is_measured_to_its_columns_furthest_text_not_its_box():
    # A cell's box minus its left padding may lie past the column's real edge (the right
    # padding is wider): a line cut inside a word then seems to leave room for a syllable.
    # Measured to the furthest end of the column's lines, it does not.
    from extract.tables.build import column_edges
    from extract.tables.cells import join_cell

    stats = stats_from("아무 말 보다")
    cut = [TextLine(page=1, text=t, x0=60.0, x1=x1, top=13.0 * k, bottom=13.0 * k + 10, size=10.0,
                    column_right=500.0, role="table", hangul_width=9.4) for k, (t, x1) in
           enumerate((("결장 내시경 소프트웨", 490.0), ("어", 69.4)))]
    other = [TextLine(page=1, text="관상동맥 기능 측량시", x0=60.0, x1=490.5, top=40.0, bottom=50.0, size=10.0,
                      column_right=500.0, role="table", hangul_width=9.4)]
    edges = column_edges([[cut], [other]])
    assert edges == {0: 490.5}
    assert join_cell(cut, stats, edges[0]) == "결장 내시경 소프트웨어"
    # with the box's edge alone a cell's room is not read at all
    assert join_cell(cut, stats) == "결장 내시경 소프트웨어"
    # where the column's text reaches a syllable further than this line, it was a space
    other[0].x1 = 499.5
    assert join_cell(cut, stats, column_edges([[cut], [other]])[0]) == "결장 내시경 소프트웨 어"
