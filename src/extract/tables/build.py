"""From page fragments to the document's logical tables: stitch, unfold, type."""
from __future__ import annotations

import re
from typing import Callable

from ..diagnostics import Diagnostic
from ..model import Table, TableFragment, TextLine
from ..settings import TableSettings
from ..textjoin import JoinStats, line_was_full
from .cells import join_cell
from .kinds import classify, numbered, records
from .stitch import continues, repeated_header_rows, split_at_repeated_headers, widened_to
from .twoup import header_repeats, repeat_width, unfold

SOURCE_NOTE = re.compile(r"^[*※]?\s*(?:출처|자료|source)\s*[:：]\s*(.+)$", re.I)


def _rejoin(frag: TableFragment, stats: JoinStats | None) -> None:
    """Cell and note text joined again with the whole document's word statistics."""
    if stats is None:
        return
    if frag.cell_lines:
        edges = column_edges(frag.cell_lines)
        frag.rows = [[join_cell(lines, stats, edges.get(c)) for c, lines in enumerate(row)] for row in frag.cell_lines]
    if frag.note_lines:
        frag.notes = [join_cell(lines, stats) for lines in frag.note_lines]


def column_edges(cell_lines: list[list[list[TextLine]]]) -> dict[int, float]:
    """Per column, the furthest end of its cells' lines: where the column's text reaches, so
    at least where its edge is (a cell's box minus its padding may lie past it)."""
    edges: dict[int, float] = {}
    for row in cell_lines:
        for c, lines in enumerate(row):
            for ln in lines:
                if ln.x1 > edges.get(c, float("-inf")):
                    edges[c] = ln.x1
    return edges


#: A cell that is a figure (a count, a share, a score, a date): no header label is one.
FIGURE = re.compile(r"^[\d.,%~\-–/()'’+*\s]+$")


def _reads_as_header(rows: list[list[str]]) -> bool:
    """A first row that names the columns though nothing draws it as a header (no shading,
    no bold; ``_names_columns``), with rows under it."""
    return len(rows) >= 3 and _names_columns(rows[0])


def _names_columns(first: list[str]) -> bool:
    """A label over (nearly) every column, no figure among them, none longer than a short
    phrase, no two alike (but for a two-up list's header, twice the same)."""
    k = repeat_width(first)
    labels = [c.strip() for c in (first[:k] if k else first) if c.strip()]
    return len(labels) >= max(2, len(first[:k] if k else first) - 1) and len(set(labels)) == len(labels) \
        and not any(FIGURE.match(c) for c in labels) and all(len(c.split()) <= 6 for c in labels)


def header_count(frag: TableFragment) -> int:
    """Header rows of a fragment: those drawn as a header, else a first row that reads as one
    (see ``_reads_as_header``; noted in its quality as ``header_by_position``)."""
    return frag.header_rows or (1 if frag.quality.get("header_by_position") else 0)


def _chains(fragments: list[TableFragment], text_between) -> list[list[TableFragment]]:
    chains: list[list[TableFragment]] = []
    for frag in fragments:
        header = chains[-1][0].rows[: header_count(chains[-1][0])] if chains else None
        if chains and continues(chains[-1][-1], frag, text_between, header):
            chains[-1].append(frag)
            continue
        widened = widened_to(chains[-1][-1], frag) if chains else None
        if widened is not None and continues(chains[-1][-1], widened, text_between, header):
            chains[-1].append(widened)
        else:
            chains.append([frag])
    return chains


def _header_by_repeat(chain: list[TableFragment]) -> None:
    """A first row that nothing draws as a header, too few rows under it to read as one
    (a table's part of a row or two at a page's foot), repeated atop the next part: the
    producer repeats a header, not a row; both are headers (noted as ``header_by_position``)."""
    first = chain[0]
    if len(chain) < 2 or header_count(first) or len(first.rows) < 2 or not _names_columns(first.rows[0]):
        return
    if repeated_header_rows(first.rows[:1], chain[1])[1] == "header repeated":
        first.quality["header_by_position"] = True
        chain[1].quality["header_by_position"] = True


