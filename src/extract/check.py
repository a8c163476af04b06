"""Golden checks: compare outputs with reviewed golden files, for people and for CI.

    report = check_paths("out/", "golden/")        # pairs files by name
    print(report.as_text()); report.as_junit()

Each file's differences come from ``compare`` (by JSON path); ``accept`` copies reviewed
outputs over their goldens and says what it changed.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .compare import Difference, compare, ignored, renumber_tables


@dataclass
class FileResult:
    name: str
    output: Path | None
    golden: Path | None
    differences: list[Difference] = field(default_factory=list)
    error: str | None = None  # unreadable file, or one side missing

    @property
    def ok(self) -> bool:
        return not self.differences and self.error is None


@dataclass
class CheckReport:
    files: list[FileResult]

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def as_text(self) -> str:
        lines = []
        for f in self.files:
            if f.error:
                lines.append(f"{f.name}: ERROR {f.error}")
                continue
            lines.append(f"{f.name}: {'ok' if f.ok else f'{len(f.differences)} difference(s)'}")
            lines.extend(f"  {d}" for d in f.differences)
        failed = sum(not f.ok for f in self.files)
        lines.append(f"{len(self.files)} file(s) checked, {len(self.files) - failed} ok, {failed} differ")
        return "\n".join(lines) + "\n"

    def as_json(self) -> str:
        return json.dumps({
            "ok": self.ok,
            "files": [{
                "name": f.name, "ok": f.ok, "error": f.error,
                "differences": [{"path": d.path, "kind": d.kind, "expected": d.expected, "found": d.found}
                                for d in f.differences],
            } for f in self.files],
        }, ensure_ascii=False, indent=2) + "\n"

    def as_junit(self) -> str:
        """JUnit XML: one test case per file, a failure per differing file."""
        failures = sum(1 for f in self.files if f.differences)
        errors = sum(1 for f in self.files if f.error)
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               f'<testsuites name="bulletin-extract check" tests="{len(self.files)}" failures="{failures}" '
               f'errors="{errors}">',
               f'  <testsuite name="golden" tests="{len(self.files)}" failures="{failures}" errors="{errors}" '
               f'skipped="0">']
        for f in self.files:
            out.append(f'    <testcase classname="golden" name={quoteattr(f.name)}>')
            if f.error:
                out.append(f'      <error message={quoteattr(f.error)} type="unreadable"/>')
            elif f.differences:
                body = "\n".join(str(d) for d in f.differences)
                out.append(f'      <failure message={quoteattr(f"{len(f.differences)} difference(s)")} '
                           f'type="drift">{escape(body)}</failure>')
            out.append("    </testcase>")
        out += ["  </testsuite>", "</testsuites>"]
        return "\n".join(out) + "\n"


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def check_file(output: Path, golden: Path, ignore=(), name: str | None = None,
               renumber: bool = False) -> FileResult:
    result = FileResult(name or output.name, output, golden)
    try:
        found, expected = _load(output), _load(golden)
    except (OSError, ValueError) as exc:
        result.error = f"cannot read: {exc}"
        return result
    if renumber:  # table ids are names each producer picks: compare what they point to
        found, expected = renumber_tables(found), renumber_tables(expected)
    result.differences = compare(found, expected, ignore=ignore)
    change = completeness_change(found, expected)
    if change is not None and not ignored(change.path, ignore) \
            and not any(d.path == change.path for d in result.differences):
        result.differences.insert(0, change)
    return result


def completeness_change(found, expected) -> Difference | None:
    """A change of the verdict of the bulletin's self-checks (``completeness.complete``),
    reported first. A golden without the field is a reviewed, complete bulletin, so an
    output that finds itself incomplete against it is a change too."""
    if not isinstance(found, dict) or not isinstance(expected, dict):
        return None
    f = (found.get("completeness") or {}).get("complete")
    e = (expected["completeness"] or {}).get("complete") if "completeness" in expected else (True if f is False else f)
    if f == e:
        return None
    reason = (found.get("completeness") or {}).get("reason")
    return Difference("completeness.complete", "changed", expected=e,
                      found=f if not reason else f"{json.dumps(f)} ({reason})")


def check_paths(output: Path, golden: Path, ignore=(), renumber: bool = False) -> CheckReport:
    """One file against one golden, or a folder of outputs against a folder of goldens,
    paired by relative path."""
    output, golden = Path(output), Path(golden)
    if output.is_file() and golden.is_file():
        return CheckReport([check_file(output, golden, ignore, renumber=renumber)])
    if not (output.is_dir() and golden.is_dir()):
        raise FileNotFoundError("give two JSON files or two folders")
    outs = {p.relative_to(output).as_posix(): p for p in output.rglob("*.json")}
    golds = {p.relative_to(golden).as_posix(): p for p in golden.rglob("*.json")}
    files = []
    for name in sorted(set(outs) | set(golds)):
        if name not in golds:
            files.append(FileResult(name, outs[name], None, error="no golden file for this output"))
        elif name not in outs:
            files.append(FileResult(name, None, golds[name], error="no output for this golden file"))
        else:
            files.append(check_file(outs[name], golds[name], ignore, name, renumber=renumber))
    return CheckReport(files)


def accept(report: CheckReport) -> list[str]:
    """Copy every differing output over its golden; return what was changed."""
    changed = []
    for f in report.files:
        if f.output is not None and f.golden is not None and f.differences:
            shutil.copyfile(f.output, f.golden)
            changed.append(f"{f.golden}: accepted {len(f.differences)} difference(s) from {f.output}")
    return changed
