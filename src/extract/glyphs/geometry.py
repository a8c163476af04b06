"""Boxes, points and one-dimensional grouping: the geometry every stage shares.

A box is ``(x0, top, x1, bottom)`` in PDF points with the origin at the page's top left
(pdfplumber's frame); a glyph, line or rect dict carries the same four keys.
"""
from __future__ import annotations

import statistics
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom

T = TypeVar("T")

#: Coordinates closer than this (pt) are one: pdfium computes in single precision (a
#: rectangle's corner summed from its origin and height lands 1e-5 pt off the written
#: decimal), pdfminer in double, and nothing a producer draws is set this fine; a test
#: decided by less would read one page two ways.
SAME_POINT = 1e-3


def point_in_box(x: float, y: float, box: Sequence[float], pad: float = 1.0) -> bool:
    """``(x, y)`` within ``box`` grown by ``pad`` on every side."""
    return box[0] - pad <= x <= box[2] + pad and box[1] - pad <= y <= box[3] + pad


def clearly_between(lo: float, x: float, hi: float) -> bool:
    """``lo < x < hi`` by more than SAME_POINT on each side: ``x`` on a bound, to within the
    engines' rounding, is not between (a label whose box starts exactly 1 pt above a rule
    has the rule at its edge, not inside it, whichever engine read the page)."""
    return lo + SAME_POINT < x < hi - SAME_POINT


def center(obj: Mapping[str, Any]) -> tuple[float, float]:
    """The centre of a glyph/line/rect dict."""
    return (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2


def center_in_box(obj: Mapping[str, Any], box: Sequence[float], pad: float = 1.0) -> bool:
    """The centre of ``obj`` (a glyph dict) within ``box`` grown by ``pad``: a glyph belongs
    to the box it mostly stands in, whatever its edges do."""
    x, y = center(obj)
    return point_in_box(x, y, box, pad)


def x_center_within(obj: Mapping[str, Any], x0: float, x1: float, pad: float = 0.0) -> bool:
    """The horizontal centre of ``obj`` between ``x0`` and ``x1`` (grown by ``pad``)."""
    return x0 - pad <= (obj["x0"] + obj["x1"]) / 2 <= x1 + pad


def y_center_within(obj: Mapping[str, Any], top: float, bottom: float, pad: float = 0.0) -> bool:
    """The vertical centre of ``obj`` between ``top`` and ``bottom`` (grown by ``pad``)."""
    return top - pad <= (obj["top"] + obj["bottom"]) / 2 <= bottom + pad


def runs(items: Iterable[T], key: Callable[[T], float], tol: float, *, from_first: bool = False) -> list[list[T]]:
    """Items (already sorted by ``key``) grouped into runs whose consecutive keys lie within
    ``tol`` of the run's last member (or of its first, with ``from_first``: a run that must
    not creep along a slope)."""
    groups: list[list[T]] = []
    for item in items:
        k = key(item)
        if groups and k - key(groups[-1][0 if from_first else -1]) <= tol:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def cluster(values: Iterable[float], tol: float) -> list[float]:
    """Values grouped where consecutive ones (sorted) lie within ``tol``; the median of each
    group (indent levels, ruling positions)."""
    return [statistics.median(g) for g in runs(sorted(values), float, tol)]


def median_size(sizes: list[float]) -> float:
    """statistics.median, without its cost in the usual case of one size for all glyphs."""
    first = sizes[0]
    for size in sizes:
        if size != first:
            return statistics.median(sizes)
    return first
