"""The controller's clock and the inject schedule: drill time runs at the chosen
speed and stands still while paused; each inject comes due at its offset, after
the one it follows, at the deadline of a missed action (never after a met one),
or on the controller's word — a shipped scenario played through at ×60 sends
every timed inject at its drill time."""

from __future__ import annotations

import pytest

from commandcenter.services.drills.api import (
    DrillClock,
    InjectSchedule,
    Progress,
    shipped_scenarios,
)
from commandcenter.services.drills.scenario import ScenarioFile
from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.kernel.validated_file import load_yaml


class Wall:
    """A wall clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_drill_time_runs_at_its_speed_and_stands_still_when_paused() -> None:
    wall = Wall()
    clock = DrillClock(wall)
    assert clock.now() == 0
    wall.now += 50  # not started: nothing runs
    clock.start()
    wall.now += 10
    assert clock.now() == 10
    clock.set_speed(60)
    wall.now += 2
    assert clock.now() == 130  # 10 s, then 2 s at ×60
    assert clock.wall_seconds_until(190) == 1.0
    clock.pause()
    wall.now += 100
    assert clock.now() == 130
    assert clock.wall_seconds_until(190) is None
    clock.resume()
    wall.now += 1
    assert clock.now() == 190
    clock.skip_to(600)
    assert clock.now() == 600
    with pytest.raises(ValidationError):
        clock.skip_to(10)
    with pytest.raises(ValidationError):
        clock.set_speed(61)


def _scenario(name: str) -> ScenarioFile:
    path = next(p for p in shipped_scenarios() if p.stem == name)
    return load_yaml(ScenarioFile, path)


def test_injects_come_due_by_their_timing_rule() -> None:
    scenario = _scenario("wet-market-gas-leak")
    schedule = InjectSchedule(scenario)
    progress = Progress()
    assert schedule.due(0, progress) == ["M01"]  # at 00:00
    progress.sent["M01"] = 0
    # M02 follows M01 by 3 minutes; M06 is at 20:00
    assert schedule.next_time(0, progress) == 180
    assert schedule.due(180, progress) == ["M02"]
    assert schedule.due_time("M06", progress) == 1200
    # the gas company's on-scene expectation F09 belongs to M05 (M01 + 12 min),
    # 30 minutes allowed: its contingency M12 is due at 42 minutes if missed …
    progress.sent.update({"M02": 180, "M03": 480, "M04": 600, "M05": 720})
    assert schedule.due_time("M12", progress) == 720 + 30 * 60
    assert "M12" in schedule.due(720 + 30 * 60, progress)
    # … and never once the action was seen
    progress.met.add("F09")
    assert schedule.due_time("M12", progress) is None
    assert "M12" not in schedule.due(10_000, progress)
    # a manual inject waits for the controller
    assert schedule.due_time("M14", progress) is None
    progress.requested.add("M14")
    assert "M14" in schedule.due(900, progress)
    assert schedule.deadlines(progress)["F01"] == 3 * 60


def test_a_scenario_played_at_sixty_times_sends_each_inject_at_its_drill_time() -> None:
    """The runner's loop in miniature: wake when the schedule says, send what is
    due; every timed inject goes out at its drill time, to the second."""
    scenario = _scenario("typhoon-night")
    schedule = InjectSchedule(scenario)
    wall = Wall()
    clock = DrillClock(wall)
    clock.set_speed(60)
    clock.start()
    progress = Progress()
    lateness = []
    while True:
        now = clock.now()
        for inject_id in schedule.due(now, progress):
            due = schedule.due_time(inject_id, progress)
            assert due is not None
            lateness.append(now - due)
            progress.sent[inject_id] = now
        upcoming = schedule.next_time(now, progress)
        if upcoming is None:
            break
        wait = clock.wall_seconds_until(upcoming)
        assert wait is not None
        wall.now += wait
    timed = [i for i in scenario.injects if not i.manual and not i.when_missed]
    assert {i.id for i in timed} <= set(progress.sent)
    assert max(lateness) < 1.0  # drill seconds
    # nothing was met, so every contingency went out too, at its deadline
    assert {i.id for i in scenario.injects if i.when_missed} <= set(progress.sent)
    assert wall.now - 1000 == pytest.approx(max(progress.sent.values()) / 60)
