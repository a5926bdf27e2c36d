"""Notebooks run in fresh kernels, at most ``jobs`` at a time, on an event loop of their own.

The loop runs in a thread, so that the caller renders each notebook's page while the next
notebook runs. Each notebook gets a kernel of its own, started for it and shut down after it: no
state passes from one notebook to another. The caller's main thread keeps Ctrl-C and kills
(nbclient adds its own signal handlers only to a loop in the main thread) and calls ``stop()``,
which shuts every kernel down, also one still starting.

A kernel learns where to log the files it writes (``eastwest.atomic``) from its environment, so
each one gets its own log.
"""

import asyncio
import json
import os
import queue
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from eastwest.atomic import WRITE_LOG
from eastwest.paths import ROOT, shown
from eastwest.publish.notebook_filter import stored

KERNEL = "eastwest"
TIMEOUT_S = 600
STOP_WAIT_S = 30
EXTRA_ARGUMENTS = [
    # The kernel's own warnings (TCP without encryption on loopback) are noise in a build log.
    "--IPKernelApp.log_level=ERROR",
    # IPython's history of every cell run, in a database in the user's home: a build writes
    # only its own outputs.
    "--HistoryManager.enabled=False",
]


@dataclass
class Result:
    """A notebook's executed copy as text and the files its kernel wrote, or why it failed."""

    source: Path
    text: str = ""
    written: list[Path] = field(default_factory=list)
    error: str = ""


def kernel_name(notebook: dict) -> str:
    return notebook.get("metadata", {}).get("kernelspec", {}).get("name") or KERNEL


def serialize(nb) -> str:
    """The executed copy's text, without timings or volatile metadata."""
    import nbformat

    nb.metadata.pop("widgets", None)
    # The kernel's exact Python version: the record is the same under every supported Python.
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            output.get("metadata", {}).pop("execution", None)
    return nbformat.writes(nb) + "\n"


def _failure(source: Path, nb, err) -> str:
    """The build log's message for a cell that raised: notebook, cell number, error."""
    index = next(
        (
            i
            for i, cell in enumerate(nb.cells)
            if any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        ),
        None,
    )
    where = f"cell {index + 1} of {len(nb.cells)}" if index is not None else "a cell"
    if err.ename == "InputError":  # a refused input: its message names file, line and column
        return f"error: {shown(source)}: {where}: {err.evalue}"
    return f"error: {shown(source)}: {where} raised\n{err}"


