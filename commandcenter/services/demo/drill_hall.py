"""A scripted command hall for drills, and the demo's past drill.

`ScriptedHall` answers a running drill as a hall would, through the services'
own moves, each a few minutes after its cue (drill time): the supervisor
activates the drill's response after the first order and changes its level
after each request; the operator registers and dispatches each new case (one
in three late) and logs each message and alarm; the departments acknowledge
their tasks, except the water board, which never does (its contingency
fires). The demo plays a past drill against it, so a new user finds a drill
and its after-action report; the docs' screenshots and the bench use it too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Protocol

from commandcenter.models.types import CaseState, TaskState
from commandcenter.services.cases.api import CaseQueries, CaseService
from commandcenter.services.drills.api import (
    DrillQueries,
    DrillRunner,
    DrillService,
    Mode,
    Rating,
    ScenarioFile,
    read_drill_log,
    shipped_scenarios,
)
from commandcenter.services.emergency.api import (
    Activation,
    IncidentQueries,
    IncidentService,
    Level,
    TaskMove,
    TaskStep,
)
from commandcenter.services.kernel.auth import AuthService
from commandcenter.services.kernel.calendar_source import CalendarSource
from commandcenter.services.kernel.validated_file import load_yaml
from commandcenter.services.territory.api import TerritoryIndex

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.db.database import Database

SILENT_DEPARTMENT = "SW"
"""The department that never acknowledges in the script."""
AREA_RADIUS_M = 800


class HallServices(Protocol):
    """What the hall needs of the services (the container has all of it)."""

    @property
    def db(self) -> Database: ...
    @property
    def cases(self) -> CaseService: ...
    @property
    def queries(self) -> CaseQueries: ...
    @property
    def incidents(self) -> IncidentService: ...
    @property
    def incident_queries(self) -> IncidentQueries: ...
    @property
    def drills(self) -> DrillService: ...
    @property
    def drill_queries(self) -> DrillQueries: ...
    @property
    def auth(self) -> AuthService: ...


@dataclass
class ScriptedHall:
    """Acts on one drill; `act(drill_t)` makes every move whose time has come."""

    services: HallServices
    drill_id: int
    scenario: ScenarioFile
    done: set[str] = field(default_factory=set)
    """What was done already: one key per move."""

    def act(self, drill_t: float) -> None:
        s = self.services
        with s.db.read() as session:
            log = read_drill_log(session, self.drill_id)
        injects = {i.id: i for i in self.scenario.injects}
        incident = next(iter(s.incident_queries.active(self.drill_id)), None)
        for number, sent in enumerate(log.sent.values()):
            since = (drill_t - sent.drill_t) / 60.0
            inject = injects[sent.inject]
            if sent.case_id is not None:
                self._case(sent.case_id, since, late=number % 3 == 2)
            elif incident is None:
                if inject.channel.value == "order" and since >= 5:
                    self._once("activate", self._activate)
            elif inject.level is not None and since >= 9:
                self._once(
                    f"level {inject.id}",
                    partial(self._level, incident.id, Level(inject.level)),
                )
            elif since >= 4:
                self._once(
                    f"log {inject.id}",
                    partial(
                        s.incidents.log,
                        s.auth.actor("operator"),
                        incident.id,
                        f"已收悉：{inject.title}",
                    ),
                )
        if incident is not None:
            given = {
                task: event.drill_t
                for event in log.events
                if event.kind in ("incident.activate", "incident.raise")
                for task in (
                    *event.payload.get("tasks", ()),
                    *event.payload.get("added", ()),
                )
            }
            self._tasks(incident.id, drill_t, given)

    def _once(self, key: str, move: Callable[[], object]) -> None:
        if key not in self.done:
            self.done.add(key)
            move()

    def _case(self, case_id: int, since: float, late: bool) -> None:
        """Register three minutes after the case came in, dispatch seven
        minutes after (thirteen when late)."""
        s = self.services
        row = s.queries.get(case_id)
        operator = s.auth.actor("operator")
        if row.state is CaseState.REPORTED and since >= 3:
            self._once(
                f"register {case_id}",
                lambda: s.cases.register(operator, case_id, row.version),
            )
        elif row.state is CaseState.REGISTERED and since >= (13 if late else 7):
            self._once(
                f"dispatch {case_id}",
                lambda: s.cases.dispatch(operator, case_id, row.version),
            )

    def _activate(self) -> None:
        s = self.services
        first = next(
            (i.case.place for i in self.scenario.injects if i.case is not None), None
        )
        lon, lat = (first.lon, first.lat) if first else (121.4376, 31.1880)
        s.incidents.activate(
            s.auth.actor("supervisor"),
            Activation(
                self.scenario.plan,
                self.scenario.title,
                Level(self.scenario.level),
                area=s.incidents.area_around(lon, lat, AREA_RADIUS_M),
                drill_id=self.drill_id,
            ),
        )

    def _level(self, incident_id: int, level: Level) -> None:
        s = self.services
        detail = s.incident_queries.detail(incident_id)
        if level is detail.level or level not in detail.levels:
            return
        s.incidents.change_level(
            s.auth.actor("supervisor"), incident_id, detail.version, level, "按上级要求"
        )

    def _tasks(self, incident_id: int, drill_t: float, given: dict[int, float]) -> None:
        """Each department acknowledges its pending task six minutes after it
        was given, the silent one never."""
        s = self.services
        for task in s.incident_queries.detail(incident_id).tasks:
            since = drill_t - given.get(task.id, drill_t)
            if (
                task.state is not TaskState.PENDING
                or task.department_code == SILENT_DEPARTMENT
                or since < 6 * 60
            ):
                continue
            code = task.department_code.lower()
            handler = s.auth.actor("handler" if code == "cgzf" else f"h-{code}")
            step = TaskStep(task.id, task.version, TaskMove.ACKNOWLEDGE)
            self._once(f"ack {task.id}", partial(s.incidents.move_task, handler, step))


@dataclass
class _Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass
class _HallServices:
    """The services a past drill is played with, on the demo's clock."""

    db: Database
    clock: _Clock
    cases: CaseService = field(init=False)
    queries: CaseQueries = field(init=False)
    incidents: IncidentService = field(init=False)
    incident_queries: IncidentQueries = field(init=False)
    drills: DrillService = field(init=False)
    drill_queries: DrillQueries = field(init=False)
    auth: AuthService = field(init=False)

    def __post_init__(self) -> None:
        territory = TerritoryIndex.load(self.db)
        calendars = CalendarSource(self.db)
        self.cases = CaseService(self.db, territory, calendars, self.clock)
        self.queries = CaseQueries(self.db, calendars, self.clock)
        self.incidents = IncidentService(self.db, territory, calendars, self.clock)
        self.incident_queries = IncidentQueries(self.db, calendars, self.clock)
        self.drills = DrillService(self.db, territory, self.cases, self.clock)
        self.drill_queries = DrillQueries(self.db, self.queries)
        self.auth = AuthService(self.db)


