"""A signal while an output is being written leaves the old output and no temporary file."""

import signal
import subprocess
import sys

import pytest
from conftest import ROOT, as_in_a_terminal

# Writes half an output, then receives the signal, as a build step does when make is stopped.
WRITER = """
import os, signal, sys
from eastwest.atomic import atomic_path
with atomic_path(sys.argv[1]) as tmp:
    tmp.write_text("half of the new output")
    os.kill(os.getpid(), getattr(signal, sys.argv[2]))
    signal.pause()
"""


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_signal_during_a_write_keeps_the_output_and_removes_the_temporary(tmp_path, name):
    target = tmp_path / "indicators.csv"
    target.write_text("the committed output", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", WRITER, str(target), name],
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, check=False, timeout=120, preexec_fn=as_in_a_terminal,
    )  # fmt: skip
    assert result.returncode != 0
    assert target.read_text(encoding="utf-8") == "the committed output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["indicators.csv"]
    if name != "SIGINT":
        # A kill ends the step with the shell's status for it, without a traceback.
        assert result.returncode == 128 + getattr(signal, name), result.stderr
        assert "Traceback" not in result.stderr


def test_an_ignored_kill_stays_ignored(tmp_path):
    """A program that ignores SIGTERM (nohup-like) keeps doing so while it writes."""
    target = tmp_path / "out.txt"
    script = (
        "import os, signal, sys\n"
        "from eastwest.atomic import atomic_path\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "with atomic_path(sys.argv[1]) as tmp:\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    tmp.write_text('whole')\n"
        "assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(target)],
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert target.read_text() == "whole"
