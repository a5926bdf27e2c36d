"""pyproject.toml declares exactly what the code imports: no package used that is not declared
(it would work only while something else happens to pull it in), none declared and unused."""

import ast
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_package_imports_what_it_declares_and_nothing_else():
    # deptry: missing (DEP001), unused (DEP002), transitive (DEP003) and dev-only (DEP004).
    result = subprocess.run(
        [sys.executable, "-m", "deptry", "src"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def _imported(folder: Path) -> set[str]:
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def test_tests_and_bench_import_only_declared_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        name.split("[")[0].split(";")[0].strip().lower()
        for name in project["dependencies"] + project["optional-dependencies"]["dev"]
    }
    distributions = packages_distributions()
    local = {path.stem for path in (ROOT / "tests").rglob("*.py")} | {"eastwest"}
    undeclared = {}
    for module in _imported(ROOT / "tests") | _imported(ROOT / "bench"):
        if module in sys.stdlib_module_names or module in local:
            continue
        owners = {d.lower() for d in distributions.get(module, [module])}
        if not owners & declared:
            undeclared[module] = sorted(owners)
    assert undeclared == {}, f"imported but not declared in pyproject.toml: {undeclared}"
