"""The project's own samples are in step with their content files and renderer: rendering
again gives the same bytes and the same golden (goldens come from content, not from us)."""
from __future__ import annotations

import subprocess
import sys

from helpers import SAMPLES, load_json


def test_rendering_again_gives_the_committed_pdfs_and_goldens(tmp_path):
    contents = sorted((SAMPLES / "content").glob("*.json"))
    assert len(contents) >= 2, "a transcription of the seed issue and an issue of our own"
    proc = subprocess.run([sys.executable, str(SAMPLES / "make_samples.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    for content in contents:
        stem = f"{content.stem}.reportlab"
        assert (tmp_path / f"{stem}.pdf").read_bytes() == (SAMPLES / f"{stem}.pdf").read_bytes(), \
            f"{stem}.pdf is stale: run 'make samples'"
        assert load_json(tmp_path / f"{stem}.truth.json") == load_json(SAMPLES / f"{stem}.truth.json")


def test_invented_issue_differs_from_the_seed():
    seed = load_json(SAMPLES / "content" / "kostec-2023-08-04.json")
    own = load_json(SAMPLES / "content" / "kostec-2024-01-12.json")
    assert own["date"][5:7] == "01", "a January issue, so that December dates roll back a year"
    leads = [a.get("date_md") or "" for s in own["sections"] for a in s["articles"]]
    assert any(md.startswith("12") for md in leads)

    def table_lengths(c):
        return sorted(len(b["rows"]) for s in c["sections"] for a in s["articles"] for b in a["blocks"]
                      if b["t"] == "table")
    assert table_lengths(seed) != table_lengths(own)
