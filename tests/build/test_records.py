"""The records that decide by content whether a step works, and the imports they follow.

The Makefile makes each step depend on the folders up to its own stage, which holds only while
a stage imports from itself, earlier stages and the ground floor: checked here, module by module.
"""

from pathlib import Path

import pytest

from eastwest.build import records

PACKAGE = records.PACKAGE
# In build order; the ground floor is below them all. The build's machinery (build/) runs
# every stage, and no stage imports it.
STAGES = ["clean", "analysis", "publish", "build"]


def test_the_package_modules_code_imports_are_found_through_each_other():
    found = {
        p.relative_to(PACKAGE).as_posix()
        for p in records.package_imports("from eastwest.clean import indicators\nimport os")
    }
    # indicators imports the parser inside a function (read in its source, not copied from the
    # function's result), and the parser's own imports follow.
    source = (PACKAGE / "clean" / "indicators.py").read_text(encoding="utf-8")
    assert "from eastwest.clean.quantities import" in source
    assert {"__init__.py", "clean/__init__.py", "clean/indicators.py"} <= found
    assert {"clean/quantities.py", "clean/article.py", "paths.py"} <= found
    assert not {name for name in found if name.startswith(("analysis/", "publish/"))}
    nested = records.package_imports(
        "def f():\n    import eastwest.analysis.tables as t\n    return t"
    )
    assert PACKAGE / "analysis" / "tables.py" in nested
    assert PACKAGE / "analysis" / "__init__.py" in nested
    # A name that is no module (a function) adds its module and nothing else.
    assert records.package_imports("from eastwest.paths import shown") == [
        PACKAGE / "__init__.py",
        PACKAGE / "paths.py",
    ]


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = sorted(PACKAGE.glob("*.py")) + sorted(
    path for stage in STAGES for path in (PACKAGE / stage).glob("*.py")
)


@pytest.mark.parametrize("path", MODULES, ids=_module)
def test_a_stage_imports_only_from_itself_earlier_stages_and_the_ground_floor(path):
    stage = path.parent.name if path.parent != PACKAGE else None
    allowed = set(STAGES[: STAGES.index(stage) + 1]) if stage else set()
    imported = records.package_imports(f"import {_module(path)}")
    stages = {p.relative_to(PACKAGE).parts[0] for p in imported if p.parent != PACKAGE}
    assert stages <= allowed, f"{_module(path)} imports from {sorted(stages - allowed)}"


def test_a_record_holds_only_while_the_outputs_keep_their_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(records, "ROOT", tmp_path)
    monkeypatch.setattr(records, "KEYS", tmp_path / "report" / "keys")
    (tmp_path / "in.csv").write_text("a\n")
    out = tmp_path / "out.txt"
    out.write_text("made\n")
    inputs = records.digests([tmp_path / "in.csv"])
    key = records.key_of(inputs=inputs)
    assert not records.current("step", key)
    records.save("step", key, inputs, [out])
    assert records.current("step", key)
    assert records.current("step", key, [out])
    assert not records.current("step", key, [out, tmp_path / "other.txt"]), "not all it lists"
    assert not records.current("step", records.key_of(inputs={"in.csv": "other"}))
    out.write_text("changed by hand\n")
    assert not records.current("step", key)
    out.unlink()
    assert not records.current("step", key)


def test_a_step_works_once_and_names_what_changed(tmp_path, monkeypatch):
    monkeypatch.setattr(records, "ROOT", tmp_path)
    monkeypatch.setattr(records, "KEYS", tmp_path / "report" / "keys")
    source, out = tmp_path / "in.csv", tmp_path / "out.txt"
    source.write_text("a\n")
    done = []

    def work(stale):
        done.append(stale)
        out.write_text(source.read_text())

    records.step([source], {"out": [out]}, work)
    records.step([source], {"out": [out]}, work)  # nothing to do
    assert done == [["out"]]
    source.write_text("b\n")
    assert records.changed("out", records.digests([source])) == ["in.csv"]
    records.step([source], {"out": [out]}, work)
    assert done == [["out"], ["out"]]

    def refuses(stale):
        raise ValueError("data/in.csv line 2: expected a number")

    source.write_text("c\n")
    with pytest.raises(SystemExit, match=r"^error: data/in\.csv line 2"):
        records.step([source], {"out": [out]}, refuses)
    assert records.changed("out", records.digests([source])) == ["in.csv"], "no record saved"
