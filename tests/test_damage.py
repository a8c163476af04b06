"""Damaged PDFs (samples/damaged/, made by samples/make_damaged.py from clean samples) score
as their clean PDF does, and every repair is reported in the warnings with its page."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import SAMPLES, load_json, shared_scorer

DAMAGED = SAMPLES / "damaged"
#: Which clean sample each damaged file was made from (see samples/make_damaged.py).
BASES = {
    "tounicode-wrong": SAMPLES / "producers" / "kostec-2024-01-12.chromium.pdf",
    "tounicode-removed": SAMPLES / "producers" / "kostec-2024-01-12.chromium.pdf",
    "tounicode-partial": SAMPLES / "producers" / "kostec-2024-01-12.chromium.pdf",
}
DEFAULT_BASE = SAMPLES / "kostec-2024-01-12.reportlab.pdf"
PDFS = sorted(DAMAGED.glob("*.pdf"))


def damage_of(pdf: Path) -> str:
    return pdf.stem.rsplit(".", 1)[-1]


def base_of(pdf: Path) -> Path:
    return BASES.get(damage_of(pdf), DEFAULT_BASE)


def score_lines(score: dict) -> dict[str, object]:
    """The scorer's report flattened to one value per line (``articles.lead``,
    ``tables.f1``, ``tables[2].records.exact`` ...)."""
    out: dict[str, object] = {}

    def walk(prefix: str, value):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else k, v)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, v in enumerate(value):
                walk(f"{prefix}[{i}]", {k: x for k, x in v.items() if k not in ("truth", "found")})
        else:
            out[prefix] = value
    walk("", score)
    return out


def within_one_point(clean, damaged) -> bool:
    """0.01 for fractions and F1s, one count for 'n/m' figures, equality otherwise."""
    if isinstance(clean, bool) or clean is None or isinstance(clean, list):
        return clean == damaged
    if isinstance(clean, (int, float)):
        return isinstance(damaged, (int, float)) and abs(clean - damaged) <= 0.01 + 1e-9
    if isinstance(clean, str):
        a, b = [int(x) for x in re.findall(r"\d+", clean)], [int(x) for x in re.findall(r"\d+", damaged or "")]
        return len(a) == len(b) and all(abs(x - y) <= 1 for x, y in zip(a, b))
    return clean == damaged


def test_there_is_a_damaged_set():
    kinds = {damage_of(p) for p in PDFS}
    assert {"tounicode-wrong", "tounicode-removed", "tounicode-partial", "tounicode-by-code", "ocr-layer", "fake-bold",
            "rotated", "running-header", "no-spaces"} <= kinds, "run 'make damaged'"
    for pdf in PDFS:
        truth = load_json(pdf.with_suffix(".truth.json"))
        clean = load_json(base_of(pdf).with_suffix(".truth.json"))
        truth["source"], clean["source"] = truth["source"]["pages"], clean["source"]["pages"]
        assert truth == clean, f"{pdf.name}: its truth is not the clean sample's"


@pytest.mark.parametrize("pdf", PDFS, ids=[damage_of(p) for p in PDFS])
def test_damaged_scores_as_the_clean_pdf(pdf, run_cache):
    score = shared_scorer().score_bulletin
    truth = load_json(pdf.with_suffix(".truth.json"))
    clean = score_lines(score(run_cache(base_of(pdf)).data, truth))
    damaged = score_lines(score(run_cache(pdf).data, truth))
    worse = [f"{k}: {clean[k]} -> {damaged.get(k)}" for k in clean if not within_one_point(clean[k], damaged.get(k))]
    assert not worse, f"{pdf.name} scores worse than {base_of(pdf).name}:\n  " + "\n  ".join(worse)


#: What each damage must leave in the warnings: a page and, for text repairs, before -> after.
EXPECTED_WARNINGS = {
    "tounicode-wrong": [r"page \d+: .*삐급.*→.*Ⅲ급", r"page \d+: .*\| ?급.*→.*Ⅰ급", r"page \d+: .*font's own cmap"],
    "tounicode-removed": [r"page \d+: .*no ToUnicode"],
    "tounicode-partial": [r"page \d+: .*\(cid:\d+\)' → '[가-힣]'"],
    "tounicode-by-code": [r"page \d+: .*\(cid:\d+\)' → '[가-힣]'"],
    "ocr-layer": [r"page 2: .*invisible"],
    "fake-bold": [r"page \d+: .*overprinted"],
    "rotated": [r"page 5: .*rotated"],
    "running-header": [],
    "no-spaces": [r"page \d+: .*no space"],
}


@pytest.mark.parametrize("pdf", PDFS, ids=[damage_of(p) for p in PDFS])
def test_repairs_are_reported_with_page(pdf, run_cache):
    warnings = run_cache(pdf).warnings
    for pattern in EXPECTED_WARNINGS.get(damage_of(pdf), []):
        assert any(re.search(pattern, w) for w in warnings), \
            f"{pdf.name}: no warning matches {pattern!r}:\n  " + "\n  ".join(warnings)


TEXT_SAME = [p for p in PDFS if damage_of(p) != "running-header"]


@pytest.mark.parametrize("pdf", TEXT_SAME, ids=[damage_of(p) for p in TEXT_SAME])
def test_text_reads_as_the_clean_pdf(pdf):
    """extract.text of a damaged PDF is the clean PDF's text, line for line."""
    import extract

    assert extract.text(pdf) == extract.text(base_of(pdf))


