"""Find the PDFs of an archive: by content, not only by extension."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

HEADER_WINDOW = 1024


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


def discover(inputs: Iterable[str | Path], out_dir: Path) -> list[Task]:
    """Tasks for every PDF under the inputs (files or folders), folder structure mirrored."""
    tasks: dict[str, Task] = {}
    for item in inputs:
        root = Path(item)
        if root.is_dir():
            for path in _walk(root):
                rel = path.relative_to(root).as_posix()
                tasks.setdefault(rel, _task(path, rel, out_dir))
        elif root.exists():
            tasks.setdefault(root.name, _task(root, root.name, out_dir))
        else:
            raise FileNotFoundError(f"{root}: no such file or folder")
    return [tasks[k] for k in sorted(tasks)]


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
