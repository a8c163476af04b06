"""A page's glyphs, rules, rectangles and images read by pdfium, as pdfplumber's dicts.

pdfplumber has pdfminer interpret every content stream in Python, which is most of what a
run costs. pypdfium2 (installed with pdfplumber) interprets them in C++; this module asks
it for the same objects and writes them as the dicts :func:`pdfobjects.parse_objects`
makes, key for key, in the same frame (pdfplumber's: origin top-left, ``top``/``bottom``,
``y0``/``y1`` in pdfminer's page space), so that every stage reads them unchanged and the
pdfplumber page they are put on (``page._objects``) finds tables as before.

What is read, and with which pdfium call:

- **Glyphs** come from the text page (``FPDFText_*``), one per character pdfium does not
  generate itself (``FPDFText_IsGenerated``: the spaces and line breaks it infers are not
  in the file, and pdfminer does not make them either). A code that maps to several
  characters (a ligature's "fi") is one pdfium character per letter at the same origin;
  they are joined back into the one glyph pdfminer makes.
- **The box** is pdfminer's, not pdfium's: pdfminer spans a glyph from the font's descent
  (the FontDescriptor's ``/Descent``, 0 when absent) to one em above it, over the glyph's
  advance, whatever the font's real ascent; pdfium's loose box spans the font's ascent and
  descent scaled to one em (a different baseline offset) and its tight box the drawn ink.
  The heuristics (line grouping by vertical overlap, word gaps in em, the numeral repair)
  were tuned on pdfminer's box, so it is rebuilt from pdfium's character origin and matrix
  (``FPDFText_GetCharOrigin``, ``FPDFText_GetMatrix``), the text object's font size
  (``FPDFTextObj_GetFontSize``), the advance (the width of the loose box,
  ``FPDFText_GetLooseCharBox``, which is the advance on upright text; the font's width of
  the character, ``FPDFFont_GetGlyphWidth``, on turned text; pdfium keeps widths as whole
  thousandths of an em, so where the font dictionary's are fractional, as Chromium writes
  them, the dictionary's, see :func:`_exact_widths`) and the descent pdfminer
  reads from the font dictionary (read here from the page's resources, see
  :class:`FontFacts`, without parsing any content stream).
- **Font name, render mode, colours** per text object (``FPDFTextObj_GetFont`` and
  ``FPDFFont_GetBaseFontName``, ``FPDFTextObj_GetTextRenderMode``,
  ``FPDFPageObj_GetFillColor``/``GetStrokeColor``). pdfium converts colours to RGB: they
  are given as RGB fractions (``(0.2, 0.2, 0.2)``, where pdfminer may say ``(0.2,)`` in
  DeviceGray), which is all the stages ask of them (is a fill white or not).
- **Lines, rectangles and curves** from the path objects (``FPDFPath_*``), walked into
  form XObjects, their points mapped by the object's matrix (and the forms' above it) and
  classified exactly as pdfminer's ``paint_path`` does (a single segment a line, a closed
  axis-aligned four-sided path a rectangle, the rest curves; several subpaths one object
  each), with stroke and fill flags from ``FPDFPath_GetDrawMode``.
- **Images** by their bounds (``FPDFPageObj_GetBounds``), for the scan test.

:func:`read_objects` returns ``None`` with a reason where pdfium cannot give what the
load stage's repairs need, and the page is then read by pdfminer as before: a Type3
font (glyphs drawn by content streams), a composite font whose text pdfminer cannot take
from a ToUnicode map (no ToUnicode, or one keyed by code over a predefined CMap: repair
reads those through the font's own tables, which needs pdfminer's font object), vertical
writing, a symbol font without ToUnicode, a font pdfium names that the page's resources
do not hold, or a character pdfium could not map (``FPDFText_HasUnicodeMapError``, or a
control character).
"""
from __future__ import annotations

import ctypes
import operator
import re
import struct
import threading
from typing import Any

#: pdfium is not thread-safe; the batch may run documents in threads.
LOCK = threading.RLock()

#: Fonts whose bytes name marks of a symbol font (repair maps them by byte: see symbols.py).
_SYMBOL_NAMES = ("wingding", "webding", "symbol", "dingbat")

#: The characters pdfium's text page generates (FPDFText_IsGenerated: inferred spaces and
#: line breaks); others are not asked.
_GENERATED_CODES = frozenset((0x20, 0x0D, 0x0A))
#: The code pdfium gives a hyphen it found ending a line (FPDFText_IsHyphen), the only one.
_HYPHEN_MARK = 0x02
#: Codes that say pdfium found no Unicode for a glyph.
_UNMAPPED_CODES = frozenset((0x0, 0xFFFD, 0xFFFE))
#: Control characters (category Cc) other than tab and line breaks: repair must read them.
_CONTROL_CODES = frozenset(c for c in (*range(0x20), *range(0x7F, 0xA0)) if c not in (0x09, 0x0A, 0x0D))

_FPDF_PAGEOBJ_TEXT, _FPDF_PAGEOBJ_PATH, _FPDF_PAGEOBJ_IMAGE, _FPDF_PAGEOBJ_FORM = 1, 2, 3, 5
_SEG_LINETO, _SEG_BEZIERTO, _SEG_MOVETO = 0, 1, 2


class Fallback(Exception):
    """pdfium cannot read this page as the load stage needs it; the reason says why."""


class _Api:
    """pypdfium2's raw functions with pdfium's handles (document, page, text page, object,
    font, path segment) passed and returned as plain ints. pypdfium2's bindings return a
    new ctypes pointer object per call, and making one a dict key (``ctypes.cast``) cost
    more than the call itself: 2.4 µs a glyph against 0.7. Each function is rebound on
    first use, from its address, with ``c_void_p`` for every handle type."""

    def __init__(self):
        import pypdfium2.raw as raw

        self._raw = raw
        self.FS_MATRIX, self.FS_RECTF = raw.FS_MATRIX, raw.FS_RECTF

    def __getattr__(self, name: str):
        fn = getattr(self._raw, name)
        address = ctypes.cast(fn, ctypes.c_void_p).value
        if not address:
            raise AttributeError(f"pdfium has no {name}")
        bound = ctypes.CFUNCTYPE(_plain(fn.restype), *map(_plain, fn.argtypes))(address)
        setattr(self, name, bound)  # found as an attribute from now on
        return bound


def _plain(kind):
    """``c_void_p`` for a pointer to one of pdfium's opaque handle structs, else ``kind``."""
    target = getattr(kind, "_type_", None)
    return ctypes.c_void_p if isinstance(target, type) and target.__name__.startswith("struct_fpdf_") else kind


_API: _Api | None = None


def _api() -> _Api:
    global _API
    if _API is None:
        _API = _Api()
    return _API


# --------------------------------------------------------------------------- the fonts


