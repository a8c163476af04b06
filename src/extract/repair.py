"""Glyph-text repairs for damaged PDFs: one normalisation step over a page's glyphs, before
tables and layout read them, so a repaired glyph reads the same in the body and in tables.

Real PDFs map glyphs to the wrong characters, hide text, draw glyphs twice and leave spaces
out (see ``../shared/BULLETIN.md``, "Damage"). Every repair here is reported: each returns
warnings that name the page and show the text before and after.

- **Invisible text** (text render mode 3 or 7, an OCR layer laid over a picture or a page)
  is not text the reader sees: it is left out.
- **Unmapped glyphs** (``(cid:N)``: a font with no ToUnicode entry for the glyph) and glyphs
  mapped to control characters are read through the font's own tables: the cmap of its
  embedded TrueType program, or the Adobe character collection (Korea1, GB1 ...) it names.
  What stays unreadable is reported with its page.
- **Known wrong mappings in context**: numeral glyphs whose ToUnicode points at other
  characters (``삐급`` for Ⅲ급, ``| 급`` for Ⅰ급, ``॥형`` for Ⅱ형), replaced only where a
  class word (급, 형, 류, 등급) follows, which is where the bulletin prints Roman numerals.

pdfplumber's glyph dictionaries do not carry the glyph id, the font object or the text
render mode; :func:`annotate` adds them (``cid``, ``render_mode``) from the layout objects
pdfminer made, through a small hook on pdfplumber's layout device.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from typing import Any

from .diagnostics import Diagnostic, page_warning
from .symbols import map_symbol_glyphs, private_use_warning

CID_TEXT = re.compile(r"^\(cid:(\d+)\)$")
#: Text that recover_unmapped reads again when no font is read by its own tables: a
#: ``(cid:N)`` glyph, or a control character other than tab and line breaks.
_NEEDS_RECOVERY = re.compile(r"\(cid:\d+\)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Text render modes that paint nothing (3: invisible, 7: clip only).
INVISIBLE_MODES = (3, 7)

# --------------------------------------------------------------------------- hooks


_HOOKED = False


def install_hooks() -> None:
    """Make pdfplumber's layout device note, on every LTChar, the glyph id, the font object
    and the text render mode (pdfminer knows them while it draws and then forgets them)."""
    global _HOOKED
    if _HOOKED:
        return
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent as Device

    render_char, render_string = Device.render_char, Device.render_string

    def hooked_render_string(self, textstate, *args, **kwargs):
        self._extract_render_mode = getattr(textstate, "render", 0)
        return render_string(self, textstate, *args, **kwargs)

    def hooked_render_char(self, *args, **kwargs):
        adv = render_char(self, *args, **kwargs)
        objs = getattr(self.cur_item, "_objs", None)
        if objs:
            obj = objs[-1]
            obj.extract_cid = args[5] if len(args) > 5 else kwargs.get("cid")
            obj.extract_font = args[1] if len(args) > 1 else kwargs.get("font")
            obj.extract_render = getattr(self, "_extract_render_mode", 0)
        return adv

    Device.render_string = hooked_render_string  # type: ignore[method-assign]  # (the hook, see above)
    Device.render_char = hooked_render_char  # type: ignore[method-assign]
    _HOOKED = True


def _layout_chars(obj, out: list) -> list:
    from pdfminer.layout import LTChar

    for child in getattr(obj, "_objs", ()):
        if isinstance(child, LTChar):
            out.append(child)
        else:
            _layout_chars(child, out)
    return out


def annotate(page, chars: list[dict]) -> dict[int, Any]:
    """Add ``cid`` and ``render_mode`` to pdfplumber's glyph dicts (in place) and return the
    fonts by ``id`` (glyph dict key ``font_id``). Does nothing when the layout objects do not
    line up with the glyphs (another pdfplumber version)."""
    fonts: dict[int, Any] = {}
    try:
        objs = _layout_chars(page.layout, [])
    except Exception:  # pragma: no cover - annotation is a help, never a failure
        return fonts
    if len(objs) != len(chars):
        return fonts
    for c, obj in zip(chars, objs):
        if not hasattr(obj, "extract_cid"):
            return fonts
        c["cid"] = obj.extract_cid
        c["render_mode"] = obj.extract_render
        font = obj.extract_font
        if font is not None:
            fonts[id(font)] = font
            c["font_id"] = id(font)
    return fonts


# --------------------------------------------------------------------------- the font's own tables


_FONT_MAPS: dict[int, tuple[Any, dict[int, str]]] = {}
# Where a font's cmap reaches one glyph from several code points, the basic one is the text:
# U+00B7 rather than U+30FB for a middle dot, the unified ideograph rather than a radical.
_SECONDARY = ((0x2E80, 0x2FDF), (0x3000, 0x30FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
              (0x2F800, 0x2FA1F), (0xE000, 0xF8FF))


def _preference(code: int) -> tuple[int, int]:
    return (any(lo <= code <= hi for lo, hi in _SECONDARY), code)


def _ttf_map(font) -> dict[int, str]:
    """Glyph id -> text from the cmap table of a font's embedded TrueType program."""
    import struct
    from io import BytesIO

    from pdfminer.pdffont import TrueTypeFont

    ttf = TrueTypeFont(getattr(font, "basefont", "font"), BytesIO(font.fontfile.get_data()))
    if b"cmap" not in ttf.tables:
        return {}
    base, _ = ttf.tables[b"cmap"]
    fp = ttf.fp
    fp.seek(base)
    _, n = struct.unpack(">HH", fp.read(4))
    subtables = [struct.unpack(">HHL", fp.read(8)) for _ in range(n)]
    char2gid: dict[int, int] = {}
    for platform, encoding, offset in subtables:
        if not (platform == 0 or (platform == 3 and encoding in (1, 10))):
            continue
        fp.seek(base + offset)
        (fmt,) = struct.unpack(">H", fp.read(2))
        parse = getattr(ttf, f"parse_cmap_format_{fmt}", None)
        if parse is not None:
            parse(fp, char2gid)
    best: dict[int, int] = {}
    for code, gid in char2gid.items():
        if gid not in best or _preference(code) < _preference(best[gid]):
            best[gid] = code
    return {gid: chr(code) for gid, code in best.items()}


