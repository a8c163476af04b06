"""A model of Korean spacing, the third witness at a line wrap (after the producer's trace and
the document's own words, see ``textjoin``): how often a space stands between two Hangul
syllables given the characters around them.

The table (``data/spacing.tsv``) is counted at build time over policy prose with Kiwi's
vocabulary (``data/build_spacing.py``); at run time it is a plain lookup, no package and no
model: loading Kiwi itself costs seconds and ~500 MB per process. Contexts run from the pair
alone ("분|야") to three characters on one side and two on the other ("6대 분|야" is "대 분|야순"
with the space known), down to one syllable on one side ("할|"): the longest context seen
often enough decides.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .glyphs.scripts import is_cjk, is_hangul

DATA = Path(__file__).resolve().parent / "data" / "spacing.tsv"
#: (characters left of the break, characters right of it), longest first: the first one seen
#: at least ``SpacingModel.min_seen`` times decides. Last, one side alone: a pair never seen
#: still has a syllable that mostly ends a word ("할|" before a noun) or mostly goes on one.
CONTEXTS = ((3, 2), (2, 3), (2, 2), (3, 1), (1, 3), (2, 1), (1, 2), (1, 1), (2, 0), (0, 2), (1, 0), (0, 1))


def _norm(ch: str) -> str:
    """Characters as the table knows them: every digit is 0, every Latin letter a, every
    ideograph 漢, any white space one space."""
    if ch.isspace():
        return " "
    if ch.isdigit():
        return "0"
    if ch.isascii() and ch.isalpha():
        return "a"
    if is_cjk(ch):
        return "漢"
    return ch


def contexts(left: str, right: str) -> list[str]:
    """Keys of the table for a break between the end of ``left`` and the start of ``right``,
    longest first (a text shorter than a context leaves that context out)."""
    out = []
    for k, j in CONTEXTS:
        if len(left) >= k and len(right) >= j:
            out.append("".join(map(_norm, left[len(left) - k:])) + "|" + "".join(map(_norm, right[:j])))
    return out


@dataclass
class SpacingModel:
    """``table``: context -> (times joined, times spaced)."""

    table: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: A context seen fewer times is passed over for a shorter one.
    min_seen: int = 3
    #: Share of one way or the other a context needs to decide; below it the wrap stays open.
    confidence: float = 0.7
    #: The share it needs to overrule the document's own words (``textjoin``): a context must
    #: be near-certain to outweigh what the document shows (0.7 and 0.9 measured on a held-out
    #: bill, see ``data/build_spacing.py``; 0.9 agreed with its authors more often there).
    overrule_confidence: float = 0.9
    #: ... and to have been seen this often (with both syllables around the break).
    overrule_min_seen: int = 10
    #: The context that decided last (for tests and for reading decisions).
    last_context: str = ""
    last_seen: int = 0

    @classmethod
    def load(cls, path: Path = DATA, **kw) -> "SpacingModel":
        table = {}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                key, joined, spaced = line.rstrip("\n").split("\t")
                table[key] = (int(joined), int(spaced))
        return cls(table, **kw)

    def p_join(self, left: str, right: str) -> float | None:
        """How likely the break between ``left`` and ``right`` is inside a word, from the
        longest context seen often enough; None when no context was."""
        left, right = left.rstrip(), right.lstrip()
        if not left or not right or not (is_hangul(left[-1]) and is_hangul(right[0])):
            return None
        for key in contexts(left, right):
            joined, spaced = self.table.get(key, (0, 0))
            if joined + spaced >= self.min_seen:
                self.last_context, self.last_seen = key, joined + spaced
                return (joined + 0.5) / (joined + spaced + 1)
        return None

    def decide(self, left: str, right: str, confidence: float | None = None,
               both_sides: bool = False) -> bool | None:
        """True: join without a space; False: with one; None: the table cannot tell (with
        ``confidence``, or the model's own, as the share one way needed; with ``both_sides``,
        from a context that saw both syllables around the break ``overrule_min_seen`` times)."""
        p = self.p_join(left, right)
        confidence = self.confidence if confidence is None else confidence
        if p is None:
            return None
        if both_sides and (self.last_context.startswith("|") or self.last_context.endswith("|")
                           or self.last_seen < self.overrule_min_seen):
            return None
        if p >= confidence:
            return True
        if p <= 1 - confidence:
            return False
        return None


@lru_cache(maxsize=1)
def default_model() -> SpacingModel | None:
    """The shipped table, loaded once per process (None, and the wrap left to the other
    witnesses, when the file is missing: a source tree without built data)."""
    if not DATA.exists():
        return None
    return SpacingModel.load(DATA)
