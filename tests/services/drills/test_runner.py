"""The runner plays a shipped scenario at ×60 headless against the services,
with a scripted player acting on some expected actions in time, one late and
one never: injects go out within 1 s (drill time) of schedule, the missed one
fires its contingency, the late one is rated below P, and the drill's log says
all of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest

from commandcenter.models.types import DrillState
from commandcenter.services.drills.api import (
    DrillRunner,
    Mode,
    Rating,
    ScenarioFile,
    build_after_action,
    read_drill_log,
    shipped_scenarios,
)
from commandcenter.services.emergency.api import Activation, Level
from commandcenter.services.kernel.errors import (
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from commandcenter.services.kernel.validated_file import load_yaml
from tests.conftest import SHANGHAI
from tests.services.factories import actor, version

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.container import Services
    from tests.conftest import Clock

SPEED = 60


def typhoon() -> ScenarioFile:
    path = next(p for p in shipped_scenarios() if p.stem == "typhoon-night")
    return load_yaml(ScenarioFile, path)


def start_typhoon(
    services: Services, clock: Clock, mode: Mode = Mode.ANNOUNCED
) -> DrillRunner:
    """typhoon-night started at ×60 by the supervisor on the test's clock."""
    return DrillRunner.start(
        services.drills,
        services.db,
        actor(services, "supervisor"),
        typhoon(),
        mode,
        clock,
        speed=SPEED,
    )


def activate_response(
    services: Services, drill_id: int, title: str = "台风夜演练"
) -> int:
    """The drill's flood response at Ⅳ round the underpass; its incident id."""
    changes = services.incidents.activate(
        actor(services, "supervisor"),
        Activation(
            "FLOOD-TYPHOON",
            title,
            Level.IV,
            area=services.incidents.area_around(121.4376, 31.1880, 800),
            drill_id=drill_id,
        ),
    )
    return changes.ids["incident"][0]


@dataclass
class Player:
    """The hall, scripted: each act at a drill time, made on the services."""

    services: Services
    runner: DrillRunner
    clock: Clock
    acts: list[tuple[float, Callable[[], None]]]

    def sleep(self, seconds: float) -> None:
        """The runner's sleep: wall time moves on, and the hall acts at the
        drill times it was scripted for, in between."""
        target = self.clock.now + timedelta(seconds=seconds)
        while self.acts:
            at, act = self.acts[0]
            wall = self.runner.clock.wall_seconds_until(at)
            if wall is None:
                break
            moment = self.clock.now + timedelta(seconds=wall)
            if moment > target:
                break
            self.clock.now = moment
            self.acts.pop(0)
            act()
        self.clock.now = target


def _case_of(services: Services, runner: DrillRunner, inject: str) -> int:
    with services.db.read() as session:
        sent = read_drill_log(session, runner.drill_id).sent[inject]
    assert sent.case_id is not None
    return sent.case_id


