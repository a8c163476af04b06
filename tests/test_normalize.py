"""Name normalisation: canonical entities for regions, countries, companies and institutions."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from extract.model import Table
from extract.normalize import Normalizer, jamo
from extract.settings import NameSettings

DATA = Path(__file__).resolve().parent / "data"
HELDOUT = DATA / "names_heldout.csv"
TUNING = DATA / "names_tuning.csv"
SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def normalizer():
    return Normalizer()


def _rows(path: Path) -> list[list[str]]:
    rows = [r for r in csv.reader(path.open(encoding="utf-8")) if r and not r[0].startswith("#")]
    assert rows[0] == ["mention", "type", "expected"]
    return rows[1:]


def _score_list(normalizer, path: Path):
    right, wrong, missed = 0, [], []
    rows = _rows(path)
    for mention, typ, expected in rows:
        r = normalizer.resolve(mention, typ or None)
        got = "AMBIGUOUS" if r.ambiguous else r.canonical_zh
        if got == expected:
            right += 1
        elif got is not None and got != "AMBIGUOUS":
            wrong.append((mention, expected, got))  # resolved, to the wrong entity
        else:
            missed.append((mention, expected, got))
    return rows, right, wrong, missed


def test_jamo_brings_spellings_of_one_sound_together():
    from rapidfuzz import fuzz

    assert fuzz.ratio("광둥", "광동") == 50
    assert fuzz.ratio(jamo("광둥"), jamo("광동")) > 80
    assert jamo("귀저우") == jamo("구이저우")  # 귀 = 구+이 once the silent ㅇ goes
    assert jamo("칭해") == jamo("칭하이")


@pytest.mark.parametrize("mention, zh", [
    ("광동성", "广东"), ("광둥", "广东"), ("귀저우", "贵州"), ("티벳", "西藏"),
    ("美国", "美国"), ("韩国", "韩国"), ("하남", "河南"), ("상해", "上海"), ("廣東省", "广东"), ("Shaanxi", "陕西"),
])
def test_variants_resolve(normalizer, mention, zh):
    r = normalizer.resolve(mention)
    assert (r.canonical_zh, r.ambiguous) == (zh, False)


def test_shanxi_alone_is_ambiguous_and_context_decides(normalizer):
    alone = normalizer.resolve("산시")
    assert alone.ambiguous and alone.canonical_zh is None and alone.canonical_ko is None
    assert {c["canonical_zh"] for c in alone.candidates} == {"山西", "陕西"}
    assert normalizer.resolve("산시성", "region").ambiguous
    assert normalizer.resolve("산시", context=["시안"]).canonical_zh == "陕西"
    assert normalizer.resolve("산시", context=["西安"]).canonical_zh == "陕西"
    assert normalizer.resolve("산시", context=["陕西"]).canonical_zh == "陕西"
    assert normalizer.resolve("산시", context=["타이위안"]).canonical_zh == "山西"
    assert normalizer.resolve("산시", context=["산둥", "허난"]).ambiguous, "other provinces decide nothing"
    assert normalizer.resolve("산시(陕西)").canonical_zh == "陕西", "the Hanzi in parentheses win"


def test_city_and_province_collisions_are_type_and_context_aware(normalizer):
    # 지란 is a slip for the province 지린 (a vowel), not the city 지난 (a consonant)
    assert normalizer.resolve("지란", "region").canonical_zh == "吉林"
    # 타이완 is a region (CN-TW) and a country (TW): the type decides (Hong Kong and Macau are
    # regions everywhere, docs/NAMES.md)
    assert normalizer.resolve("타이완", "region").code == "CN-TW"
    assert normalizer.resolve("타이완", "country").code == "TW"
    # 몽골 is the country, whatever the column; 내몽골 the region
    assert normalizer.resolve("몽골", "country").code == "MN"
    assert normalizer.resolve("내몽골").code == "CN-NM"
    assert normalizer.resolve("몽골", "region").code == "MN"


def test_company_canonical_forms(normalizer):
    r = normalizer.resolve("항저우 베이다(贝达)제약*", "company")
    assert (r.canonical_ko, r.canonical_zh, r.canonical_en) == ("베이다제약", "贝达", "Betta")
    assert normalizer.resolve("미국 Medtronic Inc.", "company").canonical_ko == "Medtronic Inc."
    assert normalizer.resolve("Nuvation Bio사", "company").canonical_ko == "NuvationBio사"
    assert normalizer.split_prefix("쑤저우 쑨마이더 (潤邁德)의료회사") == ("쑤저우", "쑨마이더 (潤邁德)의료회사")
    # without its Hanzi, a known company is still recognised by its Korean core name
    assert normalizer.resolve("저장 베이다 제약", "company").canonical_zh == "贝达"
    assert normalizer.resolve("란저우 생물학적 제제연구소").type == "institution"


def test_to_dict_has_the_contract_fields_and_candidates(normalizer):
    d = normalizer.resolve("산시").to_dict()
    assert set(d) == {"mention", "type", "canonical_ko", "canonical_zh", "canonical_en", "code", "score",
                      "ambiguous", "candidates"}
    assert d["ambiguous"] is True and len(d["candidates"]) == 2


def test_generic_columns_by_header_and_by_content(normalizer):
    by_header = Table("a", "generic", None, None, [["기업", "소재지"]],
                      [["즈푸(智谱)", "베이징"], ["MiniMax", "상하이"]], [], [1])
    by_content = Table("b", "generic", None, None, [["분야", "상위 지역"]],
                       [["정보", "광둥, 시안, 산시"], ["재료", "지란, 윈난, 간쑤"],
                        ["제조", "장쑤, 랴오닝, 산둥"]], [], [1])
    found = {(r.mention, r.type): r for r in normalizer.entities_from_tables([by_header, by_content])}
    assert {m for m, t in found} >= {"베이징", "상하이", "광둥", "시안", "산시", "지란", "장쑤"}
    assert found[("산시", "region")].canonical_zh == "陕西", "시안 in the same row decides"
    assert found[("지란", "region")].canonical_zh == "吉林"
    assert ("즈푸(智谱)", "company") not in found, "organisation columns are off by default"
    with_orgs = Normalizer(NameSettings(generic_organisations=True)).entities_from_tables([by_header])
    assert ("즈푸(智谱)", "company") in {(r.mention, r.type) for r in with_orgs}
    assert [r.canonical_zh for r in with_orgs if r.mention == "즈푸(智谱)"] == ["智谱"]


def _truth_tables(truth):
    return [Table(id=t["id"], kind=t["kind"], caption=t.get("caption"), source_note=t.get("source_note"),
                  header=t["header"], rows=t["rows"], records=t["records"], pages=t.get("pages") or [])
            for t in truth["tables"]]


def test_every_truth_entity_of_the_shared_corpus(normalizer):
    import json

    kostec = SHARED_CORPUS / "kostec"
    if not kostec.is_dir():
        pytest.skip(f"the shared corpus is not here ({SHARED_CORPUS}); it is present in CI and on the "
                    "project's machines, not in a fresh clone")
    truths = sorted(kostec.glob("*.truth.json"))
    assert truths
    bad = []
    for truth_path in truths:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        found = {(r.mention, r.type): r for r in normalizer.entities_from_tables(_truth_tables(truth))}
        for e in truth["entities"]:
            r = found.get((e["mention"], e["type"]))
            if r is None:
                bad.append((truth_path.name, e["mention"], "not found"))
                continue
            got = (r.canonical_ko, r.canonical_zh, r.canonical_en, r.ambiguous)
            want = (e["canonical_ko"], e["canonical_zh"], e["canonical_en"], e["ambiguous"])
            if got != want:
                bad.append((truth_path.name, e["mention"], got, want))
    assert not bad, bad


def test_tuning_list(normalizer):
    rows, right, wrong, missed = _score_list(normalizer, TUNING)
    assert not wrong, f"resolved to a wrong entity: {wrong}"
    assert right / len(rows) >= 0.97, (f"{right}/{len(rows)}", missed)


def test_held_out_spellings(normalizer):
    """Written before the matcher and never tuned on: >= 97% right, none resolved wrongly."""
    rows, right, wrong, missed = _score_list(normalizer, HELDOUT)
    assert len(rows) >= 150
    assert not wrong, f"resolved to a wrong entity: {wrong}"
    assert right / len(rows) >= 0.97, (f"{right}/{len(rows)}", missed)


# ---------------------------------------------------------------- issue #17, item 4: honest names
DEV_TSV = DATA / "names_dev.tsv"
HELDOUT_TSV = DATA / "names_heldout.tsv"


def test_a_mention_nothing_matches_is_unknown_not_a_company(normalizer):
    for mention in ("기타", "합계", "Pfizer", "인공지능", "John Smith", "15.3%"):
        r = normalizer.resolve(mention)
        assert r.type == "unknown", (mention, r)
        assert (r.canonical_ko, r.canonical_zh, r.canonical_en, r.ambiguous) == (None, None, None, False)
        assert r.score < 100, "the best candidate's score, not 100"
    # a company form or a company column makes it a company
    assert normalizer.resolve("Pfizer", "company").type == "company"
    assert normalizer.resolve("Pfizer Inc.").type == "company"
    assert normalizer.resolve("광둥제약").type == "company", "not a misspelt 광둥"
    assert normalizer.resolve("칭화대학교").type == "institution"
    assert normalizer.resolve("Korea Institute of Science and Technology").canonical_ko == \
        "Korea Institute of Science and Technology", "a Latin first word is part of the name"


def test_long_and_old_country_names(normalizer):
    for mention, code in [("Republic of Korea", "KR"), ("대한민국", "KR"), ("People's Republic of China", "CN"),
                          ("United States of America", "US"), ("미합중국", "US"), ("중화인민공화국", "CN"),
                          ("불란서", "FR"), ("영길리", "GB"), ("독일연방공화국", "DE"), ("일본국", "JP"),
                          ("러시아 연방", "RU"), ("프랑스 공화국", "FR"), ("Korea, Republic of", "KR")]:
        r = normalizer.resolve(mention)
        assert (r.code, r.ambiguous, r.type) == (code, False, "country"), (mention, r)
    korea = normalizer.resolve("Republic of Korea")
    assert korea.score > max(c["score"] for c in korea.candidates), "no tie with Kenya, Iraq or North Korea"


def test_a_region_typo_does_not_resolve_to_a_country(normalizer):
    r = normalizer.resolve("하이랸")
    assert r.canonical_zh != "荷兰" and not r.resolved
    assert normalizer.resolve("하이랸", "region").canonical_zh != "荷兰"
    assert normalizer.resolve("하이랸성").type != "country", "성 says it is a region"
    assert normalizer.resolve("한국인").type == "unknown", "a name with a word after it is another word"
    # the names beside it decide the type: among provinces 지란 is 지린, alone it could be 이란
    assert normalizer.resolve("지란", context=["윈난", "간쑤"]).canonical_zh == "吉林"
    assert normalizer.resolve("지란", "region").canonical_zh == "吉林"


def test_unknown_entities_are_valid_against_the_schema(normalizer):
    import json

    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).resolve().parents[1] / "schemas" / "bulletin.schema.json").read_text())
    entity = {"$defs": schema["$defs"], **schema["$defs"]["entity"]}
    for mention in ("기타", "하이랸", "Republic of Korea", "산시"):
        jsonschema.validate(normalizer.resolve(mention).to_dict(), entity)


def test_aspiration_is_folded_in_the_consonant_skeleton_only():
    from extract.normalize import consonants

    assert consonants("이라끄") == consonants("이라크") == consonants("이라그")
    assert jamo("이라끄") != jamo("이라크")  # the full letters still tell them apart


def test_aspiration_slip_of_a_country(normalizer):
    r = normalizer.resolve("이라끄", "country")
    assert (r.canonical_zh, r.ambiguous) == ("伊拉克", False)


def test_a_city_no_closer_than_a_province_does_not_block_it_in_a_region_column(normalizer):
    # 허란 is as near to 河南 (허난) as to the city 武汉 (우한): a region column names provinces
    r = normalizer.resolve("허란", "region")
    assert (r.canonical_zh, r.ambiguous) == ("河南", False)
    # without the column's type the country 荷兰 (허란 is its Korean name's slip) stays in play
    assert normalizer.resolve("허란").canonical_zh != "河南"
    # a closer city still wins over a province (선전 is Shenzhen, not a slip of a province)
    assert normalizer.resolve("선전", "region").canonical_zh == "深圳"


def test_words_that_label_or_fill_cells_name_nothing_whatever_the_column(normalizer):
    for word, hint in (("기타", "country"), ("없음", "company"), ("비중", "region"), ("제품명", "company"),
                       ("합 계", None)):
        r = normalizer.resolve(word, hint)
        assert r.type == "unknown" and r.canonical_zh is None and not r.ambiguous, (word, hint, r)
    # the same column still types a slip of one of its names
    assert normalizer.resolve("간수", "region").canonical_zh == "甘肃"


def test_a_known_name_keeps_its_own_type_whatever_the_hint(normalizer):
    # docs/NAMES.md: the hint does not turn a well-known name into something else (or nothing)
    for mention, hint, typ, zh in [("스웨덴", "region", "country", "瑞典"), ("후베이성", "country", "region", "湖北"),
                                   ("Kingdom of Sweden", "region", "country", "瑞典"),
                                   ("우한(武汉)", "country", "region", "武汉")]:
        r = normalizer.resolve(mention, hint)
        assert (r.type, r.canonical_zh, r.ambiguous) == (typ, zh, False), (mention, hint, r)
    # a name of both types (타이완) still takes the hint's
    assert normalizer.resolve("타이완", "country").type == "country"


def test_hong_kong_and_macau_are_regions_everywhere(normalizer):
    for mention in ("향항", "오문", "Hong Kong Special Administrative Region of China"):
        for hint in ("country", "region", None):
            r = normalizer.resolve(mention, hint)
            assert (r.type, r.code) == ("region", "CN-" + ("MO" if mention == "오문" else "HK")), (mention, hint, r)


def test_dev_and_held_out_lists(normalizer):
    """names_dev.tsv was tuned on; the held-out lists were each written before the changes they
    check (their first looks: 1: 244/259, 2: 127/130 and 1 confidently wrong, 3: 209/213 and 1
    confidently wrong; figures now: 254/259, 128/130, 211/213, none confidently wrong)."""
    from extract.normalize.evaluate import score_list

    dev = score_list(DEV_TSV, normalizer)
    assert not dev.confidently_wrong, dev.confidently_wrong
    assert dev.right / dev.total >= 0.96, dev.wrong
    for name in ("names_heldout.tsv", "names_heldout2.tsv", "names_heldout3.tsv"):
        held = score_list(DATA / name, normalizer)
        assert held.total >= 130
        assert not held.confidently_wrong, (name, held.confidently_wrong)
        assert held.right / held.total >= 0.97, (name, held.wrong)
    # the fourth list was written blind by another hand: first look 196/232 (as written), 213/232
    # and 7 confidently wrong before docs/NAMES.md was followed; 232/232 after, with four company-
    # column rows that contradicted docs/NAMES.md corrected (its header says which and why)
    fourth = score_list(DATA / "names_heldout4.tsv", normalizer)
    assert fourth.total == 232 and fourth.right >= 230, fourth.wrong
    assert not fourth.confidently_wrong, fourth.confidently_wrong
    # Lists 5-8, each written blind to docs/NAMES.md after the one before was seen; their first
    # looks (in their headers): 322/327 and 2 confidently wrong, 257/263 and 1, 244/258 and 2
    # (two rows corrected since), 231/233 and none, with nothing changed for the eighth.
    for name, total, right in (("names_heldout5.tsv", 327, 325), ("names_heldout6.tsv", 263, 261),
                               ("names_heldout7.tsv", 258, 253), ("names_heldout8.tsv", 233, 231)):
        blind = score_list(DATA / name, normalizer)
        assert blind.total == total and blind.right >= right, (name, blind.wrong)
        assert not blind.confidently_wrong, (name, blind.confidently_wrong)


def test_names_command_fits_80_columns():
    from rich.cells import cell_len
    from typer.testing import CliRunner

    from extract.cli import app

    result = CliRunner().invoke(app, ["names", "광동성", "산시", "Republic of Korea", "하이랸", "기타",
                                      "항저우 베이다(贝达)제약*",
                                      "United Kingdom of Great Britain and Northern Ireland"],
                                env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines and max(cell_len(line) for line in lines) <= 80, result.output
    assert "广东" in result.output and "unknown" in result.output


def test_everyday_words_are_not_places_or_companies(normalizer):
    # two syllables are too few letters for a slip to tell, and a slip changes one syllable at most
    for word in ("보건", "공시", "연도", "시장", "검색", "바이오의약", "하이테크", "건설공사", "대학원", "Co.",
                 "University", "有限公司"):
        r = normalizer.resolve(word)
        assert r.type == "unknown" and not r.ambiguous, (word, r)
    # in a region column the same slips are a region's
    assert normalizer.resolve("간수", "region").canonical_zh == "甘肃"
    assert normalizer.resolve("보건", "region").canonical_zh == "福建"


def test_a_column_of_provinces_types_its_slips():
    by_column = Table("c", "generic", None, None, [["분야", "지역"]],
                      [["정보", "광둥"], ["재료", "칭해"], ["제조", "장쑤"]], [], [1])
    found = {(r.mention, r.type): r for r in Normalizer().entities_from_tables([by_column])}
    assert found[("칭해", "region")].canonical_zh == "青海"


def test_the_older_csv_lists_are_read_as_rows_of_the_tsv_lists():
    from extract.normalize.evaluate import read_list

    rows = read_list(TUNING)
    assert len(rows) == len(_rows(TUNING))
    assert ("산시", "region", "ambiguous", "") in rows  # AMBIGUOUS: the type ambiguous, no expected
    assert all(hint in ("region", "country") for _, hint, _, _ in rows)


def test_a_ranking_row_of_hong_kong_gets_the_region_s_canonical_names():
    from extract.frames import long_rows

    hk = Normalizer().resolve("홍콩", "country")  # as entities_from_tables resolves a ranking's country
    doc = {"source": {"sha256": "x", "file": "x.pdf"}, "issue": {}, "sections": [], "entities": [hk.to_dict()],
           "tables": [{"id": "t01", "kind": "country_rankings", "records": [{"rank": 1, "country": "홍콩"}]}]}
    row = long_rows(doc)["country_rankings"][0]
    assert (row["country_canonical_zh"], row["country_canonical_en"]) == ("香港", "Hong Kong")


def test_a_slip_closer_to_a_name_of_the_other_type_than_the_hint_s_is_ambiguous(normalizer):
    # docs/NAMES.md: a doubtful match of another type than the hint cannot win outright
    for mention in ("스웨던", "멕시꼬"):  # 瑞典, 墨西哥 slipped; 멕시꼬 is also 71 from the city 无锡
        r = normalizer.resolve(mention, "region")
        assert r.ambiguous and r.canonical_zh is None, (mention, r)
        assert {c["type"] for c in r.candidates} >= {"country"}
    assert normalizer.resolve("스웨던").canonical_zh == "瑞典", "with no hint the slip is the country's"
    # the hint is worth type_margin points: a region slip a little closer to a country is the region
    assert normalizer.resolve("허란", "region").canonical_zh == "河南"


def test_a_two_syllable_slip_does_not_both_drop_a_syllable_and_change_its_first_sound(normalizer):
    # 나다 would be 캐나다 (加拿大) at 76 under a country column: a syllable fewer and another first sound
    r = normalizer.resolve("나다", "country")
    assert r.canonical_zh is None, r
    # a syllable fewer with the same first sound still may be a slip (쑤저우 written 소주 in a region column)
    assert normalizer.resolve("소주", "region").canonical_zh == "苏州"


def test_korean_names_in_use_that_iso_codes_lacks(normalizer):
    # official names whose stem names something else, the dictionary's 타이, North Korea's 로씨야,
    # the former 버마 (extract/data/build_gazetteers.KOREAN_NAMES), also inside a state's form
    for mention, code in [("아메리카 합중국", "US"), ("타이 왕국", "TH"), ("로씨야 연방", "RU"), ("버마 연방", "MM"),
                          ("그레이트브리튼북아일랜드연합왕국", "GB")]:
        r = normalizer.resolve(mention, "country")
        assert (r.code, r.ambiguous) == (code, False), (mention, r)
    assert normalizer.resolve("타이어").type == "unknown", "a tyre is no Thailand"


def test_a_company_column_names_what_nothing_matches_except_persons_and_labels(normalizer):
    # docs/NAMES.md: the printed form without spaces is the company (or institution) ...
    for mention, hint, ko in [("케리오닉스", "company", "케리오닉스"), ("Veltrona", "company", "Veltrona"),
                              ("한국전력", "company", "한국전력"), ("루미 엣지 7", "company", "루미엣지7"),
                              ("다솔랩", "institution", "다솔랩")]:
        r = normalizer.resolve(mention, hint)
        assert (r.type, r.canonical_ko, r.ambiguous) == (hint, ko, False), (mention, r)
    # ... but a person's name, a label word or a mention with no letter is unknown
    for mention, hint in [("최서윤", "company"), ("선우재민", "institution"), ("저우리밍", "company"),
                          ("Subtotal", "company"), ("n/a", "institution"), ("—", "company"), ("12.5%", "company")]:
        r = normalizer.resolve(mention, hint)
        assert (r.type, r.canonical_ko, r.ambiguous) == ("unknown", None, False), (mention, hint, r)
    # a known place keeps its type there too
    assert normalizer.resolve("광저우", "company").canonical_zh == "广州"


def test_label_words_with_a_header_s_affixes_or_saying_nothing_is_there_are_unknown(normalizer):
    for mention, hint in [("업체별", "company"), ("수출액", "region"), ("주요 기관", "institution"),
                          ("제품명(영문)", "company"), ("Grand Total", "company"), ("Sub-total", "institution"),
                          ("확인 불가", "country"), ("정보 미기재", "company")]:
        r = normalizer.resolve(mention, hint)
        assert (r.type, r.canonical_ko, r.ambiguous) == ("unknown", None, False), (mention, hint, r)
    # the affixes alone make nothing a label: a company's own name ending so is still a company
    assert normalizer.resolve("샛별", "company").type == "company"


@pytest.mark.parametrize("mention, code", [
    ("Iran, Islamic Rep.", "IR"), ("Egypt, Arab Rep.", "EG"), ("Yemen, Rep.", "YE"),
    ("Korea, Dem. People's Rep.", "KP"), ("Congo, Dem. Rep.", "CD"), ("Congo, Rep.", "CG"),
    ("Democratic Republic of the Congo", "CD"),
])
def test_statistical_tables_short_name_first_forms_resolve_and_tell_states_apart(normalizer, mention, code):
    # The World Bank's forms: the short name first, the state's form abbreviated after a comma.
    # "Democratic" tells the two Congos (and Koreas) apart: the Democratic Republic of the Congo
    # was the other Congo at 98, confidently.
    res = normalizer.resolve(mention, "country")
    assert (res.code, res.ambiguous) == (code, False)


@pytest.mark.parametrize("mention, hint", [("스웨댄", "company"), ("말레이시야", "institution")])
def test_a_close_slip_of_a_place_under_a_company_column_is_ambiguous(normalizer, mention, hint):
    # The column speaks for a company of that name, the spelling for the place: neither wins.
    res = normalizer.resolve(mention, hint)
    assert res.ambiguous and res.type == "country"


@pytest.mark.parametrize("mention, hint, zh", [
    ("刚果(布)", "country", "刚果"), ("刚果（金）", None, "刚果民主共和国"),
    ("hong kong sar, china", "country", "香港"), ("신장웨이우얼자치구", "region", "新疆"),
])
def test_names_whose_parentheses_or_commas_are_part_of_them(normalizer, mention, hint, zh):
    # 刚果（金）/（布）: the Congos told apart by their capitals, the parentheses part of the name
    # (not a note whose Hanzi decide); the World Bank's "Hong Kong SAR, China"; 维吾尔 transcribed
    # from Chinese (웨이우얼) beside the Korean 위구르.
    res = normalizer.resolve(mention, hint)
    assert (res.canonical_zh, res.ambiguous) == (zh, False)


@pytest.mark.parametrize("mention, hint, zh", [
    ("Yúnnán Shěng", None, "云南"), ("Türkiye", "country", "土耳其"), ("Finnland", None, "芬兰"),
    ("Macao, China", "country", "澳门"),
])
def test_tone_marks_latin_slips_and_a_comma_china(normalizer, mention, hint, zh):
    # Pinyin printed with its tones; a Latin slip with no column type (the guard against
    # two-syllable Hangul slips kept every Latin slip out); Hong Kong and Macau as "X, China".
    res = normalizer.resolve(mention, hint)
    assert (res.canonical_zh, res.ambiguous) == (zh, False)
