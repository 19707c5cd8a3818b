#!/usr/bin/env python3
"""Qt6 / QGIS 4 readiness of the source, without QGIS 4: every Qt and QGIS name the code uses.

The source is scanned with ``ast`` for attribute chains rooted at a name imported from
``qgis.PyQt.*`` (Qt) or ``qgis.core``/``qgis.gui`` (QGIS), e.g. ``Qt.AlignmentFlag.AlignRight``
or ``QgsProcessing.SourceType.TypeVectorLine``. Then:

* Qt chains must resolve in PyQt6 (a venv with PyQt6 from PyPI, ``scripts/pyqt6_venv.sh``): PyQt6
  has scoped enums only, no ``exec_``, no ``QRegExp``/``QDesktopWidget``. They must also resolve in
  the installed PyQt5 (so the scoped form works on QGIS 3.22 too).
* QGIS chains must resolve in the installed QGIS, and an enum member must be reached through its
  enum class (``QgsWkbTypes.Type.Point``, not ``QgsWkbTypes.Point``). QGIS 3.30+ keeps these
  3.22 scoped names as aliases of the moved enums (``QgsWkbTypes.Type = Qgis.WkbType``); names
  that 3.22 lacks (``Qgis.WkbType``) go through ``serviceperspektiv/adapters/``.

A line in ``serviceperspektiv/adapters/`` may carry ``# qt5-only`` for the legacy branch of a
version switch (it is then checked against PyQt5/QGIS only). Run::

    .venv/bin/python scripts/check_qt6.py            # whole check, exit 1 on findings
    .cache/pyqt6-venv/bin/python scripts/check_qt6.py --pyqt6 < chains.json   # internal
"""
from __future__ import annotations

import ast
import enum
import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

ROOT = Path(__file__).resolve().parent.parent
SCAN_ROOTS = ("serviceperspektiv", "scripts", "tests")
PYQT6_VENV = ROOT / ".cache" / "pyqt6-venv"
QT_MODULE_PREFIXES = ("qgis.PyQt.", "PyQt5.", "PyQt6.")
QGIS_MODULES = ("qgis.core", "qgis.gui", "qgis.analysis")
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtXml", "QtNetwork", "QtSvg", "QtPrintSupport", "QtSql")
REMOVED = {"QRegExp": "QRegularExpression", "QRegExpValidator": "QRegularExpressionValidator",
           "QDesktopWidget": "QScreen (QGuiApplication.primaryScreen())"}
PRAGMA = "# qt5-only"
PRAGMA_DIR = "serviceperspektiv/adapters/"


@dataclass
class Use:
    path: str  # relative to ROOT
    line: int
    kind: str  # "qt" or "qgis"
    module: str  # e.g. "QtCore" or "qgis.core"
    chain: list[str]
    qt5_only: bool = False

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def dotted(self) -> str:
        return ".".join(self.chain)


@dataclass
class Scan:
    uses: list[Use] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # found by the scan alone


def python_files(roots: Iterable[str] = SCAN_ROOTS) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        base = ROOT / root
        files.extend(p for p in sorted(base.rglob("*.py")) if "__pycache__" not in p.parts)
    return files


