"""Convert one file in a child process with a wall-clock timeout and a memory cap.

A hostile file (a decompression bomb, a page-tree loop) can hang or exhaust a parser; in its
own process it costs one failed entry, not the batch. The child writes its output
atomically before it reports, so an output on disk is always complete.
"""
from __future__ import annotations

import multiprocessing
import signal
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    from ..settings import InspectSettings

_CONTEXT = None


@dataclass
class Limits:
    timeout: float = 60.0  # seconds for the file, plus per_page for each of its pages
    per_page: float = 5.0
    max_memory_mb: int | None = 1500  # address-space limit of the child
    ocr_per_page: float = 60.0  # seconds more per page when a scan goes through OCR (--ocr)


@dataclass
class Inspect:
    """Write an HTML inspection report (``extract.report``) to ``html`` when the output is
    doubtful by ``settings`` (an ``InspectSettings``; None: its defaults)."""

    html: Path
    settings: InspectSettings | None = None


def _write_report(bulletin, source: str, inspect: "Inspect") -> tuple[str | None, str | None]:
    """(the report's path, None) when the output is doubtful, (None, None) when it is not,
    (None, why) when the report could not be made: that never costs the conversion, which
    is already written."""
    from extract.report import doubtful_reasons, render
    from extract.write import write_atomic

    html = Path(inspect.html)
    if not doubtful_reasons(bulletin.data, inspect.settings):
        html.unlink(missing_ok=True)  # a report of an earlier, doubtful conversion
        return None, None
    try:
        resolution = getattr(inspect.settings, "resolution", None) or 100
        text = render(bulletin, source, resolution=resolution, inspect_settings=inspect.settings)
        html.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(html, text)
    except Exception as exc:  # MemoryError included: the output is safe on disk
        return None, f"{source}: inspection report not written ({type(exc).__name__}: {exc})"
    return str(html), None


def completeness_of(data: dict) -> dict:
    """``complete`` and ``incomplete`` (the reason) of an output, for Result and the manifest."""
    comp = data.get("completeness") or {}
    complete = comp.get("complete")
    return {"complete": complete, "incomplete": comp.get("reason") if complete is False else None}


@dataclass
class Result:
    status: str  # done | failed | interrupted
    error_class: str | None = None
    message: str | None = None
    pages: int | None = None
    seconds: float = 0.0
    warnings: int = 0
    #: The inspection report written for a doubtful output (``Inspect``), if any.
    report: str | None = None
    #: The output's ``completeness.complete`` (None: no bulletin) and, when False, its reason.
    complete: bool | None = None
    incomplete: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _context():
    """A forkserver that has imported the pipeline once: children start in milliseconds and
    are never forked from a parent that runs threads."""
    global _CONTEXT
    if _CONTEXT is None:
        methods = multiprocessing.get_all_start_methods()
        if "forkserver" in methods:
            ctx = multiprocessing.get_context("forkserver")
            # Import the parsers and set the pipeline up once in the server, not once per
            # file in every child.
            ctx.set_forkserver_preload(["extract.batching.preload", "extract.batching.worker",
                                        "pdfplumber", "pypdf", "jsonschema", "rapidfuzz"])
        else:  # pragma: no cover - platforms without fork
            ctx = multiprocessing.get_context("spawn")
        _CONTEXT = ctx
    return _CONTEXT


def _die_with_parent() -> None:
    """Ask Linux to kill this child when its parent dies, so a killed batch leaves no
    orphan still writing outputs."""
    import sys

    if not sys.platform.startswith("linux"):  # elsewhere the parent's own cleanup has to do
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except Exception:  # not Linux: the parent's own cleanup has to do
        pass


def quiet_parser_logs() -> None:
    """pypdf and pdfminer log every oddity of a damaged file; the batch reports failures
    through the manifest and errors.csv instead."""
    import logging

    for name in ("pypdf", "pdfminer"):
        logging.getLogger(name).setLevel(logging.ERROR)


def limit_memory(max_memory_mb: int | None) -> str | None:
    """Cap this process's address space (RLIMIT_AS). Where that cannot be done (Windows has
    no ``resource`` module; macOS refuses RLIMIT_AS) the file runs without a cap and the
    one-line notice returned says so; the timeout still bounds it."""
    if not max_memory_mb:
        return None
    try:
        import resource

        limit = int(max_memory_mb) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, AttributeError, ValueError, OSError) as exc:
        return (f"memory cap ({max_memory_mb} MB) not available on this platform ({type(exc).__name__}: {exc}); "
                "files run without it, bounded by the timeout only")
    return None


#: One-line notices the children sent (the memory cap not applied ...), each said once.
NOTICES: set[str] = set()


