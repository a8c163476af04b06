"""The ``bulletin-extract`` command: a thin skin over the Python API.

Each command parses its arguments, calls ``extract``'s API and prints the result; errors
are printed as one line naming the file and the reason, with a non-zero exit code.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from . import __version__
from .settings import InspectSettings

_DOUBT = InspectSettings()  # the thresholds of batch --inspect-doubtful, for its help

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn bulletin PDFs (중국 과학기술 정책 주간동향) into validated JSON.\n\n"
         "Examples:\n\n"
         "  bulletin-extract run issue.pdf -o issue.json\n\n"
         "  bulletin-extract run issue.pdf | jq .issue\n\n"
         "  bulletin-extract text issue.pdf > issue.txt\n\n"
         "  bulletin-extract schema > bulletin.schema.json",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bulletin-extract {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Turn bulletin PDFs into validated JSON."""


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.command("run")
def run_cmd(
    pdf: Path = typer.Argument(..., help="The bulletin PDF."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write JSON here (default: stdout)."),
    password: Optional[str] = typer.Option(None, "--password", help="Password of an encrypted PDF."),
    no_validate: bool = typer.Option(False, "--no-validate", help="Skip JSON Schema validation."),
    strict: bool = typer.Option(False, "--strict", help="Exit 3 when the bulletin's self-checks find it "
                                                        "incomplete (the output is still written)."),
) -> None:
    """Extract one PDF to JSON.

    Example: bulletin-extract run issue.pdf -o issue.json
    """
    import extract
    from .errors import ExtractError

    try:
        bulletin = extract.run(pdf, password=password, validate=not no_validate)
    except ExtractError as exc:
        _fail(str(exc))
    if output is None:
        sys.stdout.write(bulletin.to_json())
    else:
        bulletin.write(output)
        typer.echo(bulletin.summary_line(), err=True)
    _report_incomplete(bulletin.data, strict)


def _report_incomplete(data: dict, strict: bool) -> None:
    """One line on stderr when the self-checks found the issue incomplete (``completeness``);
    with --strict that is exit 3, else the conversion still counts as done (exit 0)."""
    from .completeness import summary_line

    line = summary_line(data)
    if line is None:
        return
    typer.echo(f"warning: {line}", err=True)
    if strict:
        raise typer.Exit(3)


@app.command("text")
def text_cmd(
    pdf: Path = typer.Argument(..., help="The PDF."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the text here (default: stdout)."),
    password: Optional[str] = typer.Option(None, "--password", help="Password of an encrypted PDF."),
) -> None:
    """Print the reading-order text of a PDF, for full-text indexing.

    The text as the layout stage reads it: glyph repairs applied (each printed on stderr as
    a warning), invisible text and overprints left out, word spaces from the gaps; pages
    separated by a form feed. Works on any PDF, bulletin or not.

    Example: bulletin-extract text issue.pdf -o issue.txt
    """
    import extract
    from .errors import ExtractError
    from .settings import Settings
    from .write import write_atomic

    warnings: list[str] = []
    try:
        text = extract.text(pdf, Settings(password=password), warnings)
    except ExtractError as exc:
        _fail(str(exc))
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)
        typer.echo(f"wrote {output}", err=True)


@app.command("inspect")
def inspect_cmd(
    pdf: Path = typer.Argument(..., help="The bulletin PDF."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="Write the HTML report here (default: FILE.inspect.html beside the PDF)."),
    password: Optional[str] = typer.Option(None, "--password", help="Password of an encrypted PDF."),
    resolution: Optional[int] = typer.Option(None, "--resolution", min=24, max=400,
                                             help="Pixels per inch of the page images (default 100)."),
) -> None:
    """Write one self-contained HTML file showing what was found on each page.

    Page images with overlays (articles, table grids and cells, header rows, stitched and unfolded tables, dropped headers/footers, warnings) beside the extracted structure. The output is not schema-validated, so a file whose output would be invalid can still be looked at.

    Example: bulletin-extract inspect issue.pdf -o report.html
    """
    import extract
    from .errors import ExtractError
    from .settings import Settings

    out = output if output is not None else pdf.with_name(pdf.stem + ".inspect.html")
    settings = Settings(password=password, validate=False)
    try:
        written = extract.inspect(pdf, out, settings, resolution=resolution)
    except ExtractError as exc:
        _fail(str(exc))
    typer.echo(f"wrote {written}", err=True)


@app.command("batch")
def batch_cmd(
    in_dir: list[Path] = typer.Argument(..., help="Folders (searched recursively) or PDF files."),
    out_dir: Path = typer.Option(..., "-o", "--output", help="Output folder; its structure mirrors the input."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Files converted at once."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds a file may take, plus --timeout-per-page per page."),
    timeout_per_page: float = typer.Option(5.0, "--timeout-per-page", help="Extra seconds allowed per page."),
    max_memory: int = typer.Option(1500, "--max-memory", help="Memory cap of each conversion in MB (0: none)."),
    password_file: Optional[Path] = typer.Option(None, "--password-file",
                                                 help="Lines 'PATTERN<TAB>PASSWORD' or 'PASSWORD'."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Rerun only the files that failed before."),
    executor: str = typer.Option("local", "--executor", help="local, or dask (pip install '.[dask]')."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (default: a LocalCluster)."),
    inspect_doubtful: bool = typer.Option(False, "--inspect-doubtful",
                                          help="Also write OUT/inspect/<name>.html for each file converted whose output "
                                               f"is doubtful: more than {_DOUBT.max_warnings} warnings, or a table with "
                                               f"over {_DOUBT.max_empty_cell_ratio:.0%} empty cells or without rulings "
                                               "(thresholds: extract.settings.InspectSettings)."),
) -> None:
    """Convert a whole archive: resumable, one process per file, failures listed in errors.csv.

    Example: bulletin-extract batch archive/ -o out/ --workers 2
    """
    from .batching import Limits, load_passwords
    from .progress import BatchProgress
    import extract

    if executor not in ("local", "dask"):
        _fail(f"--executor must be 'local' or 'dask', not {executor!r}", code=2)
    for item in in_dir:
        if not item.exists():
            _fail(f"{item}: no such file or folder", code=2)
    limits = Limits(timeout=timeout, per_page=timeout_per_page, max_memory_mb=max_memory or None)
    with BatchProgress() as progress:
        report = extract.batch(in_dir, out_dir, workers=workers, limits=limits,
                               passwords=load_passwords(password_file), retry_failed=retry_failed,
                               executor=executor, scheduler=scheduler, progress=progress.event,
                               inspect_doubtful=inspect_doubtful)
    progress.print_summary(report)
    raise typer.Exit(report.exit_code)


@app.command("check")
def check_cmd(
    output: Path = typer.Argument(..., help="An output JSON, or a folder of them."),
    golden: Path = typer.Argument(..., help="The golden JSON, or a folder of them (paired by name)."),
    ignore: list[str] = typer.Option([], "--ignore", help="Path glob to leave out, e.g. source.sha256, "
                                                          "warnings, 'tables[*].quality'. Repeatable."),
    fmt: str = typer.Option("text", "--format", help="text, json or junit (JUnit XML for CI)."),
    accept_changes: bool = typer.Option(False, "--accept", help="Copy differing outputs over their goldens."),
    renumber_tables: bool = typer.Option(False, "--renumber-tables",
                                         help="Compare tables by position, not by id (for goldens whose "
                                              "producer named its tables differently, e.g. b01 for t01)."),
) -> None:
    """Compare outputs with golden JSON field by field; exit 1 when anything differs.

    Example: bulletin-extract check out/ golden/ --ignore provenance --format junit > report.xml
    """
    from .check import accept, check_paths

    if fmt not in ("text", "json", "junit"):
        _fail(f"--format must be text, json or junit, not {fmt!r}", code=2)
    try:
        report = check_paths(output, golden, ignore=ignore, renumber=renumber_tables)
    except FileNotFoundError as exc:
        _fail(str(exc), code=2)
    text = {"text": report.as_text, "json": report.as_json, "junit": report.as_junit}[fmt]()
    sys.stdout.write(text)
    if accept_changes:
        for line in accept(report):
            typer.echo(line, err=True)
        raise typer.Exit(0)
    raise typer.Exit(report.exit_code)


@app.command("names")
def names_cmd(
    names: list[str] = typer.Argument(None, help="Names to resolve; '-' reads one per line from stdin."),
    from_file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read names, one per line, from a file."),
    kind: Optional[str] = typer.Option(None, "--type", help="region, country, company or institution."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per name."),
) -> None:
    """Show how names resolve to canonical entities, with score and runner-up.

    Example: bulletin-extract names 광동성 귀저우 美国 산시
    """
    import json

    from .normalize import Normalizer

    items = list(names or [])
    if "-" in items:
        items.remove("-")
        items += [ln.strip() for ln in sys.stdin if ln.strip()]
    if from_file is not None:
        items += [ln.strip() for ln in from_file.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if not items:
        _fail("give names as arguments, with --file, or '-' for stdin", code=2)
    if kind not in (None, "region", "country", "company", "institution"):
        _fail(f"--type must be region, country, company or institution, not {kind!r}", code=2)
    normalizer = Normalizer()
    rows = []
    for name in items:
        res = normalizer.resolve(name, kind)
        d = res.to_dict()
        if res.type in ("region", "country"):
            others = [c for c, _ in normalizer.ranked(name) if c["canonical_zh"] != res.canonical_zh]
            scores = dict((c["canonical_zh"], s) for c, s in normalizer.ranked(name))
            d.setdefault("candidates", [dict(c, score=scores.get(c["canonical_zh"])) for c in others[:1]])
        rows.append(d)
    if as_json:
        for d in rows:
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    # five columns, the canonical names in one, so that the table fits 80 columns (--json has all fields)
    table = Table("mention", "type", "canonical", "score", "candidates", padding=(0, 1))
    for d in rows:
        cands = ", ".join(f"{c.get('canonical_zh')} {c.get('score') or ''}".strip() for c in d.get("candidates", []))
        names = " ".join(d[k] for k in ("canonical_ko", "canonical_zh", "canonical_en", "code") if d[k])
        if d["ambiguous"]:
            names = "[yellow]ambiguous[/yellow]"
        table.add_row(d["mention"], d["type"], names or "-", f"{d['score']:g}", cands)
    Console().print(table)


@app.command("export")
def export_cmd(
    source: Path = typer.Argument(..., help="An output JSON, or a folder of them."),
    to: str = typer.Option(..., "--to", help="csv, xlsx, parquet or sqlite."),
    dest: Path = typer.Option(..., "-o", "--output", help="Folder (csv, parquet) or file (xlsx, sqlite)."),
) -> None:
    """Export tables for spreadsheets and databases.

    Example: bulletin-extract export out/ --to sqlite -o archive.sqlite
    """
    from .export import export

    if to not in ("csv", "xlsx", "parquet", "sqlite"):
        _fail(f"--to must be csv, xlsx, parquet or sqlite, not {to!r}", code=2)
    try:
        written = export(source, to, dest)
    except (FileNotFoundError, RuntimeError) as exc:
        _fail(str(exc), code=2)
    typer.echo(f"wrote {len(written)} file(s) to {dest}", err=True)


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema the output is validated against."""
    from importlib import resources

    sys.stdout.write(resources.files("extract").joinpath("data/bulletin.schema.json").read_text(encoding="utf-8"))


def main() -> None:
    import logging

    # pypdf and pdfminer log every oddity of a damaged file as a warning; the user gets our
    # one-line error or the output's warnings instead.
    for name in ("pypdf", "pdfminer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    app(prog_name="bulletin-extract")


if __name__ == "__main__":  # pragma: no cover
    main()
