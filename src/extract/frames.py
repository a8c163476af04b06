"""The rows and frames every export is made of: one issue's tables, long tables across an archive.

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
    return [doc for _, doc in load_output_files(path)]


def load_output_files(path: str | Path, notices: list[str] | None = None) -> list[tuple[Path, dict[str, Any]]]:
    """``(path, data)`` of one output JSON, or of every output under a folder (sorted by
    path). JSON files that are not outputs (a batch's other files) are passed over; a
    ``.json`` that cannot be read is named in ``notices``."""
    path = Path(path)
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*.json"))
    found = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            if notices is not None:
                notices.append(f"{f}: not exported, unreadable JSON ({exc})")
            continue
        if isinstance(data, dict) and "schema_version" in data and "tables" in data:
            found.append((f, data))
    return found


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
    issue = {"issue_sha256": doc["source"].get("sha256"), "issue_date": (doc.get("issue") or {}).get("date"),
             "source_file": doc["source"]["file"]}
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
                # Hong Kong and Macau rank among countries but are regions (docs/NAMES.md)
                row.update(_canon(index, rec.get("country") or "", ("country", "region"), "country"))
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
                                        source=a.get("source"), source_date=a.get("source_date"),
                                        bullet_text="\n".join(b.get("text") or "" for b in a.get("bullets") or []),
                                        reference_text="\n".join(_reference(r) for r in a.get("references") or [])))
    for e in doc.get("entities") or []:
        out["entities"].append(dict(issue, **{k: e.get(k) for k in (
            "mention", "type", "canonical_ko", "canonical_zh", "canonical_en", "code", "score", "ambiguous")}))
    return out


def _reference(ref) -> str:
    if isinstance(ref, dict):
        return " ".join(str(ref[k]) for k in ("title", "url") if ref.get(k))
    return str(ref)


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


def format_sheet(ws, df) -> None:
    from openpyxl.styles import Font

    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for k, col in enumerate(df.columns, start=1):
        values = [str(col)] + [str(v) for v in df[col].head(200).tolist()]
        width = min(max((max(len(line) for line in v.split("\n")) if v else 0) for v in values) + 2, 60)
        ws.column_dimensions[ws.cell(row=1, column=k).column_letter].width = max(width * 1.3, 6)