def play_past_drill(db: Database, start: datetime, scenario_id: str) -> int:
    """A drill of a shipped scenario played whole at ×60 from `start` against
    the scripted hall, ended, two ratings given and two improvements planned;
    its id."""
    path = next(p for p in shipped_scenarios() if p.stem.upper() == scenario_id.upper())
    scenario = load_yaml(ScenarioFile, path)
    clock = _Clock(start)
    services = _HallServices(db, clock)
    supervisor = services.auth.actor("supervisor")
    runner = DrillRunner.start(
        services.drills, db, supervisor, scenario, Mode.ANNOUNCED, clock, 60.0
    )
    hall = ScriptedHall(services, runner.drill_id, scenario)

    def sleep(seconds: float) -> None:
        """The wall moves on in steps of at most 10 s (10 drill minutes), the
        hall acting after each."""
        left = seconds
        while left > 0:
            step = min(left, 10.0)
            clock.now += timedelta(seconds=step)
            left -= step
            hall.act(runner.clock.now())

    runner.run(sleep=sleep)
    with db.read() as session:
        observed = read_drill_log(session, runner.drill_id).observe()
    late = next((o for o in observed if o.automatic is Rating.S), None)
    missed = next((o for o in observed if o.automatic is Rating.U), None)
    drills = services.drills
    if late is not None:
        drills.rate(
            supervisor, runner.drill_id, late.expectation.id, Rating.S, "", Rating.S
        )
    if missed is not None:
        drills.rate(
            supervisor,
            runner.drill_id,
            missed.expectation.id,
            Rating.U,
            "值班电话无人接听，未按预案回复",
            Rating.U,
        )
    due = (start + timedelta(days=30)).date()
    drills.improve(
        supervisor,
        runner.drill_id,
        "区水务局未接收预抽空任务",
        "明确夜间值班联系人并每月测试值班电话",
        SILENT_DEPARTMENT,
        due,
    )
    drills.improve(
        supervisor,
        runner.drill_id,
        "积水案件派遣超时",
        "受理员交接班时交接未派遣案件清单",
        "CGZF",
        due,
    )
    return runner.drill_id
