"""The bulletin checks itself (extract.completeness): each check on a small Structure made
here, recovery of a lost article from a bullet and from a table, and end to end on PDFs
drawn here, through the API, `run --strict` and `batch`."""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extract
from extract.cli import app
from extract.completeness import (
    assess,
    check_contents,
    check_counts,
    check_numbering,
    check_overwritten,
    check_pages,
    check_summary,
)
from extract.document import Document
from extract.model import Table, TextLine
from extract.segment import Article, Bullet, Section, Structure
from extract.settings import CompletenessSettings
from extract.validate import validation_errors
from helpers import KO, draw_banner, draw_cover, draw_page_frame, load_json, make_pdf, sample_pairs

S = CompletenessSettings()


def structure(*sections: tuple[str, list[Article]], contents=None, summary=()) -> Structure:
    s = Structure(date="2024-01-12", is_bulletin=True, summary=list(summary))
    s.sections = [Section(name, list(arts)) for name, arts in sections]
    s.contents = contents if contents is not None else [
        {"section": name, "titles": [a.title for a in arts]} for name, arts in sections]
    return s


def art(number, title, lead="", bullets=(), **kw) -> Article:
    return Article(number=number, title=title, lead=lead, bullets=[Bullet(1, b) for b in bullets], **kw)


# --------------------------------------------------------------------------- each check


def test_contents_fuzzy_match_and_missing_title():
    s = structure(("정책동향", [art("01", "과기부, 인공지능 시범구 추가 지정"),
                               art("02", "화웨이, 5.5G 등 5대 혁신기술 소개")]),
                  contents=[{"section": "정책동향", "titles": [
                      "과기부 , 인공지능 시범구  추가지정",            # spaces differ: the same title
                      "화웨이, 5.5G 등 5대 혁신기술 소개",
                      "공업정보화부, 중소기업 융자 촉진 액션 추진"]}])
    check, lost = check_contents(s, S)
    assert (check.expected, check.found, check.ok) == (3, 2, False)
    assert check.missing == ["공업정보화부, 중소기업 융자 촉진 액션 추진"]
    assert lost == [("정책동향", "공업정보화부, 중소기업 융자 촉진 액션 추진")]


def test_contents_without_a_contents_page_is_not_applicable():
    s = structure(("정책동향", [art("01", "제목 하나")]), contents=[])
    check, lost = check_contents(s, S)
    assert check.ok and check.expected is None and lost == []


def test_numbering_gap_repeat_and_continuous_numbering():
    s = structure(("정책동향", [art("01", "a"), art("02", "b"), art("04", "c"), art("04", "d")]),
                  ("단신동향", [art("01", "e"), art("02", "f")]))
    c = check_numbering(s)
    assert not c.ok and c.missing == ["정책동향 03"]
    assert any("04 given 2 times" in n for n in c.notes)
    assert (c.expected, c.found) == (6, 5)
    # numbering that runs on across sections (05, 06 after 01-04) is whole
    s = structure(("정책동향", [art(f"{n:02d}", str(n)) for n in range(1, 5)]),
                  ("기술동향", [art("05", "5"), art("06", "6")]))
    assert check_numbering(s).ok


def test_summary_items_matched_in_order_one_article_each():
    a1 = art("01", "텐센트연구원, 디지털 전환 지수 보고 발표", "텐센트는 디지털 전환 지수 보고를 발표")
    a2 = art("02", "과기부, 인공지능 공공연산력 플랫폼 선정", "우한, 다롄, 주하이 등 플랫폼 건설 지역 승인")
    summary = ["텐센트는 '디지털 전환 지수 보고'를 발표하였다.",
               "과기부는 인공지능 공공연산력 플랫폼 건설 지역으로 우한, 다롄, 주하이 등을 승인하였다."]
    ok = check_summary(structure(("정책동향", [a1, a2]), summary=summary), S)
    assert ok.ok and (ok.expected, ok.found) == (2, 2)
    # the second article merged into the first: both items fall on one article, one is left over
    merged = art("01", a1.title, a1.lead, bullets=[a2.title, a2.lead])
    bad = check_summary(structure(("정책동향", [merged]), summary=summary), S)
    assert not bad.ok and bad.found == 1 and len(bad.missing) == 1