def font_own_map(font) -> dict[int, str]:
    """CID -> text from the font itself, not its ToUnicode: the cmap of an embedded
    TrueType program (CIDToGIDMap Identity: glyph id = CID), else the Adobe collection the
    font names (Adobe-Korea1, Adobe-GB1 ...)."""
    key = id(font)
    cached = _FONT_MAPS.get(key)
    if cached is not None and cached[0] is font:
        return cached[1]
    mapping: dict[int, str] = {}
    if getattr(font, "fontfile", None) is not None and font.is_multibyte():
        try:
            mapping = _ttf_map(font)
        except Exception:
            mapping = {}
    coding = getattr(font, "cidcoding", "")
    if not mapping and coding and "Identity" not in coding:
        try:
            from pdfminer.cmapdb import CMapDB

            umap = CMapDB.get_unicode_map(coding, font.is_vertical())
            mapping = dict(umap.cid2unichr)
        except Exception:
            mapping = {}
    _FONT_MAPS[key] = (font, mapping)
    if len(_FONT_MAPS) > 256:  # fonts of earlier documents
        _FONT_MAPS.pop(next(iter(_FONT_MAPS)))
    return mapping


def fonts_read_by_own_tables(page) -> dict[str, str]:
    """The page's composite fonts whose text pdfminer does not take from a usable ToUnicode,
    by base name: "none" for an Identity-encoded font without ToUnicode (the text is only in
    the font), "by-code" for a font with a predefined CMap (UniKS-UCS2-H) and a ToUnicode,
    which the specification keys by character code but pdfminer looks up by CID."""
    from pdfminer.pdftypes import resolve1

    out: dict[str, str] = {}
    try:
        fonts = resolve1(resolve1(page.page_obj.resources).get("Font")) or {}
        for ref in fonts.values():
            spec = resolve1(ref)
            if not isinstance(spec, dict) or getattr(resolve1(spec.get("Subtype")), "name", None) != "Type0":
                continue
            encoding = str(getattr(resolve1(spec.get("Encoding")), "name", ""))
            base = resolve1(spec.get("BaseFont"))
            base = getattr(base, "name", str(base))
            if "Identity" in encoding and "ToUnicode" not in spec:
                out[base] = "none"
            elif encoding and "Identity" not in encoding and "ToUnicode" in spec:
                out[base] = "by-code"
    except Exception:
        return {}
    return out


def _visible(text: str) -> bool:
    return bool(text) and not text.isspace() and all(unicodedata.category(ch)[0] != "C" for ch in text)


def _short(text: str, limit: int = 40) -> str:
    text = text.encode("unicode_escape").decode("ascii") if any(
        unicodedata.category(ch) == "Cc" for ch in text) else text
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --------------------------------------------------------------------------- the repairs


