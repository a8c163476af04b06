"""The same content printed by three producers (reportlab, Chromium, WeasyPrint) gives the
same JSON apart from the source, page numbers and provenance.

Where a producer prints a line break the extractor cannot read one way only (a Korean word
cut at the line end with no trace), the output differs from the golden by a space, and the
producer's known-diffs file lists it. So: producers of a content with no known-diffs must
agree exactly; otherwise every difference must be such a space and nothing else.
"""
from __future__ import annotations

import itertools
import re
from collections import defaultdict

import pytest

from extract.compare import compare
from helpers import sample_pairs

# Fields that legitimately differ between producers: where things fall on the pages, and
# what the pipeline says about how it found them.
PRODUCER_FIELDS = ("source", "provenance", "warnings", "warning_details", "*pages", "tables[*].bboxes",
                   "tables[*].quality",
                   # which witness decided a wrap depends on the producer's trace (as in
                   # provenance.wraps); the text the wraps made does not
                   "sections[*].articles[*].wraps",
                   # page and line counts of the self-checks depend on the producer; the
                   # verdict and what is missing do not
                   "completeness.checks[*].expected", "completeness.checks[*].found")


def _by_content() -> dict[str, list]:
    groups = defaultdict(list)
    for pdf, _ in sample_pairs():
        stem, _, producer = pdf.stem.rpartition(".")
        if producer in ("reportlab", "chromium", "weasyprint"):
            groups[stem].append(pdf)
    return {stem: pdfs for stem, pdfs in groups.items() if len(pdfs) >= 3}


def _has_known_diffs(pdf) -> bool:
    return pdf.with_suffix(".known-diffs.txt").exists()


def _only_spacing(diff) -> bool:
    """True when the two sides are the same text but for spaces."""
    if diff.kind != "changed" or not (isinstance(diff.found, str) and isinstance(diff.expected, str)):
        return False
    return re.sub(r"\s+", "", diff.found) == re.sub(r"\s+", "", diff.expected)


GROUPS = _by_content()


def test_three_producers_per_content():
    assert GROUPS, "samples/ should hold each content file printed by reportlab, Chromium and WeasyPrint"
    for stem, pdfs in GROUPS.items():
        assert {p.stem.rpartition(".")[2] for p in pdfs} == {"reportlab", "chromium", "weasyprint"}, stem


@pytest.mark.parametrize("stem", sorted(GROUPS))
def test_producers_give_the_same_json(stem, run_cache):
    pdfs = GROUPS[stem]
    for a, b in itertools.combinations(pdfs, 2):
        diffs = compare(run_cache(a).data, run_cache(b).data, ignore=PRODUCER_FIELDS)
        if not (_has_known_diffs(a) or _has_known_diffs(b)):
            assert not diffs, f"{a.name} vs {b.name}:\n  " + "\n  ".join(map(str, diffs))
        unexplained = [str(d) for d in diffs if not _only_spacing(d)]
        assert not unexplained, f"{a.name} vs {b.name}:\n  " + "\n  ".join(unexplained)
