"""Notebooks reach git without outputs (nbstripout, with eastwest.build.notebook_filter's keys),
and the committed ones are clean: no outputs, no execution counts, one kernel."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from eastwest.build.notebook_filter import EXTRA_KEYS, stored, stored_digest, stored_text

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
FIX = (
    "\nCommitted notebooks carry no outputs. `make env` sets up a git filter that strips them "
    "on commit; to clean the working copies too, run\n"
    "    .venv/bin/nbstripout --keep-id notebooks/*.ipynb"
)


def cleaned_text(text: str) -> str:
    """``text`` through nbstripout's command, as git's filter runs it, with the project's keys."""
    command = [
        sys.executable,
        "-m",
        "nbstripout",
        "--keep-id",
        "--extra-keys",
        " ".join(EXTRA_KEYS),
    ]
    done = subprocess.run(command, input=text.encode("utf-8"), capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def saved_by_an_editor() -> str:
    """A notebook as JupyterLab writes it after Run All and Save."""
    code = new_code_cell("print(1 + 1)", id="c02", execution_count=7)
    code.outputs = [new_output("stream", name="stdout", text="2\n")]
    code.metadata = {
        "tags": ["report-skip"],
        "scrolled": True,
        "execution": {"iopub.status.busy": "2026-01-01T00:00:00.000Z"},
        "jupyter": {"source_hidden": False},
    }
    nb = new_notebook(
        cells=[new_markdown_cell("# Title 标题", id="c01", metadata={"editable": True}), code],
        metadata={
            "kernelspec": {"name": "eastwest", "display_name": "Python 3 (eastwest)"},
            "language_info": {"name": "python", "version": "3.11.9", "mimetype": "text/x-python"},
            "widgets": {"application/vnd.jupyter.widget-state+json": {}},
        },
    )
    return nbformat.writes(nb) + "\n"


def test_outputs_counts_and_editor_metadata_go_source_ids_and_tags_stay():
    nb = json.loads(cleaned_text(saved_by_an_editor()))
    assert nb["metadata"] == {
        "kernelspec": {"name": "eastwest", "display_name": "Python 3 (eastwest)"},
        "language_info": {"name": "python"},
    }
    markdown, code = nb["cells"]
    assert (markdown["id"], markdown["metadata"]) == ("c01", {})
    assert markdown["source"] == ["# Title 标题"]
    assert (code["outputs"], code["execution_count"]) == ([], None)
    assert code["metadata"] == {"tags": ["report-skip"]}
    assert (code["id"], code["source"]) == ("c02", ["print(1 + 1)"])


def test_cleaning_is_idempotent_and_the_build_reads_what_git_stores(tmp_path):
    once = cleaned_text(saved_by_an_editor())
    assert cleaned_text(once) == once
    saved = tmp_path / "saved.ipynb"
    saved.write_text(saved_by_an_editor(), encoding="utf-8")
    assert stored_text(saved) == once


def as_git_stores(path: Path) -> str:
    """What git stores for ``path`` (its index entry, cleaned by the filter), not the working
    copy, which keeps what JupyterLab saved; the file itself where there is no git."""
    relative = path.relative_to(ROOT).as_posix()
    stored = subprocess.run(
        ["git", "show", f":{relative}"], cwd=ROOT, capture_output=True, check=False
    )
    return stored.stdout.decode("utf-8") if stored.returncode == 0 else path.read_text("utf-8")


def test_a_saved_notebook_is_the_stored_one_to_the_build(tmp_path):
    """The notebook step's digest is of what git stores: JupyterLab's save changes nothing."""
    saved = tmp_path / "saved.ipynb"
    committed = tmp_path / "committed.ipynb"
    saved.write_text(saved_by_an_editor(), encoding="utf-8")
    committed.write_text(cleaned_text(saved_by_an_editor()), encoding="utf-8")
    assert saved.read_bytes() != committed.read_bytes()
    assert stored_digest(saved) == stored_digest(committed)
    assert stored(saved)["cells"][1]["outputs"] == []
    committed.write_text(cleaned_text(saved_by_an_editor()).replace("1 + 1", "1 + 2"), "utf-8")
    assert stored_digest(saved) != stored_digest(committed)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_is_clean(path):
    text = as_git_stores(path)
    # Otherwise git would show every freshly checked-out notebook as modified.
    assert cleaned_text(text) == text, path.name + FIX
    notebook = json.loads(text)
    assert notebook["metadata"]["kernelspec"]["name"] == "eastwest"
    assert set(notebook["metadata"]) <= {"kernelspec", "language_info"}, path.name + FIX
    # An editor's save adds the Python version it ran; the committed notebook names the language.
    assert set(notebook["metadata"].get("language_info", {})) <= {"name"}, path.name + FIX
    for cell in notebook["cells"]:
        where = f"{path.name}: cell {cell['id']}"
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{where} has outputs{FIX}"
            assert cell["execution_count"] is None, f"{where} has an execution count{FIX}"
        assert set(cell["metadata"]) <= {"tags"}, f"{where} has editor metadata{FIX}"


def _git(repo: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, env=env, **kw
    )


def test_git_stores_a_saved_notebook_without_its_outputs(tmp_path):
    """In a scratch repository, with the filter as the Makefile sets it up."""
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    name = re.search(r"^notebooks/\*\.ipynb\s+filter=(\S+)", attributes, re.MULTILINE).group(1)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"filter.{name}.clean" in makefile and "-m nbstripout --keep-id" in makefile
    assert (
        f"filter.{name}.extrakeys" in makefile and "-m eastwest.build.notebook_filter" in makefile
    )
    repo = tmp_path / "clone"
    (repo / "notebooks").mkdir(parents=True)
    (repo / ".gitattributes").write_text(attributes, encoding="utf-8")
    _git(repo, "init", "--quiet")
    _git(repo, "config", f"filter.{name}.clean", f"{sys.executable} -m nbstripout --keep-id")
    _git(repo, "config", f"filter.{name}.extrakeys", " ".join(EXTRA_KEYS))
    saved = repo / "notebooks" / "01_explored.ipynb"
    saved.write_text(saved_by_an_editor(), encoding="utf-8")
    _git(repo, "add", ".")
    stored = _git(repo, "show", ":notebooks/01_explored.ipynb").stdout.decode("utf-8")
    assert json.loads(stored)["cells"][1]["outputs"] == []
    assert stored == cleaned_text(saved_by_an_editor())
    # The working copy keeps its outputs for the person exploring, and git sees no change.
    assert json.loads(saved.read_text(encoding="utf-8"))["cells"][1]["outputs"]
    _git(repo, "-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-qm", "explored")
    assert _git(repo, "status", "--porcelain").stdout == b""
