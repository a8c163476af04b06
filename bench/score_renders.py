"""Score a folder of rendered bulletins against their goldens with the shared scorer.

    python bench/score_renders.py DIR [DIR ...] [--tables] [--json OUT] [--jobs N]
    python bench/score_renders.py DIR --by-dimension [--md OUT.md]   # template farm renders
    python bench/score_renders.py --load OUT.json --by-dimension      # regroup a saved run
    python bench/score_renders.py DIR --cache SCORES.json             # score only what is new
    python bench/score_renders.py DIR --engine pdfium                 # glyphs read by pdfium

Every ``X.pdf`` with an ``X.truth.json`` beside it is extracted (``extract.run``) and scored
by ``../shared/tools/score.py`` (``score_bulletin``). One line per file: table relation F1
(and in brackets the same with every space in the texts ignored, so that what is left is
structure and not a space at a wrap), typed records exact, tables whose structure is off
(rows, header, kind, pages or caption wrong, or not found), entities found, bullets F1 (and
spaces ignored); then the totals. ``--tables`` lists each table that is not exact with the
scorer's details. ``--json`` writes the per-file figures,
so two runs can be compared. Made for the renders of ``samples/vary_content.py``,
``render_html.py``, ``render_docx.py`` and ``template_farm.py``.

Each file's line also gives the structure figures of the scorer: articles matched, leads
right, references, contents and summary F1, issue fields. ``--by-dimension`` reads the
``X.template.json`` beside each render (template_farm.py writes it) and gives, for every
value of every template dimension, the renders, articles matched %, leads right %, the mean
bullets, references, contents and summary F1, the issue fields right (of 7) and table F1
mean/min; then the dimension values ranked by the articles they cost. ``--cache FILE`` keeps
the per-file figures in FILE (written after each file) and scores only renders not yet in it
or whose PDF changed (its sha256, from the golden), so a farm can be scored while it grows.
``--engine pdfium|pdfminer`` sets ``load.engine`` (else the settings' default): the same
renders scored with either glyph source.
"""
from __future__ import annotations

import json
import logging
import re
import sys
from collections import defaultdict
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


def _ratio(text: str | None) -> tuple[int, int]:
    """``"12/14 ..."`` -> (12, 14); (0, 0) where the scorer gave nothing."""
    m = re.match(r"(\d+)/(\d+)", text or "")
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


#: ``load.engine=...`` from ``--engine``; module-level so that the pool's forked workers see it
ASSIGNMENTS: list[str] = []


def spaceless(score):
    """A second copy of the scorer whose fold drops every space: its F1 differs from the
    scorer's only by the spaces, most of them a wrap's (``bench/wrap_errors.py`` says which)."""
    import unicodedata

    score.fold = lambda text: "" if text is None else re.sub(r"\s+", "", unicodedata.normalize("NFC", str(text)))
    return score


def score_file(score, pdf: Path, nospace=None) -> dict:
    truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    side = pdf.with_suffix(".template.json")
    template = json.loads(side.read_text(encoding="utf-8")) if side.exists() else None
    try:
        from extract.settings import load_settings

        out = extract.run(pdf, settings=load_settings(assignments=ASSIGNMENTS)).data
    except ExtractError as exc:
        return {"file": pdf.name, "sha256": truth["source"].get("sha256"), "error": str(exc), "template": template}
    s = score.score_bulletin(out, truth)
    nospace = nospace or spaceless(shared_scorer("score_renders"))
    n = nospace.score_bulletin(out, truth)
    arts = s["articles"]
    tables = s["tables"]["per_table"]
    exact = [re.match(r"(\d+)/(\d+)", t["records"]["exact"]).groups() for t in tables if t.get("records")]
    return {"file": pdf.name, "sha256": truth["source"].get("sha256"), "table_f1": s["tables"]["f1"],
            "records_exact": sum(int(a) for a, _ in exact), "records": sum(int(b) for _, b in exact),
            "tables_off": [t["truth"] for t in tables if _structure_off(t)],
            "entities_found": s["entities"].get("found", "0/0"),
            "bullets_f1": arts.get("bullets_f1"),
            "table_f1_nospace": n["tables"]["f1"], "bullets_f1_nospace": n["articles"].get("bullets_f1"),
            "references_f1": arts.get("references_f1"),
            "articles": list(_ratio(arts.get("articles"))), "leads": list(_ratio(arts.get("lead"))),
            "dates": list(_ratio(arts.get("date"))), "issue": list(_ratio(s.get("issue"))),
            "contents_f1": s.get("contents_f1"), "summary_f1": s.get("summary_f1"),
            "template": template, "tables": tables}


