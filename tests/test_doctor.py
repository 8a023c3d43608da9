"""`commandcenter doctor` names each fault of a broken deployment and passes a
healthy one; it never creates or changes a database."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import update

from commandcenter.cli import main
from commandcenter.models import ApiKey
from commandcenter.services.container import Services
from commandcenter.services.intake.api import KeySource
from tests.hall import free_port, start_api

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import Backend

NO_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig></fontconfig>
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("doctor") / "demo.sqlite3"
    # two days, not one: the last day alone is empty just after midnight
    assert (
        main(["demo-data", "--db", f"sqlite:///{path}", "--small", "--days", "2"]) == 0
    )
    return path


def _doctor(
    capsys: pytest.CaptureFixture[str], url: str, *extra: str
) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["doctor", "--db", url, *extra])
    return code, capsys.readouterr().out


def _line(out: str, start: str) -> str:
    (line,) = [line for line in out.splitlines() if line.startswith(start)]
    return line


def test_a_healthy_demo_has_no_fault(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _doctor(capsys, f"sqlite:///{demo}")
    assert code == 0, out
    assert "0 faults" in out
    for check in ("database", "schema", "audit", "qt", "font"):
        assert any(line.startswith(f"ok    {check}") for line in out.splitlines())
    # the demo's simulated cameras are not being served: a warning, not a fault
    assert "warn  cameras" in out
    assert _line(out, "warn  backup").endswith("no backup is recorded")


def test_the_newest_backup_is_checked_for_its_age(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(demo.read_bytes())
    url = f"sqlite:///{copy}"
    assert main(["backup", str(tmp_path / "cc.backup"), "--db", url]) == 0
    code, out = _doctor(capsys, url)
    assert code == 0
    assert "the newest is from" in _line(out, "ok    backup")
    with sqlite3.connect(copy) as connection:  # as if it were two days ago
        connection.execute(
            "UPDATE events SET at = datetime(at, '-2 days') WHERE kind = 'admin.backup'"
        )
    code, out = _doctor(capsys, url)
    assert "the newest backup is 2 d" in _line(out, "warn  backup")
    assert "commandcenter backup FILE, daily" in out


def test_an_unreadable_database_and_no_chinese_font_are_both_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"\x13" * 4096)  # not a database
    fonts = tmp_path / "fonts.conf"
    fonts.write_text(NO_FONTS, encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(fonts))
    code, out = _doctor(capsys, f"sqlite:///{broken}")
    assert code == 1
    assert "FAULT database" in out
    assert "not a database" in out
    assert "FAULT font" in out
    assert "fonts-wqy-microhei" in out
    assert "2 faults" in out
    assert broken.read_bytes() == b"\x13" * 4096  # untouched


def test_a_missing_database_is_named_and_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo" / "cc.sqlite3"
    code, out = _doctor(capsys, f"sqlite:///{missing}")
    assert code == 1
    assert f"no database at {missing}" in out
    assert not missing.parent.exists()


def test_an_old_schema_and_a_changed_event_are_faults(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.sqlite3"
    old.write_bytes(demo.read_bytes())
    with sqlite3.connect(old) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0002'")
    code, out = _doctor(capsys, f"sqlite:///{old}")
    assert code == 1
    assert "FAULT schema" in out
    assert "commandcenter db upgrade" in out

    tampered = tmp_path / "tampered.sqlite3"
    tampered.write_bytes(demo.read_bytes())
    with sqlite3.connect(tampered) as connection:
        connection.execute(
            "UPDATE events SET payload = '{}' WHERE id = (SELECT max(id) FROM events)"
        )
    code, out = _doctor(capsys, f"sqlite:///{tampered}")
    assert code == 1
    assert "FAULT audit" in out
    assert "does not match its hash" in out


def test_an_empty_database_is_a_warning_with_the_way_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    assert main(["db", "upgrade", "--db", url]) == 0
    code, out = _doctor(capsys, url)
    assert code == 0
    assert "warn  district" in out
    assert "commandcenter import grids" in out
    assert "demo-data" in out
    assert "the audit log is empty" in out


@pytest.mark.postgres
def test_a_command_hall_on_postgresql_is_checked(
    postgres_backend: Backend, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """On PostgreSQL: durable commits, connections to spare, one clock; a
    key that files as no account is named; an API that does not answer is a
    fault, one that answers is listed."""
    db = postgres_backend.fresh()
    services = Services(db)
    services.api_keys.add("hotline", KeySource.HOTLINE, "operator")
    with db.write() as session:  # a key from before every key named an account
        session.execute(update(ApiKey).values(user_id=None))
    url = postgres_backend.process_url(db)
    code, out = _doctor(capsys, url)
    assert code == 0, out
    for check in ("commits", "connections", "clock"):
        assert any(line.startswith(f"ok    {check}") for line in out.splitlines())
    assert "warn  api keys  1 of 1 file as no account" in out
    code, out = _doctor(capsys, url, "--api", f"http://127.0.0.1:{free_port()}")
    assert code == 1
    assert "FAULT api" in out
    api = start_api(url, tmp_path / "api.log", workers=1)
    try:
        code, out = _doctor(capsys, url, "--api", f"http://127.0.0.1:{api.port}")
    finally:
        api.stop()
    assert code == 0, out
    assert "services.json lists" in out
    services.close()
    db.dispose()
