"""The load stage: check the file, read its identity, then hand out its pages one at a time.

pypdf answers the cheap questions first (is it a PDF, is it encrypted, how many pages, what
metadata), so a bad file fails with a clear reason before pdfminer parses any content.
pdfplumber then parses each page; the pipeline closes every page after use so memory stays
flat on long files.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from . import repair
from .diagnostics import Diagnostic, page_warning
from .errors import DamagedPDF, EmptyFile, EncryptedPDF, MemoryLimit, NoPages, NotAPDF
from .glyphs.clean import clean_glyph_text, dedupe_chars
from .glyphs.lines import page_word_gap
from .glyphs.rows import sideways_turn
from .model import PageInfo
from .pdfobjects import parse_objects

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

# The PDF header may be preceded by junk; readers accept it within the first KB.
HEADER_WINDOW = 1024
#: Overprinted duplicates are worth a warning from this many, and this share of the
#: page's glyphs (a stray double glyph is not fake bold).
OVERPRINT_WARN_GLYPHS = 3
OVERPRINT_WARN_SHARE = 0.02
#: A page with at least this many glyphs and no space glyph is said to have none (a
#: short page, a figure's labels, may simply have no two words on a line).
NO_SPACES_MIN_GLYPHS = 50
#: A filled rectangle wider than half the page and taller than this (points) is a band
#: (a shaded banner or header bar), not a rule.
BAND_MIN_HEIGHT = 8.0
#: How many repairs a warning shows as examples.
SHOWN_REPAIRS = 8


def sniff_pdf(path: Path) -> None:
    """Raise NotAPDF/EmptyFile unless the bytes look like a PDF."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEADER_WINDOW)
    except FileNotFoundError:
        raise NotAPDF(path, "no such file", hint="Check the path") from None
    except IsADirectoryError:
        raise NotAPDF(path, "it is a directory", hint="Use 'bulletin-extract batch' for folders") from None
    if not head:
        raise EmptyFile(path)
    if b"%PDF-" not in head:
        raise NotAPDF(path)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _looks_truncated(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 2048))
        return b"%%EOF" not in fh.read()


def _open_pypdf(path: Path, password: str | None):
    """Open with pypdf, decrypting with the given or the empty password."""
    import pypdf
    from pypdf.errors import FileNotDecryptedError, PdfReadError, WrongPasswordError

    try:
        reader = pypdf.PdfReader(str(path), strict=False)
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AssertionError) as exc:
        if _looks_truncated(path):
            raise DamagedPDF(path, "the file is truncated: it has no %%EOF marker at its end",
                             hint="The download or copy was probably cut short; fetch the file again") from exc
        raise DamagedPDF(path, f"{type(exc).__name__}: {exc}") from exc
    except RecursionError as exc:
        raise DamagedPDF(path, "a reference loop in the file structure") from exc
    if reader.is_encrypted:
        tried = [password] if password is not None else [""]
        for pw in tried:
            try:
                if reader.decrypt(pw):
                    return reader, pw
            except (WrongPasswordError, FileNotDecryptedError, NotImplementedError) as exc:
                if isinstance(exc, NotImplementedError):
                    raise EncryptedPDF(path, f"unsupported encryption: {exc}",
                                       hint="Decrypt it first with 'qpdf --decrypt'") from exc
        detail = "wrong password" if password is not None else "a password is required"
        raise EncryptedPDF(path, detail)
    return reader, password


def _pages_by_pdfminer(doc: "Document") -> int | None:
    """Page count as pdfminer sees it: it repairs some structures pypdf gives up on
    (junk before the header, a missing startxref)."""
    import pdfplumber

    try:
        with pdfplumber.open(str(doc.path), password=doc.settings.password or "") as pdf:
            return len(pdf.pages)
    except Exception:
        return None


