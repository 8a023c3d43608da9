"""The core imports and works with Qt absent (ARCHITECTURE.md §1)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHECK = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    for name in ("PySide6", "shiboken6", "pyqtgraph"):
        sys.modules[name] = None  # any import of them now raises ImportError
    import commandcenter
    core = ("commandcenter.models", "commandcenter.services", "commandcenter.intake")
    imported = 0
    for info in pkgutil.walk_packages(commandcenter.__path__, "commandcenter."):
        if info.name.startswith(core) and ".migrations" not in info.name:
            importlib.import_module(info.name)
            imported += 1
    importlib.import_module("commandcenter.cli")
    print(imported)
    """
)


def test_core_modules_import_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert int(result.stdout.strip()) > 20
