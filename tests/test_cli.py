"""The command line is a thin skin over the API: same results, clear errors, quick help."""
from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

import extract
from extract.cli import app

from conftest import ROOT, sample_pairs

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and extract.__version__ in result.output


def test_help_lists_commands_with_examples():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for word in ("run", "schema", "bulletin-extract run issue.pdf -o issue.json"):
        assert word in result.output


def test_schema_command_prints_the_shipped_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads((ROOT / "schemas" / "bulletin.schema.json").read_text())


def test_run_to_stdout_equals_api(tmp_path):
    pdf = sample_pairs()[0][0]
    result = runner.invoke(app, ["run", str(pdf)])
    assert result.exit_code == 0
    from_cli = json.loads(result.stdout)
    from_api = extract.run(pdf).data
    for data in (from_cli, from_api):
        data["provenance"].pop("timings")
    assert from_cli == from_api


def test_run_writes_file_atomically(tmp_path):
    pdf = sample_pairs()[0][0]
    out = tmp_path / "nested" / "out.json"
    result = runner.invoke(app, ["run", str(pdf), "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["source"]["file"] == pdf.name
    assert [p.name for p in out.parent.iterdir()] == ["out.json"]


def test_python_dash_m_works():
    proc = subprocess.run([sys.executable, "-m", "extract", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and extract.__version__ in proc.stdout


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from extract.cli import app; "
            "heavy = [m for m in ('pdfplumber', 'pandas', 'jsonschema', 'pdfminer') if m in sys.modules]; "
            "print(','.join(heavy))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == ""


def test_every_command_the_readme_shows_exists():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"^bulletin-extract (\w+)", readme, re.M))
    assert shown, "the README shows the command line"
    registered = {c.name for c in app.registered_commands}
    assert shown <= registered, f"README shows commands that do not exist: {shown - registered}"
    for name in shown:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name


def test_text_command_equals_api_and_fails_clearly(tmp_path):
    """`bulletin-extract text` prints what extract.text returns (pages split by form feeds,
    the cover's series title among them); a file that is no PDF gets one error line."""
    pdf, truth = sample_pairs()[0]
    result = runner.invoke(app, ["text", str(pdf)])
    assert result.exit_code == 0
    text = extract.text(pdf)
    assert result.stdout == text
    golden = json.loads(truth.read_text(encoding="utf-8"))
    assert text.count("\f") == golden["source"]["pages"] - 1
    assert golden["issue"]["series"].replace(" ", "") in text.split("\f")[0].replace(" ", "")
    out = tmp_path / "issue.txt"
    assert runner.invoke(app, ["text", str(pdf), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == text
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf at all", encoding="utf-8")
    failed = runner.invoke(app, ["text", str(bad)])
    assert failed.exit_code == 1 and "notes.pdf" in failed.output and not (tmp_path / "notes.txt").exists()


def test_text_command_prints_repairs_as_warnings():
    damaged = sorted((ROOT / "samples" / "damaged").glob("*tounicode-wrong*.pdf"))
    assert damaged, "samples/damaged/ holds a PDF with a rewritten ToUnicode map"
    proc = subprocess.run([sys.executable, "-m", "extract", "text", str(damaged[0])], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "Ⅲ급" in proc.stdout and "삐급" not in proc.stdout
    assert "warning: page" in proc.stderr and "'삐급' → 'Ⅲ급'" in proc.stderr
