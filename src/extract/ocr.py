"""Scanned issues: recognise their text with ocrmypdf, then convert the result as usual.

``run(..., ocr=True)`` tries the PDF's own text first; only a PDF without any (a scan)
goes through OCR. ocrmypdf (Tesseract, ``-l kor+chi_sim``) adds an invisible text layer
over the page images, which the layout stage reads as the page's text (see
``LayoutSettings.scan_visible_share``). The OCR'd copy is kept in a cache keyed by the
scan's sha256, so a rerun does not OCR again. The output keeps the scan's identity (file
name, sha256) and says on every page that its text is OCR's.

Needs the ``ocrmypdf`` command with Tesseract's Korean and Simplified Chinese data (Debian:
``apt-get install ocrmypdf tesseract-ocr-kor tesseract-ocr-chi-sim``; ``make ocr-tools``).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from .diagnostics import page_warning
from .errors import ExtractError

LANGUAGES = "kor+chi_sim"


class OCRUnavailable(ExtractError):
    reason = "the PDF has no text layer and OCR is not available here"
    hint = ("Install ocrmypdf with Tesseract's Korean and Chinese data (make ocr-tools, or apt-get install "
            "ocrmypdf tesseract-ocr-kor tesseract-ocr-chi-sim) and run again with --ocr")


class OCRFailed(ExtractError):
    reason = "OCR of the scanned PDF failed"
    hint = "Try 'ocrmypdf -l kor+chi_sim in.pdf out.pdf' by hand to see why"


def cache_dir() -> Path:
    """Where OCR'd copies are kept: $BULLETIN_EXTRACT_OCR_CACHE, else the user's cache."""
    if os.environ.get("BULLETIN_EXTRACT_OCR_CACHE"):
        return Path(os.environ["BULLETIN_EXTRACT_OCR_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    return Path(base or Path.home() / ".cache") / "bulletin-extract" / "ocr"


def missing_tools(languages: str = LANGUAGES) -> str | None:
    """Why OCR cannot run here (a missing program or language), or None when it can."""
    if shutil.which("ocrmypdf") is None:
        return "the ocrmypdf command is not installed"
    if shutil.which("tesseract") is None:
        return "the tesseract command is not installed"
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tesseract does not answer ({exc})"
    have = set((listed.stdout + listed.stderr).split())
    lacking = [lang for lang in languages.split("+") if lang not in have]
    if lacking:
        return f"Tesseract lacks the language data {', '.join(lacking)}"
    return None


def page_count(path: Path, password: str | None = None) -> int:
    import pypdf

    reader = pypdf.PdfReader(str(path))
    if reader.is_encrypted:
        reader.decrypt(password or "")
    return len(reader.pages)


def _decrypted_copy(path: Path, password: str | None, folder: Path) -> Path:
    """ocrmypdf refuses encrypted input: a decrypted copy in ``folder`` (or ``path`` itself)."""
    import pypdf

    reader = pypdf.PdfReader(str(path))
    if not reader.is_encrypted:
        return path
    reader.decrypt(password or "")
    writer = pypdf.PdfWriter(clone_from=reader)
    copy = folder / "decrypted.pdf"
    with open(copy, "wb") as fh:
        writer.write(fh)
    return copy


def ocr_pdf(path: str | Path, sha256: str, password: str | None = None, languages: str = LANGUAGES,
            cache: Path | None = None, timeout: float | None = None) -> Path:
    """The OCR'd copy of ``path`` (made now, or found in the cache)."""
    path = Path(path)
    cache = Path(cache) if cache is not None else cache_dir()
    target = cache / f"{sha256}.{languages.replace('+', '_')}.pdf"
    if target.exists():
        return target
    why = missing_tools(languages)
    if why:
        raise OCRUnavailable(path, why)
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ocr-", dir=cache) as folder:
        source = _decrypted_copy(path, password, Path(folder))
        out = Path(folder) / "ocr.pdf"
        # --skip-text: a page that has text keeps it; --output-type pdf: no PDF/A conversion
        # (slower, and it re-encodes the images we are about to read). Page segmentation 6
        # (one block of text): the bulletin's pages are one column, and Tesseract's automatic
        # segmentation dropped whole lines of a sparse page (bullets, the white-on-dark
        # section banner) in our tests, where one block read every line.
        cmd = ["ocrmypdf", "-l", languages, "--skip-text", "--output-type", "pdf", "--optimize", "0",
               "--tesseract-pagesegmode", "6", "--quiet", str(source), str(out)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise OCRFailed(path, f"ocrmypdf took longer than {timeout:.0f} s") from None
        if proc.returncode != 0 or not out.exists():
            last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
            raise OCRFailed(path, f"ocrmypdf exit {proc.returncode}: {last}")
        os.replace(out, target)  # atomic: two batch children OCR'ing one scan both end well
    return target


def run_scanned(path: str | Path, settings, on_page: Callable[[int, int], None] | None = None,
                on_ocr: Callable[[int], None] | None = None, cache: Path | None = None):
    """Convert a scan through OCR: the pipeline's Document for the OCR'd copy, carrying the
    scan's own identity, every page marked as OCR in the warnings. ``on_ocr(pages)`` is
    called before OCR starts (the batch extends its timeout by it)."""
    from .load import sha256_of
    from .pipeline import run_document

    path = Path(path)
    sha = sha256_of(path)
    if on_ocr is not None:
        on_ocr(page_count(path, settings.password))
    copy = ocr_pdf(path, sha, settings.password, cache=cache)
    password, settings.password = settings.password, None  # the copy is not encrypted
    try:
        doc = run_document(copy, settings, on_page=on_page)
    finally:
        settings.password = password
    out = doc.output
    assert out is not None  # (run_document assembled it)
    out["source"]["file"] = path.name
    out["source"]["sha256"] = sha
    ocr_pages = [page_warning(n, f"text from OCR (ocrmypdf -l {LANGUAGES}), not the PDF's own text: check names and "
                                 "figures", "ocr") for n in range(1, out["source"]["pages"] + 1)]
    out["warnings"] = [str(d) for d in ocr_pages] + out["warnings"]
    out["warning_details"] = [d.to_dict() for d in ocr_pages] + out.get("warning_details", [])
    doc.path = path
    return doc
