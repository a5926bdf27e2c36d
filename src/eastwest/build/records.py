"""Decide by content, not by modification time, whether a build step must work.

make decides *when to look* (a prerequisite is newer); the step decides *whether to work*: it
records in ``report/keys/<output>.json`` the SHA-256 of every input it read and every file it
wrote, and while they match it only touches its outputs, for make. So a touched notebook or a
fresh clone (git dates every file at the checkout) runs nothing. The records are committed with
the outputs: relative paths and hashes only, the same bytes from any clean rebuild.
"""

import ast
import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from eastwest.atomic import write_text
from eastwest.paths import REPORT, ROOT

KEYS = REPORT / "keys"
PACKAGE = Path(__file__).resolve().parents[1]


def relative(path: str | os.PathLike) -> str:
    """``path`` relative to the project root, with forward slashes (the same on every machine)."""
    path = Path(path)
    return (path if path.is_absolute() else ROOT / path).resolve().relative_to(ROOT).as_posix()


def file_digest(path: str | os.PathLike) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def digests(paths: Iterable[str | os.PathLike]) -> dict[str, str]:
    """The SHA-256 of each file, keyed by its path relative to the root, in sorted order."""
    return {name: file_digest(ROOT / name) for name in sorted({relative(p) for p in paths})}


def key_of(**parts: object) -> str:
    """One SHA-256 for everything that can change a step's result."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def package_imports(code: str) -> list[Path]:
    """The package's files that ``code`` imports, directly or through each other.

    Read from the import statements, also those inside functions, as jupyter-cache decides what
    a notebook depends on. Importing a module runs the ``__init__.py`` of every package above
    it, and a module's sentences in the ``.toml`` of the same name are its code too.
    """
    found: set[Path] = set()
    todo = [code]
    while todo:
        for node in ast.walk(ast.parse(todo.pop())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for parts in (name.split(".") for name in names):
                if parts[0] != PACKAGE.name:
                    continue
                for path in _module_files(parts[1:]):
                    if path not in found:
                        found.add(path)
                        todo.append(path.read_text(encoding="utf-8"))
                        if (data := path.with_suffix(".toml")).is_file():
                            found.add(data)
    return sorted(found)


def _module_files(parts: list[str]) -> list[Path]:
    """Each package's ``__init__`` on the way to ``parts``, and the module itself (a name that is
    no module, such as a function, adds nothing)."""
    files, folder = [PACKAGE / "__init__.py"], PACKAGE
    for part in parts:
        if (folder / part / "__init__.py").is_file():
            folder = folder / part
            files.append(folder / "__init__.py")
        else:
            files.append(folder / f"{part}.py")
            break
    return [path for path in files if path.is_file()]


def load(name: str) -> dict:
    try:
        return json.loads((KEYS / f"{name}.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def save(name: str, key: str, inputs: dict[str, str], outputs: Iterable, **extra: str) -> None:
    data = {"key": key, "inputs": inputs, "outputs": digests(outputs)}
    if extra:
        data["extra"] = dict(sorted(extra.items()))
    write_text(KEYS / f"{name}.json", json.dumps(data, indent=1, sort_keys=True) + "\n")


def current(name: str, key: str, outputs: Iterable | None = None) -> bool:
    """The step recorded as ``name`` did its work for ``key``, and every file it wrote is there
    with the bytes it wrote; with ``outputs``, it wrote exactly those files."""
    record = load(name)
    written = record.get("outputs", {})
    return (
        record.get("key") == key
        and bool(written)
        and (outputs is None or set(written) == {relative(p) for p in outputs})
        and all((ROOT / n).is_file() and file_digest(ROOT / n) == d for n, d in written.items())
    )


def changed(name: str, inputs: dict[str, str]) -> list[str]:
    """Which inputs differ from the ones recorded for ``name`` (for the build log)."""
    before = load(name).get("inputs", {})
    return sorted(n for n in before.keys() | inputs.keys() if before.get(n) != inputs.get(n))


def touch(paths: Iterable[str | os.PathLike]) -> None:
    """Mark outputs as newer than their prerequisites, for make."""
    for path in paths:
        os.utime(ROOT / path)


def announce(what: str) -> None:
    # One write per line: with make -j, steps share the terminal.
    sys.stdout.write(f"{what}\n")
    sys.stdout.flush()


def step(inputs: Iterable, records: dict[str, list], work) -> None:
    """Call ``work(stale)`` with the names of the records whose outputs are stale, save those
    records, and touch every output, for make.

    A record is stale when its outputs are gone or changed, or ``inputs`` hash otherwise than
    when it was saved. A ValueError from ``work`` ends the program with its message, Ctrl-C
    with status 130 and no traceback; either way no record is saved.
    """
    found = digests(inputs)
    key = key_of(inputs=found)
    if stale := [name for name in records if not current(name, key)]:
        try:
            work(stale)
        except ValueError as err:
            raise SystemExit(f"error: {err}") from None
        except KeyboardInterrupt:
            raise SystemExit(130) from None
        for name in stale:
            save(name, key, found, records[name])
    touch(path for outputs in records.values() for path in outputs)
