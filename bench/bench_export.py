"""Exporting 1,000 outputs to SQLite (target: under 10 s).

    python bench/bench_export.py [--outputs 1000]

The outputs are the bundled samples' JSON written 1,000 times under different names, as an
archive of back issues would be; the time covers reading them and writing the database.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import extract  # noqa: E402
from extract.export import export  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--outputs", type=int, default=1000)
    args = ap.parse_args()
    texts = [extract.run(pdf).to_json() for pdf in sorted((ROOT / "samples").rglob("*.pdf"))]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        out.mkdir()
        for k in range(args.outputs):
            (out / f"issue-{k:04d}.json").write_text(texts[k % len(texts)], encoding="utf-8")
        start = time.perf_counter()
        export(out, "sqlite", Path(tmp) / "archive.sqlite")
        seconds = time.perf_counter() - start
    print(f"exported {args.outputs} outputs to SQLite in {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