def _score_one(pdf: str) -> dict:
    return score_file(shared_scorer("score_renders"), Path(pdf), spaceless(shared_scorer("score_renders")))


def _mean(xs) -> float:
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else float("nan")


def _effects(rows: list[dict], top: int = 25) -> str:
    """Each dimension value's own cost in articles and leads, the other dimensions held
    fixed: a least-squares fit of each render's share of articles matched (and of leads
    right) on every dimension value (one-hot, ridge-damped; weights = the render's articles).
    In a random farm every render varies in every dimension at once, so the raw share of a
    value mixes in the others'; the fit separates them (roughly: it assumes they add up)."""
    import numpy as np

    ok = [r for r in rows if "error" not in r and (r.get("template") or {}).get("dimensions")
          and r["articles"][1]]
    if len(ok) < 20:
        return ""
    columns = sorted({(d, str(v)) for r in ok for d, v in r["template"]["dimensions"].items()})
    index = {c: k for k, c in enumerate(columns)}
    x = np.zeros((len(ok), len(columns) + 1))
    x[:, -1] = 1.0
    for i, r in enumerate(ok):
        for d, v in r["template"]["dimensions"].items():
            x[i, index[(d, str(v))]] = 1.0
    w = np.sqrt(np.array([r["articles"][1] for r in ok], dtype=float))
    out = ["\n### estimated cost of each dimension value (least squares over all dimensions)\n\n"
           "Articles matched and leads right, in points of the share of an issue's articles, against the "
           "mean value of the same dimension (negative = this value costs that much).\n\n"
           "| dimension = value | renders | articles Δ | leads Δ |\n|---|---|---|---|\n"]
    fits = {}
    for key, _k in (("articles", 0), ("leads", 0)):
        y = np.array([r[key][0] / r["articles"][1] for r in ok])
        a = x * w[:, None]
        ridge = 1.0 * np.eye(a.shape[1])
        ridge[-1, -1] = 0
        beta = np.linalg.solve(a.T @ a + ridge, a.T @ (y * w))
        fits[key] = beta
    counts = {c: sum(1 for r in ok if str(r["template"]["dimensions"].get(c[0])) == c[1]) for c in columns}
    effects = []
    for d in sorted({c[0] for c in columns}):
        cols = [c for c in columns if c[0] == d]
        for key in ("articles", "leads"):
            mean = sum(fits[key][index[c]] for c in cols) / len(cols)
            for c in cols:
                fits.setdefault(key + "Δ", {})[c] = fits[key][index[c]] - mean
        effects += cols
    effects.sort(key=lambda c: fits["articlesΔ"][c])
    for c in effects[:top]:
        out.append(f"| {c[0]} = {c[1]} | {counts[c]} | {100 * fits['articlesΔ'][c]:+.1f} "
                   f"| {100 * fits['leadsΔ'][c]:+.1f} |\n")
    return "".join(out)


