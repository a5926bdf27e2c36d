"""Write outputs whole or not at all.

Every file the build produces goes through here: the bytes land in a temporary file beside the
target and are renamed over it only when complete, so a failure never leaves a half-written
output that a later ``make`` would take as up to date.

A kill (SIGTERM, SIGHUP) while the temporary file exists ends the process the way Ctrl-C does,
through the cleanup below, instead of leaving the temporary file behind.
"""

import os
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

_KILLS = (signal.SIGTERM, signal.SIGHUP)


def _exit(signum, _frame):
    raise SystemExit(128 + signum)


@contextmanager
def kills_raise():
    """While the block runs, SIGTERM and SIGHUP raise SystemExit, where they would end the
    process on the spot; a handler the program installed itself, or an ignored signal, stays."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    replaced = [sig for sig in _KILLS if signal.getsignal(sig) is signal.SIG_DFL]
    for sig in replaced:
        signal.signal(sig, _exit)
    try:
        yield
    finally:
        for sig in replaced:
            signal.signal(sig, signal.SIG_DFL)


# When set, the name of a file that gets one line per output written: how the build learns
# which figures and tables a notebook wrote, so that it can check them before skipping a run.
WRITE_LOG = "EASTWEST_WRITE_LOG"


@contextmanager
def atomic_path(target: str | os.PathLike, log: bool = True):
    """Yield a temporary path beside ``target``; rename it over ``target`` on success.

    ``log``: name it in the write log (``WRITE_LOG``), as an output of the build.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with kills_raise():
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        try:
            yield Path(tmp)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    if log and (names := os.environ.get(WRITE_LOG)):
        with open(names, "a", encoding="utf-8") as lines:
            lines.write(f"{target.resolve()}\n")


def write_bytes(target: str | os.PathLike, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: str | os.PathLike, text: str) -> None:
    """UTF-8 with LF line endings, whatever the platform."""
    write_bytes(target, text.encode("utf-8"))


def csv_text(frame) -> str:
    """A pandas frame as CSV text with LF endings and no index, in the frame's row order."""
    return frame.to_csv(index=False, lineterminator="\n")


def write_csv(target: str | os.PathLike, frame) -> None:
    write_text(target, csv_text(frame))
