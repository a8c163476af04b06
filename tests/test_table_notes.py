"""Notes under a table: found, kept apart from the body, and wrapped like body text."""
from __future__ import annotations

import extract
from helpers import KO, make_pdf


def _draw_table(c):
    """A captioned ruled table of two columns and three rows, its foot at y 680."""
    c.setFont(KO, 10)
    c.drawCentredString(297, 760, "〈 지역별 현황 〉")
    xs, ys = [100, 250, 400], [740, 720, 700, 680]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for (a, b), y in zip([("지역", "건수"), ("광둥", "12"), ("장쑤", "7")], (726, 706, 686)):
        c.drawString(xs[0] + 5, y, a)
        c.drawString(xs[1] + 5, y, b)


def _draw_table_with_notes(c):
    _draw_table(c)
    c.setFont(KO, 9)
    # A note wrapped at a space with room left on its first line (the next word would have
    # fitted if it were a word cut in two), then a source line.
    c.drawString(100, 668, "* 주석 : 건수는 승인 기준")
    c.drawString(100, 656, "집계 결과임")
    c.drawString(100, 640, "* 출처: 국가약품감독관리국")
    c.setFont(KO, 10)
    c.drawString(100, 600, "본문은 표의 주석이 아니다.")
    c.showPage()


def test_wrapped_note_is_joined_by_the_room_left_and_the_source_is_apart(tmp_path):
    pdf = make_pdf(tmp_path / "notes.pdf", _draw_table_with_notes)
    bulletin = extract.run(pdf)
    table = bulletin.tables[0]
    assert table["caption"] == "지역별 현황"
    assert table["header"] + table["rows"] == [["지역", "건수"], ["광둥", "12"], ["장쑤", "7"]]
    assert table["notes"] == ["* 주석 : 건수는 승인 기준 집계 결과임"]
    assert table["source_note"] == "국가약품감독관리국"
    fragment = bulletin.document.fragments[0]
    assert [len(lines) for lines in fragment.note_lines] == [2, 1], "each note keeps its own lines"


def test_an_item_marked_by_another_family_under_a_source_note_is_no_part_of_it(tmp_path):
    # Under a table's source line, the article's next item marked '◦' (or 'ㅇ'): a mark the
    # note's list of item marks did not know, so the item and those after it were read as the
    # note going on and lost from the body (farm renders with ◦/ㅇ bullets, 39 items).
    def draw(c):
        _draw_table(c)
        c.setFont(KO, 9)
        c.drawString(100, 668, "* 출처: 국가약품감독관리국")
        c.setFont(KO, 10)
        c.drawString(100, 654, "◦ 표 아래의 다음 항목은 본문이다")
        c.drawString(100, 640, "ㅇ 그 다음 항목도 본문이다")
        c.showPage()

    bulletin = extract.run(make_pdf(tmp_path / "note-then-item.pdf", draw))
    table = bulletin.tables[0]
    assert table["source_note"] == "국가약품감독관리국"
    assert not any("본문" in n for n in table["notes"] + [table["source_note"] or ""])

