"""The pdfium glyph source (extract/pdfium_source.py) gives the load stage what pdfminer's
parse gives it: the same glyphs (text, boxes within a small tolerance, font, size, colour,
render mode), the same ruling lines and rectangles, on PDFs drawn here and on a sample; and
it leaves to pdfminer the pages it cannot read as the repairs need."""
from __future__ import annotations

import pytest

import extract
from extract import repair
from extract.pdfium_source import Fallback, PdfiumDocument
from extract.pdfobjects import parse_objects
from extract.settings import LoadSettings, Settings, SettingsError, load_settings
from helpers import SAMPLES, make_pdf

KO = "HYSMyeongJo-Medium"
#: Boxes agree to this many points (pdfium keeps positions in single precision).
TOLERANCE = 0.1


def both(path, number: int = 1):
    """(pdfminer's objects, pdfium's objects) of page ``number``."""
    import pdfplumber

    repair.install_hooks()
    source = PdfiumDocument(path, None)
    try:
        with pdfplumber.open(str(path)) as pdf:
            page = pdf.pages[number - 1]
            return parse_objects(page), source.read(number - 1, page)
    finally:
        source.close()


def rgb(colour) -> tuple:
    """A colour as RGB fractions (pdfminer keeps the colour space's components)."""
    values = tuple(colour)
    if len(values) == 1:
        return values * 3
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return values


def assert_same_chars(ref: list[dict], got: list[dict], x1_tolerance: float = TOLERANCE) -> None:
    assert [c["text"] for c in got] == [c["text"] for c in ref]
    for r, g in zip(ref, got):
        for key in ("x0", "top", "bottom", "y0", "y1", "size"):
            assert g[key] == pytest.approx(r[key], abs=TOLERANCE), (r["text"], key)
        assert g["x1"] == pytest.approx(r["x1"], abs=x1_tolerance), (r["text"], "x1")
        assert g["fontname"] == r["fontname"]
        assert g["upright"] == r["upright"]
        assert rgb(g["non_stroking_color"]) == pytest.approx(rgb(r["non_stroking_color"]), abs=0.01)
        assert g["matrix"][:4] == pytest.approx(r["matrix"][:4], abs=1e-4)


def assert_same_shapes(ref: dict, got: dict, kinds=("line", "rect", "curve")) -> None:
    for kind in kinds:
        key = lambda o: (round(o["top"]), round(o["x0"]), round(o["bottom"]), round(o["x1"]))  # noqa: E731
        rs, gs = sorted(ref.get(kind, []), key=key), sorted(got.get(kind, []), key=key)
        assert len(gs) == len(rs), kind
        for r, g in zip(rs, gs):
            for k in ("x0", "x1", "top", "bottom"):
                assert g[k] == pytest.approx(r[k], abs=TOLERANCE), (kind, k)
            assert (g["stroke"], g["fill"]) == (r["stroke"], r["fill"])
            if r["stroke"] and r["linewidth"]:  # pdfminer starts at 0 where the spec (and pdfium) says 1
                assert g["linewidth"] == pytest.approx(r["linewidth"], abs=1e-3)
            if r["fill"]:
                assert rgb(g["non_stroking_color"]) == pytest.approx(rgb(r["non_stroking_color"]), abs=0.01)
            if r["stroke"]:
                assert rgb(g["stroking_color"]) == pytest.approx(rgb(r["stroking_color"]), abs=0.01)