def _read_identity(doc: "Document") -> None:
    try:
        reader, password = _open_pypdf(doc.path, doc.settings.password)
    except DamagedPDF as exc:
        pages = _pages_by_pdfminer(doc)
        if not pages:
            raise
        doc.n_pages, doc.password = pages, doc.settings.password
        doc.warnings.append(Diagnostic(f"the file structure is damaged ({exc.detail}); read with pdfminer's repair",
                                       code="file"))
        return
    doc.password = password
    try:
        doc.n_pages = len(reader.pages)
    except RecursionError as exc:
        raise DamagedPDF(doc.path, "the page tree loops back on itself") from exc
    except MemoryError as exc:
        raise MemoryLimit(doc.path, "reading the page tree") from exc
    except Exception as exc:  # pypdf raises many types on broken page trees
        raise DamagedPDF(doc.path, f"unreadable page tree ({type(exc).__name__}: {exc})") from exc
    if doc.n_pages == 0:
        raise NoPages(doc.path)
    try:
        meta = reader.metadata or {}
        doc.metadata = {str(k).lstrip("/"): str(v) for k, v in meta.items() if v is not None}
    except Exception as exc:  # metadata is nice to have, never a reason to fail
        doc.warnings.append(Diagnostic(f"metadata unreadable: {type(exc).__name__}", code="file"))


def _unwrap_pdfminer(path: Path, exc: BaseException) -> Exception:
    """pdfplumber wraps parser errors in PdfminerException; report the real cause."""
    cause = exc.__cause__ or exc.__context__ or exc
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return EncryptedPDF(path, name)
    if isinstance(cause, RecursionError):
        return DamagedPDF(path, "a reference loop in the file structure")
    if isinstance(cause, MemoryError):
        return MemoryLimit(path, "a stream too large to decode")
    text = str(cause) or name
    return DamagedPDF(path, f"{name}: {text}" if text != name else name)


class PageSource:
    """Iterates over pdfplumber pages, closing each after the caller is done with it.
    With ``load.engine = "pdfium"`` the document is also open in pdfium, which then reads
    each page's objects (see :func:`_page_objects`)."""

    def __init__(self, doc: "Document"):
        import pdfplumber

        repair.install_hooks()
        self.doc = doc
        try:
            self.pdf = pdfplumber.open(str(doc.path), password=doc.password or "")
        except Exception as exc:
            raise _unwrap_pdfminer(doc.path, exc) from exc
        self.pdfium = None
        if doc.settings.load.engine == "pdfium":
            from .pdfium_source import open_pdfium

            self.pdfium = open_pdfium(doc)

    def pages(self) -> Iterator:
        try:
            pages = self.pdf.pages
        except Exception as exc:
            raise _unwrap_pdfminer(self.doc.path, exc) from exc
        if self.pdfium is not None and self.pdfium.n_pages != len(pages):
            self.doc.notes.setdefault("load_fallbacks", {})["document"] = (
                f"pdfium counts {self.pdfium.n_pages} pages, pdfminer {len(pages)}")
            self.pdfium = None
        for number, page in enumerate(pages, start=1):
            page.extract_pdfium = self.pdfium  # type: ignore[attr-defined]  # (our own attribute on the page)
            try:
                yield number, page
            finally:
                page.close()

    def close(self) -> None:
        self.pdf.close()
        if self.pdfium is not None:
            self.pdfium.close()


def open_document(doc: "Document") -> PageSource:
    """Check the settings (fields set one by one after construction) and the file, fill in
    identity fields of ``doc`` and return its page source."""
    doc.settings.check()
    sniff_pdf(doc.path)
    doc.sha256 = sha256_of(doc.path)
    _read_identity(doc)
    return PageSource(doc)


class PageInput:
    """What the page stages read of one open page: the pdfplumber page (for its ruling
    lines and rectangles) and its glyphs with overprinted duplicates removed."""

    def __init__(self, page, chars: list[dict]):
        self.page = page
        self.chars = chars

    @property
    def width(self) -> float:
        return float(self.page.width)

    @property
    def height(self) -> float:
        return float(self.page.height)


