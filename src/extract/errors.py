"""The errors a user can meet, one class per cause.

Every message names the file and says what the user can do about it. The CLI prints
``str(error)`` on one line and exits non-zero; nothing is written for a failed file.
"""
from __future__ import annotations


class ExtractError(Exception):
    """Base class: something about one input file stopped the extraction."""

    reason = "extraction failed"
    hint = ""

    def __init__(self, path, detail: str = "", hint: str | None = None):
        self.path = str(path)
        self.detail = detail
        if hint is not None:
            self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.path}: {self.reason}"
        if self.detail:
            text += f" ({self.detail})"
        if self.hint:
            text += f". {self.hint}"
        return text

    def __str__(self) -> str:
        return self.message


class NotAPDF(ExtractError):
    reason = "not a PDF file"
    hint = "Check that the file is a PDF; it does not start with %PDF-"


class EmptyFile(NotAPDF):
    reason = "the file is empty (0 bytes)"
    hint = "The download or copy was probably interrupted; fetch the file again"


class EncryptedPDF(ExtractError):
    reason = "the PDF is encrypted and the password is missing or wrong"
    hint = "Give the user or owner password with --password"


class DamagedPDF(ExtractError):
    reason = "the PDF is damaged and cannot be read"
    hint = "Try repairing it (e.g. 'qpdf in.pdf out.pdf') and run again"


class NoPages(DamagedPDF):
    reason = "the PDF has no pages"
    hint = "The file holds no page to extract; check the source"


class NoText(ExtractError):
    reason = "the PDF has no extractable text (image-only or scanned)"
    hint = ("Convert it with --ocr (needs ocrmypdf: make ocr-tools), or OCR it yourself first: "
            "ocrmypdf -l kor+chi_sim in.pdf out.pdf")


class ResourceLimit(ExtractError):
    reason = "the PDF exceeded a resource limit"
    hint = "The file may be hostile (a decompression bomb or a loop); inspect it before retrying"


class MemoryLimit(ResourceLimit):
    reason = "the PDF needed more memory than there is, or than the limit allows"
    hint = ("The file may be hostile (a decompression bomb); inspect it, or in a batch raise "
            "--max-memory, before retrying")


class InvalidOutput(ExtractError):
    reason = "the extracted JSON does not validate against the schema"
    hint = "This is a bug in bulletin-extract; please report it with the file"
