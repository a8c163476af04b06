"""The ``bulletin-extract`` command: a thin skin over the Python API.

Each command parses its arguments, calls ``extract``'s API and prints the result; errors
are printed as one line naming the file and the reason, with a non-zero exit code.
"""
from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path
from typing import Optional

import typer

from .cli_options import (
    PASSWORD_ENV,
    CheckFormat,
    Executor,
    ExportFormat,
    build_settings,
    detail,
    file_lines,
    input_pdf,
    is_quiet,
    json_lines,
    pages_option,
    parse_pages,
    password_file_option,
    password_option,
    resolve_password,
    say,
    set_option,
    set_verbosity,
    settings_option,
    timings_line,
)
from .settings import InspectSettings
from .version import __version__

_DOUBT = InspectSettings()  # the thresholds of batch --inspect-doubtful, for its help

app = typer.Typer(
    # --install-completion / --show-completion for bash, zsh, fish and PowerShell.
    add_completion=True,
    no_args_is_help=True,
    # A traceback must never print local variables: the password is one of them.
    pretty_exceptions_show_locals=False,
    help="Turn bulletin PDFs (중국 과학기술 정책 주간동향) into validated JSON.\n\n"
         "Examples:\n\n"
         "  bulletin-extract run issue.pdf -o issue.json\n\n"
         "  bulletin-extract run issue.pdf | jq .issue\n\n"
         "  bulletin-extract text issue.pdf > issue.txt\n\n"
         "  cat issue.pdf | bulletin-extract run - > issue.json\n\n"
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
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Print errors only."),
    verbose: int = typer.Option(0, "-v", "--verbose", count=True,
                                help="Say more: stage timings, the PDF parsers' warnings (-vv: their debug log)."),
) -> None:
    """Turn bulletin PDFs into validated JSON."""
    set_verbosity(quiet, verbose)


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.command("run")
def run_cmd(
    pdf: Path = typer.Argument(..., help="The bulletin PDF ('-': read it from standard input)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write JSON here (default: stdout)."),
    password: Optional[str] = password_option(),
    password_file: Optional[Path] = password_file_option(),
    no_validate: bool = typer.Option(False, "--no-validate", help="Skip JSON Schema validation."),
    ocr: bool = typer.Option(False, "--ocr", help="A scan (no text layer) goes through ocrmypdf -l kor+chi_sim "
                                                  "first (make ocr-tools installs it)."),
    pages: Optional[str] = pages_option(),
    assignments: list[str] = set_option(),
    settings_file: Optional[Path] = settings_option(),
    strict: bool = typer.Option(False, "--strict", help="Exit 3 when the bulletin's self-checks find it "
                                                        "incomplete (the output is still written)."),
) -> None:
    """Extract one PDF to JSON.

    Example: bulletin-extract run issue.pdf -o issue.json
    """
    import extract

    from .errors import ExtractError

    settings = build_settings(assignments, settings_file, password=resolve_password(password, password_file),
                              validate=False if no_validate else None, pages=parse_pages(pages))
    try:
        with input_pdf(pdf) as path:
            bulletin = extract.run(path, settings, ocr=ocr)
    except ExtractError as exc:
        _fail(str(exc))
    if output is None:
        sys.stdout.write(bulletin.to_json())
    else:
        bulletin.write(output)
        say(bulletin.summary_line())
    detail(timings_line(bulletin.data))
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
    pdf: Path = typer.Argument(..., help="The PDF ('-': read it from standard input)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the text here (default: stdout)."),
    password: Optional[str] = password_option(),
    password_file: Optional[Path] = password_file_option(),
    pages: Optional[str] = pages_option(),
    assignments: list[str] = set_option(),
    settings_file: Optional[Path] = settings_option(),
) -> None:
    """Print the reading-order text of a PDF, for full-text indexing.

    The text as the layout stage reads it: glyph repairs applied (each printed on stderr as
    a warning), invisible text and overprints left out, word spaces from the gaps; pages
    separated by a form feed. Works on any PDF, bulletin or not.

    Example: bulletin-extract text issue.pdf -o issue.txt
    """
    import extract

    from .errors import ExtractError
    from .write import write_atomic

    settings = build_settings(assignments, settings_file, password=resolve_password(password, password_file))
    selected = parse_pages(pages)
    warnings: list[str] = []
    try:
        with input_pdf(pdf) as path:
            text = extract.text(path, settings, warnings)
    except ExtractError as exc:
        _fail(str(exc))
    if selected:
        texts = text.split("\f")
        missing = [n for n in selected if n > len(texts)]
        if missing:
            warnings.append(f"pages {','.join(map(str, missing))} do not exist (the PDF has {len(texts)})")
        text = "\f".join(texts[n - 1] for n in selected if n <= len(texts))
    for warning in warnings:
        say(f"warning: {warning}")
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)
        say(f"wrote {output}")


