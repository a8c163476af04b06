"""How right the extractor's line-wrap decisions between Korean characters are, per witness.

    python bench/wraps.py DIR [DIR ...] [--json OUT] [--wrong N] [--files]

Every ``X.pdf`` with an ``X.truth.json`` beside it is extracted (``extract.run``) while
``textjoin._join_wrapped`` is watched: each wrap it decides between Korean text (a witness
named: ``trace``, ``vocabulary``, ``model``, ``default``) is looked up in the golden. The
golden's strings (titles, leads, bullets, cells, ...) are searched, spaces ignored, for the
characters around the break (up to eight on each side, fewer when the longer context is not
found, at least two on a side); where every place found agrees on whether a space stands at
the break, that is the truth for the wrap; where they disagree or none is found, the wrap is
``unmatched``. A wrap joined more than once (a table cell's lines are joined while tables
are sought and again when they are built) counts once, as last decided. Per witness (and
for ``vocabulary`` per rule of ``JoinStats._decide``): right, wrong, unmatched.
``--wrong N`` prints up to N wrong decisions with their context (to read, not to tune on);
``--files`` one line per file; ``--json`` writes every decision.

The truth is read from the goldens only; nothing here changes what the extractor does.
"""
from __future__ import annotations

import json
import logging
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path

import extract
from extract import textjoin
from extract.errors import ExtractError
from extract.spacing import default_model

SEP = "\x00"
MAX_SIDE = 8
MIN_SIDE = 2


def _strings(node, out: list[str]) -> None:
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, dict):
        for k, v in node.items():
            if k not in ("source", "sha256", "file"):
                _strings(v, out)
    elif isinstance(node, list):
        for v in node:
            _strings(v, out)


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


class Truth:
    """A golden's strings, searchable with spaces ignored."""

    def __init__(self, golden: dict):
        strings: list[str] = []
        _strings(golden, strings)
        dense, spaced_before = [], []
        for s in strings:
            space = False
            for ch in _nfc(s):
                if ch.isspace():
                    space = True
                    continue
                dense.append(ch)
                spaced_before.append(space)
                space = False
            dense.append(SEP)
            spaced_before.append(False)
        self.dense = "".join(dense)
        self.spaced_before = spaced_before

    def spaced(self, left: str, right: str) -> bool | None:
        """Is there a space between ``left`` and ``right`` (their ends around a break) in
        the golden? None when not found or the places found disagree."""
        ld = re.sub(r"\s+", "", _nfc(left))
        rd = re.sub(r"\s+", "", _nfc(right))
        for k in range(MAX_SIDE, MIN_SIDE - 1, -1):
            lk, rk = ld[-k:], rd[:k]
            if len(lk) < min(k, MIN_SIDE) or len(rk) < min(k, MIN_SIDE):
                continue
            found = set()
            start = 0
            needle = lk + rk
            while True:
                i = self.dense.find(needle, start)
                if i < 0:
                    break
                found.add(self.spaced_before[i + len(lk)])
                start = i + 1
            if len(found) == 1:
                return found.pop()
            if len(found) > 1:
                return None  # this context is ambiguous; a shorter one would be too
        return None


@contextmanager
def watch_wraps(record):
    """Calls ``record(left, right, prev, stats, joined, witness)`` for every wrap
    ``textjoin._join_wrapped`` joins while the block runs (the rule and the model's context
    of the decision are reset first, so what ``stats`` and the model hold is this wrap's)."""
    original = textjoin._join_wrapped

    def watched(left, right, prev, stats, *args, **kw):
        if stats is not None:
            stats.last_rule = ""
        model = default_model()
        if model is not None:
            model.last_context = ""
        joined, witness = original(left, right, prev, stats, *args, **kw)
        record(left, right, prev, stats, joined, witness)
        return joined, witness

    textjoin._join_wrapped = watched
    try:
        yield
    finally:
        textjoin._join_wrapped = original


