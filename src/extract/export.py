"""Exports for analysts: the tables of one issue, or long tables across an archive.

    frames = extract.load_archive("out/")            # dict of pandas DataFrames
    frames["drug_approvals"].groupby("company_canonical_ko").size()

Long tables (one row per record, across issues, each row with the issue date and source
file): ``drug_approvals``, ``device_approvals``, ``compute_platforms``, ``country_rankings``,
``articles``, ``entities`` and ``tables_generic`` (table id, row, column, text). Normalised
names stand beside the printed ones (``company_canonical_ko`` ...).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable

TYPED = ("drug_approvals", "device_approvals", "compute_platforms", "country_rankings")
LONG_TABLES = TYPED + ("articles", "entities", "tables_generic")
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def load_outputs(path: str | Path) -> list[dict[str, Any]]:
    """One output JSON, or every output under a folder (sorted by path)."""
    path = Path(path)
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*.json"))
    docs = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if isinstance(data, dict) and "schema_version" in data and "tables" in data:
            docs.append(data)
    return docs


def _entity_index(doc: dict) -> dict[tuple[str, str], dict]:
    return {(e["mention"], e["type"]): e for e in doc.get("entities") or []}


def _canon(index, mention: str, types: Iterable[str], prefix: str) -> dict[str, Any]:
    for t in types:
        e = index.get((mention, t))
        if e is not None:
            return {f"{prefix}_canonical_ko": e.get("canonical_ko"), f"{prefix}_canonical_zh": e.get("canonical_zh"),
                    f"{prefix}_canonical_en": e.get("canonical_en")}
    return {f"{prefix}_canonical_ko": None, f"{prefix}_canonical_zh": None, f"{prefix}_canonical_en": None}


def long_rows(doc: dict) -> dict[str, list[dict[str, Any]]]:
    """The long-table rows of one output."""
    issue = {"issue_date": (doc.get("issue") or {}).get("date"), "source_file": doc["source"]["file"]}
    index = _entity_index(doc)
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in LONG_TABLES}
    for table in doc.get("tables") or []:
        kind = table["kind"]
        base = dict(issue, table_id=table["id"])
        if kind in ("drug_approvals", "device_approvals"):
            for rec in table["records"]:
                row = dict(base, **rec)
                row.update(_canon(index, rec.get("company") or "", ("company", "institution"), "company"))
                out[kind].append(row)
        elif kind == "compute_platforms":
            for rec in table["records"]:
                out[kind].append(dict(base, no=rec.get("no"), name=rec.get("name"),
                                      details="\n".join(rec.get("details") or []),
                                      n_details=len(rec.get("details") or [])))
        elif kind == "country_rankings":
            for rec in table["records"]:
                row = dict(base, **rec)
                row.update(_canon(index, rec.get("country") or "", ("country",), "country"))
                out[kind].append(row)
        else:
            header = table["header"][-1] if table.get("header") else []
            for r, cells in enumerate(table["rows"]):
                for c, text in enumerate(cells):
                    out["tables_generic"].append(dict(base, caption=table.get("caption"), row=r, column=c,
                                                      header=header[c] if c < len(header) else None, text=text))
    for section in doc.get("sections") or []:
        for a in section["articles"]:
            out["articles"].append(dict(issue, section=section["name"], number=a.get("number"), title=a["title"],
                                        date=a.get("date"), lead=a.get("lead"),
                                        pages=",".join(map(str, a.get("pages") or [])),
                                        tables=",".join(a.get("tables") or []), bullets=len(a.get("bullets") or []),
                                        source=a.get("source"), source_date=a.get("source_date")))
    for e in doc.get("entities") or []:
        out["entities"].append(dict(issue, **{k: e.get(k) for k in (
            "mention", "type", "canonical_ko", "canonical_zh", "canonical_en", "code", "score", "ambiguous")}))
    return out


def archive_rows(docs: list[dict]) -> dict[str, list[dict[str, Any]]]:
    """The long-table rows of many outputs, in the order of the outputs."""
    rows: dict[str, list[dict]] = {name: [] for name in LONG_TABLES}
    for doc in docs:
        for name, items in long_rows(doc).items():
            rows[name].extend(items)
    return rows


def archive_frames(docs: list[dict]) -> dict[str, "Any"]:
    import pandas as pd

    frames = {}
    for name, items in archive_rows(docs).items():
        df = pd.DataFrame(items)
        for col in ("no", "rank"):
            if col in df:
                df[col] = df[col].astype("Int64")
        frames[name] = df
    return frames


def table_frames(doc: dict) -> dict[str, "Any"]:
    """One DataFrame per table of one output: typed tables as their records, others as
    their rows under their header."""
    import pandas as pd

    frames = {}
    for table in doc.get("tables") or []:
        if table["kind"] in TYPED and table.get("records"):
            df = pd.DataFrame(table["records"])
            if "details" in df:
                df["details"] = df["details"].map(lambda d: "\n".join(d or []))
            for col in ("no", "rank"):
                if col in df:
                    df[col] = df[col].astype("Int64")
        else:
            header = _unique(table["header"][-1] if table.get("header") else [])
            width = max([len(header)] + [len(r) for r in table["rows"]])
            header = header + [f"column {k + 1}" for k in range(len(header), width)]
            df = pd.DataFrame([r + [""] * (width - len(r)) for r in table["rows"]], columns=header)
        frames[table["id"]] = df
    return frames


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for k, n in enumerate(names):
        n = n or f"column {k + 1}"
        if n in seen:
            seen[n] += 1
            n = f"{n} ({seen[n]})"
        else:
            seen[n] = 1
        out.append(n)
    return out


def sheet_name(table: dict, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the book."""
    base = f"{table['id']} {table['kind'] if table['kind'] != 'generic' else (table.get('caption') or '')}"
    base = SHEET_FORBIDDEN.sub(" ", base).strip().strip("'") or table["id"]
    name = base[:31]
    k = 2
    while name.lower() in used:
        suffix = f" ({k})"
        name = base[: 31 - len(suffix)] + suffix
        k += 1
    used.add(name.lower())
    return name


