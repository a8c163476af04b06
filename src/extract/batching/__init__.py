"""Batch conversion of an archive: resumable, isolated per file, nothing lost.

    report = extract.batch(["archive/"], "out/", workers=2)
    report.exit_code        # 0 all converted, 1 some failed

Every file runs in its own child process (timeout, memory cap); outputs are written
atomically; a SQLite manifest in the output folder records each file's sha256, status, error
and timings, so a rerun skips what is done, picks up after a crash or Ctrl-C, and
``retry_failed`` reruns only the failures. At the end ``errors.csv`` lists every failure with
its class and a message a person can act on.

With ``inspect_doubtful``, each file converted in this run whose output is doubtful (more
warnings, or a table of poorer quality, than ``InspectSettings`` allows; see
``extract.report.doubtful_reasons``) also gets an HTML inspection report in
``out/inspect/<relative path>.html``, written by the same child process.
"""
from __future__ import annotations

import csv
import fnmatch
import json
import threading
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..load import sha256_of
from ..version import __version__
from .discover import OutputClash, Task, discover
from .manifest import Manifest
from .worker import NOTICES, Inspect, Limits, Result, convert_isolated

__all__ = ["batch", "BatchReport", "Limits", "OutputClash", "load_passwords"]


@dataclass
class BatchReport:
    out_dir: Path
    total: int = 0
    done: int = 0
    skipped: int = 0
    recovered: int = 0  # outputs complete on disk from a run that crashed before noting them
    failed: int = 0
    incomplete: int = 0  # of ``done``: converted, but the bulletin's self-checks found it incomplete
    interrupted: bool = False
    pages: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # file, class, message
    reports: list[str] = field(default_factory=list)  # inspection reports written (inspect_doubtful)
    notices: list[str] = field(default_factory=list)  # one-line notes on the run (no memory cap here ...)

    @property
    def failed_by_class(self) -> Counter:
        return Counter(cls for _, cls, _ in self.failures)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed else 0

    def summary_rows(self) -> list[tuple[str, int]]:
        rows = [("converted", self.done - self.incomplete)]
        if self.incomplete:
            rows.append(("converted, incomplete (see errors.csv)", self.incomplete))
        rows.append(("skipped (already done)", self.skipped))
        if self.recovered:
            rows.append(("recovered from an earlier crash", self.recovered))
        for cls, n in sorted(self.failed_by_class.items()):
            rows.append((f"failed: {cls}", n))
        if self.reports:
            rows.append(("doubtful: inspection report in inspect/", len(self.reports)))
        return rows


def load_passwords(path: str | Path | None) -> list[tuple[str, str]]:
    """Password file: one ``PATTERN<TAB>PASSWORD`` per line (pattern matched against the
    file's relative path or name), or a bare ``PASSWORD`` tried on every encrypted file."""
    if path is None:
        return []
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if "\t" in line:
            pattern, password = line.split("\t", 1)
            out.append((pattern.strip(), password))
        else:
            out.append(("*", line))
    return out


def _passwords_for(task: Task, passwords: list[tuple[str, str]]) -> list[str]:
    name = Path(task.relative).name
    return [pw for pattern, pw in passwords
            if fnmatch.fnmatch(task.relative, pattern) or fnmatch.fnmatch(name, pattern)]


