"""Decide by content, not by modification time, whether a build step must run again.

make decides *when to look*: a step's recipe runs when a prerequisite is newer than its output.
This module decides *whether to work*: each step records, in ``report/keys/<output>.json``, the
SHA-256 of every input it read and of every file it wrote. When the recipe runs again and the
inputs hash the same and the outputs are still there with the recorded bytes, the step only
touches its outputs, so that make sees them up to date, and does nothing else.

That is what keeps a touched notebook (or a fresh clone, where git gives every file the time of
the checkout) from running anything, and it is why the records are committed with the outputs
they describe: they are small, deterministic, and a clean rebuild writes the same bytes.

Only the standard library is imported here, so a step that has nothing to do costs a fraction of
a second instead of the seconds its real work would spend importing.
"""

import ast
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eastwest.atomic import write_text
from eastwest.paths import NOTEBOOKS, REPORT, ROOT

KEYS = REPORT / "keys"


def lean_imports() -> None:
    """Skip the import of jsonschema's RFC 3987 grammar (about 1 s per process).

    jsonschema compiles that grammar at import to check the ``iri`` string format, which no
    notebook schema uses; nbformat and nbconvert pull jsonschema in, so every step that reads a
    notebook would pay for it. A ``None`` entry makes the import fail, and jsonschema then leaves
    that one format unchecked, as it does where the package is not installed.
    """
    sys.modules.setdefault("rfc3987_syntax", None)


def relative(path: str | os.PathLike) -> str:
    """``path`` relative to the project root, with forward slashes (the same on every machine)."""
    path = Path(path)
    return (path if path.is_absolute() else ROOT / path).resolve().relative_to(ROOT).as_posix()


def file_digest(path: str | os.PathLike) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def digests(paths: Iterable[str | os.PathLike]) -> dict[str, str]:
    """The SHA-256 of each file, keyed by its path relative to the root, in sorted order."""
    return {name: file_digest(ROOT / name) for name in sorted({relative(p) for p in paths})}


def package_imports(code: str, package: str = "eastwest") -> list[Path]:
    """The package's source files that ``code`` imports, directly or through each other.

    Read from the import statements, also those inside functions, so that a notebook's key
    follows the modules it can run and not, say, the build's own tools. Importing a module also
    runs the ``__init__.py`` of every package above it.
    """
    root = Path(__file__).parent
    found: set[Path] = set()
    todo = [code]
    while todo:
        for node in ast.walk(ast.parse(todo.pop())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] != package:
                    continue
                for path in _module_files(root, parts[1:]):
                    if path not in found:
                        found.add(path)
                        todo.append(path.read_text(encoding="utf-8"))
                        # A module's data of the same name (clean/fields.toml) is its code too.
                        data = path.with_suffix(".toml")
                        if data.is_file():
                            found.add(data)
    return sorted(found)


def _module_files(root: Path, parts: list[str]) -> list[Path]:
    """The files that importing ``package.<parts>`` runs: each package's __init__ on the way
    and the module itself (a name that is no module, such as a function, adds nothing)."""
    files = [root / "__init__.py"]
    folder = root
    for part in parts:
        if (folder / part / "__init__.py").is_file():
            folder = folder / part
            files.append(folder / "__init__.py")
        else:
            files.append(folder / f"{part}.py")
            break
    return [path for path in files if path.is_file()]


def key_of(**parts: object) -> str:
    """One SHA-256 for everything that can change a step's result."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Record:
    """What one step read and wrote the last time it did its work."""

    key: str = ""
    inputs: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


def record_path(name: str) -> Path:
    return KEYS / f"{name}.json"


def load(name: str) -> Record:
    try:
        data = json.loads(record_path(name).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return Record()
    return Record(
        data.get("key", ""), data.get("inputs", {}), data.get("outputs", {}), data.get("extra", {})
    )


def save(
    name: str,
    key: str,
    inputs: dict[str, str],
    outputs: Iterable[str | os.PathLike],
    **extra: str,
) -> None:
    data = {"key": key, "inputs": inputs, "outputs": digests(outputs)}
    if extra:
        data["extra"] = dict(sorted(extra.items()))
    write_text(record_path(name), json.dumps(data, indent=1, sort_keys=True) + "\n")


def outputs_intact(record: Record) -> bool:
    """Every file the step wrote is there, with the bytes it wrote."""
    if not record.outputs:
        return False
    for name, digest in record.outputs.items():
        path = ROOT / name
        if not path.is_file() or file_digest(path) != digest:
            return False
    return True


def up_to_date(name: str, key: str) -> bool:
    record = load(name)
    return record.key == key and outputs_intact(record)


def touch(paths: Iterable[str | os.PathLike]) -> None:
    """Mark outputs as newer than their prerequisites, for make."""
    for path in paths:
        os.utime(path)


def rerun_if_changed(
    inputs: Iterable[str | os.PathLike],
    records: dict[str, list[Path]],
    work: Callable[[list[str]], None],
) -> list[str]:
    """Call ``work`` with the names of the records whose outputs are stale; return those names.

    A record is stale when its outputs are gone or changed, or ``inputs`` hash otherwise than
    when it was saved. Every output is touched afterwards, for make. A ValueError from ``work``
    ends the program with its message, Ctrl-C with status 130 and no traceback.
    """
    found = digests(inputs)
    key = key_of(inputs=found)
    stale = [name for name in records if not up_to_date(name, key)]
    if stale:
        lean_imports()
        try:
            work(stale)
        except ValueError as err:
            raise SystemExit(f"error: {err}") from None
        except KeyboardInterrupt:  # Ctrl-C: make says so, and a traceback adds nothing
            raise SystemExit(130) from None
        for name in stale:
            save(name, key, found, records[name])
    touch(path for outputs in records.values() for path in outputs)
    return stale


def changed_inputs(name: str, inputs: dict[str, str]) -> list[str]:
    """Which inputs differ from the ones recorded for ``name`` (for the build log)."""
    before = load(name).inputs
    return sorted(n for n in before.keys() | inputs.keys() if before.get(n) != inputs.get(n))


def total_steps() -> int:
    """Steps in the build log: the data, each notebook executed and its page, the HTML, the PDF."""
    return 2 * len(list(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))) + 3


def announce(step: int, what: str) -> None:
    # One write per line: with make -j, steps share the terminal.
    sys.stdout.write(f"[{step}/{total_steps()}] {what}\n")
    sys.stdout.flush()
