"""The wrap-space errors of the output: bullets and table cells that differ from the golden
only in spaces, each space placed or missed at a line wrap, with the witness that decided it.

    python bench/wrap_errors.py DIR [DIR ...] [--json OUT] [--list] [--files]

Every ``X.pdf`` with an ``X.truth.json`` beside it is extracted (``extract.run``) while
``textjoin._join_wrapped`` is watched (every wrap it joins, with its witness and, for the
document's words, the rule of ``JoinStats._decide``; a wrap settled by a sign is ``sign``).
Then each bullet and each table cell (header or body) of the output that is not in the
golden is paired with a golden bullet or cell of the same characters, spaces ignored (the
scorer compares texts folded, so one space is a whole bullet lost). Each space that stands
in one and not in the other is looked up among the wraps: the wrap whose two sides, spaces
ignored, meet at that place decided it (the longest sides that match, at least two
characters on each side); a space difference at no wrap is ``not a wrap`` (a space inside a
line, read or not). Per witness: how many differences, how many were a space put in where
the golden has none (``spaced``) or left out (``joined``). ``--list`` prints each one.

The truth is read from the goldens only; nothing here changes what the extractor does.
The JSON also holds every wrap decision between Korean text with the golden's answer where
it has one (``truth_spaced``, found as ``bench/wraps.py`` finds it: to weigh a rule over all
the wraps it would touch, not only those that cost a bullet or a cell).
"""
from __future__ import annotations

import json
import logging
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import extract
from extract.errors import ExtractError
from wraps import Truth, watch_wraps  # bench/wraps.py, beside this script

MIN_SIDE = 2
MAX_SIDE = 10


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def _dense(s: str) -> str:
    return re.sub(r"\s+", "", s)


class Watch:
    """Every wrap ``textjoin._join_wrapped`` joins: its two sides (spaces dropped), whether
    it put a space, the witness (``sign`` where a sign settled it) and the rule."""

    def __init__(self):
        self.wraps: list[dict] = []

    def __enter__(self):
        self._watch = watch_wraps(self._record)
        self._watch.__enter__()
        return self

    def __exit__(self, *exc):
        return self._watch.__exit__(*exc)

    def _record(self, left, right, prev, stats, joined, witness):
        l2, r2 = _fold(left), _fold(right)
        if l2 and r2:
            rule = getattr(stats, "last_rule", "") if stats is not None else ""
            self.wraps.append({"left": _dense(l2)[-MAX_SIDE:], "right": _dense(r2)[:MAX_SIDE],
                               "l": l2[-30:], "r": r2[:30], "spaced": joined != l2 + r2,
                               "witness": witness or "sign", "rule": rule,
                               "word_wrapping": bool(stats and stats.word_wrapping)})


def _space_diffs(found: str, truth: str) -> list[tuple[int, bool]]:
    """Where ``found`` and ``truth`` (same characters, spaces aside) differ: (index in the
    dense text of the character after the place, True if ``found`` has the space)."""
    def spaces(s: str) -> set[int]:
        out, n = set(), 0
        for ch in s:
            if ch == " ":
                out.add(n)
            else:
                n += 1
        return out
    f, t = spaces(found), spaces(truth)
    return sorted([(i, True) for i in f - t] + [(i, False) for i in t - f])


def _wrap_at(dense: str, i: int, wraps: list[dict]) -> dict | None:
    """The wrap whose sides meet between ``dense[:i]`` and ``dense[i:]``, best matched."""
    best, best_k = None, 0
    for w in wraps:
        k_l = 0
        while k_l < len(w["left"]) and k_l < i and w["left"][-1 - k_l] == dense[i - 1 - k_l]:
            k_l += 1
        k_r = 0
        while k_r < len(w["right"]) and i + k_r < len(dense) and w["right"][k_r] == dense[i + k_r]:
            k_r += 1
        full_l = k_l == len(w["left"]) or k_l == i
        full_r = k_r == len(w["right"]) or i + k_r == len(dense)
        if min(k_l, k_r) >= MIN_SIDE or (full_l and full_r and k_l and k_r):
            if k_l + k_r >= best_k:  # (the last of equals: a cell joined again when built)
                best, best_k = w, k_l + k_r
    return best


def _items(data: dict) -> tuple[list[str], list[str]]:
    """Bullets and table cells of an output or a golden, folded."""
    bullets, cells = [], []
    arts = [a for s in data.get("sections") or [] for a in s.get("articles") or []]
    arts += data.get("articles") or []
    for a in arts:
        bullets += [_fold(b["text"]) for b in a.get("bullets") or [] if b.get("text")]
    for t in data.get("tables") or []:
        for row in (t.get("header") or []) + (t.get("rows") or []):
            cells += [_fold(c) for c in row if isinstance(c, str) and c.strip()]
    return bullets, cells


