"""Keys of the intake API (PRODUCT §3 sources, §9): added, listed, revoked,
and checked on every request.

A key maps to a case source (the 12345 hotline system, a grid worker's app,
another government system) and, for a grid worker, to that worker's account,
so their reports carry the right reporter and street scope. The key is shown
once when added; the database keeps its id and the SHA-256 of its secret. A
wrong, unknown, malformed or revoked key is one `AuthenticationError` that
says no more than "not valid".

Who a key is never changes, so a process reads a key's row once; whether
the key is still good (not revoked, its account active and allowed to
report) is asked again by every write that files with it, under the write
lock and with the write's other reads (`StillGood`): a key revoked by
another process stops filing at once, and the check costs no round trip.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import select

from commandcenter.models import ApiKey, User
from commandcenter.models.types import Role, Source
from commandcenter.services.cases.api import REPORT_ROLES
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.auth import Actor, actor_of
from commandcenter.services.kernel.errors import (
    AuthenticationError,
    NotFoundError,
    ValidationError,
)
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database
    from commandcenter.db.pipeline import Pipeline

KEY_PREFIX = "cc311"
_KEY = re.compile(r"^cc311_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$")


class KeySource(StrEnum):
    """Who holds a key, and so what source its reports have."""

    HOTLINE = "hotline"  # 12345 热线系统
    GRID_WORKER = "grid_worker"  # 网格员移动端
    EXTERNAL = "external"  # 其他政府系统

    @property
    def case_source(self) -> Source:
        return {
            KeySource.HOTLINE: Source.HOTLINE,
            KeySource.GRID_WORKER: Source.PATROL,
            KeySource.EXTERNAL: Source.OPEN311,
        }[self]


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """A key as `api-key list` shows it (never its secret)."""

    name: str
    key_id: str
    source: KeySource
    user: str | None
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class ApiClient:
    """Who is calling, once the key checked out."""

    id: int
    """The key's row (what its receipts name)."""
    name: str
    key_id: str
    source: KeySource
    actor: Actor | None
    """The account its reports are filed as, when the key names one."""


@dataclass(frozen=True, slots=True)
class _Known:
    digest: str
    client: ApiClient


@dataclass(frozen=True, slots=True)
class StillGood:
    """The precondition of filing with keys (`cases.api.Precondition`):
    every one of them not revoked, its account active and allowed to report."""

    key_ids: frozenset[int]

    def ask(self, pipe: Pipeline) -> Callable[[], None]:
        ids = sorted(self.key_ids)
        marks = ", ".join(f":k{i}" for i in range(len(ids)))
        answer = pipe.query(
            "SELECT api_keys.id, users.role FROM api_keys "
            "JOIN users ON users.id = api_keys.user_id "
            f"WHERE api_keys.id IN ({marks}) AND api_keys.revoked_at IS NULL "
            "AND users.active",
            **{f"k{i}": key_id for i, key_id in enumerate(ids)},
        )

        def check() -> None:
            good = {k for k, role in answer.all() if Role(role) in REPORT_ROLES}
            if good != self.key_ids:
                raise AuthenticationError("the API key is not valid")

        return check


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