def _glyphs(text: str, size: float = 10.0, top: float = 100.0) -> list[dict]:
    """Glyph dicts of one line of text, one em per glyph (a space: half an em)."""
    out, x = [], 50.0
    for ch in text:
        w = size / 2 if ch.isspace() or ch == "|" else size
        out.append({"text": ch, "x0": x, "x1": x + w, "top": top, "bottom": top + size, "size": size,
                    "fontname": "F"})
        x += w
    return out


@pytest.mark.parametrize("printed, expected", [
    ("9종과 삐급 혁신", "9종과 Ⅲ급 혁신"),
    ("9종의 | 급 신약", "9종의 Ⅰ급 신약"),
    ("(||급)", "(Ⅱ급)"),
    ("제॥형 당뇨병", "제॥형 당뇨병"),      # 제 before it: not at a word start
    ("॥형 당뇨병", "Ⅱ형 당뇨병"),
    ("구분 | 급여", "구분 | 급여"),        # 급여 (salary) is a word, not a class
    ("삐삐 소리", "삐삐 소리"),
    ("A|B급", "A|B급"),
])
def test_numeral_repairs_need_their_context(printed, expected):
    from extract.repair import fix_numerals

    chars, warnings = fix_numerals(_glyphs(printed), 3)
    assert "".join(c["text"] for c in chars) == expected
    assert bool(warnings) == (printed != expected)
    for w in warnings:
        assert w.page == 3 and w.code == "glyphs" and str(w).startswith("page 3: ") and "→" in w.message


@pytest.mark.parametrize("printed, expected", [
    ("心", "心"),
    ("⼼理", "心理"),            # a Kangxi radical (compatibility decomposition)
    ("⻉壳", "贝壳"),            # a radicals-supplement form with no decomposition
    ("三七通舒㬵囊", "三七通舒胶囊"),  # a rare ideograph drawing the same glyph as 胶
    ("Ⅱ형", "Ⅱ형"),              # NFKC would make it "II"
])
def test_ideographs_named_by_their_variants_are_read_as_shown(printed, expected):
    from extract.glyphs.clean import clean_glyph_text

    chars = _glyphs(printed)
    repairs = clean_glyph_text(chars)
    assert "".join(c["text"] for c in chars) == expected
    assert bool(repairs) == (printed != expected)


def test_a_code_point_canonically_equal_to_another_is_read_as_it():
    # Chromium names Noto's angle brackets U+2329/U+232A, canonically U+3008/U+3009: a
    # caption "〈...〉" must be seen whichever the producer chose. The same character, so no
    # repair is reported.
    from extract.glyphs.clean import clean_glyph_text

    chars = _glyphs("\u2329지역별 현황\u232a")
    assert clean_glyph_text(chars) == []
    assert "".join(c["text"] for c in chars) == "〈지역별 현황〉"


def test_a_latin_ligature_is_read_as_its_letters():
    # Chromium names the one glyph a font draws for "fi" U+FB01: a cell "AI-ﬁrst" must
    # read "AI-first", as a reader (and a search) takes it. The same letters: no repair.
    from extract.glyphs.clean import clean_glyph_text

    chars = _glyphs("AI-\ufb01rst \ufb02ow e\ufb03cient")
    assert clean_glyph_text(chars) == []
    assert "".join(c["text"] for c in chars) == "AI-first flow efficient"