def _table(caption, n, kind="device_approvals", fid="p3-1"):
    return Table(id="t01", kind=kind, caption=caption, source_note=None, header=[["no", "제품", "기업"]],
                 rows=[[str(k), "p", "c"] for k in range(n)],
                 records=[{"no": k, "product": "p", "company": "c"} for k in range(n)], pages=[3], fragments=[fid])


def test_stated_counts_of_typed_tables():
    s = structure(("정책동향", [art("01", "기기 승인", fragments=["p3-1"])]))
    assert check_counts(s, [_table("총 25개의 Ⅲ급 혁신기기 시판 승인 목록", 25)]).ok
    bad = check_counts(s, [_table("총 25개의 Ⅲ급 혁신기기 시판 승인 목록", 24)])
    assert not bad.ok and bad.missing == ["t01"] and "24 records" in bad.notes[0]
    # '1급', '22년도' are no counts; a generic table states nothing to check
    assert check_counts(s, [_table("'23년 1급 신약 리스트", 7)]).expected is None
    assert check_counts(s, [_table("총 5개", 3, kind="generic")]).expected is None


def test_a_second_count_in_the_text_reconciles_the_caption():
    a = art("01", "신약 출시", "28개 제품(20종)의 혁신 의약품 출시", fragments=["p3-1"])
    s = structure(("정책동향", [a]))
    assert check_counts(s, [_table("28개 제품의 1급 신약 리스트", 20, kind="drug_approvals")]).ok
    a.lead = "28개 제품의 혁신 의약품 출시"
    assert not check_counts(s, [_table("28개 제품의 1급 신약 리스트", 20, kind="drug_approvals")]).ok


def _running(page, text, top=800.0):
    return TextLine(page=page, text=text, x0=280, x1=310, top=top, bottom=top + 8, size=8, role="running")


def test_printed_page_numbers_against_page_order():
    header = [_running(p, "중국 과학기술 정책 주간동향", 30) for p in range(1, 6)]
    good = [_running(p, f"- {p} -") for p in range(1, 6)]
    assert check_pages(header + good, 5).ok
    # an unnumbered cover (offset) is fine
    assert check_pages([_running(p, str(p - 1)) for p in range(2, 6)], 5).ok
    # page 3 prints 4: a page of the printed issue is missing
    lost = [_running(1, "1"), _running(2, "2"), _running(3, "4"), _running(4, "5")]
    c = check_pages(lost, 4)
    assert not c.ok and c.missing == ["3"] and c.expected == 4 and c.found == 2
    assert check_pages([_running(1, "- 1 -")], 1).expected is None  # nothing to compare
    # a chart's '2020' in the footer band of page 3 beside its number: the number that fits wins
    assert check_pages(good + [_running(3, "2020", 780)], 5).ok
    # a page without any number proves nothing
    assert check_pages([_running(p, f"- {p} -") for p in (1, 2, 4, 5)], 5).ok


def test_fields_written_twice():
    a, b = art("01", "첫 기사"), art("02", "둘째 기사")
    b.overwritten = ["lead", "source"]
    c = check_overwritten(structure(("단신동향", [a, b])))
    assert not c.ok and c.missing == ["둘째 기사: lead, source"]
    assert check_overwritten(structure(("단신동향", [art("01", "x")]))).ok


# --------------------------------------------------------------------------- recovery


def _doc(s: Structure, tables=()) -> Document:
    doc = Document(path=Path("x.pdf"), structure=s, tables=list(tables))
    doc.n_pages = 1
    return doc