def _continue_merged_cells(prev: TableFragment, rows: list[list[str]]) -> None:
    """A merged cell that reaches the bottom of a page goes on over the top rows of the
    continuation where those are empty (a ranking tier spanning the page break), also when
    it shows as an ordinary cell on the page's last row of a column of merged cells."""
    last = len(prev.rows) - 1
    # A cell drawn open at the foot while the rest of its row is closed runs on.
    for c in prev.open_columns:
        for row in rows:
            if c >= len(row) or row[c] or not any(row[k] for k in range(len(row)) if k != c):
                break
            row[c] = prev.rows[last][c]
    if rows and _runs_on(prev, rows[0]):
        return  # the rest of the last row's long cells (a row broken by the page), not a row
    # A column of merged cells (a tier beside its ranks) whose last cell starts on the last
    # row: the break may fall inside that cell too, leaving the continuation's first rows
    # blank there; their other cells are filled.
    merged_cols = {c0 for r0, c0, rowspan, colspan in prev.spans if rowspan >= 2 and colspan == 1}
    for c in sorted(merged_cols):
        if c >= len(prev.rows[last]) or not prev.rows[last][c]:
            continue
        if any(r0 <= last < r0 + rowspan and rowspan >= 2 for r0, c0, rowspan, _ in prev.spans if c0 == c):
            continue  # a span reaching the bottom: handled below
        for row in rows:
            if c >= len(row) or row[c] or not any(row[k] for k in range(len(row)) if k != c):
                break
            row[c] = prev.rows[last][c]
    for r0, c0, rowspan, colspan in prev.spans:
        if r0 + rowspan - 1 != last or rowspan < 2:
            continue
        text = prev.rows[r0][c0]
        for row in rows:
            if any(row[c] for c in range(c0, min(c0 + colspan, len(row)))):
                break
            for c in range(c0, min(c0 + colspan, len(row))):
                row[c] = text


def _runs_on(prev: TableFragment, row: list[str]) -> bool:
    """Does ``row``, the first of a continuation, hold the rest of the cells of ``prev``'s
    last row: every cell of it with text continues a cell whose last line on the page before
    was full (the text ran on to the next line, and the line was over the page break)?"""
    if not prev.cell_lines or not any(row):
        return False
    last = prev.cell_lines[-1]
    return all(c < len(last) and last[c] and line_was_full(last[c][-1], text)
               for c, text in enumerate(row) if text)


def _rejoin_split_row(prev: TableFragment, prev_rows: list[list[str]], frag: TableFragment, first: int,
                      rows_here: list[list[str]], stats: JoinStats | None) -> bool:
    """A row broken by the page (word processors let a row run over the page break): the
    continuation's first row has nothing in a column that every other row of the table
    fills (the first column, or any other: the row's short cells ended on the page before),
    and text in another. Its cells are the ends of the last row's cells: their lines are
    joined to them, and the row is dropped. Returns whether it was."""
    if not rows_here or not prev_rows or not any(rows_here[0]):
        return False
    others = prev_rows + rows_here[1:]
    if not any(not text and all(c < len(row) and row[c] for row in others)
               for c, text in enumerate(rows_here[0])):
        return False  # every column blank in the first row has blanks of its own: it says nothing
    for c, text in enumerate(rows_here[0]):
        if text and FIGURE.match(text) and prev_rows[-1][c:c + 1] and FIGURE.match(prev_rows[-1][c]):
            # A figure where the row above has one (a rank, a score): a row of its own under
            # a merged cell that runs over the page break, not the end of a broken row.
            return False
    last, lines_last = prev_rows[-1], prev.cell_lines[-1] if prev.cell_lines else None
    lines_first = frag.cell_lines[first] if len(frag.cell_lines) > first else None
    for c, text in enumerate(rows_here[0]):
        if not text or c >= len(last):
            continue
        if lines_last and lines_first and c < len(lines_last) and c < len(lines_first):
            last[c] = join_cell(list(lines_last[c]) + list(lines_first[c]), stats)
        else:
            last[c] = f"{last[c]} {text}".strip()
    del rows_here[0]
    return True


