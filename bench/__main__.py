"""Benchmarks: what our pipeline costs on top of parsing the PDF, on 10 pages or 1,000.

    python -m bench            # full run (medians of 3), writes bench/RESULTS-pipeline.md and bench/scaling.png
    python -m bench --quick    # about a minute: one run, samples and the 10-page document

Measured side by side, in one run, on the same files, each in a fresh process (so peak RSS
is the process's own):

- floor A: pdfplumber opening each page and reading chars, lines and rects (what our load needs);
- floor B: pdfplumber extract_words() + extract_tables() per page (what plain pdfplumber costs);
- floor C: pypdfium2 reading the same objects through its raw API (every character's Unicode,
  origin, loose box, font name and size; every path's segments, every image's bounds): the
  parser's own limit for the pdfium engine;
- ours: extract.run end to end with load.engine = pdfminer (the default until issue #21's
  engine became it), with its per-stage seconds from the output's provenance;
- ours_pdfium: the same with load.engine = pdfium (issue #21), the default.

Files: the bundled samples, the ICDAR 2013 set (when ../shared is here), and long documents
made by concatenating the samples with pypdf (10, 100 and 1,000 pages).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# Each tool imports what it needs before the clock starts (pdfplumber for the floors; our
# package and the libraries it imports lazily for ours, plus the pipeline's per-process
# set-up: gazetteers read, schema validator compiled, parser hooked): a batch pays these
# once per process (its forkserver does them before forking), so per-file figures should
# not. Start-up is measured on its own (--help).
CHILD = r"""
import json, os, resource, sys, tempfile, time
sys.path.insert(0, {src!r})
tool, path = sys.argv[1], sys.argv[2]
import pdfplumber
if tool.startswith("ours"):
    import jsonschema, pypdf, rapidfuzz  # noqa: F401  (imported lazily by the pipeline)
    import extract.pipeline, extract.write
    extract.pipeline.warm_up()  # per-process set-up, done once by a batch's forkserver
    if tool == "ours_pdfium":
        import pypdfium2, extract.pdfium_source  # noqa: F401
start = time.perf_counter()
stages = {{}}
if tool == "floor_a":
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars, page.lines, page.rects
            page.close()
elif tool == "floor_b":
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words(); page.extract_tables()
            page.close()
elif tool == "floor_c":
    import ctypes
    import pypdfium2 as pdfium, pypdfium2.raw as raw
    pdf = pdfium.PdfDocument(path)
    rect, ox, oy, x, y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double(), ctypes.c_float(), ctypes.c_float()
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    buf, flags = ctypes.create_string_buffer(256), ctypes.c_int()
    for k in range(len(pdf)):
        page = raw.FPDF_LoadPage(pdf.raw, k)
        text = raw.FPDFText_LoadPage(page)
        for i in range(raw.FPDFText_CountChars(text)):
            raw.FPDFText_GetUnicode(text, i); raw.FPDFText_GetLooseCharBox(text, i, rect)
            raw.FPDFText_GetCharOrigin(text, i, ox, oy); raw.FPDFText_GetFontSize(text, i)
            raw.FPDFText_GetFontInfo(text, i, buf, 256, flags)
        for j in range(raw.FPDFPage_CountObjects(page)):
            obj = raw.FPDFPage_GetObject(page, j)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == 2:
                for s in range(raw.FPDFPath_CountSegments(obj)):
                    raw.FPDFPathSegment_GetPoint(raw.FPDFPath_GetPathSegment(obj, s), x, y)
            elif kind == 3:
                raw.FPDFPageObj_GetBounds(obj, l, b, r, t)
        raw.FPDFText_ClosePage(text); raw.FPDF_ClosePage(page)
    pdf.close()
