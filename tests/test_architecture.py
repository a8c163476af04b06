"""The package's shape: no import cycles, a glyph leaf that imports no stage, settings that
check themselves and are passed down, the API leaving the caller's settings alone."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from extract.settings import LayoutSettings, NameSettings, SegmentSettings, Settings, SettingsError, TableSettings

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "extract"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every module of the package -> the package modules it imports, anywhere in its body
    (imports inside functions count: they run in a circle as well), except those only for
    type checking."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {id(n) for node in ast.walk(tree)
                       if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                       for n in ast.walk(node)}
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        deps = set()
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.ImportFrom):
                base = node.module or "" if node.level == 0 else ".".join(
                    package[:len(package) - node.level + 1] + ([node.module] if node.module else []))
                for alias in node.names:
                    target = f"{base}.{alias.name}"
                    deps.add(target if target in modules else base)
            elif isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_has_no_cycle():
    graph = import_graph()
    assert "extract.layout" in graph and "extract.load" in graph["extract.layout"]
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_glyph_leaf_imports_no_stage():
    graph = import_graph()
    allowed = {"extract.model", "extract.settings"}  # plain dataclasses, no stage
    for name, deps in graph.items():
        if name.startswith("extract.glyphs"):
            outside = {d for d in deps if not d.startswith("extract.glyphs")} - allowed
            assert not outside, f"{name} imports {sorted(outside)}"


def test_tables_build_no_settings_of_their_own_at_module_level():
    for path in (PACKAGE / "tables").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                assert not ast.unparse(node.value.func).endswith("Settings"), f"{path.name}: {ast.unparse(node)}"


@pytest.mark.parametrize("make, words", [
    (lambda: TableSettings(strategy="guess"), ["tables.strategy", "auto", "lattice", "stream", "guess"]),
    (lambda: LayoutSettings(running_min_share=2.0), ["layout.running_min_share", "0 to 1"]),
    (lambda: NameSettings(threshold=300), ["names.threshold", "0 to 100"]),
    (lambda: TableSettings(min_rows=2.5), ["tables.min_rows", "int"]),
    (lambda: SegmentSettings(block_gap=-1), ["segment.block_gap", "negative"]),
    (lambda: Settings(validate="yes"), ["validate", "bool"]),
])
def test_settings_check_themselves_when_made(make, words):
    with pytest.raises(ValueError) as err:
        make()
    assert isinstance(err.value, SettingsError)
    for word in words:
        assert word in str(err.value)


def test_a_field_set_after_construction_is_checked_when_a_run_starts(tmp_path):
    import extract

    settings = Settings()
    settings.tables.strategy = "guess"
    with pytest.raises(SettingsError, match="tables.strategy"):
        extract.run(tmp_path / "never-opened.pdf", settings)


def test_run_overrides_leave_the_callers_settings_alone(tmp_path):
    import extract
    from extract.errors import NotAPDF

    settings = Settings()
    with pytest.raises(NotAPDF, match="no such file"):
        extract.run(tmp_path / "missing.pdf", settings, password="secret", validate=False)
    assert settings.password is None and settings.validate is True
    with pytest.raises(TypeError, match="no_such_setting"):
        extract.run(tmp_path / "missing.pdf", settings, no_such_setting=1)


def test_the_layout_settings_reach_the_tables_text():
    """Table cells are grouped into lines with the run's layout settings, not defaults of
    the tables' own: two glyphs 0.3 em apart are one word or two as the fallback gap says."""
    from extract.tables.cells import cell_lines

    def glyph(text, x0):
        return {"text": text, "x0": x0, "x1": x0 + 10.0, "top": 100.0, "bottom": 110.0, "size": 10.0,
                "upright": True, "fontname": "F"}

    chars = [glyph("가", 10.0), glyph("나", 23.0)]
    box = (0.0, 90.0, 200.0, 120.0)
    joined = cell_lines(chars, box, 1, None, LayoutSettings(word_gap_ratio=0.5))
    parted = cell_lines(chars, box, 1, None, LayoutSettings(word_gap_ratio=0.1))
    assert [ln.text for ln in joined] == ["가나"]
    assert [ln.text for ln in parted] == ["가 나"]


def test_the_package_version_is_the_projects():
    from extract.version import __version__

    declared = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert declared and declared.group(1) == __version__



def test_the_output_does_not_depend_on_the_hash_seed():
    """Archives are converted again and CI compares outputs: the same PDF must give the same
    JSON in every process (a tie broken by a set's order once moved a running page number
    into an article). us-007 of ICDAR 2013 has such a tie."""
    import json
    import os
    import subprocess
    import sys

    pdf = ROOT.parent / "shared" / "corpus" / "public" / "icdar2013" / "us-007.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} is not here (../shared/corpus comes with CI, not with a fresh clone)")
    script = ("import extract, json, sys; d = extract.run(sys.argv[1]).data; d['provenance'].pop('timings', None); "
              "print(json.dumps(d, ensure_ascii=False, sort_keys=True))")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", script, str(pdf)], env=env, capture_output=True, text=True,
                              check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1 and json.loads(outputs.pop())["sections"]


def test_warnings_carry_their_fields_beside_the_contract_strings():
    """Each warning is data inside the pipeline (diagnostics.Diagnostic) and is written
    twice: as the contract's string and, in the same order, with its fields."""
    import extract
    from extract.diagnostics import Diagnostic

    data = extract.run(ROOT / "samples" / "damaged" / "kostec-2024-01-12.fake-bold.pdf").data
    assert data["warnings"] and len(data["warnings"]) == len(data["warning_details"])
    for text, detail in zip(data["warnings"], data["warning_details"]):
        assert str(Diagnostic(**{**detail, "bbox": None})) == text
    overprints = [d for d in data["warning_details"] if "overprinted" in d["message"]]
    assert overprints and all(d["code"] == "glyphs" and isinstance(d["page"], int) for d in overprints)


def test_a_table_warning_names_its_table_and_page():
    from extract.diagnostics import Diagnostic

    d = Diagnostic("joined its continuation on page 6 (header repeated)", code="tables", table="t05", page=6)
    assert str(d) == "table t05: joined its continuation on page 6 (header repeated)"
    assert str(Diagnostic("3 glyphs dropped", code="glyphs", page=2)) == "page 2: 3 glyphs dropped"
    assert str(Diagnostic("metadata unreadable: KeyError", code="file")) == "metadata unreadable: KeyError"


def test_fail_fast_runs_raise_what_a_user_run_survives_as_a_warning(monkeypatch):
    """A table detector that raises on a page: a user's run goes on with a warning naming
    the page, a fail-fast run (the tests') raises."""
    import extract
    import extract.tables.page as page_module

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the stream detector")

    monkeypatch.setattr(page_module, "find_stream_fragments", broken)
    sample = ROOT / "samples" / "kostec-2024-01-12.reportlab.pdf"
    data = extract.run(sample, Settings(fail_fast=False)).data
    assert any("stream table detection failed (RuntimeError: a bug in the stream detector)" in w
               for w in data["warnings"])
    with pytest.raises(RuntimeError, match="a bug in the stream detector"):
        extract.run(sample, Settings(fail_fast=True))
    assert Settings().fail_fast, "the tests run fail-fast (tests/conftest.py)"