class FontFacts:
    """What pdfminer would make of a page's fonts, read from their dictionaries only:
    pdfminer's font name (the descriptor's ``/FontName``), its descent, and what would make
    pdfium's reading differ from pdfminer's (Type3, composite fonts without a usable
    ToUnicode, vertical writing, symbol fonts without ToUnicode). Keyed by ``/BaseFont``,
    which is the name pdfium gives (``FPDFFont_GetBaseFontName``)."""

    def __init__(self, cache: dict | None = None):
        #: base name, with and without subset tag -> [(fontname, descent, problem, font program,
        #: Type3 descent as pdfium reads it), ...]
        self.by_base: dict[str, list[tuple]] = {}
        self._seen: set[int] = set()
        #: font object number -> its names and facts, kept by the document for all pages
        self.cache: dict = {} if cache is None else cache

    def add_resources(self, resources, depth: int = 0) -> None:
        from pdfminer.pdftypes import resolve1

        resources = resolve1(resources)
        if not isinstance(resources, dict) or depth > 8:
            return
        fonts = resolve1(resources.get("Font"))
        if isinstance(fonts, dict):
            for ref in fonts.values():
                key = getattr(ref, "objid", None)
                if key is not None and key in self._seen:
                    continue
                if key is not None:
                    self._seen.add(key)
                found = self.cache.get(key) if key is not None else None
                if found is None:
                    spec = resolve1(ref)
                    if not isinstance(spec, dict):
                        continue
                    found = self._facts(spec)
                    if key is not None:
                        self.cache[key] = found
                names, fact = found
                for name in names:
                    self.by_base.setdefault(name, []).append(fact)
        xobjects = resolve1(resources.get("XObject"))
        if isinstance(xobjects, dict):
            for ref in xobjects.values():
                key = getattr(ref, "objid", None)
                if key is not None and ("x", key) in self._seen:
                    continue
                if key is not None:
                    self._seen.add(("x", key))  # type: ignore[arg-type]
                xobj = resolve1(ref)
                attrs = getattr(xobj, "attrs", None)
                if attrs is not None and _name(attrs.get("Subtype")) == "Form" and "Resources" in attrs:
                    self.add_resources(attrs.get("Resources"), depth + 1)

    def _facts(self, spec: dict) -> tuple[set[str], tuple]:
        """pdfminer's font name and descent of one font (as pdfminer.pdffont computes them),
        and what would make pdfium read it otherwise."""
        from pdfminer.pdffont import FontMetricsDB
        from pdfminer.pdftypes import resolve1

        subtype = _name(spec.get("Subtype")) or "Type1"
        given = _name(spec.get("BaseFont"))
        base = given or "unknown"
        problem = None
        has_tounicode = "ToUnicode" in spec
        scale = 0.001
        descriptor: Any = {}
        if subtype == "Type0":
            encoding = resolve1(spec.get("Encoding"))
            attrs = getattr(encoding, "attrs", None)
            encoding = _name(encoding) or (_name(attrs.get("CMapName")) if attrs else None) or ""
            dfonts = resolve1(spec.get("DescendantFonts"))
            sub = resolve1(dfonts[0]) if isinstance(dfonts, list) and dfonts else {}
            descriptor = resolve1(sub.get("FontDescriptor")) if isinstance(sub, dict) else {}
            if encoding.endswith("-V") or (encoding.endswith("V") and "Identity" in encoding):
                problem = "vertical writing"
            elif "Identity" in encoding and not has_tounicode:
                problem = "a composite font without ToUnicode"
            elif encoding and "Identity" not in encoding and has_tounicode:
                problem = "a ToUnicode over a predefined CMap"
        elif subtype in ("CIDFontType0", "CIDFontType2"):
            descriptor = resolve1(spec.get("FontDescriptor"))
        elif subtype == "Type3":
            if not has_tounicode:
                problem = "a Type3 font without ToUnicode"
            descriptor = resolve1(spec.get("FontDescriptor")) or {"FontBBox": spec.get("FontBBox")}
            matrix = resolve1(spec.get("FontMatrix"))
            try:
                scale = float(resolve1(matrix[2])) + float(resolve1(matrix[3]))  # pdfminer's vscale
            except (TypeError, ValueError, IndexError):
                scale = 0.001
        else:
            try:
                descriptor, _ = FontMetricsDB.get_metrics(base)
            except KeyError:
                descriptor = resolve1(spec.get("FontDescriptor"))
            if not has_tounicode and any(s in base.lower() for s in _SYMBOL_NAMES):
                problem = "a symbol font without ToUnicode"
            elif has_tounicode and _wide_code_space(spec.get("ToUnicode")):
                # a one-byte font's ToUnicode written with two-byte codes: pdfminer looks
                # the byte up in it, pdfium gives the encoding's character instead
                problem = "a ToUnicode whose codes are wider than the font's"
        if not isinstance(descriptor, dict):
            descriptor = {}
        fontname = resolve1(descriptor.get("FontName", "unknown"))
        fontname = _name(fontname) if not isinstance(fontname, (bytes, str)) else fontname
        if isinstance(fontname, bytes):
            from pdfplumber.page import fix_fontname_bytes

            fontname = fix_fontname_bytes(fontname)
        try:
            if subtype == "Type3":  # pdfminer takes a Type3 font's descent from its FontBBox
                box = resolve1(descriptor.get("FontBBox"))
                descent = float(resolve1(box[1])) if isinstance(box, list) and len(box) == 4 else 0.0
            else:
                descent = float(resolve1(descriptor.get("Descent", 0)) or 0)
                if descent > 0:
                    descent = -descent
        except (TypeError, ValueError):
            descent = 0.0
        program = next((descriptor.get(k) for k in ("FontFile2", "FontFile3", "FontFile") if k in descriptor), None)
        own = None  # a Type3 font's descent as pdfium reads it (from the font's own FontBBox)
        if subtype == "Type3":
            box = resolve1(spec.get("FontBBox"))
            try:
                own = float(resolve1(box[1])) * scale
            except (TypeError, ValueError, IndexError):
                own = None
        # pdfium spells a ligature (U+FB00-FB06) as its letters; pdfminer keeps the code
        # point the ToUnicode map (or the glyph name, without one) gives
        ligatures = not has_tounicode or _maps_ligatures(spec.get("ToUnicode"))
        compat = _compat_targets(spec.get("ToUnicode")) if has_tounicode else ()
        widths = _exact_widths(spec, subtype) if problem is None and subtype != "Type3" else None
        fact = (str(fontname), descent * scale, problem, program, own, ligatures, compat, spec.get("ToUnicode"),
                widths)
        return {given or "", _strip_subset(given or "")}, fact

    def find(self, api, font, base: str) -> tuple:
        """pdfminer's facts of the font pdfium calls ``base`` (pdfium leaves out the subset
        tag of simple fonts): where the page has several fonts of that name (subsets of one
        face), the one whose embedded program is as long as pdfium's
        (``FPDFFont_GetFontData``); among Type3 fonts, which have no name and no program,
        the one whose descent pdfium gives (``FPDFFont_GetDescent``)."""
        found = self.by_base.get(base)
        if not found:
            raise Fallback(f"font {base or '?'} is not in the page's resources")
        kinds = {_reading(f) for f in found}
        if len(kinds) == 1:
            return found[0]
        size = ctypes.c_size_t()
        api.FPDFFont_GetFontData(font, None, 0, size)
        same = [f for f in found if _program_length(f[3]) == size.value]
        if not same:  # no programs (Type3 fonts without names): the one of pdfium's descent
            descent = ctypes.c_float()
            if api.FPDFFont_GetDescent(font, 1.0, descent):
                same = [f for f in found
                        if f[4] is not None and abs(f[4] - descent.value) < 1.5e-3]  # pdfium rounds to 1/1000
        readings = {_reading(f) for f in same}
        if len(readings) == 1:
            return same[0]
        if len({r[:-1] for r in readings}) == 1:
            return _either(same, self._named)
        raise Fallback(f"several fonts named {base} on the page, not told apart")


    def _named(self, ref) -> set[str] | None:
        """:func:`_named`, once per document for a ToUnicode stream with an object number."""
        key = ("named", getattr(ref, "objid", None))
        if key[1] is None:
            return _named(ref)
        if key not in self.cache:
            self.cache[key] = _named(ref)
        return self.cache[key]


