"""Ctrl-C ends a build step without a traceback; other programs keep Python's own handling."""

import signal
import subprocess
import sys

import eastwest


def test_build_steps_are_the_package_modules_run_with_dash_m():
    assert eastwest._is_build_step(["python", "-m", "eastwest.build.data", "data/raw/article.txt"])
    assert eastwest._is_build_step(["python", "-X", "importtime", "-m", "eastwest.build.reader"])
    assert not eastwest._is_build_step(["python", "-m", "pytest", "eastwest.clean"])
    assert not eastwest._is_build_step(["python", "bench/run.py", "-m"])
    assert not eastwest._is_build_step(["python", "-c", "import eastwest"])


def test_only_a_step_is_interrupted_quietly():
    raises = "import eastwest; raise KeyboardInterrupt"
    other = subprocess.run([sys.executable, "-c", raises], capture_output=True, text=True)
    assert "Traceback" in other.stderr and other.returncode == -signal.SIGINT

    # A step's own command line, as ``python -m eastwest.…`` would have it.
    step = (
        "import sys; sys.orig_argv = [sys.executable, '-m', 'eastwest.clean']\n"
        "import eastwest\nraise KeyboardInterrupt"
    )
    quiet = subprocess.run([sys.executable, "-c", step], capture_output=True, text=True)
    assert quiet.stderr == "" and quiet.returncode == -signal.SIGINT

    fails = step.replace("KeyboardInterrupt", "ValueError('shown')")
    shown = subprocess.run([sys.executable, "-c", fails], capture_output=True, text=True)
    assert "ValueError: shown" in shown.stderr and shown.returncode == 1
