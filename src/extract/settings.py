"""One settings object for the whole pipeline, with defaults that suit the bulletin.

Each stage reads its own part (``settings.layout``, ``settings.tables``, ...). Values are
plain numbers so they can be tuned from Python or the CLI without touching the stages: the
commands that read a PDF take ``--set tables.strategy=lattice`` (repeatable) and
``--settings FILE.toml``, both checked by :func:`load_settings` (an unknown key or a value
of the wrong type is a usage error naming it).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, is_dataclass

#: The glyph sources the load stage can read pages with (see ``LoadSettings.engine``).
ENGINES = ("pdfminer", "pdfium")
#: Settings whose values are one of a few words.
CHOICES = {"tables.strategy": ("auto", "lattice", "stream"), "load.engine": ENGINES}
#: Settings given in percent (rapidfuzz scores): 0 to 100.
PERCENT = {"names.threshold", "names.margin", "names.type_margin", "names.typed_threshold",
           "names.org_threshold", "completeness.title_ratio"}
#: Settings that may be negative: max_warnings -1 makes every output doubtful (a report for each).
SIGNED = {"inspect.max_warnings"}


class SettingsError(ValueError):
    """An unknown setting, or a value of the wrong type or range: the message names it."""


def _group(obj) -> str:
    return _GROUPS.get(type(obj).__name__, "")


def check_value(key: str, kind: str, value) -> None:
    """Raise SettingsError unless ``value`` suits the setting ``key`` of declared type
    ``kind``: the type, one of its CHOICES, a share (``*_share``) from 0 to 1, a percent
    from 0 to 100, any other number not negative (but those in SIGNED)."""
    optional = "None" in kind
    kind = kind.replace("| None", "").replace("None |", "").strip()
    if value is None:
        if optional:
            return
        raise SettingsError(f"setting {key!r} cannot be empty")
    expected = {"bool": (bool,), "int": (int,), "float": (int, float), "str": (str,)}.get(kind)
    if expected and (not isinstance(value, expected) or (kind != "bool" and isinstance(value, bool))):
        raise SettingsError(f"setting {key!r} must be {'an' if kind == 'int' else 'a'} {kind}, not {value!r}")
    choices = CHOICES.get(key)
    if choices and value not in choices:
        raise SettingsError(f"setting {key!r} must be one of {', '.join(choices)}, not {value!r}")
    if kind in ("int", "float"):
        name = key.rsplit(".", 1)[-1]
        if name.endswith("_share") and not 0 <= value <= 1:
            raise SettingsError(f"setting {key!r} is a share: from 0 to 1, not {value!r}")
        if key in PERCENT and not 0 <= value <= 100:
            raise SettingsError(f"setting {key!r} is a score: from 0 to 100, not {value!r}")
        if value < 0 and key not in SIGNED:
            raise SettingsError(f"setting {key!r} cannot be negative ({value!r})")


class _Checked:
    """Settings groups check every field when made (``TableSettings(strategy="guess")``
    raises SettingsError, a ValueError, naming the field and the allowed values)."""

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> None:
        """Check every field again (after fields were set one by one)."""
        group = _group(self)
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if isinstance(value, _Checked):
                value.check()
            else:
                check_value(f"{group}.{f.name}" if group else f.name, str(f.type), value)


@dataclass
class LayoutSettings(_Checked):
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
    #: An image covering at least this share of the page is the page itself (a scan) or its
    #: background, not a figure: text over it is body text.
    page_image_share: float = 0.8
    #: Invisible text (render mode 3) is read as the page's text, not dropped as an OCR layer
    #: over a figure, when the visible glyphs are fewer than this share of it (a scanned page
    #: with its recognised text, as ocrmypdf makes them).
    scan_visible_share: float = 0.1


@dataclass
class TableSettings(_Checked):
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
    #: A first or last grid row that is one cell across all columns, with at least this
    #: many words, is the table's title or note drawn inside its frame (a sentence); a
    #: shorter one is a group heading over the columns and stays a row.
    frame_row_words: int = 4
    #: A ruled cell spanning several columns is split back into them when its text sits in
    #: two or more of them with at least this many em of empty space across each inner
    #: column boundary (banded tables draw the rules of every other row only, so the
    #: unshaded rows read as one merged cell; a merged title's word spaces are ~0.3 em).
    span_split_gap: float = 1.0
    #: Which detectors run: "lattice" (ruled grids only), "stream" (aligned text only) or
    #: "auto" (ruled grids first, then aligned text outside them).
    strategy: str = "auto"
    #: Stream: two words further apart than this many em are in different cells of a row (a
    #: justified line stretches its word spaces to about 0.4 em, a column gap is wider).
    stream_chunk_gap: float = 1.0
    #: Stream: a gap in the x-projection of the rows' words at least this many em wide
    #: separates two columns (wider than a word space or a thousands separator, 0.25 em;
    #: narrower than the space left between the widest cells of neighbouring columns).
    stream_column_gap: float = 0.3
    #: Stream: rows further apart than this many em (blank space) end an aligned block.
    stream_row_gap: float = 1.6
    #: Stream: ... unless the rows below (up to the next such gap) go on in the block's
    #: columns and the gap is at most this many em: the padding between the rows of a table
    #: drawn without rules (HTML cells padded a quarter em or more each side, 1.7 em seen),
    #: wider than body text's paragraph spacing (about 1.5 em).
    stream_padded_row_gap: float = 2.5
    #: Stream: a column gap must be a chunk gap (``stream_chunk_gap``) in at least this
    #: share of the rows with words on both sides of it.
    stream_gap_support: float = 0.2
    #: Stream: a wrapped cell's next line sits at most this many em under the line above.
    stream_wrap_gap: float = 0.8
    #: Stream: one-chunk rows (section labels, wrapped cells) allowed in a row inside a block.
    stream_max_single_rows: int = 2
    #: Stream: a table needs at least this many rows with two or more filled cells.
    stream_min_rows: int = 3
    #: Stream: rows with at least this share of the block's usual number of chunks define
    #: the columns (sparser rows, spanning headers, do not).
    stream_dense_share: float = 0.5
    #: A ruled grid is re-read from its aligned words (as a stream table over its area) when
    #: at least ``crowded_line_share`` of its text lines are two or more figures side by
    #: side in cells of at least ``crowded_cell_lines`` lines: the rules frame groups of a
    #: finer table.
    crowded_cell_lines: int = 4
    crowded_line_share: float = 0.6
    #: Stream: a horizontal rule at least this share of the page wide can bound a table.
    stream_rule_min_width: float = 0.15
    #: Stream: two rules of a stack more than this many em of empty page apart (or with no
    #: text between) belong to different tables (a page-header rule over a table's rule).
    stream_rule_gap: float = 4.0
    #: Stream: a table bounded by no rule needs this many columns; two aligned columns
    #: without rules are as often a label/value list (a colophon, a form) as a table.
    stream_min_cols_unruled: int = 3
    #: Stream: in a table a cell's words are close together; when more than this share of
    #: the body's cells hold a column-wide gap inside, the "columns" are stretched running
    #: text whose wide spaces happen to line up.
    stream_split_cell_share: float = 0.3
    #: Stream: when more than this share of the cells are a single CJK glyph, the "table"
    #: is vertical writing read across the lines (one glyph of each line per row).
    stream_lone_glyph_share: float = 0.5
    #: Stream: at most this many text lines above the header rule are header lines.
    stream_max_header_lines: int = 8
    #: Stream: a column whose cells have this many words (median) holds running text; a
    #: table needs two columns that do not (two-column prose and bullet lists are refused).
    stream_prose_words: float = 5.0
    #: Body and tables arbitrate (tables.arbitrate): a numbered line is a heading, not a row,
    #: when set this much larger than the region's usual row (or bold among regular rows).
    arbitrate_heading_size: float = 1.1
    #: ... a line of one run without a number, when set this much larger.
    arbitrate_bare_heading_size: float = 1.2
    #: ... a lone larger line next to a structure line goes with it, from this size up.
    arbitrate_loose_size: float = 1.15
    #: Evidence of a stream table: a column holds when text fills this share of its rows,
    stream_hold_share: float = 0.5
    #: and is of one type (figures, labels, text) when this share of its cells are.
    stream_type_share: float = 0.667


@dataclass
class SegmentSettings(_Checked):
    """How the segmenter tells structure from body text by size and spacing (sizes are
    shares of the body's size, gaps shares of the line's own size)."""

    #: A numbered line ('01 title') is a heading when bold or set this much larger than the body.
    heading_size: float = 1.1
    #: A line not in the contents is a section banner, once the issue's banners were learned,
    #: when set this much larger than the body.
    banner_size: float = 1.15
    #: Display type: lines this much larger than the body name a section or series and are
    #: never a summary item, a contents entry or a wrapped line of text.
    display_size: float = 1.3
    #: The cover's title is set at least this much larger than the body.
    cover_title_size: float = 1.6
    #: Lines further apart than this many of their size (top to top, or gap) are separate blocks.
    block_gap: float = 1.5
    #: A title or lead line continues the one above when the gap is under this many of its size.
    continuation_gap: float = 0.8
    #: ... and a line in the title's own learned style, under this many.
    styled_continuation_gap: float = 1.2
    #: Two lines are of one size when their sizes differ by less than this many points.
    size_tolerance: float = 0.6
    #: Indents (marker positions, levels) within this many body sizes are one.
    indent_tolerance: float = 0.6


@dataclass
class NameSettings(_Checked):
    #: Best fuzzy score needed to accept a match (0-100).
    threshold: float = 80.0
    #: The best match must beat the runner-up by this many points.
    margin: float = 6.0
    #: Hangul fuzzy score = (1 - w) * ratio of the letters (jamo) + w * ratio of the consonants
    #: alone: a vowel slip (지란 for 지린) costs less than another consonant (지난).
    consonant_weight: float = 0.5
    #: A misspelt name of no known type whose best candidates of the two types (region, country)
    #: are closer than this is ambiguous: 하이랸 is 荷兰 86 as a country but 海南 67 as a region.
    type_margin: float = 20.0
    #: Best fuzzy score needed when the column or record field says the type (a region column):
    #: a slip of one of that type's names is then likelier than chance.
    typed_threshold: float = 70.0
    #: Score needed to give a company printed without its Hanzi the known names of a company
    #: whose Korean core name is close (베이다제약 -> 贝达 Betta).
    org_threshold: float = 90.0
    #: Also list company/institution columns of generic tables (대표업체, 기관명) as entities.
    #: Off: the contract's truth files list organisations of the typed tables only.
    generic_organisations: bool = False


@dataclass
class InspectSettings(_Checked):
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
class CompletenessSettings(_Checked):
    #: rapidfuzz ratio (0-100) on folded text above which a contents title is that heading
    #: (the shared scorer matches titles at 0.9 similarity).
    title_ratio: float = 90.0
    #: A title shorter than this (characters without spaces) is not searched for inside
    #: longer lines: too short to be told from ordinary text.
    min_title_chars: int = 6
    #: Share of a summary item's character pairs found in an article's text above which the
    #: item can be that article's.
    summary_overlap: float = 0.35
    #: Body lines shorter than this (characters without spaces) are not looked for in the
    #: output by the dropped-text check (a stray number, a symbol).
    min_line_chars: int = 4
    #: How many dropped lines the text check lists besides those like headings (all listed).
    max_listed_lines: int = 8
    #: A dropped-text line found in the output but for this many characters at one end is
    #: not dropped (a date's opening wrapped to the next line, a bracket a join took off).
    line_edge_chars: int = 4



@dataclass
class LoadSettings(_Checked):
    #: What reads each page's glyphs, rules and images: "pdfium" (pypdfium2, the default:
    #: several times faster, and every sample, corpus file and render scores equal or better
    #: with it, issue #21; a page pdfium cannot read as the repairs need, e.g. a font without
    #: ToUnicode, falls back to pdfminer, and the output's provenance.load says which read
    #: each page; see extract/pdfium_source.py) or "pdfminer" (through pdfplumber).
    engine: str = "pdfium"


@dataclass
class Settings(_Checked):
    password: str | None = None
    validate: bool = True
    #: Record per-stage timings in the output's provenance.
    profile: bool = True
    #: Read only these pages (1-based; ``--pages 1,3-5``); None reads them all.
    pages: list[int] | None = None
    #: A failure of our own code that a run would otherwise survive as a warning (a table
    #: detector raising on one page) is raised instead. The tests run fail-fast (the
    #: environment variable BULLETIN_EXTRACT_FAIL_FAST=1 sets the default), users do not: one
    #: page's bug must not cost an archive its issue.
    fail_fast: bool = field(default_factory=lambda: os.environ.get("BULLETIN_EXTRACT_FAIL_FAST") == "1")
    layout: LayoutSettings = field(default_factory=LayoutSettings)
    segment: SegmentSettings = field(default_factory=SegmentSettings)
    tables: TableSettings = field(default_factory=TableSettings)
    names: NameSettings = field(default_factory=NameSettings)
    inspect: InspectSettings = field(default_factory=InspectSettings)
    completeness: CompletenessSettings = field(default_factory=CompletenessSettings)
    load: LoadSettings = field(default_factory=LoadSettings)


# ------------------------------------------------------------------ from the command line

#: Each group's class name -> its name in Settings ('TableSettings' -> 'tables'), for messages.
_GROUPS = {str(f.type): f.name for f in fields(Settings) if str(f.type).endswith("Settings")}


def _leaf_names(obj, prefix: str = "") -> list[str]:
    from dataclasses import fields

    names = []
    for f in fields(obj):
        value = getattr(obj, f.name)
        names += _leaf_names(value, f"{prefix}{f.name}.") if is_dataclass(value) else [prefix + f.name]
    return names


def _coerce(key: str, kind: str, value):
    """``value`` (a string from ``--set``, or a TOML value) as the field's declared type."""
    optional = "None" in kind
    kind = kind.replace("| None", "").replace("None |", "").strip()
    if value is None or (isinstance(value, str) and value.lower() in ("none", "null") and optional):
        if optional:
            return None
        raise SettingsError(f"setting {key!r} cannot be empty")
    try:
        if kind == "bool":
            if isinstance(value, bool):
                return value
            words = {"true": True, "1": True, "yes": True, "on": True,
                     "false": False, "0": False, "no": False, "off": False}
            return words[str(value).strip().lower()]
        if kind == "int":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            return int(value)
        if kind == "float":
            if isinstance(value, bool):
                raise ValueError
            return float(value)
        if kind.startswith(("list", "tuple")):
            return [int(v) for v in (value if isinstance(value, (list, tuple)) else str(value).split(","))]
        if kind == "str":
            if not isinstance(value, str):
                raise ValueError
            return value
    except (KeyError, ValueError, TypeError):
        raise SettingsError(f"setting {key!r} must be {'a' if kind != 'int' else 'an'} {kind}, not {value!r}") \
            from None
    return value


