"""The inspection report: one self-contained, valid HTML file, that a browser draws with the
page images and their overlays; the ``inspect`` command; ``batch --inspect-doubtful``.

Run as a script (``python tests/test_inspect.py``) to rewrite the README's screenshot,
docs/inspect.png, with the same helpers the browser test uses.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from helpers import KO, ROOT, draw_mini_bulletin, make_pdf  # noqa: E402

SAMPLE = ROOT / "samples" / "kostec-2024-01-12.reportlab.pdf"
SCREENSHOT = ROOT / "docs" / "inspect.png"
#: The README's screenshot: page 5 holds a stitched table's second part, a two-up table that
#: is unfolded, header rows, an article block and a warning.
SCREENSHOT_PAGE = 5
WINDOW = (1400, 900)


# --------------------------------------------------------------------------- helpers


def parse_strict(text: str):
    import html5lib

    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(text)


def find_chromium(install: bool = True) -> str | None:
    """Debian's headless Chromium; installed with apt-get when missing and we are root."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    if install and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        cmd = ["apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-cjk"]
        done = subprocess.run(cmd, env=env, capture_output=True, timeout=900)
        if done.returncode != 0:  # a fresh container has no package lists yet
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=600)
            subprocess.run(cmd, env=env, capture_output=True, timeout=900)
        return find_chromium(install=False)
    return None


def chromium_or_skip() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk); "
                    "it could not be installed here (needs root and apt-get)")
    return path


def _chromium(chromium: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}", *args]
        return subprocess.run(cmd, capture_output=True, timeout=timeout)


def screenshot(chromium: str, html: Path, png: Path, window: tuple[int, int] = WINDOW,
               page: int | None = None) -> Path:
    """Draw ``html`` in headless Chromium to ``png`` (scrolled to ``page`` if given)."""
    url = html.resolve().as_uri() + (f"#page-{page}" if page else "")
    png.parent.mkdir(parents=True, exist_ok=True)
    if png.exists():
        png.unlink()
    proc = _chromium(chromium, f"--window-size={window[0]},{window[1]}", f"--screenshot={png}", url)
    assert png.exists(), f"chromium wrote no screenshot: {proc.stderr.decode(errors='replace')[-800:]}"
    return png


def dump_dom(chromium: str, html: Path) -> str:
    proc = _chromium(chromium, "--dump-dom", html.resolve().as_uri())
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-800:]
    return proc.stdout.decode("utf-8")


def pixel_spread(png: Path) -> tuple[float, int]:
    """(standard deviation of the grey levels, number of distinct colours) of an image."""
    from PIL import Image, ImageStat

    with Image.open(png) as image:
        rgb = image.convert("RGB")
        stddev = ImageStat.Stat(rgb.convert("L")).stddev[0]
        colours = len(rgb.getcolors(maxcolors=1 << 20) or [])
    return stddev, colours


def make_docs_screenshot(out: Path = SCREENSHOT, chromium: str | None = None) -> Path:
    """Write the README's screenshot of the sample's report (a palette PNG, small)."""
    from PIL import Image

    import extract

    chromium = chromium or find_chromium()
    if chromium is None:
        raise SystemExit("needs Debian's chromium (apt-get install chromium fonts-noto-cjk)")
    with tempfile.TemporaryDirectory() as tmp:
        html = extract.inspect(SAMPLE, Path(tmp) / "report.html")
        shot = screenshot(chromium, html, Path(tmp) / "shot.png", page=SCREENSHOT_PAGE)
        with Image.open(shot) as image:
            image.convert("RGB").quantize(colors=96).save(out, optimize=True)
    return out


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    import extract

    out = tmp_path_factory.mktemp("inspect") / "report.html"
    bulletin = extract.run(SAMPLE)
    path = extract.inspect(SAMPLE, out, bulletin=bulletin)
    return path, bulletin


def sparse_table(c) -> None:
    """One page, no bulletin structure, one ruled 3x3 grid with only its diagonal filled:
    two thirds of the cells are empty, so its output is doubtful."""
    c.setFont(KO, 11)
    c.drawString(60, 760, "희소한 표가 있는 문서")
    xs, ys = [60, 200, 340, 480], [700, 670, 640, 610]
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for i in range(3):
        c.drawString(xs[i] + 5, ys[i] - 20, f"값 {i + 1}")
    c.showPage()


