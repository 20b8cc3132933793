"""``cspr.statutory`` is pure Python: no module in it imports Django (STYLE.md, DESIGN.md)."""

import ast
from pathlib import Path

import pytest

import cspr.statutory

PACKAGE_DIR = Path(cspr.statutory.__file__).parent
MODULES = sorted(PACKAGE_DIR.rglob("*.py"))


def _imported_names(source: str) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names.append(node.module)
    return names


def test_the_package_has_modules_to_check() -> None:
    assert {path.name for path in MODULES} >= {"__init__.py", "calendar.py", "rules.py"}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_module_does_not_import_django(path: Path) -> None:
    imported = _imported_names(path.read_text(encoding="utf-8"))
    assert [name for name in imported if name.split(".")[0] == "django"] == []
