"""The inspection report: one self-contained HTML file showing what the pipeline saw.

    extract.inspect("issue.pdf", "issue.html")

For every page the page image (inlined as a base64 PNG) is drawn with overlays: article
blocks, table grids with their cells and header rows (stitched and unfolded tables marked),
captions and notes of tables, figure areas, and the text dropped from the body (running
headers and footers, text inside figures). Beside the pages is the extracted structure:
sections and articles with their bullets, every table rendered as an HTML table with its
kind, pages and quality report, the entities with their scores (ambiguous ones
highlighted), and every warning, each linked to its place on its page.

No server, no network, no script: positions are percentages of the page, so overlays stay
on the image at any window width, and links plus CSS ``:target`` do the highlighting.

``doubtful_reasons`` decides which outputs a batch with ``--inspect-doubtful`` reports on
(thresholds in :class:`extract.settings.InspectSettings`).
"""
from __future__ import annotations

import base64
import io
import json
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .glyphs.geometry import BBox, cluster
from .tables.turned import page_box, turn_box

if TYPE_CHECKING:  # pragma: no cover
    from .bulletin import Bulletin
    from .document import Document
    from .model import TableFragment
    from .settings import InspectSettings, Settings

__all__ = ["inspect", "render", "doubtful_reasons"]


#: Roles of text lines kept out of the body, as the layout stage names them (model.TextLine).
DROPPED_ROLES = {"running": "running header/footer", "figure": "text in a figure",
                 "caption": "caption", "note": "note"}


def e(value: Any) -> str:
    """Escape for element content and quoted attribute values."""
    return escape("" if value is None else str(value), quote=True)


# --------------------------------------------------------------------------- doubt


def doubtful_reasons(data: dict[str, Any], settings: "InspectSettings | None" = None) -> list[str]:
    """Why an output deserves a look, or ``[]``: too many warnings, or a table whose
    quality crosses a threshold of ``settings`` (see InspectSettings)."""
    if settings is None:
        from .settings import InspectSettings

        settings = InspectSettings()
    reasons = []
    if (data.get("completeness") or {}).get("complete") is False:
        reasons.append(f"incomplete: {data['completeness'].get('reason')}")
    n = len(data.get("warnings") or [])
    if n > settings.max_warnings:
        reasons.append(f"{n} warnings (more than {settings.max_warnings})")
    for table in data.get("tables") or []:
        q = table.get("quality") or {}
        ratio = q.get("empty_cell_ratio")
        if isinstance(ratio, (int, float)) and ratio > settings.max_empty_cell_ratio:
            reasons.append(f"table {table.get('id')}: {ratio:.0%} empty cells "
                           f"(more than {settings.max_empty_cell_ratio:.0%})")
        if q.get("method") == "stream" and settings.flag_stream_tables:
            reasons.append(f"table {table.get('id')}: read from aligned words, not a ruled grid")
    return reasons


def completeness_html(data: dict[str, Any]) -> str:
    """The bulletin's self-checks (``completeness``), first thing in the report: what each
    check expected, what it found, and what stays missing."""
    comp = data.get("completeness")
    if not comp:
        return ""
    verdict = {True: "complete", False: "INCOMPLETE", None: "not checked"}[comp.get("complete")]
    rows = []
    for c in comp.get("checks") or []:
        status = "ok" if c.get("ok") else "FAILED"
        counts = "" if c.get("expected") is None else f'{c.get("found")} of {c.get("expected")}'
        detail = "; ".join([f"missing: {', '.join(c.get('missing') or [])}"] * bool(c.get("missing"))
                           + list(c.get("notes") or []))
        rows.append(f'<tr class="{"ok" if c.get("ok") else "bad"}"><td>{e(c.get("check"))}</td><td>{status}</td>'
                    f"<td>{e(counts)}</td><td>{e(detail)}</td></tr>")
    reason = f'<p class="meta">{e(comp.get("reason"))}</p>' if comp.get("reason") else ""
    table = ("<table><tr><th>check</th><th></th><th>found</th><th>details</th></tr>" + "".join(rows) + "</table>"
             if rows else "")
    return f'<section id="completeness"><h2>Completeness: {verdict}</h2>{reason}{table}</section>'


# --------------------------------------------------------------------------- API


