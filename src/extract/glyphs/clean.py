"""Glyph text as the reader means it, and overprinted duplicates dropped.

Both run on a page's raw glyph dicts before anything groups them (the load stage)."""
from __future__ import annotations

import unicodedata

# Code points that fonts' ToUnicode maps point at instead of the ideograph the reader sees:
# Kangxi radicals (⼼ for 心), CJK radicals supplement, CJK compatibility ideographs, and
# half-width Hangul letters. Their compatibility decomposition is the intended character.
_COMPAT_RANGES = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F), (0xFFA0, 0xFFDC))


# CJK Radicals Supplement forms that stand for whole characters but have no compatibility
# decomposition in Unicode (fonts such as Noto CJK map 贝 to ⻉): from the character names
# ("C-SIMPLIFIED SHELL" is 贝), written out by hand.
_RADICAL_CHARACTERS = dict(zip(
    "⺠⺩⺝⻁⻄⻅⻆⻉⻋⻐⻑⻓⻔⻘⻙⻚⻛⻜⻝⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲",
    "民王月虎西见角贝车钅長长门青韦页风飞食饣马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀"))


# Rare ideographs (CJK extensions A and B) that common CJK fonts draw with the very glyph of
# a common one, so that a producer writing the font's ToUnicode map may name the rare one
# (Chromium prints 胶 from Noto Sans CJK as 㬵). Found by listing the code points that share
# a glyph in the cmaps of Noto Sans CJK (JP/KR/SC/TC/HK) and the Nanum fonts.
_SHARED_GLYPH_CHARACTERS = dict(zip("㫚㬵㬺㮣䲤𣟱𤨁𨓜", "曶胶幐槩鿐櫸瑨逸"))


# Code points that are canonically the same character as another (NFC maps each to that
# one): a producer's ToUnicode may name either, and the text must not depend on which
# (Chromium names Noto's angle bracket U+2329 where the text has U+3008, and a caption's
# 〈 then went unseen). Hangul and the compatibility ideographs are left to their own rules.
_CANONICAL_SINGLETONS = {
    chr(o): unicodedata.normalize("NFC", chr(o)) for o in range(0x0300, 0xF900)
    if not 0xAC00 <= o <= 0xD7A3 and len(unicodedata.normalize("NFC", chr(o))) == 1
    and unicodedata.normalize("NFC", chr(o)) != chr(o)}


# Latin ligatures (U+FB00-FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ), which a producer's ToUnicode may name for the
# one glyph a font draws for two or three letters (Chromium does): the reader reads the
# letters, and a search for "first" must find "ﬁrst".
_LATIN_LIGATURES = {chr(o): unicodedata.normalize("NFKC", chr(o)) for o in range(0xFB00, 0xFB07)}


def _compat(ch: str) -> bool:
    o = ord(ch)
    # Most glyphs (Latin, Hangul, unified ideographs) fall in none of the ranges: test the
    # gaps between them first, without a loop.
    if o < 0x2E80 or 0x2FDF < o < 0xF900 or 0xFAFF < o < 0xFFA0:
        return False
    return any(lo <= o <= hi for lo, hi in _COMPAT_RANGES)


def clean_glyph_text(chars: list[dict]) -> list[tuple[str, str]]:
    """Glyph text as the reader means it, changed in place; returns the repairs made.

    Some producers map the space glyph to a control character (Chromium's fonts give
    U+0001): such a glyph is a space. Ideographs mapped to compatibility code points are
    mapped to the unified ideograph (NFKC, for those blocks only: NFKC elsewhere would turn
    Ⅰ into I). A code point canonically equal to another (U+2329 and U+3008 are both 〈)
    becomes its NFC form, and a Latin ligature (ﬁ) the letters it joins.
    """
    repairs = []
    for c in chars:
        t = c["text"]
        if not t or len(t) != 1:
            continue
        o = ord(t)
        if (o < 0x20 or 0x7F <= o <= 0x9F) and t != "\n":  # control characters (category Cc)
            c["text"] = " "
        elif _compat(t):
            fixed = _RADICAL_CHARACTERS.get(t) or unicodedata.normalize("NFKC", t)
            if fixed != t:
                c["text"] = fixed
                repairs.append((t, fixed))
        elif 0x3400 <= o and t in _SHARED_GLYPH_CHARACTERS:
            c["text"] = _SHARED_GLYPH_CHARACTERS[t]
            repairs.append((t, c["text"]))
        elif t in _CANONICAL_SINGLETONS:
            c["text"] = _CANONICAL_SINGLETONS[t]  # the same character: no repair to report
        elif t in _LATIN_LIGATURES:
            c["text"] = _LATIN_LIGATURES[t]  # the same letters: no repair to report
    return repairs


def dedupe_chars(chars: list[dict], tolerance: float) -> list[dict]:
    """Drop overprinted duplicates (fake bold, a text layer drawn twice): a glyph with the
    same text, font and size as an earlier one within ``tolerance`` points, and less than
    half its own width to the side (a narrow glyph repeated, the "ll" of a condensed font,
    sits a full advance away: a neighbour, not an overprint). Linear time, by looking up
    the neighbouring cells of a grid of that size."""
    tol = max(tolerance, 0.01)
    # Grid cells as one integer (x cell * STRIDE + y cell) per glyph kind: nine integer
    # lookups per glyph instead of nine tuples built and hashed (this ran at 5 µs a glyph);
    # only when a neighbouring cell holds a glyph of the same kind are the positions compared.
    stride = 1 << 24
    seen: dict[tuple, dict[int, list[tuple[float, float]]]] = {}
    out = []
    sizes: dict[float, float] = {}  # size -> round(size, 1): one round() per size, not per glyph
    for c in chars:
        size = c.get("size", 0)
        rounded = sizes.get(size)
        if rounded is None:
            rounded = round(size, 1)
            if size == size:  # (not NaN: a NaN's rounding is a new object each time, as before)
                sizes[size] = rounded
        base = (c["text"], c.get("fontname"), rounded)
        x, y = c["x0"], c["top"]
        key = round(x / tol) * stride + round(y / tol)
        cells = seen.get(base)
        if cells is None:
            seen[base] = {key: [(x, y)]}
            out.append(c)
            continue
        left, right = key - stride, key + stride
        if (key in cells or key - 1 in cells or key + 1 in cells or left in cells or left - 1 in cells
                or left + 1 in cells or right in cells or right - 1 in cells or right + 1 in cells):
            near = [cells[k] for k in (left - 1, left, left + 1, key - 1, key, key + 1, right - 1, right, right + 1)
                    if k in cells]
            reach = min(tol, 0.5 * (c["x1"] - c["x0"])) if c["x1"] > c["x0"] else tol
            if any(abs(px - x) <= reach and abs(py - y) <= tol for found in near for px, py in found):
                continue
        cells.setdefault(key, []).append((x, y))
        out.append(c)
    return out
