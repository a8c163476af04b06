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

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn bulletin PDFs (중국 과학기술 정책 주간동향) into validated JSON.\n\n"
         "Examples:\n\n"
         "  bulletin-extract run issue.pdf -o issue.json\n\n"
         "  bulletin-extract run issue.pdf | jq .issue\n\n"
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
