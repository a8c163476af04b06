"""Score the normaliser on a list of spellings with their expected entities.

The lists (``tests/data/names_heldout.tsv``, ``names_dev.tsv``) are tab-separated:
``mention, hint, type, expected``. ``hint`` is the type a column or record field gives (or
empty); ``type`` is what the mention should come out as, including ``unknown`` and
``ambiguous``; ``expected`` is canonical_zh for places, canonical_zh or else canonical_ko for
companies and institutions, empty for unknown and ambiguous.

The two older lists (``names_tuning.csv``, ``names_heldout.csv``) are comma-separated
``mention, type, expected`` with places only: ``type`` is the hint and the type expected,
``expected`` canonical_zh or ``AMBIGUOUS``; they are read as rows of the lists above.

A wrong answer is *confident* when it names an entity (not unknown, not ambiguous) with a score
at or past the normaliser's threshold: the kind of error nobody downstream would catch.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import Normalizer, Resolution

PLACES = ("region", "country")


@dataclass
class ListScore:
    total: int = 0
    right: int = 0
    wrong: list[tuple[str, str, str, str]] = field(default_factory=list)  # mention, hint, expected, got
    confidently_wrong: list[tuple[str, str, str, str]] = field(default_factory=list)

    def line(self, name: str) -> str:
        return (f"{name}: {self.right}/{self.total} right ({self.right / max(self.total, 1):.1%}), "
                f"{len(self.wrong)} wrong, {len(self.confidently_wrong)} confidently wrong")


def read_list(path: Path) -> list[tuple[str, str, str, str]]:
    if path.suffix == ".csv":
        return _read_csv_list(path)
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            raise ValueError(f"{path}:{n}: expected 4 tab-separated columns, got {len(cells)}")
        rows.append((cells[0], cells[1], cells[2], cells[3]))
    if not rows or rows[0] != ("mention", "hint", "type", "expected"):
        raise ValueError(f"{path}: the first row must be the header mention/hint/type/expected")
    return rows[1:]


def _read_csv_list(path: Path) -> list[tuple[str, str, str, str]]:
    import csv

    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = list(csv.reader(lines))
    if not rows or rows[0] != ["mention", "type", "expected"]:
        raise ValueError(f"{path}: the first row must be the header mention,type,expected")
    return [(mention, hint, "ambiguous", "") if expected == "AMBIGUOUS" else (mention, hint, hint, expected)
            for mention, hint, expected in rows[1:]]


def answer(res: Resolution) -> tuple[str, str]:
    """(type, key) of a resolution in the lists' terms."""
    if res.ambiguous:
        return "ambiguous", ""
    if res.type == "unknown" or (res.type in PLACES and res.canonical_zh is None):
        return "unknown", ""
    if res.type in PLACES:
        return res.type, res.canonical_zh or ""
    return res.type, res.canonical_zh or res.canonical_ko or ""


def _same(got: tuple[str, str], want: tuple[str, str]) -> bool:
    """One answer: the same type, and the same name, a company's or institution's compared
    without spaces (docs/NAMES.md: its printed name without spaces; a list may keep a Latin
    name's word spaces, "Zentrovax Co., Ltd.", or drop them)."""
    if got[0] != want[0]:
        return False
    if got[0] in ("company", "institution"):
        return re.sub(r"\s+", "", got[1]) == re.sub(r"\s+", "", want[1])
    return got[1] == want[1]


def score_list(path: Path, normalizer: Normalizer | None = None) -> ListScore:
    normalizer = normalizer or Normalizer()
    threshold = normalizer.settings.threshold
    out = ListScore()
    for mention, hint, typ, expected in read_list(path):
        res = normalizer.resolve(mention, hint or None)
        got = answer(res)
        out.total += 1
        if _same(got, (typ, expected)):
            out.right += 1
            continue
        row = (mention, hint, f"{typ} {expected}".strip(), f"{got[0]} {got[1]}".strip() + f" ({res.score:g})")
        out.wrong.append(row)
        if got[0] not in ("ambiguous", "unknown") and res.score >= threshold:
            out.confidently_wrong.append(row)
    return out
