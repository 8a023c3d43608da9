"""Chinese first: every UI string has its translation, and the catalogue is current."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from commandcenter.services.kernel.errors import InvalidTransitionError, ValidationError
from commandcenter.views.cases.case_queue_table_model import Column, header_text
from commandcenter.views.kernel import i18n, operation_dialog
from commandcenter.views.kernel.domain_text import state_text
from commandcenter.views.kernel.operation_dialog import error_text
from tests.services.factories import actor, report, version

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services

ROOT = Path(__file__).resolve().parents[3]
TS = i18n.TRANSLATIONS / "commandcenter_zh_CN.ts"
BIN = Path(sys.executable).parent


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


def _raised_codes() -> set[str]:
    """The codes the services give their errors (the second argument of
    `raise SomeError("…", "code", …)`), read from the source."""
    codes: set[str] = set()
    for path in (ROOT / "commandcenter" / "services").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Raise)
                and isinstance(node.exc, ast.Call)
                and len(node.exc.args) >= 2
                and isinstance(node.exc.args[1], ast.Constant)
                and isinstance(node.exc.args[1].value, str)
            ):
                codes.add(node.exc.args[1].value)
    return codes


def test_every_error_code_has_words_in_the_ui() -> None:
    codes = _raised_codes()
    assert len(codes) >= 20
    assert not codes - set(operation_dialog.KNOWN_CODES)


@pytest.mark.usefixtures("chinese")
def test_a_refusal_reads_in_chinese_from_heading_to_detail(services: Services) -> None:
    operator = actor(services, "operator")
    case_id = report(services)
    with pytest.raises(ValidationError) as refused:
        services.cases.void(operator, case_id, version(services, case_id), "  ")
    assert error_text(refused.value) == "请检查输入: 请填写原因"
    with pytest.raises(InvalidTransitionError) as refused_move:
        services.cases.dispatch(operator, case_id, version(services, case_id))
    text = error_text(refused_move.value)
    assert (
        text
        == f"当前状态下不能操作: 案件处于“{state_text('reported')}”状态，不能进行此操作"
    )
    assert not any("a" <= c <= "z" for c in text)  # no English left