else:
    from extract.pipeline import run_document
    from extract.settings import load_settings
    engine = "pdfium" if tool == "ours_pdfium" else "pdfminer"  # named: the columns keep their engine
    doc = run_document(path, load_settings(assignments=[f"load.engine={{engine}}"]))
    stages = dict(doc.timings)
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        extract.write.write_json(os.path.join(tmp, "out.json"), doc.output)
    stages["write"] = time.perf_counter() - t
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                   "stages": stages}}))
"""

TOOLS = ("floor_a", "floor_b", "floor_c", "ours", "ours_pdfium")


def measure(tool: str, path: Path) -> dict:
    code = CHILD.format(src=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-c", code, tool, str(path)], capture_output=True, text=True)
    if proc.returncode != 0:
        return {"seconds": float("nan"), "rss_mb": float("nan"), "stages": {}, "error": proc.stderr[-300:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def pages_of(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def long_documents(tmp: Path, sizes: list[int]) -> list[Path]:
    """Documents of N pages made by concatenating the samples' pages (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    pages = []
    for pdf in sorted((ROOT / "samples").rglob("*.pdf")):
        if "damaged" in pdf.parts:
            continue  # the damaged set is for the repairs, not for timing
        reader = PdfReader(str(pdf))
        pages += [(pdf, k) for k in range(len(reader.pages))]
    readers = {}
    out = []
    for n in sizes:
        writer = PdfWriter()
        for k in range(n):
            pdf, p = pages[k % len(pages)]
            reader = readers.setdefault(pdf, PdfReader(str(pdf)))
            writer.add_page(reader.pages[p])
        path = tmp / f"long-{n}.pdf"
        with open(path, "wb") as fh:
            writer.write(fh)
        out.append(path)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="one run; samples and the 10-page document only")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sets", help="comma-separated groups to run (kostec,samples,icdar2013,long); "
                                   "default all (a partial run does not write RESULTS-pipeline.md)")
    args = ap.parse_args()
    chosen = set(args.sets.split(",")) if args.sets else None
    runs = 1 if args.quick else args.runs
    with tempfile.TemporaryDirectory() as tmp:
        kostec = sorted((ROOT / "samples" / "kostec").glob("*.pdf"))
        own = [p for p in sorted((ROOT / "samples").rglob("*.pdf")) if p not in kostec and "damaged" not in p.parts]
        groups: dict[str, list[Path]] = {"kostec": kostec, "samples": own}
        icdar = SHARED / "corpus" / "public" / "icdar2013"
        if icdar.is_dir() and not args.quick:
            groups["icdar2013"] = sorted(icdar.glob("*.pdf"))
        if chosen is None or "long" in chosen:
            groups["long"] = long_documents(Path(tmp), [10] if args.quick else [10, 100, 1000])
        if chosen is not None:
            groups = {k: v for k, v in groups.items() if k in chosen}
        results: dict[str, dict[str, dict]] = {}
        for group, files in groups.items():
            for path in files:
                row = {"group": group, "pages": pages_of(path)}
                for tool in TOOLS:
                    samples = [measure(tool, path) for _ in range(runs)]
                    row[tool] = {
                        "seconds": statistics.median(s["seconds"] for s in samples),
                        "rss_mb": max(s["rss_mb"] for s in samples),
                        "stages": samples[-1]["stages"],
                    }
                results[f"{group}/{path.name}"] = row
                print(f"{group}/{path.name}: {row['pages']} pages, " + ", ".join(
                    f"{t} {row[t]['seconds']:.2f}s" for t in TOOLS), flush=True)
    report = render(results, runs) + targets(results)
    print(report)
    if not args.quick and chosen is None:
        (ROOT / "bench" / "RESULTS-pipeline.md").write_text(report, encoding="utf-8")
        chart(results, ROOT / "bench" / "scaling.png")
    return 0


def _per_page(rows: list[dict], tool: str) -> float:
    pages = sum(r["pages"] for r in rows)
    return sum(r[tool]["seconds"] for r in rows) / pages if pages else float("nan")