def drop_invisible(chars: list[dict], number: int, scan_share: float = 0.1) -> tuple[list[dict], list[Diagnostic]]:
    """Glyphs drawn in an invisible text render mode are not read, unless they are nearly
    all the page's text (fewer than ``scan_share`` visible glyphs per invisible one): then
    the page is a scan and they are its recognised text, which is what a user who ran OCR
    on a scanned issue (as our NoText error advises) wants read."""
    hidden = [c for c in chars if c.get("render_mode") in INVISIBLE_MODES]
    if not hidden:
        return chars, []
    text = "".join(c["text"] for c in hidden if c["text"] and len(c["text"]) == 1)
    visible = sum(1 for c in chars if c.get("render_mode") not in INVISIBLE_MODES and c["text"].strip())
    if visible < scan_share * sum(1 for c in hidden if c["text"].strip()):
        return chars, [page_warning(number, f"the page's text is an invisible layer over a scanned image (text render "
                                            f"mode 3, {len(hidden)} glyph(s), e.g. OCR output); read as its text, so "
                                            f"its accuracy is the OCR's: '{_short(text)}'", "glyphs")]
    warning = page_warning(number, f"{len(hidden)} invisible glyph(s) (text render mode 3, e.g. an OCR text layer) "
                                   f"left out: '{_short(text)}'", "glyphs")
    return [c for c in chars if c.get("render_mode") not in INVISIBLE_MODES], [warning]


def recover_unmapped(chars: list[dict], fonts: dict[int, Any], number: int,
                     own_tables: dict[str, str] | None = None) -> list[Diagnostic]:
    """``(cid:N)`` glyphs and glyphs mapped to control characters, read through the font's
    own tables; in place. Glyphs of the fonts in ``own_tables`` (see
    fonts_read_by_own_tables) are all read through the font's own tables. Returns the
    warnings."""
    own_tables = own_tables or {}
    if not own_tables and not _NEEDS_RECOVERY.search("".join(c.get("text") or "" for c in chars)):
        return []  # the common case, one search over the page's text instead of a test per glyph
    fixed: dict[str, Counter] = defaultdict(Counter)
    lost: dict[str, Counter] = defaultdict(Counter)
    own_only: Counter = Counter()
    by_code: dict[str, Counter] = defaultdict(Counter)
    for c in chars:
        text = c.get("text") or ""
        kind = own_tables.get(c.get("fontname"))  # type: ignore[arg-type]  # (no fontname: None, no entry)
        if kind and not CID_TEXT.match(text):
            font = fonts.get(c.get("font_id"))  # type: ignore[arg-type]  # (None: no entry)
            own = font_own_map(font).get(c.get("cid")) if font is not None else None  # type: ignore[arg-type]  # (None: no entry)
            if kind == "none":
                own_only[c["fontname"]] += 1
            if own is not None and (_visible(own) or own == " ") and own != text:
                if kind == "by-code":
                    by_code[c["fontname"]][(text, own)] += 1
                c["text"] = own
                continue
            if kind == "none" or not (len(text) == 1 and unicodedata.category(text) == "Cc"):
                continue
        m = CID_TEXT.match(text)
        control = len(text) == 1 and unicodedata.category(text) == "Cc" and text not in "\n\t\r"
        if not m and not control:
            continue
        font = fonts.get(c.get("font_id"))  # type: ignore[arg-type]  # (None: no entry)
        cid = c.get("cid") if c.get("cid") is not None else (int(m.group(1)) if m else None)
        own = font_own_map(font).get(cid) if font is not None and cid is not None else None
        name = c.get("fontname") or "?"
        if own is not None and _visible(own):
            fixed[name][(text, own)] += 1
            c["text"] = own
        elif m and own is not None and own.isspace():
            fixed[name][(text, " ")] += 1
            c["text"] = " "
        elif control:
            # A control character where the font draws nothing visible (Chromium maps its
            # space glyph to U+0001): a space.
            c["text"] = " "
        else:
            lost[name][text] += 1
    warnings = [page_warning(number, f"font {name} has a ToUnicode keyed by character code over a predefined CMap "
                                     f"(pdfminer reads it by CID); {sum(pairs.values())} glyph(s) read through the "
                                     f"font's own character collection ("
                             + ", ".join(f"'{_short(a)}' → '{b}'" for (a, b), _ in pairs.most_common(6)) + ")",
                        "glyphs")
                for name, pairs in by_code.items()]
    warnings += [page_warning(number, f"font {name} has no ToUnicode map; its {n} glyph(s) were read through the "
                                      f"font's own cmap", "glyphs") for name, n in own_only.items()]
    for name, pairs in fixed.items():
        shown = ", ".join(f"'{_short(a)}' → '{b}'" for (a, b), _ in pairs.most_common(6))
        warnings.append(page_warning(number, f"{sum(pairs.values())} glyph(s) of font {name} without a usable Unicode "
                                             f"mapping were read through the font's own cmap ({shown})", "glyphs"))
    for name, texts in lost.items():
        shown = ", ".join(t for t, _ in texts.most_common(6))
        warnings.append(page_warning(number, f"{sum(texts.values())} glyph(s) of font {name} are unreadable: the font "
                                             f"has no Unicode mapping for them and no cmap of its own ({shown})",
                                     "glyphs"))
    return warnings


