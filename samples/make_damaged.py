#!/usr/bin/env python3
"""Make the damaged-PDF test set: clean samples with the damage real PDFs show (issue #6).

    python samples/make_damaged.py            # writes samples/damaged/
    python samples/make_damaged.py --out DIR

Each damaged PDF ``samples/damaged/<name>.pdf`` gets ``<name>.truth.json``: the truth of the
clean PDF it was made from (only ``source.file`` and ``source.sha256`` name the damaged file),
so an extraction of the damaged file can be scored against what the page really shows.

The damage is done the way real producers do it, to the file's own objects:

- ``tounicode-wrong``: the ToUnicode CMaps of the Chromium render (Identity-H fonts with an
  embedded TrueType subset) rewritten so some glyphs map to the wrong characters, as in the
  seed issue: Ⅲ -> 삐, Ⅰ -> |, Ⅱ -> ॥, and one Hangul syllable to a control character.
  (reportlab's CID fonts have no ToUnicode at all: pdfminer decodes them through the
  Adobe-Korea1 collection, so the Chromium render is the one where a ToUnicode is read.)
- ``tounicode-removed``: the ToUnicode of every Type 0 font (the NanumGothic subsets) of the
  Chromium render removed; the text is then only in the embedded fonts' cmap tables.
- ``tounicode-partial``: those ToUnicode CMaps with every third Hangul entry dropped, so
  pdfminer yields ``(cid:N)`` for those glyphs. (Chromium's Type 3 fonts, Noto Sans CJK
  glyphs as procedures named ``/gD6F7``, are left alone: without their ToUnicode nothing in
  the file says which character a procedure draws, so that damage cannot be repaired.)
- ``tounicode-by-code``: the reportlab render's Korean font (Encoding UniKS-UCS2-H) given a
  ToUnicode keyed by character code, as the specification says; pdfminer looks it up by
  CID and gives ``(cid:N)`` for nearly every glyph.
- ``ocr-layer``: an invisible text layer (render mode 3) of recognition garbage over part of
  a page's body, as a scanner's OCR leaves it.
- ``fake-bold``: every text object drawn twice, the first copy 0.5 pt to the right and
  0.25 pt up (fake bold by overprinting).
- ``rotated``: one page stored in landscape with /Rotate 90 and its content turned so it
  reads right when displayed.
- ``running-header``: re-rendered (samples/make_samples.py) with a running header that names
  the section and the page number, so it differs on every page.
- ``no-spaces``: no space glyphs: each space removed from the strings and replaced by a
  positioning offset of the same width, so words are separated only by gaps.

Everything is deterministic: the same inputs give the same bytes.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, DecodedStreamObject, NameObject, NumberObject

HERE = Path(__file__).resolve().parent
REPORTLAB = HERE / "kostec-2024-01-12.reportlab.pdf"
CHROMIUM = HERE / "producers" / "kostec-2024-01-12.chromium.pdf"
CONTENT = HERE / "content" / "kostec-2024-01-12.json"
STEM = "kostec-2024-01-12"

# The seed's wrong mappings (BULLETIN.md, "Damage"): what the ToUnicode says instead.
WRONG_TOUNICODE = {"Ⅲ": "삐", "Ⅰ": "|", "Ⅱ": "॥"}
# One Hangul syllable whose glyph is mapped to a control character.
HANGUL_TO_CONTROL = ("승", "\x03")

# Recognition garbage of a picture's OCR (the seed shows such lines).
OCR_GARBAGE = ["東西 井田 (왕대 국가 자세대 신승사당", "당당신전복 글짓몹/ 7/全전략 -11-77",
               "이 ㅎ 르 ll 1 ㅣ 뽀 다 까 % 0 r", "國 外 曰 ㅁ 口 대 대 감 가 i ! |"]


# --------------------------------------------------------------------------- helpers


def _fonts(writer: PdfWriter):
    """Every font dictionary of the document once (pages share them)."""
    seen = set()
    for page in writer.pages:
        fonts = page["/Resources"].get_object().get("/Font") or {}
        for name, ref in fonts.get_object().items():
            font = ref.get_object()
            key = getattr(ref, "idnum", None) or id(font)
            if key in seen:
                continue
            seen.add(key)
            yield name, font


def _cmap_entries(font) -> dict[int, str]:
    """The code -> text entries of a font's ToUnicode CMap (pdfminer parses it)."""
    from io import BytesIO

    from pdfminer.cmapdb import CMapParser, FileUnicodeMap

    umap = FileUnicodeMap()
    CMapParser(umap, BytesIO(font["/ToUnicode"].get_object().get_data())).run()
    return dict(umap.cid2unichr)