def by_dimension(rows: list[dict]) -> str:
    """A markdown report: per template dimension, one line per value (see the docstring)."""
    groups: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        dims = (r.get("template") or {}).get("dimensions")
        if not dims:
            continue
        for dim, value in dims.items():
            groups[dim][str(value)].append(r)
    if not groups:
        return "no render here has a template sidecar (X.template.json)\n"
    head = ("| value | renders | errors | articles | leads | bullets F1 | refs F1 | contents F1 | summary F1 "
            "| issue /7 | table F1 mean | table F1 min |\n|---|" + "---|" * 11 + "\n")
    out, costs = [], []
    for dim in groups:
        out.append(f"\n### {dim}\n\n" + head)
        for value, rs in sorted(groups[dim].items()):
            ok = [r for r in rs if "error" not in r]
            a_hit, a_all = sum(r["articles"][0] for r in ok), sum(r["articles"][1] for r in ok)
            l_hit = sum(r["leads"][0] for r in ok)
            f1s = [r["table_f1"] for r in ok]
            out.append(
                f"| {value} | {len(rs)} | {len(rs) - len(ok)} | {100 * a_hit / max(a_all, 1):.1f} % "
                f"| {100 * l_hit / max(a_all, 1):.1f} % | {_mean(r['bullets_f1'] for r in ok):.3f} "
                f"| {_mean(r['references_f1'] for r in ok):.3f} | {_mean(r['contents_f1'] for r in ok):.3f} "
                f"| {_mean(r['summary_f1'] for r in ok):.3f} | {_mean(r['issue'][0] for r in ok):.2f} "
                f"| {_mean(f1s):.4f} | {min(f1s) if f1s else float('nan'):.4f} |\n")
            costs.append((a_all - a_hit, len(rs), dim, value, a_all))
    out.append(_effects(rows))
    out.append("\n### dimension values ranked by articles lost (unmatched articles in their renders)\n\n"
               "| dimension = value | articles lost | of | renders |\n|---|---|---|---|\n")
    for lost, n, dim, value, total in sorted(costs, key=lambda c: (-c[0] / max(c[4], 1), c[2]))[:25]:
        out.append(f"| {dim} = {value} | {lost} ({100 * lost / max(total, 1):.0f} %) | {total} | {n} |\n")
    return "".join(out)


def _option(argv: list[str], flag: str) -> str | None:
    if flag in argv:
        k = argv.index(flag)
        value = argv[k + 1]
        del argv[k:k + 2]
        return value
    return None