def _reading(fact: tuple) -> tuple:
    """The facts of a font that change how its glyphs are read: name, descent, problem,
    fractional widths, ligatures, compatibility code points (last: see :meth:`FontFacts.find`)."""
    return fact[:3] + fact[8:9] + fact[5:7]


def _either(facts: list[tuple], named_of) -> tuple:
    """One fact for fonts pdfium cannot tell apart (Chromium's Type3 CJK fonts, of one
    descent and no name) that differ only in the compatibility code points their ToUnicode
    maps name (see :func:`_compat_targets`): a glyph pdfium gives as such an ideograph (from
    an ActualText) was one of those code points, unless a font among them names the
    ideograph itself or two name different code points for it (then it is ambiguous)."""
    found: dict[str, set] = {}
    for f in facts:
        for ideograph, radical, _ in f[6]:
            found.setdefault(ideograph, set()).add(radical)
    named = [named_of(f[7]) for f in facts]
    merged = tuple(sorted(
        (ideograph, min(radicals), len(radicals) > 1 or any(n is None or ideograph in n for n in named))
        for ideograph, radicals in found.items()))
    return facts[0][:6] + (merged,) + facts[0][7:]


_LIGATURES = {"ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02", "ffi": "\ufb03", "ffl": "\ufb04",
              "\u017ft": "\ufb05", "st": "\ufb06"}


def _maps_ligatures(ref) -> bool:
    """Does a ToUnicode CMap map a code to a ligature code point (U+FB00-FB06)?"""
    from pdfminer.pdftypes import resolve1

    stream = resolve1(ref)
    try:
        data = stream.get_data().upper()
    except Exception:
        return False
    return any(b"<FB0%d>" % k in data for k in range(7))


#: A ToUnicode destination in a block whose code points stand for ideographs (Kangxi
#: radicals, CJK radicals supplement, compatibility ideographs, half-width Hangul): the
#: blocks glyphs.clean maps to the ideograph, with a warning. Found as four hex digits.
_COMPAT_HEX = re.compile(rb"<\s*(?:2[EeFf][0-9A-Fa-f]{2}|[Ff][9Aa][0-9A-Fa-f]{2}|[Ff][Ff][A-Da-d][0-9A-Fa-f])\s*>")


def _compat_targets(ref) -> tuple:
    """(ideograph, code point, ambiguous) for each code point of the blocks glyphs.clean
    maps to an ideograph (a Kangxi radical ⼊ for 入) that a ToUnicode CMap names.
    Chromium wraps such a glyph in a span whose /ActualText is the ideograph; pdfium's
    text page gives the ActualText, pdfminer the ToUnicode's code point, which the load
    stage maps and warns of. The glyph is given back the code point (see ``_chars``) so
    that both engines say the same; ``ambiguous`` where the map also names the ideograph
    itself (a glyph given as the ideograph could then be either)."""
    from pdfminer.pdftypes import resolve1

    try:
        data = resolve1(ref).get_data()
    except Exception:
        return ()
    if not _COMPAT_HEX.search(data):
        return ()
    from .glyphs.clean import clean_glyph_text

    named = _named(ref)
    if named is None:
        return ()
    out = []
    for text in named:
        if len(text) == 1:
            glyph = {"text": text}
            if clean_glyph_text([glyph]) and glyph["text"] != text:
                out.append((glyph["text"], text, glyph["text"] in named))
    return tuple(sorted(out))


def _named(ref) -> set[str] | None:
    """The texts a ToUnicode CMap gives its codes (pdfminer's parser), None if unreadable."""
    texts = _code_texts(ref)
    return None if texts is None else set(texts.values())


def _code_texts(ref) -> dict[int, str] | None:
    """A ToUnicode CMap's text of each code (pdfminer's parser), None if unreadable."""
    from io import BytesIO

    from pdfminer.cmapdb import CMapParser, FileUnicodeMap
    from pdfminer.pdftypes import resolve1

    cmap = FileUnicodeMap()
    try:
        CMapParser(cmap, BytesIO(resolve1(ref).get_data())).run()
    except Exception:
        return None
    return cmap.cid2unichr


#: A width pdfium gives (whole thousandths of an em) that two of the font's widths truncate to
AMBIGUOUS = -1.0


def _fractional(values: list) -> bool:
    """Is a number of ``values`` (of arrays in them, as /W has) not whole?"""
    from pdfminer.pdftypes import resolve1

    for v in values:
        v = resolve1(v)
        if isinstance(v, list) and _fractional(v) or isinstance(v, float) and not v.is_integer():
            return True
    return False


