"""samples/vary_content.py: shifted and random-table variations keep the content model."""
from __future__ import annotations

import json
import subprocess
import sys

from helpers import SAMPLES, load_json

CONTENT = SAMPLES / "content" / "kostec-2024-01-12.json"


def _tables(content):
    return [b for s in content["sections"] for a in s["articles"] for b in a["blocks"] if b.get("t") == "table"]


def _vary(tmp_path, *args):
    subprocess.run([sys.executable, str(SAMPLES / "vary_content.py"), *args[:1], "--out", str(tmp_path),
                    str(CONTENT), *args[1:]], check=True, capture_output=True)


def test_shift_puts_fillers_before_each_sections_first_article(tmp_path):
    _vary(tmp_path, "shift", "3")
    original, shifted = load_json(CONTENT), load_json(tmp_path / "kostec-2024-01-12-s3.json")
    for a, b in zip(original["sections"], shifted["sections"]):
        if a["articles"]:
            assert b["articles"][0]["blocks"][3:] == a["articles"][0]["blocks"]
            assert all(x["t"] == "bullet" for x in b["articles"][0]["blocks"][:3])
    assert _tables(shifted) == _tables(original)


def test_random_tables_are_seeded_and_keep_kinds_and_numbering(tmp_path):
    _vary(tmp_path, "tables", "7", "8")
    again = tmp_path / "again"
    _vary(again, "tables", "7")
    seven = (tmp_path / "kostec-2024-01-12-r7.json").read_text(encoding="utf-8")
    assert seven == (again / "kostec-2024-01-12-r7.json").read_text(encoding="utf-8")
    assert seven != (tmp_path / "kostec-2024-01-12-r8.json").read_text(encoding="utf-8")
    original, varied = _tables(load_json(CONTENT)), _tables(json.loads(seven))
    assert [t["kind"] for t in varied] == [t["kind"] for t in original]
    for t in varied:
        assert all(len(row) == len(t["header"][-1]) for row in t["rows"])
        if t["kind"] in ("drug_approvals", "device_approvals", "compute_platforms"):
            assert [row[0] for row in t["rows"]] == [str(k + 1) for k in range(len(t["rows"]))]
