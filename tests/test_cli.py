"""The command line is a thin skin over the API: same results, clear errors, quick help."""
from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

import extract
from extract.cli import app
from helpers import ROOT, sample_pairs

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


def test_help_as_users_run_it_imports_only_what_it_prints_with():
    """`bulletin-extract --help` (main(), as the console script and `python -m extract` run it)
    imports no PDF, table or schema library, nor what typer's help formatter imports for
    Markdown help and pretty tracebacks (markdown-it-py, pygments, attrs): the start-up
    time of every command is the import time of the CLI."""
    code = ("import sys; sys.argv = ['bulletin-extract', '--help']\n"
            "from extract.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = ('pdfplumber', 'pdfminer', 'pypdf', 'pypdfium2', 'pandas', 'jsonschema', 'rapidfuzz',\n"
            "         'markdown_it', 'pygments', 'attr', 'rich.markdown', 'rich.traceback', 'extract.pipeline')\n"
            "print('IMPORTED:' + ','.join(m for m in heavy if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Commands" in proc.stdout and proc.stdout.splitlines()[-1] == "IMPORTED:"


def test_help_text_is_the_same_through_main_as_through_the_app():
    """main() imports typer's help formatter with stand-ins for rich's Markdown and Traceback
    (cli._import_help_formatter); what it prints is what the typer app prints without them."""
    import os

    env = dict(os.environ, COLUMNS="100")
    plain = "import sys; from extract.cli import app; app(prog_name='bulletin-extract')"
    for command in ([], ["run"], ["batch"]):
        via_main = subprocess.run([sys.executable, "-m", "extract", *command, "--help"], capture_output=True,
                                  text=True, env=env)
        via_app = subprocess.run([sys.executable, "-c", plain, *command, "--help"], capture_output=True,
                                 text=True, env=env)
        assert via_main.returncode == via_app.returncode == 0
        assert via_main.stdout == via_app.stdout and "Usage: bulletin-extract" in via_main.stdout


def test_help_stand_ins_forward_to_rich():
    """The stand-ins typer's help formatter gets are rich's classes on first use (a pretty
    traceback still prints), and nobody else gets them."""
    code = ("from extract.cli import _import_help_formatter\n"
            "_import_help_formatter()\n"
            "import typer.rich_utils as ru, rich.traceback, rich.markdown\n"
            "try:\n    1 / 0\nexcept ZeroDivisionError as exc:\n"
            "    tb = ru.Traceback.from_exception(type(exc), exc, exc.__traceback__)\n"
            "assert type(tb) is rich.traceback.Traceback and isinstance(tb, ru.Traceback)\n"
            "assert type(ru.Markdown('*x*')) is rich.markdown.Markdown\n"
            "assert rich.markdown.Markdown is not ru.Markdown\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_help_formatter_imports_the_ordinary_way_when_typer_wants_more_than_the_stand_ins():
    """A typer that takes a name from rich.markdown the stand-in does not give (an upgrade)
    still prints help: the formatter is imported with the real modules."""
    code = ("import sys, extract.cli as cli\n"
            "cli._DEFERRED_RICH = {'rich.markdown': 'NotMarkdown'}\n"
            "cli._import_help_formatter()\n"
            "import typer.rich_utils as ru, rich.markdown\n"
            "assert ru.Markdown is rich.markdown.Markdown\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


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


# ------------------------------------------------------------------ the conventions users expect

SAMPLE = ROOT / "samples" / "kostec-2024-01-12.reportlab.pdf"  # has tables


def _cli(*args, env=None, stdin=None):
    import os

    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "extract", *map(str, args)], capture_output=True,
                          input=stdin, env=full_env)


def _locked(tmp_path, password="sesame"):
    import pypdf

    from helpers import draw_mini_bulletin, make_pdf

    plain = make_pdf(tmp_path / "plain.pdf", draw_mini_bulletin)
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password=password, owner_password="owner-" + password)
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    return locked


def cli_commands() -> list[str]:
    """Every visible command of the typer app as a user types it ("run", "batch" ...; a
    sub-app's as "group sub"), read from the click group typer builds, so that a command
    registered without an explicit name or through add_typer is not missed."""
    import typer.main

    def walk(group, prefix: str) -> list[str]:
        names = []
        for name, command in group.commands.items():
            if command.hidden:
                continue
            names.append(prefix + name)
            if getattr(command, "commands", None):  # a group (typer may vendor its own click)
                names += walk(command, prefix + name + " ")
        return names

    return walk(typer.main.get_command(app), "")


