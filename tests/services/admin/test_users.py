"""Accounts, administered: only an administrator does it (every operation
against every role), each change is an event, passwords follow the policy,
wrong passwords lock an account until the lock runs out or is released, and a
password an administrator set must be replaced at the next sign-in."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from commandcenter.models import Event, User
from commandcenter.models.types import Role
from commandcenter.services.admin.api import Scope, temporary_password
from commandcenter.services.kernel.auth import (
    LOCK_TIME,
    MOST_FAILED_SIGN_INS,
    PasswordChangeRequiredError,
    check_password,
)
from commandcenter.services.kernel.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from commandcenter.services.territory.api import Layout, TerritoryPlan

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.container import Services
    from commandcenter.services.kernel.auth import Actor
    from tests.conftest import Clock

DEMO_PASSWORD = "demo-2026"
_FILE = Path(__file__).parent / "no-such-file.geojson"
"""A territory file for the matrix: an administrator is told it is missing,
anyone else is refused before it is looked for."""
_EMPTY_PLAN = TerritoryPlan((), ())


def _row_of(services: Services, code: str) -> dict[str, str]:
    """A category's row as an administrator's editor read it."""
    rows = services.reference.categories(services.auth.actor("admin"))
    return next(r for r in rows if r["code"] == code)


ACCOUNTS = {
    Role.OPERATOR: "operator",
    Role.SUPERVISOR: "supervisor",
    Role.HANDLER: "handler",
    Role.VIDEO_SUPERVISOR: "video",
    Role.GRID_WORKER: "gridworker",
    Role.WALL: "wall",
    Role.ADMIN: "admin",
}
STREET = "310104003"  # 天平路街道 of the demo


def _events(services: Services) -> int:
    with services.db.read() as session:
        return session.execute(select(func.count()).select_from(Event)).scalar_one()


def _kinds(services: Services) -> list[str]:
    with services.db.read() as session:
        return list(session.execute(select(Event.kind).order_by(Event.id)).scalars())


ADMIN_OPERATIONS: dict[str, Callable[[Services, Actor], object]] = {
    "list": lambda s, a: s.users.list(a),
    "scope choices": lambda s, a: s.users.scope_choices(a),
    "add": lambda s, a: s.users.add(a, "newop", "新受理员", Role.OPERATOR),
    "reset_password": lambda s, a: s.users.reset_password(a, "operator"),
    "disable": lambda s, a: s.users.set_active(a, "operator", False),
    "enable": lambda s, a: s.users.set_active(a, "operator", True),
    "set_role": lambda s, a: s.users.set_role(a, "operator", Role.SUPERVISOR),
    "unlock": lambda s, a: s.users.unlock(a, "operator"),
    "categories": lambda s, a: s.reference.categories(a),
    "edit category": lambda s, a: s.reference.edit_category(
        a, "E0106", {"priority": "1"}, _row_of(s, "E0106")
    ),
    "departments": lambda s, a: s.reference.departments(a),
    "save department": lambda s, a: s.reference.save_department(
        a,
        {
            "code": "QX",
            "name_zh": "区气象局",
            "name_en": "Met Office",
            "kind": "line",
            "parent_code": "",
            "area_code": "",
        },
    ),
    "calendar": lambda s, a: s.reference.calendar(a),
    "calendar day": lambda s, a: s.reference.set_day(a, date(2028, 10, 9), "holiday"),
    "import reference": lambda s, a: s.reference.import_(a, _FILE.parent / "none"),
    "plan territory": lambda s, a: s.territory_admin.plan(a, _FILE, Layout()),
    "commit territory": lambda s, a: s.territory_admin.commit(a, _EMPTY_PLAN),
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("operation", list(ADMIN_OPERATIONS))
def test_only_an_administrator_administers_accounts(
    services: Services, role: Role, operation: str
) -> None:
    actor = services.auth.actor(ACCOUNTS[role])
    before = _events(services)
    run = ADMIN_OPERATIONS[operation]
    if role is Role.ADMIN:
        judged: ValidationError | None = None
        try:
            run(services, actor)
        except ValidationError as error:  # allowed, and then the input judged
            judged = error
        assert (
            judged is None
            or "no such file" in str(judged)
            or judged.code
            in (
                "territory.no_file",
                "territory.empty",
            )
        )
        return
    with pytest.raises(PermissionDeniedError):
        run(services, actor)
    assert _events(services) == before  # nothing written


def test_an_added_account_signs_in_once_it_chose_its_own_password(
    services: Services,
) -> None:
    admin = services.auth.actor("admin")
    temporary = services.users.add(
        admin, "zhao", "赵强", Role.HANDLER, Scope(department="SZ")
    )
    check_password(temporary)  # what it hands out meets its own policy
    with pytest.raises(PasswordChangeRequiredError):
        services.auth.login("zhao", temporary)
    with pytest.raises(ValidationError, match="three of"):
        services.auth.change_password("zhao", temporary, "abcdefghij")
    with pytest.raises(ValidationError, match="user name"):
        services.auth.change_password("zhao", temporary, "Zhao-2026x")
    with pytest.raises(ValidationError, match="differ"):
        services.auth.change_password("zhao", temporary, temporary)
    services.auth.change_password("zhao", temporary, "Shizheng-2026")
    actor = services.auth.login("zhao", "Shizheng-2026")
    assert actor.role is Role.HANDLER
    assert actor.department_id is not None
    (info,) = [u for u in services.users.list(admin) if u.username == "zhao"]
    assert info.department == "SZ 区市政道路管理所"
    assert not info.must_change_password
    assert info.last_sign_in_at is not None
    assert _kinds(services)[-3:] == [
        "user.created",
        "user.password_changed",
        "auth.signed_in",
    ]
    with services.db.read() as session:
        payloads = list(session.execute(select(Event.payload)).scalars())
    assert not any("Shizheng" in p or temporary in p for p in payloads)


def test_wrong_passwords_lock_an_account_until_it_runs_out_or_is_released(
    services: Services, clock: Clock
) -> None:
    for _ in range(MOST_FAILED_SIGN_INS - 1):
        with pytest.raises(AuthenticationError, match="wrong user name"):
            services.auth.login("operator", "not-the-password-1")
    with pytest.raises(AuthenticationError, match="locked") as locked:
        services.auth.login("operator", "not-the-password-1")
    assert locked.value.code == "auth.locked"
    # locked: the right password does not open it either
    with pytest.raises(AuthenticationError, match="locked"):
        services.auth.login("operator", DEMO_PASSWORD)
    kinds = _kinds(services)
    assert kinds.count("auth.sign_in_failed") == MOST_FAILED_SIGN_INS - 1
    assert kinds[-1] == "auth.locked"
    admin = services.auth.actor("admin")
    (info,) = [u for u in services.users.list(admin) if u.username == "operator"]
    assert info.locked_until is not None
    clock.advance(seconds=LOCK_TIME.total_seconds() + 1)
    assert services.auth.login("operator", DEMO_PASSWORD).username == "operator"
    # again, released by an administrator this time
    for _ in range(MOST_FAILED_SIGN_INS):
        with pytest.raises(AuthenticationError):
            services.auth.login("operator", "not-the-password-1")
    services.users.unlock(admin, "operator")
    assert services.auth.login("operator", DEMO_PASSWORD).username == "operator"
    assert "user.unlocked" in _kinds(services)


def test_an_unknown_name_and_a_wrong_password_read_the_same(
    services: Services,
) -> None:
    with pytest.raises(AuthenticationError) as unknown:
        services.auth.login("nobody", "whatever-1A")
    with pytest.raises(AuthenticationError) as wrong:
        services.auth.login("operator", "whatever-1A")
    assert str(unknown.value) == str(wrong.value)


def test_a_reset_password_is_temporary_and_releases_a_lock(
    services: Services,
) -> None:
    admin = services.auth.actor("admin")
    for _ in range(MOST_FAILED_SIGN_INS):
        with pytest.raises(AuthenticationError):
            services.auth.login("handler", "not-the-password-1")
    temporary = services.users.reset_password(admin, "handler")
    with pytest.raises(AuthenticationError, match="wrong"):
        services.auth.login("handler", DEMO_PASSWORD)  # the old one is gone
    with pytest.raises(PasswordChangeRequiredError):
        services.auth.login("handler", temporary)
    services.auth.change_password("handler", temporary, "Chuzhi#2026")
    assert services.auth.login("handler", "Chuzhi#2026").role is Role.HANDLER


def test_a_wall_account_is_not_asked_to_change_a_password_it_never_uses(
    services: Services,
) -> None:
    admin = services.auth.actor("admin")
    services.users.add(admin, "wall2", "第二大屏", Role.WALL)
    (info,) = [u for u in services.users.list(admin) if u.username == "wall2"]
    assert not info.must_change_password
    token = services.auth.issue_wall_token("wall2")
    assert services.auth.login_wall_token(token).username == "wall2"


def test_a_disabled_account_cannot_sign_in_until_enabled(services: Services) -> None:
    admin = services.auth.actor("admin")
    services.users.set_active(admin, "video", False)
    with pytest.raises(AuthenticationError, match="wrong user name"):
        services.auth.login("video", DEMO_PASSWORD)
    services.users.set_active(admin, "video", True)
    assert services.auth.login("video", DEMO_PASSWORD).username == "video"
    assert [k for k in _kinds(services) if k.startswith("user.")][-2:] == [
        "user.disabled",
        "user.enabled",
    ]


def test_roles_keep_their_scopes(services: Services) -> None:
    admin = services.auth.actor("admin")
    users = services.users
    with pytest.raises(ValidationError, match="needs a department"):
        users.add(admin, "h2", "处置", Role.HANDLER)
    with pytest.raises(NotFoundError, match="no department"):
        users.add(admin, "h2", "处置", Role.HANDLER, Scope(department="NOPE"))
    with pytest.raises(ValidationError, match="needs a street"):
        users.add(admin, "g2", "网格员", Role.GRID_WORKER)
    with pytest.raises(NotFoundError, match="no street"):
        users.add(admin, "g2", "网格员", Role.GRID_WORKER, Scope(street="310104"))
    with pytest.raises(ValidationError, match="only a department handler"):
        users.add(admin, "o2", "受理", Role.OPERATOR, Scope(department="SZ"))
    with pytest.raises(ValidationError, match="user name"):
        users.add(admin, "a b", "名", Role.OPERATOR)
    with pytest.raises(ConflictError, match="taken"):
        users.add(admin, "Operator", "名", Role.OPERATOR)
    users.add(admin, "g2", "网格员", Role.GRID_WORKER, Scope(street=STREET))
    users.set_role(admin, "operator", Role.HANDLER, Scope(department="SZ"))
    assert services.auth.actor("operator").role is Role.HANDLER
    (info,) = [u for u in users.list(admin) if u.username == "g2"]
    assert info.street is not None
    assert info.street.startswith(STREET)


def test_the_last_administrator_stays(services: Services) -> None:
    admin = services.auth.actor("admin")
    with pytest.raises(ValidationError, match="themselves"):
        services.users.set_active(admin, "admin", False)
    with pytest.raises(ValidationError, match="last one"):
        services.users.set_role(admin, "admin", Role.OPERATOR)
    services.users.add(admin, "admin2", "第二管理员", Role.ADMIN)
    services.users.set_role(admin, "admin2", Role.OPERATOR)  # another remains
    with services.db.read() as session:
        role = session.execute(
            select(User.role).where(User.username == "admin2")
        ).scalar_one()
    assert role == Role.OPERATOR.value


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Ab1-xyz", "password.too_short"),
        ("abcdefgh12", "password.too_simple"),
        ("ABCDEFGH!!", "password.too_simple"),
        ("Wang-2026a", "password.has_username"),
    ],
)
def test_the_password_policy_names_what_is_missing(password: str, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_password(password, "wang")
    assert refused.value.code == code


def test_temporary_passwords_differ_and_meet_the_policy() -> None:
    made = {temporary_password() for _ in range(50)}
    assert len(made) == 50
    for password in made:
        check_password(password)
