"""The core imports and works with Qt absent (ARCHITECTURE.md §1)."""

from __future__ import annotations

import os
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


def test_the_feature_api_contract_names_an_import_past_the_api() -> None:
    """The contract type of our own (tests/import_contracts.py) keeps a graph
    where features meet at their api and breaks one that reaches behind it."""
    import grimp

    from tests.import_contracts import FeatureApiContract

    graph = grimp.ImportGraph()
    for module in (
        "cc",
        "cc.services",
        "cc.services.cases",
        "cc.services.cases.api",
        "cc.services.cases.service",
        "cc.services.evaluation",
        "cc.services.evaluation.kpi",
    ):
        graph.add_module(module)
    graph.add_import(
        importer="cc.services.cases.api", imported="cc.services.cases.service"
    )
    graph.add_import(
        importer="cc.services.evaluation.kpi", imported="cc.services.cases.api"
    )
    contract = FeatureApiContract(
        name="api",
        session_options={"root_packages": ["cc"]},
        contract_options={
            "container": "cc.services",
            "features": ["cases", "evaluation", "drills"],
        },
    )
    assert contract.check(graph, verbose=False).kept
    graph.add_import(
        importer="cc.services.evaluation.kpi",
        imported="cc.services.cases.service",
        line_number=7,
        line_contents="from cc.services.cases.service import CaseService",
    )
    check = contract.check(graph, verbose=False)
    assert not check.kept
    assert check.metadata["illegal"] == [
        ("cc.services.evaluation.kpi", "cc.services.cases.service", "7")
    ]


def test_pydantic_then_qt_then_pydantic_again() -> None:
    """PySide6 inspects every module imported after it; pydantic loaded partly
    before Qt and partly after used to die in that hook (a circular import). The
    core takes pydantic whole from services/kernel/validated_file.py."""
    check = (
        "import commandcenter.services.kernel.events\n"
        "import PySide6.QtWidgets\n"
        "import commandcenter.views.big_screen.layout\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
