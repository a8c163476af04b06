"""One settings object for the whole pipeline, with defaults that suit the bulletin.

Each stage reads its own part (``settings.layout``, ``settings.tables``, ...). Values are
plain numbers so they can be tuned from Python or the CLI without touching the stages.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LayoutSettings:
    #: Glyphs closer than this fraction of the font size are one word, where a page has too
    #: few gaps to learn its own word spacing from (see layout.word_gap_threshold).
    word_gap_ratio: float = 0.15
    #: Characters whose vertical centres differ less than this fraction of the size share a line.
    line_overlap_ratio: float = 0.5
    #: A line seen at the same place (within this many points) on at least
    #: ``running_min_share`` of the pages is a running header or footer.
    running_position_tolerance: float = 4.0
    running_min_share: float = 0.5
    #: Header/footer bands: only lines this close to the top/bottom edge can be running.
    running_band: float = 0.12
    #: Overprinted glyphs (fake bold, duplicates) closer than this many points are one glyph.
    dedupe_tolerance: float = 1.0


@dataclass
class TableSettings:
    #: Ruling segments shorter than this (points) are ignored (underlines, bullets).
    min_edge_length: float = 3.0
    #: Edges within this distance are snapped together.
    snap_tolerance: float = 3.0
    #: Distance in points searched above a table for its 〈caption〉.
    caption_distance: float = 40.0
    #: Distance in points searched below a table for '* 출처' / '* 주석' notes.
    note_distance: float = 30.0
    #: Share of the page height at its top where a full-width grid row is a page-header
    #: band, not part of a table.
    margin_band: float = 0.09
    #: Tables need at least this many rows and columns.
    min_rows: int = 2
    min_cols: int = 2


@dataclass
class NameSettings:
    #: Best fuzzy score needed to accept a match (0-100).
    threshold: float = 80.0
    #: The best match must beat the runner-up by this many points.
    margin: float = 6.0
    #: Hangul fuzzy score = (1 - w) * ratio of the letters (jamo) + w * ratio of the consonants
    #: alone: a vowel slip (지란 for 지린) costs less than another consonant (지난).
    consonant_weight: float = 0.5
    #: Score needed to give a company printed without its Hanzi the known names of a company
    #: whose Korean core name is close (베이다제약 -> 贝达 Betta).
    org_threshold: float = 90.0
    #: Also list company/institution columns of generic tables (대표업체, 기관명) as entities.
    #: Off: the contract's truth files list organisations of the typed tables only.
    generic_organisations: bool = False


@dataclass
class InspectSettings:
    """The inspection report (``bulletin-extract inspect``, ``extract.inspect``) and which
    outputs ``batch --inspect-doubtful`` writes one for (``report.doubtful_reasons``)."""

    #: Pixels per inch of the page images inlined in the report.
    resolution: int = 100
    #: An output with more warnings than this is doubtful.
    max_warnings: int = 5
    #: A table with a larger share of empty cells than this is doubtful.
    max_empty_cell_ratio: float = 0.3
    #: A table read from aligned words (no ruled grid) is doubtful.
    flag_stream_tables: bool = True


@dataclass
class Settings:
    password: str | None = None
    validate: bool = True
    #: Record per-stage timings in the output's provenance.
    profile: bool = True
    layout: LayoutSettings = field(default_factory=LayoutSettings)
    tables: TableSettings = field(default_factory=TableSettings)
    names: NameSettings = field(default_factory=NameSettings)
    inspect: InspectSettings = field(default_factory=InspectSettings)
