"""Marks drawn from symbol fonts, read as the marks they show.

Hancom Office and Word draw many bullets and reference marks from Wingdings or Symbol:
the PDF then names the glyph by its byte in that font, as a Latin-1 letter (Wingdings
``§`` is ``▪``, ``Ÿ`` is ``•``, ``F`` is ``☞``) or as a Private Use Area code point
(U+F0A7). Read as printed, a bulletin's leads and references lose their marks and gain a
stray letter. Glyphs whose font's name says Wingdings or Symbol are mapped here; a byte
with no mark in the table is left as it is and counted, so the output says so.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .diagnostics import Diagnostic, page_warning

SYMBOL_FONT = re.compile(r"wingding|webding|symbol", re.I)


@lru_cache(maxsize=1024)
def symbol_font(name: str) -> bool:
    """Is the font a symbol font, by its name? (asked once per name: every glyph asks)"""
    return SYMBOL_FONT.search(name) is not None

#: Private Use Area code points (the BMP's and planes 15-16).
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")

#: Wingdings byte -> the mark it shows (the marks bulletins use as bullets, leads and
#: pointers; Microsoft's Wingdings chart).
WINGDINGS = {
    0x21: "✏", 0x22: "✂", 0x26: "🕮", 0x2A: "✉", 0x3E: "✇", 0x41: "✌", 0x43: "👍", 0x44: "👎",
    0x45: "☜", 0x46: "☞", 0x47: "☝", 0x48: "☟", 0x4A: "☺", 0x4C: "☹", 0x4E: "☠", 0x4F: "⚐",
    0x51: "✈", 0x52: "☼", 0x54: "❄", 0x56: "✞", 0x58: "✠", 0x59: "✡", 0x5A: "☪", 0x5B: "☯",
    0x5C: "ॐ", 0x5D: "☸", 0x6C: "●", 0x6D: "❍", 0x6E: "■", 0x6F: "□", 0x70: "◻", 0x71: "❑",
    0x72: "❒", 0x73: "⬧", 0x74: "⧫", 0x75: "◆", 0x76: "❖", 0x77: "⬥", 0x78: "⌧", 0x79: "⍓",
    0x7A: "⌘", 0x7B: "❀", 0x7C: "✿", 0x7D: "❝", 0x7E: "❞", 0x9E: "·", 0x9F: "•", 0xA0: "▪",
    0xA1: "○", 0xA2: "⭕", 0xA4: "◉", 0xA5: "◎", 0xA7: "▪", 0xA8: "◻", 0xAA: "✦", 0xAB: "★",
    0xAC: "✶", 0xAD: "✴", 0xAE: "✹", 0xAF: "✵", 0xD5: "⌫", 0xD6: "⌦", 0xD8: "➢", 0xDF: "🡐",
    0xE0: "🡒", 0xE1: "🡑", 0xE2: "🡓", 0xE8: "➔", 0xEF: "⇦", 0xF0: "⇨", 0xF1: "⇧", 0xF2: "⇩",
    0xF3: "⬄", 0xF4: "⇳", 0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑",
}
#: Symbol byte -> its character (the Greek letters and the marks bulletins use).
SYMBOL = {0xB7: "•", 0xD8: "¬", 0xAE: "→", 0xDE: "⇒", 0xA8: "♣", 0xA9: "♦", 0xAA: "♥", 0xAB: "♠",
          0xB0: "°", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xE0: "◊", 0x2A: "∗", 0x2D: "−"}


def _byte(text: str) -> int | None:
    """The font byte a symbol glyph's text stands for: a Private Use Area code point
    (U+F0xx), or a Latin-1/Windows-1252 character."""
    if len(text) != 1:
        return None
    code = ord(text)
    if 0xF020 <= code <= 0xF0FF:
        return code - 0xF000
    try:
        return text.encode("cp1252")[0]
    except UnicodeEncodeError:
        return None


def map_symbol_glyphs(chars: list[dict], number: int) -> list[Diagnostic]:
    """Read glyphs of Wingdings/Symbol fonts as the marks they show, in place; the
    warnings say how many, and how many could not be mapped."""
    mapped: dict[str, str] = {}
    unknown = 0
    for c in chars:
        font = c.get("fontname") or ""
        if not symbol_font(font) or not c["text"] or (c["text"].isspace() and c["text"] != "\xa0"):
            continue
        byte = _byte(c["text"])
        table = SYMBOL if "symbol" in font.lower() else WINGDINGS
        mark = table.get(byte) if byte is not None else None
        if mark is None:
            unknown += 1
            continue
        if mark != c["text"]:
            mapped[c["text"]] = mark
            c["text"] = mark
    warnings = []
    if mapped:
        shown = ", ".join(f"{a}→{b}" for a, b in sorted(mapped.items())[:8])
        warnings.append(page_warning(number, f"glyphs of a symbol font (Wingdings/Symbol) read as the marks they "
                                             f"show ({shown})", "glyphs"))
    if unknown:
        warnings.append(page_warning(number, f"{unknown} glyph(s) of a symbol font have no known meaning and were "
                                             f"kept as printed", "glyphs"))
    return warnings


def private_use_warning(chars: list[dict], number: int) -> Diagnostic | None:
    """Glyphs left in the Private Use Area (a font's own code points, no standard meaning):
    their text is lost; say how many."""
    if not PRIVATE_USE.search("".join(c["text"] or "" for c in chars)):
        return None  # the common case, one search over the page's text instead of a test per glyph
    left = [c for c in chars if c["text"] and PRIVATE_USE.search(c["text"])]
    if not left:
        return None
    return page_warning(number, f"{len(left)} glyph(s) with no standard character (Private Use Area code points, "
                                f"e.g. U+{ord(left[0]['text'][0]):04X}) could not be read", "glyphs")
