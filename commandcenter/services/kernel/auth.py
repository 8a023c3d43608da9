"""Users, roles and password checks (argon2). Deny by default."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from commandcenter.models import Setting, User
from commandcenter.models.types import Role, UserId
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.errors import (
    AuthenticationError,
    ConflictError,
    PermissionDeniedError,
    ValidationError,
)
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database

_HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 8
PASSWORD_KINDS = 3
MOST_FAILED_SIGN_INS = 5
"""Wrong passwords in a row that lock an account."""
LOCK_TIME = timedelta(minutes=15)
"""How long a lock lasts unless an administrator releases it sooner."""
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


def check_password(password: str, username: str = "") -> None:
    """The password policy (as China's MLPS 2.0 asks of sign-in passwords):
    at least 8 characters of at least three kinds (lower case, upper case,
    digits, others), not containing the user name. ValidationError naming
    what is missing."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"a password needs at least {MIN_PASSWORD_LENGTH} characters",
            "password.too_short",
            least=MIN_PASSWORD_LENGTH,
        )
    kinds = sum(
        any(test(c) for c in password)
        for test in (
            str.islower,
            str.isupper,
            str.isdigit,
            lambda c: not c.isalnum(),
        )
    )
    if kinds < PASSWORD_KINDS:
        raise ValidationError(
            "a password needs three of: lower case, upper case, digits, "
            "other characters",
            "password.too_simple",
        )
    if username and username.casefold() in password.casefold():
        raise ValidationError(
            "a password may not contain the user name", "password.has_username"
        )


def hash_password(password: str, username: str = "") -> str:
    """The argon2 hash of a password that meets the policy."""
    check_password(password, username)
    return _HASHER.hash(password)


def _now() -> datetime:
    return datetime.now(UTC)


def _verified(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _locked(until: datetime) -> AuthenticationError:
    return AuthenticationError(
        f"the account is locked after {MOST_FAILED_SIGN_INS} wrong passwords "
        f"until {until:%Y-%m-%d %H:%M} UTC, or until an administrator releases it",
        "auth.locked",
        until=until.isoformat(),
        failures=MOST_FAILED_SIGN_INS,
    )


def actor_of(user: User) -> Actor:
    return Actor(
        id=UserId(user.id),
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        department_id=user.department_id,
        area_id=user.area_id,
    )


class PasswordChangeRequiredError(AuthenticationError):
    """The password is right but was set by an administrator: the user
    chooses their own (`change_password`) before signing in."""


@dataclass(frozen=True, slots=True)
class _Account:
    actor: Actor
    password_hash: str
    active: bool
    locked_until: datetime | None
    must_change: bool


class AuthService:
    """Signs users in, guarding against guessing: a wrong password is
    counted, and `MOST_FAILED_SIGN_INS` in a row lock the account for
    `LOCK_TIME`. Each sign-in, failure and lock is an event. The slow hash is
    checked before the write lock is taken; what it found is then written."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = _now) -> None:
        self._db = db
        self._clock = clock

    def _account(self, username: str) -> _Account | None:
        with self._db.read() as session:
            user = session.execute(
                select(User).where(User.username == username)
            ).scalar_one_or_none()
            if user is None:
                return None
            return _Account(
                actor_of(user),
                user.password_hash,
                user.active,
                user.locked_until,
                user.must_change_password,
            )

    def login(self, username: str, password: str) -> Actor:
        """The actor whose password this is; else AuthenticationError (wrong
        name or password, disabled, locked) or PasswordChangeRequiredError."""
        account = self._account(username)
        if account is None or not account.active:
            raise AuthenticationError("wrong user name or password", "auth.wrong")
        now = self._clock()
        if account.locked_until is not None and account.locked_until > now:
            raise _locked(account.locked_until)
        if not _verified(account.password_hash, password):
            locked_until = self._failed(account.actor, now)
            if locked_until is not None:
                raise _locked(locked_until)
            raise AuthenticationError("wrong user name or password", "auth.wrong")
        if account.must_change:
            raise PasswordChangeRequiredError(
                "the password was set by an administrator: choose your own",
                "auth.change_password",
            )
        self._signed_in(account.actor, now)
        return account.actor

    def change_password(self, username: str, old: str, new: str) -> None:
        """The user's own new password, in place of `old` (which must be right
        and, if an administrator set it, is then no longer asked for)."""
        account = self._account(username)
        if account is None or not account.active:
            raise AuthenticationError("wrong user name or password", "auth.wrong")
        if account.locked_until is not None and account.locked_until > self._clock():
            raise _locked(account.locked_until)
        if not _verified(account.password_hash, old):
            raise AuthenticationError("wrong user name or password", "auth.wrong")
        if new == old:
            raise ValidationError(
                "the new password must differ from the old", "password.unchanged"
            )
        new_hash = hash_password(new, username)
        with self._db.write() as session:
            user = session.get_one(User, account.actor.id)
            if user.password_hash != account.password_hash:
                raise ConflictError("the password was changed meanwhile")
            user.password_hash = new_hash
            user.must_change_password = False
            event_log.record(
                session,
                "user.password_changed",
                EntityKind.USER,
                {"username": username},
                actor_id=user.id,
                entity_id=user.id,
            )

    def _failed(self, actor: Actor, now: datetime) -> datetime | None:
        """Count a wrong password; the lock's end if this one locks."""
        with self._db.write() as session:
            user = session.get_one(User, actor.id)
            user.failed_sign_ins += 1
            locked = user.failed_sign_ins >= MOST_FAILED_SIGN_INS
            if locked:
                user.locked_until = now + LOCK_TIME
                user.failed_sign_ins = 0
            event_log.record(
                session,
                "auth.locked" if locked else "auth.sign_in_failed",
                EntityKind.USER,
                {"username": actor.username},
                actor_id=None,
                entity_id=actor.id,
                at=now,
            )
            return user.locked_until if locked else None

    def _signed_in(self, actor: Actor, now: datetime) -> None:
        with self._db.write() as session:
            user = session.get_one(User, actor.id)
            user.failed_sign_ins = 0
            user.locked_until = None
            user.last_sign_in_at = now
            event_log.record(
                session,
                "auth.signed_in",
                EntityKind.USER,
                {"username": actor.username},
                actor_id=actor.id,
                entity_id=actor.id,
                at=now,
            )

    def has_accounts(self) -> bool:
        """Whether anyone can sign in at all (not before a first run)."""
        with self._db.read() as session:
            return session.execute(select(User.id).limit(1)).first() is not None

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
        if account is None or not account.active or token_hash is None:
            raise AuthenticationError("the wall token is not valid")
        if not _verified(token_hash, secret):
            raise AuthenticationError("the wall token is not valid")
        actor = account.actor
        if actor.role is not Role.WALL:
            raise AuthenticationError("the wall token is not valid")
        return actor

    def actor(self, username: str) -> Actor:
        """The actor of an existing account, without a password (system jobs, tests)."""
        account = self._account(username)
        if account is None:
            raise AuthenticationError(f"no user {username!r}")
        return account.actor


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
