"""Two checkouts timed against each other, interleaved, on the same PDFs.

    python bench/ab_time.py BEFORE/src AFTER/src [--rounds 5] [--wall] [--engine pdfium] [PDF ...]

For a change that should cost nothing (a refactor): each round runs every PDF with each
tree in a fresh process (pipeline warmed up first, as a batch's workers are) and divides
ours by floor A (pdfplumber reading chars, lines and rects) measured in the same process,
so a busy machine slows both sides alike. CPU time by default (less sensitive to other
work on the machine than wall time: ``--wall``); ``--engine`` sets ``load.engine`` (default:
the settings' default). Prints the median ratio per tree and PDF.
Default PDFs: the shared kostec bulletins and the reportlab sample.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PDFS = [ROOT.parent / "shared" / "corpus" / "kostec" / "kostec-2023-08-04.libreoffice.pdf",
                ROOT.parent / "shared" / "corpus" / "kostec" / "kostec-2023-11-17.weasyprint.pdf",
                ROOT / "samples" / "kostec-2023-08-04.reportlab.pdf"]

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
clock = time.perf_counter if sys.argv[3] == "wall" else time.process_time
import extract.pipeline, pdfplumber
from extract.settings import load_settings
settings = load_settings(assignments=[f"load.engine={sys.argv[4]}"] if sys.argv[4] else [])
if sys.argv[4] == "pdfium":
    import pypdfium2, extract.pdfium_source  # noqa: F401  (imported lazily by the load stage, as python -m bench)
extract.pipeline.warm_up()
start = clock()
extract.pipeline.run_document(sys.argv[2], settings)
ours = clock() - start
start = clock()
with pdfplumber.open(sys.argv[2]) as pdf:
    for page in pdf.pages:
        page.chars, page.lines, page.rects
        page.close()
print(json.dumps([ours, clock() - start]))
"""


def main() -> int:
    ap = argparse.ArgumentParser(prog="python bench/ab_time.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--wall", action="store_true")
    ap.add_argument("--engine", choices=("pdfminer", "pdfium"), help="load.engine for ours (default: the default)")
    args = ap.parse_args()
    pdfs = args.pdfs or [p for p in DEFAULT_PDFS if p.exists()]
    trees = {"before": args.before, "after": args.after}
    ratios: dict[str, dict[Path, list[float]]] = {k: {p: [] for p in pdfs} for k in trees}
    for _ in range(args.rounds):
        for name, src in trees.items():
            for pdf in pdfs:
                done = subprocess.run([sys.executable, "-c", CHILD, str(src), str(pdf), "wall" if args.wall else "cpu",
                                       args.engine or ""],
                                      capture_output=True, text=True, check=True)
                ours, floor = json.loads(done.stdout)
                ratios[name][pdf].append(ours / floor)
    engine = f", load.engine={args.engine}" if args.engine else ""
    print(f"ours / floor A ({'wall' if args.wall else 'CPU'} time{engine}), median of {args.rounds}")
    for pdf in pdfs:
        print(f"  {pdf.name}: " + ", ".join(f"{name} {statistics.median(ratios[name][pdf]):.2f}" for name in trees))
    return 0


if __name__ == "__main__":
    sys.exit(main())
