"""The spacing model (third witness at a line wrap) and the wraps it decides."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.model import TextLine
from extract.spacing import DATA, SpacingModel, contexts, default_model
from extract.textjoin import JoinStats, join_wrapped
from helpers import KO, FirstBulletDrawnBy, draw_mini_bulletin, make_pdf


def test_contexts_run_from_long_to_short_and_know_the_spaces_around():
    keys = contexts("6대 분", "야별로")
    assert keys[0] == "대 분|야별"  # three left (a space among them), two right
    assert keys[-5:] == ["분|야", " 분|", "|야별", "분|", "|야"]  # the pair, then one side alone
    assert contexts("6대", "분야")[0] == "0대|분야"  # every digit reads as 0
    assert contexts("분", "야") == ["분|야", "분|", "|야"]


def test_the_longest_context_seen_often_enough_decides():
    model = SpacingModel({"분|야": (1, 9), " 분|야": (2, 1), "대 분|야": (8, 0)})
    assert model.decide("6대 분", "야별로") is True and model.last_context == "대 분|야"
    # "대 분|야" unseen here; " 분|야" seen 3 times but split 2:1, not sure enough: open
    assert model.decide("그 분", "야별로") is None
    # only the pair is known: 9 of 10 across a space
    assert model.decide("부분", "야별로") is False


def test_contexts_seen_too_rarely_are_passed_over():
    model = SpacingModel({"대 분|야": (2, 0), "분|야": (0, 5)})
    assert model.decide("6대 분", "야") is False  # two sightings are too few; the pair decides


def test_only_a_break_between_two_hangul_syllables_is_read():
    model = SpacingModel({"a|b": (9, 0)})
    assert model.decide("abc", "def") is None
    assert model.decide("기술(", "연구") is None
    one_side = SpacingModel({"제어|": (9, 0)})
    assert one_side.decide("제어", "시스템") is True
    assert one_side.decide("제어", "시스템", both_sides=True) is None  # too little to overrule the words


def line(text, x1, right=500.0):
    return TextLine(page=1, text=text, x0=60.0, x1=x1, top=0, bottom=10, size=10.0, column_right=right)


def test_a_wrap_no_witness_before_it_can_tell_is_the_models_and_counted_so(monkeypatch):
    import extract.textjoin as tj

    stats = JoinStats([line("전혀 다른 문장이 여기에 있음", 200.0)])
    monkeypatch.setattr(tj, "default_model", lambda: SpacingModel({"할|계": (0, 5)}))
    text = join_wrapped("시범구 건설을 추진할", "계획이다", line("시범구 건설을 추진할", 499.5), stats)
    assert text == "시범구 건설을 추진할 계획이다"
    assert stats.witness == {"model": 1}
    # The producer's trace still comes first: a line that ended with room to spare.
    join_wrapped("시범구 건설을", "추진", line("시범구 건설을", 400.0), stats)
    assert stats.witness == {"model": 1, "trace": 1}


def test_without_a_model_the_wrap_falls_to_the_old_default():
    stats = JoinStats([line("전혀 다른 문장이 여기에 있음", 200.0)], use_model=False)
    assert join_wrapped("시범구 건설을 추진할", "계획이다", line("시범구 건설을 추진할", 499.5), stats) \
        == "시범구 건설을 추진할계획이다"
    assert stats.witness == {"default": 1}


shipped = pytest.mark.skipif(not DATA.exists(), reason="data/spacing.tsv not built (build_spacing.py)")


@shipped
@pytest.mark.parametrize("left,right,joined", [
    # an ending after a verb stem: no space
    ("정책을 발표하", "였다", True),
    ("기술을 개발하", "였으며", True),
    # an adnominal ending before a dependent or full noun: a space
    ("시범구를 건설할", "계획이다", False),
    ("내년에 완공될", "예정이다", False),
    # a particle after a noun: no space
    ("국가 연구", "개발을", True),
])
def test_the_shipped_table_knows_korean_endings_and_particles(left, right, joined):
    model = default_model()
    assert model is not None
    assert model.decide(left, right) is joined


@shipped
def test_the_shipped_table_is_small():
    assert DATA.stat().st_size < 4_000_000


def test_wraps_drawn_in_a_narrow_box_read_by_the_whole_pipeline(tmp_path: Path):
    """A bullet set in a box, justified to its edge (so the room left says nothing), broken
    inside a word ("추진하|였으며") and at a space ("운영할|계획이다"): the text comes out whole and
    the output counts each wrap's witness."""
    import extract

    # (line, break after it: "inside" a word or at a "space")
    lines = ["- 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정하고 산업 응용과 제도 혁신을 추진하",
             "였으며, 베이징과 상하이 등 다섯 곳에 시범구를 건설하여 내년부터 본격적으로 운영할", "계획이다"]
    expected = ("과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정하고 산업 응용과 제도 혁신을 추진하였으며, "
                "베이징과 상하이 등 다섯 곳에 시범구를 건설하여 내년부터 본격적으로 운영할 계획이다")

    def draw(c, x, y):
        right = x + 440.0  # the box's right edge: the widest lines of the page
        for k, part in enumerate(lines):
            width = c.stringWidth(part, KO, 10)
            last = k == len(lines) - 1
            # justified: a full line's spaces stretched so that it ends at the edge
            space = 0.0 if last else (right - x - width) / part.count(" ")
            t = c.beginText(x, y - 14 * k)
            t.setFont(KO, 10)
            t.setWordSpace(space)
            t.textOut(part)
            c.drawText(t)

    # (the bullet after ours moves down two lines)
    pdf = make_pdf(tmp_path / "wrapped.pdf", lambda c: draw_mini_bulletin(FirstBulletDrawnBy(c, draw, 2)))
    data = extract.run(pdf).data
    bullets = [b["text"] for s in data["sections"] for a in s["articles"] for b in a["bullets"]]
    assert expected in bullets
    wraps = data["provenance"]["wraps"]
    assert sum(wraps.values()) >= 2
    assert set(wraps) <= {"trace", "vocabulary", "model", "default"}


def test_after_a_number_and_its_counter_the_model_is_not_asked(monkeypatch):
    import extract.textjoin as tj

    stats = JoinStats([line("전혀 다른 문장이 여기에 있음", 200.0)])
    monkeypatch.setattr(tj, "default_model", lambda: SpacingModel({"대|분": (50, 0)}))
    join_wrapped("정보 등 6대", "분야를", line("정보 등 6대", 499.5), stats)
    assert stats.witness["model"] == 0
    join_wrapped("정보 등 여러 대", "분야를", line("정보 등 여러 대", 499.5), stats)
    assert stats.witness["model"] == 1
