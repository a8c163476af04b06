"""Batch throughput: 1 worker against 2 workers on copies of the bundled samples.

    python bench/bench_batch.py [--copies 200]

Prints seconds and pages/s for each worker count and their ratio (target: 2 workers
>= 1.7x one worker on a 2-core machine), and appends nothing anywhere: copy the printed
table into bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import extract  # noqa: E402
from extract.batching import Limits  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args()
    samples = sorted(p for p in (ROOT / "samples").rglob("*.pdf"))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for k in range(args.copies):
            pdf = samples[k % len(samples)]
            shutil.copyfile(pdf, src / f"{k:04d}-{pdf.name}")
        results = {}
        for workers in (int(w) for w in args.workers.split(",")):
            out = Path(tmp) / f"out-{workers}"
            start = time.perf_counter()
            report = extract.batch(src, out, workers=workers, limits=Limits(timeout=600))
            seconds = time.perf_counter() - start
            assert report.failed == 0, report.failures[:3]
            results[workers] = (seconds, report.pages)
            print(f"workers={workers}: {report.done} files, {report.pages} pages, {seconds:.1f} s, "
                  f"{report.pages / seconds:.2f} pages/s", flush=True)
    base = results[min(results)][0]
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    for workers, (seconds, _) in sorted(results.items()):
        print(f"speed-up with {workers} workers: {base / seconds:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
