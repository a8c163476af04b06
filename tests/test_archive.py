"""An archive at scale: exports that add up instead of overwriting, a SQLite database that
grows with the archive and opens in datasette, and the whole scenario end to end."""
from __future__ import annotations

import copy
import csv
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from extract.export import LONG_TABLES, export
from helpers import ROOT, draw_mini_bulletin, make_pdf

SAMPLE = ROOT / "samples" / "kostec-2024-01-12.reportlab.pdf"  # has typed and generic tables


def _variant(doc: dict, sha_char: str, date: str) -> dict:
    """The same issue as another PDF of another date: a new key, the same content."""
    doc = copy.deepcopy(doc)
    doc["source"]["sha256"] = sha_char * 64
    doc["issue"]["date"] = date
    return doc


def _write(path: Path, doc: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample_output(run_cache):
    return copy.deepcopy(run_cache(SAMPLE).data)


@pytest.fixture()
def folders(sample_output, tmp_path):
    """Two exports' worth of outputs: 2023/ and 2024/ with a same-named issue in each."""
    one, two = tmp_path / "out" / "2023", tmp_path / "out" / "2024"
    _write(one / "issue-01.json", _variant(sample_output, "a", "2023-01-06"))
    _write(one / "issue-02.json", _variant(sample_output, "b", "2023-01-13"))
    _write(two / "issue-01.json", _variant(sample_output, "c", "2024-01-05"))
    return one, two


def _dump(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    lines = list(db.iterdump())
    db.close()
    return lines


def _issue_keys(path: Path) -> set[str]:
    db = sqlite3.connect(path)
    keys = {k for (k,) in db.execute("SELECT sha256 FROM issues")}
    db.close()
    return keys


def test_sqlite_has_an_issues_table_every_row_points_to(folders, tmp_path, sample_output):
    dest = tmp_path / "archive.sqlite"
    export(folders[0], "sqlite", dest)
    db = sqlite3.connect(dest)
    db.row_factory = sqlite3.Row
    issues = {r["sha256"]: dict(r) for r in db.execute("SELECT * FROM issues")}
    assert set(issues) == {"a" * 64, "b" * 64}
    first = issues["a" * 64]
    assert first["date"] == "2023-01-06" and first["pages"] == sample_output["source"]["pages"]
    assert first["series"] == sample_output["issue"]["series"]
    assert first["producer"] == sample_output["provenance"]["pdf_metadata"]["Producer"]
    assert first["warnings"] == len(sample_output["warnings"])
    assert first["source_path"].endswith("issue-01.json") and first["source_file"] == SAMPLE.name
    filled = 0
    for name in LONG_TABLES:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if name not in tables:
            continue
        orphans = db.execute(f'SELECT count(*) FROM "{name}" WHERE issue_sha256 NOT IN '
                             "(SELECT sha256 FROM issues)").fetchone()[0]
        assert orphans == 0, name
        filled += db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] > 0
        indexed = {r[2] for idx in db.execute(f"PRAGMA index_list('{name}')")
                   for r in db.execute(f"PRAGMA index_info('{idx[1]}')")}
        assert "issue_sha256" in indexed, f"{name} has no index on its join key"
        fks = {(r[3], r[2]) for r in db.execute(f"PRAGMA foreign_key_list('{name}')")}
        assert ("issue_sha256", "issues") in fks, name
    assert filled >= 4, "articles, entities and tables were exported"
    n_articles = sum(len(s["articles"]) for s in sample_output["sections"])
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 2 * n_articles
    db.close()


def test_sqlite_full_text_index_finds_titles_bullets_and_references(folders, tmp_path, sample_output):
    dest = tmp_path / "archive.sqlite"
    export(folders[0], "sqlite", dest)
    article = next(a for s in sample_output["sections"] for a in s["articles"] if a.get("bullets")
                   and a.get("references"))
    db = sqlite3.connect(dest)
    sql = ("SELECT articles.issue_sha256, articles.title FROM articles_fts JOIN articles "
           "ON articles.rowid = articles_fts.rowid WHERE articles_fts MATCH ?")
    for needle in (article["title"][:6], article["bullets"][0]["text"][4:10],
                   article["references"][0]["title"][:5] if isinstance(article["references"][0], dict) else None):
        if needle is None:
            continue
        hits = db.execute(sql, ['"' + needle.replace('"', '""') + '"']).fetchall()
        assert {k for k, _ in hits} == {"a" * 64, "b" * 64}, needle
        assert article["title"] in {t for _, t in hits}, needle
    create = db.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    assert "trigram" in create, "Korean and Chinese need the trigram tokenizer (no word spaces)"
    db.close()


def test_trigram_missing_falls_back_with_a_notice(folders, tmp_path, monkeypatch):
    from extract import sqlite_export

    monkeypatch.setattr(sqlite_export, "trigram_supported", lambda: False)
    notices: list[str] = []
    dest = export(folders[0], "sqlite", tmp_path / "old.sqlite", notices=notices)[0]
    assert any("trigram" in n for n in notices), notices
    db = sqlite3.connect(dest)
    create = db.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    assert "trigram" not in create and db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] > 0
    db.close()


