"""One change hub per process: every screen's single source of news
(ARCHITECTURE.md §2).

Two streams say what changed: this window's own mutations (their `Changes`,
with rows read right after the commit, so the operator sees their own work at
once) and the change feed (every committed event, this process's included,
from PostgreSQL's LISTEN/NOTIFY or the SQLite poll). The hub owns the only
`FeedBridge` of the process, merges the two and tells each subscriber about each
event exactly once, whichever stream brings it first:

- An own mutation's events are delivered when the mutation returns, and their
  ids are remembered; when the feed brings them later, they are dropped.
- An own mutation whose events the feed has already delivered (the feed was
  quicker) is dropped.

The typed signals say what changed by entity kind; `events_arrived` hands on
the feed's events themselves, each once, for timelines and the calendar. Views
never tail the feed or poll the database themselves: visible ones update when a
signal comes, hidden ones mark themselves stale and read when shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.kernel.feed import Feed
from commandcenter.views.kernel.feed_bridge import FeedBridge

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from commandcenter.services.cases.api import CaseRow
    from commandcenter.services.container import Services
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.services.kernel.feed import FeedEvent
    from commandcenter.views.kernel.task_runner import TaskRunner


@dataclass(frozen=True, slots=True)
class CasesChanged:
    """Cases that changed, once per change."""

    ids: tuple[int, ...]
    reported: frozenset[int] = frozenset()
    """New reports that arrived from elsewhere (they may chime)."""
    rows: tuple[CaseRow, ...] | None = None
    """Fresh snapshots read with this window's own change; None: read them."""


@dataclass(frozen=True, slots=True)
class EntitiesChanged:
    """Rows of another kind (camera, area, setting, …) that changed."""

    kind: EntityKind
    ids: tuple[int, ...]
    everything: bool = False
    """An event named no single row (a bulk import): read the kind again."""


class ChangeHub(QObject):
    """Merges own changes and the feed; emits each change once per subscriber."""

    cases_changed = Signal(object)
    """`CasesChanged`."""
    entities_changed = Signal(object)
    """`EntitiesChanged`, for every kind but cases."""
    events_arrived = Signal(list)
    """The feed's `FeedEvent`s, oldest first, each once (own ones included)."""
    connection_changed = Signal(bool)
    """False when the database stopped answering, True when it answers again."""

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        open_feed: Callable[[], Feed] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        runner.changes_published.connect(self.publish)
        self._open_feed = open_feed or (lambda: Feed(services.db))
        self._bridge: FeedBridge | None = None
        self._fed = 0
        """The newest event id the feed has brought (or the start)."""
        self._own: set[int] = set()
        """Ids of own events delivered ahead of the feed."""

    @property
    def fed_up_to(self) -> int:
        """The newest event id the feed has brought so far."""
        return self._fed

    def start(self, after_id: int) -> None:
        """Follow the feed from just after `after_id` (read before the screens'
        first load, so nothing committed in between is missed). Idempotent."""
        if self._bridge is not None:
            return
        self._fed = after_id
        self._bridge = FeedBridge(self._open_feed, after_id, self)
        self._bridge.events_arrived.connect(self._on_feed)
        self._bridge.connection_changed.connect(self.connection_changed)
        self._bridge.start()

    def stop(self) -> None:
        """Stop following the feed (own changes are still published)."""
        if self._bridge is not None:
            self._bridge.stop()
            self._bridge = None

    # -- the two streams ------------------------------------------------------------

    def publish(self, changes: Changes, rows: Sequence[CaseRow] | None = None) -> None:
        """This process committed `changes`: tell the screens now."""
        if changes.event_id <= self._fed:
            return  # the feed was quicker: delivered already
        self._own.update(range(changes.first_event_id, changes.event_id + 1))
        for kind in sorted(changes.kinds):
            ids = changes.ids.get(kind, ())
            if kind is EntityKind.CASE:
                self.cases_changed.emit(
                    CasesChanged(ids, rows=tuple(rows) if rows is not None else None)
                )
            else:
                self.entities_changed.emit(EntitiesChanged(kind, ids, not ids))

    def _on_feed(self, events: list[FeedEvent]) -> None:
        self._fed = max(self._fed, events[-1].id)
        self._services.calendars.follow(events)
        self.events_arrived.emit(events)
        news = [event for event in events if event.id not in self._own]
        # what the feed has passed will not come again: the set stays small
        self._own = {event_id for event_id in self._own if event_id > self._fed}
        if not news:
            return
        cases = sorted(
            {e.entity_id for e in news if e.entity is EntityKind.CASE and e.entity_id}
        )
        if cases:
            reported = frozenset(
                e.entity_id
                for e in news
                if e.kind == "case.report" and e.entity_id is not None
            )
            self.cases_changed.emit(CasesChanged(tuple(cases), reported))
        others: dict[EntityKind, set[int | None]] = {}
        for event in news:
            if event.entity is not EntityKind.CASE:
                others.setdefault(event.entity, set()).add(event.entity_id)
        for kind, touched in sorted(others.items()):
            ids = tuple(sorted(i for i in touched if i is not None))
            self.entities_changed.emit(EntitiesChanged(kind, ids, None in touched))
