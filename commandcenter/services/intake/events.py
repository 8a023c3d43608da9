"""The intake feature's event kinds and their payloads (services/kernel/events.py).
A key's secret is never in them: the log is forever and readable."""

from __future__ import annotations

from typing_extensions import TypedDict

from commandcenter.services.kernel.validated_file import CLOSED, with_config


@with_config(CLOSED)
class KeyAdded(TypedDict):
    name: str
    key_id: str
    source: str
    user: str | None


@with_config(CLOSED)
class KeyRevoked(TypedDict):
    name: str
    key_id: str


PAYLOADS: dict[str, type] = {"api_key.added": KeyAdded, "api_key.revoked": KeyRevoked}
"""Every event kind of the intake feature and its payload."""
