"""Wrapped lines join with or without a space, decided by the page and the document."""
from __future__ import annotations

from extract.model import TextLine
from extract.textjoin import JoinStats, join_wrapped


def line(text, x1, right=500.0, size=10.0, trailing_space=False):
    return TextLine(page=1, text=text, x0=60.0, x1=x1, top=0, bottom=10, size=size,
                    column_right=right, trailing_space=trailing_space)


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
    assert join_wrapped("등록자본은 분", "야별로 다르게", line("등록자본은 분", 499.5), stats) == "등록자본은 분야별로 다르게"


def test_full_line_keeps_space_before_a_known_word():
    stats = stats_from("목적이 있음 그리고 있음 확인")
    assert join_wrapped("네트워크 건설 목적이", "있음", line("네트워크 건설 목적이", 499.5), stats) == "네트워크 건설 목적이 있음"


def test_url_continues_without_space():
    assert join_wrapped("http://www.example.cn/a/202311/", "t20231108_458001.htm",
                        line("http://www.example.cn/a/202311/", 499.0), None) \
        == "http://www.example.cn/a/202311/t20231108_458001.htm"


def test_latin_words_wrap_at_spaces():
    assert join_wrapped("General Obstacle", "Detection", line("General Obstacle", 499.0), None) \
        == "General Obstacle Detection"
