"""Golden checks for CI and exports for analysts, read back with other readers."""
from __future__ import annotations

import copy
import csv
import json
import shutil
import sqlite3
import subprocess
import sys

import pytest

import extract
from extract.check import check_paths
from extract.export import export
from helpers import ROOT, sample_pairs

# The shared corpus's WeasyPrint issue (kostec-2023-11-17) has every typed kind of table.
KOSTEC_WEASYPRINT = "kostec-2023-11-17.weasyprint.pdf"


@pytest.fixture(scope="module")
def output(run_cache):
    pdf = next(p for p, _ in sample_pairs() if p.name == KOSTEC_WEASYPRINT)
    return copy.deepcopy(run_cache(pdf).data)


@pytest.fixture()
def pair(output, tmp_path):
    """An output and a golden that differ in one cell, one article and one table."""
    golden = copy.deepcopy(output)
    golden["tables"][2]["rows"][3][1] = "Lerociclib (changed)"
    output = copy.deepcopy(output)
    del output["sections"][1]["articles"][1]
    output["tables"].append({"id": "t99", "kind": "generic", "caption": "extra", "source_note": None,
                             "header": [["a", "b"]], "rows": [["1", "2"]], "records": [], "pages": [9]})
    out, gold = tmp_path / "out" / "issue.json", tmp_path / "golden" / "issue.json"
    for path, data in ((out, output), (gold, golden)):
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out, gold


def test_check_reports_exactly_the_three_differences(pair):
    out, gold = pair
    report = check_paths(out, gold)
    diffs = [str(d) for d in report.files[0].differences]
    assert len(diffs) == 3, diffs
    assert any(d.startswith("tables[2].rows[3][1]: ") for d in diffs)
    assert any(d.startswith("sections[1].articles[1]: missing") for d in diffs)
    assert any(d.startswith("tables[") and ": extra" in d for d in diffs)


def test_contract_golden_without_extension_fields_matches(output, tmp_path):
    """A golden written to the contract alone has no quality, bboxes, notes ...: their absence
    is not a difference, but a changed contract field still is, and so is an extension field
    the golden does carry."""
    golden = copy.deepcopy(output)
    for table in golden["tables"]:
        for key in ("quality", "bboxes", "notes"):
            table.pop(key, None)
    golden.pop("provenance", None)
    out, gold = tmp_path / "out.json", tmp_path / "gold.json"
    out.write_text(json.dumps(output, ensure_ascii=False), encoding="utf-8")
    gold.write_text(json.dumps(golden, ensure_ascii=False), encoding="utf-8")
    assert check_paths(out, gold).ok
    golden["tables"][0]["pages"] = [99]
    golden["tables"][1]["quality"] = {"method": "changed"}
    gold.write_text(json.dumps(golden, ensure_ascii=False), encoding="utf-8")
    diffs = [str(d) for d in check_paths(out, gold).files[0].differences]
    assert any(d.startswith("tables[0].pages") for d in diffs), diffs
    assert any(d.startswith("tables[1].quality") for d in diffs), diffs


def test_check_cli_text_json_junit_and_exit_codes(pair, tmp_path):
    out, gold = pair
    run = lambda *a: subprocess.run([sys.executable, "-m", "extract", "check", *a],  # noqa: E731
                                    capture_output=True, text=True)
    text = run(str(out.parent), str(gold.parent))
    assert text.returncode == 1 and "issue.json: 3 difference(s)" in text.stdout
    assert "1 file(s) checked, 0 ok, 1 differ" in text.stdout
    same = run(str(gold), str(gold))
    assert same.returncode == 0
    as_json = json.loads(run(str(out), str(gold), "--format", "json").stdout)
    assert not as_json["ok"] and len(as_json["files"][0]["differences"]) == 3
    ignored = run(str(out), str(gold), "--ignore", "tables", "--ignore", "sections")
    assert ignored.returncode == 0, ignored.stdout

    import xmlschema

    junit = run(str(out.parent), str(gold.parent), "--format", "junit").stdout
    schema = xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit.xsd"))
    schema.validate(junit)  # raises on any deviation from the JUnit format
    assert 'failures="1"' in junit and "tables[2].rows[3][1]" in junit