def _exact_widths(spec: dict, subtype: str) -> tuple | None:
    """The font dictionary's widths (thousandths of an em) where some are not whole, keyed
    as pdfium gives them: pdfium keeps a font's widths as integers (``GetCharWidthF`` returns
    an int; /W and /Widths are read with ``GetIntegerAt``, which truncates), so a Chromium
    font's 299.80469 is 299 to it, and its advance boxes end up to 0.01 pt short of
    pdfminer's, which uses the dictionary's number (a word gap then sits on the other side
    of a column-gap threshold). Returns ``(by_text, by_width)``: ``by_text`` maps (the text a
    ToUnicode map gives a code, its width truncated) to the width, ``by_width`` the truncated
    width to the width, AMBIGUOUS where two widths of the font truncate alike. None where every
    width is whole (pdfium's are then the dictionary's), or the font has no widths to read."""
    from pdfminer.pdffont import get_widths
    from pdfminer.pdftypes import resolve1

    try:
        if subtype == "Type0":
            dfonts = resolve1(spec.get("DescendantFonts"))
            sub = resolve1(dfonts[0]) if isinstance(dfonts, list) and dfonts else {}
            if not isinstance(sub, dict):
                return None
            given = resolve1(sub.get("W")) or []
            default = resolve1(sub.get("DW", 1000))
            if not _fractional(given) and not _fractional([default]):
                return None  # (before a range of /W is spread over its codes)
            widths = get_widths(given)
        else:
            given = resolve1(spec.get("Widths"))
            if not isinstance(given, list):
                return None
            first = resolve1(spec.get("FirstChar", 0))
            widths = {first + k: resolve1(w) for k, w in enumerate(given)}
            descriptor = resolve1(spec.get("FontDescriptor"))
            default = resolve1(descriptor.get("MissingWidth", 0)) if isinstance(descriptor, dict) else 0
    except Exception:
        return None
    values = [w for w in widths.values() if isinstance(w, (int, float))]
    if isinstance(default, (int, float)):
        values.append(default)
    if all(float(w).is_integer() for w in values):
        return None
    by_width: dict[int, float] = {}
    for w in values:
        known = by_width.setdefault(int(w), float(w))
        if known != float(w):
            by_width[int(w)] = AMBIGUOUS
    by_text: dict[tuple[str, int], float] = {}
    texts = _code_texts(spec.get("ToUnicode")) if "ToUnicode" in spec else None
    for code, text in (texts or {}).items():
        w = widths.get(code, default)
        if isinstance(w, (int, float)) and not float(w).is_integer():
            key = (text, int(w))
            known = by_text.setdefault(key, float(w))
            if known != float(w):
                by_text[key] = AMBIGUOUS
    return tuple(sorted(by_text.items())), tuple(sorted(by_width.items()))


def _wide_code_space(ref) -> bool:
    """Does a ToUnicode CMap declare a code space of more than one byte?"""
    from pdfminer.pdftypes import resolve1

    stream = resolve1(ref)
    if not hasattr(stream, "get_data"):
        return False
    try:
        data = stream.get_data()
    except Exception:
        return False
    start = data.find(b"begincodespacerange")
    end = data.find(b"endcodespacerange", start)
    if start < 0 or end < 0:
        return False
    return any(len(code) > 2 for code in re.findall(rb"<\s*([0-9A-Fa-f]+)\s*>", data[start:end]))


def _strip_subset(name: str) -> str:
    """``ABCDEF+Name`` -> ``Name`` (pdfium gives base font names without the subset tag)."""
    return name[7:] if len(name) > 7 and name[6] == "+" and name[:6].isalpha() and name[:6].isupper() else name


def _program_length(ref) -> int | None:
    from pdfminer.pdftypes import resolve1

    stream = resolve1(ref)
    attrs = getattr(stream, "attrs", None)
    if attrs is None:
        return None
    length = resolve1(attrs.get("Length1"))
    if isinstance(length, int) and "Length2" not in attrs:
        return length
    try:
        return len(stream.get_data())
    except Exception:
        return None


def _name(value) -> str | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        name = value.name
        return name.decode("latin-1") if isinstance(name, bytes) else str(name)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else None


# --------------------------------------------------------------------------- the document


class PdfiumDocument:
    """The document open in pdfium beside pdfplumber's (pdfplumber still gives the pages'
    boxes, the table finder and the fallback)."""

    def __init__(self, path, password: str | None):
        import pypdfium2 as pdfium

        with LOCK:
            self.pdf = pdfium.PdfDocument(str(path), password=password or None)
            self.n_pages = len(self.pdf)
        self.address = ctypes.cast(self.pdf.raw, ctypes.c_void_p).value  # the handle as _Api takes it
        self.fonts: dict = {}  # FontFacts' cache: a document's fonts are read once

    def read(self, index: int, page) -> dict[str, list[dict]]:
        """The objects of page ``index`` (0-based) as pdfplumber's dicts, for the
        pdfplumber ``page`` of the same number; raises :class:`Fallback`."""
        facts = FontFacts(self.fonts)
        try:
            facts.add_resources(page.page_obj.resources)
        except Exception as exc:  # a broken resource dictionary: pdfminer's repair reads it
            raise Fallback(f"unreadable font resources ({type(exc).__name__})") from None
        api = _api()
        with LOCK:
            handle = api.FPDF_LoadPage(self.address, index)
            if not handle:
                raise Fallback("pdfium could not load the page")
            try:
                frame = _Frame(page)
                texts: list = []
                objects = _graphics(api, handle, frame, texts)
                text = api.FPDFText_LoadPage(handle)
                if not text:
                    raise Fallback("pdfium could not read the page's text")
                try:
                    chars = _chars(api, text, facts, frame, texts)
                finally:
                    api.FPDFText_ClosePage(text)
            finally:
                api.FPDF_ClosePage(handle)
        if chars:
            objects["char"] = chars
        return objects

    def close(self) -> None:
        with LOCK:
            self.pdf.close()


def open_pdfium(doc) -> PdfiumDocument | None:
    """The document open in pdfium, or None (noted for provenance) where pdfium cannot open
    it: every page is then read by pdfminer, which repairs more broken structures."""
    try:
        return PdfiumDocument(doc.path, doc.password)
    except Exception as exc:  # pypdfium2 raises PdfiumError with pdfium's reason
        doc.notes.setdefault("load_fallbacks", {})["document"] = f"pdfium could not open it ({exc})"
        return None


# --------------------------------------------------------------------------- coordinates


class _Frame:
    """From PDF user space to pdfplumber's dicts: pdfminer's device space (the page turned
    by /Rotate, the MediaBox's corner at the origin: its ``y0``/``y1``), then pdfplumber's
    ``x0``/``top`` (see pdfobjects.parse_objects)."""

    def __init__(self, page):
        obj = page.page_obj
        x0, y0, x1, y1 = obj.mediabox
        rotate = obj.rotate
        if rotate == 90:
            self.ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
        elif rotate == 180:
            self.ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
        elif rotate == 270:
            self.ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
        else:
            self.ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
        self.height = float(page.height)
        self.mb_x0, self.mb_top = page.mediabox[:2]
        self.doctop0 = page.initial_doctop
        self.number = page.page_number

    def point(self, x: float, y: float) -> tuple[float, float]:
        """User space -> pdfminer's device space."""
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e, b * x + d * y + f

    def linear(self, m) -> tuple[float, float, float, float]:
        """The linear part of a user-space matrix, followed by the page's turn."""
        a, b, c, d = self.ctm[:4]
        return (m[0] * a + m[1] * c, m[0] * b + m[1] * d, m[2] * a + m[3] * c, m[2] * b + m[3] * d)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> dict:
        """The position keys of pdfplumber's dict of a box in device space."""
        top = (self.height - y1) + self.mb_top
        return {"x0": x0 + self.mb_x0, "y0": y0, "x1": x1 + self.mb_x0, "y1": y1,
                "width": x1 - x0, "height": y1 - y0, "top": top, "bottom": (self.height - y0) + self.mb_top,
                "doctop": self.doctop0 + top}

    def coord(self, pt: tuple[float, float]) -> tuple[float, float]:
        """pdfplumber's point2coord of a device-space point."""
        return (self.mb_x0 + pt[0], self.mb_top + self.height - pt[1])