class Kernels:
    """Runs ``sources`` in order, ``jobs`` at a time; ``result(source)`` waits for one.

    Each notebook's kernel starts while the notebook before it runs (one kernel starts at a
    time), and is shut down after its own notebook while the next one runs: neither waits on
    the other. After a notebook fails, no other starts. ``announce(source)`` is called as each
    one starts to run.
    """

    def __init__(self, sources: list[Path], jobs: int = 1, announce=None) -> None:
        self.sources = list(sources)
        self.jobs = max(1, jobs)
        self.announce = announce or (lambda source: None)
        self._done: queue.Queue[Result] = queue.Queue()
        self._results: dict[Path, Result] = {}
        self._runs: list[Run] = []
        self._tasks: list[asyncio.Task] = []
        self._closing: list[asyncio.Task] = []
        self._failed = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    # --- the caller's side (main thread) -----------------------------------------------------

    def start(self) -> "Kernels":
        if self.sources:
            # Imported here, before the thread starts: two threads importing one package at
            # once can see it half-initialised.
            import nbclient  # noqa: F401

            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(target=self._run, name="kernels", daemon=True)
            self._thread.start()
        return self

    def result(self, source: Path) -> Result:
        while source not in self._results:
            try:  # a timeout, so that Ctrl-C and kills reach the main thread at once
                done = self._done.get(timeout=0.2)
            except queue.Empty:
                ended = self._thread is None or not self._thread.is_alive()
                if ended and self._done.empty():
                    return Result(source, error=f"error: {shown(source)} did not run")
                continue
            self._results[done.source] = done
        return self._results[source]

    def stop(self) -> None:
        """Shut down every kernel still running or starting, and end the loop's thread."""
        if self._thread is None or not self._thread.is_alive():
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(STOP_WAIT_S)
        self._thread.join(STOP_WAIT_S)

    # --- the loop's side ----------------------------------------------------------------------

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._all())
        finally:  # nbclient's own watchers of a kernel stopped mid-run
            left = asyncio.all_tasks(self._loop)
            for task in left:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
            self._loop.close()

    async def _all(self) -> None:
        # One kernel starts (or waits, started) at a time: with two notebooks running on two
        # cores, more kernels starting only slow them down.
        starting, running = asyncio.Semaphore(1), asyncio.Semaphore(self.jobs)
        self._tasks = [
            asyncio.ensure_future(self._one(source, starting, running)) for source in self.sources
        ]
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await asyncio.gather(*self._closing, return_exceptions=True)

    async def _one(self, source: Path, starting, running) -> None:
        run, result = None, Result(source, error=f"error: {shown(source)} not run")
        try:
            async with starting:
                if not self._failed:
                    run = Run(source)
                    self._runs.append(run)
                    await run.start()
                    await running.acquire()
            if run is not None:
                result = await self._execute(run, running)
        except asyncio.CancelledError:
            raise
        except Exception as err:  # a kernel that cannot start, say
            result = Result(source, error=f"error: {shown(source)}: {type(err).__name__}: {err}")
        finally:
            if run is not None:  # while the next notebook runs
                self._closing.append(asyncio.ensure_future(run.close()))
        self._failed = self._failed or bool(result.error)
        self._done.put(result)

    async def _execute(self, run: "Run", running: asyncio.Semaphore) -> Result:
        try:
            if self._failed:
                return Result(run.source, error=f"error: {shown(run.source)} not run")
            self.announce(run.source)
            return await run.execute()
        finally:
            running.release()

    async def _shutdown(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await asyncio.gather(*(run.close(now=True) for run in self._runs), return_exceptions=True)


class Run:
    """One notebook in a kernel of its own: ``start()``, ``execute()``, ``close()``."""

    def __init__(self, source: Path) -> None:
        import nbformat
        from nbclient import NotebookClient

        self.source = source
        # As git stores it: what JupyterLab saved there (outputs, its metadata) is no input.
        self.nb = nbformat.reads(json.dumps(stored(source)), as_version=4)
        self.folder = Path(tempfile.mkdtemp(prefix="eastwest-writes-"))
        self.log = self.folder / "written"
        self.log.touch()
        # The kernel's own log, shown only if the kernel dies: stopped mid-cell by Ctrl-C or a
        # kill, a kernel prints tracebacks of sockets closed under it.
        self.stderr = open(self.folder / "stderr", "w+b")  # noqa: SIM115 - closed by close()
        self.client = NotebookClient(
            self.nb,
            timeout=TIMEOUT_S,
            kernel_name=kernel_name(self.nb),
            record_timing=False,
            extra_arguments=EXTRA_ARGUMENTS,
            resources={"metadata": {"path": str(source.parent)}},
        )
        self.manager = None

    async def start(self) -> None:
        self.manager = self.client.create_kernel_manager()
        await self.manager.start_kernel(
            extra_arguments=EXTRA_ARGUMENTS,
            env={**os.environ, WRITE_LOG: str(self.log)},
            cwd=str(self.source.parent),
            stderr=self.stderr,
        )

    async def execute(self) -> Result:
        from nbclient.exceptions import CellExecutionError, DeadKernelError

        try:
            # The kernel is shut down by close(), which need not hold up the next notebook.
            await self.client.async_execute(cleanup_kc=False)
        except CellExecutionError as err:
            return Result(self.source, error=_failure(self.source, self.nb, err))
        except DeadKernelError:
            self.stderr.seek(0)
            said = self.stderr.read().decode("utf-8", "replace").strip()
            said = "\n".join(said.splitlines()[-20:])
            died = f"error: {shown(self.source)}: the kernel died"
            return Result(self.source, error=f"{died}\n{said}" if said else died)
        finally:
            if self.client.kc is not None:
                self.client.kc.stop_channels()
        written = {Path(line) for line in self.log.read_text(encoding="utf-8").splitlines()}
        inside = sorted(p for p in written if p.is_file() and p.is_relative_to(ROOT))
        return Result(self.source, serialize(self.nb), inside)

    async def close(self, now: bool = False) -> None:
        manager, self.manager = self.manager, None
        try:
            if manager is not None and manager.has_kernel:
                await manager.shutdown_kernel(now=now)
        except Exception:  # already gone
            pass
        finally:
            self.stderr.close()
            shutil.rmtree(self.folder, ignore_errors=True)