def test_sqlite_adds_up_re_export_changes_nothing_replace_rebuilds(folders, tmp_path):
    dest = tmp_path / "archive.sqlite"
    export(folders[0], "sqlite", dest)
    export(folders[1], "sqlite", dest)
    assert _issue_keys(dest) == {"a" * 64, "b" * 64, "c" * 64}, "the second export added, it did not replace"
    before = _dump(dest)
    export(folders[0], "sqlite", dest)
    assert _dump(dest) == before, "re-exporting the same outputs changed the database"
    # A re-converted output (a title corrected) replaces its issue's rows, never doubles them.
    path = folders[0] / "issue-01.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["sections"][0]["articles"][0]["title"] = "고친 제목 (corrected)"
    _write(path, doc)
    export(folders[0], "sqlite", dest)
    db = sqlite3.connect(dest)
    titles = [t for (t,) in db.execute("SELECT title FROM articles WHERE issue_sha256 = ?", ["a" * 64])]
    counts = [db.execute("SELECT count(*) FROM articles WHERE issue_sha256 = ?", [k]).fetchone()[0]
              for k in ("a" * 64, "b" * 64)]
    fts = db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"corrected\"'").fetchone()[0]
    db.close()
    assert "고친 제목 (corrected)" in titles and counts[0] == counts[1] and fts == 1
    proc = subprocess.run([sys.executable, "-m", "extract", "export", str(folders[1]), "--to", "sqlite",
                           "-o", str(dest), "--replace"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert _issue_keys(dest) == {"c" * 64}


def test_datasette_serves_the_issues_as_json(folders, tmp_path):
    pytest.importorskip("datasette", reason="datasette is a dev dependency (pip install -e '.[dev]')")
    dest = export(folders[0], "sqlite", tmp_path / "archive.sqlite")[0]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(dest), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/archive/issues.json?_shape=array"
    try:
        rows, deadline = None, time.time() + 60
        while rows is None and time.time() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"datasette exited: {proc.stderr.read().decode(errors='replace')}")
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:
                    rows = json.loads(resp.read())
            except OSError:
                time.sleep(0.3)
        assert rows is not None, "datasette did not answer within 60 s"
        assert {r["sha256"] for r in rows} == {"a" * 64, "b" * 64}
        assert {r["date"] for r in rows} == {"2023-01-06", "2023-01-13"}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _csv_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_never_overwrites_one_issue_with_another(folders, tmp_path, sample_output):
    """Both years into one folder: every table of every issue has its own file, named by
    date; a same-dated issue gets its path as its key; the index lists all of them."""
    dest = tmp_path / "csv"
    export(folders[0], "csv", dest)
    clash = _variant(sample_output, "d", "2024-01-05")  # the date of 2024/issue-01 again
    _write(folders[1] / "issue-09.json", clash)
    written = export(folders[1], "csv", dest)
    n_tables = len(sample_output["tables"])
    per_table = [p for p in dest.glob("*__*.csv")]
    assert len(per_table) == 4 * n_tables, "16 files of 18 was the bug: none may be lost"
    keys = {p.name.split("__")[0] for p in per_table}
    assert {"2023-01-06", "2023-01-13"} <= keys
    assert {"2024_issue-01", "2024_issue-09"} <= keys, keys  # same date: the path decides
    index = {r["sha256"]: r for r in _csv_rows(dest / "issues.csv")}
    assert set(index) == {c * 64 for c in "abcd"} and index["a" * 64]["key"] == "2023-01-06"
    # Exporting the same folder again writes the same names, nothing new.
    again = export(folders[1], "csv", dest)
    assert sorted(again) == sorted(written) and len(list(dest.glob("*__*.csv"))) == 4 * n_tables


def test_long_files_per_table_kind_add_up(folders, tmp_path, sample_output):
    dest = tmp_path / "long"
    export(folders[0], "csv", dest, long=True)
    export(folders[1], "csv", dest, long=True)
    export(folders[1], "csv", dest, long=True)  # again: its rows are replaced, not doubled
    n_articles = sum(len(s["articles"]) for s in sample_output["sections"])
    rows = _csv_rows(dest / "articles.csv")
    assert len(rows) == 3 * n_articles
    assert {r["issue_sha256"] for r in rows} == {c * 64 for c in "abc"}
    assert {"issues.csv", "articles.csv", "entities.csv"} <= {p.name for p in dest.iterdir()}
    pytest.importorskip("pyarrow", reason="the parquet extra is not installed")
    import pandas as pd

    pq = tmp_path / "parquet"
    export(folders[0], "parquet", pq, long=True)
    export(folders[1], "parquet", pq, long=True)
    assert len(pd.read_parquet(pq / "articles.parquet")) == 3 * n_articles
    per_issue = export(folders[0], "parquet", tmp_path / "pq-issues")
    assert all(p.name.startswith(("2023-01-06__", "2023-01-13__")) for p in per_issue if p.suffix == ".parquet")


def test_xlsx_per_issue_workbooks_and_a_long_workbook(folders, tmp_path, sample_output):
    import pandas as pd

    books = tmp_path / "xlsx"
    export(folders[0], "xlsx", books)
    export(folders[1], "xlsx", books)
    assert {p.name for p in books.glob("*.xlsx")} == {"2023-01-06.xlsx", "2023-01-13.xlsx", "2024-01-05.xlsx"}
    long = tmp_path / "archive.xlsx"
    export(folders[0], "xlsx", long, long=True)
    export(folders[1], "xlsx", long, long=True)
    sheets = pd.read_excel(long, sheet_name=None)
    n_articles = sum(len(s["articles"]) for s in sample_output["sections"])
    assert len(sheets["articles"]) == 3 * n_articles


def test_archive_scenario_end_to_end(tmp_path):
    """Two roots with a same-named issue, batch, two exports into one SQLite, a re-export,
    CSVs of both into one folder: every issue is there, none lost."""
    for year, day in (("2023", "2023. 1. 6"), ("2024", "2024. 1. 5")):
        folder = tmp_path / "archive" / year
        folder.mkdir(parents=True)
        make_pdf(folder / "issue-01.pdf", lambda c, d=day: draw_mini_bulletin(c, date=d))
    make_pdf(tmp_path / "archive" / "2024" / "issue-02.pdf", lambda c: draw_mini_bulletin(c, date="2024. 1. 12"))
    out = tmp_path / "out"
    cli = [sys.executable, "-m", "extract"]
    batch = subprocess.run(cli + ["batch", str(tmp_path / "archive" / "2023"), str(tmp_path / "archive" / "2024"),
                                  "-o", str(out)], capture_output=True, text=True)
    assert batch.returncode == 0, batch.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("issue-*.json")) == \
        ["2023/issue-01.json", "2024/issue-01.json", "2024/issue-02.json"]
    db = tmp_path / "archive.sqlite"
    for folder in ("2023", "2024"):
        proc = subprocess.run(cli + ["export", str(out / folder), "--to", "sqlite", "-o", str(db)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    before = _dump(db)
    proc = subprocess.run(cli + ["export", str(out / "2023"), "--to", "sqlite", "-o", str(db)],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and _dump(db) == before, "a re-export changed the database"
    con = sqlite3.connect(db)
    dates = sorted(d for (d,) in con.execute("SELECT date FROM issues"))
    per_issue = dict(con.execute("SELECT issue_sha256, count(*) FROM articles GROUP BY 1").fetchall())
    con.close()
    assert dates == ["2023-01-06", "2024-01-05", "2024-01-12"]
    assert len(per_issue) == 3 and all(n >= 1 for n in per_issue.values())
    csv_dir = tmp_path / "csv"
    for folder in ("2023", "2024"):
        proc = subprocess.run(cli + ["export", str(out / folder), "--to", "csv", "-o", str(csv_dir), "--long"],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    articles = _csv_rows(csv_dir / "articles.csv")
    assert sorted({r["issue_date"] for r in articles}) == dates
    assert len(_csv_rows(csv_dir / "issues.csv")) == 3


def test_a_database_of_the_old_export_is_rebuilt_with_a_note(folders, tmp_path):
    """The first SQLite export had no issues table and dropped its tables on every export:
    its rows cannot be tied to issues, so the database is rebuilt, and the user told."""
    dest = tmp_path / "old.sqlite"
    db = sqlite3.connect(dest)
    db.execute("CREATE TABLE articles (issue_date TEXT, source_file TEXT, title TEXT)")
    db.execute("INSERT INTO articles VALUES ('2020-01-01', 'x.pdf', 'old')")
    db.commit()
    db.close()
    notices: list[str] = []
    export(folders[0], "sqlite", dest, notices=notices)
    assert any("older version" in n and "rebuilt" in n for n in notices), notices
    assert _issue_keys(dest) == {"a" * 64, "b" * 64}
    db = sqlite3.connect(dest)
    assert db.execute("SELECT count(*) FROM articles WHERE title = 'old'").fetchone()[0] == 0
    db.close()
