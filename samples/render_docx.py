#!/usr/bin/env python3
"""Render content files as a word processor would: a .docx (python-docx) printed to PDF by
LibreOffice Writer, as the shared corpus's LibreOffice sample was made.

    python samples/render_docx.py --out DIR samples/content/kostec-2024-01-12.json
    python samples/render_docx.py --font NanumMyeongjo --out DIR CONTENT.json

Writes ``<stem>.libreoffice-docx.pdf`` and its golden ``<stem>.libreoffice-docx.truth.json``
(``<stem>.libreoffice-docx-<font>.pdf`` with ``--font``: the whole document set in another
installed font, NanumGothic by default).
The golden's text fields come from the content (make_samples.truth); the pages of articles
and tables are located in the PDF's text as render_html.py does. Needs python-docx (pip)
and LibreOffice (``soffice``); without them the script says so and exits 2.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import make_samples  # noqa: E402
import render_html  # noqa: E402  (the page locator)

FONT = "NanumGothic"
NAVY = "1F3A5F"


def _font(run, size: float, bold: bool = False, color: str | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def _para(doc, text: str, size: float = 10, bold: bool = False, indent: float = 0, hanging: float = 0,
          align=None, color: str | None = None, before: float = 0, after: float = 2, shade: str | None = None):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.left_indent, fmt.first_line_indent = Pt(indent), Pt(-hanging)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), size, bold, color)
    if shade:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:fill"), shade)
        p._p.get_or_add_pPr().append(shd)
    return p


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _cell_text(cell, value, size: float, bold: bool = False) -> None:
    lines = value if isinstance(value, list) else [value]
    cell.paragraphs[0].text = ""
    for k, line in enumerate(lines):
        p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        _font(p.add_run(line), size, bold)


def _table(doc, block: dict) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT

    head, _, parts = make_samples.printed_layout(block)
    merge = set(block.get("merge_cols") or [])
    for n, part in enumerate(parts):
        if n:
            doc.add_page_break()
        table = doc.add_table(rows=1 + len(part), cols=len(head))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for c, h in enumerate(head):
            _cell_text(table.cell(0, c), h, 8.5, bold=True)
            _shade(table.cell(0, c), "D9DDE3")
        for r, row in enumerate(part, start=1):
            for c, value in enumerate(row):
                if c in merge and r > 1 and part[r - 2][c] == value:
                    continue  # covered by the merged cell above
                _cell_text(table.cell(r, c), value, 8.5)
        for c in merge:
            r = 0
            while r < len(part):
                span = 1
                while r + span < len(part) and part[r + span][c] == part[r][c]:
                    span += 1
                if span > 1:
                    table.cell(r + 1, c).merge(table.cell(r + span, c))
                    _cell_text(table.cell(r + 1, c), part[r][c], 8.5)
                r += span


def _chart(doc, seed: int, tmp: Path) -> None:
    from docx.shared import Pt
    from PIL import Image, ImageDraw

    path = tmp / f"chart{seed}.png"
    img = Image.new("RGB", (400, 220), "white")
    draw = ImageDraw.Draw(img)
    draw.line([(20, 10), (20, 200), (390, 200)], fill="black", width=2)
    for j in range(6):
        h = 40 + (seed * 37 + j * 53) % 150
        draw.rectangle([40 + j * 58, 200 - h, 76 + j * 58, 199], fill=(141, 160, 184))
    img.save(path)
    doc.add_picture(str(path), width=Pt(200))
    doc.paragraphs[-1].alignment = 1


def document(content: dict, tmp: Path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(20), Mm(20), Mm(20), Mm(20)
    header = sec.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(header.add_run("중국 과학기술 정책 주간동향"), 8)
    _para(doc, content.get("publisher_en", ""), 9, color=NAVY)
    _para(doc, "중국 과학기술 정책", 26, color=NAVY, after=0)
    _para(doc, "주/간/동/향", 26, color=NAVY)
    _para(doc, make_samples.printed_date(content["date"]), 12, before=6)
    _para(doc, "CONTENTS", 16, color=NAVY, before=18, after=6)
    for k, s in enumerate([s for s in content["sections"] if s.get("in_contents")], start=1):
        _para(doc, f"{k}. {s['name']}", 11, bold=True, before=4)
        for a in s["articles"]:
            _para(doc, f"- {a['title']}", 10, indent=18, hanging=8)
    doc.add_page_break()
    for item in content["summary"]:
        _para(doc, f"- {item}", 10.5, indent=10, hanging=10, after=8)
    chart = 0
    for s in content["sections"]:
        doc.add_page_break()
        _para(doc, s["name"], 15, bold=True, color="FFFFFF", shade=NAVY, after=8)
        brief = any(a.get("source") for a in s["articles"])
        for a in s["articles"]:
            _para(doc, f"{a['no']} {a['title']}", 13, bold=True, before=12, after=4)
            lead = a["lead"]
            if a.get("date_md"):
                md = a["date_md"].replace(".", a.get("date_sep") or ".")
                lead = f"{lead}{' ' if a.get('lead_space', True) else ''}({md})"
            _para(doc, f"■ {lead}", 10.5, bold=True)
            for block in a["blocks"]:
                t = block["t"]
                if t == "bullet":
                    indent = {1: 10, 2: 22, 3: 34}[block["level"]]
                    _para(doc, f"{block['marker']} {block['text']}", 10, indent=indent, hanging=9)
                elif t == "sublead":
                    _para(doc, f"■ {block['text']}", 10.5, bold=True)
                elif t == "note":
                    _para(doc, block["text"], 8.5)
                elif t == "figure":
                    chart += 1
                    _para(doc, f"〈{block['caption']}〉", 9.5, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6)
                    _chart(doc, chart, tmp)
                elif t == "table":
                    _para(doc, f"〈{block['caption']}〉", 9.5, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6)
                    _table(doc, block)
                    if block.get("source_note"):
                        _para(doc, f"* 출처: {block['source_note']}", 8.5)
                    for note in block.get("notes") or []:
                        _para(doc, note, 8.5)
            if brief and a.get("source"):
                src = a["source"]
                _para(doc, f"출처: {src['name']} ({src['md']})", 9, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
                _para(doc, src["url"], 9, align=WD_ALIGN_PARAGRAPH.RIGHT)
            if a.get("references"):
                _para(doc, "참고자료", 9, bold=True, before=8)
                for ref in a["references"]:
                    _para(doc, f"☞ {ref['title']} {ref['url']}", 8.8)
    doc.add_page_break()
    _para(doc, content.get("publisher_en", ""), 9, color=NAVY)
    _para(doc, "중국 과학기술 정책 주/간/동/향", 16, color=NAVY, after=10)
    for label, value in [("발 행 일", make_samples.printed_date(content["date"])), ("발 행 인", content["issuer"]),
                         ("발행기관", content["publisher"]), ("발 행 처", f"주소 : {content['address']}")]:
        _para(doc, f"{label} {value}", 10)
    _para(doc, f"TEL: {content['tel']}", 10, indent=46)
    _para(doc, content["url"], 10, indent=46)
    return doc


def main(argv: list[str]) -> int:
    global FONT
    out_dir = HERE / "producers"
    suffix = ""
    if "--font" in argv:
        k = argv.index("--font")
        FONT = argv[k + 1]
        suffix = "-" + FONT.lower().replace(" ", "")
        argv = argv[:k] + argv[k + 2:]
    if "--out" in argv:
        k = argv.index("--out")
        out_dir = Path(argv[k + 1])
        argv = argv[:k] + argv[k + 2:]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    try:
        import docx  # noqa: F401  (only whether it can be imported)
    except ImportError:
        print("render_docx.py: python-docx is not installed (pip install python-docx)", file=sys.stderr)
        return 2
    if not soffice:
        print("render_docx.py: LibreOffice is not installed (apt-get install libreoffice-writer fonts-nanum)",
              file=sys.stderr)
        return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    skipped = 0
    for path in [Path(a) for a in argv] or sorted((HERE / "content").glob("*.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        pdf = out_dir / f"{path.stem}.libreoffice-docx{suffix}.pdf"
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "issue.docx"
            document(content, Path(tmp)).save(str(source))
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/lo-profile",
                            "--convert-to", "pdf", "--outdir", tmp, str(source)],
                           check=True, capture_output=True, timeout=300)
            shutil.move(str(Path(tmp) / "issue.pdf"), str(pdf))
        make_samples.RECORD.pages.clear()
        try:
            make_samples.RECORD.pages.update(render_html.locate_pages(content, pdf))
        except LookupError as exc:
            # No golden without the pages: drop the render rather than guess (a random
            # variation's row may repeat another's text past the locator's reach).
            pdf.unlink()
            print(f"render_docx.py: {path.name}: skipped, {exc}", file=sys.stderr)
            skipped += 1
            continue
        gold = make_samples.truth(content, pdf)
        pdf.with_suffix(".truth.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
        print(f"{pdf.name}: {gold['source']['pages']} pages, {len(gold['tables'])} tables")
    return 1 if skipped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