def _complete_output(task: Task, sha: str) -> dict | None:
    """The output on disk, if it is complete JSON for these very bytes made by this version."""
    try:
        data = json.loads(task.output.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("source", {}).get("sha256") != sha:
        return None
    if data.get("provenance", {}).get("version") != __version__:
        return None
    return data


def _remove_stale_temporaries(out_dir: Path) -> None:
    # write_atomic names its temporary files ".<name>.<random>.tmp"; one left behind means a
    # conversion was killed mid-write. The real output was never replaced.
    for tmp in out_dir.rglob(".*.tmp"):
        try:
            tmp.unlink()
        except OSError:
            pass


def inspect_path(out_dir: Path, task: Task) -> Path:
    """Where the inspection report of a task goes: ``out/inspect/`` mirroring the input."""
    rel = Path(task.relative)
    name = rel.name[:-4] if rel.name.lower().endswith(".pdf") else rel.name
    return Path(out_dir) / "inspect" / rel.parent / f"{name}.html"


def convert_with_passwords(task: Task, passwords: list[str], limits: Limits,
                           on_page=None, should_stop=None, inspect: Inspect | None = None,
                           settings=None, ocr: bool = False) -> Result:
    """Convert one task, trying the given passwords in turn when the file is encrypted."""
    result = convert_isolated(task.source, task.output, None, limits, on_page, should_stop, inspect, settings, ocr)
    for pw in passwords:
        if result.error_class != "EncryptedPDF":
            break
        result = convert_isolated(task.source, task.output, pw, limits, on_page, should_stop, inspect, settings,
                                  ocr)
    return result


def batch(inputs: Iterable[str | Path] | str | Path, out_dir: str | Path, *, workers: int = 1,
          limits: Limits | None = None, passwords: list[tuple[str, str]] | None = None,
          retry_failed: bool = False, executor: str = "local", scheduler: str | None = None,
          progress: "Callable[[str, dict], None] | None" = None, inspect_doubtful: bool = False,
          inspect_settings=None, settings=None, ocr: bool = False) -> BatchReport:
    """Convert every PDF under ``inputs`` into ``out_dir``, mirroring folders (several roots
    each under its own name; see :func:`extract.batching.discover.discover`). Raises
    :class:`OutputClash` before converting anything when two inputs would share an output.

    ``inspect_doubtful``: write an HTML inspection report to ``out_dir/inspect/`` for each
    converted file whose output is doubtful by ``inspect_settings`` (an
    ``extract.settings.InspectSettings``; default thresholds when None).

    ``settings`` (an ``extract.settings.Settings``) is what every file is converted with;
    ``ocr``: a PDF without a text layer (a scan) goes through ocrmypdf (``extract.ocr``).

    ``progress(event, info)`` is called with ``"start"`` (total), ``"page"``, ``"file"``
    (file, result, output) and ``"kept"`` (file, status skipped or recovered, output) events;
    the CLI turns them into a progress bar, log lines or JSON lines.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    out_dir = Path(out_dir)
    limits = limits or Limits()
    passwords = passwords or []
    notify = progress or (lambda event, info: None)
    started = time.perf_counter()
    tasks = discover(inputs, out_dir)  # raises OutputClash before anything is written
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out_dir)
    manifest = Manifest(out_dir)
    manifest.reset_running()
    report = BatchReport(out_dir=out_dir)
    NOTICES.clear()
    try:
        todo: list[tuple[Task, str, int]] = []
        kept: list[tuple[Task, str]] = []  # outputs already there: listed to --json as such
        for task in tasks:
            sha, size = sha256_of(task.source), task.source.stat().st_size
            row = manifest.get(task.relative, sha)
            if row and row.tool_version == __version__ and row.status == "done" and task.output.exists():
                report.skipped += 1
                kept.append((task, "skipped"))
                continue
            row = manifest.get(task.relative)  # the current row, whatever bytes it was made from
            if retry_failed and not (row and row.status == "failed"):
                if row and row.status == "done":
                    report.skipped += 1
                continue
            data = _complete_output(task, sha)
            if data is not None:
                # Converted by a run that died before noting it: note it, do not redo it.
                manifest.mark_running(task.relative, sha, size, str(task.output.relative_to(out_dir)))
                manifest.finish(task.relative, "done", pages=data["source"]["pages"], tool_version=__version__)
                manifest.set_completeness(task.relative, **_completeness(data))
                report.recovered += 1
                kept.append((task, "recovered"))
                continue
            todo.append((task, sha, size))
        report.total = len(tasks)
        notify("start", {"total": len(tasks), "todo": len(todo), "skipped": report.skipped + report.recovered})
        for task, status in kept:
            notify("kept", {"file": task.relative, "status": status, "output": str(task.output)})

        def record(task: Task, result: Result) -> None:
            if result.status == "interrupted":
                return
            manifest.finish(task.relative, result.status, error_class=result.error_class,
                            message=result.message, seconds=round(result.seconds, 3), pages=result.pages,
                            tool_version=__version__)
            if result.status == "done":
                manifest.set_completeness(task.relative, result.complete, result.incomplete)
                report.incomplete += result.complete is False
                report.done += 1
                report.pages += result.pages or 0
                if result.report:
                    report.reports.append(result.report)
            else:
                report.failed += 1
            notify("file", {"file": task.relative, "result": result, "output": str(task.output)})

        inspect = None
        if inspect_doubtful:
            from ..settings import InspectSettings

            inspect = lambda task: Inspect(inspect_path(out_dir, task), inspect_settings or InspectSettings())  # noqa: E731
        runner = _run_dask if executor == "dask" else _run_local
        for task, sha, size in todo:
            manifest.mark_running(task.relative, sha, size, str(task.output.relative_to(out_dir)))
        interrupted = runner([t for t, _, _ in todo], passwords, limits, workers, scheduler, record, notify,
                             inspect, settings, ocr)
        report.interrupted = interrupted
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        manifest.reset_running()
        _remove_stale_temporaries(out_dir)
        for row in manifest.rows():
            if row.status == "failed":
                report.failures.append((row.file, row.error_class or "", row.message or ""))
        _write_errors_csv(out_dir, report.failures
                          + [(f, "Incomplete", f"{f}: converted, but {why}") for f, why in manifest.incomplete()])
        manifest.close()
        report.notices = sorted(NOTICES)
        report.seconds = time.perf_counter() - started
    return report


def _completeness(data: dict) -> dict:
    from .worker import completeness_of

    c = completeness_of(data)
    return {"complete": c["complete"], "reason": c["incomplete"]}


def _write_errors_csv(out_dir: Path, failures: list[tuple[str, str, str]]) -> None:
    from ..write import write_atomic

    lines: list[list[str]] = [["file", "error_class", "message"], *[list(f) for f in failures]]
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows(lines)
    write_atomic(out_dir / "errors.csv", buf.getvalue())


def _run_local(tasks: list[Task], passwords, limits: Limits, workers: int, scheduler, record, notify,
               inspect=None, settings=None, ocr: bool = False) -> bool:
    """Threads that each wait on one child process; the main thread records results, so the
    manifest has one writer. Returns True when interrupted."""
    stop = threading.Event()

    def one(task: Task) -> Result:
        return convert_with_passwords(task, _passwords_for(task, passwords), limits,
                                      on_page=lambda n, total: notify("page", {"file": task.relative}),
                                      should_stop=stop.is_set, inspect=inspect(task) if inspect else None,
                                      settings=settings, ocr=ocr)

    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="convert")
    futures: dict[Future[Result], Task] = {}
    pending = list(tasks)
    try:
        while pending or futures:
            while pending and len(futures) < max(1, workers):
                task = pending.pop(0)
                futures[pool.submit(one, task)] = task
            done, _ = wait(list(futures), timeout=0.5, return_when=FIRST_COMPLETED)
            for fut in done:
                record(futures.pop(fut), fut.result())
    except KeyboardInterrupt:
        stop.set()
        for fut in list(futures):
            try:
                result = fut.result(timeout=10)
            except Exception:
                continue
            if result.status != "interrupted":
                record(futures[fut], result)
        return True
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return False


def _dask_convert(task: Task, passwords: list[str], limits: Limits, inspect: Inspect | None = None,
                  settings=None, ocr: bool = False) -> Result:
    return convert_with_passwords(task, passwords, limits, inspect=inspect, settings=settings, ocr=ocr)


def _run_dask(tasks: list[Task], passwords, limits: Limits, workers: int, scheduler, record, notify,
              inspect=None, settings=None, ocr: bool = False) -> bool:
    """Submit the same per-file function to a dask.distributed cluster (``pip install
    .[dask]``): the scheduler at ``scheduler``, or a LocalCluster of ``workers`` processes.
    The output folder must be reachable by the workers under the same path."""
    try:
        import dask
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise RuntimeError("the dask executor needs the optional extra: pip install 'bulletin-extract[dask]'") from exc

    # Workers start their own child process per file, which daemonic workers may not do.
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = None
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        try:
            futures = {client.submit(_dask_convert, t, _passwords_for(t, passwords), limits,
                                     inspect(t) if inspect else None, settings, ocr, pure=False): t
                       for t in tasks}
            try:
                for fut in as_completed(futures):
                    record(futures[fut], fut.result())
            except KeyboardInterrupt:
                client.cancel(list(futures))
                return True
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    return False
