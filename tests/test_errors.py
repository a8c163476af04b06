"""Bad input gets a clear error naming the file and the reason, from the API and the CLI,
and the CLI writes no output file for it."""
from __future__ import annotations

import subprocess
import sys

import pytest

import extract
from extract.errors import (
    DamagedPDF,
    EmptyFile,
    EncryptedPDF,
    ExtractError,
    MemoryLimit,
    NoPages,
    NotAPDF,
    NoText,
    ResourceLimit,
)
from helpers import make_pdf


def _text_pdf(path):
    def draw(c):
        c.setFont("HYSMyeongJo-Medium", 12)
        c.drawString(72, 720, "중국 과학기술 정책 주간동향 시험 문서")
        c.showPage()
    return make_pdf(path, draw)


def test_not_a_pdf(tmp_path):
    f = tmp_path / "notes.pdf"
    f.write_text("this is plain text, not a PDF\n")
    with pytest.raises(NotAPDF) as err:
        extract.run(f)
    assert "notes.pdf" in str(err.value) and "not a PDF" in str(err.value)


def test_empty_file(tmp_path):
    f = tmp_path / "empty.pdf"
    f.write_bytes(b"")
    with pytest.raises(EmptyFile) as err:
        extract.run(f)
    assert "empty.pdf" in str(err.value) and "0 bytes" in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(NotAPDF, match="no such file"):
        extract.run(tmp_path / "nope.pdf")


def test_truncated_file_says_truncated(tmp_path):
    whole = _text_pdf(tmp_path / "whole.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DamagedPDF) as err:
        extract.run(cut)
    assert "cut.pdf" in str(err.value) and "truncated" in str(err.value)


def test_encrypted_needs_password(tmp_path):
    import pypdf

    plain = _text_pdf(tmp_path / "plain.pdf")
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="sesame", owner_password="owner-pw")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    with pytest.raises(EncryptedPDF) as err:
        extract.run(locked)
    assert "locked.pdf" in str(err.value) and "--password" in str(err.value)
    with pytest.raises(EncryptedPDF, match="wrong password"):
        extract.run(locked, password="guess")
    out = extract.run(locked, password="sesame")
    assert out.data["source"]["pages"] == 1


def test_image_only_pdf(tmp_path):
    def draw(c):
        c.rect(100, 100, 300, 300, fill=1)  # a "scan": no text at all
        c.showPage()
    f = make_pdf(tmp_path / "scan.pdf", draw)
    with pytest.raises(NoText) as err:
        extract.run(f)
    assert "scan.pdf" in str(err.value) and "OCR" in str(err.value)


def test_zero_pages(tmp_path):
    f = tmp_path / "zero.pdf"
    # A well-formed PDF whose page tree is empty.
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    body, offsets = b"%PDF-1.4\n", []
    for k, o in enumerate(objs, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % k + o + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    f.write_bytes(body)
    with pytest.raises(NoPages):
        extract.run(f)


def test_every_error_is_an_extract_error():
    for cls in (NotAPDF, EmptyFile, EncryptedPDF, DamagedPDF, NoPages, NoText, ResourceLimit, MemoryLimit):
        assert issubclass(cls, ExtractError)


def test_cli_error_is_one_line_and_writes_nothing(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n garbage with no objects")
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "extract", "run", str(bad), "-o", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "broken.pdf" in lines[0] and lines[0].startswith("error:")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad], "no temporary or partial file is left behind"


@pytest.mark.parametrize("where", ["parsing a page", "a later stage", "parsing a page with pdfium"])
def test_running_out_of_memory_is_a_memory_limit_not_damage(tmp_path, monkeypatch, where):
    # A stream too large to decode (a decompression bomb) or a memory cap reached: the file
    # is not damaged, and the user is told so, with the file named; with either engine.
    pdf = _text_pdf(tmp_path / "big.pdf")

    def out_of_memory(*args, **kwargs):
        raise MemoryError()

    from extract.settings import Settings

    settings = None
    if where == "parsing a page":  # pdfminer's parse: that engine named, whatever the default
        settings = Settings()
        settings.load.engine = "pdfminer"
        monkeypatch.setattr("extract.load.parse_objects", out_of_memory)
    elif where == "parsing a page with pdfium":
        settings = Settings()
        settings.load.engine = "pdfium"
        monkeypatch.setattr("extract.pdfium_source.PdfiumDocument.read", out_of_memory)
    else:
        monkeypatch.setattr("extract.segment.SegmentStage.process_document", out_of_memory)
    with pytest.raises(MemoryLimit) as info:
        extract.run(pdf, settings=settings)
    assert "big.pdf" in str(info.value) and "memory" in str(info.value)
