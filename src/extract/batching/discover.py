"""Find the PDFs of an archive: by content, not only by extension."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..load import HEADER_WINDOW


def looks_like_pdf(path: Path) -> bool:
    """A file is a candidate when it says %PDF- near its start or is named .pdf.

    Files named .pdf that are not PDFs are still taken, so they are reported as failures
    instead of vanishing from the archive's accounting.
    """
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with open(path, "rb") as fh:
            return b"%PDF-" in fh.read(HEADER_WINDOW)
    except OSError:
        return False


@dataclass(frozen=True)
class Task:
    source: Path  # the PDF
    relative: str  # its path relative to the input root, with '/' separators
    output: Path  # where its JSON goes


class OutputClash(ValueError):
    """Two inputs would be written to one output: the batch refuses before converting any."""

    def __init__(self, clashes: dict[str, list[Path]]):
        self.clashes = clashes
        lines = [f"  {out}: " + ", ".join(str(s) for s in sources) for out, sources in sorted(clashes.items())]
        super().__init__(f"{len(clashes)} output(s) would be written by more than one input; rename the inputs "
                         "or convert them into separate output folders:\n" + "\n".join(lines))


def discover(inputs: Iterable[str | Path], out_dir: Path) -> list[Task]:
    """Tasks for every PDF under the inputs (files or folders), folder structure mirrored.

    One folder is mirrored into ``out_dir`` as it is; with several inputs each folder is
    mirrored under its own name (``2023/`` -> ``out/2023/...``, ``2024/`` -> ``out/2024/...``)
    and each file goes to the top, so same-named issues of two years stay apart. A file
    reached twice (a folder and its sub-folder both given) is converted once. Raises
    :class:`OutputClash`, listing them, when two inputs would still share an output (two
    roots of one name, ``a.pdf`` beside ``a.PDF`` or ``a``): nothing is converted then.
    """
    roots = [Path(item) for item in inputs]
    prefix = len(roots) > 1
    tasks: list[Task] = []
    seen: set[Path] = set()
    for root in roots:
        if root.is_dir():
            base = _root_name(root) + "/" if prefix else ""
            found = [(path, base + path.relative_to(root).as_posix()) for path in _walk(root)]
        elif root.exists():
            found = [(root, root.name)]
        else:
            raise FileNotFoundError(f"{root}: no such file or folder")
        for path, rel in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                tasks.append(_task(path, rel, out_dir))
    by_output: dict[str, list[Task]] = {}
    for task in tasks:
        # Case folded: on Windows and macOS 'Issue.json' and 'issue.json' are one file.
        by_output.setdefault(task.output.as_posix().casefold(), []).append(task)
    clashes = {str(group[0].output): [t.source for t in group] for group in by_output.values() if len(group) > 1}
    if clashes:
        raise OutputClash(clashes)
    return sorted(tasks, key=lambda t: t.relative)


def _root_name(root: Path) -> str:
    """The name a root folder is mirrored under (``.`` and ``..`` resolved to a real name)."""
    return root.name if root.name not in ("", ".", "..") else (root.resolve().name or "root")


def _task(path: Path, rel: str, out_dir: Path) -> Task:
    out = out_dir / Path(rel)
    out = out.with_name(out.name[:-4] + ".json") if out.name.lower().endswith(".pdf") else \
        out.with_name(out.name + ".json")
    return Task(source=path, relative=rel, output=out)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.is_file() and looks_like_pdf(path):
                yield path
