"""The pipeline leaves the process as it found it."""
from __future__ import annotations

import gc
import threading

import pytest

import extract
from extract.errors import NotAPDF

from conftest import sample_pairs


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
