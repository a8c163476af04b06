"""Outputs of every PDF we have, for "output unchanged" checks across a refactor.

    python bench/snapshot.py OUT_DIR [--only SUBSTRING]     # one JSON (or .err) per PDF
    python bench/snapshot.py --diff BEFORE_DIR AFTER_DIR [--ignore KEY ...]

Runs ``extract.run`` on every PDF under samples/, ../shared/corpus/kostec and
../shared/corpus/public with the code on ``sys.path`` (set PYTHONPATH=SOME_TREE/src to
snapshot another checkout), timings left out, and PYTHONHASHSEED fixed by the caller if
wanted. ``--diff`` lists the files whose outputs differ, by top-level key; ``--ignore`` drops
top-level keys (or ``provenance.x``) that only one side has, such as a new extension.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VOLATILE = {"timings"}


def pdfs() -> list[Path]:
    found: list[Path] = []
    for root in (ROOT / "samples", SHARED / "corpus" / "kostec", SHARED / "corpus" / "public"):
        if root.is_dir():
            found += sorted(root.rglob("*.pdf"))
    return found


def _strip(value):
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def snapshot(out: Path, only: str | None = None) -> int:
    import extract

    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for pdf in pdfs():
        if only and only not in str(pdf):
            continue
        where = pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf.relative_to(SHARED.parent)
        slug = str(where).replace("/", "__")
        try:
            data = extract.run(pdf).data
            (out / f"{slug}.json").write_text(json.dumps(_strip(data), ensure_ascii=False, indent=1, sort_keys=True),
                                              encoding="utf-8")
        except Exception as exc:  # a failure is part of the snapshot: its class and message
            (out / f"{slug}.err").write_text(f"{type(exc).__name__}: {exc}\n", encoding="utf-8")
        n += 1
    return n


def _drop(data: dict, keys: list[str]) -> dict:
    for key in keys:
        head, _, tail = key.partition(".")
        if tail and isinstance(data.get(head), dict):
            data[head].pop(tail, None)
        else:
            data.pop(key, None)
    return data


def diff(before: Path, after: Path, ignore: list[str]) -> list[str]:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    out = []
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            out.append(f"{name}: only {'after' if b.exists() else 'before'}")
        elif name.endswith(".err"):
            if a.read_text(encoding="utf-8") != b.read_text(encoding="utf-8"):
                out.append(f"{name}: another error")
        else:
            da = _drop(json.loads(a.read_text(encoding="utf-8")), ignore)
            db = _drop(json.loads(b.read_text(encoding="utf-8")), ignore)
            keys = sorted(k for k in set(da) | set(db) if da.get(k) != db.get(k))
            if keys:
                out.append(f"{name}: {', '.join(keys)}")
    print(f"{len(names)} files, {len(out)} differ")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(prog="python bench/snapshot.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--only")
    ap.add_argument("--diff", action="store_true")
    ap.add_argument("--ignore", action="append", default=[])
    args = ap.parse_args()
    if args.diff:
        if len(args.dirs) != 2:
            ap.error("--diff takes BEFORE_DIR AFTER_DIR")
        for line in diff(args.dirs[0], args.dirs[1], args.ignore):
            print(line)
        return 0
    print(f"{snapshot(args.dirs[0], args.only)} PDFs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