def inspect(path: str | Path, out_html: str | Path, settings: "Settings | None" = None, *,
            resolution: int | None = None, bulletin: "Bulletin | None" = None) -> Path:
    """Run the pipeline on ``path`` and write the inspection report to ``out_html``.

    ``bulletin`` is an earlier ``extract.run`` result of the same file (its ``document``
    is reused instead of running again). Returns the path written (atomically).
    Raises an :class:`extract.errors.ExtractError` when the PDF cannot be read.
    """
    from .convert import convert
    from .settings import Settings as _Settings
    from .write import write_atomic

    settings = settings or _Settings()
    if bulletin is None or bulletin.document is None:
        bulletin = convert(path, settings)
    text = render(bulletin, path, resolution=resolution or settings.inspect.resolution,
                  inspect_settings=settings.inspect)
    out = Path(out_html)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, text)
    return out


# --------------------------------------------------------------------------- geometry


def _union(boxes: Iterable[BBox]) -> BBox | None:
    boxes = list(boxes)
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def row_edges(frag: "TableFragment", rulings: list[float], box=None) -> list[float]:
    """y of the row boundaries of a fragment (len(rows) + 1 values, top to bottom).

    A ruled grid keeps its row edges; a table read from aligned words has none drawn, so
    each boundary is the ruling (horizontal edge of the page) between the text of two rows,
    else the midpoint. ``box`` is the fragment's box in the frame of its rows (default
    its bbox; a table read on a sideways page has its rows in the reading frame)."""
    n = len(frag.rows)
    if len(frag.row_edges) == n + 1:
        return list(frag.row_edges)
    box = box or frag.bbox
    top, bottom = box[1], box[3]
    if n == 0:
        return [top, bottom]
    inside = [y for y in cluster(rulings, 1.5) if top + 1 < y < bottom - 1]
    if len(inside) == n - 1:
        return [top, *inside, bottom]
    spanning = {(r, c) for r0, c0, rs, cs in frag.spans if rs > 1
                for r in range(r0, r0 + rs) for c in range(c0, c0 + cs)}
    extents: list[tuple[float, float] | None] = []
    for r, row in enumerate(frag.cell_lines or []):
        lines = [ln for c, cell in enumerate(row) if (r, c) not in spanning for ln in cell]
        extents.append((min(ln.top for ln in lines), max(ln.bottom for ln in lines)) if lines else None)
    while len(extents) < n:
        extents.append(None)
    edges = [top]
    for r in range(n - 1):
        a, b = extents[r], extents[r + 1]
        lo = a[1] if a else edges[-1]
        hi = b[0] if b else None
        if hi is None:  # an empty row below: share what is left evenly
            y = edges[-1] + (bottom - edges[-1]) / (n - r)
        else:
            between = [y for y in inside if lo - 1 <= y <= hi + 1]
            mid = (lo + hi) / 2
            y = min(between, key=lambda v: abs(v - mid)) if between else mid
        edges.append(max(y, edges[-1]))
    edges.append(bottom)
    return edges


def article_blocks(doc: "Document", data: dict[str, Any]) -> dict[tuple[int, int], dict[int, BBox]]:
    """Per article (section index, article index): per page, the box of its lines.

    Articles keep their pages, not their lines, so each article's title line is found in
    the body lines (in reading order, after the previous article's) and the article runs
    to the next title or section banner, on its own pages only."""
    s = doc.structure
    if s is None:
        return {}
    body = [ln for ln in doc.lines if ln.role == "body"]
    banners = {_norm(sec.name) for sec in s.sections if sec.name}
    frags = {f.id: f for f in doc.fragments}
    starts: list[tuple[int, tuple[int, int]]] = []
    pointer = 0
    for si, section in enumerate(s.sections):
        for ai, article in enumerate(section.articles):
            key = _norm(article.title)[:12]
            first = min(article.pages) if article.pages else None
            if not key or first is None:
                continue
            for i in range(pointer, len(body)):
                ln = body[i]
                if ln.page == first and key in _norm(ln.text):
                    starts.append((i, (si, ai)))
                    pointer = i + 1
                    break
    blocks: dict[tuple[int, int], dict[int, BBox]] = {}
    out_sections = data.get("sections") or []
    for k, (i, (si, ai)) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(body)
        try:
            pages = set(out_sections[si]["articles"][ai]["pages"])
        except (IndexError, KeyError):
            pages = set(s.sections[si].articles[ai].pages)
        by_page: dict[int, list[BBox]] = {}
        for j in range(i, end):
            ln = body[j]
            if j > i and _norm(ln.text) in banners:
                break
            if ln.page in pages:
                by_page.setdefault(ln.page, []).append(ln.bbox)
        for fid in s.sections[si].articles[ai].fragments:
            f = frags.get(fid)
            if f is not None:
                by_page.setdefault(f.page, []).extend(b for b in f.occupied)
        blocks[(si, ai)] = {p: box for p, bs in by_page.items() if (box := _union(bs)) is not None}
    return blocks


