"""What the commands share: enumerated choices, the password, settings and page options,
PDFs from standard input, and how much is said (``-q``/``-v``).

Kept apart from ``cli.py`` so each command there stays a short list of its own options.
"""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Iterator, Optional

import typer

#: The environment variable read for the password of an encrypted PDF: unlike --password,
#: it shows neither in `ps` nor in the shell's history.
PASSWORD_ENV = "BULLETIN_EXTRACT_PASSWORD"


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"
    sqlite = "sqlite"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    junit = "junit"


class Executor(str, Enum):
    local = "local"
    dask = "dask"


# ------------------------------------------------------------------ how much is said

VERBOSITY = {"level": 0}  # -1 quiet, 0 normal, 1 -v, 2 -vv


def set_verbosity(quiet: bool, verbose: int) -> None:
    import logging

    level = -1 if quiet else min(verbose, 2)
    VERBOSITY["level"] = level
    # pypdf and pdfminer log every oddity of a damaged file as a warning; by default the
    # user gets our one-line error or the output's warnings instead; -v shows them.
    parsers = {2: logging.DEBUG, 1: logging.WARNING}.get(level, logging.ERROR)
    if level >= 1:
        logging.basicConfig(stream=sys.stderr, format="%(name)s: %(levelname)s: %(message)s")
    for name in ("pypdf", "pdfminer"):
        logging.getLogger(name).setLevel(parsers)


def is_quiet() -> bool:
    return VERBOSITY["level"] < 0


def say(message: str) -> None:
    """A line on stderr for a person (summaries, notes); silent under -q."""
    if VERBOSITY["level"] >= 0:
        typer.echo(message, err=True)


def detail(message: str) -> None:
    """A line on stderr under -v only (stage timings)."""
    if VERBOSITY["level"] >= 1:
        typer.echo(message, err=True)


def timings_line(data: dict) -> str:
    timings = (data.get("provenance") or {}).get("timings") or {}
    return "timings: " + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in timings.items())


def json_lines(inner):
    """batch --json: each file's outcome as one JSON line on stdout, as soon as it is known
    (converted, failed, or kept from an earlier run); ``inner`` still gets every event."""
    import json

    def event(kind: str, info: dict) -> None:
        inner(kind, info)
        if kind == "file":
            r = info["result"]
            line = {"file": info["file"], "status": r.status, "error_class": r.error_class, "message": r.message,
                    "pages": r.pages, "seconds": round(r.seconds, 3), "warnings": r.warnings,
                    "output": info.get("output") if r.status == "done" else None}
        elif kind == "kept":
            line = {"file": info["file"], "status": info["status"], "output": info.get("output")}
        else:
            return
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    return event


def file_lines(inner):
    """batch -v: one line per finished file on stderr (status, pages, seconds)."""
    def event(kind: str, info: dict) -> None:
        inner(kind, info)
        if kind == "file":
            r = info["result"]
            why = f" {r.error_class}" if r.error_class else ""
            detail(f"{info['file']}: {r.status}{why}, {r.pages or 0} pages, {r.seconds:.2f} s")

    return event


# ------------------------------------------------------------------ options


def password_option():
    return typer.Option(None, "--password", help=f"Password of an encrypted PDF (better: --password-file, or "
                                                 f"the {PASSWORD_ENV} environment variable).")


def password_file_option():
    return typer.Option(None, "--password-file", help="Read the password from the first line of this file.")


def set_option():
    return typer.Option([], "--set", metavar="KEY=VALUE",
                        help="Change one setting, e.g. tables.strategy=lattice (see extract/settings.py). "
                             "Repeatable.")


def settings_option():
    return typer.Option(None, "--settings", metavar="FILE.toml",
                        help="Settings from a TOML file (\\[tables] strategy = \"lattice\" ...); --set wins.")


def pages_option():
    return typer.Option(None, "--pages", metavar="1,3-5", help="Read only these pages (1-based).")


def resolve_password(password: Optional[str], password_file: Optional[Path]) -> Optional[str]:
    """--password, else the first line of --password-file, else $BULLETIN_EXTRACT_PASSWORD."""
    if password is not None:
        return password
    if password_file is not None:
        try:
            lines = password_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise typer.BadParameter(f"{password_file}: {exc.strerror or exc}", param_hint="'--password-file'") from exc
        return lines[0] if lines else ""
    return os.environ.get(PASSWORD_ENV) or None


def parse_pages(spec: Optional[str]) -> Optional[list[int]]:
    """'1,3-5' -> [1, 3, 4, 5]."""
    if spec is None:
        return None
    pages: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        first, sep, last = part.partition("-")
        try:
            lo, hi = int(first), int(last) if sep else int(first)
        except ValueError as exc:
            raise typer.BadParameter(f"{spec!r}: give page numbers and ranges like 1,3-5",
                                     param_hint="'--pages'") from exc
        if lo < 1 or hi < lo:
            raise typer.BadParameter(f"{part!r} is not a range of pages from 1 on", param_hint="'--pages'")
        pages.update(range(lo, hi + 1))
    return sorted(pages)


def build_settings(assignments: list[str], settings_file: Optional[Path], **top):
    """Settings from --settings and --set, then the command's own options (password,
    validate, pages ... given as keywords, None for 'not given')."""
    from .settings import SettingsError, load_settings

    try:
        settings = load_settings(settings_file, assignments)
    except SettingsError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--set' / '--settings'") from exc
    for key, value in top.items():
        if value is not None:
            setattr(settings, key, value)
    return settings


@contextlib.contextmanager
def input_pdf(pdf: Path) -> Iterator[Path]:
    """``-`` reads the PDF from standard input (into a temporary file named stdin.pdf, which
    the output's source.file then says); any other path is used as it is."""
    if str(pdf) != "-":
        yield pdf
        return
    data = typer.get_binary_stream("stdin").read()
    if not data:
        raise typer.BadParameter("'-' reads a PDF from standard input, and it was empty", param_hint="PDF")
    with tempfile.TemporaryDirectory(prefix="bulletin-extract-") as folder:
        path = Path(folder) / "stdin.pdf"
        path.write_bytes(data)
        yield path
