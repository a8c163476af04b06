"""Stage: assemble the contract JSON (``../shared/CONTRACT.md``) from the layers.

Keys come in the contract's order so the written JSON is stable and diffs stay readable.
Fields beyond the contract (provenance, table quality and notes, article numbers) are added
after the core ones.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

SCHEMA_VERSION = "1.0"


def _pages(article, tables_by_fragment) -> list[int]:
    pages = set(article.pages)
    for fid in article.fragments:
        table = tables_by_fragment.get(fid)
        if table is not None:
            pages.update(table.pages)
    if not pages:
        return []
    return list(range(min(pages), max(pages) + 1))


def _issue_tables(doc: "Document") -> list:
    """The issue's tables: not those the segmenter read as its contents or summary."""
    consumed: set[str] = getattr(doc.structure, "consumed_fragments", set())
    return [t for t in doc.tables if not (t.fragments and set(t.fragments) <= consumed)]


def _style(structure) -> dict[str, str]:
    """How each part was told: learned from this issue's own anchors, or the defaults."""
    style = getattr(structure, "style", None)
    if style is None:
        return {}
    out = dict(style.learned)
    if style.heading is not None:
        out["heading_look"] = (f"{style.heading.size:g} pt{' bold' if style.heading.bold else ''}"
                               f", number {style.heading_number or 'none'}")
    if style.lead_mark:
        out["lead_mark"] = style.lead_mark
    return out


def assemble(doc: "Document") -> dict[str, Any]:
    s = doc.structure
    tables_by_fragment = {fid: t for t in doc.tables for fid in t.fragments}
    sections = []
    for section in s.sections:
        articles = []
        for a in section.articles:
            table_ids: list[str] = []
            for fid in a.fragments:
                t = tables_by_fragment.get(fid)
                if t is not None and t.id not in table_ids:
                    table_ids.append(t.id)
            articles.append({
                "title": a.title,
                "lead": a.lead,
                "date": a.date,
                "bullets": [{"level": b.level, "text": b.text} for b in a.bullets],
                "tables": table_ids,
                "figures": a.figures,
                "references": a.references,
                "source": a.source,
                "source_date": a.source_date,
                "pages": _pages(a, tables_by_fragment),
                "number": a.number,
                "notes": a.notes,
                "wraps": _witnesses(a.wraps),
            })
        sections.append({"name": section.name, "articles": articles})
    meta = {k: v for k, v in doc.metadata.items() if k in ("Producer", "Creator", "Title", "Author")}
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"file": doc.path.name, "sha256": doc.sha256, "pages": doc.n_pages},
        "issue": {
            "series": s.series,
            "date": s.date,
            "publisher": s.publisher,
            "issuer": s.issuer,
            "address": s.address,
            "tel": s.tel,
            "url": s.url,
        },
        "contents": s.contents,
        "summary": s.summary,
        "sections": sections,
        "tables": [t.to_dict() for t in _issue_tables(doc)],
        "entities": doc.entities,
        "warnings": doc.warnings.strings(),
        "warning_details": doc.warnings.details(),
        "completeness": doc.completeness,
        "provenance": {
            "tool": "bulletin-extract",
            "version": __version__,
            "is_bulletin": s.is_bulletin,
            "pdf_metadata": meta,
            "timings": {k: round(v, 4) for k, v in doc.timings.items()} if doc.settings.profile else {},
            "style": _style(s),
            "wraps": _wraps(doc),
            "load": _load(doc),
        },
    }


def _load(doc: "Document") -> dict[str, Any]:
    """Which engine read each page (settings.load.engine; pdfium falls back to pdfminer on
    a page it cannot read as the repairs need, and says why)."""
    pages: dict[str, list[int]] = {}
    for p in doc.pages:
        pages.setdefault(p.source, []).append(p.number)
    out: dict[str, Any] = {"engine": doc.settings.load.engine, "pages": pages}
    fallbacks = doc.notes.get("load_fallbacks")
    if fallbacks:
        out["fallbacks"] = dict(fallbacks)
    return out


def _wraps(doc: "Document") -> dict[str, int]:
    """How many line wraps inside Korean text each witness decided: how much of the text
    rests on the page, on the document's own words, on the spacing model, or on nothing.
    Each article's ``wraps`` are the share in its own text (title, lead, bullets, notes,
    references); the rest were in the tables, the contents and the summary. An article the
    completeness pass split off another leaves its wraps counted with that other."""
    return _witnesses(doc._join_stats.witness if doc._join_stats is not None else {})


def _witnesses(counts) -> dict[str, int]:
    return {k: counts.get(k, 0) for k in ("trace", "vocabulary", "model", "default")}


class AssembleStage:
    name = "assemble"

    def process_document(self, doc: "Document") -> None:
        doc.output = assemble(doc)
