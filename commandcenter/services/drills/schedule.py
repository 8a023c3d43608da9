"""When each inject of a scenario is due, in drill seconds (HSEEP's MSEL as a
function of what has happened so far).

- `at`: its offset from the start.
- `after`: the referenced inject's send time plus the delay, once that one went.
- `when_missed`: the deadline of the expectation it names (its inject's send
  time plus `within_minutes`), once that deadline passed with the action not
  seen; never if the action was seen in time.
- `manual`: when the controller sends it (never by itself).

Pure: the runner keeps what was sent and which expected actions were seen, and
asks this what is due now and when the next thing will be.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from commandcenter.services.drills.scenario import offset_seconds

if TYPE_CHECKING:
    from collections.abc import Mapping

    from commandcenter.services.drills.scenario import Inject, ScenarioFile


@dataclass
class Progress:
    """What has happened in a drill so far, in drill seconds."""

    sent: dict[str, float] = field(default_factory=dict)
    """Inject id → when it was sent."""
    met: set[str] = field(default_factory=set)
    """Expectation ids whose action was seen in time."""
    requested: set[str] = field(default_factory=set)
    """Manual injects the controller asked for and not yet sent."""


class InjectSchedule:
    """The due times of one scenario's injects."""

    def __init__(self, scenario: ScenarioFile) -> None:
        self._injects: dict[str, Inject] = {i.id: i for i in scenario.injects}
        self._deadline_of: dict[str, tuple[str, float]] = {
            expectation.id: (inject.id, expectation.within_minutes * 60.0)
            for inject in scenario.injects
            for expectation in inject.expect
        }

    def due_time(self, inject_id: str, progress: Progress) -> float | None:
        """When the inject is (or was) due; None while that is not known yet
        (it waits on an inject not sent, an expectation still open, or the
        controller) or never will be (its expectation was met)."""
        inject = self._injects[inject_id]
        if inject.at is not None:
            return float(offset_seconds(inject.at))
        if inject.after is not None:
            before = progress.sent.get(inject.after.inject)
            return None if before is None else before + inject.after.minutes * 60.0
        if inject.when_missed is not None:
            if inject.when_missed in progress.met:
                return None
            source, allowance = self._deadline_of[inject.when_missed]
            sent = progress.sent.get(source)
            return None if sent is None else sent + allowance
        return 0.0 if inject_id in progress.requested else None

    def due(self, now: float, progress: Progress) -> list[str]:
        """The injects not sent yet whose time has come, earliest first."""
        ready = [
            (at, inject_id)
            for inject_id in self._injects
            if inject_id not in progress.sent
            and (at := self.due_time(inject_id, progress)) is not None
            and at <= now
        ]
        return [inject_id for _at, inject_id in sorted(ready)]

    def next_time(self, now: float, progress: Progress) -> float | None:
        """The earliest drill time after `now` at which something becomes due
        as things stand (None: nothing will without a new fact)."""
        times = [
            at
            for inject_id in self._injects
            if inject_id not in progress.sent
            and (at := self.due_time(inject_id, progress)) is not None
            and at > now
        ]
        return min(times, default=None)

    def deadlines(self, progress: Progress) -> Mapping[str, float]:
        """Each expectation's deadline whose inject was sent (drill seconds)."""
        return {
            expectation_id: progress.sent[source] + allowance
            for expectation_id, (source, allowance) in self._deadline_of.items()
            if source in progress.sent
        }
