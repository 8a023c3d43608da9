"""A real district's first run: `commandcenter init` sets up an empty
database (reference tables, the district, its first administrator, no demo
account), once; every command but those that set a database up refuses one
that does not exist, by name, and creates nothing."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from commandcenter.cli import main
from commandcenter.db.database import Database
from commandcenter.models import Category, Department, User
from commandcenter.models.types import Role
from commandcenter.services.admin.api import district_of
from commandcenter.services.container import Services

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import Backend

PASSWORD = "Xihu-admin-2026"
INIT = ["--district-code", "330106", "--district-name", "西湖区", "--admin", "lihua"]


def _init(url: str, monkeypatch: pytest.MonkeyPatch, typed: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    return main(["init", "--db", url, *INIT])


def test_init_sets_up_an_empty_database_once(
    backend: Backend,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = backend.empty()
    assert _init(url, monkeypatch, f"{PASSWORD}\n{PASSWORD}\n") == 0
    assert "set up 西湖区 (330106)" in capsys.readouterr().out
    services = Services(Database(url))
    try:
        admin = services.auth.login("lihua", PASSWORD)
        assert admin.role is Role.ADMIN
        assert not services.auth.has_demo_accounts()
        with services.db.read() as session:
            assert district_of(session) is not None
            users = session.execute(select(User.username)).scalars().all()
            kinds = set(session.execute(select(Department.kind)).scalars())
            command = session.execute(
                select(Department.name_zh).where(Department.kind == "command")
            ).scalar_one()
            categories = session.execute(
                select(func.count()).select_from(Category)
            ).scalar_one()
        assert users == ["lihua"]
        assert kinds == {"command", "line"}  # street offices come with territory
        assert command == "西湖区城市运行管理中心"
        assert categories >= 60
    finally:
        services.close()
    assert main(["audit", "verify", "--db", url]) == 0
    capsys.readouterr()
    assert _init(url, monkeypatch, f"{PASSWORD}\n{PASSWORD}\n") == 2
    assert "set up already" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        (f"{PASSWORD}\nsomething-else-9A\n", "differ"),
        ("short\nshort\n", "at least 8"),
        ("lihua-2026-X\nlihua-2026-X\n", "user name"),
    ],
)
def test_init_refuses_a_bad_password_before_creating_anything(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    typed: str,
    says: str,
) -> None:
    path = tmp_path / "new" / "cc.sqlite3"
    assert _init(f"sqlite:///{path}", monkeypatch, typed) == 2
    assert says in capsys.readouterr().err
    assert not path.parent.exists()


def test_a_command_refuses_a_database_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo" / "path.db"
    assert main(["cases", "list", "--db", f"sqlite:///{typo}"]) == 2
    error = capsys.readouterr().err
    assert str(typo) in error
    assert "commandcenter init" in error
    assert "demo-data" in error
    assert not typo.parent.exists()  # no folder, no empty database


@pytest.mark.postgres
def test_a_command_refuses_an_empty_postgres_database(
    postgres_backend: Backend, capsys: pytest.CaptureFixture[str]
) -> None:
    url = postgres_backend.empty()
    assert main(["users", "list", "--db", url]) == 2
    assert "holds no commandcenter schema" in capsys.readouterr().err
    db = Database(url)
    try:  # nothing was made in it
        with db.engine.connect() as connection:
            assert not db.engine.dialect.has_table(connection, "alembic_version")
    finally:
        db.dispose()
