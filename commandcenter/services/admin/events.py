"""The administration feature's event kinds and their payloads
(services/kernel/events.py). Never a password, temporary or not."""

from __future__ import annotations

from typing_extensions import TypedDict

from commandcenter.services.kernel.validated_file import CLOSED, with_config


@with_config(CLOSED)
class UserChanged(TypedDict):
    """`user.password_reset`, `user.disabled`, `user.enabled`, `user.unlocked`."""

    username: str


@with_config(CLOSED)
class RoleSet(TypedDict):
    """`user.role_set`: the new role and its scope (codes)."""

    username: str
    role: str
    department: str | None
    street: str | None


@with_config(CLOSED)
class SetUp(TypedDict):
    """`admin.set_up`: a real district's first run."""

    district_code: str
    district_name: str


@with_config(CLOSED)
class Backup(TypedDict):
    """`admin.backup`: a verified copy, its file and how many events it holds."""

    file: str
    events: int
    bytes: int


@with_config(CLOSED)
class Restored(TypedDict):
    """`admin.restored`: the database replaced by a verified backup."""

    file: str
    events: int


@with_config(CLOSED)
class CatalogEntry(TypedDict):
    """`catalog.department_added`, `catalog.category_added`: its code."""

    code: str


@with_config(CLOSED)
class CatalogChange(TypedDict):
    """`catalog.department_changed`, `catalog.category_changed`: its code and
    the fields (columns of the reference CSV) that changed."""

    code: str
    fields: list[str]


@with_config(CLOSED)
class CalendarChanged(TypedDict):
    """`calendar.changed`: how many holidays and make-up days of its own the
    district's calendar now has."""

    extra_holidays: int
    extra_workdays: int


PAYLOADS: dict[str, type] = {
    "catalog.department_added": CatalogEntry,
    "catalog.category_added": CatalogEntry,
    "catalog.department_changed": CatalogChange,
    "catalog.category_changed": CatalogChange,
    "calendar.changed": CalendarChanged,
    "admin.backup": Backup,
    "admin.restored": Restored,
    "user.password_reset": UserChanged,
    "user.disabled": UserChanged,
    "user.enabled": UserChanged,
    "user.unlocked": UserChanged,
    "user.role_set": RoleSet,
    "admin.set_up": SetUp,
}
"""Every event kind of the administration feature and its payload."""