def _tounicode_stream(entries: dict[int, str], width: int) -> bytes:
    """A ToUnicode CMap with one bfchar line per code (``width`` bytes per code)."""
    items = sorted(entries.items())
    out = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
           "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def", "1 begincodespacerange",
           f"<{'00' * width}> <{'FF' * width}>", "endcodespacerange"]
    for k in range(0, len(items), 100):
        block = items[k:k + 100]
        out.append(f"{len(block)} beginbfchar")
        for code, text in block:
            out.append(f"<{code:0{2 * width}X}> <{text.encode('utf-16-be').hex().upper()}>")
        out.append("endbfchar")
    out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return ("\n".join(out) + "\n").encode("ascii")


# Content streams are edited as tokens of their own bytes (pypdf's ContentStream guesses
# text encodings of string operands, which would change 2-byte codes).
_TOKEN = re.compile(rb"""\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f\s]*>|<<|>>|\[|\]"""
                    rb"""|/[^\s/\[\]()<>{}%]*|[^\s/\[\]()<>{}%]+|%[^\r\n]*""",
                    re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def tokens(data: bytes) -> list[bytes]:
    return _TOKEN.findall(data)


def string_bytes(token: bytes) -> bytes:
    """The bytes of a literal ``(...)`` or hex ``<...>`` string token."""
    if token.startswith(b"<"):
        return bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode())
    body, out, k = token[1:-1], bytearray(), 0
    while k < len(body):
        ch = body[k:k + 1]
        if ch != b"\\":
            out += ch
            k += 1
            continue
        m = re.match(rb"[0-7]{1,3}", body[k + 1:k + 4])
        if m:
            out.append(int(m.group(0), 8) & 0xFF)
            k += 1 + len(m.group(0))
        else:
            nxt = body[k + 1:k + 2]
            out += _ESCAPES.get(nxt, nxt if nxt not in b"\r\n" else b"")
            k += 2
    return bytes(out)


def hex_string(data: bytes) -> bytes:
    return b"<" + data.hex().upper().encode() + b">"


def _page_tokens(page) -> list[bytes]:
    return tokens(page.get_contents().get_data())


def _set_tokens(writer: PdfWriter, page, toks: list[bytes]) -> None:
    stream = DecodedStreamObject()
    stream.set_data(b" ".join(toks) + b"\n")
    page[NameObject("/Contents")] = writer._add_object(stream)


def _text_objects(toks: list[bytes]):
    """Split tokens into runs: ('text', [tokens from BT to ET]) or ('other', [token])."""
    out, current = [], None
    for tok in toks:
        if tok == b"BT" and current is None:
            current = [tok]
        elif current is not None:
            current.append(tok)
            if tok == b"ET":
                out.append(("text", current))
                current = None
        else:
            out.append(("other", [tok]))
    return out


def save(writer: PdfWriter, out_dir: Path, name: str, truth_of: Path) -> Path:
    """Write the damaged PDF deterministically, and its truth (the clean PDF's)."""
    path = out_dir / f"{name}.pdf"
    for page in writer.pages:
        page.compress_content_streams()
    writer._ID = ArrayObject([ByteStringObject(hashlib.md5(name.encode()).digest())] * 2)
    writer.add_metadata({"/Producer": "bulletin-extract samples/make_damaged.py",
                         "/ModDate": "D:20000101000000+00'00'"})
    with open(path, "wb") as fh:
        writer.write(fh)
    write_truth(path, truth_of)
    return path


def write_truth(path: Path, truth_of: Path) -> None:
    truth = json.loads(truth_of.with_suffix(".truth.json").read_text(encoding="utf-8"))
    truth["source"]["file"] = path.name
    truth["source"]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_suffix(".truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")


# --------------------------------------------------------------------------- the damage


def tounicode_wrong(out_dir: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(str(CHROMIUM)))
    for _, font in _fonts(writer):
        if font.get("/Subtype") != "/Type0" or "/ToUnicode" not in font:
            continue
        entries = _cmap_entries(font)
        changed = False
        for code, text in entries.items():
            if text in WRONG_TOUNICODE:
                entries[code], changed = WRONG_TOUNICODE[text], True
            elif text == HANGUL_TO_CONTROL[0]:
                entries[code], changed = HANGUL_TO_CONTROL[1], True
        if changed:
            stream = DecodedStreamObject()
            stream.set_data(_tounicode_stream(entries, 2))
            stream = stream.flate_encode()
            font[NameObject("/ToUnicode")] = writer._add_object(stream)
    return save(writer, out_dir, f"{STEM}.tounicode-wrong", CHROMIUM)