@pytest.mark.parametrize("angle", [90, 270])
def test_sideways_page_reads_in_its_own_direction(tmp_path, angle):
    """A landscape page stored sideways without /Rotate: its lines read as printed."""
    import extract
    from helpers import KO, make_pdf, turn_sideways

    def draw(c):
        y = turn_sideways(c, angle)
        c.setFont(KO, 12)
        c.drawString(60, y, "가로로 놓인 쪽의 첫째 줄")
        c.drawString(60, y - 20, "둘째 줄 Ⅰ급 신약")
        c.restoreState()
        c.showPage()

    pdf = make_pdf(tmp_path / "sideways.pdf", draw)
    assert extract.text(pdf).splitlines() == ["가로로 놓인 쪽의 첫째 줄", "둘째 줄 Ⅰ급 신약"]


def test_making_the_damaged_set_again_gives_the_same_bytes(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, str(SAMPLES / "make_damaged.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    for pdf in PDFS:
        assert (tmp_path / pdf.name).read_bytes() == pdf.read_bytes(), f"{pdf.name} is stale: run 'make damaged'"
        assert load_json(tmp_path / pdf.with_suffix(".truth.json").name) == load_json(pdf.with_suffix(".truth.json"))


if __name__ == "__main__":  # a table of the figures: python tests/test_damage.py
    import sys

    import extract

    sys.path.insert(0, str(Path(__file__).parent))
    mod = shared_scorer()
    cache: dict = {}
    for pdf in PDFS if len(sys.argv) < 2 else [p for p in PDFS if damage_of(p) in sys.argv[1:]]:
        truth = load_json(pdf.with_suffix(".truth.json"))
        base = base_of(pdf)
        if base not in cache:
            cache[base] = score_lines(mod.score_bulletin(extract.run(base).data, truth))
        bul = extract.run(pdf)
        dmg = score_lines(mod.score_bulletin(bul.data, truth))
        print(f"== {damage_of(pdf)} (clean: {base.name})")
        for k, v in cache[base].items():
            mark = "" if within_one_point(v, dmg.get(k)) else "   <-- WORSE"
            if mark or "-v" in sys.argv:
                print(f"  {k}: {v} -> {dmg.get(k)}{mark}")
        for w in bul.warnings:
            print("  warning:", w[:200])
        print(json.dumps({"lines": len(cache[base]), "worse": sum(
            not within_one_point(v, dmg.get(k)) for k, v in cache[base].items())}))


def test_scanned_page_with_an_invisible_ocr_layer_is_read(tmp_path):
    """A scan with its recognised text as an invisible layer (what ocrmypdf makes, and what
    our no-text error advises): the invisible text is the page's text, read as body text
    with a warning, not dropped as an OCR layer over a figure."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    import extract
    from helpers import KO, make_pdf

    scan = Image.new("L", (60, 85), 235)  # the page's picture, nearly white

    def draw(c):
        c.drawImage(ImageReader(scan), 0, 0, width=595, height=842)
        text = c.beginText(72, 760)
        text.setTextRenderMode(3)
        text.setFont(KO, 12)
        for line in ("스캔한 쪽의 첫째 줄", "둘째 줄 Ⅰ급 신약"):
            text.textLine(line)
        c.drawText(text)
        c.showPage()

    pdf = make_pdf(tmp_path / "scan.pdf", draw)
    warnings: list[str] = []
    assert extract.text(pdf, warnings=warnings).splitlines() == ["스캔한 쪽의 첫째 줄", "둘째 줄 Ⅰ급 신약"]
    assert any("invisible layer over a scanned image" in w and w.startswith("page 1: ") for w in warnings)
    from extract.pipeline import run_document

    doc = run_document(pdf)
    assert [ln.text for ln in doc.lines if ln.role == "body"] == ["스캔한 쪽의 첫째 줄", "둘째 줄 Ⅰ급 신약"]


def test_cid_and_control_glyphs_are_read_again_without_font_tables():
    """recover_unmapped with no font read by its own tables (every pdfium page, most
    pdfminer pages): only (cid:N) glyphs and control characters are its business."""
    from extract.repair import recover_unmapped

    chars = [{"text": t, "fontname": "F"} for t in ("(cid:7)", "\x01", "\t", "가")]
    warnings = recover_unmapped(chars, {}, 2)
    assert [c["text"] for c in chars] == ["(cid:7)", " ", "\t", "가"]
    assert len(warnings) == 1 and "1 glyph(s) of font F are unreadable" in str(warnings[0])
    assert recover_unmapped([{"text": "가", "fontname": "F"}, {"text": "\n", "fontname": "F"}], {}, 2) == []
