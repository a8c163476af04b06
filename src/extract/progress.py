"""Progress of a batch: a rich progress bar on a terminal, plain log lines otherwise (CI,
nohup), and the closing summary table."""
from __future__ import annotations

import sys
import time


class BatchProgress:
    LOG_EVERY = 10.0  # seconds between plain log lines

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.total = self.todo = self.finished = self.failed = self.pages = 0
        self.started = time.perf_counter()
        self.last_log = 0.0
        self._bar = None
        self._task = None

    def __enter__(self):
        if self.tty:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]} pages/s"),
                                 TextColumn("[red]{task.fields[failed]} failed"),
                                 TimeRemainingColumn(), console=Console(file=self.stream), transient=False)
            self._bar.__enter__()
        return self

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.__exit__(*exc)
        return False

    def _rate(self) -> str:
        elapsed = time.perf_counter() - self.started
        return f"{self.pages / elapsed:.1f}" if elapsed > 0 else "0"

    def event(self, kind: str, info: dict) -> None:
        if kind == "start":
            self.total, self.todo = info["total"], info["todo"]
            if self._bar is not None:
                self._task = self._bar.add_task("batch", total=self.todo, rate="0", failed=0)
            else:
                self._log(f"batch: {self.total} PDFs found, {self.todo} to convert, {info['skipped']} already done")
        elif kind == "page":
            self.pages += 1
        elif kind == "file":
            self.finished += 1
            if info["result"].status != "done":
                self.failed += 1
            if self._bar is not None:
                self._bar.update(self._task, advance=1, rate=self._rate(), failed=self.failed)
            elif time.perf_counter() - self.last_log >= self.LOG_EVERY or self.finished == self.todo:
                self._log(f"batch: {self.finished}/{self.todo} files, {self.failed} failed, {self._rate()} pages/s")

    def _log(self, text: str) -> None:
        self.last_log = time.perf_counter()
        print(text, file=self.stream, flush=True)

    def print_summary(self, report) -> None:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"batch summary ({report.seconds:.1f} s, {report.pages} pages)")
        table.add_column("outcome")
        table.add_column("files", justify="right")
        for label, n in report.summary_rows():
            table.add_row(label, str(n))
        console = Console(file=self.stream, force_terminal=self.tty, width=100)
        console.print(table)
        if report.failures:
            console.print(f"failures are listed in {report.out_dir / 'errors.csv'}")
        if report.interrupted:
            console.print("interrupted: finished outputs are kept; run the same command again to resume")
