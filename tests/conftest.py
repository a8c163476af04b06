"""Shared fixtures: where the samples and the shared corpus are, and PDFs made on the fly."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def sample_pairs() -> list[tuple[Path, Path]]:
    """(pdf, truth) for every bundled sample that has a golden beside it."""
    pairs = []
    for pdf in sorted(SAMPLES.rglob("*.pdf")):
        truth = pdf.with_suffix(".truth.json")
        if truth.exists():
            pairs.append((pdf, truth))
    return pairs


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not here ({CORPUS}); it is present in CI and on "
                    "the project's machines, not in a user's fresh clone")
    return CORPUS


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def run_cache():
    """Run each sample once per test session: several tests read the same output."""
    import extract

    cache: dict[Path, object] = {}

    def get(pdf: Path):
        if pdf not in cache:
            cache[pdf] = extract.run(pdf)
        return cache[pdf]

    return get


def make_pdf(path: Path, draw) -> Path:
    """Make a small PDF with reportlab; ``draw(canvas)`` draws each page (call showPage)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    for name in ("HYSMyeongJo-Medium", "STSong-Light"):
        try:
            pdfmetrics.getFont(name)
        except KeyError:
            pdfmetrics.registerFont(UnicodeCIDFont(name))
    c = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    draw(c)
    c.save()
    return path
