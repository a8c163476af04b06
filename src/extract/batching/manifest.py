"""The batch manifest: one SQLite row per input file, kept in the output folder.

Only the parent process writes it, so there is no write contention; every update is its own
transaction, so a crash leaves it consistent. A rerun skips files whose sha256 and tool
version are already done, and picks up everything else.

Rows are keyed by path *and* sha256: an input whose bytes changed gets a new row, and the
row of the bytes it replaced is kept as ``superseded`` (its output was overwritten), so the
manifest says which content every output came from. A manifest of the first layout (keyed
by path alone) is migrated in place when opened.
"""
from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    file TEXT NOT NULL,             -- path relative to the input root (prefixed by the root's
                                    -- name when a batch has several roots)
    sha256 TEXT NOT NULL,
    size INTEGER,
    status TEXT NOT NULL,           -- pending | running | done | failed | superseded
    error_class TEXT,
    message TEXT,
    seconds REAL,
    pages INTEGER,
    tool_version TEXT,
    output TEXT,                    -- path relative to the output folder
    attempts INTEGER DEFAULT 0,
    updated REAL,
    PRIMARY KEY (file, sha256)
);
"""
#: Columns added since the first manifests: (name, type), added to an older manifest on open.
#: complete: 1, 0 (converted, but the bulletin's self-checks found it incomplete) or NULL
#: (no bulletin, or not converted); incomplete: why, when complete is 0.
ADDED_COLUMNS = (("complete", "INTEGER"), ("incomplete", "TEXT"))

COLUMNS = ("file, sha256, size, status, error_class, message, seconds, pages, tool_version,"
           " output, attempts")


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
        self._migrate()
        self.db.executescript(SCHEMA)
        have = {r[1] for r in self.db.execute("PRAGMA table_info(files)")}
        for name, kind in ADDED_COLUMNS:
            if name not in have:
                self.db.execute(f"ALTER TABLE files ADD COLUMN {name} {kind}")

    def _migrate(self) -> None:
        """The first layout keyed rows by path alone: copy them into the (path, sha256) table."""
        pk = [r[1] for r in self.db.execute("PRAGMA table_info(files)") if r[5]]
        if pk != ["file"]:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("ALTER TABLE files RENAME TO files_v1")
            self.db.execute(SCHEMA.replace("CREATE TABLE IF NOT EXISTS", "CREATE TABLE"))
            self.db.execute(f"INSERT INTO files ({COLUMNS}, updated) SELECT file, coalesce(sha256, ''), size,"
                            " status, error_class, message, seconds, pages, tool_version, output,"
                            " coalesce(attempts, 0), updated FROM files_v1")
            self.db.execute("DROP TABLE files_v1")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def get(self, file: str, sha256: str | None = None) -> Row | None:
        """The row of ``file`` with these bytes, or (no ``sha256``) its current row."""
        if sha256 is None:
            cur = self.db.execute(f"SELECT {COLUMNS} FROM files WHERE file = ? AND status != 'superseded'"
                                  " ORDER BY updated DESC LIMIT 1", (file,))
        else:
            cur = self.db.execute(f"SELECT {COLUMNS} FROM files WHERE file = ? AND sha256 = ?", (file, sha256))
        r = cur.fetchone()
        return Row(*r) if r else None

    def rows(self) -> Iterator[Row]:
        """The current row of every file (superseded contents left out)."""
        cur = self.db.execute(f"SELECT {COLUMNS} FROM files WHERE status != 'superseded' ORDER BY file")
        for r in cur.fetchall():
            yield Row(*r)

    def mark_running(self, file: str, sha256: str, size: int, output: str) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("UPDATE files SET status='superseded', updated=? WHERE file=? AND sha256 != ?",
                            (time.time(), file, sha256))
            self.db.execute(
                "INSERT INTO files (file, sha256, size, status, output, attempts, updated)"
                " VALUES (?, ?, ?, 'running', ?, 1, ?)"
                " ON CONFLICT(file, sha256) DO UPDATE SET size=excluded.size,"
                " status='running', output=excluded.output, attempts=files.attempts+1,"
                " error_class=NULL, message=NULL, updated=excluded.updated",
                (file, sha256, size, output, time.time()))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def finish(self, file: str, status: str, *, error_class: str | None = None, message: str | None = None,
               seconds: float | None = None, pages: int | None = None, tool_version: str | None = None) -> None:
        """Record the outcome of the current row of ``file`` (the one ``mark_running`` made)."""
        self.db.execute(
            "UPDATE files SET status=?, error_class=?, message=?, seconds=?, pages=?, tool_version=?,"
            " updated=? WHERE file=? AND status != 'superseded'",
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