def tounicode_removed(out_dir: Path) -> Path:
    """The ToUnicode of every Type 0 font removed (the text is then only in the fonts)."""
    writer = PdfWriter(clone_from=PdfReader(str(CHROMIUM)))
    for _, font in _fonts(writer):
        if font.get("/Subtype") == "/Type0" and "/ToUnicode" in font:
            del font[NameObject("/ToUnicode")]
    return save(writer, out_dir, f"{STEM}.tounicode-removed", CHROMIUM)


def tounicode_partial(out_dir: Path) -> Path:
    """ToUnicode CMaps that cover only part of each font: every third Hangul glyph lost
    its entry (as some subsetters write them), so pdfminer gives ``(cid:N)`` for those."""
    writer = PdfWriter(clone_from=PdfReader(str(CHROMIUM)))
    for _, font in _fonts(writer):
        if font.get("/Subtype") != "/Type0" or "/ToUnicode" not in font:
            continue
        entries = _cmap_entries(font)
        hangul = [code for code, text in sorted(entries.items()) if "가" <= text <= "힣"]
        for code in hangul[::3]:
            del entries[code]
        stream = DecodedStreamObject()
        stream.set_data(_tounicode_stream(entries, 2))
        font[NameObject("/ToUnicode")] = writer._add_object(stream.flate_encode())
    return save(writer, out_dir, f"{STEM}.tounicode-partial", CHROMIUM)


def tounicode_by_code(out_dir: Path) -> Path:
    """A ToUnicode added to the reportlab render's Korean font (Encoding UniKS-UCS2-H),
    keyed by character code as the PDF specification says. pdfminer looks a ToUnicode up by
    CID, finds nothing for most glyphs and gives ``(cid:N)``; the font's own character
    collection (Adobe-Korea1) still says what each CID is."""
    writer = PdfWriter(clone_from=PdfReader(str(REPORTLAB)))
    codes: set[int] = set()
    for page in writer.pages:
        fonts = page["/Resources"].get_object()["/Font"].get_object()
        korean = {name.encode() for name, ref in fonts.items()
                  if ref.get_object().get("/Encoding") == "/UniKS-UCS2-H"}
        toks, current = _page_tokens(page), None
        for k, tok in enumerate(toks):
            if tok == b"Tf":
                current = toks[k - 2]
            elif tok == b"Tj" and current in korean:
                data = string_bytes(toks[k - 1])
                codes.update(int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2))
    for _, font in _fonts(writer):
        if font.get("/Encoding") == "/UniKS-UCS2-H":
            stream = DecodedStreamObject()
            stream.set_data(_tounicode_stream({code: chr(code) for code in codes}, 2))
            font[NameObject("/ToUnicode")] = writer._add_object(stream.flate_encode())
    return save(writer, out_dir, f"{STEM}.tounicode-by-code", REPORTLAB)


def ocr_layer(out_dir: Path) -> Path:
    """Invisible garbage over the body of the summary page (page 2) and a table page (5)."""
    writer = PdfWriter(clone_from=PdfReader(str(REPORTLAB)))
    for number, (x, y) in ((2, (70, 700)), (5, (300, 560))):
        page = writer.pages[number - 1]
        layer = [b"q", b"BT", b"3", b"Tr", b"/F2", b"11", b"Tf", b"14", b"TL", b"1", b"0", b"0", b"1",
                 str(x).encode(), str(y).encode(), b"Tm"]
        for line in OCR_GARBAGE:
            layer += [hex_string(line.encode("utf-16-be")), b"Tj", b"T*"]
        layer += [b"ET", b"Q"]
        _set_tokens(writer, page, _page_tokens(page) + layer)
    return save(writer, out_dir, f"{STEM}.ocr-layer", REPORTLAB)


def fake_bold(out_dir: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(str(REPORTLAB)))
    for page in writer.pages:
        out = []
        for kind, toks in _text_objects(_page_tokens(page)):
            if kind == "text":
                # The copy first, inside q/Q: the text state it starts from is the original's.
                out += [b"q", b"1 0 0 1 0.5 0.25", b"cm"] + toks + [b"Q"]
            out += toks
        _set_tokens(writer, page, out)
    return save(writer, out_dir, f"{STEM}.fake-bold", REPORTLAB)


