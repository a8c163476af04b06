"""Marks drawn from symbol fonts (Wingdings, Symbol) read as the marks they show."""
from __future__ import annotations

import extract
from extract.symbols import map_symbol_glyphs, private_use_warning


def _glyph(text, font):
    return {"text": text, "fontname": font}


def test_wingdings_bytes_as_latin1_letters_or_private_use_points():
    chars = [_glyph("§", "ABCDEF+Wingdings-Regular"), _glyph("Ÿ", "Wingdings"), _glyph("F", "Wingdings"),
             _glyph("\uf0a7", "Wingdings-Regular"), _glyph("n", "Wingdings"), _glyph("§", "NanumGothic")]
    warnings = map_symbol_glyphs(chars, 3)
    assert [c["text"] for c in chars] == ["▪", "•", "☞", "▪", "■", "§"], \
        "only glyphs of a symbol font are mapped; a § in a text font stays a §"
    assert warnings and str(warnings[0]).startswith("page 3: glyphs of a symbol font") and warnings[0].page == 3


def test_unknown_symbol_bytes_and_private_use_glyphs_are_said():
    chars = [_glyph("\uf0c3", "Wingdings"), _glyph("\uf53a", "HCRBatang"), _glyph("가", "HCRBatang")]
    warnings = map_symbol_glyphs(chars, 1)
    assert [str(w) for w in warnings] == ["page 1: 1 glyph(s) of a symbol font have no known meaning and were kept as "
                                          "printed"]
    assert "2 glyph(s) with no standard character" in private_use_warning(chars, 1).message


def test_hancom_private_use_test_file(corpus):
    """Hancom's own PUA test page prints, beside each symbol, the character it should read as."""
    pdf = corpus / "public" / "hancom" / "rhwp-pua-test-1.3.0.404.pdf"
    text = extract.text(pdf)
    for expected in ("❖", "•", "▪", "➔", "⇩", "☑"):
        assert expected in text
    assert not any(stray in text for stray in ("Ÿ", "þ", "§")), "no Wingdings byte left as a Latin-1 letter"
    out = extract.run(pdf).data
    assert any("no standard character" in w for w in out["warnings"]), "the glyphs lost are said"


def test_private_use_glyphs_of_every_area_are_counted_and_nothing_else():
    chars = [_glyph("\U000f0041", "X"), _glyph("가", "X"), _glyph("", "X"), _glyph(None, "X"), _glyph("\ue001", "X")]
    assert "2 glyph(s) with no standard character" in private_use_warning(chars, 1).message
    assert "U+F0041" in private_use_warning(chars, 1).message
    assert private_use_warning([_glyph("가", "X"), _glyph(None, "X")], 1) is None