# Numeral glyphs whose ToUnicode points at other characters (seen in the seed issue), by
# what they extract as. Only replaced before a class word, where the bulletin prints Roman
# numerals (Ⅲ급 의료기기, Ⅰ급 신약, Ⅱ형 당뇨).
WRONG_NUMERALS = {"삐": "Ⅲ", "|": "Ⅰ", "||": "Ⅱ", "|||": "Ⅲ", "॥": "Ⅱ", "‖": "Ⅱ", "ǀ": "Ⅰ", "ǁ": "Ⅱ"}
CLASS_WORDS = ("등급", "급", "형", "류")
_MAX_NUMERAL = max(len(k) for k in WRONG_NUMERALS)


def _same_line(a: dict, b: dict) -> bool:
    size = max(a.get("size") or 1.0, b.get("size") or 1.0, 1.0)
    return abs(a["top"] - b["top"]) < 0.5 * size and -0.2 * size < b["x0"] - a["x1"] < 0.8 * size


def _word_start(chars: list[dict], i: int) -> bool:
    """Glyph ``i`` starts a word: nothing letter-like right before it on its line."""
    if i == 0:
        return True
    prev = chars[i - 1]
    if not _same_line(prev, chars[i]) or prev["text"].isspace():
        return True
    return not (prev["text"][-1:].isalnum())


def _word_end(chars: list[dict], i: int) -> bool:
    """Glyph ``i`` ends a word: no Hangul syllable right after it on its line (급 of Ⅰ급 신약,
    not of 급여)."""
    if i + 1 >= len(chars):
        return True
    nxt = chars[i + 1]
    return not (_same_line(chars[i], nxt) and "가" <= nxt["text"][:1] <= "힣")


def fix_numerals(chars: list[dict], number: int) -> tuple[list[dict], list[Diagnostic]]:
    """Replace known wrong numeral mappings before a class word (``삐급`` -> ``Ⅲ급``)."""
    out: list[dict] = []
    done: Counter = Counter()
    i = 0
    while i < len(chars):
        c = chars[i]
        replaced = False
        if c["text"] and c["text"] in "삐|॥‖ǀǁ" and _word_start(chars, i):
            # The run of mapped glyphs (|| is two glyphs), an optional gap or space glyph,
            # then the class word, all on one line.
            j, run = i, ""
            while j < len(chars) and len(run) < _MAX_NUMERAL and chars[j]["text"] and \
                    chars[j]["text"] in "삐|॥‖ǀǁ" and \
                    (j == i or _same_line(chars[j - 1], chars[j])):
                run += chars[j]["text"]
                j += 1
            k = j
            if k < len(chars) and chars[k]["text"].isspace() and _same_line(chars[k - 1], chars[k]):
                k += 1
            follow = chars[k]["text"] if k < len(chars) else ""
            if k + 1 < len(chars) and _same_line(chars[k], chars[k + 1]):
                follow += chars[k + 1]["text"]
            word = next((w for w in CLASS_WORDS if follow.startswith(w)), None)
            if run in WRONG_NUMERALS and word and _same_line(chars[j - 1], chars[k]) and \
                    _word_end(chars, k + len(word) - 1):
                before = run + "".join(ch["text"] for ch in chars[j:k]) + word
                after = WRONG_NUMERALS[run] + word
                # One glyph for the numeral, reaching the class word: the gap the wrong
                # (narrower) glyph left is not a word space.
                first = dict(c, text=WRONG_NUMERALS[run], x1=max(chars[j - 1]["x1"], chars[k]["x0"]))
                out.append(first)
                done[(before, after)] += 1
                i = k  # the gap (space glyph) between numeral and class word is dropped
                replaced = True
        if not replaced:
            out.append(c)
            i += 1
    warnings = [page_warning(number, f"'{a}' → '{b}' ({n}×): a Roman numeral glyph mapped to the wrong character, "
                                     f"read as the numeral before a class word", "glyphs")
                for (a, b), n in done.items()]
    return out, warnings


def repair_page(page, chars: list[dict], number: int, scan_share: float = 0.1,
                annotate: bool = True) -> tuple[list[dict], list[Diagnostic]]:
    """Every glyph-level repair of one page, in order; returns the glyphs and warnings.
    ``annotate=False``: the glyphs already carry their render mode (pdfium read them) and
    no font needs its own tables (pdfium leaves such pages to pdfminer), so pdfminer's
    layout of the page, which annotation reads, is not made."""
    fonts = _annotate(page, chars) if annotate else {}
    chars, warnings = drop_invisible(chars, number, scan_share)
    warnings += recover_unmapped(chars, fonts, number, fonts_read_by_own_tables(page) if fonts else {})
    warnings += map_symbol_glyphs(chars, number)
    left = private_use_warning(chars, number)
    if left:
        warnings.append(left)
    return chars, warnings


_annotate = annotate  # repair_page's keyword of the same name hides the function