# --------------------------------------------------------------------------- glyphs


#: The out-parameters of FPDFPageObj_GetFillColor/GetStrokeColor, made once (calls hold LOCK).
_RGBA = tuple(ctypes.c_uint() for _ in range(4))


def _colour(getter, obj) -> tuple:
    r, g, b, a = _RGBA
    if not getter(obj, r, g, b, a):
        return (None,)
    return (r.value / 255, g.value / 255, b.value / 255)


_ACTUAL_TEXT = ctypes.create_string_buffer(b"ActualText")


def _actual_text(api, obj) -> bool:
    """Is a page object inside marked content with an /ActualText (pdfium's text page then
    gives that text for its glyphs)?"""
    for k in range(max(api.FPDFPageObj_CountMarks(obj), 0)):
        mark = api.FPDFPageObj_GetMark(obj, k)
        if mark and api.FPDFPageObjMark_GetParamValueType(mark, _ACTUAL_TEXT) != 0:  # FPDF_OBJECT_UNKNOWN
            return True
    return False


def _font_name(api, font) -> str:
    size = api.FPDFFont_GetBaseFontName(font, None, 0)
    if size <= 0:
        return ""
    buf = ctypes.create_string_buffer(size)
    api.FPDFFont_GetBaseFontName(font, buf, size)
    return buf.value.decode("utf-8", "replace")


class _TextObject:
    """What the glyphs of one text object share, read once per object: pdfminer's font name
    and descent (``lo``/``hi``: the box's bottom and top over the baseline, in text space
    times the size), pdfium's font handle and size, the text matrix (``matrix``: user space;
    ``linear``: its linear part in pdfminer's device space), and the looks."""

    __slots__ = ("fontname", "font", "size", "matrix", "linear", "upright", "straight", "lo", "hi", "mode",
                 "stroke", "fill", "mcid", "box_is_advance", "spells_ligatures", "compat", "tounicode", "widths")

    def __init__(self, api, obj, font: tuple, matrix: tuple, frame: _Frame, size: float):
        self.fontname, descent, self.font, self.box_is_advance, self.spells_ligatures, compat, self.tounicode, \
            self.widths = font
        # the ideographs pdfium may have taken from an ActualText, where the object has one
        self.compat = compat if compat is not None and _actual_text(api, obj) else None
        self.size = size
        self.lo = descent * size
        self.hi = self.lo + size
        self.matrix = matrix
        a, b, c, d = self.linear = frame.linear(matrix)
        self.upright = a * d > 0 and b * c <= 0  # pdfminer's LTChar.upright
        # no turn nor shear in user space: pdfium's loose box of a glyph is its advance box
        self.straight = matrix[1] == 0.0 and matrix[2] == 0.0 and matrix[0] != 0.0
        self.mode = max(api.FPDFTextObj_GetTextRenderMode(obj), 0)
        self.stroke = _colour(api.FPDFPageObj_GetStrokeColor, obj)
        self.fill = _colour(api.FPDFPageObj_GetFillColor, obj)
        self.mcid = _mcid(api, obj)