class Watch:
    """Records each decision of ``textjoin._join_wrapped`` that names a witness."""

    def __init__(self):
        self.decisions: list[dict] = []

    def __enter__(self):
        self._watch = watch_wraps(self._record)
        self._watch.__enter__()
        return self

    def __exit__(self, *exc):
        return self._watch.__exit__(*exc)

    def _record(self, left, right, prev, stats, joined, witness):
        if not witness:
            return
        model = default_model()
        l2, r2 = left.rstrip(), right.lstrip()
        self.decisions.append({
            "left": l2[-30:], "right": r2[:30], "witness": witness,
            "joined": joined == l2 + r2,
            "rule": getattr(stats, "last_rule", "") if stats is not None else "",
            "context": model.last_context if model is not None and witness == "model" else "",
            "word_wrapping": bool(stats and stats.word_wrapping),
            "role": getattr(prev, "role", None) if prev is not None else None,
            "room_em": round((prev.column_right - prev.x1) / prev.size, 2)
            if prev is not None and prev.column_right and prev.size else None,
            "hangul_em": round(prev.hangul_width / prev.size, 3) if prev is not None and prev.size else None,
            "full": textjoin.line_was_full(prev, r2) if prev is not None else None,
        })


def measure(pdf: Path) -> dict:
    golden = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    truth = Truth(golden)
    with Watch() as w:
        try:
            extract.run(pdf)
        except ExtractError as exc:
            return {"file": pdf.name, "error": str(exc), "decisions": []}
    # The tables stage joins a cell's lines while it looks for tables (no document counts
    # yet) and again when it builds them: the last decision at a wrap is the one kept.
    last = {(d["left"], d["right"]): d for d in w.decisions}
    decisions = list(last.values())
    for d in decisions:
        spaced = truth.spaced(d["left"], d["right"])
        d["truth"] = None if spaced is None else not spaced
        d["verdict"] = "unmatched" if spaced is None else "right" if d["truth"] == d["joined"] else "wrong"
    return {"file": pdf.name, "decisions": decisions}


def _key(d: dict) -> str:
    return d["witness"] + (f":{d['rule']}" if d["witness"] == "vocabulary" and d["rule"] else "")


def report(results: list[dict], title: str, wrong: int = 0, files: bool = False) -> None:
    print(f"== {title}: {len(results)} files")
    by: dict[str, Counter] = defaultdict(Counter)
    total: Counter = Counter()
    for r in results:
        c: Counter = Counter()
        for d in r["decisions"]:
            by[d["witness"]][d["verdict"]] += 1
            if d["witness"] == "vocabulary":
                by[_key(d)][d["verdict"]] += 1
            total[d["verdict"]] += 1
            c[d["verdict"]] += 1
        if files:
            print(f"  {r['file']:60s} right {c['right']:4d} wrong {c['wrong']:3d} unmatched {c['unmatched']:3d}"
                  + (f"  ERROR {r['error']}" if r.get("error") else ""))
    print(f"  {'witness':32s} {'right':>6s} {'wrong':>6s} {'unmatched':>9s}  acc")
    order = ["trace", "vocabulary"] + sorted(k for k in by if k.startswith("vocabulary:")) + ["model", "default"]
    for k in order:
        if k in by:
            c = by[k]
            acc = c["right"] / max(1, c["right"] + c["wrong"])
            print(f"  {k:32s} {c['right']:6d} {c['wrong']:6d} {c['unmatched']:9d}  {acc:.3f}")
    acc = total["right"] / max(1, total["right"] + total["wrong"])
    print(f"  {'all':32s} {total['right']:6d} {total['wrong']:6d} {total['unmatched']:9d}  {acc:.3f}")
    if wrong:
        shown = 0
        for r in results:
            for d in r["decisions"]:
                if d["verdict"] == "wrong" and shown < wrong:
                    shown += 1
                    how = "joined" if d["joined"] else "spaced"
                    print(f"    {_key(d):28s} {how}  …{d['left'][-12:]}|{d['right'][:12]}…  {d['context']}")


def main(argv: list[str]) -> None:
    logging.disable(logging.WARNING)
    args = list(argv)
    out = None
    wrong = 0
    files = "--files" in args
    if files:
        args.remove("--files")
    if "--json" in args:
        i = args.index("--json")
        out = args[i + 1]
        del args[i:i + 2]
    if "--wrong" in args:
        i = args.index("--wrong")
        wrong = int(args[i + 1])
        del args[i:i + 2]
    everything = []
    for folder in args:
        pdfs = sorted(p for p in Path(folder).glob("*.pdf") if p.with_suffix(".truth.json").exists())
        results = [measure(p) for p in pdfs]
        everything.extend(results)
        report(results, folder, wrong, files)
    if len(args) > 1:
        report(everything, "all", 0, False)
    if out:
        Path(out).write_text(json.dumps(everything, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
