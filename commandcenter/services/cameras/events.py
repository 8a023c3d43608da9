"""The cameras' event kinds and their payloads (services/kernel/events.py)."""

from __future__ import annotations

from typing_extensions import TypedDict  # pydantic reads it on 3.11

from commandcenter.services.kernel.validated_file import CLOSED, with_config


@with_config(CLOSED)
class CamerasImported(TypedDict):
    """`camera.imported`: the codes of the cameras added."""

    count: int
    codes: list[str]


PAYLOADS: dict[str, type] = {"camera.imported": CamerasImported}
