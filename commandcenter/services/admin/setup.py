"""A real district's first run (PRODUCT §10): an empty database set up with
the default reference tables, the district's code and name, and its first
administrator. No demo account exists in it. Territory, users and cameras
follow through the administration operations.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from sqlalchemy import inspect, select

from commandcenter.models import Area, Setting, User
from commandcenter.models.types import Role
from commandcenter.services.admin.users import check_username
from commandcenter.services.emergency.api import import_shipped
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.auth import add_user, hash_password
from commandcenter.services.kernel.catalog import (
    DISTRICT_SETTING,
    District,
    load_reference,
)
from commandcenter.services.kernel.errors import ConflictError, ValidationError
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database

_CODE = re.compile(r"^[1-8]\d{5}$")
"""A county-level code of GB/T 2260: six digits, the province's first."""


def set_up(
    db: Database,
    district: District,
    admin: str,
    admin_name: str,
    password: str,
    now: datetime,
) -> None:
    """Set up a migrated, empty database for `district` with `admin` as its
    first administrator, in one transaction: all of it, or nothing."""
    if not _CODE.match(district.code):
        raise ValidationError(
            f"a district code is the six digits of GB/T 2260, not {district.code!r}",
            "setup.bad_code",
        )
    name = district.name.strip()
    if not 1 <= len(name) <= 50:
        raise ValidationError("a district name needs 1 to 50 characters", "setup.name")
    if not inspect(db.engine).has_table("users"):
        raise ValidationError("the database has no schema yet: migrate it first")
    check_username(admin)
    password_hash = hash_password(password, admin)
    with db.write() as session:
        if _set_up_already(session):
            raise ConflictError(
                "this database is set up already (it has users or territory)",
                "setup.done",
            )
        district = District(district.code, name)
        load_reference(session, district=district)
        import_shipped(session, now.date())
        session.add(
            Setting(
                key=DISTRICT_SETTING,
                value=json.dumps(
                    {"code": district.code, "name": district.name}, ensure_ascii=False
                ),
            )
        )
        user = add_user(
            session,
            username=admin,
            display_name=admin_name,
            role=Role.ADMIN,
            password_hash=password_hash,
        )
        event_log.record(
            session,
            "admin.set_up",
            EntityKind.SETTING,
            {"district_code": district.code, "district_name": district.name},
            actor_id=user.id,
            at=now,
        )


def _set_up_already(session: Session) -> bool:
    return any(
        session.execute(select(column).limit(1)).first() is not None
        for column in (User.id, Area.id, Setting.key)
    )
