"""Plain dataclasses passed between the stages.

The pipeline's order (``pipeline.PAGE_STAGES`` and ``DOCUMENT_STAGES``):

  per page, while it is open:
    load         -> PageInfo (+ the pdfplumber page, only while that page is processed)
    tables       -> TableFragment per table part on a page (ruled grids: tables.detect;
                    aligned text: tables.stream)
    layout       -> TextLine per line of body text
  once, over the document:
    layout       -> running headers/footers marked, the text column's right edge
    tables       -> Table per logical table (fragments stitched and unfolded, typed records)
    segment      -> the bulletin's structure (cover, contents, sections, articles ...)
    completeness -> the bulletin checked against its own redundancy (what is missing)
    normalize    -> Entity per name mention
    assemble     -> the contract JSON (a dict)
    validate     -> the JSON checked against the schema

Coordinates are pdfplumber's: points, origin top-left, ``top`` grows downwards.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .glyphs.geometry import BBox  # x0, top, x1, bottom (re-exported for the stages)


@dataclass
class PageInfo:
    number: int  # 1-based
    width: float
    height: float
    rotation: int = 0
    n_chars: int = 0
    images: list[BBox] = field(default_factory=list)
    #: Filled rectangles wider than half the page (section banners, shaded boxes).
    bands: list[BBox] = field(default_factory=list)
    #: Gap (in em) above which two glyphs of a line are separate words on this page.
    word_gap: float | None = None
    #: Quarter turns of the page's text when most of it runs sideways (layout.sideways_turn).
    turn: int = 0
    #: Which engine read the page's objects: "pdfminer" or "pdfium" (settings.load.engine).
    source: str = "pdfminer"


@dataclass(slots=True)
class TextLine:
    """One line of text in reading order, with the font facts segmentation needs.

    Slotted: a document keeps every page's lines to its end (the document stages read
    them all), about 40 a page, and without an instance dict each costs 250 bytes less
    (9 MB over 1,000 pages)."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # median font size of the line's glyphs
    bold: bool = False
    #: Set by the layout stage: "body", "running" (header/footer), "caption", "note",
    #: "figure" (text inside an image area) or "table" (inside a table grid).
    role: str = "body"
    #: Right edge of the text column the line sits in (for line-join decisions).
    column_right: float | None = None
    #: The producer put a space glyph after the last visible glyph: a wrap at a space.
    trailing_space: bool = False
    #: Width of the line's space glyphs (their median, in points; 0 when it has none).
    space_width: float = 0.0
    #: Width of the line's Hangul syllables (their median advance, in points; 0 when it has
    #: none): Korean fonts set every syllable equally wide, so it tells whether one more
    #: would have fitted in the room a line left (``textjoin.line_was_full``).
    hangul_width: float = 0.0
    #: The font most of the line's glyphs are set in (subset prefix dropped): the segmenter
    #: learns an issue's heading and banner styles by it.
    font: str = ""

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass
class TableFragment:
    """One ruled (or aligned) grid on one page, before stitching across pages."""

    id: str  # "p3-1": page 3, first grid on the page
    page: int
    bbox: BBox
    rows: list[list[str]]  # every row of the grid as printed, header rows included
    header_rows: int = 0  # how many leading rows are header rows
    col_edges: list[float] = field(default_factory=list)  # x of the column boundaries
    #: y of the row boundaries (len(rows) + 1 values) where the grid's rulings give them;
    #: empty for tables read from aligned words, whose rows have no drawn boundary.
    row_edges: list[float] = field(default_factory=list)
    caption: str | None = None  # text of the 〈caption〉 above, without the brackets
    caption_bbox: BBox | None = None
    #: The page the caption stands on when it was left at the foot of the page before.
    caption_page: int | None = None
    notes: list[str] = field(default_factory=list)  # '* 출처: ...' lines under the grid
    notes_bbox: BBox | None = None
    method: str = "lattice"  # "lattice" (ruled) or "stream" (aligned words)
    #: The text lines of every cell (rows x columns x lines), kept so that wrapped cell
    #: text can be joined with the document's own word statistics once all pages are read.
    cell_lines: list[list[list[TextLine]]] = field(default_factory=list, repr=False)
    #: The text lines of every note, for the same reason.
    note_lines: list[list[TextLine]] = field(default_factory=list, repr=False)
    #: Per row: True where the row is drawn as a header (shaded or bold).
    header_like: list[bool] = field(default_factory=list)
    #: Merged cells: (row, col, rowspan, colspan) in ``rows`` coordinates.
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: Columns whose last cell is drawn open at the grid's foot while others are closed: a
    #: merged cell running on over the page break.
    open_columns: list[int] = field(default_factory=list)
    quality: dict[str, Any] = field(default_factory=dict)
    #: Quarter turns of the page's text when the table was read on a sideways page
    #: (tables.turned): ``bbox`` and the caption/notes boxes are in page coordinates, the
    #: column and row edges and the cell lines in the reading frame.
    turn: int = 0

    @property
    def occupied(self) -> list[BBox]:
        """Every area whose text belongs to the table and not to the body."""
        out = [self.bbox]
        if self.caption_bbox:
            out.append(self.caption_bbox)
        if self.notes_bbox:
            out.append(self.notes_bbox)
        return out


@dataclass
class Table:
    """A logical table of the output: fragments stitched, two-up unfolded, typed."""

    id: str
    kind: str  # drug_approvals | device_approvals | compute_platforms | country_rankings | generic
    caption: str | None
    source_note: str | None
    header: list[list[str]]
    rows: list[list[str]]
    records: list[dict[str, Any]]
    pages: list[int]
    fragments: list[str] = field(default_factory=list)  # TableFragment ids, in order
    notes: list[str] = field(default_factory=list)  # other notes ('* 주석 ...')
    quality: dict[str, Any] = field(default_factory=dict)
    bboxes: list[tuple[int, BBox]] = field(default_factory=list)  # (page, bbox) per fragment

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "caption": self.caption,
            "source_note": self.source_note,
            "header": self.header,
            "rows": self.rows,
            "records": self.records,
            "pages": self.pages,
            "notes": self.notes,
            "quality": self.quality,
            "bboxes": [{"page": p, "bbox": [round(v, 1) for v in b]} for p, b in self.bboxes],
        }
