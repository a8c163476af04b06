"""The one object every stage reads from and adds its layer to."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostics
from .model import PageInfo, Table, TableFragment, TextLine
from .settings import Settings


@dataclass
class Document:
    path: Path
    settings: Settings = field(default_factory=Settings)
    # load
    sha256: str = ""
    n_pages: int = 0
    password: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    pages: list[PageInfo] = field(default_factory=list)
    # tables (per page, then stitched)
    fragments: list[TableFragment] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    # layout
    lines: list[TextLine] = field(default_factory=list)
    # segment
    structure: Any = None  # segment.Structure
    # completeness (the output's "completeness" object)
    completeness: dict[str, Any] | None = None
    # normalize
    entities: list[dict[str, Any]] = field(default_factory=list)
    # assemble
    output: dict[str, Any] | None = None
    # across stages
    #: What a stage could not read, guessed or dropped (see diagnostics).
    warnings: Diagnostics = field(default_factory=Diagnostics)
    timings: dict[str, float] = field(default_factory=dict)
    notes: dict[str, Any] = field(default_factory=dict)  # counters for provenance
    _join_stats: Any = field(default=None, repr=False)

    def join_stats(self):
        """How this document's words are split (textjoin.JoinStats over the body lines),
        counted once when the tables stage first asks and shared with the segmenter: both
        join wrapped lines by it."""
        if self._join_stats is None:
            from .textjoin import JoinStats

            every = [lines for f in self.fragments for row in f.cell_lines for lines in row if lines]
            cells = [lines for lines in every if len(lines) > 1]
            self._join_stats = JoinStats(self.body_lines, cells, all_cells=every)
        return self._join_stats

    @property
    def body_lines(self) -> list[TextLine]:
        return [ln for ln in self.lines if ln.role == "body"]
