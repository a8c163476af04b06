"""Does the bulletin's self-check name what is lost? For every PDF with a truth beside it
(NAME.truth.json), run the pipeline and compare:

- lost: truth articles the shared scorer cannot match to an output article (title
  similarity below 0.9, one output article per truth article);
- named: lost ones that ``completeness`` names in a check's ``missing`` (a contents title
  at the same similarity, or a dropped line or summary item that begins with the title),
  so a reader is told;
- recovered: articles the completeness stage split off again (its warnings);
- silent: lost and not named; ``complete: true`` with an article lost is the failure the
  check exists to prevent.

    python bench/completeness.py samples /work/shared/corpus/kostec [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scorer import shared_scorer  # noqa: E402


def pdfs_with_truth(paths: list[str]) -> list[tuple[Path, Path]]:
    out = []
    for p in map(Path, paths):
        files = [p] if p.is_file() else sorted(p.rglob("*.pdf"))
        for pdf in files:
            truth = pdf.with_suffix(".truth.json")
            if truth.exists():
                out.append((pdf, truth))
    return out


def _key(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _names(score, title: str, entry: str) -> bool:
    """``entry`` (a contents title, a summary item, 'pN: a dropped line') names ``title``:
    the same text, or the line begins with it (after its marker and number)."""
    if score.similar(title, entry) >= 0.9:
        return True
    k, e = _key(title), _key(entry.split(": ", 1)[-1].rstrip("…"))
    return len(k) >= 6 and len(e) >= 6 and (k[:15] in e or e[:15] in k)


def one(pdf: Path, truth_path: Path, score) -> dict:
    import extract

    data = extract.run(pdf, validate=False).data
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    found = [a for _, a in score.articles(data)]
    used: set[int] = set()
    lost = []
    for _, t in score.articles(truth):
        best, best_j = 0.0, None
        for j, f in enumerate(found):
            if j not in used:
                s = score.similar(f.get("title"), t.get("title"))
                if s > best:
                    best, best_j = s, j
        if best_j is None or best < 0.9:
            lost.append(t["title"])
        else:
            used.add(best_j)
    comp = data.get("completeness") or {}
    missing = [m for c in comp.get("checks") or [] for m in c["missing"]]
    if comp.get("complete") is False and not found:
        named = lost  # "no sections or articles found ...: its articles are lost" names them all
    else:
        named = [t for t in lost if any(_names(score, t, m) for m in missing)]
    recovered = [w for w in data.get("warnings") or [] if w.startswith("completeness:")]
    n_truth = sum(1 for _ in score.articles(truth))
    return {"file": pdf.name, "complete": comp.get("complete"), "articles": n_truth, "lost": len(lost),
            "named": len(named), "silent": [t for t in lost if t not in named], "recovered": len(recovered),
            "failed_checks": [f"{c['check']} {c['found']}/{c['expected']}" for c in comp.get("checks") or []
                              if not c["ok"]],
            "reason": comp.get("reason")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--json", help="also write the rows here")
    args = ap.parse_args()
    score = shared_scorer("completeness.py")
    rows = []
    from extract.errors import ExtractError

    for pdf, truth in pdfs_with_truth(args.paths):
        try:
            r = one(pdf, truth, score)
        except ExtractError as exc:  # a render replaced or removed while the farm runs
            print(f"{pdf.name}: skipped ({exc})", flush=True)
            continue
        rows.append(r)
        print(f"{r['file']}: complete={r['complete']} articles={r['articles']} lost={r['lost']} named={r['named']} "
              f"recovered={r['recovered']} failed={r['failed_checks']}"
              + (f" SILENT={r['silent']}" if r["silent"] else ""), flush=True)
    tot = {k: sum(r[k] for r in rows) for k in ("articles", "lost", "named", "recovered")}
    silent_true = sum(1 for r in rows if r["complete"] is True and r["lost"])
    print(f"total: {len(rows)} PDFs, {tot['articles']} articles, {tot['lost']} lost, {tot['named']} named in "
          f"completeness, {tot['recovered']} recovered; complete=true with an article lost: {silent_true}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