def test_heading_read_as_a_bullet_is_split_off_with_its_lead():
    host = art("01", "과기부, 2022년도 결산보고서 공개", "결산보고서 공개 (7.20)",
               bullets=["과기부는 결산보고서를 공개", "칭화과기원, 과학기술협회 신설",
                        "■ 칭화과기원은 과학기술협회를 신설 (7.21)", "협회는 산학 협력을 추진"], pages={17})
    s = structure(("단신동향", [host]), contents=[{"section": "단신동향", "titles": [
        "과기부, 2022년도 결산보고서 공개", "칭화과기원, 과학기술협회 신설"]}])
    doc = _doc(s)
    comp = assess(doc)
    arts = s.sections[0].articles
    assert [a.title for a in arts] == ["과기부, 2022년도 결산보고서 공개", "칭화과기원, 과학기술협회 신설"]
    assert arts[0].bullets == [Bullet(1, "과기부는 결산보고서를 공개")]
    assert (arts[1].lead, arts[1].date) == ("칭화과기원은 과학기술협회를 신설", "2023-07-21")
    assert arts[1].bullets == [Bullet(1, "협회는 산학 협력을 추진")]
    assert arts[1].number == "02"
    assert any("split off again" in w for w in doc.warnings.strings())
    contents = comp["checks"][0]
    assert contents["ok"] and contents["missing"] == [] and "recovered 1" in contents["notes"][0]


def test_heading_run_into_a_bullet_is_cut_out_of_it():
    host = art("01", "베이징대학, 혁신센터 설립", "센터 설립 (7.20)",
               bullets=["센터는 연구를 수행 베이징과기대학 바이오농업연구원 설립 연구원은 농업을 연구"])
    s = structure(("단신동향", [host]), contents=[{"section": "단신동향", "titles": [
        "베이징대학, 혁신센터 설립", "베이징과기대학 바이오농업연구원 설립"]}])
    assess(_doc(s))
    a, b = s.sections[0].articles
    assert a.bullets == [Bullet(1, "센터는 연구를 수행")]
    assert b.title == "베이징과기대학 바이오농업연구원 설립"
    assert b.bullets == [Bullet(1, "연구원은 농업을 연구")]


def test_heading_inside_a_table_gives_the_rows_back():
    host = art("01", "화웨이, 5대 혁신기술 소개", "혁신기술 공개 (7.20)", bullets=["화웨이는 기술을 공개"],
               fragments=["p5-1"], pages={5})
    table = Table(id="t03", kind="generic", caption=None, source_note=None, header=[],
                  rows=[["5.5G", "네트워크 속도 10배"], ["02", "과기부, 연산력 플랫폼 선정"],
                        ["■ 과기부는 플랫폼을 선정 (7.19)", ""], ["- 우한, 다롄 등", "9곳"]],
                  records=[], pages=[5], fragments=["p5-1"])
    s = structure(("정책동향", [host]), contents=[{"section": "정책동향", "titles": [
        "화웨이, 5대 혁신기술 소개", "과기부, 연산력 플랫폼 선정"]}])
    doc = _doc(s, [table])
    comp = assess(doc)
    a, b = s.sections[0].articles
    assert doc.tables == [] and a.fragments == []
    assert a.bullets[-1] == Bullet(1, "5.5G 네트워크 속도 10배")
    assert (b.number, b.title, b.lead) == ("02", "과기부, 연산력 플랫폼 선정", "과기부는 플랫폼을 선정")
    assert b.bullets == [Bullet(1, "우한, 다롄 등 9곳")]  # its bullet marker taken off
    assert any("table t03 held the heading" in w for w in doc.warnings.strings())
    assert comp["checks"][0]["ok"]


def test_title_found_nowhere_stays_missing():
    s = structure(("정책동향", [art("01", "과기부, 인공지능 시범구 추가 지정", bullets=["시범구를 지정"])]),
                  contents=[{"section": "정책동향", "titles": ["과기부, 인공지능 시범구 추가 지정",
                                                               "국무원, 데이터 요소 활용 방안 발표"]}])
    comp = assess(_doc(s))
    assert comp["complete"] is False
    assert comp["checks"][0]["missing"] == ["국무원, 데이터 요소 활용 방안 발표"]
    assert "contents titles not found" in comp["reason"]


def test_no_bulletin_is_not_complete_but_null():
    comp = assess(_doc(Structure()))
    assert comp["complete"] is None and comp["reason"] and comp["checks"] == []


# --------------------------------------------------------------------------- end to end