@pytest.fixture()
def mixed_archive(tmp_path):
    root = tmp_path / "archive"
    (root / "sub").mkdir(parents=True)
    make_pdf(root / "sub" / "sparse.pdf", sparse_table)
    make_pdf(root / "mini.pdf", draw_mini_bulletin)
    return root


# --------------------------------------------------------------------------- the report


def test_report_is_valid_self_contained_html(report):
    path, bulletin = report
    text = path.read_text(encoding="utf-8")
    parse_strict(text)  # raises on the first parse error
    assert text.startswith("<!DOCTYPE html>")
    pages = bulletin.data["source"]["pages"]
    assert text.count('src="data:image/png;base64,') == pages
    # nothing is fetched: no external scripts, styles, images or frames
    assert not re.search(r"<(script|link|iframe)\b", text)
    assert not re.search(r'\ssrc="(?!data:)', text)
    for n in range(1, pages + 1):
        assert f'id="page-{n}"' in text


def test_report_shows_tables_articles_entities_and_warnings(report):
    path, bulletin = report
    tree = parse_strict(path.read_text(encoding="utf-8"))
    by_id = {el.get("id"): el for el in tree.iter() if el.get("id")}
    doc = bulletin.document
    # every grid on its page, with its table id, kind and part; its cells and header rows
    for table in bulletin.tables:
        assert f"table-{table['id']}" in by_id
        for fid in doc.tables[[t.id for t in doc.tables].index(table["id"])].fragments:
            ov = by_id[f"ov-{fid}"]
            assert "ov-table" in ov.get("class").split()
            assert ov.get("data-table") == table["id"] and ov.get("data-kind") == table["kind"]
            cells = [el for el in ov.iter() if "ov-cell" in (el.get("class") or "").split()]
            assert cells, fid
            if int(ov.get("data-header-rows")) > 0:
                assert any("header" in el.get("class").split() for el in cells)
            stitched = len(table["bboxes"]) > 1
            assert ("stitched" in ov.get("class").split()) == stitched
            assert ("unfolded" in ov.get("class").split()) == bool(table["quality"].get("unfolded"))
    # the sample has a stitched and an unfolded table
    classes = " ".join(el.get("class") or "" for el in tree.iter())
    assert "stitched" in classes and "unfolded" in classes
    # running headers and footers are drawn as dropped text
    dropped = [el for el in tree.iter() if "ov-dropped" in (el.get("class") or "").split()]
    assert len(dropped) == sum(1 for ln in doc.lines if ln.role == "running") > 0
    # every article has a block on its first page
    n_articles = sum(len(s["articles"]) for s in bulletin.data["sections"])
    blocks = [el for el in tree.iter() if "ov-article" in (el.get("class") or "").split()]
    assert len({b.get("data-article") for b in blocks}) == n_articles
    for el in blocks:
        si, ai = el.get("data-article").split(".")
        assert f"article-{si}-{ai}" in by_id
    # every warning is listed and linked both ways to a marker on its page
    for i, _ in enumerate(bulletin.warnings, start=1):
        item, marker = by_id[f"warning-{i}"], by_id[f"w-{i}"]
        assert any(a.get("href") == f"#w-{i}" for a in item.iter("a"))
        assert marker.get("href") == f"#warning-{i}"
    # entities with their scores
    rows = [el for el in tree.iter("tr") if (el.get("id") or "").startswith("entity-")]
    assert len(rows) == len(bulletin.data["entities"])
    ambiguous = [el for el in rows if el.get("class") == "ambiguous"]
    assert len(ambiguous) == sum(1 for e in bulletin.data["entities"] if e["ambiguous"])


def test_warning_places():
    from extract.model import Table, TextLine
    from extract.report import locate_warning

    class Doc:
        lines = [TextLine(page=4, text="어떤 본문 밖 텍스트 한 줄", x0=10, x1=200, top=100, bottom=112, size=10)]

    tables = {"t02": Table("t02", "generic", None, None, [], [], [], [4, 5],
                           bboxes=[(4, (1, 2, 3, 4)), (5, (5, 6, 7, 8))])}
    from extract.diagnostics import Diagnostic

    def where(**fields):
        return locate_warning(Diagnostic(**fields).to_dict(), Doc, tables)

    assert where(message="joined its continuation on page 5 (x)", table="t02", page=5) == (5, (5, 6, 7, 8))
    assert where(message="text outside any bullet kept out: '어떤 본문 밖 텍스트'", page=4,
                 text="어떤 본문 밖 텍스트") == (4, (10, 100, 200, 112))
    assert where(message="article before any section banner", page=3) == (3, None)
    assert where(message="metadata unreadable: KeyError") == (None, None)
    assert where(message="a box of its own", page=2, bbox=(1.0, 2.0, 3.0, 4.0)) == (2, (1.0, 2.0, 3.0, 4.0))


