"""Commands side by side: at most N at once, none started after a failure, a kill passed on."""

import os
import signal
import subprocess
import sys
import time

from eastwest.build import side_by_side

WAIT_S = 60  # a bound on waiting for a process, not a timing being tested


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_at_most_n_commands_run_at_once(tmp_path):
    log = tmp_path / "log"
    write = f"open({str(log)!r}, 'a').write"
    step = f"import time; {write}('+'); time.sleep(0.3); {write}('-')"
    assert side_by_side.run([_python(step)] * 4, jobs=2) == 0
    running, most = 0, 0
    for mark in log.read_text():
        running += 1 if mark == "+" else -1
        most = max(most, running)
    assert most == 2 and log.read_text().count("+") == 4


def test_a_failure_starts_no_other_and_gives_its_status(tmp_path):
    marker = tmp_path / "ran"
    commands = [_python("raise SystemExit(3)"), _python(f"open({str(marker)!r}, 'w')")]
    assert side_by_side.run(commands, jobs=1) == 3
    assert not marker.exists()


def test_a_kill_is_passed_on_to_the_children(tmp_path):
    pid_file = tmp_path / "child.pid"
    child = (
        f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(600)"
    )
    parent = subprocess.Popen(
        [sys.executable, "-m", "eastwest.build.side_by_side", "--jobs", "2", "--", *_python(child)],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + WAIT_S
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = int(pid_file.read_text())
    parent.send_signal(signal.SIGTERM)
    _, err = parent.communicate(timeout=WAIT_S)
    assert parent.returncode != 0 and "Traceback" not in err
    try:
        os.kill(pid, 0)
        gone = False
    except ProcessLookupError:
        gone = True
    assert gone, f"child {pid} outlived the kill"