TITLES = ["과기부, 인공지능 시범구 추가 지정", "공업정보화부, 중소기업 융자 촉진 추진",
          "국무원, 데이터 요소 활용 방안 발표"]


def draw_bulletin(c, *, lost_heading: bool, absent_third: bool):
    """Cover with CONTENTS (3 titles) and summary; one section; article 02's heading printed
    as a plain bullet line when ``lost_heading``; article 03 left out when ``absent_third``."""
    def frame(n):
        draw_page_frame(c, n)

    draw_cover(c, "2024. 1. 12", TITLES)
    frame(2)
    c.setFont(KO, 10.5)
    c.drawString(60, 760, "- 과기부는 인공지능 혁신 시범구 다섯 곳을 추가로 지정하였다.")
    c.drawString(60, 740, "- 공업정보화부는 중소기업 융자를 촉진하는 액션을 추진한다.")
    c.showPage()
    frame(3)
    draw_banner(c, "정책동향")
    y = 705
    bodies = [("베이징, 상하이 등 다섯 곳 지정 (12.28)", ["과기부는 인공지능 혁신 응용 시범구를 추가로 지정",
                                                      "시범구는 산업 응용과 제도 혁신을 함께 추진"]),
              ("중소기업 융자 촉진 액션 시행 (12.29)", ["공업정보화부는 중소기업 융자를 촉진하는 액션을 추진",
                                                     "은행과 보험사의 중소기업 대출을 확대"]),
              ("데이터 요소 활용 3년 방안 발표 (12.30)", ["국무원은 데이터 요소 활용 방안을 발표",
                                                       "12개 분야에서 데이터 활용 시범을 추진"])]
    for k, (title, (lead, bullets)) in enumerate(zip(TITLES, bodies)):
        if k == 2 and absent_third:
            break
        if k == 1 and lost_heading:
            c.setFont(KO, 10)
            c.drawString(62, y, f"- {title}")
        else:
            c.setFont(KO, 13)
            c.drawString(60, y, f"{k + 1:02d} {title}")
        c.setFont(KO, 10.5)
        c.drawString(60, y - 25, f"■ {lead}")
        c.setFont(KO, 10)
        for j, b in enumerate(bullets):
            c.drawString(62, y - 50 - 17 * j, f"- {b}")
        y -= 130
    c.showPage()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    d = tmp_path_factory.mktemp("complete")
    return {
        "recovered": make_pdf(d / "recovered.pdf", lambda c: draw_bulletin(c, lost_heading=True, absent_third=False)),
        "incomplete": make_pdf(d / "incomplete.pdf", lambda c: draw_bulletin(c, lost_heading=True, absent_third=True)),
        "plain": make_pdf(d / "plain.pdf", _plain_report),
    }


def _plain_report(c):
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 770, "Quarterly report on regional output")
    c.setFont("Helvetica", 10)
    c.drawString(72, 745, "Output grew in every region in the last quarter.")
    c.showPage()


def test_pdf_lost_heading_recovered_with_a_warning(pdfs):
    data = extract.run(pdfs["recovered"]).data
    assert validation_errors(data) == []
    titles = [a["title"] for s in data["sections"] for a in s["articles"]]
    assert titles == TITLES
    lost = data["sections"][0]["articles"][1]
    assert lost["lead"] == "중소기업 융자 촉진 액션 시행" and lost["date"] == "2023-12-29"
    assert [b["text"] for b in lost["bullets"]] == ["공업정보화부는 중소기업 융자를 촉진하는 액션을 추진",
                                                    "은행과 보험사의 중소기업 대출을 확대"]
    assert any("split off again" in w for w in data["warnings"])
    assert data["completeness"]["complete"] is True, data["completeness"]


def test_pdf_absent_article_is_named_missing(pdfs):
    data = extract.run(pdfs["incomplete"]).data
    assert validation_errors(data) == []
    comp = data["completeness"]
    assert comp["complete"] is False
    contents = next(c for c in comp["checks"] if c["check"] == "contents")
    assert contents["missing"] == [TITLES[2]] and (contents["expected"], contents["found"]) == (3, 2)


