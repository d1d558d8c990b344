"""Every tray backend keeps to the contract in deskbreak/platform/tray/base.py."""

from __future__ import annotations

import ast
from pathlib import Path

import deskbreak.platform.tray as tray_package
from deskbreak.platform.tray.headless import HeadlessTray

FLAGS = ("has_menu", "has_default_action", "has_tooltip", "has_label")


def test_no_tray_backend_imports_the_ui_package():
    for source in Path(tray_package.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            assert not any(name.startswith("deskbreak.ui") for name in names), source


def test_every_backend_declares_its_capabilities_as_class_attributes():
    from deskbreak.platform.tray.pystray_tray import PystrayTray
    from deskbreak.platform.tray.sni.tray import SniTray

    assert all(isinstance(getattr(SniTray, flag), bool) for flag in FLAGS)
    assert SniTray.has_menu and SniTray.has_tooltip and SniTray.has_label
    assert not SniTray.has_default_action  # a left click opens the menu on every host (sni/item.py)
    assert all(getattr(HeadlessTray, flag) is False for flag in FLAGS)
    assert PystrayTray.has_tooltip and not PystrayTray.has_label  # menu and default action depend on the backend
