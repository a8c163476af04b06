"""The SQLite export: one database that grows with the archive and opens in any SQLite
browser (datasette, DB Browser, sqlite3).

    issues            one row per issue, key ``sha256`` (of the PDF): date, volume/number,
                      series, pages, producer, completeness, warnings, source file and path
    articles, entities, drug_approvals, device_approvals, compute_platforms,
    country_rankings, tables_generic
                      the long tables (``extract.export.long_rows``); every row carries
                      ``issue_sha256``, the key of its issue (indexed)
    articles_fts      FTS5 full-text index of article titles, leads, bullets and references
                      (trigram tokenizer: Korean and Chinese have no spaces to split words at)

Exporting more folders into one database adds their issues; exporting an output already in
it changes nothing (its bytes are hashed); a re-converted output replaces its issue's rows;
``replace=True`` rebuilds the database's tables from these outputs alone.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from .frames import LONG_TABLES, long_rows

FTS_COLUMNS = ["title", "lead", "bullet_text", "reference_text"]
#: Composite indexes beyond ``issue_sha256`` alone: the join keys inside an issue.
INDEXES = {"tables_generic": [["issue_sha256", "table_id"]], "drug_approvals": [["issue_sha256", "table_id"]],
           "device_approvals": [["issue_sha256", "table_id"]], "compute_platforms": [["issue_sha256", "table_id"]],
           "country_rankings": [["issue_sha256", "table_id"]], "entities": [["canonical_zh"]],
           "issues": [["date"]]}


def trigram_supported() -> bool:
    """FTS5's trigram tokenizer came with SQLite 3.34 (2020); older builds lack it."""
    try:
        with sqlite3.connect(":memory:") as db:
            db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
        return True
    except sqlite3.OperationalError:
        return False


def issue_row(doc: dict, output: Path | None, digest: str) -> dict[str, Any]:
    issue, source = doc.get("issue") or {}, doc["source"]
    meta = (doc.get("provenance") or {}).get("pdf_metadata") or {}
    completeness = doc.get("completeness")
    return {
        "sha256": source["sha256"],
        "date": issue.get("date"),
        "volume": issue.get("volume"),
        "number": issue.get("number"),
        "series": issue.get("series"),
        "title": issue.get("title") or meta.get("Title"),
        "pages": source.get("pages"),
        "producer": meta.get("Producer"),
        # A dict (the completeness module's report) is kept whole as JSON; a bare status as it is.
        "completeness": json.dumps(completeness, ensure_ascii=False, sort_keys=True)
        if isinstance(completeness, (dict, list)) else completeness,
        "warnings": len(doc.get("warnings") or []),
        "source_file": source.get("file"),
        "source_path": str(output) if output is not None else None,
        "tool_version": (doc.get("provenance") or {}).get("version"),
        "output_sha256": digest,
    }


def _digest(doc: dict) -> str:
    """What changes when an output changes, and nothing else (not the timings)."""
    slim = dict(doc, provenance={k: v for k, v in (doc.get("provenance") or {}).items() if k != "timings"})
    return hashlib.sha256(json.dumps(slim, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def to_sqlite(items: list[tuple[Path | None, dict]], dest: Path, *, replace: bool = False,
              notices: list[str] | None = None) -> Path:
    """Add the outputs ``(path, data)`` to the database at ``dest``; see the module's doc."""
    import sqlite_utils

    notices = notices if notices is not None else []
    dest.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(dest)
    try:
        with db.conn:
            ours = ["issues", *LONG_TABLES, "articles_fts"]
            existing = set(db.table_names())
            if replace or ("issues" not in existing and existing & set(LONG_TABLES)):
                if not replace:
                    notices.append(f"{dest}: made by an older version (no issues table); rebuilt")
                for name in ours:
                    if name in existing:
                        db[name].drop()
                for name in db.table_names():  # the FTS shadow tables
                    if name.startswith("articles_fts_"):
                        db[name].drop()
            _add(db, items, notices)
            _index(db, notices)
    finally:
        db.close()
    return dest


ISSUE_COLUMNS = {"sha256": str, "date": str, "volume": str, "number": str, "series": str, "title": str,
                 "pages": int, "producer": str, "completeness": str, "warnings": int, "source_file": str,
                 "source_path": str, "tool_version": str, "output_sha256": str}


def _add(db, items, notices: list[str]) -> None:
    if not db["issues"].exists():
        db["issues"].create(ISSUE_COLUMNS, pk="sha256")
    known = {r["sha256"]: r["output_sha256"] for r in db["issues"].rows}
    seen: dict[str, Path | None] = {}
    for path, doc in items:
        sha = doc["source"]["sha256"]
        digest = _digest(doc)
        if sha in seen:
            notices.append(f"{path}: the same PDF (sha256 {sha[:12]}…) as {seen[sha]}; exported once")
            continue
        seen[sha] = path
        if known.get(sha) == digest:
            continue  # already in the database as it is: nothing to change
        # Re-converted since (or half added by an export that died): its rows are replaced,
        # not doubled. The issue's own row goes in last, so it stands for complete rows.
        db.execute("DELETE FROM issues WHERE sha256 = ?", [sha])
        for name in LONG_TABLES:
            if db[name].exists():
                db.execute(f'DELETE FROM "{name}" WHERE issue_sha256 = ?', [sha])
        for name, rows in long_rows(doc).items():
            if rows:
                # The foreign key (declared when the table is made) lets browsers link a row to its issue.
                db[name].insert_all(_flat(rows), alter=True, foreign_keys=[("issue_sha256", "issues", "sha256")])
        db["issues"].insert(issue_row(doc, path, digest), pk="sha256", alter=True)


def _flat(rows: list[dict]) -> list[dict]:
    return [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in r.items()}
            for r in rows]


def _index(db, notices: list[str]) -> None:
    for name in LONG_TABLES:
        if db[name].exists():
            db[name].create_index(["issue_sha256"], if_not_exists=True)
    for name, groups in INDEXES.items():
        if db[name].exists():
            for cols in groups:
                if all(c in db[name].columns_dict for c in cols):
                    db[name].create_index(cols, if_not_exists=True)
    if db["articles"].exists() and not db["articles_fts"].exists():
        columns = [c for c in FTS_COLUMNS if c in db["articles"].columns_dict]
        tokenize = "trigram" if trigram_supported() else None
        if tokenize is None:
            notices.append(f"this SQLite ({sqlite3.sqlite_version}) has no trigram tokenizer (3.34+): the "
                           "full-text index splits at spaces, so Korean and Chinese match whole words only")
        # Triggers keep the index in step with later exports into the same database.
        db["articles"].enable_fts(columns, fts_version="FTS5", tokenize=tokenize, create_triggers=True)