def build_tables(fragments: list[TableFragment], settings: TableSettings | None = None,
                 stats: JoinStats | None = None,
                 text_between: Callable[[TableFragment, TableFragment], bool] | None = None,
                 ) -> tuple[list[Table], list[Diagnostic]]:
    """Logical tables (ids t01, t02 ... in reading order) and warnings about each join."""
    warnings: list[Diagnostic] = []
    tables: list[Table] = []
    ordered = sorted(fragments, key=lambda f: (f.page, f.bbox[1]))
    for frag in ordered:
        _rejoin(frag, stats)
        if not frag.header_rows and _reads_as_header(frag.rows):
            frag.quality["header_by_position"] = True
    for chain in _chains(ordered, text_between):
        if all(f.quality.get("header_only") for f in chain):
            continue  # a header row alone at a page's foot that no table continues
        _header_by_repeat(chain)
        table_id = f"t{len(tables) + 1:02d}"
        first = chain[0]
        header = [list(r) for r in first.rows[: header_count(first)]]
        parts, dropped = split_at_repeated_headers(header, [list(r) for r in first.rows[header_count(first):]])
        quality = dict(first.quality)
        prev = first
        for frag in chain[1:]:
            n, how = repeated_header_rows(header, frag)
            dropped += n
            pieces, inside = split_at_repeated_headers(header, [list(r) for r in frag.rows[n:]])
            dropped += inside
            rows_here = pieces[0]
            _continue_merged_cells(prev, rows_here)
            if _rejoin_split_row(prev, parts[-1], frag, n, rows_here, stats):
                warnings.append(Diagnostic(f"a row broken by the page break on page {frag.page} was joined to "
                                           "the row above it", code="tables", table=table_id, page=frag.page))
            parts += [p for p in pieces if p]
            where = "further down the page" if frag.page == prev.page else f"on page {frag.page}"
            prev = frag
            warnings.append(Diagnostic(f"joined its continuation {where} ({how})", code="tables", table=table_id,
                                       page=frag.page))
        k = repeat_width(header[-1]) if header else None
        if k and header_repeats(header, k):
            header = [row[:k] for row in header]
            rows = unfold(parts, k)
            quality["unfolded"] = True
        else:
            rows = [row for part in parts for row in part]
            quality["unfolded"] = False
        quality["stitched_pages"] = [f.page for f in chain] if len(chain) > 1 else []
        quality["header_repeats_dropped"] = dropped
        header_text = header[-1] if header else []
        kind = classify(header_text, first.caption)
        recs, rec_warnings = records(kind, header_text, rows)
        if recs and not numbered(recs):
            # The header reads like a typed kind, but the rows are not numbered as that
            # kind's rows always are: a table that happens to share its header words.
            warnings.append(Diagnostic(f"its header reads as {kind}, but most rows have no number in their first "
                                       "column; kept as a generic table", code="records", table=table_id))
            kind, recs, rec_warnings = "generic", [], []
        warnings += [Diagnostic(w, code="records", table=table_id) for w in rec_warnings]
        notes = [n for f in chain for n in f.notes]
        source_note = None
        other_notes = []
        for note in notes:
            m = SOURCE_NOTE.match(note)
            if m and source_note is None:
                source_note = m.group(1).strip()
            else:
                other_notes.append(note)
        tables.append(Table(
            id=table_id, kind=kind, caption=first.caption, source_note=source_note, header=header,
            rows=rows, records=recs, pages=_pages(chain), fragments=[f.id for f in chain],
            notes=other_notes, quality=quality, bboxes=[(f.page, f.bbox) for f in chain],
        ))
    return tables, warnings


def _pages(chain: list[TableFragment]) -> list[int]:
    """The pages a table covers: its fragments', and its caption's where the producer left
    the caption at the foot of the page before (a reader finds the table there)."""
    pages = {f.page for f in chain}
    if chain[0].caption_page:
        pages.add(chain[0].caption_page)
    return sorted(pages)