@app.command("inspect")
def inspect_cmd(
    pdf: Path = typer.Argument(..., help="The bulletin PDF."),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="Write the HTML report here (default: FILE.inspect.html beside the PDF)."),
    password: Optional[str] = password_option(),
    password_file: Optional[Path] = password_file_option(),
    resolution: Optional[int] = typer.Option(None, "--resolution", min=24, max=400,
                                             help="Pixels per inch of the page images (default 100)."),
    assignments: list[str] = set_option(),
    settings_file: Optional[Path] = settings_option(),
) -> None:
    """Write one self-contained HTML file showing what was found on each page.

    Page images with overlays (articles, table grids and cells, header rows, stitched and unfolded tables, dropped headers/footers, warnings) beside the extracted structure. The output is not schema-validated, so a file whose output would be invalid can still be looked at.

    Example: bulletin-extract inspect issue.pdf -o report.html
    """  # noqa: E501  (typer keeps the docstring's line breaks in --help: one line per paragraph)
    import extract

    from .errors import ExtractError

    out = output if output is not None else pdf.with_name(pdf.stem + ".inspect.html")
    settings = build_settings(assignments, settings_file, password=resolve_password(password, password_file),
                              validate=False)
    try:
        written = extract.inspect(pdf, out, settings, resolution=resolution)
    except ExtractError as exc:
        _fail(str(exc))
    say(f"wrote {written}")