def test_every_command_appears_in_the_readme():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = cli_commands()
    assert "run" in commands and len(commands) >= 2, commands  # the enumeration itself works
    missing = [name for name in commands
               if not re.search(rf"bulletin-extract {re.escape(name)}(?![\w-])", readme)]
    assert not missing, f"the README does not show these commands as 'bulletin-extract <command>': {missing}"


def test_dash_reads_the_pdf_from_stdin(tmp_path):
    pdf = sample_pairs()[0][0]
    proc = _cli("run", "-", stdin=pdf.read_bytes())
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    direct = json.loads(_cli("run", pdf).stdout)
    assert data["source"]["file"] == "stdin.pdf" and data["source"]["sha256"] == direct["source"]["sha256"]
    assert data["sections"] == direct["sections"]
    text = _cli("text", "-", stdin=pdf.read_bytes())
    assert text.returncode == 0 and text.stdout == _cli("text", pdf).stdout
    empty = _cli("run", "-", stdin=b"")
    assert empty.returncode == 2 and b"standard input" in empty.stderr


def test_password_from_the_environment_or_a_file(tmp_path):
    locked = _locked(tmp_path)
    assert _cli("run", locked).returncode == 1
    by_env = _cli("run", locked, env={"BULLETIN_EXTRACT_PASSWORD": "sesame"})
    assert by_env.returncode == 0, by_env.stderr
    assert json.loads(by_env.stdout)["issue"]["date"] == "2024-01-12"
    pw = tmp_path / "pw.txt"
    pw.write_text("sesame\n", encoding="utf-8")
    assert _cli("text", locked, "--password-file", pw).returncode == 0
    assert _cli("inspect", locked, "--password-file", pw, "-o", tmp_path / "r.html").returncode == 0
    out = tmp_path / "out"
    batch = _cli("batch", locked, "-o", out, env={"BULLETIN_EXTRACT_PASSWORD": "sesame"})
    assert batch.returncode == 0 and (out / "locked.json").exists(), batch.stderr