def test_pdf_no_bulletin_is_null(pdfs):
    data = extract.run(pdfs["plain"]).data
    assert validation_errors(data) == []
    assert data["completeness"]["complete"] is None and data["completeness"]["reason"]


# --------------------------------------------------------------------------- surfaced


def test_run_prints_one_line_and_strict_exits_3(pdfs, tmp_path):
    runner = CliRunner()
    out = tmp_path / "o.json"
    loose = runner.invoke(app, ["run", str(pdfs["incomplete"]), "-o", str(out)])
    assert loose.exit_code == 0 and out.exists()
    lines = [ln for ln in loose.stderr.splitlines() if ln.startswith("warning:")]
    assert len(lines) == 1 and TITLES[2][:20] in lines[0]
    strict = runner.invoke(app, ["run", str(pdfs["incomplete"]), "-o", str(tmp_path / "s.json"), "--strict"])
    assert strict.exit_code == 3 and (tmp_path / "s.json").exists()
    fine = runner.invoke(app, ["run", str(pdfs["recovered"]), "-o", str(tmp_path / "f.json"), "--strict"])
    assert fine.exit_code == 0 and "warning:" not in fine.stderr


def test_batch_counts_converted_incomplete_apart(pdfs, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("recovered", "incomplete", "plain"):
        (src / f"{name}.pdf").write_bytes(pdfs[name].read_bytes())
    out = tmp_path / "out"
    report = extract.batch(src, out)
    assert (report.done, report.incomplete, report.failed, report.exit_code) == (3, 1, 0, 0)
    rows = dict(report.summary_rows())
    assert rows["converted"] == 2 and rows["converted, incomplete (see errors.csv)"] == 1
    with open(out / "errors.csv", encoding="utf-8") as fh:
        errors = list(csv.DictReader(fh))
    assert [(e["file"], e["error_class"]) for e in errors] == [("incomplete.pdf", "Incomplete")]
    assert TITLES[2][:20] in errors[0]["message"]
    db = sqlite3.connect(out / "manifest.sqlite")
    got = dict(db.execute("SELECT file, complete FROM files").fetchall())
    assert got == {"incomplete.pdf": 0, "recovered.pdf": 1, "plain.pdf": None}


def test_check_reports_a_change_in_completeness(pdfs, tmp_path):
    from extract.check import check_file

    found = extract.run(pdfs["incomplete"]).data
    golden = json.loads(json.dumps(found))
    golden["completeness"] = {"complete": True, "reason": None, "checks": []}
    (tmp_path / "o.json").write_text(json.dumps(found), encoding="utf-8")
    (tmp_path / "g.json").write_text(json.dumps(golden), encoding="utf-8")
    result = check_file(tmp_path / "o.json", tmp_path / "g.json")
    assert result.differences[0].path == "completeness.complete"
    assert "completeness.complete" in str(result.differences[0])
    # a contract golden (no completeness field) is a complete bulletin
    del golden["completeness"]
    (tmp_path / "g.json").write_text(json.dumps(golden), encoding="utf-8")
    assert [d.path for d in check_file(tmp_path / "o.json", tmp_path / "g.json").differences] \
        == ["completeness.complete"]


def test_inspect_shows_the_checks_first(pdfs):
    from extract.report import completeness_html, doubtful_reasons

    data = extract.run(pdfs["incomplete"]).data
    html = completeness_html(data)
    assert "INCOMPLETE" in html and TITLES[2] in html
    assert any(r.startswith("incomplete") for r in doubtful_reasons(data))


def test_next_numbered_briefs_inside_a_table_and_a_bullet_are_split_off():
    """Briefs 03 and 04 swallowed by an aligned-words table in brief 02 (the issue's case):
    the numbers continue the section's run, so each is split off again."""
    b1 = art("01", "과기부, 결산보고서 공개", "결산보고서 공개 (7.20)", pages={9})
    b2 = art("02", "저장성, 데이터 시장 육성 방안 발표", "데이터 거래 확대 (7.21)", bullets=["거래소 중심으로 개방"],
             fragments=["p10-1"], pages={10})
    table = Table(id="t10", kind="generic", caption=None, source_note=None,
                  header=[["03", "베이징, 휴머노이드 로봇 혁신센터 설립", ""]],
                  rows=[["○ 샤오미 등 기업과 공동 연구", "", ""],
                        ["04", "신장위구르자치구, 신에너지 기지 건설 가속", ""],
                        ["- 발전 설비 용량 1억 kW 돌파", "", ""]],
                  records=[], pages=[10], fragments=["p10-1"])
    s = structure(("단신동향", [b1, b2]), contents=[])
    doc = _doc(s, [table])
    comp = assess(doc)
    arts = s.sections[0].articles
    assert [(a.number, a.title) for a in arts] == [
        ("01", "과기부, 결산보고서 공개"), ("02", "저장성, 데이터 시장 육성 방안 발표"),
        ("03", "베이징, 휴머노이드 로봇 혁신센터 설립"), ("04", "신장위구르자치구, 신에너지 기지 건설 가속")]
    assert arts[2].bullets == [Bullet(1, "샤오미 등 기업과 공동 연구")]
    assert arts[3].bullets == [Bullet(1, "발전 설비 용량 1억 kW 돌파")]
    assert doc.tables == []
    numbering = next(c for c in comp["checks"] if c["check"] == "numbering")
    assert numbering["ok"] and "recovered 2" in numbering["notes"][0]
    assert sum(w.code == "completeness" for w in doc.warnings) == 2


def test_numbers_in_ordinary_bullets_are_left_alone():
    host = art("01", "과기부, 결산보고서 공개", bullets=["12 개 지역에 센터 설립", "2 차 명단 발표"])
    s = structure(("단신동향", [host]), contents=[])
    assess(_doc(s))
    assert len(s.sections[0].articles) == 1 and len(host.bullets) == 2


def test_a_bulletin_read_without_any_article_is_incomplete_not_null():
    s = Structure(summary=["과기부는 시범구를 지정하였다."],
                  contents=[{"section": "정책동향", "titles": ["과기부, 시범구 지정"]}])
    comp = assess(_doc(s))
    assert comp["complete"] is False and "articles are lost" in comp["reason"]
    assert comp["checks"][0]["missing"] == ["과기부, 시범구 지정"]


# --------------------------------------------------------------------------- the samples

PAIRS = sample_pairs()


@pytest.mark.parametrize("pdf, truth", PAIRS, ids=[p.stem for p, _ in PAIRS])
def test_every_sample_is_complete_and_checked(pdf, truth, run_cache):
    """Each bundled sample finds every article of its golden, so each check must pass; and
    the checks that have evidence in a kostec issue (contents, numbering, summary, text)
    compared something."""
    comp = run_cache(pdf).data["completeness"]
    assert comp["complete"] is True, comp["reason"]
    checked = {c["check"]: c for c in comp["checks"]}
    for name in ("contents", "numbering", "summary", "text"):
        assert checked[name]["expected"], f"{name}: nothing compared"
    golden = load_json(truth)
    assert checked["contents"]["expected"] == sum(len(c["titles"]) for c in golden["contents"])


def test_shared_kostec_pdfs_are_complete(corpus):
    for pdf in sorted((corpus / "kostec").glob("*.pdf")):
        comp = extract.run(pdf).data["completeness"]
        assert comp["complete"] is True, f"{pdf.name}: {comp['reason']}"


def test_headings_without_contents_or_known_banner_are_not_checked():
    """A report the segmenter reads as sections and numbered headings, with neither a contents
    page nor a section banner a bulletin prints, is not judged: null, not 'incomplete'."""
    s = structure(("Appendix 1", [art("02", "Method"), art("05", "Results")]), contents=[])
    comp = assess(_doc(s))
    assert comp["complete"] is None and "too little of a bulletin" in comp["reason"]
    s = structure(("Ⅱ. 정책동향", [art("02", "과기부, 시범구 지정")]), contents=[])
    assert assess(_doc(s))["complete"] is False  # a known banner: checked (01 is missing)