def main(argv: list[str]) -> int:
    argv = list(argv)
    # pdfminer warns of every font without a FontBBox (Chromium's subsets): noise here
    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)
    list_tables = "--tables" in argv
    dimensions = "--by-dimension" in argv
    json_out = _option(argv, "--json")
    json_out = Path(json_out) if json_out else None
    md_out = _option(argv, "--md")
    load = _option(argv, "--load")
    jobs = int(_option(argv, "--jobs") or 1)
    engine = _option(argv, "--engine")
    if engine:
        ASSIGNMENTS[:] = [f"load.engine={engine}"]
    dirs = [Path(a) for a in argv if not a.startswith("--")]
    if not dirs and not load:
        print(__doc__, file=sys.stderr)
        return 2
    cache = _option(argv, "--cache")
    if load:
        rows = json.loads(Path(load).read_text(encoding="utf-8"))
        pdfs = []
    else:
        rows = []
        pdfs = sorted(p for d in dirs for p in d.glob("*.pdf") if p.with_suffix(".truth.json").exists())
    cached: list[dict] = []
    if cache:
        # a farm still rendering: a render is complete once its sidecar is written too
        if any(p.with_suffix(".template.json").exists() for p in pdfs):
            pdfs = [p for p in pdfs if p.with_suffix(".template.json").exists()]
        shas = {}
        for p in pdfs:
            try:
                shas[p.name] = json.loads(p.with_suffix(".truth.json").read_text(encoding="utf-8"))["source"]["sha256"]
            except (ValueError, KeyError) as exc:  # being written: next time
                print(f"{p.name}: golden not readable yet ({exc}); left for the next run", file=sys.stderr)
        pdfs = [p for p in pdfs if p.name in shas]
    if cache and Path(cache).exists():
        cached = json.loads(Path(cache).read_text(encoding="utf-8"))
        cached = [r for r in cached if r.get("sha256") and shas.get(r["file"]) == r["sha256"]]
        done = {r["file"] for r in cached}
        pdfs = [p for p in pdfs if p.name not in done]
        print(f"{len(cached)} renders already scored in {cache}; scoring {len(pdfs)}", file=sys.stderr)
    if jobs > 1:
        from multiprocessing import Pool

        pool = Pool(jobs)
        results = pool.imap(_score_one, [str(p) for p in pdfs])
    else:
        score, nospace = shared_scorer("score_renders"), spaceless(shared_scorer("score_renders"))
        results = (score_file(score, p, nospace) for p in pdfs)
    for r in results:
        rows.append(r)
        if cache:
            Path(cache).write_text(json.dumps(cached + rows, ensure_ascii=False), encoding="utf-8")
        if "error" in r:
            print(f"{r['file']:<48} ERROR {r['error']}")
            continue
        print(f"{r['file']:<48} tables F1 {r['table_f1']:.3f} ({r['table_f1_nospace']:.3f})  "
              f"records {r['records_exact']}/{r['records']}  structure off {len(r['tables_off'])}  "
              f"entities {r['entities_found']}  bullets {r['bullets_f1']} ({r['bullets_f1_nospace']})  "
              f"articles {r['articles'][0]}/{r['articles'][1]}  leads {r['leads'][0]}  refs {r['references_f1']}  "
              f"contents {r['contents_f1']}  summary {r['summary_f1']}  issue {r['issue'][0]}/{r['issue'][1]}",
              flush=True)
        if list_tables:
            for t in r["tables"]:
                if t["f1"] < 1 or _structure_off(t) or (t.get("records") and t["records"]["fields"] < 1):
                    print("    ", {k: v for k, v in t.items() if k != "truth"} | {"truth": t["truth"]})
    rows = cached + rows
    ok = [r for r in rows if "error" not in r]
    if ok:
        print(f"\n{len(ok)} files: mean table F1 {sum(r['table_f1'] for r in ok) / len(ok):.4f}, "
              f"records exact {sum(r['records_exact'] for r in ok)}/{sum(r['records'] for r in ok)}, "
              f"tables with their structure off {sum(len(r['tables_off']) for r in ok)}, "
              f"errors {len(rows) - len(ok)}")
        if all("table_f1_nospace" in r for r in ok):
            print(f"spaces ignored: mean table F1 {_mean(r['table_f1_nospace'] for r in ok):.4f} "
                  f"(min {min(r['table_f1_nospace'] for r in ok):.4f}), "
                  f"mean bullets F1 {_mean(r['bullets_f1_nospace'] for r in ok):.3f}")
    if ok and "articles" in ok[0]:
        a_hit, a_all = sum(r["articles"][0] for r in ok), sum(r["articles"][1] for r in ok)
        print(f"articles matched {a_hit}/{a_all}, leads right {sum(r['leads'][0] for r in ok)}/{a_all}, "
              f"mean bullets F1 {_mean(r['bullets_f1'] for r in ok):.3f}, "
              f"references F1 {_mean(r['references_f1'] for r in ok):.3f}, "
              f"contents F1 {_mean(r['contents_f1'] for r in ok):.3f}, "
              f"summary F1 {_mean(r['summary_f1'] for r in ok):.3f}, "
              f"issue fields {_mean(r['issue'][0] for r in ok):.2f}/7, "
              f"min table F1 {min(r['table_f1'] for r in ok):.4f}")
    if json_out:
        json_out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    if dimensions:
        report = by_dimension(rows)
        print(report)
        if md_out:
            Path(md_out).write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
