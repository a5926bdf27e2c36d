"""Notebooks as git stores them: nbstripout, with the keys below.

Any editor that saves a notebook writes its outputs and metadata of its own into the file. ``make
env`` makes nbstripout git's clean filter for ``notebooks/*.ipynb`` (.gitattributes), with cell
ids kept and these keys stripped, so that what is committed is clean whatever saved it, while
the working copy keeps its outputs. The build reads every notebook through the same function
(``stored``), so that a notebook run and saved in JupyterLab is, to the build, the one committed.

    python -m eastwest.build.notebook_filter --extra-keys   # the keys, for git's config
"""

import hashlib
import sys
from pathlib import Path

# The keys nbstripout's command strips by itself (it adds them in its main(), not in
# strip_output()), and what JupyterLab, VS Code and nbclient add besides. A cell keeps its source,
# id and tags; the notebook its kernelspec and its language's name. A test holds the build's
# reading to nbstripout's command.
_KEYS = """
metadata.signature metadata.widgets metadata.vscode metadata.toc
metadata.language_info.codemirror_mode metadata.language_info.file_extension
metadata.language_info.mimetype metadata.language_info.nbconvert_exporter
metadata.language_info.pygments_lexer metadata.language_info.version
cell.metadata.collapsed cell.metadata.ExecuteTime cell.metadata.execution
cell.metadata.heading_collapsed cell.metadata.hidden cell.metadata.scrolled
cell.metadata.jupyter cell.metadata.editable cell.metadata.deletable cell.metadata.trusted
cell.metadata.vscode
"""
EXTRA_KEYS = _KEYS.split()


def stored(path: Path):
    """The notebook at ``path`` as git stores it, whatever an editor has saved there since."""
    import nbformat
    from nbstripout import strip_output

    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    return strip_output(
        nb, keep_output=False, keep_count=False, keep_id=True, extra_keys=EXTRA_KEYS
    )


def stored_text(path: Path) -> str:
    """What git stores for ``path``, as nbstripout writes it."""
    import nbformat

    return nbformat.writes(stored(path)) + "\n"


def stored_digest(path: Path) -> str:
    """A hash of what git stores for ``path``: the same for a committed notebook and for the
    same notebook saved by JupyterLab with its outputs."""
    return hashlib.sha256(stored_text(path).encode("utf-8")).hexdigest()


if __name__ == "__main__":
    if sys.argv[1:] != ["--extra-keys"]:
        raise SystemExit("usage: python -m eastwest.build.notebook_filter --extra-keys")
    print(" ".join(EXTRA_KEYS))