def _chars(api, text, facts: FontFacts, frame: _Frame, texts: list) -> list[dict]:
    """The page's glyphs in the order the content streams draw them (pdfium's text page
    sorts the text objects of a line by position; pdfminer keeps the stream's order)."""
    n = api.FPDFText_CountChars(text)
    get_unicode, is_generated = api.FPDFText_GetUnicode, api.FPDFText_IsGenerated
    get_object, get_origin, get_loose = api.FPDFText_GetTextObject, api.FPDFText_GetCharOrigin, \
        api.FPDFText_GetLooseCharBox
    map_error, is_hyphen, glyph_width = api.FPDFText_HasUnicodeMapError, api.FPDFText_IsHyphen, \
        api.FPDFFont_GetGlyphWidth
    ox, oy = ctypes.c_double(), ctypes.c_double()
    get_tight = api.FPDFText_GetCharBox
    t_left, t_right, t_bottom, t_top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    #: (font, code, size) -> (the font's width, that width where the ink overhangs it, else 0)
    widths: dict[tuple, tuple[float, float]] = {}
    rect = api.FS_RECTF()
    matrix = api.FS_MATRIX()
    size_out = ctypes.c_float()
    width_out = ctypes.c_float()
    order = {obj: k for k, (obj, _) in enumerate(texts)}
    objects: dict[int, _TextObject] = {}
    fonts: dict[int, tuple] = {}
    height, mb_x0, mb_top, doctop0 = frame.height, frame.mb_x0, frame.mb_top, frame.doctop0
    ctm0, ctm1, ctm2, ctm3, ctm4, ctm5 = frame.ctm
    number = frame.number
    decimal_of = _DECIMALS.get

    def text_object(obj: int, i: int | None) -> _TextObject:
        font = api.FPDFTextObj_GetFont(obj)
        finfo = fonts.get(font)
        if finfo is None:
            base = _font_name(api, font)
            fact = facts.find(api, font, base)
            if fact[2]:
                raise Fallback(f"font {base}: {fact[2]}")
            # pdfium's loose box spans the advance where the font is embedded and has an
            # ascent and a descent; else the widths may be a substitute's (see below).
            asc, desc = ctypes.c_float(), ctypes.c_float()
            loose = bool(api.FPDFFont_GetAscent(font, 1.0, asc) and api.FPDFFont_GetDescent(font, 1.0, desc)
                         and asc.value != desc.value)
            compat = {ideograph: (radical, ambiguous) for ideograph, radical, ambiguous in fact[6]} or None
            exact = (dict(fact[8][0]), dict(fact[8][1])) if fact[8] is not None else None
            finfo = fonts[font] = (fact[0], fact[1], font, loose and api.FPDFFont_GetIsEmbedded(font) == 1, fact[5],
                                   compat, fact[7], exact)
        size = size_out.value if api.FPDFTextObj_GetFontSize(obj, size_out) else 0.0
        if i is None:  # an object the text page left out: its own matrix and the forms'
            api.FPDFPageObj_GetMatrix(obj, matrix)
            m = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), texts[order[obj]][1])
        else:
            api.FPDFText_GetMatrix(text, i, matrix)
            m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        run = objects[obj] = _TextObject(api, obj, finfo, m, frame, size)
        return run

    def glyph(run: _TextObject, ch: str, x: float, y: float, adv: float) -> dict:
        """pdfminer's LTChar as pdfplumber's dict: the box spans (0, descent) to (adv,
        descent + 1 em) in text space, mapped by the text matrix."""
        a, b, c, d = run.linear
        lo, hi = run.lo, run.hi
        px, py = ctm0 * x + ctm2 * y + ctm4, ctm1 * x + ctm3 * y + ctm5
        if b == 0.0 and c == 0.0:  # no turn (most glyphs): the corners' extremes are these
            x0, x1 = px, px + a * adv
            y0, y1 = py + d * lo, py + d * hi
            if x1 < x0:
                x0, x1 = x1, x0
            if y1 < y0:
                y0, y1 = y1, y0
        else:
            xs = (px + c * lo, px + a * adv + c * lo, px + c * hi, px + a * adv + c * hi)
            ys = (py + d * lo, py + b * adv + d * lo, py + d * hi, py + b * adv + d * hi)
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        top = (height - y1) + mb_top
        return {
            "matrix": (a, b, c, d, px, py), "fontname": run.fontname, "adv": adv, "upright": run.upright,
            "x0": x0 + mb_x0, "y0": y0, "x1": x1 + mb_x0, "y1": y1, "width": x1 - x0, "height": y1 - y0,
            "size": y1 - y0, "mcid": run.mcid, "tag": None, "object_type": "char", "page_number": number,
            "ncs": "DeviceRGB", "text": ch, "stroking_color": run.stroke, "non_stroking_color": run.fill,
            "top": top, "bottom": (height - y0) + mb_top, "doctop": doctop0 + top, "render_mode": run.mode,
        }

    #: [object's order, index, text object, text, x, y, advance, loose box's width, is it the font's width?]
    records: list[list] = []
    last_key = None  # (object, origin) of the glyph before: a ligature's letters share it
    joined = False  # has a glyph more than one letter (a ligature)?
    for i in range(max(n, 0)):
        code = get_unicode(text, i)
        # pdfium generates only spaces and line breaks: ask only of those whether they are
        if code in _GENERATED_CODES and is_generated(text, i):
            continue
        obj = get_object(text, i)
        run = objects.get(obj) or text_object(obj, i)
        if code == _HYPHEN_MARK and is_hyphen(text, i):  # a hyphen ending a line
            # pdfium says which of its hyphen codes it was not; the font's ToUnicode, where
            # it names one of '-' and U+00AD only, does (WeasyPrint's '-' in a URL at a line
            # end has a loose box narrower than the font's width of '-': it was read as a
            # soft hyphen); else the width decides, as pdfminer's reading would by code
            named = facts._named(run.tounicode) if run.tounicode is not None else None
            if named is not None and ("-" in named) != ("\u00ad" in named):
                code = 0x2D if "-" in named else 0xAD
            else:
                get_loose(text, i, rect)
                wide = glyph_width(run.font, 0x2D, run.size, width_out)
                code = 0x2D if not wide or \
                    abs(abs(rect.right - rect.left) - width_out.value * abs(run.matrix[0])) < 0.01 else 0xAD
        elif code in _UNMAPPED_CODES or map_error(text, i):
            raise Fallback(f"a character of font {run.fontname} pdfium could not map to Unicode")
        elif code in _CONTROL_CODES:
            raise Fallback(f"a control character (U+{code:04X}) in font {run.fontname}")
        ch = chr(code)
        if run.compat is not None and ch in run.compat:  # an ActualText's ideograph for the map's code point
            ch, ambiguous = run.compat[ch]
            if ambiguous:
                raise Fallback(f"an ActualText ideograph of font {run.fontname} whose ToUnicode names it "
                               "and a compatibility code point for it")
        get_origin(text, i, ox, oy)
        # the baseline as the decimal the stream wrote (see _decimal): pdfium's single
        # precision put glyphs of one line 3e-5 pt off pdfminer's, enough to change how a
        # LibreOffice page's rows group; one value a line, so a dict lookup a glyph
        x, y = ox.value, oy.value
        found = decimal_of(y)  # (_decimal's own cache looked up here: a call saved a glyph)
        y = _decimal(y) if found is None else found
        key = (obj, x, y)
        if key == last_key and records:  # the next letter of one code's text (a ligature)
            records[-1][3] += ch
            if records[-1][7]:  # a ligature's advance is its loose box, not its first letter's width
                records[-1][6] = records[-1][7]
            joined = True
            continue
        last_key = key
        adv = loose = None
        exact = False
        if run.straight:  # the loose box's width, where it is the advance box (it starts at the origin)
            get_loose(text, i, rect)
            if abs(rect.left - x) < 0.01:
                adv = loose = (rect.right - rect.left) / abs(run.matrix[0])
                # ... unless the glyph's ink overhangs its advance (TeX's 'f'): pdfium's
                # loose box then ends where the ink does, and the word gap after it shrank
                # ('no. ofcorrect'). The font's width (FPDFFont_GetGlyphWidth, the
                # dictionary's) is the advance there; taken only where the tight box ends
                # with the loose one, so that a width pdfium finds by the wrong code is not.
                # Where the advance is the font's width, it is the one pdfminer reads
                # (``exact``). The width is asked once per font, code and size.
                key = (run.font, code, run.size)
                known = widths.get(key)
                if known is None:
                    font_width = width_out.value if glyph_width(run.font, code, run.size, width_out) else 0.0
                    cap = 0.0
                    if 0 < font_width < adv - 0.0015 * run.size:
                        get_tight(text, i, t_left, t_right, t_bottom, t_top)
                        if abs(t_right.value - rect.right) < 0.02 * run.size * abs(run.matrix[0]):
                            cap = font_width
                    known = widths[key] = (font_width, cap)
                font_width, cap = known
                if cap:
                    adv = cap
                exact = cap != 0.0 or abs(adv - font_width) <= 0.0015 * run.size
                if exact:
                    adv = font_width
            elif abs(rect.right - x) < 0.01:
                adv = (rect.right - rect.left) / abs(run.matrix[0])
        if adv is None:  # else pdfium's width of the glyph (turned text, Type3 glyphs ...)
            adv = width_out.value if glyph_width(run.font, code, run.size, width_out) else 0.0
        seq = order.get(obj)
        if seq is None:
            raise Fallback("a glyph of a text object outside the page's objects")
        records.append([seq, i, run, ch, x, y, adv, loose, exact])
    # pdfium's loose box is not always as wide as the advance pdfminer reads from the font
    # dictionary (/Widths, /W), which is what moved the pen: a glyph of a font pdfium does
    # not have (not embedded) gets its substitute's width, some embedded TrueType glyphs the
    # program's own (an 'f' that overhangs). Where the next glyph on the same baseline
    # starts before the box ends (past half of it: an overprint or a combining mark is not
    # the next glyph), the advance is that step: always within one text object, where
    # pdfium placed the next glyph by the dictionary's width; across objects (their own
    # positions) only for a font it does not have, and by more than a kerned pair's 5 %.
    # Not where the loose box is the font's width (``exact``): that is the advance, and a
    # next glyph that starts before it was moved there by a TJ offset (LibreOffice kerns
    # Hangul so), which pdfminer's box does not follow either.
    for k in range(len(records) - 1):
        rec, nxt = records[k], records[k + 1]
        run, nrun, y = rec[2], nxt[2], rec[5]
        if nxt[5] == y and run.straight and not rec[8] and (nrun is run or nrun.matrix[:4] == run.matrix[:4]):
            adv = rec[6]
            step = (nxt[4] - rec[4]) / run.matrix[0]
            if 0.5 * adv < step < (adv - 0.01 if nrun is run else 0.95 * adv if not run.box_is_advance else 0):
                rec[6] = step
    if joined:
        for rec in records:
            if len(rec[3]) > 1 and rec[2].spells_ligatures and rec[3] in _LIGATURES:
                rec[3] = _LIGATURES[rec[3]]
    records += _trailing_spaces_left_out(api, text, records, texts, width_out)
    # A font of fractional widths: the advance is the dictionary's (see _dictionary_advance),
    # and pdfium, which moved the pen by its whole widths, put each next glyph of the object
    # short of where pdfminer puts it by what the widths before it lost.
    lost: dict[_TextObject, float] = {}  # text object -> what its widths so far lost
    for rec in records:
        run = rec[2]
        if run.widths is None:
            continue
        before = lost.get(run, 0.0)
        if before and run.straight:
            rec[4] += before * run.matrix[0]
        adv = _dictionary_advance(run, rec[3], rec[6])
        lost[run] = before + adv - rec[6]
        rec[6] = adv
    placed = [(seq, i, glyph(run, ch, x, y, adv)) for seq, i, run, ch, x, y, adv, _, _ in records]
    # Text objects the text page left out: pdfium skips an object whose glyphs have no ink
    # (a run of spaces drawn on its own; it infers a space from the gap instead), and one
    # drawn again over an earlier one (fake bold), which pdfminer keeps.
    seen = {rec[0] for rec in records}
    left = [k for k in range(len(texts)) if k not in seen]
    if left:
        left_, bottom_, right_, top_ = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        for k in left:
            obj, _ = texts[k]
            if api.FPDFPageObj_GetBounds(obj, left_, bottom_, right_, top_) and abs(right_.value - left_.value) >= 0.01:
                raise Fallback("pdfium left out a text object drawn over another (an overprint)")
            run = objects.get(obj) or text_object(obj, None)
            m = run.matrix
            adv = width_out.value if glyph_width(run.font, 0x20, run.size, width_out) else 0.0
            if run.widths is not None:
                adv = _dictionary_advance(run, " ", adv)
            placed.append((k, -1, glyph(run, " ", m[4], m[5], adv)))
    placed.sort(key=_FIRST)  # stable: glyphs of one object stay in the text page's order
    return [g for _, _, g in placed]


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _dictionary_advance(run: "_TextObject", ch: str, adv: float) -> float:
    """The advance pdfminer reads for a glyph of a font with fractional widths (see
    :func:`_exact_widths`), where ``adv`` is one of pdfium's whole widths (thousandths of
    an em times the size): the dictionary's width of the glyph's text that truncates to it,
    else the font's one width that does. Other advances (a step to the next glyph, a
    substitute's width) are kept. Two widths that truncate alike, and no text to tell them
    apart by, leave the page to pdfminer."""
    if not run.size:
        return adv
    whole = adv * 1000.0 / run.size
    near = round(whole)
    if abs(whole - near) > 0.01:
        return adv
    by_text, by_width = run.widths
    exact = by_text.get((ch, near))
    if exact is None or exact == AMBIGUOUS:
        exact = by_width.get(near)
    if exact is None:
        return adv
    if exact == AMBIGUOUS:
        raise Fallback(f"font {run.fontname}: two widths pdfium reads as {near}/1000 em")
    return exact * run.size / 1000.0


