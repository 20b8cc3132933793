"""docs/security.md names the test that proves each control: every ``file::test`` it names must
exist, so the page cannot point at a test that was renamed or removed."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAMED = re.compile(r"(tests/[\w/]+\.py)::(\w+)")


def test_every_test_the_security_page_names_exists() -> None:
    page = (ROOT / "docs" / "security.md").read_text()
    named = set(NAMED.findall(page))
    assert len(named) > 40
    missing = []
    for path, name in sorted(named):
        file = ROOT / path
        if not file.exists():
            missing.append(f"{path} (no such file)")
            continue
        defined = {
            node.name
            for node in ast.walk(ast.parse(file.read_text()))
            if isinstance(node, ast.FunctionDef | ast.Assign | ast.AnnAssign)
            and hasattr(node, "name")
        } | {
            target.id
            for node in ast.walk(ast.parse(file.read_text()))
            if isinstance(node, ast.Assign | ast.AnnAssign)
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name)
        }
        if name not in defined:
            missing.append(f"{path}::{name}")
    assert missing == []
