"""Which script a character is written in: one test of each, shared by every stage."""
from __future__ import annotations


def is_hangul(ch: str) -> bool:
    """A precomposed Hangul syllable (가-힣)."""
    return "\uac00" <= ch <= "\ud7a3"


def is_cjk(ch: str) -> bool:
    """A unified CJK ideograph (the basic block or extension A)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def is_kana(ch: str) -> bool:
    """Hiragana or katakana."""
    return "\u3040" <= ch <= "\u30ff"


def is_asian(ch: str) -> bool:
    """Hangul, an ideograph or kana: the scripts set apart from Latin and digits."""
    return is_hangul(ch) or is_cjk(ch) or is_kana(ch)


def starts_asian(text: str) -> bool:
    """``text`` starts with a character of an Asian script (see ``is_asian``)."""
    return bool(text) and is_asian(text[0])


def is_wide(ch: str) -> bool:
    """A full-width glyph that can stand alone in a vertical line: an Asian-script character,
    a Hangul code point up to the block's end or a compatibility ideograph."""
    o = ord(ch)
    return 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF
