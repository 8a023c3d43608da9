"""Chinese first: every UI string has its translation, and the catalogue is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication

from commandcenter.views.cases.case_queue_table_model import Column, header_text
from commandcenter.views.kernel import i18n
from commandcenter.views.kernel.domain_text import state_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[3]
TS = i18n.TRANSLATIONS / "commandcenter_zh_CN.ts"
BIN = Path(sys.executable).parent


@pytest.fixture
def chinese(qtbot: QtBot) -> Iterator[None]:
    app = QApplication.instance()
    assert app is not None
    installed = i18n.install_translators(app, "zh_CN")
    yield
    i18n.remove_translators(app, installed)


def test_chinese_is_the_default() -> None:
    assert i18n.resolve_language(None) == "zh_CN"
    assert i18n.resolve_language("en") == "en"
    with pytest.raises(ValueError, match="unknown language"):
        i18n.resolve_language("fr")


@pytest.mark.usefixtures("chinese")
def test_ui_speaks_chinese() -> None:
    assert header_text(Column.NUMBER) == "案件编号"
    assert state_text("handled") == "待核查"


def test_english_has_no_catalogue(qtbot: QtBot) -> None:
    assert header_text(Column.NUMBER) == "Number"


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is part of PySide6"
    return found


def test_every_string_in_the_views_is_translated(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "commandcenter" / "views").rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(copy), "-no-obsolete"],
        check=True,
        capture_output=True,
    )
    text = copy.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text, "run pyside6-lupdate and translate"
    assert text.count("<source>") == TS.read_text(encoding="utf-8").count("<source>")


def test_compiled_catalogue_matches_its_source(tmp_path: Path) -> None:
    compiled = tmp_path / "check.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == TS.with_suffix(".qm").read_bytes()