def test_accept_copies_reviewed_outputs(pair):
    out, gold = pair
    proc = subprocess.run([sys.executable, "-m", "extract", "check", str(out), str(gold), "--accept"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "accepted 3 difference(s)" in proc.stderr
    assert check_paths(out, gold).ok


@pytest.fixture(scope="module")
def archive(tmp_path_factory, run_cache):
    root = tmp_path_factory.mktemp("archive")
    for pdf, _ in sample_pairs():
        run_cache(pdf).write(root / "out" / f"{pdf.stem}.json")
    return root


def test_csv_export_read_with_the_csv_module(archive, output):
    written = export(archive / "out", "csv", archive / "csv")
    # Files are named by the key (its date, or its path when dates clash): issues.csv says which.
    with open(archive / "csv" / "issues.csv", encoding="utf-8-sig", newline="") as fh:
        key = next(r["key"] for r in csv.DictReader(fh) if r["sha256"] == output["source"]["sha256"])
    drug = next(p for p in written if p.name.startswith(key + "__") and "drug_approvals" in p.name)
    raw = drug.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel opens Korean correctly"
    with open(drug, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    table = next(t for t in output["tables"] if t["kind"] == "drug_approvals")
    assert [r["company"] for r in rows] == [rec["company"] for rec in table["records"]]
    assert [int(r["no"]) for r in rows] == [rec["no"] for rec in table["records"]]


def test_xlsx_export_read_with_pandas(archive, output, tmp_path):
    import pandas as pd

    one = archive / "out" / "kostec-2023-11-17.weasyprint.json"
    path = export(one, "xlsx", tmp_path / "issue.xlsx")[0]
    sheets = pd.read_excel(path, sheet_name=None)
    assert "articles" in sheets and "entities" in sheets
    assert all(len(name) <= 31 for name in sheets)
    ranking = next(df for name, df in sheets.items() if "country_rankings" in name)
    table = next(t for t in output["tables"] if t["kind"] == "country_rankings")
    assert ranking["score"].tolist() == [r["score"] for r in table["records"]], "numbers stay numbers"
    assert ranking["country"].tolist() == [r["country"] for r in table["records"]]
    from openpyxl import load_workbook

    ws = load_workbook(path)[next(n for n in sheets if "country_rankings" in n)]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold


def test_sqlite_export_answers_archive_questions(archive):
    db = sqlite3.connect(export(archive / "out", "sqlite", archive / "archive.sqlite")[0])
    per_company = dict(db.execute("SELECT company, count(*) FROM drug_approvals GROUP BY company").fetchall())
    assert per_company["항저우 베이다(贝达)제약*"] >= 2  # the same company across two issues
    dates = {d for (d,) in db.execute("SELECT DISTINCT issue_date FROM drug_approvals")}
    assert {"2023-08-04", "2023-11-17", "2024-01-12"} <= dates
    canon = db.execute("SELECT DISTINCT company_canonical_zh FROM drug_approvals "
                       "WHERE company LIKE '%베이다%'").fetchall()
    assert canon == [("贝达",)]
    n_generic = db.execute("SELECT count(*) FROM tables_generic").fetchone()[0]
    assert n_generic > 0


def test_parquet_export_read_with_pyarrow(archive):
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra is not installed")
    written = export(archive / "out", "parquet", archive / "parquet", long=True)
    table = pq.read_table(next(p for p in written if p.name == "country_rankings.parquet"))
    assert "score" in table.column_names and str(table.schema.field("score").type) == "double"
    assert "中国" in table.column("country").to_pylist()


def test_frames_api(archive):
    frames = extract.load_archive(archive / "out")
    assert set(frames) >= {"drug_approvals", "articles", "entities", "tables_generic"}
    assert str(frames["drug_approvals"]["no"].dtype) == "Int64"
    one = extract.run(sample_pairs()[0][0]).tables_as_frames()
    assert one and all(not df.empty for df in one.values())


def test_xlsx_opens_in_libreoffice(archive, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed here (apt-get install libreoffice-calc)")
    path = export(archive / "out" / "kostec-2023-11-17.weasyprint.json", "xlsx", tmp_path / "issue.xlsx")[0]
    proc = subprocess.run([soffice, "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and (tmp_path / "issue.csv").exists(), proc.stderr


def test_renumber_tables_compares_tables_by_position(output, tmp_path):
    """A golden whose producer named its tables b01, b02 ... differs by id only; with
    --renumber-tables that is no difference, while a changed cell still is."""
    golden = copy.deepcopy(output)
    mapping = {t["id"]: f"b{k:02d}" for k, t in enumerate(golden["tables"], start=1)}
    for t in golden["tables"]:
        t["id"] = mapping[t["id"]]
    for s in golden["sections"]:
        for a in s["articles"]:
            a["tables"] = [mapping[i] for i in a.get("tables", [])]
    out, gold = tmp_path / "out.json", tmp_path / "gold.json"
    out.write_text(json.dumps(output, ensure_ascii=False), encoding="utf-8")
    gold.write_text(json.dumps(golden, ensure_ascii=False), encoding="utf-8")
    assert not check_paths(out, gold).ok
    assert check_paths(out, gold, renumber=True).ok
    golden["tables"][1]["rows"][0][0] = "changed"
    gold.write_text(json.dumps(golden, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "extract", "check", str(out), str(gold), "--renumber-tables"],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "1 difference(s)" in proc.stdout and "tables[1].rows[0][0]" in proc.stdout


def _check(*args):
    return subprocess.run([sys.executable, "-m", "extract", "check", *map(str, args)], capture_output=True, text=True)


def test_check_exit_codes_for_ci(pair, tmp_path):
    """0 same, 1 differences or a side missing, 2 a file that cannot be read."""
    out, gold = pair
    assert _check(gold, gold).returncode == 0
    assert _check(out, gold).returncode == 1
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    proc = _check(out, broken)
    assert proc.returncode == 2 and "ERROR" in proc.stdout and "1 unreadable" in proc.stdout
    assert _check(tmp_path / "nowhere.json", gold).returncode == 2
    (out.parent / "extra.json").write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
    only_missing = _check(gold.parent, gold.parent)
    assert only_missing.returncode == 0
    missing = _check(out.parent, gold.parent)
    assert missing.returncode == 1 and "extra.json: MISSING no golden file" in missing.stdout


def test_check_baseline_fails_only_new_differences(pair, tmp_path):
    out, gold = pair
    baseline = tmp_path / "known.txt"
    first = _check(out.parent, gold.parent, "--write-baseline", baseline)
    assert first.returncode == 1 and baseline.exists()
    assert _check(out.parent, gold.parent, "--baseline", baseline).returncode == 0
    # A bare line (the samples' *.known-diffs.txt format) holds for every file.
    bare = tmp_path / "bare.txt"
    bare.write_text("# comment\n" + "\n".join(ln.split("\t", 1)[1] for ln in baseline.read_text(
        encoding="utf-8").splitlines() if "\t" in ln) + "\n", encoding="utf-8")
    assert _check(out, gold, "--baseline", bare).returncode == 0
    # One new difference: only it is listed, and the exit code says so.
    data = json.loads(out.read_text(encoding="utf-8"))
    data["issue"]["date"] = "1999-01-01"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = _check(out.parent, gold.parent, "--baseline", baseline)
    assert proc.returncode == 1 and "issue.json: 1 difference(s) (3 known, in the baseline)" in proc.stdout
    assert "issue.date" in proc.stdout
    # A known difference that went away is reported, but does not fail.
    fixed = json.loads(gold.read_text(encoding="utf-8"))
    fixed["issue"]["date"] = "1999-01-01"
    fixed["tables"][2]["rows"][3][1] = data["tables"][2]["rows"][3][1]
    gold.write_text(json.dumps(fixed, ensure_ascii=False), encoding="utf-8")
    proc = _check(out.parent, gold.parent, "--baseline", baseline)
    assert proc.returncode == 0 and "no longer occurs" in proc.stdout and "tables[2].rows[3][1]" in proc.stdout


def test_accept_writes_missing_goldens_and_entity_order_is_no_difference(pair, tmp_path):
    out, gold = pair
    data = json.loads(out.read_text(encoding="utf-8"))
    data["entities"] = list(reversed(data["entities"]))
    assert len(data["entities"]) > 1
    new = out.parent / "sub" / "new-issue.json"
    new.parent.mkdir()
    new.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = _check(out.parent, gold.parent, "--accept")
    assert proc.returncode == 0 and "new golden" in proc.stderr
    assert (gold.parent / "sub" / "new-issue.json").exists()
    single = tmp_path / "goldens" / "one.json"
    assert _check(out, single).returncode == 1
    assert _check(out, single, "--accept").returncode == 0 and _check(out, single).returncode == 0
    assert _check(out.parent, gold.parent).returncode == 0
    # Entities in another order are the same set: no difference.
    reordered = json.loads(out.read_text(encoding="utf-8"))
    reordered["entities"] = list(reversed(reordered["entities"]))
    out.write_text(json.dumps(reordered, ensure_ascii=False), encoding="utf-8")
    assert _check(out, gold).returncode == 0


def test_check_api_baseline_and_exit_codes(pair, tmp_path):
    from extract.check import baseline_text, read_baseline

    out, gold = pair
    report = check_paths(out, gold)
    assert report.exit_code == 1 and len(report.files[0].differences) == 3
    known = tmp_path / "known.txt"
    known.write_text(baseline_text(report), encoding="utf-8")
    again = check_paths(out, gold)
    again.apply_baseline(read_baseline(known))
    assert again.exit_code == 0 and len(again.files[0].known) == 3 and again.ok
    broken = tmp_path / "broken.json"
    broken.write_text("[", encoding="utf-8")
    assert check_paths(out, broken).exit_code == 2
