"""Score a folder of rendered bulletins against their goldens with the shared scorer.

    python bench/score_renders.py DIR [DIR ...] [--tables] [--json OUT]

Every ``X.pdf`` with an ``X.truth.json`` beside it is extracted (``extract.run``) and scored
by ``../shared/tools/score.py`` (``score_bulletin``). One line per file: table relation F1,
typed records exact, tables whose structure is off (rows, header, kind, pages or caption
wrong, or not found), entities found, bullets F1; then the totals. ``--tables`` lists each
table that is not exact with the scorer's details. ``--json`` writes the per-file figures,
so two runs can be compared. Made for the renders of ``samples/vary_content.py``,
``render_html.py`` and ``render_docx.py``.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import extract
from extract.errors import ExtractError
from scorer import shared_scorer  # bench/scorer.py, beside this script



def _structure_off(t: dict) -> bool:
    if t.get("found") is None:
        return True
    found, truth = (int(x) for x in t["rows"].split("/"))
    return found != truth or not all(t.get(k) in (True, None) for k in
                                     ("header_exact", "kind_ok", "pages_ok", "caption_ok"))


def score_file(score, pdf: Path) -> dict:
    truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    try:
        out = extract.run(pdf).data
    except ExtractError as exc:
        return {"file": pdf.name, "error": str(exc)}
    s = score.score_bulletin(out, truth)
    tables = s["tables"]["per_table"]
    exact = [re.match(r"(\d+)/(\d+)", t["records"]["exact"]).groups() for t in tables if t.get("records")]
    return {"file": pdf.name, "table_f1": s["tables"]["f1"],
            "records_exact": sum(int(a) for a, _ in exact), "records": sum(int(b) for _, b in exact),
            "tables_off": [t["truth"] for t in tables if _structure_off(t)],
            "entities_found": s["entities"].get("found", "0/0"),
            "bullets_f1": s["articles"].get("bullets_f1"),
            "articles": s["articles"]["articles"].split(",")[0], "tables": tables}


def main(argv: list[str]) -> int:
    list_tables = "--tables" in argv
    json_out = None
    if "--json" in argv:
        k = argv.index("--json")
        json_out = Path(argv[k + 1])
        argv = argv[:k] + argv[k + 2:]
    dirs = [Path(a) for a in argv if not a.startswith("--")]
    if not dirs:
        print(__doc__, file=sys.stderr)
        return 2
    score = shared_scorer("score_renders")
    rows = []
    for pdf in sorted(p for d in dirs for p in d.glob("*.pdf") if p.with_suffix(".truth.json").exists()):
        r = score_file(score, pdf)
        rows.append(r)
        if "error" in r:
            print(f"{r['file']:<48} ERROR {r['error']}")
            continue
        print(f"{r['file']:<48} tables F1 {r['table_f1']:.3f}  records {r['records_exact']}/{r['records']}  "
              f"structure off {len(r['tables_off'])}  entities {r['entities_found']}  bullets {r['bullets_f1']}  "
              f"articles {r['articles']}")
        if list_tables:
            for t in r["tables"]:
                if t["f1"] < 1 or _structure_off(t) or (t.get("records") and t["records"]["fields"] < 1):
                    print("    ", {k: v for k, v in t.items() if k != "truth"} | {"truth": t["truth"]})
    ok = [r for r in rows if "error" not in r]
    if ok:
        print(f"\n{len(ok)} files: mean table F1 {sum(r['table_f1'] for r in ok) / len(ok):.4f}, "
              f"records exact {sum(r['records_exact'] for r in ok)}/{sum(r['records'] for r in ok)}, "
              f"tables with their structure off {sum(len(r['tables_off']) for r in ok)}, "
              f"articles matched {sum(int(r['articles'].split('/')[0]) for r in ok)}/"
              f"{sum(int(r['articles'].split('/')[1].split()[0]) for r in ok)}, "
              f"errors {len(rows) - len(ok)}")
    if json_out:
        json_out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
