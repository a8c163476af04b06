"""CJK text against outside expectations: how many expected strings our text contains,
against plain pdfplumber ``page.extract_text()``.

    python bench/text_cjk.py [--markdown]

The files are the CJK PDFs of ``../shared/corpus/public`` whose source project checks their
text (``text_expectations`` in ``*.expected.json``: pdf.js Korean, pdfminer and pdfplumber
Chinese). Each expected string is looked for in the text of its page, ours from
``extract.text`` and pdfplumber's from ``page.extract_text()``, after removing all white
space from both: the sources print their expectations with their own extractor's spacing
(pdf.js joins text runs with spaces, pdfminer keeps its line breaks), and the question here
is whether the characters come out right and in order, not how a line is spaced.

For ``contains_count`` expectations the string must occur exactly ``count`` times. For
pdfplumber's duplicated-glyph file (issue-71) the expectations made with
``page.dedupe_chars()`` are the text a reader sees; the ones made without it record the
overprinted glyphs twice ("微微软软"), which is the damage, not the text, so they are not
counted.
"""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT.parent / "shared" / "corpus" / "public"
sys.path.insert(0, str(ROOT / "src"))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def cases() -> list[tuple[Path, int, str, str, int | None]]:
    """(pdf, page, kind, expected, count) for every CJK text expectation."""
    manifest = json.loads((PUBLIC / "MANIFEST.json").read_text(encoding="utf-8"))
    files = manifest.get("files") if isinstance(manifest, dict) else manifest
    cjk = {f["file"] for f in files if f.get("kind") == "pdf" and f.get("cjk")}
    out = []
    for path in sorted(PUBLIC.glob("*/*.expected.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        pdf = path.parent / spec["pdf"]
        if not spec.get("text_expectations") or f"{path.parent.name}/{spec['pdf']}" not in cjk:
            continue
        page = spec.get("page") or 1
        for exp in spec["text_expectations"]:
            if "match" in exp:
                out.append((pdf, page, exp["match"], exp["value"], exp.get("count")))
            elif "dedupe_chars()" in exp.get("call", ""):
                out.append((pdf, page, "contains", exp["equals"], None))
    return out


def found(text: str, kind: str, expected: str, count: int | None) -> bool:
    t, e = squeeze(text), squeeze(expected)
    if kind == "contains_count":
        return t.count(e) == count
    return e in t


def main(argv: list[str]) -> int:
    import pdfplumber

    import extract

    if not PUBLIC.is_dir():
        print(f"the shared corpus is not here ({PUBLIC})")
        return 1
    rows, ours_total, plumber_total = [], 0, 0
    ours_text: dict[Path, list[str]] = {}
    plumber_text: dict[Path, list[str]] = {}
    seconds = {"ours": 0.0, "pdfplumber": 0.0}
    for pdf, page, kind, expected, count in cases():
        if pdf not in ours_text:
            start = time.perf_counter()
            ours_text[pdf] = extract.text(pdf).split("\f")
            seconds["ours"] += time.perf_counter() - start
            start = time.perf_counter()
            with pdfplumber.open(pdf) as doc:
                plumber_text[pdf] = [p.extract_text() or "" for p in doc.pages]
            seconds["pdfplumber"] += time.perf_counter() - start
        ours = found(ours_text[pdf][page - 1], kind, expected, count)
        plumber = found(plumber_text[pdf][page - 1], kind, expected, count)
        ours_total += ours
        plumber_total += plumber
        rows.append((f"{pdf.parent.name}/{pdf.name}", page, expected, ours, plumber))
    if "--markdown" in argv:
        print("| file | page | expected (white space removed before comparing) | ours | pdfplumber |")
        print("|---|---|---|---|---|")
        for name, page, expected, ours, plumber in rows:
            print(f"| `{name}` | {page} | {expected.replace('|', '/')} | {'yes' if ours else 'no'} | "
                  f"{'yes' if plumber else 'no'} |")
        print(f"| **total** | | {len(rows)} strings | **{ours_total}** | **{plumber_total}** |")
    else:
        for name, page, expected, ours, plumber in rows:
            print(f"{name} p{page}: ours={'yes' if ours else 'NO '} pdfplumber={'yes' if plumber else 'NO '} "
                  f"{expected[:60]!r}")
        print(f"found: ours {ours_total}/{len(rows)}, pdfplumber {plumber_total}/{len(rows)} "
              f"({seconds['ours']:.2f}s vs {seconds['pdfplumber']:.2f}s)")
    return 0 if ours_total >= plumber_total else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