def rotated(out_dir: Path, number: int = 5) -> Path:
    """Page ``number`` stored landscape, turned back by /Rotate 90 (as scanners and
    landscape-table producers store pages)."""
    writer = PdfWriter(clone_from=PdfReader(str(REPORTLAB)))
    page = writer.pages[number - 1]
    w, h = float(page.mediabox.width), float(page.mediabox.height)
    # Displayed (X, Y) = (y, h - x) under /Rotate 90; so content is drawn at (h - Y, X).
    _set_tokens(writer, page, [b"q", f"0 1 -1 0 {h:g} 0".encode(), b"cm"] + _page_tokens(page) + [b"Q"])
    page.mediabox.upper_right = (h, w)
    page[NameObject("/Rotate")] = NumberObject(90)
    return save(writer, out_dir, f"{STEM}.rotated", REPORTLAB)


def running_header(out_dir: Path) -> Path:
    sys.path.insert(0, str(HERE))
    import make_samples

    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    path = out_dir / f"{STEM}.running-header.pdf"

    def header(page: int, section: str | None) -> str:
        return f"중국 과학기술 정책 주간동향 {content['date'][:4]}-{page:02d}호 · {section or '목차'} · {page}쪽"

    make_samples.render(content, path, running_header=header)
    write_truth(path, REPORTLAB)
    return path


def _widths(font) -> tuple[dict[int, float], float]:
    """A CID font's /W widths (CID -> width in 1/1000 em) and its default width."""
    desc = font["/DescendantFonts"][0].get_object()
    widths: dict[int, float] = {}
    w = list(desc.get("/W") or [])
    k = 0
    while k < len(w):
        first = int(w[k])
        if isinstance(w[k + 1], list):
            for j, v in enumerate(w[k + 1]):
                widths[first + j] = float(v)
            k += 2
        else:
            for cid in range(first, int(w[k + 1]) + 1):
                widths[cid] = float(w[k + 2])
            k += 3
    return widths, float(desc.get("/DW", 1000))


def _space_width(font) -> tuple[bytes, float] | None:
    """The code of the space in a font and its width (1/1000 em)."""
    sub = font.get("/Subtype")
    if sub == "/Type1" and font.get("/BaseFont") in ("/Helvetica", "/Times-Roman", "/Courier"):
        return b" ", {"/Helvetica": 278.0, "/Times-Roman": 250.0, "/Courier": 600.0}[font["/BaseFont"]]
    if sub == "/Type0" and str(font.get("/Encoding", "")).endswith("UCS2-H"):
        from pdfminer.cmapdb import CMapDB

        cmap = CMapDB.get_cmap(str(font["/Encoding"]).lstrip("/"))
        cid = next(iter(cmap.decode(b"\x00 ")))
        widths, default = _widths(font)
        return b"\x00 ", widths.get(cid, default)
    return None


def no_spaces(out_dir: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(str(REPORTLAB)))
    for page in writer.pages:
        fonts = {name.encode(): _space_width(ref.get_object())
                 for name, ref in page["/Resources"].get_object()["/Font"].get_object().items()}
        toks, out, current = _page_tokens(page), [], None
        for k, tok in enumerate(toks):
            if tok == b"Tf":
                current = fonts.get(toks[k - 2])
            if tok == b"Tj" and current is not None:
                code, width = current
                data, step = string_bytes(out[-1]), len(code)
                parts, run = [], b""
                for i in range(0, len(data), step):
                    chunk = data[i:i + step]
                    if chunk == code:
                        parts += [hex_string(run)] if run else []
                        parts.append(f"{-width:g}".encode())
                        run = b""
                    else:
                        run += chunk
                parts += [hex_string(run)] if run else []
                if len(parts) > 1 or (parts and not parts[0].startswith(b"<")):
                    out[-1:] = [b"["] + parts + [b"]", b"TJ"]
                    continue
            out.append(tok)
        _set_tokens(writer, page, out)
    return save(writer, out_dir, f"{STEM}.no-spaces", REPORTLAB)


DAMAGE = [tounicode_wrong, tounicode_removed, tounicode_partial, tounicode_by_code, ocr_layer, fake_bold, rotated,
          running_header, no_spaces]


def main(argv: list[str]) -> int:
    out_dir = HERE / "damaged"
    if "--out" in argv:
        out_dir = Path(argv[argv.index("--out") + 1])
    out_dir.mkdir(parents=True, exist_ok=True)
    for make in DAMAGE:
        path = make(out_dir)
        print(f"{path.name}: {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
