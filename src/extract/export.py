"""Exports for analysts: the tables of one issue, or long tables across an archive.

    frames = extract.load_archive("out/")            # dict of pandas DataFrames
    frames["drug_approvals"].groupby("company_canonical_ko").size()

The rows and frames are made in ``extract.frames``; this module writes them as CSV, XLSX,
Parquet (``extract.export_files``) or SQLite (``extract.sqlite_export``).
"""
from __future__ import annotations

from pathlib import Path

from . import export_files
from .frames import (  # noqa: F401 (API)
    LONG_TABLES,
    TYPED,
    archive_frames,
    archive_rows,
    load_output_files,
    load_outputs,
    long_rows,
    sheet_name,
    table_frames,
)


def export(source: str | Path, to: str, dest: str | Path, *, replace: bool = False, long: bool = False,
           notices: list[str] | None = None) -> list[Path]:
    """Export the outputs under ``source`` (a JSON or a folder) as ``to`` (csv, xlsx, parquet
    or sqlite) into ``dest``; returns the files written. Nothing already exported is
    overwritten by another issue: SQLite adds to an existing database (``replace``: rebuild
    it), CSV/XLSX/Parquet name their files by issue key, or with ``long`` write one file per
    table kind across the issues (see ``extract.export_files``). Notes worth a look
    (unreadable files, a missing tokenizer) are appended to ``notices``."""
    notices = notices if notices is not None else []
    items = load_output_files(source, notices)
    if not items:
        raise FileNotFoundError(f"{source}: no bulletin-extract output JSON found")
    dest = Path(dest)
    source = Path(source)
    # Path keys name the folder exported too (2023_issue-01), so two years' issue-01 differ.
    root = source.parent if source.is_dir() else None
    if to == "csv":
        return export_files.to_csv(items, dest, long=long, root=root)
    if to == "xlsx":
        return export_files.to_xlsx(items, dest, long=long, root=root)
    if to == "parquet":
        return export_files.to_parquet(items, dest, long=long, root=root)
    if to == "sqlite":
        from .sqlite_export import to_sqlite

        return [to_sqlite([(p.resolve(), d) for p, d in items], dest, replace=replace, notices=notices)]
    raise ValueError(f"unknown export format {to!r}: csv, xlsx, parquet or sqlite")
