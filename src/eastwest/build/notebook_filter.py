"""Notebooks as git keeps them: no outputs, no execution counts, no editor's metadata.

Any editor that saves a notebook (JupyterLab, VS Code, nbclassic) writes its outputs and some
metadata of its own into the file. ``make env`` registers this module as a git clean filter for
``notebooks/*.ipynb`` (see .gitattributes), so what is committed is cleaned whatever saved it,
while the working copy keeps its outputs for whoever is exploring:

    python -m eastwest.build.notebook_filter < saved.ipynb > committed.ipynb   # git's filter
    python -m eastwest.build.notebook_filter notebooks/*.ipynb          # clean files in place
    python -m eastwest.build.notebook_filter --check notebooks/*.ipynb  # list those not clean

Kept: each cell's source, id and tags; the notebook's kernelspec, and the language's name.
"""

import argparse
import hashlib
import json
import sys
from pathlib import Path

from eastwest.atomic import write_text

KEPT_CELL_METADATA = ("tags",)


def clean(nb: dict) -> dict:
    """``nb`` without outputs, execution counts and metadata beyond the kept keys (in place).

    Plain JSON or nbformat's nodes alike, so that a step with nothing to do can decide so with
    the standard library alone.
    """
    metadata = nb.get("metadata", {})
    language = metadata.get("language_info", {}).get("name")
    kept = {k: metadata[k] for k in ("kernelspec",) if k in metadata}
    if language:
        kept["language_info"] = {"name": language}
    nb["metadata"] = type(metadata)(kept)
    for cell in nb.get("cells", []):
        cell["metadata"] = type(cell["metadata"])(
            {k: cell["metadata"][k] for k in KEPT_CELL_METADATA if k in cell["metadata"]}
        )
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def stored(path: Path) -> dict:
    """The notebook at ``path`` as git stores it, whatever an editor has saved there since."""
    return clean(json.loads(path.read_text(encoding="utf-8")))


def stored_digest(path: Path) -> str:
    """A hash of what git stores for ``path``: the same for a committed notebook and for the
    same notebook saved by JupyterLab with its outputs."""
    nb = stored(path)
    for cell in nb.get("cells", []):
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
    canonical = json.dumps(nb, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def cleaned_text(text: str) -> str:
    """A notebook's JSON text as git should store it (the same text if it is clean already)."""
    import nbformat

    nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    return nbformat.writes(clean(nb)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eastwest.build.notebook_filter",
        description="Strip outputs, execution counts and editor metadata from notebooks. "
        "Without files: read a notebook on stdin, write it cleaned to stdout (git's filter).",
    )
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="only list notebooks not clean")
    args = parser.parse_args(argv)
    if not args.notebooks:
        # Bytes, not the locale's text: git may run the filter under LANG=C.
        text = sys.stdin.buffer.read().decode("utf-8")
        sys.stdout.buffer.write(cleaned_text(text).encode("utf-8"))
        return 0
    dirty = []
    for path in args.notebooks:
        text = path.read_text(encoding="utf-8")
        cleaned = cleaned_text(text)
        if cleaned != text:
            dirty.append(path)
            if not args.check:
                write_text(path, cleaned)
    for path in dirty:
        print(f"{'not clean' if args.check else 'cleaned'}: {path}", file=sys.stderr)
    return 1 if args.check and dirty else 0


if __name__ == "__main__":
    raise SystemExit(main())
