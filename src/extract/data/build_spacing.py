#!/usr/bin/env python3
"""Regenerate ``spacing.tsv``: how often a space stands between two Hangul syllables in a
given context, the third witness of ``extract.textjoin`` at a line wrap the page and the
document leave open.

    pip install kiwipiepy konlpy --no-deps     # build only (konlpy for its bundled texts)
    python src/extract/data/build_spacing.py

Where the text comes from (no bulletin, no sample, no render's truth goes in):

- the Korean texts bundled with ``konlpy`` (the Constitution and ten National Assembly bills:
  policy prose written by hand, spaced by its authors), each line on its own (the bills are
  wrapped at a fixed width, inside words: their line ends say nothing);
- the same sentences again and again with their common nouns swapped for nouns drawn from
  Kiwi's dictionary (``kiwipiepy``: its morphemes listed by frequency), joined back by
  ``Kiwi.join`` so particles and endings take the right form after the new noun ("결과를" ->
  "기술을"), with the authors' spaces kept between the words. The grammar stays the authors',
  the vocabulary becomes Kiwi's: the inside of ~40,000 nouns the bills never use.

One bill is held out of all this and scored at the end (how often the table's decision at a
space or a syllable boundary inside a word agrees with its authors'), printed, not tuned on.

The run time reads only the TSV (``extract.spacing``) and needs no package.
"""
from __future__ import annotations

import importlib.util
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "spacing.tsv"
SEED = 19
#: How many times each sentence is written again with other nouns.
PASSES = 12
#: How many of Kiwi's nouns (by frequency rank) the swaps draw from.
NOUNS = 40000
#: Share of the common nouns in a sentence swapped in a pass.
SWAP = 0.8
#: A context seen fewer times is left out of the table.
MIN_COUNT = 3
HELD_OUT = "1809899.txt"
HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")

sys.path.insert(0, str(HERE.parent.parent))
from extract.spacing import SpacingModel, contexts, is_hangul  # noqa: E402


def corpus_dir() -> Path:
    spec = importlib.util.find_spec("konlpy")  # found without importing it (it wants Java)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("konlpy is not installed: pip install konlpy --no-deps")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "corpus"


def lines_of(path: Path) -> list[str]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"\s+", " ", raw).strip()
        if sum(is_hangul(c) for c in line) >= 6:
            out.append(line)
    return out


def count(text: str, table: dict[str, list[int]]) -> None:
    for i in range(1, len(text) - 1):
        ch = text[i]
        if ch == " ":
            a, b, left, right = text[i - 1], text[i + 1], text[:i], text[i + 1:]
            spaced = 1
        elif is_hangul(ch) and is_hangul(text[i - 1]):
            a, b, left, right = text[i - 1], ch, text[:i], text[i:]
            spaced = 0
        else:
            continue
        if not (is_hangul(a) and is_hangul(b)):
            continue
        for key in contexts(left, right):
            table[key][spaced] += 1


def _verdict(counts: tuple[int, int], confidence: float = 0.7) -> int:
    """1: join, -1: space, 0: open (as ``SpacingModel.decide`` reads a context)."""
    p = (counts[0] + 0.5) / (counts[0] + counts[1] + 1)
    return 1 if p >= confidence else -1 if p <= 1 - confidence else 0


def _parent(key: str) -> str | None:
    """The context one character shorter on its longer side (on the left when even); none
    for the short contexts (a pair, one side alone), all kept."""
    left, right = key.split("|")
    if len(left) + len(right) <= 2:
        return None
    if len(left) >= len(right):
        return left[1:] + "|" + right
    return left + "|" + right[:-1]


def prune(table: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Leave out a context that reads as the shorter one it extends (the run time falls back
    to that one): most long contexts only repeat what the pair or three characters tell."""
    kept = {}
    for key, counts in table.items():
        parent = _parent(key)
        while parent is not None and parent not in table:
            parent = _parent(parent)
        if parent is None or _verdict(counts) != _verdict(table[parent]):
            kept[key] = counts
    return kept


def nouns(kiwi) -> list[str]:
    out: list[str] = []
    i = 1
    while len(out) < NOUNS:
        try:
            m = kiwi.morpheme(i)
        except Exception:  # past the last morpheme
            break
        i += 1
        if m.tag == "NNG" and len(m.form) >= 2 and HANGUL.match(m.form):
            out.append(m.form)
    return out


def respelled(kiwi, line: str, pool: list[str], weights: list[float], rng: random.Random,
              passes: int) -> list[str]:
    tokens = kiwi.tokenize(line)
    out = []
    for _ in range(passes):
        morphs, last_word = [], None
        for t in tokens:
            form = t.form
            if t.tag == "NNG" and rng.random() < SWAP:
                form = rng.choices(pool, weights)[0]
            morphs.append((form, t.tag, last_word is not None and t.word_position != last_word))
            last_word = t.word_position
        try:
            text = kiwi.join(morphs)
        except Exception:  # a morpheme Kiwi cannot join back: leave that pass out
            continue
        if rng.random() < 0.5:
            # Kiwi joins 하+었 and 되+었 contracted; reports write them whole as often
            text = text.replace("했", "하였").replace("됐", "되었")
        out.append(text)
    return out


def main() -> None:
    from kiwipiepy import Kiwi

    rng = random.Random(SEED)
    base = corpus_dir()
    files = sorted((base / "kobill").glob("*.txt")) + [base / "kolaw" / "constitution.txt"]
    train = [ln for f in files if f.name != HELD_OUT for ln in lines_of(f)]
    held = lines_of(base / "kobill" / HELD_OUT)
    kiwi = Kiwi()
    pool = nouns(kiwi)
    weights = [1.0 / (r + 50) for r in range(len(pool))]  # Zipf-like, as nouns are used
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for n, line in enumerate(train):
        for _ in range(5):  # the authors' own text weighs as five passes
            count(line, table)
        for text in respelled(kiwi, line, pool, weights, rng, PASSES):
            count(text, table)
        if n % 50 == 0:
            print(f"{n}/{len(train)} lines, {len(table)} contexts", file=sys.stderr)
    rows = sorted(prune({k: (v[0], v[1]) for k, v in table.items() if v[0] + v[1] >= MIN_COUNT}).items())
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# context\tjoined\tspaced  (built by build_spacing.py; see README.md)\n")
        for key, (joined, spaced) in rows:
            fh.write(f"{key}\t{joined}\t{spaced}\n")
    print(f"{len(rows)} contexts -> {OUT} ({OUT.stat().st_size // 1024} KiB)")
    evaluate(held)


def evaluate(lines: list[str]) -> None:
    """Agreement with the held-out bill's authors at every space and syllable boundary
    between two Hangul syllables: what a wrap there would be decided as."""
    model = SpacingModel.load(OUT)
    right = wrong = open_ = 0
    for line in lines:
        for i in range(1, len(line) - 1):
            if line[i] == " " and is_hangul(line[i - 1]) and is_hangul(line[i + 1]):
                left, rest, truth = line[:i], line[i + 1:], False
            elif is_hangul(line[i]) and is_hangul(line[i - 1]):
                left, rest, truth = line[:i], line[i:], True
            else:
                continue
            decision = model.decide(left, rest)
            if decision is None:
                open_ += 1
            elif decision == truth:
                right += 1
            else:
                wrong += 1
    total = right + wrong + open_
    print(f"held-out {HELD_OUT}: {total} boundaries, agree {right}, disagree {wrong}, open {open_} "
          f"({right / max(1, right + wrong):.3f} of those decided)")


if __name__ == "__main__":
    main()
