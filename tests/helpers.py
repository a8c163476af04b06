"""Plain helpers the tests import (``from helpers import ...``): where the samples and the
shared corpus are, the shared scorer, and small PDFs made on the fly with reportlab.

Pytest's fixtures live in conftest.py; this is an ordinary module, found because
pyproject's ``[tool.pytest.ini_options] pythonpath`` puts tests/ on ``sys.path`` (and a
script run as ``python tests/test_x.py`` has its own folder there).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def shared_scorer():
    """The shared ``score.py`` as a module; skips the test where ../shared is absent."""
    import importlib.util

    path = SHARED / "tools" / "score.py"
    if not path.exists():
        pytest.skip(f"the shared scorer is not here ({path}); it is present in CI")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sample_pairs() -> list[tuple[Path, Path]]:
    """(pdf, truth) for every bundled sample that has a golden beside it."""
    pairs = []
    for pdf in sorted(SAMPLES.rglob("*.pdf")):
        truth = pdf.with_suffix(".truth.json")
        if truth.exists():
            pairs.append((pdf, truth))
    return pairs


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def make_pdf(path: Path, draw) -> Path:
    """Make a small PDF with reportlab; ``draw(canvas)`` draws each page (call showPage)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    for name in ("HYSMyeongJo-Medium", "STSong-Light"):
        try:
            pdfmetrics.getFont(name)
        except KeyError:
            pdfmetrics.registerFont(UnicodeCIDFont(name))
    c = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    draw(c)
    c.save()
    return path


KO = "HYSMyeongJo-Medium"


def turn_sideways(c, angle: int) -> float:
    """Turn the canvas of an A4 page so that text drawn after it runs up (``angle`` 90) or
    down (270) the page, as a landscape page stored sideways without /Rotate; returns the y
    of a first line near the page's top edge in the turned frame. Pair with
    ``c.restoreState()``."""
    c.saveState()
    if angle == 90:
        c.translate(595, 0)
    else:
        c.translate(0, 842)
    c.rotate(angle)
    return 500 if angle == 90 else -100


def draw_page_frame(c, n: int) -> None:
    """The mini bulletins' running header and page-number footer on page ``n``."""
    c.setFont(KO, 8)
    c.drawCentredString(297, 815, "중국 과학기술 정책 주간동향")
    c.drawCentredString(297, 30, f"- {n} -")


def draw_cover(c, date: str, titles: list[str]) -> None:
    """Page 1 of a mini bulletin: the series title, the date and a CONTENTS list of one
    section (정책동향) with ``titles``; ends the page."""
    draw_page_frame(c, 1)
    c.setFont(KO, 26)
    c.drawString(60, 700, "중국 과학기술 정책")
    c.drawString(60, 665, "주/간/동/향")
    c.setFont(KO, 12)
    c.drawString(60, 630, date)
    c.setFont(KO, 16)
    c.drawString(60, 590, "CONTENTS")
    c.setFont(KO, 11)
    c.drawString(60, 565, "1. 정책동향")
    for k, title in enumerate(titles):
        c.drawString(75, 548 - 17 * k, f"- {title}")
    c.showPage()


def draw_banner(c, name: str) -> None:
    """A section banner: the name in white on a dark band across the top of the page."""
    c.setFillGray(0.2)
    c.rect(55, 740, 485, 26, fill=1, stroke=0)
    c.setFillGray(1)
    c.setFont(KO, 15)
    c.drawString(62, 747, name)
    c.setFillGray(0)


def draw_mini_bulletin(c, date="2024. 1. 12", lead_md="12.28"):
    """A four-page bulletin: cover with CONTENTS, summary, one section, colophon."""
    def page_frame(n):
        draw_page_frame(c, n)

    draw_cover(c, date, ["과기부, 인공지능 시범구 추가 지정"])
    # summary
    page_frame(2)
    c.setFont(KO, 10.5)
    c.drawString(60, 760, "- 과기부는 인공지능 혁신 시범구 다섯 곳을 추가로 지정하였다.")
    c.showPage()
    # a section with one article
    page_frame(3)
    draw_banner(c, "정책동향")
    c.setFont(KO, 13)
    c.drawString(60, 705, "01 과기부, 인공지능 시범구 추가 지정")
    c.setFont(KO, 10.5)
    c.drawString(60, 680, f"■ 베이징, 상하이 등 다섯 곳 지정 ({lead_md})")
    c.setFont(KO, 10)
    c.drawString(62, 655, "- 과기부는 국가 인공지능 혁신 응용 시범구를 추가로 지정")
    c.drawString(78, 638, "- 시범구는 산업 응용과 제도 혁신을 함께 추진")
    c.drawString(60, 600, "〈인공지능 시범구 분포도〉")
    c.setFont(KO, 9)
    c.drawString(60, 570, "참고자료")
    text = c.beginText(60, 555)
    text.setFont(KO, 9)
    text.textOut("☞ ")
    text.setFont("STSong-Light", 9)  # simplified Hanzi are not in the Korean font
    text.textOut("科技部新增人工智能试验区 ")
    text.setFont(KO, 9)
    text.textOut("https://www.most.gov.cn/a/b.html")
    c.drawText(text)
    c.showPage()
    # colophon
    page_frame(4)
    c.setFont(KO, 16)
    c.drawString(60, 740, "중국 과학기술 정책 주/간/동/향")
    c.setFont(KO, 10)
    c.drawString(60, 710, f"발 행 일 {date}")
    c.drawString(60, 695, "발 행 인 홍길동")
    c.drawString(60, 680, "발행기관 한중과학기술협력센터")
    c.drawString(60, 665, "발 행 처 주소 : 북경시 조양구 시험로 1호")
    c.drawString(95, 650, "TEL: 86)10-1234-5678")
    c.drawString(95, 635, "http://www.example.org")
    c.showPage()




class FirstBulletDrawnBy:
    """A canvas for ``draw_mini_bulletin`` that draws its first bullet ("- 과기부는 국가 ...")
    with ``draw(c, x, y)`` instead, and moves the bullet after it down by ``lines`` lines of
    14 pt (the lines ``draw`` takes): a bullet set as a test needs (justified, wrapped at
    chosen places) inside an issue the pipeline reads whole."""

    def __init__(self, c, draw, lines: int):
        self.c, self._draw, self._lines = c, draw, lines

    def __getattr__(self, attr):
        return getattr(self.c, attr)

    def drawString(self, x, y, text, *a, **kw):
        if text.startswith("- 시범구는"):  # the bullet after ours moves down
            return self.c.drawString(x, y - 14 * self._lines, text, *a, **kw)
        if not text.startswith("- 과기부는 국가"):
            return self.c.drawString(x, y, text, *a, **kw)
        return self._draw(self.c, x, y)