def _trailing_spaces_left_out(api, text, records: list[list], texts: list, width_out) -> list[list]:
    """The spaces pdfium's text page left out at the end of text objects, as records: it
    deletes a space that ends the text before the next object begins, which pdfminer keeps
    (LibreOffice writes '[( ) -7000 ( )] TJ', and the second space was lost; a line's last
    space decides how it joins the next). Seen where the object's bounds reach past the end
    of the last glyph given for it and past that glyph's ink (an overhang reaches past the
    advance too): a space's bounds are its origin, where it is put back with the font's
    width. Upright objects on the page itself (a form's objects have bounds in its space);
    where the font gives no width for a space the page is left to pdfminer."""
    ends: dict[int, list] = {}  # text object's order -> the record whose advance ends rightmost
    for rec in records:
        run = rec[2]
        a = run.matrix[0]
        if run.straight and a > 0 and texts[rec[0]][1] == _IDENTITY:
            last = ends.get(rec[0])
            if last is None or rec[4] + rec[6] * a > last[4] + last[6] * a:
                ends[rec[0]] = rec
    added: list[list] = []
    if not ends:
        return added
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    t_left, t_right, t_bottom, t_top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    loose = api.FS_RECTF()
    for seq, rec in ends.items():
        run = rec[2]
        end = rec[4] + rec[6] * run.matrix[0]
        if not api.FPDFPageObj_GetBounds(texts[seq][0], left, bottom, right, top) or right.value <= end + 0.05:
            continue
        if api.FPDFText_GetCharBox(text, rec[1], t_left, t_right, t_bottom, t_top) and \
                t_right.value >= right.value - 0.05:
            continue  # the ink of the last glyph
        api.FPDFText_GetLooseCharBox(text, rec[1], loose)
        if loose.right >= right.value - 0.05:
            continue  # pdfium's own width of the last glyph (wider than the dictionary's)
        if not api.FPDFFont_GetGlyphWidth(run.font, 0x20, run.size, width_out) or width_out.value <= 0:
            raise Fallback("pdfium's text page left out a glyph ending a text object (a trailing space)")
        if right.value - end < width_out.value * run.matrix[0]:
            continue  # nearer than a space's width: character spacing, not a space set apart
        added.append([seq, rec[1], run, " ", _decimal(right.value), rec[5], width_out.value, None, True])
    return added


# --------------------------------------------------------------------------- paths and images


_FIRST = operator.itemgetter(0)
_SINGLE = struct.Struct("<f")
#: single-precision value -> the decimal it was read from (see _decimal); cleared when large
_DECIMALS: dict[float, float] = {}


def _decimal(v: float) -> float:
    """The shortest decimal that single precision reads as ``v``: the number the content
    stream wrote. pdfium keeps coordinates and matrices in single precision (``550.95``
    is 550.9500122), pdfminer in double; a rule at 291.05 then comes out 291.04999 and a
    table's box, rounded to 0.1 pt, says 291.0 where pdfminer's says 291.1. Taking back the
    written decimal and doing the arithmetic in double gives pdfminer's figures."""
    found = _DECIMALS.get(v)
    if found is None:
        found = v
        pack, unpack = _SINGLE.pack, _SINGLE.unpack
        for digits in range(1, 10):
            shorter = float(f"{v:.{digits}g}")
            if unpack(pack(shorter))[0] == v:
                found = shorter
                break
        if len(_DECIMALS) > 100_000:
            _DECIMALS.clear()
        _DECIMALS[v] = found
    return found


def _matrix_of(m) -> tuple:
    """An FS_MATRIX as a tuple of the decimals it was read from."""
    return (_decimal(m.a), _decimal(m.b), _decimal(m.c), _decimal(m.d), _decimal(m.e), _decimal(m.f))


