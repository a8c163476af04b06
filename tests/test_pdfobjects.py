"""Our fast page-object parse gives exactly pdfplumber's dicts.

``extract.pdfobjects.parse_objects`` replaces pdfplumber's generic object conversion for
speed (issue #10); every later stage and pdfplumber's own table finder read its dicts, so
any difference, in any key of any object, would be a silent change of input. These tests
compare the two on every page of the bundled samples and, where the shared corpus is here,
on the kostec PDFs and the first pages of every public test PDF (CJK fonts, hostile and
broken files included).
"""
from __future__ import annotations

from pathlib import Path

import pdfplumber

from extract.pdfobjects import parse_objects
from helpers import SAMPLES


def differences(path: Path, max_pages: int | None = None) -> tuple[int, list[str]]:
    """(pages compared, one line per page whose objects differ)."""
    try:
        pdf = pdfplumber.open(str(path))
        pages = pdf.pages
    except Exception:
        return 0, []  # a file pdfplumber cannot open has nothing to compare
    compared, found = 0, []
    with pdf:
        for page in pages[:max_pages]:
            try:
                _ = page.layout  # parse it (the attribute is computed on access)
            except Exception:
                continue  # an unparsable page: neither path gives objects
            ours, theirs = parse_objects(page), page.parse_objects()
            compared += 1
            if ours != theirs:
                kinds = sorted(k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k))
                found.append(f"{path.name} page {page.page_number}: {kinds}")
            page.close()
    return compared, found


def test_same_dicts_on_every_sample_page():
    pdfs = sorted(SAMPLES.rglob("*.pdf"))
    assert pdfs, "the bundled samples are missing"
    total, found = 0, []
    for pdf in pdfs:
        n, diff = differences(pdf)
        total, found = total + n, found + diff
    assert total > 100 and not found, found


def test_same_dicts_on_the_shared_corpus(corpus):
    pdfs = sorted((corpus / "kostec").glob("*.pdf")) + sorted((corpus / "public").rglob("*.pdf"))
    total, found = 0, []
    for pdf in pdfs:
        n, diff = differences(pdf, max_pages=3)
        total, found = total + n, found + diff
    assert total > 200 and not found, found


def test_objects_with_unusual_attributes_match_too(tmp_path):
    """A glyph whose marked-content id is not a plain value goes through pdfplumber's own
    conversion, and a rectangle's non-plain colour is resolved as pdfplumber does, so the
    result still matches."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "one.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "Hello")
    c.rect(72, 600, 100, 50)
    c.save()
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[0]
        glyph = next(o for o in page.layout._objs if type(o).__name__ == "LTChar")
        box = next(o for o in page.layout._objs if type(o).__name__ == "LTRect")
        glyph.mcid = [1, 2]  # a list: not a plain value
        box.non_stroking_color = [0.5, 0.25]  # a list colour: resolved, as pdfplumber does
        ours = parse_objects(page)
        assert ours == page.parse_objects()
        assert ours["char"][0]["mcid"] == [1, 2]
        assert ours["rect"][0]["non_stroking_color"] == [0.5, 0.25]
