"""The package itself: its floors (each stage imports only the stages below it), no import
circles, no private names taken across modules, and what an installed wheel carries."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "paperviz"
# The pipeline, bottom to top. A module may import its own stage and the stages below it.
FLOORS = {"files": 0, "budget": 0, "cpu": 0, "levels": 0, "progress": 0, "options": 1,
          "columns": 1, "corpus": 2, "mapdata": 2,
          "embedding": 3, "areas": 4, "describe": 5, "citations": 5, "show": 6, "saved": 7,
          "export": 6, "explore": 6,
          "library": 7, "recluster": 7, "place": 7, "pipeline": 8, "papermap": 9, "cli": 10}


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(dotted: str) -> bool:
    path = SRC.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import in the file, lazy ones too."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [a.name for a in node.names]
            if target.startswith("paperviz"):
                # "from . import distributed" imports a module, not a name
                modules = [n for n in names if _is_module(f"{target}.{n}")]
                out.append((target, [n for n in names if n not in modules]))
                out += [(f"{target}.{n}", []) for n in modules]
        elif isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names if a.name.startswith("paperviz")]
    return out


def _floor(module: str) -> int:
    parts = module.split(".")
    return FLOORS[parts[1]] if len(parts) > 1 else max(FLOORS.values()) + 1


FILES = sorted(SRC.rglob("*.py"))


def test_every_module_sits_on_a_known_floor():
    for path in FILES:
        module = _module(path)
        if module != "paperviz":
            assert module.split(".")[1] in FLOORS, f"{module}: add its stage to FLOORS"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_a_stage_imports_only_stages_below_it_and_no_private_names(path):
    module = _module(path)
    if module == "paperviz":  # the package's lazy exports name everything, on demand
        return
    for target, names in _imports(path):
        same_stage = target.split(".")[:2] == module.split(".")[:2]
        assert same_stage or _floor(target) < _floor(module), \
            f"{module} imports {target}, which is not below it"
        private = [n for n in names if n.startswith("_") and n != "__future__"]
        assert not private, f"{module} takes private names {private} from {target}"


def test_no_import_circles():
    graph = {_module(p): {t for t, _ in _imports(p)} for p in FILES}
    graph = {m: {t for t in ts if t in graph and t != m} for m, ts in graph.items()}
    # a package's __init__ re-exports its modules: count those edges one way only
    for m in graph:
        graph[m] = {t for t in graph[m] if not t.startswith(m + ".")}
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for t in graph[m]:
            if state.get(t) == 1:
                pytest.fail("import circle: " + " -> ".join([*trail, m, t]))
            if t not in state:
                visit(t, [*trail, m])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [])


# Inside describe/, naming in the order data flows: a module imports only those below it.
NAMING_FLOORS = {"phrases": 0, "words": 1, "keywords": 1, "openalex": 1, "counts": 2,
                 "keyphrases": 3, "filters": 3, "scores": 3, "candidates": 4, "disciplines": 4,
                 "namers": 4, "topicnames": 4, "wordnames": 4,
                 "llm": 5, "choice": 5, "themes": 6, "broad": 6, "summaries": 7}
NAMING = sorted((SRC / "describe").glob("*.py"))


@pytest.mark.parametrize("path", NAMING, ids=lambda p: p.stem)
def test_the_naming_steps_import_only_the_steps_below_them(path):
    if path.stem == "__init__":
        return
    assert path.stem in NAMING_FLOORS, f"describe/{path.name}: add it to NAMING_FLOORS"
    for target, _ in _imports(path):
        parts = target.split(".")
        if parts[:2] == ["paperviz", "describe"] and len(parts) > 2:
            assert NAMING_FLOORS[parts[2]] < NAMING_FLOORS[path.stem], \
                f"describe.{path.stem} imports describe.{parts[2]}, which is not below it"


def _body_lines(node: ast.AST) -> int:
    """A function's or class's lines, its docstring left out."""
    lines = node.end_lineno - node.lineno + 1
    if ast.get_docstring(node, clean=False) is not None:
        lines -= node.body[0].end_lineno - node.body[0].lineno + 1
    return lines


def _parameters(node: ast.FunctionDef) -> int:
    a = node.args
    names = [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)]
    return len(names) - (names[:1] in (["self"], ["cls"])) + bool(a.vararg) + bool(a.kwarg)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_functions_are_short_and_naming_classes_small(path):
    """No function over 60 lines (its docstring aside); in describe/, no class over 150 and
    no function of more than 8 parameters: a newcomer reads each whole."""
    naming = path.parent.name == "describe"
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert _body_lines(node) <= 60, f"{node.name}: {_body_lines(node)} lines"
            assert not naming or _parameters(node) <= 8, \
                f"{node.name}: {_parameters(node)} parameters"
        elif naming and isinstance(node, ast.ClassDef):
            assert _body_lines(node) <= 150, f"class {node.name}: {_body_lines(node)} lines"


def test_the_wheel_carries_the_map_app_and_the_int8_check_texts(tmp_path):
    """What an installed paperviz reads at run time is inside the wheel: the map's script
    and style, the texts every int8 build is checked on, the discipline vocabulary and its
    vectors (no repository folder)."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(SRC.parents[1])], check=True,
                   capture_output=True)
    (wheel,) = tmp_path.glob("paperviz-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("paperviz/show/assets/map.js", "paperviz/show/assets/map.css",
                   "paperviz/embedding/check_texts.txt",
                   "paperviz/describe/data/openalex-topics.csv.gz",
                   "paperviz/describe/data/openalex-topics.all-MiniLM-L6-v2.npy",
                   "paperviz/describe/data/README.md"):
        assert needed in names, f"the wheel lacks {needed}"
    # unpacked alone, away from the repository, the package finds its check texts
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = ("import sys; sys.path.insert(0, sys.argv[1]); import paperviz.embedding.int8 as m;"
              " print(m.__file__); print(len(m.check_texts()))")
    out = subprocess.run([sys.executable, "-c", script, str(site)], cwd=tmp_path, check=True,
                         capture_output=True, text=True).stdout.split()
    assert out[0].startswith(str(site)) and out[1] == "128", out


def test_int8_check_texts_come_from_the_package():
    from paperviz.embedding.int8 import check_texts

    texts = check_texts()
    assert len(texts) == 128 and all(len(t) > 50 for t in texts)
