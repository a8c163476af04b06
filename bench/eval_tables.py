"""Table quality on public ground truth, ours against plain pdfplumber, same scorer.

    python bench/eval_tables.py [--icdar] [--camelot] [--markdown]

ICDAR 2013 (67 PDFs with human ground truth): per document, ``score.py tables`` (adjacency
relation F1) of our output and of pdfplumber's default ``extract_tables()`` per page; the
mean over documents. Camelot expectations with full ``rows``: how many our output matches
at F1 >= 0.9. Needs ../shared/corpus and ../shared/tools/score.py.
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

import extract  # noqa: E402
from scorer import shared_scorer  # noqa: E402  (bench/scorer.py, beside this script)


def pdfplumber_tables(pdf_path: Path, password: str | None = None) -> dict:
    """pdfplumber's default extract_tables() on every page, in the contract's table shape."""
    import pdfplumber

    tables = []
    with pdfplumber.open(str(pdf_path), password=password or "") as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for k, grid in enumerate(page.extract_tables()):
                rows = [[(c or "").replace("\n", " ") for c in row] for row in grid]
                tables.append({"id": f"p{number}-{k}", "header": [], "rows": rows, "pages": [number]})
            page.close()
    return {"tables": tables}


def ours(pdf_path: Path, password: str | None = None) -> dict:
    return extract.run(pdf_path, password=password).data


def evaluate(pairs, score, tool) -> list[tuple[str, float]]:
    out = []
    for pdf, expected in pairs:
        try:
            data = tool(pdf)
        except Exception as exc:  # a failure scores 0, and says so
            print(f"  {pdf.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            data = {"tables": []}
        report = score.score_public(data, json.loads(expected.read_text(encoding="utf-8")))
        out.append((expected.name, report["f1"]))
    return out


def icdar(score, markdown: bool) -> None:
    folder = SHARED / "corpus" / "public" / "icdar2013"
    pairs = []
    for pdf in sorted(folder.glob("*.pdf")):
        exp = folder / f"{pdf.stem}.expected.json"
        if exp.exists():
            pairs.append((pdf, exp))
    start = time.perf_counter()
    mine = evaluate(pairs, score, ours)
    t_mine = time.perf_counter() - start
    start = time.perf_counter()
    base = evaluate(pairs, score, pdfplumber_tables)
    t_base = time.perf_counter() - start
    mean_mine = statistics.mean(f for _, f in mine)
    mean_base = statistics.mean(f for _, f in base)
    if markdown:
        print("| document | bulletin-extract F1 | pdfplumber extract_tables F1 |\n|---|---|---|")
        for (name, a), (_, b) in zip(mine, base):
            print(f"| {name.replace('.expected.json', '')} | {a:.3f} | {b:.3f} |")
        print(f"| **mean of {len(mine)}** | **{mean_mine:.3f}** | **{mean_base:.3f}** |")
    else:
        for (name, a), (_, b) in zip(mine, base):
            print(f"{name:40s} ours={a:.3f} pdfplumber={b:.3f}")
    print(f"\nICDAR 2013: mean F1 over {len(mine)} documents: ours {mean_mine:.3f} ({t_mine:.0f} s), "
          f"pdfplumber {mean_base:.3f} ({t_base:.0f} s)")


def camelot(score, markdown: bool = False) -> None:
    folder = SHARED / "corpus" / "public" / "camelot"
    manifest = json.loads((SHARED / "corpus" / "public" / "MANIFEST.json").read_text(encoding="utf-8"))
    passwords = {f["file"]: (list(f["passwords"].values()) if isinstance(f["passwords"], dict) else f["passwords"])
                 for f in manifest["files"] if f.get("passwords")}
    total = hit = 0
    if markdown:
        print("| camelot expectation | bulletin-extract F1 |\n|---|---|")
    for exp in sorted(folder.glob("*.expected.json")):
        data = json.loads(exp.read_text(encoding="utf-8"))
        if not data.get("tables") or any(t.get("rows") is None for t in data["tables"]) or "docs-benchmark" in exp.name:
            continue
        pdf = folder / data["pdf"]
        total += 1
        pw = next((p for p in passwords.get(f"camelot/{data['pdf']}", []) if p), None)
        try:
            out = ours(pdf, pw)
        except Exception as exc:
            print(f"  {exp.name}: {type(exc).__name__}", file=sys.stderr)
            out = {"tables": []}
        f1 = score.score_public(out, data)["f1"]
        hit += f1 >= 0.9
        if markdown:
            print(f"| {exp.name.replace('.expected.json', '')} | {f1:.3f} |")
        else:
            print(f"{exp.name:60s} F1={f1:.3f}")
    print(f"\ncamelot expectations with full rows: {hit}/{total} matched at F1 >= 0.9")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--icdar", action="store_true")
    ap.add_argument("--camelot", action="store_true")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    score = shared_scorer("eval_tables")
    if args.icdar or not args.camelot:
        icdar(score, args.markdown)
    if args.camelot:
        camelot(score, args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
