"""The tables stage: the pipeline's adapter over this package. Per page, find the ruled
grids and the aligned-text tables outside them (before layout, so their text stays out of
the body); per document, stitch, unfold and type them (see the ``tables`` package)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import page_warning
from ..glyphs.geometry import point_in_box
from ..markers import caption_text
from ..textjoin import fold
from .build import build_tables
from .page import find_fragments
from .turned import to_page, turned_page

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document


class TablesStage:
    name = "tables"

    def process_page(self, doc: "Document", number: int, page) -> None:
        info = doc.pages[-1]
        try:
            # Text running sideways: the tables are read in its reading frame.
            view = turned_page(page.page, info.turn, page.chars) if info.turn else page.page
            found = find_fragments(view, number, doc.settings.tables, info.word_gap,
                                          chars=view.chars if info.turn else page.chars,
                                          warnings=None if doc.settings.fail_fast else doc.warnings,
                                          continuing=self._page_before_ends_in_a_table(doc, number),
                                          layout=doc.settings.layout)
            if info.turn:
                found = [to_page(f, info.turn, info.width, info.height) for f in found]
        except Exception as exc:  # a table we cannot read must not cost the whole issue
            if doc.settings.fail_fast:
                raise
            doc.warnings.append(page_warning(number, f"table detection failed ({type(exc).__name__}: {exc})", "tables"))
            return
        self._note_arbitration(doc, number, found)
        doc.fragments.extend(found)

    @staticmethod
    def _note_arbitration(doc: "Document", number: int, found) -> None:
        """Say where the body had its say over an aligned-words table (tables.arbitrate): a
        table cut at structure lines, or one kept on thin evidence."""
        for f in found:
            returned = f.quality.get("structure_lines_returned")
            if returned:
                doc.warnings.append(page_warning(number, f"a table read from aligned words was cut at {returned} "
                                                         f"heading, lead or source line(s); they stay in the body",
                                                 "tables"))
            ev = f.quality.get("evidence") or {}
            if ev.get("verdict") == "doubtful":
                missing = "a header row" if not ev.get("header") else "2 columns that hold and are of one type"
                doc.warnings.append(page_warning(number, f"a table read from aligned words, not a ruled grid, "
                                                         f"kept without {missing} "
                                                         f"(rows {len(f.rows)}, "
                                                         f"columns {len(f.rows[0]) if f.rows else 0})",
                                                 "tables"))

    @staticmethod
    def _page_before_ends_in_a_table(doc: "Document", number: int) -> bool:
        """A table reaches the last quarter of the page before (it may go on here)."""
        before = [f for f in doc.fragments if f.page == number - 1 and not f.turn]
        if not before or len(doc.pages) < 2:
            return False
        return max(f.bbox[3] for f in before) >= 0.75 * doc.pages[-2].height

    def process_document(self, doc: "Document") -> None:
        body = [ln for ln in doc.lines if ln.role == "body"]

        def text_between(a, b) -> bool:
            """Body text below ``a`` on its page or above ``b`` on the next one (between
            them, on one page) means ``b`` is not a continuation of ``a``."""
            if a.page == b.page:  # parts of one table further down the same page
                return any(ln.page == a.page and ln.top > a.bbox[3] - 1 and ln.bottom < b.bbox[1] + 1
                           for ln in body)
            # (A line starting on the table's bottom edge is its own text run over it.)
            return any((ln.page == a.page and ln.top > a.bbox[3] + 1) or (ln.page == b.page and ln.bottom < b.bbox[1])
                       for ln in body)

        self._adopt_orphan_captions(doc, body)
        stats = doc.join_stats()
        doc.tables, warnings = build_tables(doc.fragments, doc.settings.tables, stats, text_between)
        doc.warnings.extend(warnings)
        self._claim_lone_headers(doc)

    @staticmethod
    def _claim_lone_headers(doc: "Document") -> None:
        """The text of a header row left alone at a page's foot (and its caption) is the
        table's once the table overleaf has continued it; otherwise it stays body text."""
        used = {fid for t in doc.tables for fid in t.fragments}
        for f in doc.fragments:
            if not f.quality.get("header_only") or f.id not in used:
                continue
            for ln in doc.lines:
                if ln.page != f.page or ln.role != "body":
                    continue
                cx, cy = (ln.x0 + ln.x1) / 2, (ln.top + ln.bottom) / 2
                for box, role in ((f.bbox, "table"), (f.caption_bbox, "caption")):
                    if box and point_in_box(cx, cy, box):
                        ln.role = role

    @staticmethod
    def _adopt_orphan_captions(doc: "Document", body) -> None:
        """A 〈caption〉 left alone at the foot of a page belongs to the table that opens the
        next page (the producer moved the table, not its caption)."""
        for frag in doc.fragments:
            if frag.caption or any(ln.page == frag.page and ln.bottom <= frag.bbox[1] for ln in body):
                continue
            above = [ln for ln in body if ln.page == frag.page - 1]
            if not above:
                continue
            last = max(above, key=lambda ln: ln.bottom)
            if any(f.page == last.page and f.bbox[1] >= last.bottom - 1 for f in doc.fragments):
                continue  # a table stands under it: that page's caption of a figure or table, not an orphan
            caption = caption_text(last.text)
            if caption:
                frag.caption = fold(caption)
                frag.caption_page = last.page
                last.role = "caption"
                doc.warnings.append(page_warning(frag.page, f"table caption found at the foot of page {last.page}",
                                                 "tables"))
