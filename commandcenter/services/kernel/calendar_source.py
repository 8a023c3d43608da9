"""The district's working calendar, read once per process (工作日历).

Deadlines, the deadline traffic light, working-hour spans and the district's
days all depend on the calendar, and it changes perhaps once a year. So one
`CalendarSource` per database (the container owns it) reads the `calendar`
setting the first time anything asks, and again only after `refresh`: when this
process changed the setting, or when the change feed brings a
`calendar.changed` event from another one (`follow`). The district's time zone
is part of the setting, never a constant in code.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from commandcenter.services.kernel.catalog import load_calendar

if TYPE_CHECKING:
    from collections.abc import Iterable
    from zoneinfo import ZoneInfo

    from commandcenter.db.database import Database
    from commandcenter.services.kernel.feed import FeedEvent
    from commandcenter.services.kernel.work_calendar import WorkCalendar

CALENDAR_CHANGED = "calendar.changed"
"""The event kind written whenever the `calendar` setting changes."""


class CalendarSource:
    """The calendar of one database, loaded lazily and kept until refreshed.

    Safe to call from the GUI thread and the database worker at once: the first
    callers wait for one read instead of each reading.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._calendar: WorkCalendar | None = None
        self._lock = threading.Lock()

    def get(self) -> WorkCalendar:
        calendar = self._calendar
        if calendar is not None:
            return calendar
        with self._lock:
            if self._calendar is None:
                with self._db.read() as session:
                    self._calendar = load_calendar(session)
            return self._calendar

    @property
    def zone(self) -> ZoneInfo:
        """The district's time zone: where its days begin and end."""
        return self.get().zone

    def refresh(self) -> None:
        """Forget the calendar: the next `get` reads the setting again."""
        with self._lock:
            self._calendar = None

    def follow(self, events: Iterable[FeedEvent]) -> None:
        """Refresh if any of these events changed the calendar."""
        if any(event.kind == CALENDAR_CHANGED for event in events):
            self.refresh()
