"""The drill runner (演练导调): sends a scenario's injects on the controller's
clock through the services, headless or under the controller's console.

One runner drives one drill. `tick` sends whatever is due now (the schedule
decides, schedule.py), and returns how long the wall may sleep before the next
thing falls due; `run` loops on it until the drill's time is up or the
controller ends or aborts it. The controller's commands (pause, resume, speed,
skip, a manual inject, end, abort) are methods, safe to call from another
thread while `run` sleeps: each wakes the loop, which then reads the new
state. Every inject is sent at its due drill time and its lateness (drill
seconds after it was due) is kept for the bench and the tests.

A contingency inject (`when_missed`) is sent only if, at its deadline, the
log shows its expected action not done in time: the runner asks the same
question the after-action report does (drill_log.py).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from sqlalchemy import select

from commandcenter.models import Drill
from commandcenter.models.types import DrillState
from commandcenter.services.drills.clock import DrillClock
from commandcenter.services.drills.drill_log import read_drill_log
from commandcenter.services.drills.schedule import InjectSchedule, Progress
from commandcenter.services.kernel.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from commandcenter.db.database import Database
    from commandcenter.services.drills.scenario import ScenarioFile
    from commandcenter.services.drills.service import DrillService, Mode
    from commandcenter.services.kernel.auth import Actor

log = logging.getLogger(__name__)
MAX_WAIT = 0.5
"""The longest wall sleep of `run` between checks (seconds)."""


class DrillRunner:
    """Drives one drill: its clock, its schedule, its sends."""

    def __init__(
        self,
        service: DrillService,
        db: Database,
        actor: Actor,
        drill_id: int,
        scenario: ScenarioFile,
        wall: Callable[[], dt.datetime],
        speed: float = 1.0,
        on_sent: Callable[[str, float], object] | None = None,
    ) -> None:
        """`on_sent(inject id, drill time)`: told of each inject as it goes out
        (on the runner's thread)."""
        self._service = service
        self._on_sent = on_sent
        self._db = db
        self._actor = actor
        self.drill_id = drill_id
        self.scenario = scenario
        self._injects = {inject.id: inject for inject in scenario.injects}
        self._schedule = InjectSchedule(scenario)
        self.progress = Progress()
        self.clock = DrillClock(wall=lambda: wall().timestamp())
        self.clock.set_speed(speed)
        with db.read() as session:  # from the instant the drill's record says
            began = session.execute(
                select(Drill.wall_since).where(Drill.id == drill_id)
            ).scalar()
        self.clock.start(None if began is None else began.timestamp())
        self.lateness: dict[str, float] = {}
        """Inject id → drill seconds after its due time it went out."""
        self.state = DrillState.RUNNING
        self.failure: Exception | None = None
        """Why `run` stopped before the drill was over (a send refused, the
        database gone); the drill itself stays on until ended or aborted."""
        self._lock = threading.RLock()
        self._wake = threading.Event()

    @classmethod
    def start(
        cls,
        service: DrillService,
        db: Database,
        actor: Actor,
        scenario: ScenarioFile,
        mode: Mode,
        wall: Callable[[], dt.datetime],
        speed: float = 1.0,
        on_sent: Callable[[str, float], object] | None = None,
    ) -> DrillRunner:
        """Start a drill of `scenario` and a runner for it."""
        drill_id = service.start(actor, scenario, mode, speed)
        return cls(service, db, actor, drill_id, scenario, wall, speed, on_sent)

    @property
    def duration(self) -> float:
        return self.scenario.duration_minutes * 60.0

    @property
    def over(self) -> bool:
        return self.state in (DrillState.ENDED, DrillState.ABORTED)

    # -- the loop ----------------------------------------------------------------

    def tick(self) -> float | None:
        """Send what is due; end the drill when its time is up. Returns the wall
        seconds until something next falls due (None: nothing will by itself)."""
        with self._lock:
            if self.state is not DrillState.RUNNING:
                return None
            now = self.clock.now()
            for inject_id in self._schedule.due(now, self.progress):
                self._send(inject_id, manual=inject_id in self.progress.requested)
            if now >= self.duration:
                self._service.end(self._actor, self.drill_id, now)
                self.state = DrillState.ENDED
                return None
            upcoming = self._schedule.next_time(now, self.progress)
            until = self.duration if upcoming is None else min(upcoming, self.duration)
            return self.clock.wall_seconds_until(until)

    def run(
        self,
        sleep: Callable[[float], object] | None = None,
        most: float = MAX_WAIT,
    ) -> None:
        """Tick until the drill is over. `sleep` waits so many wall seconds (by
        default on the wake event, so a command from another thread cuts it
        short); at most `most` at a time, so a paused drill still answers."""
        while not self.over:
            try:
                wait = self.tick()
            except Exception as error:
                # the drill stops sending: say so to whoever drives it (the
                # console shows it; the command line reports it) and stop
                log.exception("drill %s stopped sending", self.drill_id)
                self.failure = error
                raise
            pause = most if wait is None else min(wait, most)
            if sleep is None:
                self._wake.wait(pause)
                self._wake.clear()
            else:
                sleep(pause)

    def _send(self, inject_id: str, manual: bool) -> None:
        inject = self._injects[inject_id]
        due = self._schedule.due_time(inject_id, self.progress)
        now = self.clock.now()
        if inject.when_missed is not None and self._met(inject.when_missed):
            self.progress.met.add(inject.when_missed)
            return
        stated = now if manual or due is None else due
        self._service.send(self._actor, self.drill_id, inject, stated, now, manual)
        self.progress.sent[inject_id] = now
        self.progress.requested.discard(inject_id)
        if due is not None and not manual:
            self.lateness[inject_id] = now - due
        if self._on_sent is not None:
            self._on_sent(inject_id, now)

    def _met(self, expectation_id: str) -> bool:
        """Whether the log shows the expected action done in time."""
        with self._db.read() as session:
            log = read_drill_log(session, self.drill_id)
        return any(o.on_time for o in log.observe(expectation_id))

    # -- the controller's commands ------------------------------------------------

    def pause(self) -> None:
        with self._lock:
            self._running_only()
            self._service.pause(self._actor, self.drill_id, self.clock.now())
            self.clock.pause()
            self.state = DrillState.PAUSED
        self._wake.set()

    def resume(self) -> None:
        with self._lock:
            if self.state is not DrillState.PAUSED:
                raise ValidationError("the drill is not paused", "drill.not_paused")
            self._service.resume(self._actor, self.drill_id, self.clock.now())
            self.clock.resume()
            self.state = DrillState.RUNNING
        self._wake.set()

    def set_speed(self, speed: float) -> None:
        with self._lock:
            self._on_only()
            now = self.clock.now()
            self.clock.set_speed(speed)  # refuses a speed out of range first
            self._service.set_speed(self._actor, self.drill_id, now, speed)
        self._wake.set()

    def skip_to(self, inject_id: str) -> float:
        """Move the clock forward to the inject's due time; returns it."""
        with self._lock:
            self._on_only()
            inject = self._injects.get(inject_id)
            if inject is None:
                raise NotFoundError(
                    f"the scenario has no inject {inject_id}", "drill.no_inject"
                )
            due = self._schedule.due_time(inject_id, self.progress)
            if due is None or inject_id in self.progress.sent:
                raise ValidationError(
                    f"inject {inject_id} has no time to skip to",
                    "drill.skip_nowhere",
                    inject=inject_id,
                )
            now = self.clock.now()
            self.clock.skip_to(due)  # refuses to go back first
            self._service.skip(self._actor, self.drill_id, now, due)
        self._wake.set()
        return due

    def send_now(self, inject_id: str) -> None:
        """The controller sends a manual inject (or any not sent yet) now."""
        with self._lock:
            self._on_only()
            if inject_id not in self._injects:
                raise NotFoundError(
                    f"the scenario has no inject {inject_id}", "drill.no_inject"
                )
            if inject_id in self.progress.sent:
                raise ValidationError(
                    f"inject {inject_id} was sent already",
                    "drill.sent_already",
                    inject=inject_id,
                )
            self.progress.requested.add(inject_id)
            if not self._injects[inject_id].manual:
                self._send(inject_id, manual=True)
        self._wake.set()

    def end(self, reason: str = "") -> None:
        with self._lock:
            self._on_only()
            self._service.end(self._actor, self.drill_id, self.clock.now(), reason)
            self.clock.pause()
            self.state = DrillState.ENDED
        self._wake.set()

    def abort(self, reason: str) -> None:
        with self._lock:
            self._on_only()
            self._service.abort(self._actor, self.drill_id, self.clock.now(), reason)
            self.clock.pause()
            self.state = DrillState.ABORTED
        self._wake.set()

    def _running_only(self) -> None:
        if self.state is not DrillState.RUNNING:
            raise ValidationError("the drill is not running", "drill.not_running")

    def _on_only(self) -> None:
        if self.over:
            raise ValidationError("the drill is over", "drill.not_running")