def test_a_shipped_scenario_plays_at_x60_and_its_log_rates_the_hall(
    services: Services, clock: Clock
) -> None:
    scenario = typhoon()
    supervisor = actor(services, "supervisor")
    operator = actor(services, "operator")
    runner = start_typhoon(services, clock, Mode.UNANNOUNCED)
    drill_id = runner.drill_id

    def activate() -> None:  # E01 at 5 min: on time (15)
        activate_response(services, drill_id)

    def log() -> None:  # E02 at 6 min: on time (10)
        (incident,) = services.incident_queries.active(drill_id)
        services.incidents.log(operator, incident.id, "已通知各成员单位进入Ⅳ级响应")

    def register() -> None:  # E04: I03 at 12 min, registered at 15 (5 allowed)
        case_id = _case_of(services, runner, "I03")
        services.cases.register(operator, case_id, version(services, case_id))

    def dispatch() -> None:  # E05: dispatched at 26, 14 min after I03 (10 allowed)
        case_id = _case_of(services, runner, "I03")
        services.cases.dispatch(operator, case_id, version(services, case_id))

    # E03 (the water board acknowledges its task within 10 min of I02) never
    # happens: its contingency I11 goes out at 2 + 10 = 12 min.
    player = Player(
        services,
        runner,
        clock,
        [(300, activate), (360, log), (900, register), (1560, dispatch)],
    )
    runner.run(sleep=player.sleep)

    assert runner.state is DrillState.ENDED
    timed = [i.id for i in scenario.injects if not i.manual]
    manual = [i.id for i in scenario.injects if i.manual]
    assert set(runner.progress.sent) == set(timed)  # the manual one waits for word
    assert manual == ["I16"]
    assert runner.lateness, "timed injects were sent"
    assert max(runner.lateness.values()) < 1.0  # drill seconds
    assert runner.progress.sent["I11"] == pytest.approx(12 * 60, abs=1)

    with services.db.read() as session:
        log_ = read_drill_log(session, drill_id)
    seen = {o.expectation.id: o for o in log_.observe()}
    assert seen["E01"].automatic is Rating.P
    assert seen["E01"].minutes == pytest.approx(5, abs=0.02)
    assert seen["E02"].automatic is Rating.P
    assert seen["E04"].automatic is Rating.P
    assert seen["E05"].automatic is Rating.S  # late: below P
    assert seen["E05"].minutes == pytest.approx(14, abs=0.02)
    assert seen["E03"].automatic is Rating.U  # never
    assert seen["E03"].done is None
    assert log_.sent["I11"].drill_t == pytest.approx(12 * 60, abs=1)
    assert "I16" not in log_.sent
    assert log_.of_drill("drill.end")

    # the evaluator confirms the late dispatch as S and overrides the missed
    # acknowledgement to M, with a note; both show in the report
    services.drills.rate(supervisor, drill_id, "E05", Rating.S, "", Rating.S)
    with pytest.raises(ValidationError):  # an override needs its reason
        services.drills.rate(supervisor, drill_id, "E03", Rating.M, " ", Rating.U)
    services.drills.rate(
        supervisor, drill_id, "E03", Rating.M, "水务局电话占线，改用短信", Rating.U
    )
    services.drills.improve(
        supervisor, drill_id, "派遣超时", "值班员交接班演练", "SW", date(2026, 12, 31)
    )
    with services.db.read() as session:
        report = build_after_action(session, drill_id, SHANGHAI, clock())
    rows = {a.expectation: a for a in report.actions}
    assert (rows["E05"].automatic, rows["E05"].rating) == (Rating.S, Rating.S)
    assert rows["E05"].observed_minutes == pytest.approx(14, abs=0.02)
    assert rows["E05"].done_by == operator.display_name
    assert (rows["E03"].automatic, rows["E03"].rating) == (Rating.U, Rating.M)
    assert rows["E03"].overridden
    assert rows["E03"].note == "水务局电话占线，改用短信"
    assert rows["E01"].rating is Rating.P
    assert not rows["E01"].overridden
    assert not rows["E18"].sent
    assert rows["E18"].rating is None
    o2 = next(o for o in report.objectives if o.id == "O2")
    assert o2.on_target >= 1
    assert o2.ratings["S"] == 1
    assert report.injects_sent == len(timed)
    assert report.state is DrillState.ENDED
    kinds = [t.kind for t in report.timeline]
    assert kinds[0] == "drill.start"
    assert "drill.end" in kinds
    assert kinds.count("drill.inject") + kinds.count("case.report") == len(timed)
    assert [i.department for i in report.improvements] == ["SW"]
    assert not report.improvements[0].done
    assert report.trend["operator"][-1].drill_id == drill_id
    assert report.banner.startswith("【演练】")


