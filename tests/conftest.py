"""Shared fixtures: a scratch copy of the project's inputs, and a way to run the build on it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The project's data inputs in a scratch root, for builds that must not touch the real one."""
    for folder in ("data/raw", "data/external"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for name in ("codebook.csv", "number_decisions.csv", "sources.csv"):
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    return tmp_path


def run_module(module: str, root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `python -m module` with the project root moved to `root`."""
    env = os.environ | {"EASTWEST_ROOT": str(root), "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        env=env, capture_output=True, text=True, check=False, cwd=root,
    )  # fmt: skip