def test_doubtful_reasons():
    from extract.report import doubtful_reasons
    from extract.settings import InspectSettings

    data = {"warnings": ["a"] * 3, "tables": [{"id": "t01", "quality": {"method": "lattice", "empty_cell_ratio": 0.5}}]}
    assert doubtful_reasons(data, InspectSettings(max_warnings=5, max_empty_cell_ratio=0.6)) == []
    reasons = doubtful_reasons(data, InspectSettings(max_warnings=2, max_empty_cell_ratio=0.3))
    assert len(reasons) == 2 and "3 warnings" in reasons[0] and "t01" in reasons[1]


# --------------------------------------------------------------------------- in a browser


def test_browser_draws_the_report_with_its_table_overlay(report, tmp_path):
    chromium = chromium_or_skip()
    path, bulletin = report
    png = screenshot(chromium, path, tmp_path / "shot.png", page=SCREENSHOT_PAGE)
    stddev, colours = pixel_spread(png)
    assert stddev > 20 and colours > 50, f"the screenshot looks blank (stddev {stddev:.1f}, {colours} colours)"
    from PIL import Image

    with Image.open(png) as image:
        assert image.size == WINDOW
    import html5lib

    dom = html5lib.parse(dump_dom(chromium, path), namespaceHTMLElements=False)  # the browser's own DOM
    page = next(el for el in dom.iter() if el.get("id") == f"page-{SCREENSHOT_PAGE}")
    overlays = [el for el in page.iter() if "ov-table" in (el.get("class") or "").split()]
    expected = {t["id"] for t in bulletin.tables if SCREENSHOT_PAGE in t["pages"]}
    assert expected and {el.get("data-table") for el in overlays} == expected
    assert all(el.get("style", "").startswith("left:") for el in overlays)


# --------------------------------------------------------------------------- command line


def test_inspect_command(tmp_path):
    from typer.testing import CliRunner

    from extract.cli import app

    out = tmp_path / "r" / "report.html"
    result = CliRunner().invoke(app, ["inspect", str(SAMPLE), "-o", str(out), "--resolution", "40"])
    assert result.exit_code == 0, result.output
    parse_strict(out.read_text(encoding="utf-8"))
    assert 'class="ov ov-table' in out.read_text(encoding="utf-8")


def test_inspect_command_on_a_file_that_is_not_a_pdf(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_text("hello", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "extract", "inspect", str(bad), "-o", str(tmp_path / "x.html")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: ") and "bad.pdf" in proc.stderr
    assert not (tmp_path / "x.html").exists()


def test_batch_inspect_doubtful(mixed_archive, tmp_path):
    from typer.testing import CliRunner

    from extract.cli import app

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(mixed_archive), "-o", str(out), "--inspect-doubtful"])
    assert result.exit_code == 0, result.output
    assert (out / "sub" / "sparse.json").exists() and (out / "mini.json").exists()
    reports = sorted(p.relative_to(out).as_posix() for p in (out / "inspect").rglob("*.html"))
    assert reports == ["inspect/sub/sparse.html"]  # the clean mini bulletin gets none
    text = (out / "inspect" / "sub" / "sparse.html").read_text(encoding="utf-8")
    parse_strict(text)
    assert "empty cells" in text  # says why it is doubtful
    assert "inspection report" in result.output


def test_batch_api_thresholds_from_settings(mixed_archive, tmp_path):
    import extract
    from extract.settings import InspectSettings

    everything = InspectSettings(max_warnings=-1)
    report = extract.batch([mixed_archive], tmp_path / "a", inspect_doubtful=True, inspect_settings=everything)
    assert report.exit_code == 0 and len(report.reports) == 2
    lenient = InspectSettings(max_warnings=10 ** 6, max_empty_cell_ratio=1.0, flag_stream_tables=False)
    report = extract.batch([mixed_archive], tmp_path / "b", inspect_doubtful=True, inspect_settings=lenient)
    assert report.exit_code == 0 and report.reports == [] and not (tmp_path / "b" / "inspect").exists()
    report = extract.batch([mixed_archive], tmp_path / "c")
    assert report.reports == [] and not (tmp_path / "c" / "inspect").exists()


if __name__ == "__main__":
    print(make_docs_screenshot())