def _multiply(m, n):
    """m then n (row vectors, as PDF matrices compose)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _graphics(api, handle, frame: _Frame, texts: list) -> dict[str, list[dict]]:
    """The page's paths and images as pdfplumber's dicts; ``texts`` gets the text objects,
    in the order the content streams draw them, with the matrix of the forms above them."""
    out: dict[str, list[dict]] = {}
    fs_matrix = api.FS_MATRIX()
    state = {"fill": ctypes.c_int(), "stroke": ctypes.c_int(), "x": ctypes.c_float(), "y": ctypes.c_float(),
             "width": ctypes.c_float(), "l": ctypes.c_float(), "b": ctypes.c_float(), "r": ctypes.c_float(),
             "t": ctypes.c_float(), "matrix": fs_matrix}
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack = [(api.FPDFPage_CountObjects(handle), lambda k: api.FPDFPage_GetObject(handle, k), identity, 0)]
    while stack:
        count, get, outer, k = stack.pop()
        while k < count:
            obj = get(k)
            k += 1
            kind = api.FPDFPageObj_GetType(obj)
            if kind == _FPDF_PAGEOBJ_TEXT:
                texts.append((obj, outer))
            elif kind == _FPDF_PAGEOBJ_PATH:
                _path(api, obj, outer, frame, state, out)
            elif kind == _FPDF_PAGEOBJ_IMAGE:
                _image(api, obj, outer, frame, state, out)
            elif kind == _FPDF_PAGEOBJ_FORM:
                api.FPDFPageObj_GetMatrix(obj, fs_matrix)
                m = _matrix_of(fs_matrix)
                stack.append((count, get, outer, k))
                form = obj
                stack.append((api.FPDFFormObj_CountObjects(form),
                              (lambda f: lambda j: api.FPDFFormObj_GetObject(f, j))(form), _multiply(m, outer), 0))
                break
    return out


def _path(api, obj, outer, frame: _Frame, state, out) -> None:
    fill, stroke = state["fill"], state["stroke"]
    if not api.FPDFPath_GetDrawMode(obj, fill, stroke):
        return
    is_fill, is_stroke = fill.value != 0, bool(stroke.value)
    if not is_fill and not is_stroke:
        return
    m = state["matrix"]
    api.FPDFPageObj_GetMatrix(obj, m)
    full = _multiply(_matrix_of(m), outer)
    a, b, c, d, e, f = full
    ca, cb, cc, cd, ce, cf = frame.ctm
    px, py = state["x"], state["y"]
    segments: list[tuple] = []  # pdfminer's path: ("m", x, y), ("l", x, y), ("c", x1, y1, x2, y2, x3, y3), ("h",)
    bezier: list[float] = []
    n = api.FPDFPath_CountSegments(obj)
    for s in range(n):
        seg = api.FPDFPath_GetPathSegment(obj, s)
        api.FPDFPathSegment_GetPoint(seg, px, py)
        ux, uy = _decimal(px.value), _decimal(py.value)
        x, y = a * ux + c * uy + e, b * ux + d * uy + f  # user space
        x, y = ca * x + cc * y + ce, cb * x + cd * y + cf  # pdfminer's device space
        kind = api.FPDFPathSegment_GetType(seg)
        if kind == _SEG_MOVETO:
            segments.append(("m", x, y))
        elif kind == _SEG_LINETO:
            segments.append(("l", x, y))
        elif kind == _SEG_BEZIERTO:
            bezier += (x, y)
            if len(bezier) == 6:
                segments.append(("c", *bezier))
                bezier = []
        if api.FPDFPathSegment_GetClose(seg):
            segments.append(("h",))
    if not segments:
        return
    width = state["width"]
    linewidth = width.value if api.FPDFPageObj_GetStrokeWidth(obj, width) else 1.0
    look = {"linewidth": linewidth, "stroke": is_stroke, "fill": is_fill, "evenodd": fill.value == 1,
            "stroking_color": _colour(api.FPDFPageObj_GetStrokeColor, obj),
            "non_stroking_color": _colour(api.FPDFPageObj_GetFillColor, obj),
            "dash": _dash(api, obj), "mcid": _mcid(api, obj), "tag": None}
    _paint(segments, look, frame, out)


def _dash(api, obj):
    count = api.FPDFPageObj_GetDashCount(obj)
    phase = ctypes.c_float()
    api.FPDFPageObj_GetDashPhase(obj, phase)
    if count <= 0:
        return ([], phase.value)
    arr = (ctypes.c_float * count)()
    api.FPDFPageObj_GetDashArray(obj, arr, count)
    return (list(arr), phase.value)


def _mcid(api, obj):
    mcid = api.FPDFPageObj_GetMarkedContentID(obj)
    return mcid if mcid >= 0 else None


def _paint(path: list[tuple], look: dict, frame: _Frame, out: dict) -> None:
    """pdfminer's PDFLayoutAnalyzer.paint_path, making pdfplumber's dicts."""
    shape = "".join(seg[0] for seg in path)
    if shape[:1] != "m":
        return
    if shape.count("m") > 1:
        start = 0
        for k in range(1, len(path) + 1):
            if k == len(path) or path[k][0] == "m":
                if k - start > 1:
                    _paint(path[start:k], look, frame, out)
                start = k
        return
    pts = [seg[-2:] if seg[0] != "h" else path[0][-2:] for seg in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        kind = "line"
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        kind = "rect" if pts[0] == pts[4] and square else "curve"
    else:
        kind = "curve"
    if kind == "line":
        pts = pts[:2]
    elif kind == "rect":
        pts = [pts[0], pts[2]]  # LTRect is made of two corners; its pts are its four
        (xa, ya), (xb, yb) = pts
        x0, y0, x1, y1 = min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)
        pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    d = frame.box(min(xs), min(ys), max(xs), max(ys))
    coord = frame.coord
    d.update(look)
    d["object_type"] = kind
    d["page_number"] = frame.number
    d["pts"] = [coord(p) for p in pts]
    d["path"] = [(seg[0], *(coord((seg[k], seg[k + 1])) for k in range(1, len(seg), 2))) for seg in path]
    out.setdefault(kind, []).append(d)


def _image(api, obj, outer, frame: _Frame, state, out) -> None:
    m = state["matrix"]
    api.FPDFPageObj_GetMatrix(obj, m)
    full = _multiply(_matrix_of(m), outer)
    corners = [(full[0] * u + full[2] * v + full[4], full[1] * u + full[3] * v + full[5])
               for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
    pts = [frame.point(x, y) for x, y in corners]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    d = frame.box(min(xs), min(ys), max(xs), max(ys))
    w, h = ctypes.c_uint(), ctypes.c_uint()
    size = (w.value, h.value) if api.FPDFImageObj_GetImagePixelSize(obj, w, h) else (0, 0)
    d.update({"object_type": "image", "page_number": frame.number, "srcsize": size, "name": None,
              "mcid": _mcid(api, obj), "tag": None})
    out.setdefault("image", []).append(d)