def drawing(c):
    c.setFont("Helvetica", 11)
    c.drawString(72, 770, "Plain text, with spaces and (brackets).")
    c.setFont(KO, 12)
    c.drawString(72, 740, "한국 과학기술 동향 2024년 1월")
    c.setFillColorRGB(0.2, 0.3, 0.5)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, 700, "Coloured heading")
    c.setFillColorRGB(0, 0, 0)
    # a ruled table: a shaded header, stroked rules, a dashed line
    c.setFillColorRGB(0.85, 0.85, 0.85)
    c.rect(72, 600, 300, 20, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setStrokeColorRGB(0.1, 0.1, 0.1)
    c.setLineWidth(0.5)
    for y in (620, 600, 580, 560):
        c.line(72, y, 372, y)
    for x in (72, 222, 372):
        c.line(x, 560, x, 620)
    c.setDash(3, 2)
    c.line(72, 540, 372, 540)
    c.setDash()
    c.rect(400, 560, 100, 60, stroke=1, fill=0)
    c.setFont(KO, 10)
    c.drawString(80, 606, "구분")
    c.drawString(230, 606, "내용")
    c.drawString(80, 586, "항목 1")
    c.drawString(230, 586, "123.4")
    # a curve and text scaled by the matrix
    c.bezier(72, 500, 120, 540, 180, 460, 240, 500)
    c.saveState()
    c.translate(300, 480)
    c.scale(1.5, 1.5)
    c.setFont("Times-Roman", 10)
    c.drawString(0, 0, "scaled text")
    c.restoreState()
    c.showPage()


def test_drawn_page_same_chars_and_shapes(tmp_path):
    pdf = make_pdf(tmp_path / "drawn.pdf", drawing)
    ref, got = both(pdf)
    # pdfium's widths of a non-embedded CID font's Latin letters are the substitute font's
    # where no next glyph bounds them (the last of a run): x1 may be that much wider.
    assert_same_chars(ref["char"], got["char"], x1_tolerance=0.6)
    assert_same_shapes(ref, got)
    assert all(c["render_mode"] == 0 for c in got["char"])


def test_turned_page_and_offset_mediabox(tmp_path):
    """/Rotate 90 and a MediaBox that does not start at the origin: the same frame."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject

    src = make_pdf(tmp_path / "plain.pdf", drawing)
    writer = PdfWriter()
    page = PdfReader(str(src)).pages[0]
    page.mediabox = RectangleObject([20, 30, 615, 872])
    page.rotate(90)
    writer.add_page(page)
    out = tmp_path / "turned.pdf"
    with open(out, "wb") as fh:
        writer.write(fh)
    ref, got = both(out)
    assert_same_chars(ref["char"], got["char"], x1_tolerance=0.6)
    assert_same_shapes(ref, got)


def test_sideways_text_matrix(tmp_path):
    """Text drawn turned (no /Rotate): the same matrix, boxes and upright flag."""
    def draw(c):
        c.saveState()
        c.translate(300, 100)
        c.rotate(90)
        c.setFont("Helvetica", 12)
        c.drawString(0, 0, "Running up the page")
        c.restoreState()
        c.showPage()

    ref, got = both(make_pdf(tmp_path / "sideways.pdf", draw))
    assert_same_chars(ref["char"], got["char"])
    assert not any(c["upright"] for c in got["char"])


def test_invisible_text_has_its_render_mode(tmp_path):
    def draw(c):
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "Seen")
        t = c.beginText(72, 650)
        t.setFont("Helvetica", 12)
        t.setTextRenderMode(3)
        t.textOut("Hidden")
        c.drawText(t)
        c.showPage()

    _, got = both(make_pdf(tmp_path / "ocr.pdf", draw))
    modes = {c["text"]: c["render_mode"] for c in got["char"]}
    assert modes["S"] == 0 and modes["H"] == 3


def test_sample_page_same_chars_and_shapes():
    pdf = SAMPLES / "kostec" / "kostec-2023-11-17.weasyprint.pdf"
    for number in (1, 2):
        ref, got = both(pdf, number)
        # x1: the box of a glyph kerned towards the next one ends where the next begins
        # (pdfium's widths are not always the dictionary's; see pdfium_source._chars)
        assert_same_chars(ref["char"], got["char"], x1_tolerance=0.5)
        assert_same_shapes(ref, got)


def test_sample_same_output_with_either_engine():
    pdf = SAMPLES / "kostec" / "kostec-2023-11-17.weasyprint.pdf"
    a = extract.run(pdf, settings=load_settings(assignments=["load.engine=pdfminer"])).data
    b = extract.run(pdf).data  # the default engine
    load = b["provenance"]["load"]
    assert load["engine"] == "pdfium" and load["pages"] == {"pdfium": list(range(1, 10))}
    assert a["provenance"]["load"] == {"engine": "pdfminer", "pages": {"pdfminer": list(range(1, 10))}}
    a.pop("provenance"), b.pop("provenance")
    assert a == b


def test_fallback_to_pdfminer_where_the_repairs_need_it():
    """A font without ToUnicode: pdfium cannot give what repair reads (the glyph ids and
    the font's own cmap), so those pages are read by pdfminer and repaired as before."""
    pdf = SAMPLES / "damaged" / "kostec-2024-01-12.tounicode-removed.pdf"
    with pytest.raises(Fallback, match="without ToUnicode"):
        both(pdf)
    a = extract.run(pdf, settings=load_settings(assignments=["load.engine=pdfminer"])).data
    b = extract.run(pdf, settings=load_settings(assignments=["load.engine=pdfium"])).data
    load = b["provenance"]["load"]
    assert load["pages"] == {"pdfminer": list(range(1, 10))}
    assert all("ToUnicode" in reason for reason in load["fallbacks"].values())
    assert any("own cmap" in w for w in b["warnings"])  # the repair still says what it did
    a.pop("provenance"), b.pop("provenance")
    assert a == b


def test_engine_setting_is_checked():
    assert Settings().load.engine == "pdfium"  # the default since every set scores equal or better with it
    with pytest.raises(ValueError, match="load.engine.*pdfminer, pdfium"):
        LoadSettings(engine="mupdf")
    with pytest.raises(SettingsError, match="load.engine"):
        load_settings(assignments=["load.engine=mupdf"])
    settings = Settings()
    settings.load.engine = "mupdf"  # set after construction: refused when the file is opened
    with pytest.raises(ValueError, match="load.engine"):
        extract.run(SAMPLES / "kostec" / "kostec-2023-11-17.weasyprint.pdf", settings=settings)


def test_handles_pass_as_plain_ints():
    """_Api rebinds pypdfium2's raw functions so that pdfium's handles are ints (no ctypes
    pointer made per call, none cast to key a dict); other argument types stay."""
    import ctypes

    import pypdfium2.raw as raw

    from extract.pdfium_source import _api, _plain

    assert _plain(raw.FPDF_TEXTPAGE) is ctypes.c_void_p and _plain(raw.FPDF_PAGEOBJECT) is ctypes.c_void_p
    assert _plain(ctypes.c_int) is ctypes.c_int
    assert _plain(ctypes.POINTER(ctypes.c_double)) is not ctypes.c_void_p  # out-parameters keep their type
    source = PdfiumDocument(SAMPLES / "kostec" / "kostec-2023-11-17.weasyprint.pdf", None)
    api = _api()
    try:
        page = api.FPDF_LoadPage(source.address, 0)
        text = api.FPDFText_LoadPage(page)
        obj = api.FPDFText_GetTextObject(text, 0)
        assert all(isinstance(h, int) for h in (page, text, obj))
        assert api.FPDFPageObj_GetType(obj) == 1  # a text object, found again by its int
        api.FPDFText_ClosePage(text)
        api.FPDF_ClosePage(page)
    finally:
        source.close()


@pytest.mark.parametrize("name", ["kostec/kostec-2023-08-04.libreoffice.pdf", "kostec-2023-08-04.reportlab.pdf",
                                  "producers/kostec-2023-08-04.chromium.pdf"])
def test_only_spaces_and_line_breaks_are_generated_and_hyphens_are_u0002(name):
    """_chars asks FPDFText_IsGenerated only of spaces and line breaks, FPDFText_IsHyphen
    only of U+0002: what pdfium's text page generates and how it marks a line-end hyphen."""
    from extract.pdfium_source import _GENERATED_CODES, _HYPHEN_MARK, _api

    source = PdfiumDocument(SAMPLES / name, None)
    api = _api()
    try:
        for index in range(source.n_pages):
            page = api.FPDF_LoadPage(source.address, index)
            text = api.FPDFText_LoadPage(page)
            for i in range(api.FPDFText_CountChars(text)):
                code = api.FPDFText_GetUnicode(text, i)
                if api.FPDFText_IsGenerated(text, i):
                    assert code in _GENERATED_CODES
                if api.FPDFText_IsHyphen(text, i):
                    assert code == _HYPHEN_MARK
            api.FPDFText_ClosePage(text)
            api.FPDF_ClosePage(page)
    finally:
        source.close()


def test_line_end_hyphen_is_read_as_printed(tmp_path):
    """pdfium gives a hyphen that ends a line U+0002 (FPDFText_IsHyphen); it is read as the
    hyphen printed there, as pdfminer reads it."""
    def draw(c):
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "The exam-")
        c.drawString(72, 686, "ple goes on here")
        c.showPage()

    ref, got = both(make_pdf(tmp_path / "hyphen.pdf", draw))
    assert "".join(c["text"] for c in got["char"]) == "The exam-ple goes on here"
    assert_same_chars(ref["char"], got["char"])


def test_rules_at_the_decimals_the_stream_wrote(tmp_path):
    """pdfium keeps path points and matrices in single precision (550.95 is 550.9500122);
    they are read back as the decimals the content stream wrote, so that a rule's position
    is pdfminer's to the last bit and a table's box, rounded to 0.1 pt, is the same (a rule
    at 291.05 had come out 291.04999: 291.0 against pdfminer's 291.1)."""
    def draw(c):
        c.saveState()
        c.translate(54, 289.3398)  # reportlab places a table so: '1 0 0 1 54 289.3398 cm'
        c.setLineWidth(0.5)
        for y in (0, 17.5, 261.6102):
            c.line(0, y, 487.2756, y)
        for x in (0, 115.4074, 185.9341, 487.2756):
            c.line(x, 0, x, 261.6102)
        c.rect(0, 0, 487.2756, 17.5, stroke=0, fill=1)
        c.restoreState()
        c.line(72.35, 100.15, 300.45, 100.15)
        c.showPage()

    ref, got = both(make_pdf(tmp_path / "decimals.pdf", draw))
    for kind in ("line", "rect"):
        key = ("x0", "top", "x1", "bottom", "y0", "y1")
        assert sorted(tuple(o[k] for k in key) for o in got[kind]) == \
            sorted(tuple(o[k] for k in key) for o in ref[kind]), kind


def _cmap(mapping: dict[str, str]) -> bytes:
    """A ToUnicode CMap mapping each one-byte code (a letter) of ``mapping`` to its text."""
    lines = "".join(f"<{ord(k):02X}> <{''.join(f'{ord(ch):04X}' for ch in v)}>\n" for k, v in mapping.items())
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /Test def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            f"{len(mapping)} beginbfchar\n{lines}endbfchar\nendcmap CMapName currentdict /CMap defineresource pop "
            "end end\n").encode("ascii")


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _write_pdf(path, content: bytes, fonts: list[bytes], more: list[bytes] = ()):
    """A one-page PDF drawing ``content`` with fonts /F1, /F2 ... (objects 5, 6 ...; the
    objects of ``more`` follow them)."""
    names = " ".join(f"/F{k + 1} {k + 5} 0 R" for k in range(len(fonts))).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << %s >> >> "
               b"/Contents 4 0 R >>" % names, _stream(content), *fonts, *more]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _helvetica_pdf(path, content: bytes, tounicode: dict[str, str]):
    """``content`` drawn with /F1, Helvetica with a ToUnicode CMap that maps each letter of
    ``tounicode`` to its text (as a producer may write one)."""
    return _write_pdf(path, content, [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"],
                      [_stream(_cmap(tounicode))])


def _type3_pdf(path, content: bytes, maps: list[dict[str, str]]):
    """``content`` drawn with /F1, /F2 ...: Type3 fonts without names, of one FontBBox (so
    pdfium cannot tell them apart, as Chromium's CJK fallback fonts), each drawing 'A' and
    'x' as a box, with a ToUnicode CMap of its own (``maps``)."""
    n = len(maps)
    glyph = 5 + n  # the glyph procedure, then the CMaps
    fonts = [b"<< /Type /Font /Subtype /Type3 /FontBBox [0 -200 1000 800] /FontMatrix [0.001 0 0 0.001 0 0] "
             b"/CharProcs << /box %d 0 R >> /Encoding << /Type /Encoding /Differences [65 /box 120 /box] >> "
             b"/FirstChar 65 /LastChar 120 /Widths [1000 %s 1000] /Resources << >> /ToUnicode %d 0 R >>"
             % (glyph, b" ".join(b"0" for _ in range(120 - 65 - 1)), glyph + 1 + k) for k in range(n)]
    return _write_pdf(path, content, fonts, [_stream(b"1000 0 0 -200 1000 800 d1 100 0 800 700 re f")]
                      + [_stream(_cmap(m)) for m in maps])


#: 'A' in a span whose ActualText is 人 (U+4EBA), as Chromium writes a glyph whose
#: ToUnicode names a Kangxi radical (here ⼈ U+2F08)
_RADICAL_IN_SPAN = (b"BT /F1 12 Tf 72 770 Td (KOSTEC Bulletin) Tj ET\n"
                    b"BT /F1 12 Tf 72 740 Td (B) Tj /Span << /ActualText <FEFF4EBA> >> BDC (A) Tj EMC (x) Tj ET\n")


def _both_outputs(pdf) -> tuple[dict, dict]:
    return (extract.run(pdf, settings=load_settings(assignments=["load.engine=pdfminer"])).data,
            extract.run(pdf, settings=load_settings(assignments=["load.engine=pdfium"])).data)


def test_actual_text_ideograph_read_as_pdfminer_reads_it(tmp_path):
    """A ToUnicode naming a Kangxi radical for a glyph in an ActualText span: pdfium's text
    page gives the ActualText (人), pdfminer the radical, which the load stage maps to 人
    with a warning. The pdfium source gives the glyph back the radical: the page is read
    by pdfium and the output, warning included, is pdfminer's."""
    pdf = _helvetica_pdf(tmp_path / "radical.pdf", _RADICAL_IN_SPAN, {"A": "\u2f08"})
    ref, got = both(pdf)
    assert "\u2f08" in [c["text"] for c in ref["char"]]
    assert [c["text"] for c in got["char"]] == [c["text"] for c in ref["char"]]
    a, b = _both_outputs(pdf)
    assert b["provenance"]["load"]["pages"] == {"pdfium": [1]}
    assert any("compatibility code points" in w for w in b["warnings"])
    a.pop("provenance"), b.pop("provenance")
    assert a == b


def test_actual_text_ideograph_its_map_also_names_falls_back(tmp_path):
    """The same map naming 人 itself for another code: the glyph pdfium gives as 人 from the
    span could be either code, so the page is read by pdfminer, with the reason; without
    the span there is no doubt and pdfium reads it."""
    mapping = {"A": "\u2f08", "x": "人"}
    pdf = _helvetica_pdf(tmp_path / "radical.pdf", _RADICAL_IN_SPAN, mapping)
    with pytest.raises(Fallback, match="ActualText ideograph"):
        both(pdf)
    a, b = _both_outputs(pdf)
    assert b["provenance"]["load"]["pages"] == {"pdfminer": [1]}
    a.pop("provenance"), b.pop("provenance")
    assert a == b
    plain = _helvetica_pdf(tmp_path / "plain.pdf", _RADICAL_IN_SPAN.replace(b"/Span << /ActualText <FEFF4EBA> >> BDC ",
                                                                             b"").replace(b" EMC", b""), mapping)
    ref, got = both(plain)
    assert [c["text"] for c in got["char"]] == [c["text"] for c in ref["char"]]


def test_glyph_whose_ink_overhangs_its_advance(tmp_path):
    """An italic 'f' before a gap that a TJ offset makes (TeX sets words so, without space
    glyphs): pdfium's loose box ends where the ink does, past the advance, and the gap to
    the next word shrank ('no. ofcorrect' in ICDAR eu-026). The font's width is the
    advance there, as pdfminer reads it; a ligature keeps its own box."""
    from extract.glyphs.lines import chars_to_lines

    def draw(c):
        t = c.beginText(72, 700)
        t.setFont("Helvetica-Oblique", 12)
        t._code.append("[(no. of) -250 (correct answers) -250 (of) -250 (all staff)] TJ")
        c.drawText(t)
        t = c.beginText(72, 650)
        t.setFont("Times-Roman", 12)
        t._code.append("[(chief) -250 (of) -250 (staff)] TJ")
        c.drawText(t)
        c.showPage()

    ref, got = both(make_pdf(tmp_path / "overhang.pdf", draw))
    assert_same_chars(ref["char"], got["char"])
    layout = Settings().layout
    assert [ln.text for ln in chars_to_lines(got["char"], 1, layout)] == \
        [ln.text for ln in chars_to_lines(ref["char"], 1, layout)] == \
        ["no. of correct answers of all staff", "chief of staff"]


def test_fonts_pdfium_cannot_tell_apart_differing_in_compatibility_code_points(tmp_path):
    """Two Type3 fonts of one FontBBox and no name (pdfium's font handle cannot say which
    is which), one naming ⻬ (a CJK radical standing for 齐) for 'A' in an ActualText span:
    read as one font naming it, the glyph gets ⻬ back and the output is pdfminer's; where
    the other names 齐 itself, the page falls back to pdfminer."""
    content = (b"BT /F1 12 Tf 72 740 Td (x) Tj /Span << /ActualText <FEFF9F50> >> BDC (A) Tj EMC ET\n"
               b"BT /F2 12 Tf 72 700 Td (xA) Tj ET\n")
    pdf = _type3_pdf(tmp_path / "type3.pdf", content, [{"A": "\u2eec", "x": "x"}, {"A": "y", "x": "x"}])
    ref, got = both(pdf)
    assert "\u2eec" in [c["text"] for c in ref["char"]]
    assert [c["text"] for c in got["char"]] == [c["text"] for c in ref["char"]]
    a, b = _both_outputs(pdf)
    assert b["provenance"]["load"]["pages"] == {"pdfium": [1]}
    a.pop("provenance"), b.pop("provenance")
    assert a == b
    pdf = _type3_pdf(tmp_path / "both.pdf", content, [{"A": "\u2eec", "x": "x"}, {"A": "齐", "x": "x"}])
    with pytest.raises(Fallback, match="ActualText ideograph"):
        both(pdf)


def test_baselines_at_the_decimals_the_stream_wrote(tmp_path):
    """pdfium gives a glyph's origin in single precision (772.189 is 772.18903): the
    baseline is read back as the decimal the stream wrote, so that glyphs of one line are
    where pdfminer puts them to the bit (3e-5 pt changed how a LibreOffice page's rows
    grouped, and an article of the second template lost five bullets)."""
    content = (b"BT /F1 10.5 Tf 58.7 772.189 Td (Heading at a decimal baseline) Tj ET\n"
               b"BT /F1 10.5 Tf 103.3 758.0415 Td (and the next line) Tj ET\n")
    ref, got = both(_helvetica_pdf(tmp_path / "baseline.pdf", content, {}))
    for key in ("top", "bottom", "y0", "y1", "doctop"):
        assert [c[key] for c in got["char"]] == [c[key] for c in ref["char"]], key


def test_kerned_glyph_keeps_its_advance(tmp_path):
    """A TJ offset that moves the next glyph back into the box of the one before (kerning,
    as LibreOffice sets Hangul): the box still spans the font's width, as pdfminer's does;
    the next glyph's start is not the advance where pdfium's box is the font's width."""
    content = b"BT /F1 12 Tf 72 700 Td [(A) 80 (V) 60 (A) 120 (W)] TJ ET\n"
    ref, got = both(_helvetica_pdf(tmp_path / "kerned.pdf", content, {}))
    assert_same_chars(ref["char"], got["char"])


def test_trailing_space_the_text_page_left_out_is_put_back(tmp_path):
    """pdfium's text page deletes a space that ends a text object before the next one
    ('[( ) -5000 ( )] TJ', as LibreOffice writes spaces; a line's last space decides how
    it joins the next): seen by the object's bounds, which reach to the space's origin past
    the glyphs it gave, the space is put back there with the font's width, as pdfminer
    reads it; a gap narrower than a space (character spacing) is not one."""
    content = (b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET\n"
               b"BT /F1 12 Tf 101 700 Td [( ) -5000 ( )] TJ ET\n"
               b"BT /F1 12 Tf 164.3 700 Td (World) Tj ET\n"
               b"BT /F1 12 Tf 2 Tc 72 650 Td (Spaced) Tj ET\n")
    pdf = _helvetica_pdf(tmp_path / "spaces.pdf", content, {})
    ref, got = both(pdf)
    assert [c["text"] for c in ref["char"]].count(" ") == 2
    assert_same_chars(ref["char"], got["char"])
    a, b = _both_outputs(pdf)
    assert b["provenance"]["load"]["pages"] == {"pdfium": [1]}
    a.pop("provenance"), b.pop("provenance")
    assert a == b


def test_line_end_hyphen_named_by_the_tounicode(tmp_path):
    """pdfium marks a hyphen ending a line without saying which code it was; where the
    font's ToUnicode names '-' and not U+00AD it was '-', whatever the widths say (here
    pdfium finds the width of '-' by the other code the map gives '-', '=', wider than the
    printed hyphen: it was read as a soft hyphen, a URL at a line end lost its '-')."""
    content = (b"BT /F1 12 Tf 72 700 Td (The exam-) Tj ET\n"
               b"BT /F1 12 Tf 72 686 Td (ple goes on) Tj ET\n")
    ref, got = both(_helvetica_pdf(tmp_path / "hyphen.pdf", content, {"-": "-", "=": "-"}))
    assert "".join(c["text"] for c in got["char"]) == "".join(c["text"] for c in ref["char"]) == \
        "The exam-ple goes on"


def _fractional_widths_pdf(path, content: bytes, widths: dict[str, float], tounicode: dict[str, str]):
    """``content`` drawn with /F1, a TrueType font not embedded (pdfium substitutes one, and
    takes the widths from /Widths) whose widths are those of ``widths`` (thousandths of an
    em, fractional as Chromium writes them), 500 for other codes, with a ToUnicode map."""
    ws = b" ".join(b"%g" % widths.get(chr(code), 500) for code in range(32, 123))
    font = (b"<< /Type /Font /Subtype /TrueType /BaseFont /TestSans /FirstChar 32 /LastChar 122 /Widths [%s] "
            b"/FontDescriptor 7 0 R /ToUnicode 6 0 R >>" % ws)
    descriptor = (b"<< /Type /FontDescriptor /FontName /TestSans /Flags 32 /Ascent 900 /Descent -200 "
                  b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /StemV 80 /CapHeight 700 >>")
    return _write_pdf(path, content, [font], [_stream(_cmap(tounicode)), descriptor])


def test_fractional_widths_are_the_advances_pdfminer_reads(tmp_path):
    """pdfium keeps a font's widths as whole thousandths of an em (it truncates /W and
    /Widths), so a Chromium font's glyph boxes ended up to 0.01 pt short of pdfminer's. On
    h3 r59-0003 p4 a word gap after '.' (273.4375, read as 273) then measured 2.72930 pt
    against the stream table's column-gap threshold of 0.3 em = 2.72925 (2.72532 with
    pdfminer's box): two more column gaps, and the table part was not stitched. Here each
    glyph is set by its own Td, as Chromium sets them, and 'b' (556.9) ends a word 2.995 pt
    (0.2995 em) before the next: the boxes are pdfminer's to 1e-4 pt and the column finder
    sees no gap with either engine. 'c' and 'd' (556.2, 556.7) both truncate to 556: the
    ToUnicode map tells which width is whose."""
    from extract.tables.stream import _projection_gaps, text_rows

    widths = {" ": 277.83203, "a": 667.48047, "b": 556.9, "c": 556.2, "d": 556.7}
    lines = []
    for k in range(3):
        x, cmds = 72.0, []
        for ch in "ab":
            cmds.append(b"1 0 0 1 %.5f %d Tm (%s) Tj" % (x, 700 - 14 * k, ch.encode()))
            x += widths[ch] * 10 / 1000
        cmds.append(b"1 0 0 1 %.5f %d Tm ( ) Tj" % (x, 700 - 14 * k))
        x += 2.995
        for ch in "cd":
            cmds.append(b"1 0 0 1 %.5f %d Tm (%s) Tj" % (x, 700 - 14 * k, ch.encode()))
            x += widths[ch] * 10 / 1000
        lines.append(b"BT /F1 10 Tf " + b" ".join(cmds) + b" ET")
    pdf = _fractional_widths_pdf(tmp_path / "widths.pdf", b"\n".join(lines) + b"\n", widths,
                                 {ch: ch for ch in " abcd"})
    ref, got = both(pdf)
    assert [c["text"] for c in ref["char"]] == list("ab cd" * 3)
    assert_same_chars(ref["char"], got["char"], x1_tolerance=1e-4)
    layout = Settings().layout
    gaps = [_projection_gaps(text_rows(chars, layout.word_gap_ratio, 1.0, layout), 0.3)
            for chars in (ref["char"], got["char"])]
    assert gaps[0] == gaps[1] == []


def test_fractional_widths_pdfium_cannot_tell_apart_fall_back(tmp_path):
    """Two codes the ToUnicode map gives one text, of widths that both truncate to 556:
    which width a glyph has is not known from what pdfium says, so the page is read by
    pdfminer, with the reason; a whole width (the space's) needs nothing."""
    widths = {"c": 556.2, "d": 556.7}
    pdf = _fractional_widths_pdf(tmp_path / "widths.pdf", b"BT /F1 10 Tf 72 700 Td (c d) Tj ET\n", widths,
                                 {" ": " ", "c": "c", "d": "c"})
    with pytest.raises(Fallback, match="two widths"):
        both(pdf)
    a, b = _both_outputs(pdf)
    assert b["provenance"]["load"]["pages"] == {"pdfminer": [1]}
    a.pop("provenance"), b.pop("provenance")
    assert a == b


def test_fractional_widths_in_one_string_do_not_drift(tmp_path):
    """Glyphs of one string (a TJ with a kern): pdfium moves the pen by its whole widths,
    so each next glyph stood short of pdfminer's by what the widths before it lost (0.07
    pt after ten glyphs here); they stand where pdfminer puts them."""
    widths = {" ": 277.83203, "a": 667.48047, "b": 556.9, "c": 556.2, "d": 556.7}
    content = b"BT /F1 10 Tf 72 700 Td [(abcd abcd) -120 (dcba)] TJ ET\n"
    ref, got = both(_fractional_widths_pdf(tmp_path / "drift.pdf", content, widths, {ch: ch for ch in " abcd"}))
    assert "".join(c["text"] for c in ref["char"]) == "abcd abcddcba"
    for key in ("x0", "x1"):
        assert [g[key] for g in got["char"]] == pytest.approx([r[key] for r in ref["char"]], abs=1e-4), key
