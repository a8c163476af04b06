"""Windows and macOS lack some of what Linux has: each missing API is simulated here."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap

import pytest

from extract.batching import worker
from extract.write import _umask, write_atomic
from helpers import ROOT, draw_mini_bulletin, make_pdf


def test_write_atomic_without_fchmod(tmp_path, monkeypatch):
    """Windows has os.fchmod only from Python 3.13."""
    monkeypatch.delattr(os, "fchmod", raising=False)
    path = write_atomic(tmp_path / "out.json", "{}\n")
    assert path.read_text(encoding="utf-8") == "{}\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask(), "readable as any new file is"


def test_memory_cap_without_resource_module(monkeypatch):
    """Windows has no `resource`: no cap, and a one-line notice saying so."""
    monkeypatch.setitem(sys.modules, "resource", None)  # import resource -> ImportError
    notice = worker.limit_memory(500)
    assert notice and "memory cap (500 MB) not available" in notice and "\n" not in notice
    assert worker.limit_memory(None) is None and worker.limit_memory(0) is None


def test_memory_cap_where_rlimit_as_is_refused(monkeypatch):
    """macOS refuses RLIMIT_AS with ValueError."""
    resource = pytest.importorskip("resource", reason="no resource module on this platform")

    def refuse(*args):
        raise ValueError("current limit exceeds maximum limit")

    monkeypatch.setattr(resource, "setrlimit", refuse)
    assert "ValueError" in worker.limit_memory(500)


def test_batch_child_converts_without_resource(tmp_path):
    """The child imported `resource` before its try: on Windows every file was 'Crashed'.
    Run the child's own function in a process where `resource` cannot be imported."""
    pdf = make_pdf(tmp_path / "issue.pdf", draw_mini_bulletin)
    out = tmp_path / "issue.json"
    script = textwrap.dedent(f"""
        import multiprocessing, sys
        sys.modules["resource"] = None
        from extract.batching.worker import _child
        receiver, sender = multiprocessing.Pipe(duplex=False)
        _child(sender, {str(pdf)!r}, {str(out)!r}, None, 500)
        kinds = []
        while receiver.poll(1):
            try:
                msg = receiver.recv()
            except EOFError:  # the child's end is closed once it has reported
                break
            kinds.append(msg[0] if msg[0] != "result" else "result:" + msg[1]["status"])
        print(",".join(k for k in kinds if k != "page"))
    """)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "notice,result:done"
    assert out.exists()


def test_packaging_declares_platforms_license_and_types():
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    systems = {c for c in project["classifiers"] if c.startswith("Operating System")}
    assert {"Operating System :: POSIX :: Linux", "Operating System :: MacOS",
            "Operating System :: Microsoft :: Windows"} <= systems
    assert project["license"] == "MIT" and "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert (ROOT / "src" / "extract" / "py.typed").exists()
