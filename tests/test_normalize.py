"""Name normalisation: canonical entities for places, countries and companies."""
from __future__ import annotations

import csv

import pytest

from extract.model import Table
from extract.normalize import Normalizer, jamo

from conftest import ROOT, load_json

HELDOUT = ROOT / "tests" / "data" / "names_heldout.csv"


@pytest.fixture(scope="module")
def normalizer():
    return Normalizer()


def test_jamo_brings_spellings_of_one_sound_together():
    from rapidfuzz import fuzz

    assert fuzz.ratio("광둥", "광동") == 50
    assert fuzz.ratio(jamo("광둥"), jamo("광동")) > 80
    assert jamo("귀저우") == jamo("구이저우")  # 귀 = 구+이 once the silent ㅇ goes


@pytest.mark.parametrize("mention, zh", [
    ("광동성", "广东"), ("광둥", "广东"), ("귀저우", "贵州"), ("칭해", "青海"), ("티벳", "西藏"),
    ("美国", "美国"), ("韩国", "韩国"), ("하남", "河南"), ("상해", "上海"),
])
def test_variants_resolve(normalizer, mention, zh):
    r = normalizer.resolve(mention)
    assert (r.canonical_zh, r.ambiguous) == (zh, False)


def test_shanxi_alone_is_ambiguous_and_context_decides(normalizer):
    alone = normalizer.resolve("산시")
    assert alone.ambiguous and alone.canonical_zh is None
    assert {c["canonical_zh"] for c in alone.candidates} == {"山西", "陕西"}
    assert normalizer.resolve("산시", context=["시안"]).canonical_zh == "陕西"
    assert normalizer.resolve("산시", context=["타이위안"]).canonical_zh == "山西"
    assert normalizer.resolve("산시(陕西)").canonical_zh == "陕西", "the Hanzi in parentheses win"


def test_company_canonical_forms(normalizer):
    r = normalizer.resolve("항저우 베이다(贝达)제약*", "company")
    assert (r.canonical_ko, r.canonical_zh) == ("베이다제약", "贝达")
    assert normalizer.resolve("미국 Medtronic Inc.", "company").canonical_ko == "Medtronic Inc."
    assert normalizer.split_prefix("쑤저우 쑨마이더 (潤邁德)의료회사") == ("쑤저우", "쑨마이더 (潤邁德)의료회사")


def _truth_tables(truth):
    return [Table(id=t["id"], kind=t["kind"], caption=t["caption"], source_note=t["source_note"],
                  header=t["header"], rows=t["rows"], records=t["records"], pages=t["pages"])
            for t in truth["tables"]]


def test_every_truth_entity_of_the_shared_corpus(corpus, normalizer):
    for truth_path in sorted((corpus / "kostec").glob("*.truth.json")):
        truth = load_json(truth_path)
        found = {(r.mention, r.type): r for r in normalizer.entities_from_tables(_truth_tables(truth))}
        for e in truth["entities"]:
            r = found.get((e["mention"], e["type"]))
            assert r is not None, (truth_path.name, e["mention"])
            got = (r.canonical_ko, r.canonical_zh, r.canonical_en, r.ambiguous)
            assert got == (e["canonical_ko"], e["canonical_zh"], e["canonical_en"], e["ambiguous"]), e


def test_held_out_spellings(normalizer):
    rows = [r for r in csv.reader(HELDOUT.open(encoding="utf-8")) if r and not r[0].startswith("#")][1:]
    assert len(rows) >= 150
    right, wrong = 0, []
    for mention, typ, expected in rows:
        r = normalizer.resolve(mention, typ)
        got = "AMBIGUOUS" if r.ambiguous else r.canonical_zh
        if got == expected:
            right += 1
        elif got is not None and got != "AMBIGUOUS":
            wrong.append((mention, expected, got))
    assert not wrong, f"resolved to a wrong entity: {wrong}"
    assert right / len(rows) >= 0.97, f"{right}/{len(rows)}"