def locate_warning(warning: dict[str, Any], doc: "Document", tables: dict[str, Any]) -> tuple[int | None, BBox | None]:
    """(page, box) a warning (an entry of the output's ``warning_details``) is about; box
    None when only the page is known, page None when the warning is about the whole file."""
    page = warning.get("page")
    if warning.get("bbox"):
        x0, top, x1, bottom = warning["bbox"]
        return page, (x0, top, x1, bottom)
    table = tables.get(warning.get("table") or "")
    if table is not None:
        boxes = table.bboxes
        if not boxes:
            return (table.pages[0] if table.pages else None), None
        for on, box in boxes:
            if on == page:
                return on, box
        return boxes[0]
    if not page or page < 1:
        return None, None
    snippet = _norm(warning.get("text") or "")
    if snippet:
        key = snippet[:15]
        for ln in doc.lines:
            if ln.page == page and (key in _norm(ln.text) or _norm(ln.text) in snippet and len(_norm(ln.text)) > 3):
                return page, ln.bbox
    return page, None


# --------------------------------------------------------------------------- rendering

CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.45 'Noto Sans CJK KR', 'NanumGothic', sans-serif; color: #1b1f24; background: #eef0f3; }
a { color: #1d4ed8; }
.layout { display: grid; grid-template-columns: minmax(0, 1.05fr) minmax(0, 1fr); height: 100vh; }
.pages, .structure { overflow: auto; height: 100vh; padding: 10px 14px; }
.structure { background: #fff; border-left: 1px solid #c9ced6; }
h1 { font-size: 17px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 16px 0 6px; border-bottom: 1px solid #d5d9df; }
h3 { font-size: 14px; margin: 12px 0 4px; } h4 { font-size: 13px; margin: 10px 0 3px; }
.meta { color: #555; margin: 0 0 6px; }
.doubt { background: #fff4d6; border: 1px solid #e0b341; padding: 4px 8px; margin: 6px 0; }
#completeness tr.bad td { background: #fde2e2; }
#completeness td { padding: 1px 6px; vertical-align: top; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 4px 0 10px; font-size: 12px; }
.legend span { display: inline-flex; align-items: center; gap: 4px; }
.sw { display: inline-block; width: 14px; height: 10px; border: 2px solid; }
.page { margin: 0 0 18px; }
.page > h2 { border: 0; margin: 4px 0; display: flex; justify-content: space-between; }
.sheet { position: relative; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.sheet > img { display: block; width: 100%; height: auto; }
.ov { position: absolute; display: block; }
.ov-label { position: absolute; left: 0; bottom: 100%; font-size: 10px; line-height: 1.2; white-space: nowrap;
  padding: 0 3px; color: #fff; text-decoration: none; }
.ov-article { border: 2px solid rgba(37, 99, 235, .75); background: rgba(37, 99, 235, .05); }
.ov-article > .ov-label { background: rgba(37, 99, 235, .9); left: auto; right: 100%; bottom: auto; top: 0;
  writing-mode: vertical-rl; padding: 3px 0; }
.ov-table { border: 2px solid rgba(220, 38, 38, .9); z-index: 2; }
.ov-table > .ov-label { background: rgba(220, 38, 38, .95); }
.ov-table.stitched { border-style: dashed; border-color: rgba(147, 51, 234, .95); }
.ov-table.stitched > .ov-label { background: rgba(147, 51, 234, .95); }
.ov-table.unfolded { outline: 2px dotted rgba(5, 150, 105, .95); outline-offset: 2px; }
.ov-cell { position: absolute; border: 1px solid rgba(220, 38, 38, .45); }
.ov-cell.header { background: rgba(250, 204, 21, .35); }
.ov-cell.merged { background: rgba(14, 165, 233, .15); }
.ov-caption, .ov-notes { border: 1px dashed rgba(220, 38, 38, .8); background: rgba(220, 38, 38, .06); z-index: 2; }
.ov-figure { border: 2px solid rgba(13, 148, 136, .85); background: rgba(13, 148, 136, .06); }
.ov-dropped { background: repeating-linear-gradient(45deg, rgba(107,114,128,.35) 0 3px, rgba(107,114,128,.08) 3px 6px);
  border: 1px solid rgba(75, 85, 99, .8); z-index: 1; }
.ov-warning { z-index: 3; border: 2px solid #f97316; background: rgba(249, 115, 22, .1); }
.ov-warning > .ov-label { background: #f97316; left: auto; right: 0; }
.page-warnings { margin: 0 0 4px; }
.warning-chip { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 3px; background: #f97316;
  color: #fff; text-decoration: none; }
.ov:target, .warning-chip:target { box-shadow: 0 0 0 4px #ec4899; }
.page-notes { font-size: 12px; margin: 4px 0 0; padding-left: 18px; color: #444; }
.structure ul, .structure ol { margin: 2px 0; padding-left: 20px; }
li.level-2 { margin-left: 16px; list-style-type: circle; } li.level-3 { margin-left: 32px; list-style-type: square; }
article { border-left: 3px solid rgba(37, 99, 235, .6); padding: 0 0 2px 8px; margin: 8px 0; }
.lead { font-weight: bold; }
.tag { display: inline-block; font-size: 11px; padding: 0 5px; border-radius: 3px; background: #e5e7eb; margin-right: 4px; }
.tag.kind { background: #fee2e2; } .tag.stitched { background: #f3e8ff; } .tag.unfolded { background: #d1fae5; }
table.data { border-collapse: collapse; font-size: 12px; margin: 4px 0; width: 100%; }
table.data th, table.data td { border: 1px solid #c5cad3; padding: 2px 5px; vertical-align: top; text-align: left; }
table.data thead th { background: #fdf3c4; }
dl.quality { display: grid; grid-template-columns: max-content 1fr; gap: 0 10px; margin: 2px 0; font-size: 12px; }
dl.quality dt { color: #555; } dl.quality dd { margin: 0; }
tr.ambiguous td { background: #ffe4e6; } tr.weak td { background: #fff7d6; }
.table-report { border-left: 3px solid rgba(220, 38, 38, .7); padding-left: 8px; margin: 10px 0; }
:target { scroll-margin-top: 30px; }
li:target, tr:target, article:target, section:target { background: #fde68a; }
pre { white-space: pre-wrap; font-size: 11px; background: #f6f7f9; padding: 4px; }
"""  # noqa: E501  (one rule per line, kept byte-for-byte: the report embeds this text)


def _pct(value: float, total: float) -> str:
    return f"{100.0 * value / total:.3f}%" if total else "0%"


def _box_style(box: BBox, width: float, height: float) -> str:
    x0, top, x1, bottom = box
    return (f"left:{_pct(x0, width)};top:{_pct(top, height)};"
            f"width:{_pct(max(x1 - x0, 0.5), width)};height:{_pct(max(bottom - top, 0.5), height)}")


def _inner_style(box: BBox, outer: BBox) -> str:
    """Position of ``box`` inside the absolutely positioned ``outer`` box."""
    w, h = outer[2] - outer[0], outer[3] - outer[1]
    return _box_style((box[0] - outer[0], box[1] - outer[1], box[2] - outer[0], box[3] - outer[1]), w, h)


def _page_image(page, resolution: int) -> str:
    image = page.to_image(resolution=resolution).original.convert("RGB")
    # A palette of 128 colours keeps text and tints readable at a quarter of the size.
    image = image.quantize(colors=128)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return base64.b64encode(buf.getvalue()).decode("ascii")


class _Renderer:
    def __init__(self, bulletin: "Bulletin", pdf_path: Path, resolution: int,
                 inspect_settings: "InspectSettings | None"):
        self.data = bulletin.data
        assert bulletin.document is not None  # (render() says so first)
        self.doc = bulletin.document
        self.pdf_path = Path(pdf_path)
        self.resolution = resolution
        self.inspect_settings = inspect_settings
        self.tables = {t.id: t for t in self.doc.tables}
        self.table_of_fragment = {fid: t for t in self.doc.tables for fid in t.fragments}
        self.blocks = article_blocks(self.doc, self.data)
        self.warnings = []  # (index, text, page, box)
        texts = self.data.get("warnings") or []
        details = self.data.get("warning_details") or [{"message": text} for text in texts]
        for i, (text, detail) in enumerate(zip(texts, details), start=1):
            page, box = locate_warning(detail, self.doc, self.tables)
            self.warnings.append((i, text, page, box))

    # ---- pages
    def pages_html(self) -> str:
        import pdfplumber

        out = []
        with pdfplumber.open(str(self.pdf_path), password=self.doc.password or "") as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                try:
                    image = _page_image(page, self.resolution)
                    rulings = [float(edge["top"]) for edge in page.horizontal_edges]
                    out.append(self.page_html(number, float(page.width), float(page.height), image, rulings))
                finally:
                    page.close()
        return "\n".join(out)

    def page_html(self, number: int, width: float, height: float, image: str, rulings: list[float]) -> str:
        doc = self.doc
        info = next((p for p in doc.pages if p.number == number), None)
        overlays: list[str] = []
        notes: list[str] = []
        # articles
        for si, section in enumerate(self.data.get("sections") or []):
            for ai, article in enumerate(section["articles"]):
                box = self.blocks.get((si, ai), {}).get(number)
                if box is None:
                    continue
                aid = f"article-{si + 1}-{ai + 1}"
                pad = (box[0] - 3, box[1] - 3, box[2] + 3, box[3] + 3)
                title = f"{article.get('number') or ''} {article['title']}".strip()
                overlays.append(
                    f'<div class="ov ov-article" id="ov-{aid}-p{number}" data-article="{si + 1}.{ai + 1}" '
                    f'style="{_box_style(pad, width, height)}" title="{e(title)}">'
                    f'<a class="ov-label" href="#{aid}">article {si + 1}.{ai + 1}</a></div>')
                notes.append(f'<li><a href="#{aid}">article {si + 1}.{ai + 1}</a>: {e(title)}</li>')
        # images (figures)
        for k, box in enumerate(info.images if info else [], start=1):
            overlays.append(f'<div class="ov ov-figure" id="ov-figure-p{number}-{k}" '
                            f'style="{_box_style(box, width, height)}" title="figure (image)"></div>')
        # tables
        for frag in doc.fragments:
            if frag.page != number:
                continue
            overlays.append(self.fragment_html(frag, width, height, rulings))
            table = self.table_of_fragment.get(frag.id)
            label = f"table {table.id} ({table.kind})" if table else "table grid not kept"
            target = f"#table-{table.id}" if table else f"#ov-{frag.id}"
            notes.append(f'<li><a href="{target}">{e(label)}</a>: grid {e(frag.id)}, '
                         f'{len(frag.rows)} rows × {max(len(frag.col_edges) - 1, 0)} columns, '
                         f'{frag.header_rows} header row(s), {e(frag.method)}</li>')
        # dropped text
        dropped = [ln for ln in doc.lines if ln.page == number and ln.role in DROPPED_ROLES]
        for k, ln in enumerate(dropped, start=1):
            what = DROPPED_ROLES[ln.role]
            overlays.append(f'<div class="ov ov-dropped role-{e(ln.role)}" id="ov-dropped-p{number}-{k}" '
                            f'data-role="{e(ln.role)}" style="{_box_style(ln.bbox, width, height)}" '
                            f'title="{e(what)}: {e(ln.text)}"></div>')
        if dropped:
            kinds = sorted({DROPPED_ROLES[ln.role] for ln in dropped})
            notes.append(f"<li>{len(dropped)} line(s) kept out of the body ({e(', '.join(kinds))}), hatched</li>")
        # warnings
        page_level: list[str] = []
        for i, text, page, box in self.warnings:
            if page != number:
                continue
            if box is None:  # about the page as a whole: a chip above the image
                page_level.append(f'<a class="warning-chip" id="w-{i}" href="#warning-{i}" '
                                  f'title="{e(text)}">warning {i}</a>')
            else:
                pad = (box[0] - 2, box[1] - 2, box[2] + 2, box[3] + 2)
                overlays.append(f'<a class="ov ov-warning" id="w-{i}" href="#warning-{i}" title="{e(text)}" '
                                f'style="{_box_style(pad, width, height)}">'
                                f'<span class="ov-label">warning {i}</span></a>')
            notes.append(f'<li><a href="#warning-{i}">warning {i}</a>: {e(text)}</li>')
        ratio = f"{width:.2f} / {height:.2f}"
        return (f'<section class="page" id="page-{number}" data-page="{number}">'
                f'<h2><span>Page {number}</span><span class="meta">{width:.0f} × {height:.0f} pt</span></h2>'
                + (f'<div class="page-warnings">{" ".join(page_level)}</div>' if page_level else "")
                + f'<div class="sheet" style="aspect-ratio: {ratio}">'
                f'<img alt="page {number}" width="{width:.0f}" height="{height:.0f}" '
                f'src="data:image/png;base64,{image}">'
                + "".join(overlays) + "</div>"
                + (f'<ul class="page-notes">{"".join(notes)}</ul>' if notes else "")
                + "</section>")

    def fragment_html(self, frag: "TableFragment", width: float, height: float, rulings: list[float]) -> str:
        table = self.table_of_fragment.get(frag.id)
        classes = ["ov", "ov-table"]
        label = f"{frag.id}"
        attrs = [f'data-fragment="{e(frag.id)}"', f'data-rows="{len(frag.rows)}"',
                 f'data-cols="{max(len(frag.col_edges) - 1, 0)}"', f'data-header-rows="{frag.header_rows}"']
        if table is not None:
            part = table.fragments.index(frag.id) + 1
            attrs += [f'data-table="{e(table.id)}"', f'data-kind="{e(table.kind)}"',
                      f'data-part="{part}/{len(table.fragments)}"']
            label = f"{table.id} {table.kind}"
            if len(table.fragments) > 1:
                classes.append("stitched")
                label += f" · part {part}/{len(table.fragments)} (stitched)"
            if table.quality.get("unfolded"):
                classes.append("unfolded")
                label += " · two-up, unfolded"
        box = frag.bbox
        # Rows and columns of a table on a sideways page are in its reading frame; its
        # cells are drawn turned back onto the page.
        frame = turn_box(box, frag.turn, width, height) if frag.turn else box
        ys = row_edges(frag, [] if frag.turn else rulings, frame)
        xs = list(frag.col_edges) if len(frag.col_edges) >= 2 else [frame[0], frame[2]]
        covered: dict[tuple[int, int], tuple[int, int]] = {}
        for r0, c0, rs, cs in frag.spans:
            for r in range(r0, r0 + rs):
                for c in range(c0, c0 + cs):
                    covered[(r, c)] = (r0, c0)
        span_of = {(r0, c0): (rs, cs) for r0, c0, rs, cs in frag.spans}
        cells = []
        for r in range(len(frag.rows)):
            for c in range(len(xs) - 1):
                if covered.get((r, c), (r, c)) != (r, c):
                    continue
                rs, cs = span_of.get((r, c), (1, 1))
                cell = (xs[c], ys[r], xs[min(c + cs, len(xs) - 1)], ys[min(r + rs, len(ys) - 1)])
                if frag.turn:
                    cell = page_box(cell, frag.turn, width, height)
                cls = ["ov-cell"]
                if r < frag.header_rows:
                    cls.append("header")
                if (r, c) in span_of:
                    cls.append("merged")
                text = frag.rows[r][c] if c < len(frag.rows[r]) else ""
                cells.append(f'<div class="{" ".join(cls)}" data-row="{r}" data-col="{c}" '
                             f'style="{_inner_style(cell, box)}" title="{e(text)}"></div>')
        href = f"#table-{table.id}" if table is not None else f"#ov-{frag.id}"
        parts = [f'<div class="{" ".join(classes)}" id="ov-{e(frag.id)}" {" ".join(attrs)} '
                 f'style="{_box_style(box, width, height)}">'
                 f'<a class="ov-label" href="{href}">{e(label)}</a>' + "".join(cells) + "</div>"]
        for name, sub in (("caption", frag.caption_bbox), ("notes", frag.notes_bbox)):
            if sub:
                parts.append(f'<div class="ov ov-{name}" data-fragment="{e(frag.id)}" '
                             f'style="{_box_style(sub, width, height)}" title="table {name}"></div>')
        return "".join(parts)

    # ---- structure
    def structure_html(self) -> str:
        d = self.data
        out = [self.header_html(), completeness_html(d), self.warnings_html()]
        issue = d.get("issue") or {}
        out.append('<section id="issue"><h2>Issue</h2><dl class="quality">'
                   + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in issue.items() if v is not None)
                   + "</dl>")
        if d.get("summary"):
            out.append("<h3>Summary</h3><ul>" + "".join(f"<li>{e(s)}</li>" for s in d["summary"]) + "</ul>")
        out.append("</section>")
        out.append(self.sections_html())
        out.append(self.tables_html())
        out.append(self.entities_html())
        return "\n".join(out)

    def header_html(self) -> str:
        d = self.data
        src = d.get("source") or {}
        n_articles = sum(len(s["articles"]) for s in d.get("sections") or [])
        reasons = doubtful_reasons(d, self.inspect_settings)
        doubt = ("<div class=\"doubt\">Doubtful: " + e("; ".join(reasons)) + "</div>") if reasons else ""
        legend = "".join(
            f'<span><i class="sw" style="border-color:{c};{bg}"></i>{e(t)}</span>' for t, c, bg in (
                ("article", "rgba(37,99,235,.75)", ""), ("table grid / cells", "rgba(220,38,38,.9)", ""),
                ("header row", "rgba(220,38,38,.5)", "background:rgba(250,204,21,.5)"),
                ("stitched table", "rgba(147,51,234,.95)", "border-style:dashed"),
                ("unfolded (two-up)", "rgba(5,150,105,.95)", "border-style:dotted"),
                ("figure", "rgba(13,148,136,.85)", ""),
                ("dropped text", "rgba(75,85,99,.8)", "background:rgba(107,114,128,.35)"),
                ("warning", "#f97316", "")))
        return (f'<header id="top"><h1>{e(src.get("file"))}</h1>'
                f'<p class="meta">{e(src.get("pages"))} pages · {len(d.get("sections") or [])} sections · '
                f'{n_articles} articles · {len(d.get("tables") or [])} tables · '
                f'{len(d.get("entities") or [])} entities · '
                f'<a href="#warnings">{len(d.get("warnings") or [])} warnings</a>'
                f' · sha256 {e((src.get("sha256") or "")[:12])}</p>{doubt}'
                f'<div class="legend">{legend}</div>'
                f'<p class="meta">Jump to: <a href="#sections">sections</a> · <a href="#tables">tables</a> · '
                f'<a href="#entities">entities</a> · pages '
                + " ".join(f'<a href="#page-{p}">{p}</a>' for p in range(1, int(src.get("pages") or 0) + 1))
                + "</p></header>")

    def warnings_html(self) -> str:
        items = []
        for i, text, page, box in self.warnings:
            if page is None:
                where = '<span class="tag">whole file</span>'
            else:
                where = f'<a class="tag" href="#w-{i}">page {page}{"" if box else " · whole page"}</a>'
            items.append(f'<li id="warning-{i}">{where}{e(text)}</li>')
        body = f"<ol>{''.join(items)}</ol>" if items else "<p class=\"meta\">none</p>"
        return f'<section id="warnings"><h2>Warnings ({len(items)})</h2>{body}</section>'

    def sections_html(self) -> str:
        out = ['<section id="sections"><h2>Sections and articles</h2>']
        for si, section in enumerate(self.data.get("sections") or []):
            out.append(f'<h3 id="section-{si + 1}">{si + 1}. {e(section["name"] or "(no name)")}</h3>')
            for ai, a in enumerate(section["articles"]):
                aid = f"article-{si + 1}-{ai + 1}"
                pages = " ".join(
                    f'<a href="#ov-{aid}-p{p}">p.{p}</a>' if p in self.blocks.get((si, ai), {})
                    else f'<a href="#page-{p}">p.{p}</a>' for p in a.get("pages") or [])
                parts = [f'<article id="{aid}"><h4>{e(a.get("number") or "")} {e(a["title"])}</h4>',
                         f'<p class="meta">{pages}{" · " + e(a["date"]) if a.get("date") else ""}'
                         f'{" · source " + e(a["source"]) if a.get("source") else ""}'
                         f'{" " + e(a["source_date"]) if a.get("source_date") else ""}</p>']
                if a.get("lead"):
                    parts.append(f'<p class="lead">■ {e(a["lead"])}</p>')
                if a.get("bullets"):
                    parts.append("<ul>" + "".join(f'<li class="level-{int(b["level"])}">{e(b["text"])}</li>'
                                                  for b in a["bullets"]) + "</ul>")
                if a.get("tables"):
                    parts.append("<p>tables: " + " ".join(f'<a href="#table-{e(t)}">{e(t)}</a>'
                                                          for t in a["tables"]) + "</p>")
                if a.get("figures"):
                    parts.append("<p>figures:</p><ul>" + "".join(f"<li>{e(f)}</li>" for f in a["figures"]) + "</ul>")
                if a.get("references"):
                    parts.append("<p>references:</p><ul>" + "".join(
                        f'<li>{e(r.get("title"))} <span class="meta">{e(r.get("url"))}</span></li>'
                        for r in a["references"]) + "</ul>")
                if a.get("notes"):
                    parts.append("<ul>" + "".join(f"<li>{e(n)}</li>" for n in a["notes"]) + "</ul>")
                if (si, ai) not in self.blocks:
                    parts.append('<p class="meta">(its title line was not found on the page: no block drawn)</p>')
                parts.append("</article>")
                out.append("".join(parts))
        if not self.data.get("sections"):
            out.append('<p class="meta">no sections</p>')
        out.append("</section>")
        return "\n".join(out)

    def tables_html(self) -> str:
        out = ['<section id="tables"><h2>Tables</h2>']
        for t in self.data.get("tables") or []:
            q = t.get("quality") or {}
            tags = [f'<span class="tag kind">{e(t["kind"])}</span>']
            if len(t.get("bboxes") or []) > 1 or q.get("stitched_pages"):
                tags.append('<span class="tag stitched">stitched</span>')
            if q.get("unfolded"):
                tags.append('<span class="tag unfolded">two-up, unfolded</span>')
            frag_ids = self.tables[t["id"]].fragments if t["id"] in self.tables else []
            where = " ".join(f'<a href="#ov-{e(fid)}">p.{e(fid.split("-")[0][1:])} ({e(fid)})</a>'
                             for fid in frag_ids) or " ".join(f"p.{p}" for p in t.get("pages") or [])
            quality = "".join(f"<dt>{e(k)}</dt><dd>{e(json.dumps(v, ensure_ascii=False))}</dd>" for k, v in q.items())
            n_cols = max([len(r) for r in (t.get("header") or []) + (t.get("rows") or [])] or [0])
            head = "".join("<tr>" + "".join(f"<th>{e(c)}</th>" for c in row) + "</tr>" for row in t.get("header") or [])
            rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in t.get("rows") or [])
            records = ""
            if t.get("records"):
                records = (f'<details><summary>records ({len(t["records"])})</summary><pre>'
                           + e(json.dumps(t["records"], ensure_ascii=False, indent=1)) + "</pre></details>")
            out.append(
                f'<section class="table-report" id="table-{e(t["id"])}" data-kind="{e(t["kind"])}">'
                f'<h3>{e(t["id"])} {"".join(tags)} {e(t.get("caption") or "")}</h3>'
                f'<p class="meta">pages {" ".join(str(p) for p in t.get("pages") or [])} · grids: {where} · '
                f'{len(t.get("rows") or [])} rows × {n_cols} columns</p>'
                f'<dl class="quality">{quality}</dl>'
                + (f'<p class="meta">source: {e(t["source_note"])}</p>' if t.get("source_note") else "")
                + "".join(f'<p class="meta">{e(n)}</p>' for n in t.get("notes") or [])
                + f'<table class="data"><thead>{head}</thead><tbody>{rows}</tbody></table>{records}</section>')
        if not self.data.get("tables"):
            out.append('<p class="meta">no tables</p>')
        out.append("</section>")
        return "\n".join(out)

    def entities_html(self) -> str:
        ents = self.data.get("entities") or []
        threshold = None
        if self.doc is not None and self.doc.settings is not None:
            threshold = self.doc.settings.names.threshold
        rows = []
        for k, ent in enumerate(ents, start=1):
            cls = "ambiguous" if ent.get("ambiguous") else (
                "weak" if threshold is not None and (ent.get("score") or 0) < threshold + 5 else "")
            cands = ", ".join(f'{c.get("canonical_zh") or c.get("canonical_ko") or "?"}'
                              + (f' {c["score"]:g}' if isinstance(c.get("score"), (int, float)) else "")
                              for c in ent.get("candidates") or [])
            score = ent.get("score")
            rows.append(f'<tr id="entity-{k}" class="{cls}"><td>{e(ent.get("mention"))}</td>'
                        f'<td>{e(ent.get("type"))}</td>'
                        f'<td>{e(ent.get("canonical_ko"))}</td><td>{e(ent.get("canonical_zh"))}</td>'
                        f'<td>{e(ent.get("canonical_en"))}</td><td>{e(ent.get("code"))}</td>'
                        f'<td>{e(f"{score:g}" if isinstance(score, (int, float)) else score)}</td>'
                        f'<td>{"yes" if ent.get("ambiguous") else ""}</td><td>{e(cands)}</td></tr>')
        n_amb = sum(1 for ent in ents if ent.get("ambiguous"))
        return (f'<section id="entities"><h2>Entities ({len(ents)}, {n_amb} ambiguous)</h2>'
                '<p class="meta">ambiguous rows in red; scores close to the acceptance threshold in yellow</p>'
                '<table class="data"><thead><tr><th>mention</th><th>type</th><th>ko</th><th>zh</th><th>en</th>'
                f'<th>code</th><th>score</th><th>ambiguous</th><th>candidates</th></tr></thead><tbody>{"".join(rows)}'
                "</tbody></table></section>")

    def html(self) -> str:
        src = self.data.get("source") or {}
        pages = self.pages_html()
        return ("<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<meta name=\"generator\" content=\"bulletin-extract "
                f"{e(self.data.get('provenance', {}).get('version'))}\">"
                f"<title>inspect: {e(src.get('file'))}</title><style>{CSS}</style></head>\n<body>"
                f'<main class="layout"><div class="pages" id="pages">{pages}</div>\n'
                f'<div class="structure" id="structure">{self.structure_html()}</div></main>'
                "</body></html>\n")


def render(bulletin: "Bulletin", pdf_path: str | Path, *, resolution: int = 100,
           inspect_settings: "InspectSettings | None" = None) -> str:
    """The report of ``bulletin`` (an ``extract.run`` result, with its document) as HTML.
    ``pdf_path`` is the PDF it was made from, opened again for the page images."""
    if bulletin.document is None:
        raise ValueError("the bulletin has no document: use extract.run's result")
    return _Renderer(bulletin, Path(pdf_path), resolution, inspect_settings).html()
