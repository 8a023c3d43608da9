"""The territory's event kinds and their payloads (services/kernel/events.py)."""

from __future__ import annotations

from typing_extensions import TypedDict  # pydantic reads it on 3.11

from commandcenter.services.kernel.validated_file import CLOSED, with_config


@with_config(CLOSED)
class TerritoryImported(TypedDict):
    """`territory.imported`: how many areas of each level went in."""

    counts: dict[str, int]


PAYLOADS: dict[str, type] = {"territory.imported": TerritoryImported}
