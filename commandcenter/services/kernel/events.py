"""What the event log records: the kinds of entity an event is about, and the
payload of each kernel event kind (PRODUCT §9: every action, attributable).

Each feature declares the payloads of its own event kinds beside its service
(`cases/events.py`, …) as TypedDicts; `Services.event_payloads()` gathers them,
and a test validates every event the demo and the case loop write against the
declaration of its kind, so a payload changes on purpose or not at all.
"""

from __future__ import annotations

from enum import StrEnum

from typing_extensions import TypedDict  # pydantic reads it on 3.11

from commandcenter.services.kernel.validated_file import CLOSED, with_config


class EntityKind(StrEnum):
    """What an event or a change is about (`events.entity`)."""

    CASE = "case"
    AREA = "area"
    CAMERA = "camera"
    SETTING = "setting"
    USER = "user"
    CATALOG = "catalog"
    PLAN = "plan"
    INCIDENT = "incident"
    DRILL = "drill"
    API_KEY = "api_key"


@with_config(CLOSED)
class WallTokenIssued(TypedDict):
    """`auth.wall_token`: a new token for a wall account (the secret is not kept)."""

    user: str


@with_config(CLOSED)
class UserCreated(TypedDict):
    """`user.created`."""

    username: str
    role: str
    demo: bool


@with_config(CLOSED)
class CatalogLoaded(TypedDict):
    """`catalog.loaded`: the reference tables went in."""

    departments: int
    categories: int


@with_config(CLOSED)
class SignIn(TypedDict):
    """`auth.signed_in`, `auth.sign_in_failed` (a wrong password for an
    account that exists), `auth.locked` (the failure that locked it) and
    `user.password_changed` (by its user). Never a password."""

    username: str


PAYLOADS: dict[str, type] = {
    "auth.wall_token": WallTokenIssued,
    "auth.signed_in": SignIn,
    "auth.sign_in_failed": SignIn,
    "auth.locked": SignIn,
    "user.password_changed": SignIn,
    "user.created": UserCreated,
    "catalog.loaded": CatalogLoaded,
}
"""The kernel's event kinds and their payloads."""
