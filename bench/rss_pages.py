"""Resident memory of one run as its pages go by (is memory flat in pages?).

    python bench/rss_pages.py PDF [--engine pdfium]

Runs the pipeline on PDF in this process (warmed up first, as bench does) and prints the
resident set size after pages 1, 10, 50, 100, 200, 300, 500, 750 and 1,000, the peak, and
the CPU seconds. The long documents are made by ``python -m bench --sets long`` (or
``bench.__main__.long_documents``).
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKS = (1, 10, 50, 100, 200, 300, 500, 750, 1000)


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> int:
    ap = argparse.ArgumentParser(prog="python bench/rss_pages.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf", type=Path)
    ap.add_argument("--engine", choices=("pdfminer", "pdfium"), default="pdfminer")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    import extract.pipeline
    from extract.settings import load_settings

    extract.pipeline.warm_up()
    marks: dict[int, int] = {}

    def on_page(number: int, total: int) -> None:
        if number in MARKS:
            marks[number] = round(_rss_mb())

    start = time.process_time()
    extract.pipeline.run_document(args.pdf, load_settings(assignments=[f"load.engine={args.engine}"]),
                                  on_page=on_page)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.pdf.name} ({args.engine}): RSS MB after page " + ", ".join(f"{k}: {v}" for k, v in marks.items())
          + f"; peak {peak:.0f} MB; {time.process_time() - start:.1f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
