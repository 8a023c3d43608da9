"""What an operation changed: returned by every write, published to the views."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Changes:
    """Which kinds of thing changed, which ids, and the newest event id written."""

    kinds: frozenset[str]
    ids: dict[str, tuple[int, ...]] = field(default_factory=dict)
    event_id: int = 0

    @staticmethod
    def of(entity: str, ids: tuple[int, ...], event_id: int) -> Changes:
        return Changes(kinds=frozenset({entity}), ids={entity: ids}, event_id=event_id)