# ------------------------------------------------------------------ writers


def to_csv(docs: list[dict], dest: Path) -> list[Path]:
    """One CSV per table (UTF-8 with BOM, so Excel reads Korean right)."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in docs:
        stem = Path(doc["source"]["file"]).stem
        tables = {t["id"]: t for t in doc["tables"]}
        for tid, df in table_frames(doc).items():
            path = dest / f"{stem}__{tid}_{tables[tid]['kind']}.csv"
            df.to_csv(path, index=False, encoding="utf-8-sig")
            written.append(path)
    return written


def to_xlsx(docs: list[dict], dest: Path) -> Path:
    """One sheet per table of one issue plus 'articles' and 'entities'; for several issues,
    one sheet per long table."""
    import pandas as pd

    dest.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(dest, engine="openpyxl") as writer:
        used: set[str] = set()
        if len(docs) == 1:
            doc = docs[0]
            tables = {t["id"]: t for t in doc["tables"]}
            sheets = [(sheet_name(tables[tid], used), df) for tid, df in table_frames(doc).items()]
            longs = archive_frames(docs)
            sheets += [("articles", longs["articles"]), ("entities", longs["entities"])]
        else:
            sheets = list(archive_frames(docs).items())
        for name, df in sheets:
            df.to_excel(writer, sheet_name=name, index=False)
            _format_sheet(writer.sheets[name], df)
    return dest


def _format_sheet(ws, df) -> None:
    from openpyxl.styles import Font

    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for k, col in enumerate(df.columns, start=1):
        values = [str(col)] + [str(v) for v in df[col].head(200).tolist()]
        width = min(max((max(len(line) for line in v.split("\n")) if v else 0) for v in values) + 2, 60)
        ws.column_dimensions[ws.cell(row=1, column=k).column_letter].width = max(width * 1.3, 6)


def to_sqlite(docs: list[dict], dest: Path) -> Path:
    """Long tables into SQLite (standard library only; rows inserted in bulk)."""
    import sqlite3

    dest.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(dest) as db:
        for name, items in archive_rows(docs).items():
            if not items:
                continue
            columns = list(dict.fromkeys(k for item in items for k in item))
            db.execute(f'DROP TABLE IF EXISTS "{name}"')
            db.execute(f'CREATE TABLE "{name}" ({", ".join(_sql_column(c, items) for c in columns)})')
            db.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(columns))})',
                           ([_sql_value(item.get(c)) for c in columns] for item in items))
    return dest


def _sql_column(name: str, items: list[dict]) -> str:
    sample = next((i[name] for i in items if i.get(name) is not None), None)
    kind = "INTEGER" if isinstance(sample, (bool, int)) else "REAL" if isinstance(sample, float) else "TEXT"
    return f'"{name}" {kind}'


def _sql_value(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_parquet(docs: list[dict], dest: Path) -> list[Path]:
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise RuntimeError("parquet export needs pyarrow: pip install 'bulletin-extract[parquet]'") from exc
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in archive_frames(docs).items():
        if df.empty:
            continue
        path = dest / f"{name}.parquet"
        df.to_parquet(path, index=False)
        written.append(path)
    return written


def export(source: str | Path, to: str, dest: str | Path) -> list[Path]:
    docs = load_outputs(source)
    if not docs:
        raise FileNotFoundError(f"{source}: no bulletin-extract output JSON found")
    dest = Path(dest)
    if to == "csv":
        return to_csv(docs, dest)
    if to == "xlsx":
        return [to_xlsx(docs, dest)]
    if to == "sqlite":
        return [to_sqlite(docs, dest)]
    if to == "parquet":
        return to_parquet(docs, dest)
    raise ValueError(f"unknown export format {to!r}: csv, xlsx, parquet or sqlite")
