"""The layering contract (docs/ARCHITECTURE.md), checked over every import in deskbreak/.

Imports anywhere in a module count, including ones inside functions and TYPE_CHECKING blocks:
a lazy import is still a dependency. A broken rule fails with both modules named.
"""

from __future__ import annotations

import ast
import functools
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "deskbreak"

# What the pure core may lean on besides the standard library.
CORE_MAY_IMPORT = ("deskbreak.core", "deskbreak.config")
CONFIG_MAY_IMPORT = ("deskbreak.config",)
WIRING = ("deskbreak.daemon", "deskbreak.cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports; `from deskbreak import x` counts as deskbreak.x."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names if node.module == "deskbreak")
    return found


def within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def broken_rules(module: str, imported: str) -> list[str]:
    """The rules `module` importing `imported` breaks (empty when it is allowed)."""
    ours = imported == "deskbreak" or imported.startswith("deskbreak.")
    stdlib = imported.split(".")[0] in sys.stdlib_module_names
    rules = []
    if within(module, ("deskbreak.core",)) and not stdlib and not within(imported, CORE_MAY_IMPORT):
        rules.append("the core imports only the standard library and deskbreak.config")
    if within(module, ("deskbreak.config",)) and ours and not within(imported, CONFIG_MAY_IMPORT):
        rules.append("config imports nothing else from deskbreak")
    if within(module, ("deskbreak.platform",)) and within(imported, ("deskbreak.ui", *WIRING)):
        rules.append("adapters (deskbreak.platform) never import deskbreak.ui, deskbreak.cli or deskbreak.daemon")
    if within(module, ("deskbreak.ui",)) and within(imported, ("deskbreak.platform",)):
        rules.append("deskbreak.ui never imports adapters (deskbreak.platform)")
    if not within(module, WIRING) and module != "deskbreak.__main__" and within(imported, WIRING):
        rules.append("only deskbreak.daemon and deskbreak.cli wire things; nothing else imports them")
    if within(module, ("deskbreak.daemon",)) and within(imported, ("deskbreak.cli",)):
        rules.append("the daemon never imports the CLI")
    return rules


@functools.cache
def violations() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        for imported in sorted(imports_of(path)):
            for rule in broken_rules(module, imported):
                found.append((module, imported, rule))
    return found


def test_no_module_imports_against_the_layering():
    wrong = [f"{module} imports {imported}: {rule}" for module, imported, rule in violations()]
    assert not wrong, "upward imports:\n" + "\n".join(wrong)


def test_the_check_names_both_modules_of_an_upward_import():
    assert broken_rules("deskbreak.core.tracker", "deskbreak.eventlog")
    assert broken_rules("deskbreak.core.tracker", "apscheduler")
    assert broken_rules("deskbreak.platform.idle.x11", "deskbreak.daemon.app")
    assert broken_rules("deskbreak.ui.routine_window", "deskbreak.platform.busy")
    assert broken_rules("deskbreak.stats.compute", "deskbreak.cli.entry")
    assert not broken_rules("deskbreak.core.tracker", "deskbreak.config.durations")
    assert not broken_rules("deskbreak.daemon.app", "deskbreak.platform.busy")
    assert broken_rules("deskbreak.ui.tray_view", "deskbreak.platform.tray.base")
    assert not broken_rules("deskbreak.ui.tray_view", "deskbreak.core.view")