def read_page(doc: "Document", number: int, page) -> tuple[PageInfo, PageInput]:
    """Parse one page (this is where pdfminer does its work) and note what we need of it."""
    try:
        source = "pdfminer"
        if not hasattr(page, "_objects"):  # pdfplumber's cache of parsed objects (private; pinned below
            page._objects, source = _page_objects(doc, number, page)  # its next minor): else it parses on its own
        raw = page.chars
        raw, fixes = repair.repair_page(page, raw, number, doc.settings.layout.scan_visible_share,
                                        annotate=source == "pdfminer")
        repairs = clean_glyph_text(raw)
        chars = dedupe_chars(raw, doc.settings.layout.dedupe_tolerance)
        dropped = len(raw) - len(chars)
        chars, numerals = repair.fix_numerals(chars, number)
        rects = page.rects
        images = page.images
    except Exception as exc:
        raise _unwrap_pdfminer(doc.path, exc) from exc
    doc.warnings.extend(fixes)
    if repairs:
        shown = ", ".join(sorted({f"{a}→{b}" for a, b in repairs})[:SHOWN_REPAIRS])
        doc.warnings.append(page_warning(number, f"{len(repairs)} glyph(s) mapped to compatibility code points "
                                                 f"were read as the ideographs they show ({shown})", "glyphs"))
    doc.warnings.extend(numerals)
    if dropped >= max(OVERPRINT_WARN_GLYPHS, OVERPRINT_WARN_SHARE * sum(1 for c in raw if not c["text"].isspace())):
        doc.warnings.append(page_warning(number, f"{dropped} overprinted duplicate glyph(s) (fake bold or a text "
                                                 f"layer drawn twice) dropped", "glyphs"))
    rotation = int(page.rotation or 0) % 360
    if rotation:
        doc.warnings.append(page_warning(number, f"the page is rotated {rotation}° (/Rotate); read as displayed",
                                         "glyphs"))
    turn = sideways_turn(chars)
    if turn:
        how = "beyond the page's /Rotate" if rotation else "no /Rotate"
        doc.warnings.append(page_warning(number, f"most text runs {('up', 'upside down', 'down')[turn - 1]} the page "
                                                 f"(turned {90 * turn}°, {how}); read in its own reading direction",
                                         "glyphs"))
    visible = [c for c in chars if c["text"] and not c["text"].isspace()]
    if len(visible) >= NO_SPACES_MIN_GLYPHS and not any(c["text"].isspace() for c in chars):
        doc.warnings.append(page_warning(number, "no space characters on the page; word spaces read from the gaps "
                                                 "between glyphs", "glyphs"))
    settings = doc.settings
    info = PageInfo(number=number, width=float(page.width), height=float(page.height),
                    rotation=int(page.rotation or 0), n_chars=len(chars), turn=turn, source=source)
    # A page with little running text (a table of figures, a short last page) is spaced as
    # the pages before it were: their word gap is a better guess than the fixed default.
    before = next((p.word_gap for p in reversed(doc.pages) if p.word_gap), None)
    info.word_gap = page_word_gap(chars, settings.layout, before)
    # Figures: an image that covers (nearly) the whole page is the page itself, a scan or
    # a background, and the text over it is the page's text.
    page_area = max(info.width * info.height, 1.0)
    boxes = [(float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"])) for i in images]
    info.images = [b for b in boxes if (b[2] - b[0]) * (b[3] - b[1]) < settings.layout.page_image_share * page_area]
    half = info.width / 2
    for r in rects:
        if r.get("fill") and (r["x1"] - r["x0"]) > half and (r["bottom"] - r["top"]) > BAND_MIN_HEIGHT:
            info.bands.append((float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])))
    return info, PageInput(page, chars)


class LoadStage:
    """The load stage: parses each page (pdfminer's work) and records what later stages
    need of it (``doc.pages``); the pipeline hands the page it returns to the page stages."""

    name = "load"

    def read(self, doc: "Document", number: int, page) -> PageInput:
        info, page_input = read_page(doc, number, page)
        doc.pages.append(info)
        return page_input


def _page_objects(doc: "Document", number: int, page) -> tuple[dict, str]:
    """The page's objects as pdfplumber's dicts and which engine read them: pdfium when
    the document is open in it and it can read the page, else pdfminer (the reason is
    kept for the output's provenance)."""
    pdfium = getattr(page, "extract_pdfium", None)
    if pdfium is not None:
        from .pdfium_source import Fallback

        try:
            return pdfium.read(number - 1, page), "pdfium"
        except Fallback as exc:
            doc.notes.setdefault("load_fallbacks", {})[str(number)] = str(exc)
    return parse_objects(page), "pdfminer"
