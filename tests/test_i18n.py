"""Translated text is looked up per request, never frozen at import time.

A module-level `_("…")` with the eager `gettext` is translated once, in whatever
language the importing request had (the API speaks English) — and then shows that
language to everybody. Module-level text must use gettext_lazy.
"""

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "jobbro"


def imports_eager_gettext(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "django.utils.translation"
        and any(
            a.name in ("gettext", "ngettext") and (a.asname or a.name) == "_" for a in node.names
        )
        for node in tree.body
    )


def module_level_calls(node: ast.AST, name: str) -> list[int]:
    lines = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if (
            isinstance(child, ast.Call)
            and isinstance(child.func, ast.Name)
            and child.func.id == name
        ):
            lines.append(child.lineno)
        lines.extend(module_level_calls(child, name))
    return lines


def test_no_eager_translation_at_import_time():
    frozen = []
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        if imports_eager_gettext(tree):
            frozen += [f"{path.relative_to(SOURCE)}:{n}" for n in module_level_calls(tree, "_")]
    assert not frozen, f"use gettext_lazy for text built at import: {frozen}"