def apply_setting(settings: "Settings", key: str, value) -> None:
    """Set the dotted ``key`` (``tables.strategy``) of ``settings`` to ``value``, converted
    to the field's type; raises :class:`SettingsError` naming an unknown key or a bad value."""
    from dataclasses import fields

    target, parts = settings, key.strip().split(".")
    for depth, part in enumerate(parts):
        known = {f.name: f for f in fields(target)}
        if part not in known:
            import difflib

            close = difflib.get_close_matches(key, _leaf_names(settings), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else " (the settings are in extract/settings.py)"
            raise SettingsError(f"unknown setting {key!r}{hint}")
        if depth < len(parts) - 1:
            target = getattr(target, part)
            if not is_dataclass(target):
                raise SettingsError(f"unknown setting {key!r}: {'.'.join(parts[:depth + 1])} has no parts")
            continue
        if is_dataclass(getattr(target, part)):
            raise SettingsError(f"setting {key!r} is a group; set one of its fields, e.g. {key}."
                                f"{fields(getattr(target, part))[0].name}")
        converted = _coerce(key, str(known[part].type), value)
        check_value(key, str(known[part].type), converted)
        setattr(target, part, converted)


def load_settings(path=None, assignments=(), base: "Settings | None" = None) -> "Settings":
    """Settings from a TOML file (``[tables]`` / ``strategy = "lattice"``, or dotted keys)
    and then ``KEY=VALUE`` assignments (``tables.strategy=lattice``), each validated."""
    settings = base or Settings()
    if path is not None:
        try:
            import tomllib
        except ImportError:  # Python 3.10
            try:
                import tomli as tomllib  # type: ignore[no-redef]
            except ImportError:
                raise SettingsError("reading a settings file needs Python 3.11+ (or pip install tomli)") from None
        from pathlib import Path

        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise SettingsError(f"{path}: cannot read the settings file ({exc.strerror or exc})") from None
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{path}: not valid TOML ({exc})") from None

        def flat(d, prefix=""):
            for k, v in d.items():
                if isinstance(v, dict):
                    yield from flat(v, f"{prefix}{k}.")
                else:
                    yield prefix + k, v

        for key, value in flat(data):
            try:
                apply_setting(settings, key, value)
            except SettingsError as exc:
                raise SettingsError(f"{path}: {exc}") from None
    for item in assignments:
        key, sep, value = item.partition("=")
        if not sep:
            raise SettingsError(f"--set takes KEY=VALUE (e.g. tables.strategy=lattice), not {item!r}")
        apply_setting(settings, key, value.strip())
    return settings
