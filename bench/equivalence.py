"""The pdfium engine against the pdfminer engine: same outputs? same scores?

    python bench/equivalence.py [--sets samples,kostec,icdar2013,camelot,public] [--out FILE.jsonl]
                                [--markdown RESULTS.md]

For every PDF of the chosen sets, ``extract.run`` with ``load.engine=pdfminer`` and with
``load.engine=pdfium``; the two outputs are compared field by field (``extract.compare``,
provenance left out: timings and which engine read each page differ by design), and each
is scored with the shared scorer where the file has a truth (``score.py bulletin`` against
``*.truth.json``; ``score.py tables`` against ICDAR 2013 and camelot expectations). One JSON
line per file goes to ``--out`` as it is done (a rerun skips the files already there);
``--markdown`` writes the summary table. Sets: samples (every PDF under samples/, the
damaged, producer, style and template sets included), kostec (../shared/corpus/kostec),
icdar2013 and camelot (the public ground truth bench/eval_tables.py scores), public (every
other PDF of ../shared/corpus/public: outputs and errors compared, nothing scored).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

ENGINES = ("pdfminer", "pdfium")


def files(sets: list[str]) -> list[tuple[str, Path, Path | None, str | None, str | None]]:
    """(set, pdf, truth, scoring mode, password) for each file of the sets."""
    public = SHARED / "corpus" / "public"
    manifest = json.loads((public / "MANIFEST.json").read_text(encoding="utf-8")) if public.is_dir() else {"files": []}
    passwords = {}
    for f in manifest["files"]:
        pw = f.get("passwords")
        if pw:
            values = list(pw.values()) if isinstance(pw, dict) else pw
            passwords[f["file"]] = next((p for p in values if p), None)
    out = []
    taken: set[Path] = set()
    if "samples" in sets:
        for pdf in sorted((ROOT / "samples").rglob("*.pdf")):
            truth = pdf.with_suffix(".truth.json")
            out.append(("samples", pdf, truth if truth.exists() else None, "bulletin", None))
    if "kostec" in sets:
        for pdf in sorted((SHARED / "corpus" / "kostec").glob("*.pdf")):
            truth = pdf.with_suffix(".truth.json")
            out.append(("kostec", pdf, truth if truth.exists() else None, "bulletin", None))
    if "icdar2013" in sets:
        for pdf in sorted((public / "icdar2013").glob("*.pdf")):
            exp = pdf.with_name(f"{pdf.stem}.expected.json")
            out.append(("icdar2013", pdf, exp if exp.exists() else None, "tables", None))
            taken.add(pdf)
    if "camelot" in sets:
        for exp in sorted((public / "camelot").glob("*.expected.json")):
            data = json.loads(exp.read_text(encoding="utf-8"))
            if not data.get("tables") or any(t.get("rows") is None for t in data["tables"]) or \
                    "docs-benchmark" in exp.name:
                continue
            pdf = public / "camelot" / data["pdf"]
            out.append(("camelot", pdf, exp, "tables", passwords.get(f"camelot/{data['pdf']}")))
            taken.add(pdf)
    if "public" in sets:
        for f in manifest["files"]:
            pdf = public / f["file"]
            if f.get("kind") == "pdf" and pdf not in taken and pdf.exists():
                out.append(("public", pdf, None, "", passwords.get(f["file"])))
    return out


def _bulletin_score(report: dict) -> float:
    """One figure of ``score.py bulletin``'s report: the mean of its F1s and shares
    (articles matched, bullets, references, tables, contents, summary, entities resolved)."""
    arts = report["articles"]
    matched, total = arts["articles"].split(" ")[0].split("/")
    parts = [int(matched) / max(int(total), 1), arts["bullets_f1"], arts["references_f1"],
             report["tables"]["f1"], report["contents_f1"], report["summary_f1"], report["entities"]["resolved"]]
    return round(statistics.mean(parts), 4)


def run(pdf: Path, engine: str, password: str | None) -> tuple[dict | None, str | None, float, dict]:
    import extract
    from extract.settings import load_settings

    settings = load_settings(assignments=[f"load.engine={engine}"])
    if password:
        settings.password = password
    start = time.perf_counter()
    try:
        data = extract.run(pdf, settings=settings).data
    except Exception as exc:  # an error is an outcome to compare too
        return None, f"{type(exc).__name__}: {str(exc)[:200]}", time.perf_counter() - start, {}
    seconds = time.perf_counter() - start
    load = data.get("provenance", {}).get("load", {})
    return data, None, seconds, load


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="samples,kostec,icdar2013,camelot")
    ap.add_argument("--out", default="/tmp/equivalence.jsonl")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    from extract.compare import compare
    from scorer import shared_scorer

    score = shared_scorer("equivalence")
    out = Path(args.out)
    done = set()
    if out.exists():
        done = {json.loads(line)["file"] for line in out.read_text(encoding="utf-8").splitlines() if line.strip()}
    for group, pdf, truth, mode, password in files(args.sets.split(",")):
        name = str(pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf.relative_to(SHARED))
        if name in done:
            continue
        row: dict = {"set": group, "file": name}
        outputs = {}
        for engine in ENGINES:
            data, error, seconds, load = run(pdf, engine, password)
            outputs[engine] = data
            entry: dict = {"seconds": round(seconds, 3), "error": error}
            if engine == "pdfium":
                entry["pages"] = {k: len(v) for k, v in load.get("pages", {}).items()}
                entry["fallbacks"] = load.get("fallbacks", {})
            if data is not None and truth is not None:
                expected = json.loads(truth.read_text(encoding="utf-8"))
                report = score.score_bulletin(data, expected) if mode == "bulletin" else \
                    score.score_public(data, expected)
                entry["score"] = report.get("f1") if mode == "tables" else _bulletin_score(report)
                if mode == "bulletin":
                    entry["report"] = {k: v for k, v in report.items() if k != "tables"} | {
                        "tables_f1": report["tables"]["f1"]}
            row[engine] = entry
        a, b = outputs["pdfminer"], outputs["pdfium"]
        if a is not None and b is not None:
            a = {k: v for k, v in a.items() if k != "provenance"}
            b = {k: v for k, v in b.items() if k != "provenance"}
            diffs = compare(b, a)
            row["equal"] = not diffs
            row["differences"] = [str(d) for d in diffs[:12]]
            row["n_differences"] = len(diffs)
        else:
            row["equal"] = row["pdfminer"]["error"] == row["pdfium"]["error"]
        with open(out, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        scores = " ".join(f"{e}={row[e].get('score')}" for e in ENGINES if row[e].get("score") is not None)
        print(f"{group}/{pdf.name}: {'equal' if row['equal'] else 'DIFFERENT'} {scores} "
              f"({row['pdfminer']['seconds']:.2f}s / {row['pdfium']['seconds']:.2f}s)", flush=True)
    if args.markdown:
        Path(args.markdown).write_text(summary(out), encoding="utf-8")
    print(summary(out))
    return 0


def summary(path: Path) -> str:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = ["| set | files | equal outputs | pdfminer score | pdfium score | pages read by pdfium "
             "| pdfminer s | pdfium s |",
             "|---|---|---|---|---|---|---|---|"]
    for group in dict.fromkeys(r["set"] for r in rows):
        rs = [r for r in rows if r["set"] == group]
        scored = [r for r in rs if r["pdfminer"].get("score") is not None and r["pdfium"].get("score") is not None]
        mean = {e: (statistics.mean(r[e]["score"] for r in scored) if scored else float("nan")) for e in ENGINES}
        pages = sum(r["pdfium"].get("pages", {}).get("pdfium", 0) for r in rs)
        total = sum(sum(r["pdfium"].get("pages", {}).values()) for r in rs)
        lines.append(f"| {group} | {len(rs)} | {sum(r['equal'] for r in rs)} | {mean['pdfminer']:.3f} | "
                     f"{mean['pdfium']:.3f} | {pages}/{total} | {sum(r['pdfminer']['seconds'] for r in rs):.1f} | "
                     f"{sum(r['pdfium']['seconds'] for r in rs):.1f} |")
    lines += ["", "Files whose outputs differ (pdfium's output against pdfminer's):", ""]
    for r in rows:
        if r["equal"]:
            continue
        s = {e: r[e].get("score") for e in ENGINES}
        tag = f"score {s['pdfminer']} → {s['pdfium']}" if s["pdfminer"] is not None else ""
        err = {e: r[e]["error"] for e in ENGINES if r[e]["error"]}
        lines.append(f"- {r['file']}: {r.get('n_differences', '-')} difference(s) {tag} {err or ''}".rstrip())
        for d in r.get("differences", [])[:4]:
            lines.append(f"  - {d}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
