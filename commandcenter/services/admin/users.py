"""Accounts, administered (PRODUCT §2, §11): added, listed, disabled and
enabled, their passwords reset, their roles and scopes set, their locks
released. Only an administrator does any of it; each is an event.

A password an administrator sets is made here, shown to the administrator
once and never kept: the user must choose their own at the next sign-in.
Scopes follow the role: a department handler has a department, a grid worker
a street; no other role has either. The last active administrator can be
neither disabled nor given another role, so the district is never left
without one.
"""

from __future__ import annotations

import re
import secrets
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from commandcenter.models import Area, Department, User
from commandcenter.models.types import AreaLevel, Role
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.auth import (
    Actor,
    add_user,
    check_password,
    hash_password,
)
from commandcenter.services.kernel.errors import (
    ConflictError,
    NotFoundError,
    ValidationError,
)
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database

ADMIN_ROLES = frozenset({Role.ADMIN})
"""Who administers accounts (and everything else in this feature)."""
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,31}$")
_TEMPORARY_LENGTH = 12


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a role works: a handler's department, a grid worker's street
    (codes, as an administrator knows them)."""

    department: str | None = None
    street: str | None = None


@dataclass(frozen=True, slots=True)
class UserInfo:
    """An account as the administration window and `users list` show it."""

    username: str
    display_name: str
    role: Role
    department: str | None
    """The department's code and name, for a handler."""
    street: str | None
    """The street's code and name, for a grid worker."""
    active: bool
    locked_until: datetime | None
    must_change_password: bool
    last_sign_in_at: datetime | None
    demo: bool


@dataclass(frozen=True, slots=True)
class ScopeChoices:
    """What a scope may name: (code, name) of each department and street."""

    departments: tuple[tuple[str, str], ...]
    streets: tuple[tuple[str, str], ...]


def check_username(username: str) -> None:
    """ValidationError unless `username` is a user name this product takes."""
    if not _USERNAME.match(username):
        raise ValidationError(
            "a user name is 2 to 32 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit",
            "user.bad_name",
        )


def temporary_password() -> str:
    """A random password that meets the policy, for the user to replace."""
    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(_TEMPORARY_LENGTH))
        try:
            check_password(password)
        except ValidationError:
            continue  # too few kinds of character: draw again
        return password