def _child(conn, source: str, output: str, password: str | None, max_memory_mb: int | None,
           inspect: Inspect | None = None, settings=None, ocr: bool = False) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    _die_with_parent()
    quiet_parser_logs()
    start = time.perf_counter()
    try:
        notice = limit_memory(max_memory_mb)
        if notice:
            conn.send(("notice", notice))
        import dataclasses

        from extract.convert import convert
        from extract.errors import ExtractError
        from extract.settings import Settings

        def on_page(number: int, total: int) -> None:
            conn.send(("page", number, total))

        try:
            run_settings = dataclasses.replace(settings or Settings(), password=password)
            bulletin = convert(source, run_settings, on_page=on_page, ocr=ocr,
                               on_ocr=lambda pages: conn.send(("ocr", pages)))
            bulletin.write(output)
            report, note = _write_report(bulletin, source, inspect) if inspect is not None else (None, None)
            conn.send(("result", Result("done", message=note, pages=bulletin.data["source"]["pages"],
                                        seconds=time.perf_counter() - start,
                                        warnings=len(bulletin.warnings), report=report,
                                        **completeness_of(bulletin.data)).to_dict()))
        except ExtractError as exc:
            conn.send(("result", Result("failed", type(exc).__name__, str(exc),
                                        seconds=time.perf_counter() - start).to_dict()))
        except MemoryError:
            conn.send(("result", Result("failed", "MemoryLimit",
                                        f"{source}: needed more than {max_memory_mb} MB of memory; the file may be "
                                        "hostile (a decompression bomb); raise --max-memory to try again",
                                        seconds=time.perf_counter() - start).to_dict()))
        except RecursionError:
            conn.send(("result", Result("failed", "DamagedPDF",
                                        f"{source}: the PDF is damaged and cannot be read (a reference loop)",
                                        seconds=time.perf_counter() - start).to_dict()))
        except Exception as exc:  # a bug of ours: still one failed entry with its cause
            conn.send(("result", Result("failed", "InternalError",
                                        f"{source}: unexpected {type(exc).__name__}: {exc} (please report it)",
                                        seconds=time.perf_counter() - start).to_dict()))
    finally:
        conn.close()


def convert_isolated(source: Path, output: Path, password: str | None, limits: Limits,
                     on_page: Callable[[int, int], None] | None = None,
                     should_stop: Callable[[], bool] | None = None, inspect: Inspect | None = None,
                     settings=None, ocr: bool = False) -> Result:
    """Run one file in a child process; never raises for a bad file. With ``inspect``, a
    doubtful output also gets its HTML inspection report; ``settings`` (an
    ``extract.settings.Settings``) is what the conversion runs with."""
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, daemon=True,
                       args=(sender, str(source), str(output), password, limits.max_memory_mb, inspect, settings,
                             ocr))
    start = time.perf_counter()
    proc.start()
    sender.close()
    deadline = start + limits.timeout
    result: Result | None = None
    try:
        while result is None:
            if should_stop is not None and should_stop():
                result = Result("interrupted", "Interrupted", f"{source}: stopped by the user")
                break
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                result = Result("failed", "Timeout",
                                f"{source}: took longer than {deadline - start:.0f} s and was stopped; the file "
                                "may be hostile or very large (raise --timeout to try again)")
                break
            if receiver.poll(min(remaining, 0.25)):
                try:
                    msg = receiver.recv()
                except EOFError:
                    proc.join(1)
                    result = _crashed(source, proc.exitcode, limits)
                    break
                if msg[0] == "notice":
                    NOTICES.add(msg[1])
                elif msg[0] == "ocr":  # a scan about to be OCR'd: minutes, not seconds
                    deadline += limits.ocr_per_page * msg[1]
                elif msg[0] == "page":
                    _, number, total = msg
                    deadline = start + limits.timeout + limits.per_page * total
                    if on_page is not None:
                        on_page(number, total)
                else:
                    result = Result(**msg[1])
            elif not proc.is_alive() and not receiver.poll(0):
                result = _crashed(source, proc.exitcode, limits)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        receiver.close()
    result.seconds = result.seconds or (time.perf_counter() - start)
    return result


def _crashed(source: Path, exitcode: int | None, limits: Limits) -> Result:
    if exitcode is not None and exitcode < 0:
        sig = signal.Signals(-exitcode).name
        return Result("failed", "Crashed", f"{source}: the converter was killed by {sig}"
                      + (f" (memory limit {limits.max_memory_mb} MB?)" if limits.max_memory_mb else ""))
    return Result("failed", "Crashed", f"{source}: the converter exited with code {exitcode} without a result")
