"""An incident played back from its log: at each moment its level, each task's
state and each linked case's state are what they were then."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from commandcenter.services.emergency.api import Level, TaskMove, TaskStep
from commandcenter.services.kernel.errors import NotFoundError
from tests.services.factories import (
    activate_gas,
    actor,
    department_handler,
    task_of,
    version,
)

if TYPE_CHECKING:
    from commandcenter.services.container import Services
    from tests.conftest import Clock


def test_a_replay_shows_the_incident_as_it_stood_at_each_moment(
    services: Services, clock: Clock
) -> None:
    start = clock()
    incident_id, case_id = activate_gas(services)
    supervisor, operator = actor(services, "supervisor"), actor(services, "operator")
    clock.advance(minutes=5)
    task = task_of(services, incident_id, "IV.0")
    services.incidents.move_task(
        department_handler(services, "RQ"),
        TaskStep(task[0], task[1], TaskMove.ACKNOWLEDGE),
    )
    clock.advance(minutes=5)
    services.cases.register(operator, case_id, version(services, case_id))
    clock.advance(minutes=5)
    detail = services.incident_queries.detail(incident_id)
    services.incidents.change_level(
        supervisor, incident_id, detail.version, Level.III, "发生爆燃"
    )
    clock.advance(minutes=10)
    detail = services.incident_queries.detail(incident_id)
    services.incidents.stand_down(supervisor, incident_id, detail.version, "处置完毕")

    replay = services.incident_queries.replay(incident_id)
    assert replay.start == start
    assert replay.end == start + timedelta(minutes=25)
    assert case_id in replay.places

    first = replay.at(start + timedelta(minutes=1))
    assert first.level == "IV"
    assert set(first.tasks.values()) == {"pending"}
    assert first.cases == {case_id: "reported"}
    assert not first.stood_down

    acknowledged = replay.at(start + timedelta(minutes=6))
    assert acknowledged.tasks[task[0]] == "acknowledged"
    assert acknowledged.cases[case_id] == "reported"
    assert replay.at(start + timedelta(minutes=11)).cases[case_id] == "registered"

    raised = replay.at(start + timedelta(minutes=16))
    assert raised.level == "III"
    assert len(raised.tasks) == len(first.tasks) + 4  # Ⅲ adds XF, WJ, JJ, MZ

    over = replay.at(start + timedelta(hours=2))
    assert over.stood_down
    assert set(over.tasks.values()) == {"cancelled"}  # stand-down cancels the rest
    assert replay.at(start - timedelta(hours=1)) == replay.frames[0]
    with pytest.raises(NotFoundError):
        services.incident_queries.replay(incident_id + 100)
