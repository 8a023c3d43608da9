"""Keys of the intake API: shown once, kept as a hash, checked on every call;
a wrong, unknown, malformed or revoked key is refused the same way; a grid
worker's key files as that grid worker; the secret is never in the log."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from commandcenter.cli import main
from commandcenter.models import ApiKey, Event
from commandcenter.models.types import Role, Source
from commandcenter.services.container import Services
from commandcenter.services.intake.api import KEY_PREFIX, KeySource
from commandcenter.services.kernel.errors import (
    AuthenticationError,
    NotFoundError,
    ValidationError,
)

if TYPE_CHECKING:
    from tests.conftest import Backend


def test_a_key_is_shown_once_kept_as_a_hash_and_revoked_at_once(
    services: Services,
) -> None:
    keys = services.api_keys
    token = keys.add("hotline-12345", KeySource.HOTLINE, "operator")
    assert token.startswith(f"{KEY_PREFIX}_")
    client = keys.authenticate(token)
    assert (client.name, client.source) == ("hotline-12345", KeySource.HOTLINE)
    assert client.actor is not None
    assert client.actor.username == "operator"
    assert client.source.case_source is Source.HOTLINE
    secret = token.split("_", 2)[2]  # the secret itself may hold "_"
    with services.db.read() as session:
        stored = session.execute(select(ApiKey.secret_sha256)).scalar_one()
        payloads = [p for (p,) in session.execute(select(Event.payload))]
    assert secret not in stored
    assert not any(secret in p or token in p for p in payloads)
    for wrong in (
        token[:-1] + ("A" if token[-1] != "A" else "B"),  # a wrong secret
        token.replace(client.key_id, "000000000000"),  # an unknown key
        "Bearer " + token,  # malformed
        "",
    ):
        with pytest.raises(AuthenticationError, match="not valid"):
            keys.authenticate(wrong)
    keys.revoke("hotline-12345")
    with pytest.raises(AuthenticationError, match="not valid"):
        keys.authenticate(token)
    with pytest.raises(ValidationError):
        keys.revoke("hotline-12345")
    (listed,) = keys.list()
    assert listed.revoked_at is not None
    with services.db.read() as session:
        kinds = [k for (k,) in session.execute(select(Event.kind).order_by(Event.id))]
    assert kinds[-2:] == ["api_key.added", "api_key.revoked"]


def test_a_grid_workers_key_files_as_that_grid_worker(services: Services) -> None:
    keys = services.api_keys
    with pytest.raises(ValidationError, match="the grid worker's"):
        keys.add("gw-app", KeySource.GRID_WORKER)
    with pytest.raises(ValidationError, match="names the account"):
        keys.add("city", KeySource.EXTERNAL)
    with pytest.raises(ValidationError, match="may not report"):
        keys.add("city", KeySource.EXTERNAL, "wall")
    with pytest.raises(ValidationError, match="not a grid worker"):
        keys.add("gw-app", KeySource.GRID_WORKER, "operator")
    with pytest.raises(NotFoundError):
        keys.add("gw-app", KeySource.GRID_WORKER, "nobody")
    token = keys.add("gw-app", KeySource.GRID_WORKER, "gridworker")
    client = keys.authenticate(token)
    assert client.actor is not None
    assert client.actor.username == "gridworker"
    assert client.actor.role is Role.GRID_WORKER
    assert client.source.case_source is Source.PATROL
    with pytest.raises(ValidationError, match="exists already"):
        keys.add("gw-app", KeySource.EXTERNAL, "operator")
    with pytest.raises(ValidationError, match="name"):
        keys.add("bad name!", KeySource.EXTERNAL, "operator")


def test_the_command_line_adds_lists_and_revokes_keys(
    sqlite_backend: Backend, capsys: pytest.CaptureFixture[str]
) -> None:
    services = Services(sqlite_backend.fresh())
    url = services.db.engine.url.render_as_string(hide_password=False)
    capsys.readouterr()
    add = ["api-key", "add", "city-system", "--source", "external", "--db", url]
    add += ["--user", "operator"]
    assert main(add) == 0
    token = capsys.readouterr().out.splitlines()[0]
    assert services.api_keys.authenticate(token).name == "city-system"
    assert main(["api-key", "list", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "city-system" in out
    assert "active" in out
    assert token.split("_", 2)[2] not in out
    assert main(["api-key", "revoke", "city-system", "--db", url]) == 0
    capsys.readouterr()
    assert main(["api-key", "list", "--db", url]) == 0
    assert "revoked" in capsys.readouterr().out
    services.close()
