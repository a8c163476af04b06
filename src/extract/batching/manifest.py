"""The batch manifest: one SQLite row per input file, kept in the output folder.

Only the parent process writes it, so there is no write contention; every update is its own
transaction, so a crash leaves it consistent. A rerun skips files whose sha256 and tool
version are already done, and picks up everything else.
"""
from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    file TEXT PRIMARY KEY,          -- path relative to the input root
    sha256 TEXT,
    size INTEGER,
    status TEXT NOT NULL,           -- pending | running | done | failed
    error_class TEXT,
    message TEXT,
    seconds REAL,
    pages INTEGER,
    tool_version TEXT,
    output TEXT,                    -- path relative to the output folder
    attempts INTEGER DEFAULT 0,
    updated REAL
);
"""
#: Columns added since the first manifests: (name, type), added to an older manifest on open.
#: complete: 1, 0 (converted, but the bulletin's self-checks found it incomplete) or NULL
#: (no bulletin, or not converted); incomplete: why, when complete is 0.
ADDED_COLUMNS = (("complete", "INTEGER"), ("incomplete", "TEXT"))


@dataclass
class Row:
    file: str
    sha256: str | None
    size: int | None
    status: str
    error_class: str | None
    message: str | None
    seconds: float | None
    pages: int | None
    tool_version: str | None
    output: str | None
    attempts: int


class Manifest:
    NAME = "manifest.sqlite"

    def __init__(self, out_dir: Path):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.path = out_dir / self.NAME
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        have = {r[1] for r in self.db.execute("PRAGMA table_info(files)")}
        for name, kind in ADDED_COLUMNS:
            if name not in have:
                self.db.execute(f"ALTER TABLE files ADD COLUMN {name} {kind}")

    def get(self, file: str) -> Row | None:
        cur = self.db.execute(
            "SELECT file, sha256, size, status, error_class, message, seconds, pages, tool_version,"
            " output, attempts FROM files WHERE file = ?", (file,))
        r = cur.fetchone()
        return Row(*r) if r else None

    def rows(self) -> Iterator[Row]:
        cur = self.db.execute(
            "SELECT file, sha256, size, status, error_class, message, seconds, pages, tool_version,"
            " output, attempts FROM files ORDER BY file")
        for r in cur.fetchall():
            yield Row(*r)

    def mark_running(self, file: str, sha256: str, size: int, output: str) -> None:
        self.db.execute(
            "INSERT INTO files (file, sha256, size, status, output, attempts, updated)"
            " VALUES (?, ?, ?, 'running', ?, 1, ?)"
            " ON CONFLICT(file) DO UPDATE SET sha256=excluded.sha256, size=excluded.size,"
            " status='running', output=excluded.output, attempts=files.attempts+1,"
            " error_class=NULL, message=NULL, updated=excluded.updated",
            (file, sha256, size, output, time.time()))

    def finish(self, file: str, status: str, *, error_class: str | None = None, message: str | None = None,
               seconds: float | None = None, pages: int | None = None, tool_version: str | None = None) -> None:
        self.db.execute(
            "UPDATE files SET status=?, error_class=?, message=?, seconds=?, pages=?, tool_version=?,"
            " updated=? WHERE file=?",
            (status, error_class, message, seconds, pages, tool_version, time.time(), file))

    def set_completeness(self, file: str, complete: bool | None, reason: str | None) -> None:
        self.db.execute("UPDATE files SET complete=?, incomplete=? WHERE file=?",
                        (None if complete is None else int(complete), reason, file))

    def incomplete(self) -> list[tuple[str, str]]:
        """(file, reason) of every file converted but found incomplete."""
        cur = self.db.execute("SELECT file, incomplete FROM files WHERE status='done' AND complete=0 ORDER BY file")
        return [(f, r or "") for f, r in cur.fetchall()]

    def reset_running(self) -> int:
        """Rows left 'running' by a crash or Ctrl-C go back to 'pending'."""
        cur = self.db.execute("UPDATE files SET status='pending' WHERE status='running'")
        return cur.rowcount

    def close(self) -> None:
        self.db.close()
