"""The drill feature's event kinds and their payloads (services/kernel/events.py).

Every event about a drill itself is `entity = drill`: its start and end, each
move of the controller's clock, each inject sent (a new case's inject is that
case's report event, which names the drill and the inject), each rating an
evaluator gives, each item of the improvement plan, the purge. Each carries the
drill time it happened at (`drill_t`, seconds) beside its wall time (`at`).
"""

from __future__ import annotations

from typing import NotRequired  # pydantic reads these on 3.11

from typing_extensions import TypedDict

from commandcenter.services.kernel.validated_file import CLOSED, with_config


@with_config(CLOSED)
class Started(TypedDict):
    scenario: str
    title: str
    mode: str
    sha256: str
    speed: float
    drill_t: float


@with_config(CLOSED)
class Clocked(TypedDict):
    """pause, resume, speed, skip: where the clock was, and what changed."""

    drill_t: float
    speed: NotRequired[float]
    to: NotRequired[float]


@with_config(CLOSED)
class Injected(TypedDict):
    inject: str
    title: str
    channel: str
    due_t: float
    drill_t: float
    manual: bool
    text: NotRequired[str]
    to: NotRequired[str]
    level: NotRequired[str]
    camera: NotRequired[str]


@with_config(CLOSED)
class Ended(TypedDict):
    """end and abort."""

    drill_t: float
    reason: str


@with_config(CLOSED)
class Rated(TypedDict):
    expectation: str
    rating: str
    note: str


@with_config(CLOSED)
class Improvement(TypedDict):
    item: int
    finding: str
    action: str
    department: str
    due: str


@with_config(CLOSED)
class ImprovementDone(TypedDict):
    item: int
    note: str


@with_config(CLOSED)
class Purged(TypedDict):
    cases: list[int]
    incidents: list[int]


PAYLOADS: dict[str, type] = {
    "drill.start": Started,
    "drill.pause": Clocked,
    "drill.resume": Clocked,
    "drill.speed": Clocked,
    "drill.skip": Clocked,
    "drill.inject": Injected,
    "drill.end": Ended,
    "drill.abort": Ended,
    "drill.rate": Rated,
    "drill.improve": Improvement,
    "drill.improve_done": ImprovementDone,
    "drill.purge": Purged,
}
"""Every event kind of the drill feature and its payload."""
