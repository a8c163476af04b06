"""Two-up tables: a list printed in two halves side by side (`no 제품명 기업 | no 제품명 기업`).

The header repeats itself; each printed row carries two logical rows. Logical order is the
left half of every page part, then the right half of every page part, which is how such
lists are filled (rows 1-13 left, 14-25 right, across a page break too).
"""
from __future__ import annotations

from difflib import SequenceMatcher


def _same(a: str, b: str) -> bool:
    a, b = "".join(a.split()), "".join(b.split())
    return a == b or (bool(a) and bool(b) and SequenceMatcher(None, a, b).ratio() >= 0.75)


def repeat_width(header: list[str]) -> int | None:
    """k when the header is two copies of a k-column header, else None."""
    n = len(header)
    if n < 4 or n % 2:
        return None
    k = n // 2
    if not any(header[:k]):
        return None
    if all(_same(a, b) for a, b in zip(header[:k], header[k:])):
        return k
    return None


def header_repeats(header: list[list[str]], k: int) -> bool:
    """Whether every header row reads the same in both halves (blank halves aside): a
    two-up list repeats its whole header, while a table whose column pairs merely share
    their sub-headings ("Category | Description" under two different group titles) has
    group titles that differ."""
    for row in header:
        left, right = row[:k], row[k:2 * k]
        if any(left) and any(right) and not all(_same(a, b) for a, b in zip(left, right)):
            return False
    return True


def unfold(parts: list[list[list[str]]], k: int) -> list[list[str]]:
    """``parts``: the data rows of each page part; returns the logical rows."""
    lefts, rights = [], []
    for rows in parts:
        for row in rows:
            left, right = row[:k], row[k:2 * k]
            if any(c.strip() for c in left):
                lefts.append(left)
            if any(c.strip() for c in right):
                rights.append(right)
    return lefts + rights
