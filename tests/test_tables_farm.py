"""Table failure classes found on the template farm (issue #18), each drawn small.

Renders of templates we never tuned for (samples/template_farm.py) showed tables read wrong
in ways no single template explains; each test here draws the geometry of one class with
reportlab and checks the general rule that reads it:

* a space glyph narrower than the page's word gap (0.22 em in CJK fonts) is a word space
  in a table read from aligned words.
"""
from __future__ import annotations

import pdfplumber

from extract.settings import TableSettings
from extract.tables import find_fragments
from helpers import make_pdf


def _fragments(path, gap=None):
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[0]
        return find_fragments(page, 1, TableSettings(), gap, page.chars)


def test_a_narrow_space_glyph_in_a_cell_read_from_aligned_words_is_a_word_space(tmp_path):
    """A CJK font's space is 0.22 em, narrower than the word gap a page of wider spaces
    learns; where the producer prints the space glyph, the cell keeps the space."""
    size = 9.0

    def spaced(c, x, y, words):
        """Draw ``words`` parted by space glyphs 0.2 em apart (the glyph drawn, the next
        word set where a narrow space would put it)."""
        for k, w in enumerate(words):
            c.drawString(x, y, w + (" " if k < len(words) - 1 else ""))
            x += c.stringWidth(w, "Helvetica", size) + 0.2 * size

    def draw(c):
        c.setFont("Helvetica", size)
        c.setLineWidth(1.2)
        c.line(72, 740, 480, 740)
        for x, text in zip((76, 200, 330), ("Name", "Sensor", "Use")):
            c.drawString(x, 728, text)
        c.setLineWidth(0.5)
        c.line(72, 722, 480, 722)
        for k, (a, b, d) in enumerate([("Unit A", "Hall sensor", "blade position"),
                                       ("Unit B", "Image sensor", "scene range"),
                                       ("Unit C", "Gyro sensor", "hand shake")]):
            y = 710 - 14 * k
            for x, text in zip((76, 200, 330), (a, b, d)):
                spaced(c, x, y, text.split())
        c.line(72, 670, 480, 670)
        c.showPage()

    frags = _fragments(make_pdf(tmp_path / "spaces.pdf", draw), gap=0.3)
    assert len(frags) == 1
    assert frags[0].rows[frags[0].header_rows:] == [["Unit A", "Hall sensor", "blade position"],
                                                    ["Unit B", "Image sensor", "scene range"],
                                                    ["Unit C", "Gyro sensor", "hand shake"]]