class UserAdmin:
    """The administrator's account operations."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def active_admins(self) -> list[str]:
        """The user names of the active administrators (who may act on the
        server's command line)."""
        with self._db.read() as session:
            return list(
                session.execute(
                    select(User.username)
                    .where(User.role == Role.ADMIN.value, User.active)
                    .order_by(User.username)
                ).scalars()
            )

    def scope_choices(self, actor: Actor) -> ScopeChoices:
        actor.require(ADMIN_ROLES, "administer users")
        with self._db.read() as session:
            departments = session.execute(
                select(Department.code, Department.name_zh).order_by(Department.code)
            ).all()
            streets = session.execute(
                select(Area.code, Area.name)
                .where(Area.level == AreaLevel.STREET.value)
                .order_by(Area.code)
            ).all()
        return ScopeChoices(
            tuple((c, n) for c, n in departments), tuple((c, n) for c, n in streets)
        )

    def list(self, actor: Actor) -> list[UserInfo]:
        actor.require(ADMIN_ROLES, "administer users")
        with self._db.read() as session:
            departments = {
                d.id: f"{d.code} {d.name_zh}"
                for d in session.execute(select(Department)).scalars()
            }
            streets = dict(
                session.execute(
                    select(Area.id, Area.code + " " + Area.name).where(
                        Area.level == AreaLevel.STREET.value
                    )
                ).all()
            )
            users = session.execute(select(User).order_by(User.username)).scalars()
            return [
                UserInfo(
                    username=u.username,
                    display_name=u.display_name,
                    role=Role(u.role),
                    department=departments.get(u.department_id or 0),
                    street=streets.get(u.area_id or 0),
                    active=u.active,
                    locked_until=u.locked_until,
                    must_change_password=u.must_change_password,
                    last_sign_in_at=u.last_sign_in_at,
                    demo=u.is_demo,
                )
                for u in users
            ]

    def add(
        self,
        actor: Actor,
        username: str,
        display_name: str,
        role: Role,
        scope: Scope = Scope(),
    ) -> str:
        """A new account; its temporary password (shown once, to be changed
        at the first sign-in)."""
        actor.require(ADMIN_ROLES, "administer users")
        check_username(username)
        display_name = display_name.strip()
        if not 1 <= len(display_name) <= 100:
            raise ValidationError(
                "a display name needs 1 to 100 characters", "user.bad_display_name"
            )
        password = temporary_password()
        with self._db.write() as session:
            if session.execute(
                select(User.id).where(func.lower(User.username) == username.lower())
            ).first():
                raise ConflictError(
                    f"the user name {username!r} is taken", "user.taken", user=username
                )
            department_id, area_id = _scope_ids(session, role, scope)
            user = add_user(
                session,
                username=username,
                display_name=display_name,
                role=role,
                password_hash=hash_password(password),
                department_id=department_id,
                area_id=area_id,
                actor_id=actor.id,
            )
            # a wall display signs in with its token (wall-token), never with
            # this password: nobody would ever come to change it
            user.must_change_password = role is not Role.WALL
        return password

    def reset_password(self, actor: Actor, username: str) -> str:
        """A new temporary password (shown once); the old one stops working,
        a lock is released, and the user must choose their own."""
        actor.require(ADMIN_ROLES, "administer users")
        password = temporary_password()
        password_hash = hash_password(password)
        with self._db.write() as session:
            user = _user(session, username)
            user.password_hash = password_hash
            user.must_change_password = True
            user.failed_sign_ins = 0
            user.locked_until = None
            self._record(session, actor, user, "user.password_reset", {})
        return password

    def set_active(self, actor: Actor, username: str, active: bool) -> None:
        """Disable an account (it can no longer sign in; its history stays)
        or enable it again."""
        actor.require(ADMIN_ROLES, "administer users")
        with self._db.write() as session:
            user = _user(session, username)
            if user.active == active:
                return  # already so: nothing to record
            if not active:
                if user.id == actor.id:
                    raise ValidationError(
                        "administrators cannot disable themselves", "user.self"
                    )
                _keep_an_admin(session, user)
            user.active = active
            kind = "user.enabled" if active else "user.disabled"
            self._record(session, actor, user, kind, {})

    def set_role(
        self, actor: Actor, username: str, role: Role, scope: Scope = Scope()
    ) -> None:
        """Give an account another role (or the same role another scope)."""
        actor.require(ADMIN_ROLES, "administer users")
        with self._db.write() as session:
            user = _user(session, username)
            department_id, area_id = _scope_ids(session, role, scope)
            if role is not Role.ADMIN:
                _keep_an_admin(session, user)
            before = (user.role, user.department_id, user.area_id)
            if before == (role.value, department_id, area_id):
                return
            user.role = role.value
            user.department_id = department_id
            user.area_id = area_id
            self._record(
                session,
                actor,
                user,
                "user.role_set",
                {
                    "role": role.value,
                    "department": scope.department,
                    "street": scope.street,
                },
            )

    def unlock(self, actor: Actor, username: str) -> None:
        """Release a lock from wrong passwords before it runs out."""
        actor.require(ADMIN_ROLES, "administer users")
        with self._db.write() as session:
            user = _user(session, username)
            if user.locked_until is None and user.failed_sign_ins == 0:
                return
            user.locked_until = None
            user.failed_sign_ins = 0
            self._record(session, actor, user, "user.unlocked", {})

    def _record(
        self,
        session: Session,
        actor: Actor,
        user: User,
        kind: str,
        extra: dict[str, str | None],
    ) -> None:
        event_log.record(
            session,
            kind,
            EntityKind.USER,
            {"username": user.username, **extra},
            actor_id=actor.id,
            entity_id=user.id,
            at=self._clock(),
        )


def _user(session: Session, username: str) -> User:
    user = session.execute(
        select(User).where(User.username == username)
    ).scalar_one_or_none()
    if user is None:
        raise NotFoundError(f"no user {username!r}", "user.unknown", user=username)
    return user


def _keep_an_admin(session: Session, user: User) -> None:
    """Refuse to take away the last active administrator."""
    if user.role != Role.ADMIN.value or not user.active:
        return
    others = session.execute(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN.value, User.active, User.id != user.id)
    ).scalar_one()
    if others == 0:
        raise ValidationError(
            "the district needs an active administrator: this is the last one",
            "user.last_admin",
        )


def _scope_ids(
    session: Session, role: Role, scope: Scope
) -> tuple[int | None, int | None]:
    """The department and street ids a role's scope names, checked."""
    if role is Role.HANDLER:
        if scope.department is None:
            raise ValidationError(
                "a department handler needs a department", "user.needs_department"
            )
    elif scope.department is not None:
        raise ValidationError(
            "only a department handler has a department", "user.no_department"
        )
    if role is Role.GRID_WORKER:
        if scope.street is None:
            raise ValidationError("a grid worker needs a street", "user.needs_street")
    elif scope.street is not None:
        raise ValidationError("only a grid worker has a street", "user.no_street")
    department_id = area_id = None
    if scope.department is not None:
        department_id = session.execute(
            select(Department.id).where(Department.code == scope.department)
        ).scalar_one_or_none()
        if department_id is None:
            raise NotFoundError(
                f"no department {scope.department!r}",
                "user.unknown_department",
                department=scope.department,
            )
    if scope.street is not None:
        area_id = session.execute(
            select(Area.id).where(
                Area.code == scope.street, Area.level == AreaLevel.STREET.value
            )
        ).scalar_one_or_none()
        if area_id is None:
            raise NotFoundError(
                f"no street {scope.street!r}",
                "user.unknown_street",
                street=scope.street,
            )
    return department_id, area_id
