"""Users, roles and password checks (argon2). Deny by default."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from commandcenter.models import Setting, User
from commandcenter.models.types import Role, UserId
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.errors import (
    AuthenticationError,
    PermissionDeniedError,
    ValidationError,
)
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database

_HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 8
WALL_TOKEN_PREFIX = "wall_token:"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: what every service operation receives, never an ORM row."""

    id: UserId
    username: str
    display_name: str
    role: Role
    department_id: int | None = None
    area_id: int | None = None

    def require(self, roles: frozenset[Role], what: str) -> None:
        """PermissionDeniedError unless this actor's role is one of `roles`."""
        if self.role not in roles:
            raise PermissionDeniedError(
                f"role {self.role.value} may not {what}",
                "role.not_allowed",
                role=self.role.value,
            )


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"a password needs at least {MIN_PASSWORD_LENGTH} characters"
        )
    return _HASHER.hash(password)


def actor_of(user: User) -> Actor:
    return Actor(
        id=UserId(user.id),
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        department_id=user.department_id,
        area_id=user.area_id,
    )


class AuthService:
    """Creates accounts and logs users in."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _account(self, username: str) -> tuple[Actor, str, bool] | None:
        with self._db.read() as session:
            user = session.execute(
                select(User).where(User.username == username)
            ).scalar_one_or_none()
            if user is None:
                return None
            return actor_of(user), user.password_hash, user.active

    def login(self, username: str, password: str) -> Actor:
        account = self._account(username)
        if account is None or not account[2]:
            raise AuthenticationError("wrong user name or password")
        actor, password_hash, _active = account
        try:
            _HASHER.verify(password_hash, password)
        except (VerificationError, InvalidHashError) as error:
            raise AuthenticationError("wrong user name or password") from error
        return actor

    def has_demo_accounts(self) -> bool:
        """Whether the published demo accounts exist (the login dialog lists them)."""
        with self._db.read() as session:
            return (
                session.execute(
                    select(User.id).where(User.is_demo.is_(True)).limit(1)
                ).first()
                is not None
            )

    def issue_wall_token(self, username: str) -> str:
        """A secret that signs the wall account in without a dialog (the big
        screen runs unattended). Only wall-role accounts get one; a new token
        replaces the old. The database keeps only its hash."""
        secret = secrets.token_urlsafe(32)
        with self._db.write() as session:
            user = session.execute(
                select(User).where(User.username == username)
            ).scalar_one_or_none()
            if user is None or user.role != Role.WALL.value or not user.active:
                raise AuthenticationError(f"{username!r} is not an active wall account")
            key = f"{WALL_TOKEN_PREFIX}{username}"
            stored = session.get(Setting, key)
            if stored is None:
                session.add(Setting(key=key, value=_HASHER.hash(secret)))
            else:
                stored.value = _HASHER.hash(secret)
            event_log.record(
                session,
                "auth.wall_token",
                EntityKind.USER,
                {"user": username},
                entity_id=user.id,
            )
        return f"{username}:{secret}"

    def login_wall_token(self, token: str) -> Actor:
        """The wall account a token from `issue_wall_token` names."""
        username, _, secret = token.strip().partition(":")
        account = self._account(username)
        with self._db.read() as session:
            stored = session.get(Setting, f"{WALL_TOKEN_PREFIX}{username}")
            token_hash = stored.value if stored is not None else None
        if account is None or not account[2] or token_hash is None:
            raise AuthenticationError("the wall token is not valid")
        try:
            _HASHER.verify(token_hash, secret)
        except (VerificationError, InvalidHashError) as error:
            raise AuthenticationError("the wall token is not valid") from error
        actor = account[0]
        if actor.role is not Role.WALL:
            raise AuthenticationError("the wall token is not valid")
        return actor

    def actor(self, username: str) -> Actor:
        """The actor of an existing account, without a password (system jobs, tests)."""
        account = self._account(username)
        if account is None:
            raise AuthenticationError(f"no user {username!r}")
        return account[0]


def add_user(
    session: Session,
    *,
    username: str,
    display_name: str,
    role: Role,
    password_hash: str,
    department_id: int | None = None,
    area_id: int | None = None,
    is_demo: bool = False,
    actor_id: int | None = None,
) -> User:
    """Insert an account and its `user.created` event (inside a write transaction).

    `actor_id` is the administrator creating it; None only while bootstrapping.
    The hash comes from `hash_password`.
    """
    if not username or len(username) > 64:
        raise ValidationError("a user name needs 1 to 64 characters")
    if role is Role.HANDLER and department_id is None:
        raise ValidationError("a department handler needs a department")
    user = User(
        username=username,
        display_name=display_name,
        role=role.value,
        department_id=department_id,
        area_id=area_id,
        password_hash=password_hash,
        is_demo=is_demo,
        active=True,
        created_at=datetime.now(UTC),
    )
    session.add(user)
    session.flush()
    event_log.record(
        session,
        "user.created",
        EntityKind.USER,
        {"username": username, "role": role.value, "demo": is_demo},
        actor_id=actor_id,
        entity_id=user.id,
        at=user.created_at,
    )
    return user
