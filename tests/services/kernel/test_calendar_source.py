"""The calendar is read once per process and again only when it changed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from commandcenter.models import Setting
from commandcenter.services.kernel.calendar_source import (
    CALENDAR_CHANGED,
    CalendarSource,
)
from commandcenter.services.kernel.feed import FeedEvent

if TYPE_CHECKING:
    from commandcenter.services.container import Services


def _move_to_urumqi(services: Services) -> None:
    with services.db.write() as session:
        stored = session.get(Setting, "calendar")
        assert stored is not None
        config = json.loads(stored.value)
        stored.value = json.dumps({**config, "timezone": "Asia/Urumqi"})


def _event(kind: str) -> FeedEvent:
    return FeedEvent(1, datetime.now(UTC), None, kind, "setting", None, {})


def test_the_calendar_is_kept_until_its_setting_changes(services: Services) -> None:
    source = CalendarSource(services.db)
    first = source.get()
    assert source.zone.key == "Asia/Shanghai"
    _move_to_urumqi(services)
    assert source.get() is first  # read once, not on every call
    source.follow([_event("case.report"), _event("retention.changed")])
    assert source.get() is first
    source.follow([_event(CALENDAR_CHANGED)])
    assert source.zone.key == "Asia/Urumqi"


def test_every_service_shares_the_containers_calendar(services: Services) -> None:
    calendar = services.calendars.get()
    assert services.cases.calendar is calendar
    assert services.kpis.zone() == calendar.zone
    _move_to_urumqi(services)
    services.calendars.refresh()
    assert services.cases.calendar.zone.key == "Asia/Urumqi"
    assert services.kpis.zone().key == "Asia/Urumqi"
