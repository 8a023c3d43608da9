"""What an operation changed: returned by every write, published to the views."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from commandcenter.services.kernel.events import EntityKind


@dataclass(frozen=True, slots=True)
class Changes:
    """Which kinds of thing changed, which ids, and the events written: ids
    `first_event_id` to `event_id`. One operation's events are consecutive: the
    database's single-writer lock lets no other writer append in between, and
    the change hub relies on it to drop them when the feed brings them again."""

    kinds: frozenset[EntityKind]
    ids: dict[EntityKind, tuple[int, ...]] = field(default_factory=dict)
    event_id: int = 0
    first_event_id: int = 0
    """0: the same as `event_id` (one event)."""

    def __post_init__(self) -> None:
        if not self.first_event_id:
            object.__setattr__(self, "first_event_id", self.event_id)

    @staticmethod
    def of(
        entity: EntityKind, ids: tuple[int, ...], event_id: int, events: int = 1
    ) -> Changes:
        """`events`: how many events the operation wrote, the last being `event_id`."""
        return Changes(
            kinds=frozenset({entity}),
            ids={entity: ids},
            event_id=event_id,
            first_event_id=event_id - events + 1,
        )
