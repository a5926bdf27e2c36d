"""A second process for work beside the main one's: a step that would keep one core busy gets
the other.

``helper_process()`` starts it for a block; ``beside(function, *args)`` hands it work and
returns a future, or None where no helper runs (the caller then does the work itself). The
pages' and the report's CJK font subsets are cut there beside the Latin ones (``webfonts``), and
the reader's PDF is set there while its HTML is written (``reader``).
"""

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import contextmanager

_POOL: list = []  # the helper's executor, while ``helper_process()`` lasts
_GRACE_S = 2.0  # for a helper stopped mid-write to remove its temporary file


@contextmanager
def helper_process():
    """While the block runs, a second process that ``beside`` hands work to.

    Spawned, not forked (the caller may run threads), and started at once so that its imports
    are done before the first job. What it raises is raised by the job's future. A block left
    by an error, Ctrl-C or a kill stops the helper (SIGTERM, which a write in progress there
    turns into a clean exit, ``atomic.kills_raise``) rather than wait for its job; and the
    helper ends by itself if this process is gone. A helper killed or crashed mid-job stops
    this process with one line.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from eastwest.atomic import kills_raise

    with kills_raise():
        before = set(multiprocessing.active_children())
        pool = ProcessPoolExecutor(
            1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_helper_start,
            initargs=(os.getpid(),),
        )
        # Started now, with Ctrl-C ignored, which it inherits: this process handles Ctrl-C
        # and stops it.
        ignore = threading.current_thread() is threading.main_thread()
        handler = signal.signal(signal.SIGINT, signal.SIG_IGN) if ignore else None
        try:
            pool.submit(int)
        finally:
            if ignore:
                signal.signal(signal.SIGINT, handler)
        workers = set(multiprocessing.active_children()) - before
        _POOL.append(pool)
        try:
            yield
        except BrokenProcessPool:  # killed from outside, or crashed: a line, not a traceback
            raise SystemExit(
                "error: the helper process ended in the middle of its work (killed or crashed);"
                " nothing it was making was written"
            ) from None
        except BaseException:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.join(_GRACE_S)
            raise
        finally:
            _POOL.clear()
            pool.shutdown(wait=True, cancel_futures=True)


def beside(function: Callable, *args) -> Future | None:
    """``function(*args)`` started in the helper, or None where none runs."""
    return _POOL[0].submit(function, *args) if _POOL else None


def _helper_start(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        # As a kill from the parent would: a write in progress removes its temporary file.
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(_GRACE_S)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    from fontTools import subset  # noqa: F401 - before the first cut is asked for
