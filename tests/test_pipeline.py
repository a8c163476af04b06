"""The pipeline leaves the process as it found it."""
from __future__ import annotations

import gc
import threading

import pytest

import extract
from extract.errors import NotAPDF
from helpers import KO, make_pdf, sample_pairs


def test_gc_threshold_is_restored_after_runs_in_threads_and_after_errors(tmp_path):
    before = gc.get_threshold()
    pdf = sample_pairs()[0][0]
    threads = [threading.Thread(target=extract.run, args=(pdf,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gc.get_threshold() == before
    bad = tmp_path / "x.pdf"
    bad.write_text("not a pdf")
    with pytest.raises(NotAPDF):
        extract.run(bad)
    assert gc.get_threshold() == before


def test_outputs_get_the_permissions_of_any_new_file(tmp_path):
    """Atomic writes go through a private temporary file; the output must not stay private."""
    import os

    mask = os.umask(0o022)
    try:
        written = extract.run(sample_pairs()[0][0]).write(tmp_path / "issue.json")
        plain = tmp_path / "plain.txt"
        plain.write_text("x")
    finally:
        os.umask(mask)
    assert (os.stat(written).st_mode & 0o777) == (os.stat(plain).st_mode & 0o777) == 0o644


def test_a_page_too_short_to_measure_word_gaps_is_spaced_like_the_page_before(tmp_path):
    """Page 1 spaces its words 0.25 em apart (no space glyphs); page 2 holds only '3' and
    '등급', 0.19 em apart: too few gaps to learn from, so page 1's threshold (0.2 em) reads
    them as one word, where the fixed default (0.15 em) would split them."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    import extract

    size = 10.0

    def draw(c):
        c.setFont(KO, size)
        for row in range(6):
            x = 60.0
            for word in ["가나다", "라마", "바사아", "자차", "카타파", "하가"]:
                c.drawString(x, 700 - 20 * row, word)
                x += stringWidth(word, KO, size) + 0.25 * size
        c.showPage()
        c.setFont(KO, size)
        c.drawString(60, 700, "3")
        c.drawString(60 + stringWidth("3", KO, size) + 0.19 * size, 700, "등급")
        c.showPage()

    text = extract.text(make_pdf(tmp_path / "short-page.pdf", draw))
    assert "3등급" in text and "가나다 라마" in text
