"""Stage: write the JSON atomically, so a reader never sees half a file."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _umask() -> int:
    """The process's file-creation mask (read without changing it where Linux tells it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: read it by setting it, and put it back at once
    os.umask(mask)
    return mask


def _chmod(fd: int, path: str, mode: int) -> None:
    """``os.fchmod`` where it exists (POSIX; Windows only from Python 3.13), else by path.
    Windows keeps only the read-only bit of a mode, which a new file has clear anyway."""
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(fd, mode)
        return
    try:
        os.chmod(path, mode)
    except OSError:  # a file system without modes: the file stays as mkstemp made it
        pass


def write_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to a temporary file beside ``path``, fsync it, then rename it over."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            # mkstemp makes the file private (0600); an output should get the permissions any
            # other new file gets here (0644 with the usual umask), so others can read the archive.
            _chmod(fh.fileno(), tmp, 0o666 & ~_umask())
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def write_json(path: str | Path, data: dict[str, Any]) -> Path:
    return write_atomic(path, dumps(data))
