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

import extract
from extract.export import LONG_TABLES, export

from conftest import ROOT, draw_mini_bulletin, make_pdf

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