def _imported_names(tree: ast.AST) -> tuple[dict[str, tuple[str, str, str]], list[tuple[int, str]]]:
    """name -> (kind, module, imported name) for Qt and QGIS imports, plus (line, module) of compiled resources."""
    names: dict[str, tuple[str, str, str]] = {}
    resources: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.split(".")[-1].endswith("_rc") or any(a.name.endswith("_rc") for a in node.names):
                resources.append((node.lineno, module or node.names[0].name))
            if module in ("qgis.PyQt", "PyQt5", "PyQt6"):  # from qgis.PyQt import QtCore
                for alias in node.names:
                    if alias.name in QT_MODULES:
                        names[alias.asname or alias.name] = ("qtmodule", alias.name, alias.name)
            elif module.startswith(QT_MODULE_PREFIXES):
                for alias in node.names:
                    names[alias.asname or alias.name] = ("qt", module.split(".")[-1], alias.name)
            elif module in QGIS_MODULES:
                for alias in node.names:
                    names[alias.asname or alias.name] = ("qgis", module, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[-1].endswith("_rc"):
                    resources.append((node.lineno, alias.name))
    return names, resources


def _chain(node: ast.Attribute) -> Optional[list[str]]:
    parts: list[str] = []
    current: ast.AST = node
    while isinstance(current, ast.Attribute):
        parts.append(current.attr)
        current = current.value
    if not isinstance(current, ast.Name):
        return None
    parts.append(current.id)
    return parts[::-1]


def scan(files: Optional[list[Path]] = None) -> Scan:
    result = Scan()
    for path in files or python_files():
        rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source, filename=rel)
        names, resources = _imported_names(tree)
        for line, module in resources:
            result.problems.append(f"{rel}:{line}: compiled Qt resources ({module}) do not exist on Qt6; "
                                   "load files through adapters/resources.py")
        inner: set[int] = set()  # Attribute nodes that are the .value of a longer chain
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
                inner.add(id(node.value))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "exec_":
                result.problems.append(f"{rel}:{node.lineno}: exec_() does not exist on PyQt6; use exec()")
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(QT_MODULE_PREFIXES):
                for alias in node.names:
                    if alias.name in REMOVED:
                        result.problems.append(f"{rel}:{node.lineno}: {alias.name} does not exist on Qt6; "
                                               f"use {REMOVED[alias.name]}")
            if not isinstance(node, ast.Attribute) or id(node) in inner:
                continue
            chain = _chain(node)
            if not chain or chain[0] not in names:
                continue
            kind, module, original = names[chain[0]]
            if kind == "qtmodule":  # QtCore.Qt.AlignRight: the chain starts at the class
                if len(chain) < 2:
                    continue
                kind, original, chain = "qt", chain[1], chain[1:]
            if kind == "qt" and not original.startswith("Q"):
                continue  # pyqtSignal, sip, ...
            line_text = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
            qt5_only = PRAGMA in line_text
            if qt5_only and not rel.startswith(PRAGMA_DIR):
                result.problems.append(f"{rel}:{node.lineno}: '{PRAGMA}' is only allowed in {PRAGMA_DIR} "
                                       "(version switches live in the adapters)")
            result.uses.append(Use(rel, node.lineno, kind, module, [original, *chain[1:]], qt5_only))
    return result


# -- resolving -----------------------------------------------------------------------------------
def _is_enum_member(value: Any) -> bool:
    if isinstance(value, enum.Enum):
        return True
    kind = type(value)
    meta = type(kind)
    return meta.__name__ in ("enumtype", "EnumType") and kind is not int


def _scoped_suggestion(owner: Any, member: str, value: Any = None) -> Optional[str]:
    """Name of the enum class inside ``owner`` that holds ``member`` (for the error message)."""
    if value is not None and _is_enum_member(value):
        kind = type(value)
        # QGIS 3.30+ moved many enums into Qgis and kept the old scoped name as an alias
        # (QgsWkbTypes.Type is Qgis.WkbType): suggest the name the owner has for it.
        aliases = sorted(name for name in dir(owner) if getattr(owner, name, None) is kind)
        return kind.__name__ if not aliases or kind.__name__ in aliases else aliases[0]
    for name in dir(owner):
        candidate = getattr(owner, name, None)
        if isinstance(candidate, type) and (issubclass(candidate, enum.Enum) or _is_enum_member_type(candidate)):
            if member in getattr(candidate, "__members__", {}) or hasattr(candidate, member):
                return name
    return None


def _is_enum_member_type(kind: type) -> bool:
    return type(kind).__name__ in ("enumtype", "EnumType")


