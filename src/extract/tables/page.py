"""One page's tables by the configured strategy (``TableSettings.strategy``).

``lattice``: ruled grids only (``detect``); ``stream``: aligned text only (``stream``);
``auto``: ruled grids first, then aligned text in the areas no ruled grid covers.
"""
from __future__ import annotations

from ..model import TableFragment
from ..settings import TableSettings
from .detect import find_ruled_fragments
from .stream import find_stream_fragments

STRATEGIES = ("auto", "lattice", "stream")


def find_fragments(page, page_number: int, settings: TableSettings, gap: float | None = None,
                   chars: list[dict] | None = None, warnings: list[str] | None = None) -> list[TableFragment]:
    """Every table of the page as a TableFragment (see model.TableFragment), top to bottom;
    ``gap`` is the page's word-gap threshold (layout.page_word_gap), ``chars`` its
    de-duplicated glyphs (default: all of the page's). With a ``warnings`` list, a failure
    of the stream detector is noted there and the ruled tables are still returned."""
    if settings.strategy not in STRATEGIES:
        raise ValueError(f"unknown table strategy {settings.strategy!r} (use one of {', '.join(STRATEGIES)})")
    chars = page.chars if chars is None else chars
    fragments: list[TableFragment] = []
    if settings.strategy in ("auto", "lattice"):
        fragments = find_ruled_fragments(page, page_number, settings, gap, chars)
    if settings.strategy in ("auto", "stream"):
        taken = [box for f in fragments for box in f.occupied]
        try:
            fragments += find_stream_fragments(page, page_number, settings, gap, chars, taken, len(fragments) + 1)
        except Exception as exc:
            if warnings is None:
                raise
            warnings.append(f"page {page_number}: stream table detection failed ({type(exc).__name__}: {exc})")
    fragments.sort(key=lambda f: (f.bbox[1], f.bbox[0]))
    for k, f in enumerate(fragments, start=1):
        f.id = f"p{page_number}-{k}"
    return fragments