def test_a_crash_never_prints_the_password(tmp_path):
    """Typer's pretty tracebacks can show local variables: not here."""
    import textwrap

    locked = _locked(tmp_path, password="hunter2-secret")
    script = textwrap.dedent(f"""
        import sys
        import extract, extract.cli
        def boom(*args, **kwargs):
            raise RuntimeError("a bug")
        extract.run = boom
        sys.argv = ["bulletin-extract", "run", {str(locked)!r}, "--password", "hunter2-secret"]
        extract.cli.main()
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**__import__("os").environ, "COLUMNS": "200"})
    assert proc.returncode != 0 and "RuntimeError" in proc.stderr, proc.stderr
    assert "hunter2-secret" not in proc.stderr + proc.stdout


def test_help_lists_completion_and_verbosity():
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.output and "--show-completion" in result.output
    assert "--quiet" in result.output and "--verbose" in result.output


def test_quiet_and_verbose(tmp_path):
    pdf = sample_pairs()[0][0]
    quiet = _cli("-q", "run", pdf, "-o", tmp_path / "q.json")
    assert quiet.returncode == 0 and quiet.stderr == b""
    loud = _cli("-v", "run", pdf, "-o", tmp_path / "v.json")
    assert loud.returncode == 0 and b"timings: load" in loud.stderr and b"articles" in loud.stderr
    batch = _cli("-v", "batch", pdf, "-o", tmp_path / "out")
    assert batch.returncode == 0 and f"{pdf.name}: done, ".encode() in batch.stderr


def test_pages_selects_pages(tmp_path):
    pdf = sample_pairs()[0][0]
    whole = extract.text(pdf).split("\f")
    proc = _cli("text", pdf, "--pages", "1,3-4")
    assert proc.returncode == 0 and proc.stdout.decode("utf-8").split("\f") == [whole[0], whole[2], whole[3]]
    run = json.loads(_cli("run", pdf, "--pages", "2-3").stdout)
    assert any("only pages 2,3 of" in w for w in run["warnings"])
    pages = {p for t in run["tables"] for p in t["pages"]} | \
        {p for s in run["sections"] for a in s["articles"] for p in a.get("pages") or []}
    assert pages <= {2, 3}
    for bad in ("0", "3-1", "x"):
        proc = _cli("run", pdf, "--pages", bad)
        assert proc.returncode == 2 and b"--pages" in proc.stderr


def test_enumerated_choices_are_checked_and_listed(tmp_path):
    proc = _cli("export", tmp_path, "--to", "csvx", "-o", tmp_path / "x")
    assert proc.returncode == 2 and b"csv" in proc.stderr and b"sqlite" in proc.stderr
    assert _cli("check", tmp_path, tmp_path, "--format", "yaml").returncode == 2
    assert _cli("batch", tmp_path, "-o", tmp_path / "o", "--executor", "threads").returncode == 2
    for command in ("export", "check", "batch"):
        assert "[" in runner.invoke(app, [command, "--help"]).output  # the choices are shown


def test_settings_reach_the_pipeline_and_are_validated(tmp_path):
    """--set and --settings reach Settings (no table has 9 columns, so none is kept);
    an unknown key or a bad value is a usage error naming it."""
    assert json.loads(_cli("run", SAMPLE).stdout)["tables"], "the sample has tables"
    proc = _cli("run", SAMPLE, "--set", "tables.min_cols=9")
    assert proc.returncode == 0 and json.loads(proc.stdout)["tables"] == []
    toml = tmp_path / "s.toml"
    toml.write_text("[tables]\nmin_cols = 9\n", encoding="utf-8")
    assert json.loads(_cli("run", SAMPLE, "--settings", toml).stdout)["tables"] == []
    out = tmp_path / "out"
    assert _cli("batch", SAMPLE, "-o", out, "--set", "tables.min_cols=9").returncode == 0
    assert json.loads((out / f"{SAMPLE.stem}.json").read_text(encoding="utf-8"))["tables"] == []
    for bad, named in (("tables.min_rowz=3", b"tables.min_rowz"), ("tables.min_rows=many", b"tables.min_rows"),
                       ("tables.strategy=grid", b"lattice")):
        proc = _cli("run", SAMPLE, "--set", bad)
        assert proc.returncode == 2 and named in proc.stderr, proc.stderr
    toml.write_text("[tables]\nnope = 1\n", encoding="utf-8")
    proc = _cli("text", SAMPLE, "--settings", toml)
    assert proc.returncode == 2 and b"tables.nope" in proc.stderr and str(toml.name).encode() in proc.stderr


def test_batch_json_lines(tmp_path):
    from helpers import draw_mini_bulletin, make_pdf

    src = tmp_path / "in"
    src.mkdir()
    make_pdf(src / "good.pdf", draw_mini_bulletin)
    (src / "bad.pdf").write_text("not a pdf", encoding="utf-8")
    proc = _cli("batch", src, "-o", tmp_path / "out", "--json")
    lines = [json.loads(ln) for ln in proc.stdout.decode("utf-8").splitlines()]
    by_file = {ln["file"]: ln for ln in lines}
    assert len(lines) == 2 and by_file["good.pdf"]["status"] == "done" and by_file["good.pdf"]["pages"] == 4
    assert by_file["bad.pdf"]["status"] == "failed" and by_file["bad.pdf"]["error_class"] == "NotAPDF"
    again = _cli("-q", "batch", src, "-o", tmp_path / "out", "--json")
    statuses = {ln["file"]: ln["status"] for ln in map(json.loads, again.stdout.decode("utf-8").splitlines())}
    assert statuses == {"good.pdf": "skipped", "bad.pdf": "failed"} and again.stderr == b""


def test_load_settings_api(tmp_path):
    import pytest

    from extract.settings import SettingsError, load_settings

    toml = tmp_path / "s.toml"
    toml.write_text('validate = false\n[tables]\nstrategy = "lattice"\n[layout]\nword_gap_ratio = 0.2\n',
                    encoding="utf-8")
    settings = load_settings(toml, ["layout.word_gap_ratio=0.25", "pages=1,3"])
    assert settings.tables.strategy == "lattice" and settings.validate is False
    assert settings.layout.word_gap_ratio == 0.25 and settings.pages == [1, 3]
    for bad in (["tables.strategy=grid"], ["layout.word_gap_ratio=wide"], ["tabels.strategy=auto"], ["tables"]):
        with pytest.raises(SettingsError):
            load_settings(None, bad)
    with pytest.raises(SettingsError, match="did you mean tables.strategy"):
        load_settings(None, ["tables.stratgy=auto"])


def test_names_table_fits_80_columns():
    import os
    import unicodedata

    env = dict(os.environ, COLUMNS="80")
    proc = subprocess.run([sys.executable, "-m", "extract", "names", "광동성", "귀저우", "美国", "산시"],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    width = lambda line: sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)  # noqa: E731
    assert max(width(line) for line in proc.stdout.splitlines()) <= 80
    squeezed = proc.stdout.replace(" ", "").replace("│", "")
    for name in ("广东", "Guangdong", "贵州", "ambiguous"):
        assert name in squeezed, name
