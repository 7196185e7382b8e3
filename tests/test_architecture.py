"""The rules of the house that a reader cannot see from one file (docs/architecture.md):

* the layers: a module imports only its own layer and the ones below, and two apps on
  the same layer never import each other, so there is no cycle between apps; imports
  inside functions and ``apps.get_model`` string lookups count too;
* views are short: decorator, lookup through the door, one service call, render;
* views and API modules touch tenant rows only through the access door.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps

from jobbro.access import MUNICIPALITY_SCOPED, is_tenant_model, label

ROOT = Path(__file__).resolve().parent.parent / "jobbro"

# Low to high. Each layer is a list of components (apps, or groups of modules); a
# component may import its own modules, any component of a lower layer, and nothing
# else. docs/architecture.md draws the same list.
LAYERS: list[list[list[str]]] = [
    [["jobbro.lib", "jobbro.errors", "jobbro.env"]],
    [["jobbro.municipalities"]],
    # Identity: users, roles and the access log, and the user services commands share.
    [
        [
            "jobbro.accounts.models",
            "jobbro.accounts.roles",
            "jobbro.accounts.services",
            "jobbro.accounts.chain",  # the access log's hash chain
            "jobbro.accounts.throttle",  # requests that send mail to a typed address
            "jobbro.accounts.client",  # the client's address (a trusted proxy's header)
        ]
    ],
    # The kernel every app builds on: the door, the page kit, optimistic locking.
    [
        [
            "jobbro.access",
            "jobbro.access_tags",
            "jobbro.forms",
            "jobbro.web",
            "jobbro.sections",
            "jobbro.versioning",
            "jobbro.checks",
            "jobbro.middleware",
        ]
    ],
    [["jobbro.companies"]],
    [["jobbro.citizens"]],
    [["jobbro.cases"]],
    [["jobbro.placements"]],
    [["jobbro.matching"]],
    # The apps people and systems use on top of the domain; siblings, independent.
    [
        ["jobbro.portal"],
        ["jobbro.notifications"],
        ["jobbro.transfer"],
        ["jobbro.api"],
        ["jobbro.accounts"],  # the login, staff and access-log pages and their commands
    ],
    # Data protection across all of them: retention and anonymisation walk every table
    # that holds a citizen's data; the worker runs it through notifications.daily.
    [["jobbro.privacy"]],
    # The project: setting up, the demo, the root URLs and landing page, settings.
    [
        [
            "jobbro.setup",
            "jobbro.demo",
            "jobbro.views",
            "jobbro.urls",
            "jobbro.settings",
            "jobbro.wsgi",
            "jobbro.__main__",
        ]
    ],
]


def _placement(module: str) -> tuple[int, int] | None:
    """(layer, component) of a module: the longest matching prefix wins."""
    best: tuple[int, int, int] | None = None
    for layer, components in enumerate(LAYERS):
        for component, prefixes in enumerate(components):
            for prefix in prefixes:
                matches = module == prefix or module.startswith(prefix + ".")
                if matches and (best is None or len(prefix) > best[2]):
                    best = (layer, component, len(prefix))
    return None if best is None else best[:2]


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(ROOT.parent).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts.pop()
        if len(parts) > 1:  # the package's own __init__ is empty
            yield ".".join(parts), path


def _imports(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every jobbro module a file refers to, at any depth, with its line."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            # apps.get_model("placements", "Placement") is an import in disguise.
            yield node.lineno, "jobbro." + node.args[0].value.split(".")[0]


def _violations() -> list[str]:
    found = []
    for module, path in _modules():
        here = _placement(module)
        assert here is not None, f"{module} is on no layer: add it to LAYERS"
        for line, target in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if not target.startswith("jobbro."):
                continue
            there = _placement(target)
            if there is None or there == here:
                continue
            if there[0] > here[0] or (there[0] == here[0] and there[1] != here[1]):
                found.append(f"{path.relative_to(ROOT.parent)}:{line}: {module} -> {target}")
    return sorted(set(found))


def test_no_module_imports_a_higher_layer_or_a_sibling():
    assert _violations() == []


def test_the_layer_check_sees_imports_inside_functions_and_get_model():
    tree = ast.parse(
        "def f():\n"
        "    from jobbro.placements.models import Placement\n"
        "    return apps.get_model('portal', 'SignInLink')\n"
    )
    assert {target for _line, target in _imports(tree)} >= {
        "jobbro.placements.models",
        "jobbro.portal",
    }


# -- views are short -----------------------------------------------------------------

MAX_VIEW_LINES = 40


def _functions(path: Path) -> Iterator[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            yield node.name, node.end_lineno - first + 1


def test_every_view_function_is_under_40_lines():
    long = {
        f"{path.relative_to(ROOT.parent)}:{name}": lines
        for path in ROOT.rglob("views.py")
        for name, lines in _functions(path)
        if lines >= MAX_VIEW_LINES
    }
    assert long == {}


# -- tenant rows only through the door -------------------------------------------------

# The door's functions, and the API's list helper that calls search_for_user.
DOOR = {"scope", "get_for_user", "search_for_user", "search"}

# Where a view or API module reads a tenant model past the door, and why.
ALLOWED = {
    # The evaluator's landing page counts the municipalities running the programme: a
    # number across tenants by design (no personal data), for a role with no municipality.
    ("jobbro/views.py", "User"),
}


def _tenant_model_names() -> set[str]:
    return {
        model.__name__
        for model in apps.get_models()
        if is_tenant_model(model) or label(model) in MUNICIPALITY_SCOPED
    }


def _door_arguments(tree: ast.AST) -> set[int]:
    """ids of every node inside an argument of a door call."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in DOOR:
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    inside.update(id(n) for n in ast.walk(arg))
    return inside


def _objects_outside_the_door(source: str, relative: str, tenant: set[str]) -> list[str]:
    tree = ast.parse(source)
    inside = _door_arguments(tree)
    return [
        f"{relative}:{node.lineno}: {node.value.id}.objects"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr == "objects"
        and isinstance(node.value, ast.Name)
        and node.value.id in tenant
        and id(node) not in inside
        and (relative, node.value.id) not in ALLOWED
    ]


@pytest.mark.django_db
def test_views_and_api_touch_tenant_rows_only_through_the_door():
    tenant = _tenant_model_names()
    # The API's resource modules (its models and token services are not request handlers).
    api = [p for p in ROOT.glob("api/*.py") if p.name not in {"models.py", "services.py"}]
    paths = [*ROOT.glob("*/views.py"), ROOT / "views.py", *api]
    found = [
        line
        for path in paths
        for line in _objects_outside_the_door(
            path.read_text(encoding="utf-8"), str(path.relative_to(ROOT.parent)), tenant
        )
    ]
    assert found == []


def test_the_door_check_sees_a_bare_read():
    source = (
        "def v(request):\n    return Course.objects.get(pk=1), scope(u, Course.objects.all())\n"
    )
    found = _objects_outside_the_door(source, "probe.py", {"Course"})
    assert found == ["probe.py:2: Course.objects"]
