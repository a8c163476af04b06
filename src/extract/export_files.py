"""CSV, XLSX and Parquet exports that never overwrite one issue with another.

Per issue (the default), every file name starts with the issue's key: its date
(``2024-01-12__t01_drug_approvals.csv``), or, when two issues share a date, the output's
path (``2023_issue-01__t01_...``), with a short sha256 added if even that is taken. The keys
given so far are kept in ``issues.csv`` in the destination folder (one row per issue, with
its sha256), so a later export into the same folder reuses an issue's key and gives a new
issue one that is free: exporting 2023/ and then 2024/ into one folder keeps both.

``long=True`` writes one file per table kind across all issues (``drug_approvals.csv`` ...,
each row with ``issue_sha256``); an export into a folder that already has them replaces the
rows of the issues exported and keeps the others.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from .frames import archive_frames, format_sheet, sheet_name, table_frames

INDEX = "issues.csv"
KEY_UNSAFE = re.compile(r"[^\w.\-]+")


def _issue_rows(items, index: dict[str, dict]) -> list[dict[str, Any]]:
    from .sqlite_export import issue_row

    return [dict(index.get(doc["source"]["sha256"], {}), **{k: v for k, v in issue_row(doc, path, "").items()
                                                           if k != "output_sha256"})
            for path, doc in items]


def read_index(dest: Path) -> dict[str, dict]:
    """The issues already exported into ``dest``: sha256 -> row (with its ``key``)."""
    path = dest / INDEX
    if not path.exists():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {row["sha256"]: row for row in csv.DictReader(fh) if row.get("sha256")}


def write_index(dest: Path, index: dict[str, dict]) -> Path:
    from .write import write_atomic

    rows = sorted(index.values(), key=lambda r: (r.get("date") or "", r["key"]))
    columns = ["key"] + [c for c in dict.fromkeys(k for r in rows for k in r) if c != "key"]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return write_atomic(dest / INDEX, "\ufeff" + buf.getvalue())


def _path_key(path: Path | None, root: Path | None) -> str:
    if path is None:
        return ""
    rel = path
    if root is not None:
        try:
            rel = path.resolve().relative_to(root.resolve())
        except ValueError:
            pass
    stem = rel.as_posix()
    stem = stem[:-5] if stem.lower().endswith(".json") else stem
    return KEY_UNSAFE.sub("_", stem).strip("_")


def assign_keys(items: list[tuple[Path, dict]], index: dict[str, dict], root: Path | None) -> dict[str, str]:
    """sha256 -> key for every issue of ``items``; keys already in ``index`` are kept."""
    taken = {row["key"]: sha for sha, row in index.items()}
    dates: dict[str, int] = {}
    for _, doc in items:
        date = (doc.get("issue") or {}).get("date")
        if date:
            dates[date] = dates.get(date, 0) + 1
    keys: dict[str, str] = {}
    for path, doc in items:
        sha = doc["source"]["sha256"]
        if sha in keys:
            continue
        if sha in index:
            keys[sha] = index[sha]["key"]
            continue
        date = (doc.get("issue") or {}).get("date")
        candidates = []
        if date and dates[date] == 1:
            candidates.append(date)
        path_key = _path_key(path, root)
        candidates += [c for c in (path_key, f"{path_key}_{sha[:8]}" if path_key else sha[:12], sha) if c]
        key = next(c for c in candidates if c not in taken)
        taken[key] = sha
        keys[sha] = key
    return keys


def _prepare(items, dest: Path, root: Path | None):
    dest.mkdir(parents=True, exist_ok=True)
    index = read_index(dest)
    keys = assign_keys(items, index, root)
    for row in _issue_rows(items, index):
        row["key"] = keys[row["sha256"]]
        index[row["sha256"]] = row
    return index, keys


def _merge(existing, new, exported: set[str]):
    """The rows of ``existing`` whose issue was not exported now, then ``new``."""
    import pandas as pd

    if existing is None or existing.empty or "issue_sha256" not in existing:
        return new
    kept = existing[~existing["issue_sha256"].astype(str).isin(exported)]
    return pd.concat([kept, new], ignore_index=True) if not kept.empty else new


def to_csv(items, dest: Path, *, long: bool = False, root: Path | None = None) -> list[Path]:
    """Per issue: one CSV per table (UTF-8 with BOM, so Excel reads Korean right). Long:
    one CSV per table kind across the issues."""
    import pandas as pd

    index, keys = _prepare(items, dest, root)
    written = []
    if long:
        exported = set(keys)
        for name, df in archive_frames([doc for _, doc in items]).items():
            path = dest / f"{name}.csv"
            old = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig") \
                if path.exists() else None
            df = _merge(old, df, exported)
            if df.empty:
                continue
            df.to_csv(path, index=False, encoding="utf-8-sig")
            written.append(path)
    else:
        for _, doc in items:
            key = keys[doc["source"]["sha256"]]
            tables = {t["id"]: t for t in doc["tables"]}
            for tid, df in table_frames(doc).items():
                path = dest / f"{key}__{tid}_{tables[tid]['kind']}.csv"
                df.to_csv(path, index=False, encoding="utf-8-sig")
                written.append(path)
    written.append(write_index(dest, index))
    return written


def to_parquet(items, dest: Path, *, long: bool = False, root: Path | None = None) -> list[Path]:
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise RuntimeError("parquet export needs pyarrow: pip install 'bulletin-extract[parquet]'") from exc
    import pandas as pd

    index, keys = _prepare(items, dest, root)
    written = []
    if long:
        exported = set(keys)
        for name, df in archive_frames([doc for _, doc in items]).items():
            path = dest / f"{name}.parquet"
            df = _merge(pd.read_parquet(path) if path.exists() else None, df, exported)
            if df.empty:
                continue
            df.to_parquet(path, index=False)
            written.append(path)
    else:
        for _, doc in items:
            key = keys[doc["source"]["sha256"]]
            tables = {t["id"]: t for t in doc["tables"]}
            for tid, df in table_frames(doc).items():
                path = dest / f"{key}__{tid}_{tables[tid]['kind']}.parquet"
                df.columns = [str(c) for c in df.columns]
                df.to_parquet(path, index=False)
                written.append(path)
    written.append(write_index(dest, index))
    return written


def to_xlsx(items, dest: Path, *, long: bool = False, root: Path | None = None) -> list[Path]:
    """``dest`` a ``.xlsx`` file: one workbook, the tables of its one issue as sheets, or
    (several issues, or ``long``) one sheet per table kind, added to the sheets it already
    has. ``dest`` a folder: one workbook per issue, named by its key."""
    if dest.suffix.lower() == ".xlsx":
        docs = [doc for _, doc in items]
        if len(docs) == 1 and not long:
            return [_issue_workbook(docs[0], dest)]
        return [_long_workbook(docs, dest)]
    index, keys = _prepare(items, dest, root)
    written = [_issue_workbook(doc, dest / f"{keys[doc['source']['sha256']]}.xlsx") for _, doc in items]
    written.append(write_index(dest, index))
    return written


def _issue_workbook(doc: dict, dest: Path) -> Path:
    used: set[str] = set()
    tables = {t["id"]: t for t in doc["tables"]}
    sheets = [(sheet_name(tables[tid], used), df) for tid, df in table_frames(doc).items()]
    longs = archive_frames([doc])
    sheets += [("articles", longs["articles"]), ("entities", longs["entities"])]
    return _write_book(sheets, dest)


def _long_workbook(docs: list[dict], dest: Path) -> Path:
    import pandas as pd

    old = pd.read_excel(dest, sheet_name=None, dtype=object) if dest.exists() else {}
    exported = {d["source"]["sha256"] for d in docs}
    sheets = [(name, _merge(old.get(name), df, exported)) for name, df in archive_frames(docs).items()]
    return _write_book(sheets, dest)


def _write_book(sheets, dest: Path) -> Path:
    import pandas as pd

    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp.xlsx")
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for name, df in sheets:
            df.to_excel(writer, sheet_name=name, index=False)
            format_sheet(writer.sheets[name], df)
    tmp.replace(dest)  # a reader never sees half a workbook
    return dest