@app.command("batch")
def batch_cmd(
    in_dir: list[Path] = typer.Argument(..., help="Folders (searched recursively) or PDF files."),
    out_dir: Path = typer.Option(..., "-o", "--output", help="Output folder; its structure mirrors the input."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Files converted at once."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds a file may take, plus --timeout-per-page per page."),
    timeout_per_page: float = typer.Option(5.0, "--timeout-per-page", help="Extra seconds allowed per page."),
    max_memory: int = typer.Option(1500, "--max-memory", help="Memory cap of each conversion in MB (0: none)."),
    password_file: Optional[Path] = typer.Option(None, "--password-file",
                                                 help="Lines 'PATTERN<TAB>PASSWORD' or 'PASSWORD' (and "
                                                      f"${PASSWORD_ENV}, tried on every encrypted file)."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Rerun only the files that failed before."),
    executor: Executor = typer.Option(Executor.local, "--executor", help="dask needs pip install '.[dask]'."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Dask scheduler address (default: a LocalCluster)."),
    inspect_doubtful: bool = typer.Option(
        False, "--inspect-doubtful",
        help="Also write OUT/inspect/<name>.html for each file converted whose output "
             f"is doubtful: more than {_DOUBT.max_warnings} warnings, or a table with "
             f"over {_DOUBT.max_empty_cell_ratio:.0%} empty cells or without rulings "
             "(thresholds: extract.settings.InspectSettings)."),
    ocr: bool = typer.Option(False, "--ocr", help="Scans (no text layer) go through ocrmypdf -l kor+chi_sim "
                                                  "first, with 60 s more per page (make ocr-tools)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON line per file on stdout (file, status, "
                                                       "error_class, message, pages, seconds, output)."),
    assignments: list[str] = set_option(),
    settings_file: Optional[Path] = settings_option(),
) -> None:
    """Convert a whole archive: resumable, one process per file, failures listed in errors.csv.

    Example: bulletin-extract batch archive/ -o out/ --workers 2
    """
    import io
    import os

    import extract

    from .batching import Limits, OutputClash, load_passwords
    from .progress import BatchProgress

    settings = build_settings(assignments, settings_file)
    for item in in_dir:
        if not item.exists():
            _fail(f"{item}: no such file or folder", code=2)
    limits = Limits(timeout=timeout, per_page=timeout_per_page, max_memory_mb=max_memory or None)
    passwords = load_passwords(password_file)
    if os.environ.get(PASSWORD_ENV):
        passwords.append(("*", os.environ[PASSWORD_ENV]))
    quiet = is_quiet()
    try:
        with BatchProgress(stream=io.StringIO() if quiet else None) as progress:
            events = file_lines(progress.event)
            events = json_lines(events) if as_json else events
            report = extract.batch(in_dir, out_dir, workers=workers, limits=limits,
                                   passwords=passwords, retry_failed=retry_failed,
                                   executor=executor.value, scheduler=scheduler, progress=events,
                                   inspect_doubtful=inspect_doubtful, settings=settings, ocr=ocr)
    except OutputClash as exc:
        _fail(str(exc), code=2)
    if not quiet:
        progress.print_summary(report)
    for notice in report.notices:
        say(f"note: {notice}")
    raise typer.Exit(report.exit_code)


@app.command("check")
def check_cmd(
    output: Path = typer.Argument(..., help="An output JSON, or a folder of them."),
    golden: Path = typer.Argument(..., help="The golden JSON, or a folder of them (paired by name)."),
    ignore: list[str] = typer.Option([], "--ignore", help="Path glob to leave out, e.g. source.sha256, "
                                                          "warnings, 'tables[*].quality'. Repeatable."),
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", help="junit: JUnit XML for CI."),
    accept_changes: bool = typer.Option(False, "--accept", help="Copy differing outputs over their goldens, "
                                                                "and outputs without one to where it goes."),
    baseline: Optional[Path] = typer.Option(None, "--baseline",
                                            help="Known differences, one per line as printed (or NAME<TAB>"
                                                 "DIFFERENCE for one file): only new ones fail."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline",
                                                  help="Write every difference found to this baseline file."),
    renumber_tables: bool = typer.Option(False, "--renumber-tables",
                                         help="Compare tables by position, not by id (for goldens whose "
                                              "producer named its tables differently, e.g. b01 for t01)."),
) -> None:
    """Compare outputs with golden JSON field by field (entities in any order).

    Exit 0 when all match, 1 when something differs or a side is missing, 2 when a file
    cannot be read.

    Example: bulletin-extract check out/ golden/ --baseline known-diffs.txt --format junit > report.xml
    """
    from .check import accept, baseline_text, check_paths, read_baseline
    from .write import write_atomic

    try:
        report = check_paths(output, golden, ignore=ignore, renumber=renumber_tables)
        if baseline is not None:
            report.apply_baseline(read_baseline(baseline))
    except (FileNotFoundError, OSError) as exc:
        _fail(str(exc), code=2)
    if write_baseline is not None:
        write_atomic(write_baseline, baseline_text(report))
        say(f"wrote {write_baseline}")
    text = {"text": report.as_text, "json": report.as_json, "junit": report.as_junit}[fmt.value]()
    sys.stdout.write(text)
    if accept_changes:
        for line in accept(report):
            say(line)
        raise typer.Exit(0)
    raise typer.Exit(report.exit_code)


@app.command("names")
def names_cmd(
    names: list[str] = typer.Argument(None, help="Names to resolve; '-' reads one per line from stdin."),
    from_file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read names, one per line, from a file."),
    kind: Optional[str] = typer.Option(None, "--type", help="region, country, company or institution."),
    ocr: bool = typer.Option(False, "--ocr", help="Scans (no text layer) go through ocrmypdf -l kor+chi_sim "
                                                  "first, with 60 s more per page (make ocr-tools)."),
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

    # Five columns, the canonical names in one (ko · zh · en, code), so a row fits 80 columns.
    table = Table(pad_edge=False)
    table.add_column("mention", ratio=2, overflow="fold")
    table.add_column("type", no_wrap=True)
    table.add_column("canonical (ko · zh · en)", ratio=3, overflow="fold")
    table.add_column("score", no_wrap=True)
    table.add_column("runner-up", ratio=2, overflow="fold")
    for d in rows:
        cands = "; ".join(f"{c.get('canonical_zh')} {c['score']:.0f}" if c.get("score") is not None
                          else str(c.get("canonical_zh")) for c in d.get("candidates", []))
        if d["ambiguous"]:
            canonical = "[yellow]ambiguous[/yellow]"
        else:
            joined = " · ".join(n for n in (d["canonical_ko"], d["canonical_zh"], d["canonical_en"]) if n)
            canonical = joined + (f" ({d['code']})" if d["code"] else "") if joined else "[dim]not found[/dim]"
        table.add_row(d["mention"], d["type"], canonical, f"{d['score']:g}", cands)
    Console().print(table)


@app.command("export")
def export_cmd(
    source: Path = typer.Argument(..., help="An output JSON, or a folder of them."),
    to: ExportFormat = typer.Option(..., "--to", help="The format."),
    dest: Path = typer.Option(..., "-o", "--output", help="Folder (csv, parquet) or file (xlsx, sqlite)."),
    replace: bool = typer.Option(False, "--replace", help="sqlite: rebuild the database from these outputs "
                                                          "(default: add them to it)."),
    long: bool = typer.Option(False, "--long", help="csv, xlsx, parquet: one file (sheet) per table kind across "
                                                    "all issues (default: one per table of each issue, named "
                                                    "by the issue's date)."),
) -> None:
    """Export tables for spreadsheets and databases.

    Example: bulletin-extract export out/ --to sqlite -o archive.sqlite
    """
    from .export import export

    try:
        notices: list[str] = []
        written = export(source, to.value, dest, replace=replace, long=long, notices=notices)
    except (FileNotFoundError, RuntimeError) as exc:
        _fail(str(exc), code=2)
    for notice in notices:
        say(f"note: {notice}")
    say(f"wrote {len(written)} file(s) to {dest}")


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema the output is validated against."""
    from importlib import resources

    sys.stdout.write(resources.files("extract").joinpath("data/bulletin.schema.json").read_text(encoding="utf-8"))


class _Deferred(type):
    """A stand-in for a class of rich's that typer.rich_utils imports but --help never uses:
    the real class is imported on first use (a call, a class attribute, an isinstance test)."""

    _module: str

    def _real(cls) -> type:
        return getattr(importlib.import_module(cls._module), cls.__name__)

    def __call__(cls, *args, **kwargs):
        return cls._real()(*args, **kwargs)

    def __getattr__(cls, name: str):
        return getattr(cls._real(), name)

    def __instancecheck__(cls, obj) -> bool:
        return isinstance(obj, cls._real())


#: What typer.rich_utils takes at its top from rich modules that --help does not need:
#: Markdown (for help written in Markdown: markdown-it-py, pygments) and Traceback (for
#: pretty tracebacks: pygments, attrs), 40 % of the import time of --help.
_DEFERRED_RICH = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}


def _import_help_formatter() -> None:
    """Import typer's rich help formatter with stand-ins (:class:`_Deferred`) for the two
    classes it does not need to print help; the stand-ins live in that module only (they
    leave ``sys.modules`` once it is imported), so any other import of rich.markdown or
    rich.traceback gets the real one. The help printed is the same."""
    if "typer.rich_utils" in sys.modules:
        return
    stand_ins = {}
    for module, name in _DEFERRED_RICH.items():
        if module not in sys.modules:
            stand_in = types.ModuleType(module)
            setattr(stand_in, name, _Deferred(name, (), {"_module": module}))
            stand_ins[module] = sys.modules[module] = stand_in
    try:
        import typer.rich_utils  # noqa: F401
    except ImportError:
        # A typer that takes more from these modules than the stand-ins give (an upgrade):
        # import it the ordinary way, only slower.
        for module in stand_ins:
            sys.modules.pop(module, None)
        stand_ins.clear()
        import typer.rich_utils  # noqa: F401,F811
    finally:
        for module, stand_in in stand_ins.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]


def main() -> None:
    # The parsers' logs are quieted by main_options, which runs before any command (-v asks
    # for them); --help and --version need no logging.
    if len(sys.argv) < 2 or "--help" in sys.argv[1:]:
        _import_help_formatter()
    app(prog_name="bulletin-extract")


if __name__ == "__main__":  # pragma: no cover
    main()
