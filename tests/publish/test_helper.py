"""The helper process: work handed to it, and what happens to it when its parent stops."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eastwest.publish.helper import beside, helper_process

# Run as a file, not with -c: the spawned helper imports the parent's main module to find the
# job it is handed.
SCRIPT = """
import os, sys, time
from pathlib import Path
from eastwest.atomic import atomic_path
from eastwest.publish.helper import beside, helper_process

def slow_write(target):
    with atomic_path(target, log=False) as tmp:
        tmp.write_text("half")
        print(os.getpid(), flush=True)
        time.sleep(600)

if __name__ == "__main__":
    target, ending = Path(sys.argv[1]), sys.argv[2]
    with helper_process():
        job = beside(slow_write, target)
        while not list(target.parent.glob(".*.tmp")):
            time.sleep(0.05)
        if ending == "interrupt":
            raise KeyboardInterrupt
        time.sleep(600)
"""


def _gone(pid: int, within_s: float = 10) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    return False


def test_work_beside_runs_in_another_process_and_raises_there():
    with helper_process():
        assert beside(os.getpid).result() != os.getpid()
        with pytest.raises(ValueError, match="invalid literal"):
            beside(int, "not a number").result()
        # A step's one-line refusal (the PDF's, where Pango is missing) stays one.
        with pytest.raises(SystemExit) as stop:
            beside(sys.exit, "error: Pango is missing").result()
        assert stop.value.code == "error: Pango is missing"
        assert beside(os.getpid).result() != os.getpid(), "the helper still works"
    assert beside(os.getpid) is None, "no helper outside the block"


def test_a_helper_that_dies_mid_job_stops_the_caller_in_one_line():
    with pytest.raises(SystemExit) as stop, helper_process():
        beside(os._exit, 1).result()  # as a crash or the out-of-memory killer would
    message = str(stop.value.code)
    assert message.startswith("error: the helper process ended") and "\n" not in message
    assert stop.value.__suppress_context__, "no traceback of the pool's internals"


@pytest.mark.parametrize("ending", ["interrupt", "killed"])
def test_a_stopped_parent_stops_the_helper_and_its_write(tmp_path, ending):
    """Ctrl-C in the parent stops the helper's job instead of waiting for it; a parent killed
    outright (no cleanup runs) leaves no helper behind. Either way the write in progress there
    removes its temporary file and the target is never written."""
    script = tmp_path / "parent.py"
    script.write_text(SCRIPT, encoding="utf-8")
    target = tmp_path / "out" / "page.html"
    parent = subprocess.Popen(
        [sys.executable, str(script), str(target), ending],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    helper = int(parent.stdout.readline())
    if ending == "killed":
        os.kill(parent.pid, signal.SIGKILL)
    assert parent.wait(timeout=60) != 0
    assert _gone(helper), f"helper {helper} outlived its parent"
    assert sorted(path.name for path in target.parent.iterdir()) == []