def resolve(use: Use, modules: dict[str, Any], check_scoped: bool) -> Optional[str]:
    """None when ``use`` resolves (scoped, if it is an enum member); else why not."""
    root = None
    for name in [use.module, *QT_MODULES] if use.kind == "qt" else [use.module]:
        module = modules.get(name)
        if module is not None and hasattr(module, use.chain[0]):
            root = getattr(module, use.chain[0])
            break
    if root is None:
        return f"{use.chain[0]} does not exist"
    if use.chain[0] == "QVariant" and len(use.chain) > 1 and not hasattr(root, "Type"):
        # Qt6 has no QVariant.Type: field types are QMetaType.Type there
        return f"{use.dotted} does not exist (field types: use serviceperspektiv/adapters/fieldtypes.py)"
    parent, value = None, root
    for depth, part in enumerate(use.chain[1:], start=1):
        if not hasattr(value, part):
            hint = _scoped_suggestion(value, part) if depth == len(use.chain) - 1 else None
            scoped = f" (use {'.'.join(use.chain[:depth])}.{hint}.{part})" if hint else ""
            return f"{'.'.join(use.chain[:depth + 1])} does not exist{scoped}"
        parent, value = value, getattr(value, part)
    if check_scoped and _is_enum_member(value) and not (isinstance(parent, type) and isinstance(value, parent)):
        hint = _scoped_suggestion(parent, use.chain[-1], value)
        return f"unscoped enum (use {'.'.join(use.chain[:-1])}.{hint}.{use.chain[-1]})"
    return None


def check_in(modules: dict[str, Any], uses: list[Use], label: str) -> list[str]:
    problems = []
    for use in uses:
        why = resolve(use, modules, check_scoped=True)
        if why:
            problems.append(f"{use.where}: {use.dotted}: {why} [{label}]")
    return problems


def installed_modules() -> dict[str, Any]:
    import importlib

    modules: dict[str, Any] = {}
    for name in QT_MODULES:
        try:
            modules[name] = importlib.import_module(f"qgis.PyQt.{name}")
        except ImportError:
            pass
    for name in QGIS_MODULES:
        modules[name] = importlib.import_module(name)
    return modules


def pyqt6_modules() -> dict[str, Any]:
    import importlib

    modules: dict[str, Any] = {}
    for name in QT_MODULES:
        try:
            modules[name] = importlib.import_module(f"PyQt6.{name}")
        except ImportError:
            pass
    return modules


def pyqt6_python() -> Path:
    """The cached PyQt6 venv's python, built on first use by scripts/pyqt6_venv.sh."""
    subprocess.run(["bash", str(ROOT / "scripts" / "pyqt6_venv.sh")], check=True, stdout=subprocess.DEVNULL)
    return PYQT6_VENV / "bin" / "python"


def check_pyqt6(uses: list[Use]) -> list[str]:
    """Qt chains in PyQt6 (run in the PyQt6 venv; no display needed, nothing is instantiated)."""
    payload = json.dumps([asdict(u) for u in uses if u.kind == "qt" and not u.qt5_only])
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run([str(pyqt6_python()), __file__, "--pyqt6"], input=payload, capture_output=True,
                          text=True, env=env, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"PyQt6 check failed to run: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def run_checks(files: Optional[list[Path]] = None) -> tuple[Scan, list[str]]:
    found = scan(files)
    problems = list(found.problems)
    installed = installed_modules()
    problems += check_in(installed, [u for u in found.uses if u.kind == "qt"], "PyQt5")
    problems += check_in(installed, [u for u in found.uses if u.kind == "qgis"], "QGIS")
    problems += check_pyqt6(found.uses)
    return found, sorted(set(problems), key=_sort_key)


def _sort_key(problem: str):
    path, _, rest = problem.partition(":")
    line = rest.split(":", 1)[0]
    return (path, int(line) if line.isdigit() else 0, problem)


def _pyqt6_main() -> int:
    uses = [Use(**u) for u in json.loads(sys.stdin.read())]
    print(json.dumps(check_in(pyqt6_modules(), uses, "PyQt6")))
    return 0


def main() -> int:
    if "--pyqt6" in sys.argv:
        return _pyqt6_main()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    found, problems = run_checks()
    qt = sum(u.kind == "qt" for u in found.uses)
    print(f"{len(found.uses)} Qt/QGIS names checked ({qt} Qt, {len(found.uses) - qt} QGIS) "
          f"in {len(python_files())} files")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