class ApiKeys:
    """The intake API's keys for one database."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = _utc_now) -> None:
        self._db = db
        self._clock = clock
        self._known: dict[str, _Known] = {}
        """Key id → who it is, read once (see the module)."""

    def add(self, name: str, source: KeySource, username: str | None = None) -> str:
        """A new key; returns it (the only time it is shown). A grid worker's
        key names the grid worker's account."""
        if not _NAME.match(name):
            raise ValidationError(
                "a key's name is 2 to 64 letters, digits, '.', '_' or '-'",
                "api_key.name",
            )
        source = KeySource(source)
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        now = self._clock()
        with self._db.write() as session:
            if session.execute(select(ApiKey.id).where(ApiKey.name == name)).first():
                raise ValidationError(
                    f"a key named {name!r} exists already", "api_key.taken", name=name
                )
            user = self._user(session, source, username)
            row = ApiKey(
                name=name,
                key_id=key_id,
                secret_sha256=_digest(secret),
                source=source.value,
                user_id=user.id,
                created_at=now,
            )
            session.add(row)
            session.flush()
            event_log.record(
                session,
                "api_key.added",
                EntityKind.API_KEY,
                {
                    "name": name,
                    "key_id": key_id,
                    "source": source.value,
                    "user": user.username,
                },
                entity_id=row.id,
                at=now,
            )
        return f"{KEY_PREFIX}_{key_id}_{secret}"

    @staticmethod
    def _user(session: Session, source: KeySource, username: str | None) -> User:
        """The account a key files as: every key names one (a key that files
        as nobody could do nothing); a grid worker's key the grid worker's,
        any other an active account that may report (an operator's for the
        hotline, say)."""
        if username is None:
            raise ValidationError(
                "a key names the account its reports are filed as (--user)"
                + (": the grid worker's" if source is KeySource.GRID_WORKER else ""),
                "api_key.user_required",
            )
        user = session.execute(
            select(User).where(User.username == username)
        ).scalar_one_or_none()
        if user is None or not user.active:
            raise NotFoundError(
                f"no active user {username!r}", "api_key.no_user", user=username
            )
        if source is KeySource.GRID_WORKER and user.role != Role.GRID_WORKER.value:
            raise ValidationError(
                f"{username!r} is not a grid worker", "api_key.not_grid_worker"
            )
        if Role(user.role) not in REPORT_ROLES:
            raise ValidationError(
                f"{username!r} may not report cases", "api_key.cannot_report"
            )
        return user

    def list(self) -> list[KeyInfo]:
        with self._db.read() as session:
            rows = session.execute(
                select(
                    ApiKey.name,
                    ApiKey.key_id,
                    ApiKey.source,
                    User.username,
                    ApiKey.created_at,
                    ApiKey.revoked_at,
                )
                .outerjoin(User, User.id == ApiKey.user_id)
                .order_by(ApiKey.name)
            ).all()
        return [
            KeyInfo(name, key_id, KeySource(source), user, created, revoked)
            for name, key_id, source, user, created, revoked in rows
        ]

    def revoke(self, name: str) -> None:
        """The key stops working at once; its row stays (the log names it)."""
        now = self._clock()
        with self._db.write() as session:
            key = session.execute(
                select(ApiKey).where(ApiKey.name == name)
            ).scalar_one_or_none()
            if key is None:
                raise NotFoundError(f"no key named {name!r}", "api_key.not_found")
            if key.revoked_at is not None:
                raise ValidationError(
                    f"key {name!r} is revoked already", "api_key.revoked"
                )
            key.revoked_at = now
            self._known.pop(key.key_id, None)
            event_log.record(
                session,
                "api_key.revoked",
                EntityKind.API_KEY,
                {"name": name, "key_id": key.key_id},
                entity_id=key.id,
                at=now,
            )

    def authenticate(self, token: str) -> ApiClient:
        """The client a key belongs to, or AuthenticationError. The key's row
        is read at its first use in this process (a revoked key, or one of
        an inactive account, is refused then); a write that files with it
        checks it is still good (`StillGood`)."""
        found = _KEY.match(token.strip())
        if found is None:
            raise AuthenticationError("the API key is not valid")
        key_id, secret = found.groups()
        known = self._known.get(key_id) or self._read(key_id)
        if not hmac.compare_digest(known.digest, _digest(secret)):
            raise AuthenticationError("the API key is not valid")
        return known.client

    def _read(self, key_id: str) -> _Known:
        with self._db.read() as session:
            row = session.execute(
                select(ApiKey, User)
                .outerjoin(User, User.id == ApiKey.user_id)
                .where(ApiKey.key_id == key_id)
            ).first()
            if row is None:
                raise AuthenticationError("the API key is not valid")
            key, user = row
            if key.revoked_at is not None or (user is not None and not user.active):
                raise AuthenticationError("the API key is not valid")
            known = _Known(
                key.secret_sha256,
                ApiClient(
                    key.id,
                    key.name,
                    key.key_id,
                    KeySource(key.source),
                    None if user is None else actor_of(user),
                ),
            )
        self._known[key_id] = known
        return known