def render(results: dict, runs: int) -> str:
    import pdfplumber

    lines = [f"# Pipeline benchmark ({dt.date.today().isoformat()})", "",
             f"Machine: {platform.platform()}, {os.cpu_count()} cores; Python {platform.python_version()}, "
             f"pdfplumber {pdfplumber.__version__}. Medians of {runs} run(s), each file in a fresh process.",
             "Command: `python -m bench` (`make bench`).", "",
             "| set | files | pages | floor A s/page | floor B s/page | floor C s/page | ours s/page | ours pdfium "
             "s/page | ours / A | ours / B | ours pdfium / A | ours pdfium / C |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    groups: dict[str, list[dict]] = {}
    for row in results.values():
        groups.setdefault(row["group"], []).append(row)
    for group, rows in groups.items():
        a, b, c, o, p = (_per_page(rows, t) for t in TOOLS)
        lines.append(f"| {group} | {len(rows)} | {sum(r['pages'] for r in rows)} | {a:.4f} | {b:.4f} | {c:.4f} "
                     f"| {o:.4f} | {p:.4f} | {o / a:.2f} | {o / b:.2f} | {p / a:.2f} | {p / c:.1f} |")
    lines += ["", "Per file (seconds, peak RSS MB):", "",
              "| file | pages | floor A | floor B | floor C | ours | ours pdfium | ours RSS | ours pdfium RSS "
              "| stages (ours) | stages (ours pdfium) |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, row in results.items():
        stages = ", ".join(f"{k} {v:.2f}" for k, v in row["ours"]["stages"].items())
        stages_p = ", ".join(f"{k} {v:.2f}" for k, v in row["ours_pdfium"]["stages"].items())
        lines.append(f"| {name} | {row['pages']} | {row['floor_a']['seconds']:.2f} | {row['floor_b']['seconds']:.2f} "
                     f"| {row['floor_c']['seconds']:.3f} | {row['ours']['seconds']:.2f} "
                     f"| {row['ours_pdfium']['seconds']:.2f} | {row['ours']['rss_mb']:.0f} "
                     f"| {row['ours_pdfium']['rss_mb']:.0f} | {stages} | {stages_p} |")
    return "\n".join(lines) + "\n"


def startup_seconds(runs: int = 5) -> float:
    """Median wall time of `bulletin-extract --help` (python -m extract --help)."""
    import time

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "extract", "--help"], capture_output=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def names_seconds() -> float:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_names.py")], capture_output=True, text=True)
    try:
        return float(proc.stdout.split(" in ")[-1].split()[0])
    except (IndexError, ValueError):
        return float("nan")


def targets(results: dict) -> str:
    """Issue #10's targets, each with the figure measured in this run and whether it is met."""
    groups: dict[str, list[dict]] = {}
    for row in results.values():
        groups.setdefault(row["group"], []).append(row)
    rows = []

    def add(what: str, value: str, ok: bool) -> None:
        rows.append(f"| {what} | {value} | {'met' if ok else 'NOT met'} |")

    for group in ("kostec", "icdar2013"):
        if group in groups:
            a, b, c, o, p = (_per_page(groups[group], t) for t in TOOLS)
            add(f"ours <= 1.3 x floor A per page ({group})", f"{o / a:.2f} x", o / a <= 1.3)
            add(f"ours <= floor B per page ({group})", f"{o / b:.2f} x", o <= b)
            add(f"ours (pdfium engine) <= 0.4 x floor A per page ({group}, issue #21)", f"{p / a:.2f} x", p / a <= 0.4)
    long = {r["pages"]: r for r in groups.get("long", [])}
    if 10 in long and 1000 in long:
        small = long[10]["ours"]["seconds"] / 10
        big = long[1000]["ours"]["seconds"] / 1000
        add("s/page at 1,000 pages within 10 % of s/page at 10", f"{big:.4f} vs {small:.4f} ({big / small - 1:+.0%})",
            big <= small * 1.1)
        grow = long[1000]["ours"]["rss_mb"] - long[10]["ours"]["rss_mb"]
        add("peak RSS at 1,000 pages <= at 10 pages + 100 MB", f"{long[1000]['ours']['rss_mb']:.0f} vs "
            f"{long[10]['ours']['rss_mb']:.0f} MB ({grow:+.0f})", grow <= 100)
    help_s = startup_seconds()
    add("`bulletin-extract --help` <= 0.3 s", f"{help_s:.2f} s", help_s <= 0.3)
    names = names_seconds()
    add("normalising 10,000 names <= 1 s", f"{names:.3f} s", names <= 1.0)
    return "\n".join(["", "## Targets (issue #10)", "", "| target | measured | |", "|---|---|---|", *rows]) + "\n"


def chart(results: dict, path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no chart (pip install matplotlib)", file=sys.stderr)
        return
    rows = sorted((r for r in results.values() if r["group"] == "long"), key=lambda r: r["pages"])
    pages = [r["pages"] for r in rows]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for tool in TOOLS:
        ax1.plot(pages, [r[tool]["seconds"] for r in rows], marker="o", label=tool)
        ax2.plot(pages, [r[tool]["rss_mb"] for r in rows], marker="o", label=tool)
    for ax, label in ((ax1, "seconds"), (ax2, "peak RSS (MB)")):
        ax.set_xscale("log")
        ax.set_xlabel("pages")
        ax.set_ylabel(label)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


if __name__ == "__main__":
    sys.exit(main())
