"""Golden checks: compare outputs with reviewed golden files, for people and for CI.

    report = check_paths("out/", "golden/")        # pairs files by name
    print(report.as_text()); report.as_junit()

Each file's differences come from ``compare`` (by JSON path; entities compared as a set,
in any order); ``accept`` copies reviewed outputs over their goldens (and writes the goldens
that are missing) and says what it changed.

For CI: exit 0 when all match, 1 when something differs (or one side is missing), 2 when a
file cannot be read. A *baseline* lists the differences known and accepted for now, in the
format of the samples' ``*.known-diffs.txt`` (one difference per line as printed, ``#``
comments; a line ``NAME<TAB>DIFFERENCE`` holds for that file only, a bare line for every
file), so only new differences fail; known ones that no longer occur are reported.
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
    missing: bool = False  # the error is one side missing (a difference), not an unreadable file
    known: list[Difference] = field(default_factory=list)  # differences the baseline accepts
    gone: list[str] = field(default_factory=list)  # baseline lines that no longer occur

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
    def errors(self) -> int:
        return sum(1 for f in self.files if f.error and not f.missing)

    @property
    def exit_code(self) -> int:
        """0 all match, 1 differences (or a side missing), 2 a file could not be read."""
        if self.errors:
            return 2
        return 0 if self.ok else 1

    def apply_baseline(self, lines: dict[str, set[str]]) -> None:
        """Move the differences the baseline lists into ``known``; note the lines no longer seen."""
        for f in self.files:
            accepted = lines.get("", set()) | lines.get(f.name, set())
            f.known = [d for d in f.differences if str(d) in accepted]
            f.differences = [d for d in f.differences if str(d) not in accepted]
            if not f.error:
                seen = {str(d) for d in f.known}
                f.gone = sorted(lines.get(f.name, set()) - seen)
        everywhere = lines.get("", set())
        seen_anywhere = {str(d) for f in self.files for d in f.known}
        if self.files and everywhere - seen_anywhere:
            self.files[0].gone = sorted(set(self.files[0].gone) | (everywhere - seen_anywhere))

    def as_text(self) -> str:
        lines = []
        for f in self.files:
            if f.error:
                lines.append(f"{f.name}: {'MISSING' if f.missing else 'ERROR'} {f.error}")
                continue
            status = "ok" if f.ok else f"{len(f.differences)} difference(s)"
            if f.known:
                status += f" ({len(f.known)} known, in the baseline)"
            lines.append(f"{f.name}: {status}")
            lines.extend(f"  {d}" for d in f.differences)
            lines.extend(f"  no longer occurs (remove it from the baseline): {g}" for g in f.gone)
        failed = sum(not f.ok for f in self.files)
        tail = f", {self.errors} unreadable" if self.errors else ""
        lines.append(f"{len(self.files)} file(s) checked, {len(self.files) - failed} ok, {failed} differ{tail}")
        return "\n".join(lines) + "\n"

    def as_json(self) -> str:
        return json.dumps({
            "ok": self.ok,
            "files": [{
                "name": f.name, "ok": f.ok, "error": f.error, "missing": f.missing,
                "differences": [{"path": d.path, "kind": d.kind, "expected": d.expected, "found": d.found}
                                for d in f.differences],
                "known": [str(d) for d in f.known], "no_longer_occur": f.gone,
            } for f in self.files],
        }, ensure_ascii=False, indent=2) + "\n"

    def as_junit(self) -> str:
        """JUnit XML: one test case per file, a failure per differing file."""
        failures = sum(1 for f in self.files if f.differences or f.missing)
        errors = self.errors
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               f'<testsuites name="bulletin-extract check" tests="{len(self.files)}" failures="{failures}" '
               f'errors="{errors}">',
               f'  <testsuite name="golden" tests="{len(self.files)}" failures="{failures}" errors="{errors}" '
               f'skipped="0">']
        for f in self.files:
            out.append(f'    <testcase classname="golden" name={quoteattr(f.name)}>')
            if f.error and f.missing:
                out.append(f'      <failure message={quoteattr(f.error)} type="missing"/>')
            elif f.error:
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


def read_baseline(path: str | Path) -> dict[str, set[str]]:
    """Baseline lines by file name ('' for the lines that hold for every file)."""
    out: dict[str, set[str]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, diff = line.partition("\t") if "\t" in line else ("", "", line)
        out.setdefault(name, set()).add(diff)
    return out


def baseline_text(report: "CheckReport") -> str:
    """A baseline that accepts every difference of ``report`` (``check --write-baseline``)."""
    lines = ["# Known differences (bulletin-extract check --baseline): a new one fails, a fixed one is reported."]
    for f in report.files:
        lines += [f"{f.name}\t{d}" for d in [*f.known, *f.differences]]
    return "\n".join(lines) + "\n"


def _entities_sorted(doc):
    """Entities are a set of mentions (each listed once): compare them in a fixed order."""
    if isinstance(doc, dict) and isinstance(doc.get("entities"), list):
        doc = dict(doc, entities=sorted(doc["entities"], key=lambda e: (str(e.get("mention")), str(e.get("type")))
                                        if isinstance(e, dict) else ("", "")))
    return doc


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
    result.differences = compare(_entities_sorted(found), _entities_sorted(expected), ignore=ignore)
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
    if output.is_file() and not golden.exists() and golden.suffix.lower() == ".json":
        # A new sample: no golden yet (accept() writes it there).
        return CheckReport([FileResult(output.name, output, golden, error="no golden file for this output",
                                       missing=True)])
    if not (output.is_dir() and golden.is_dir()):
        raise FileNotFoundError("give two JSON files or two folders")
    outs = {p.relative_to(output).as_posix(): p for p in output.rglob("*.json")}
    golds = {p.relative_to(golden).as_posix(): p for p in golden.rglob("*.json")}
    files = []
    for name in sorted(set(outs) | set(golds)):
        if name not in golds:
            files.append(FileResult(name, outs[name], golden / name, error="no golden file for this output",
                                    missing=True))
        elif name not in outs:
            files.append(FileResult(name, None, golds[name], error="no output for this golden file", missing=True))
        else:
            files.append(check_file(outs[name], golds[name], ignore, name, renumber=renumber))
    return CheckReport(files)


def accept(report: CheckReport) -> list[str]:
    """Copy every differing output over its golden, and every output without a golden to
    where its golden goes; return what was changed."""
    changed = []
    for f in report.files:
        if f.output is None or f.golden is None:
            continue
        if f.missing:
            f.golden.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f.output, f.golden)
            changed.append(f"{f.golden}: new golden from {f.output}")
        elif f.differences:
            shutil.copyfile(f.output, f.golden)
            changed.append(f"{f.golden}: accepted {len(f.differences)} difference(s) from {f.output}")
    return changed