def measure(pdf: Path) -> dict:
    golden = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    with Watch() as w:
        try:
            out = extract.run(pdf).data
        except ExtractError as exc:
            return {"file": pdf.name, "error": str(exc), "errors": []}
    errors = []
    for kind, found, truth in zip(("bullet", "cell"), _items(out), _items(golden)):
        left = Counter(truth)
        extra = []
        for s in found:
            if left[s] > 0:
                left[s] -= 1
            else:
                extra.append(s)
        by_dense: dict[str, list[str]] = defaultdict(list)
        for s, n in left.items():
            by_dense[_dense(s)] += [s] * n
        for s in extra:
            pool = by_dense.get(_dense(s))
            if not pool:
                continue
            t = pool.pop()
            dense = _dense(s)
            for i, spaced in _space_diffs(s, t):
                wrap = _wrap_at(dense, i, w.wraps)
                errors.append({
                    "kind": kind, "at": dense[max(0, i - 12):i] + "|" + dense[i:i + 12],
                    "found_spaced": spaced, "witness": wrap["witness"] if wrap else "not a wrap",
                    "rule": wrap["rule"] if wrap and wrap["witness"] == "vocabulary" else "",
                    "decided_spaced": wrap["spaced"] if wrap else None})
    # Every wrap between Korean text, once (the last decision where a cell was joined twice),
    # with the golden's answer where it has one (``bench/wraps.py``'s search): to weigh a
    # rule over all the wraps it would touch, not only those that cost a bullet.
    truth_text = Truth(golden)
    last = {(d["l"], d["r"]): d for d in w.wraps if d["witness"] != "sign"}
    decisions = []
    for d in last.values():
        spaced = truth_text.spaced(d["l"], d["r"])
        decisions.append({k: d[k] for k in ("l", "r", "spaced", "witness", "rule", "word_wrapping")}
                         | {"truth_spaced": spaced})
    return {"file": pdf.name, "errors": errors, "decisions": decisions}


def _key(e: dict) -> str:
    return e["witness"] + (f":{e['rule']}" if e["rule"] else "")


def report(results: list[dict], title: str, listing: bool = False, files: bool = False) -> None:
    print(f"== {title}: {len(results)} files")
    by: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        for e in r["errors"]:
            how = "spaced" if e["found_spaced"] else "joined"
            for k in {e["witness"], _key(e)}:
                by[k][how] += 1
                by[k][e["kind"]] += 1
        if files:
            print(f"  {r['file']:60s} {len(r['errors']):3d}" + (f"  ERROR {r['error']}" if r.get("error") else ""))
    print(f"  {'witness':34s} {'all':>4s} {'spaced':>6s} {'joined':>6s} {'bullet':>6s} {'cell':>5s}")
    wraps = Counter()
    for k in sorted(by, key=lambda k: (k.split(":")[0], k)):
        c = by[k]
        n = c["spaced"] + c["joined"]
        if ":" not in k and k != "not a wrap":
            wraps["all"] += n
            wraps["bullet"] += c["bullet"]
            wraps["cell"] += c["cell"]
        print(f"  {k:34s} {n:4d} {c['spaced']:6d} {c['joined']:6d} {c['bullet']:6d} {c['cell']:5d}")
    print(f"  {'at a wrap, all witnesses':34s} {wraps['all']:4d} {'':13s} {wraps['bullet']:6d} {wraps['cell']:5d}")
    if listing:
        for r in results:
            for e in r["errors"]:
                how = "spaced" if e["found_spaced"] else "joined"
                print(f"    {_key(e):30s} {e['kind']:6s} {how}  {e['at']}   {r['file'][:40]}")


def main(argv: list[str]) -> None:
    logging.disable(logging.WARNING)
    args = list(argv)
    out = None
    listing, files = "--list" in args, "--files" in args
    args = [a for a in args if a not in ("--list", "--files")]
    if "--json" in args:
        i = args.index("--json")
        out = args[i + 1]
        del args[i:i + 2]
    everything = []
    for folder in args:
        pdfs = sorted(p for p in Path(folder).glob("*.pdf") if p.with_suffix(".truth.json").exists())
        results = [measure(p) for p in pdfs]
        everything.extend(results)
        report(results, folder, listing, files)
    if len(args) > 1:
        report(everything, "all")
    if out:
        Path(out).write_text(json.dumps(everything, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