def test_a_met_expectation_sends_no_contingency_and_the_clock_obeys_the_controller(
    services: Services, clock: Clock
) -> None:
    runner = start_typhoon(services, clock)
    incident = services.incident_queries.detail(
        activate_response(services, runner.drill_id)
    )
    task = next(t for t in incident.tasks if t.department_code == "SW")
    runner.tick()  # I01 at 0
    clock.advance(seconds=2)  # 2 drill minutes: I02
    runner.tick()
    clock.advance(seconds=3)  # 5 min: the water board acknowledges (E03 met)
    from commandcenter.services.emergency.api import TaskMove, TaskStep
    from tests.services.factories import department_handler

    services.incidents.move_task(
        department_handler(services, "SW"),
        TaskStep(task.id, task.version, TaskMove.ACKNOWLEDGE),
    )
    runner.pause()
    clock.advance(seconds=600)  # paused: drill time stands still
    assert runner.clock.now() == pytest.approx(300)
    runner.resume()
    runner.set_speed(30)
    with pytest.raises(ValidationError):
        runner.set_speed(120)
    due = runner.skip_to("I03")
    assert due == 12 * 60
    runner.tick()
    assert "I11" not in runner.progress.sent  # E03 was met: no contingency
    runner.send_now("I16")
    runner.tick()
    assert "I16" in runner.progress.sent
    runner.abort("演练场地停电")
    assert runner.over
    with services.db.read() as session:
        log_ = read_drill_log(session, runner.drill_id)
    kinds = [e.kind for e in log_.of_drill(*(e.kind for e in log_.events))]
    for kind in (
        "drill.pause",
        "drill.resume",
        "drill.speed",
        "drill.skip",
        "drill.abort",
    ):
        assert kind in kinds
    # the drill times the log gives the clock's moves follow the controller
    skip = log_.of_drill("drill.skip")[0]
    assert skip.payload["to"] == 720
    (met,) = log_.observe("E03")
    assert met.automatic is Rating.P


def test_only_the_controller_runs_drills_and_one_at_a_time(
    services: Services, clock: Clock
) -> None:
    with pytest.raises(PermissionDeniedError):
        services.drills.start(actor(services, "operator"), typhoon(), Mode.ANNOUNCED)
    supervisor = actor(services, "supervisor")
    services.drills.start(supervisor, typhoon(), Mode.ANNOUNCED)
    with pytest.raises(ValidationError, match="still on"):
        services.drills.start(supervisor, typhoon(), Mode.ANNOUNCED)


def test_an_improvement_item_is_tracked_to_done_once(
    services: Services, clock: Clock
) -> None:
    supervisor = actor(services, "supervisor")
    runner = start_typhoon(services, clock)
    drills = services.drills
    with pytest.raises(NotFoundError):
        drills.improve(
            supervisor, runner.drill_id, "问题", "措施", "NOPE", date(2027, 1, 1)
        )
    with pytest.raises(ValidationError):
        drills.improve(
            supervisor, runner.drill_id, "问题", "措施", "SW", date(2020, 1, 1)
        )
    drills.improve(
        supervisor,
        runner.drill_id,
        "值班电话无人接",
        "每月测试",
        "SW",
        date(2027, 1, 1),
    )
    drills.improve(
        supervisor, runner.drill_id, "派遣超时", "交接清单", "CGZF", date(2027, 1, 1)
    )
    with pytest.raises(NotFoundError):
        drills.improvement_done(supervisor, runner.drill_id, 3, "已完成")
    with pytest.raises(PermissionDeniedError):
        drills.improvement_done(actor(services, "operator"), runner.drill_id, 1, "x")
    drills.improvement_done(supervisor, runner.drill_id, 2, "已建立交接清单")
    with pytest.raises(ValidationError):
        drills.improvement_done(supervisor, runner.drill_id, 2, "again")
    with services.db.read() as session:
        report = build_after_action(session, runner.drill_id, SHANGHAI, clock())
    assert [(i.item, i.done, i.note) for i in report.improvements] == [
        (1, False, ""),
        (2, True, "已建立交接清单"),
    ]


def test_a_runner_that_cannot_send_stops_and_says_why(
    services: Services, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = start_typhoon(services, clock)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise ValidationError("the database refused the inject")

    monkeypatch.setattr(services.drills, "send", refuse)
    with pytest.raises(ValidationError):
        runner.run(sleep=lambda seconds: clock.advance(seconds=seconds))
    assert isinstance(runner.failure, ValidationError)
    assert not runner.over  # on until the controller ends or aborts it
    runner.abort("注入失败")
    assert runner.over
