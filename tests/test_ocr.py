"""Scanned issues: an image-only PDF drawn here (a bulletin made with reportlab, rendered
to images with pypdfium2, the images made into a PDF) converts with --ocr."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import extract
from extract import ocr
from extract.errors import NoText
from extract.load import sha256_of
from helpers import draw_mini_bulletin, make_pdf

TITLE = "과기부, 인공지능 시범구 추가 지정"  # the mini bulletin's one article


def _squeeze(text: str) -> str:
    # Tesseract's Korean model splits words inside (인 공 지능): compare without spaces.
    return "".join(text.split())


@pytest.fixture(scope="module")
def scan(tmp_path_factory) -> Path:
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 (a pdfplumber dependency) renders the pages")
    folder = tmp_path_factory.mktemp("scan")
    text_pdf = make_pdf(folder / "text.pdf", lambda c: draw_mini_bulletin(c, date="2023. 8. 4"))
    document = pdfium.PdfDocument(str(text_pdf))
    images = [document[k].render(scale=200 / 72, grayscale=True).to_pil() for k in range(len(document))]
    document.close()
    path = folder / "scan.pdf"
    images[0].save(path, save_all=True, append_images=images[1:], resolution=200)
    text_pdf.unlink()
    return path


def _cli(*args, cache: Path):
    env = dict(os.environ, BULLETIN_EXTRACT_OCR_CACHE=str(cache))
    return subprocess.run([sys.executable, "-m", "extract", *map(str, args)], capture_output=True, text=True,
                          env=env)


def test_the_scan_has_no_text_and_the_error_says_how_to_ocr(scan, tmp_path):
    with pytest.raises(NoText):
        extract.run(scan)
    proc = _cli("run", scan, cache=tmp_path)
    assert proc.returncode == 1 and "scan.pdf" in proc.stderr
    assert "--ocr" in proc.stderr and "ocrmypdf -l kor+chi_sim" in proc.stderr


def test_ocr_unavailable_is_one_clear_error(scan, tmp_path, monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    monkeypatch.setenv("BULLETIN_EXTRACT_OCR_CACHE", str(tmp_path))
    with pytest.raises(ocr.OCRUnavailable) as info:
        extract.run(scan, ocr=True)
    assert "scan.pdf" in str(info.value) and "make ocr-tools" in str(info.value)
    assert "ocrmypdf command is not installed" in str(info.value)


needs_ocr = pytest.mark.skipif(ocr.missing_tools() is not None,
                               reason=f"OCR is not available here ({ocr.missing_tools()}); "
                                      "make ocr-tools installs it, CI does")


@needs_ocr
def test_run_ocr_converts_a_scanned_issue(scan, tmp_path):
    cache = tmp_path / "cache"
    proc = _cli("run", scan, "--ocr", "-o", tmp_path / "scan.json", cache=cache)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "scan.json").read_text(encoding="utf-8"))
    assert data["issue"]["date"] == "2023-08-04"
    titles = [_squeeze(a["title"]) for s in data["sections"] for a in s["articles"]]
    assert any(_squeeze(TITLE) in t for t in titles), titles
    assert data["source"] == {"file": "scan.pdf", "sha256": sha256_of(scan), "pages": 4}
    for page in range(1, 5):
        assert any(w.startswith(f"page {page}: text from OCR") for w in data["warnings"]), page
    cached = list(cache.glob("*.pdf"))
    assert len(cached) == 1 and cached[0].name.startswith(sha256_of(scan))
    stamp = cached[0].stat().st_mtime_ns
    again = _cli("run", scan, "--ocr", cache=cache)
    assert again.returncode == 0 and cached[0].stat().st_mtime_ns == stamp, "the cached OCR is reused"
    assert json.loads(again.stdout)["issue"]["date"] == "2023-08-04"


@needs_ocr
def test_batch_ocr_converts_scans_among_other_files(scan, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "scan.pdf").write_bytes(scan.read_bytes())
    make_pdf(src / "text.pdf", draw_mini_bulletin)
    cache = tmp_path / "cache"
    without = _cli("batch", src, "-o", tmp_path / "plain", cache=cache)
    assert without.returncode == 1 and "NoText" in (tmp_path / "plain" / "errors.csv").read_text(encoding="utf-8")
    proc = _cli("batch", src, "-o", tmp_path / "out", "--ocr", cache=cache)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "out" / "scan.json").read_text(encoding="utf-8"))
    assert data["issue"]["date"] == "2023-08-04"
    text = json.loads((tmp_path / "out" / "text.json").read_text(encoding="utf-8"))
    assert not any("text from OCR" in w for w in text["warnings"]), "a PDF with text is not OCR'd"
