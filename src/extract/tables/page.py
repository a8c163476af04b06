"""One page's tables by the configured strategy (``TableSettings.strategy``).

``lattice``: ruled grids only (``detect``); ``stream``: aligned text only (``stream``);
``auto``: ruled grids first (a grid whose cells each hold many rows of figures re-read from
its aligned words), then aligned text in the areas no ruled grid covers.
"""
from __future__ import annotations

from ..diagnostics import Diagnostic, page_warning
from ..model import TableFragment
from ..settings import LayoutSettings, TableSettings
from .arbitrate import heading_box
from .detect import VALUE, find_ruled_fragments
from .stream import find_stream_fragments

STRATEGIES = ("auto", "lattice", "stream")


def find_fragments(page, page_number: int, settings: TableSettings, gap: float | None = None,
                   chars: list[dict] | None = None, warnings: list[Diagnostic] | None = None,
                   continuing: bool = False, layout: LayoutSettings | None = None) -> list[TableFragment]:
    """Every table of the page as a TableFragment (see model.TableFragment), top to bottom;
    ``gap`` is the page's word-gap threshold (layout.page_word_gap), ``chars`` its
    de-duplicated glyphs (default: all of the page's). With a ``warnings`` list, a failure
    of the stream detector is noted there and the ruled tables are still returned; without
    one (``Settings.fail_fast``), it is raised.
    ``continuing``: the page before ended in a table (a one-row grid opening this page is
    then read as its last row). ``layout`` groups the glyphs into lines (the run's
    ``Settings.layout``; its defaults for a page read on its own)."""
    layout = layout if layout is not None else LayoutSettings()
    if settings.strategy not in STRATEGIES:
        raise ValueError(f"unknown table strategy {settings.strategy!r} (use one of {', '.join(STRATEGIES)})")
    chars = page.chars if chars is None else chars
    fragments: list[TableFragment] = []
    if settings.strategy in ("auto", "lattice"):
        fragments = find_ruled_fragments(page, page_number, settings, gap, chars, continuing, layout)
    # A heading drawn in boxes (its number beside its title, a banner over it) is the
    # body's: its text stays out of the tables (see arbitrate.heading_box).
    fragments = [f for f in fragments if not heading_box(f)]
    if settings.strategy == "auto":
        fragments = [_reread_crowded(f, fragments, page, page_number, settings, layout, gap, chars, warnings is None)
                     for f in fragments]
    if settings.strategy in ("auto", "stream"):
        taken = [box for f in fragments for box in f.occupied]
        try:
            fragments += find_stream_fragments(page, page_number, settings, gap, chars, taken, len(fragments) + 1,
                                               layout, continuing=continuing)
        except Exception as exc:
            if warnings is None:
                raise
            warnings.append(page_warning(page_number, f"stream table detection failed ({type(exc).__name__}: {exc})",
                                         "tables"))
    fragments.sort(key=lambda f: (f.bbox[1], f.bbox[0]))
    for k, f in enumerate(fragments, start=1):
        f.id = f"p{page_number}-{k}"
    return fragments


def _value_list(line) -> bool:
    """A text line of two or more values side by side (figures of neighbouring columns)."""
    words = line.text.split()
    return len(words) >= 2 and all(VALUE.match(w) for w in words)


def _crowded(fragment: TableFragment, settings: TableSettings) -> bool:
    """Most of a ruled grid's text lines are rows of figures stacked in cells of many lines:
    the rules frame groups of columns and rows (vertical rules between column groups only,
    no rule between the rows), each cell a block of a finer table. Cells of wrapped text
    are not crowded: their lines are words, not figures."""
    cells = {id(cell): cell for row in fragment.cell_lines for cell in row if cell}
    lines = sum(len(cell) for cell in cells.values())
    crowded = sum(1 for cell in cells.values() if len(cell) >= settings.crowded_cell_lines
                  for ln in cell if _value_list(ln))
    return lines > 0 and crowded >= settings.crowded_line_share * lines


def _covers(outer, inner, share: float = 0.9) -> bool:
    """``outer`` covers most of ``inner``: a re-reading must stand where the grid stood."""
    w = min(outer[2], inner[2]) - max(outer[0], inner[0])
    h = min(outer[3], inner[3]) - max(outer[1], inner[1])
    area = max((inner[2] - inner[0]) * (inner[3] - inner[1]), 1e-6)
    return w > 0 and h > 0 and w * h >= share * area


def _reread_crowded(fragment: TableFragment, fragments: list[TableFragment], page, page_number: int,
                    settings: TableSettings, layout: LayoutSettings, gap: float | None,
                    chars: list[dict], strict: bool = False) -> TableFragment:
    """A crowded ruled grid (see ``_crowded``) read again from its aligned words: the stream
    table over its area (widened to the aligned columns beside the rules) replaces it when
    it has more rows and at least as many columns."""
    if fragment.method != "lattice" or not _crowded(fragment, settings):
        return fragment
    taken = [box for f in fragments if f is not fragment for box in f.occupied]
    try:
        found = find_stream_fragments(page, page_number, settings, gap, chars, taken, 1, layout)
    except Exception:
        if strict:
            raise
        return fragment  # the ruled reading stands
    n_cols = len(fragment.rows[0]) if fragment.rows else 0
    for f in found:
        if _covers(f.bbox, fragment.bbox) and len(f.rows) > len(fragment.rows) and \
                len(f.rows[0]) >= n_cols:
            f.quality["reread_from_lattice"] = True
            return f
    return fragment
