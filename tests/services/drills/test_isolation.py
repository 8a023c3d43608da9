"""Drill data never mixes with real data (PRODUCT §6): after a full drill, every
KPI, every report format, every export, the statistics and the big screen's
figures are exactly what they were before it, and the drill's cases are in
no normal queue, only in the drill's own; a purge then removes them and the
report of the drill still builds from the log."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import openpyxl
import pytest

from commandcenter.models.types import CaseState
from commandcenter.services.cases.api import CaseFilter, MapLayers
from commandcenter.services.container import Services
from commandcenter.services.drills.api import (
    build_after_action,
    read_drill_log,
)
from commandcenter.services.emergency.api import Level, TaskMove, TaskStep
from commandcenter.services.evaluation.api import (
    PeriodKind,
    build_report,
    report_json,
    take_snapshot,
    take_statistics,
    write_xlsx,
)
from commandcenter.services.evaluation.kpi import Slice
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.errors import ValidationError
from tests.conftest import SHANGHAI
from tests.services.drills.test_runner import (
    Player,
    activate_response,
    start_typhoon,
)
from tests.services.factories import (
    a_day_of_cases,
    actor,
    department_handler,
    handler_for,
    new_case,
    place,
    version,
)

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import Clock


def everything(services: Services, tmp: Path) -> dict[Any, Any]:
    """What any real count, report, export or screen shows, read afresh."""
    fresh = Services(services.db, services.clock)  # no kept spans
    kpis = fresh.kpis
    day = fresh.clock().astimezone(SHANGHAI).date()
    seen: dict[Any, Any] = {"hourly": kpis.hourly(day)}
    for kind in PeriodKind:
        period = kpis.period(kind, day)
        seen["district", kind] = kpis.district(period)
        for by in Slice:
            seen["table", kind, by] = kpis.table(period, by)
        seen["statistics", kind] = take_statistics(fresh, kind, day)
        report = build_report(fresh, kind, day)
        seen["report", kind] = report  # what the PDF is laid out from
        seen["json", kind] = report_json(report)
        path = tmp / f"{kind}.xlsx"
        write_xlsx(report, path)
        book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
        seen["xlsx", kind] = [
            [tuple(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        ]
    seen["wall"] = take_snapshot(fresh)
    seen["desk"] = fresh.queries.desk()
    seen["all cases"] = fresh.queries.find(CaseFilter())
    seen["map"] = MapLayers(fresh.db).open_counts()
    seen["incidents"] = fresh.incident_queries.active()
    seen["recent incidents"] = fresh.incident_queries.recent()
    fresh.close()
    return seen


def test_a_full_drill_changes_no_real_figure_and_stays_in_its_own_tab(
    services: Services, clock: Clock, tmp_path: Path
) -> None:
    a_day_of_cases(services, clock)
    before = everything(services, tmp_path)
    start = clock.now

    supervisor = actor(services, "supervisor")
    operator = actor(services, "operator")
    runner = start_typhoon(services, clock)
    drill_id = runner.drill_id

    def incident() -> int:
        (found,) = services.incident_queries.active(drill_id)
        return found.id

    def activate() -> None:
        activate_response(services, drill_id)

    def work_the_cases() -> None:
        """Every drill case so far through the whole loop, linked to the
        drill's incident."""
        for row in services.drill_queries.cases(drill_id):
            if row.state is not CaseState.REPORTED:
                continue
            case = row.id
            services.cases.register(operator, case, version(services, case))
            services.cases.dispatch(operator, case, version(services, case))
            handler = handler_for(services, case)
            services.cases.accept(handler, case, version(services, case))
            services.cases.feedback(handler, case, version(services, case), "已处置")
            services.cases.verify_ok(operator, case, version(services, case))
            services.incidents.link(operator, incident(), "case", case)

    def tasks() -> None:
        detail = services.incident_queries.detail(incident())
        for task in detail.tasks:
            if task.state.value == "pending":
                services.incidents.move_task(
                    department_handler(services, task.department_code),
                    TaskStep(task.id, task.version, TaskMove.ACKNOWLEDGE),
                )

    def raise_level() -> None:
        version_ = services.incident_queries.detail(incident()).version
        services.incidents.change_level(
            supervisor, incident(), version_, Level.III, "黄色预警"
        )

    def stand_down() -> None:
        version_ = services.incident_queries.detail(incident()).version
        services.incidents.stand_down(supervisor, incident(), version_, "预警解除")

    player = Player(
        services,
        runner,
        clock,
        [
            (300, activate),
            (600, tasks),
            (1800, work_the_cases),
            (2700, raise_level),
            (3000, tasks),
            (7800, work_the_cases),
            (8400, stand_down),
        ],
    )
    runner.run(sleep=player.sleep)
    assert not player.acts  # the whole script was played

    drill_cases = services.drill_queries.cases(drill_id)
    assert len(drill_cases) == 4  # the scenario's four new-case injects
    assert all(row.state is CaseState.CLOSED for row in drill_cases)
    assert services.incident_queries.recent(drill_id=drill_id)

    clock.set(start)  # the same moment: only the drill differs
    after = everything(services, tmp_path)
    assert after.keys() == before.keys()
    for key in before:
        assert after[key] == before[key], key
    drill_ids = {row.id for row in drill_cases}
    assert not drill_ids & {row.id for row in after["desk"]}
    assert not drill_ids & {row.id for row in after["all cases"]}


def test_drill_and_real_never_touch_and_a_purge_keeps_the_report(
    services: Services, clock: Clock
) -> None:
    supervisor = actor(services, "supervisor")
    operator = actor(services, "operator")
    runner = start_typhoon(services, clock)
    clock.advance(seconds=13)  # 13 drill minutes: I03 filed its case
    runner.tick()
    (drill_case,) = services.drill_queries.cases(runner.drill_id)
    real = services.cases.report(operator, new_case(place(services))).ids["case"][0]
    # a drill's cases are numbered apart: no gap in the day's real numbers
    assert drill_case.number.startswith("YL")
    assert services.queries.get(real).number.endswith("-0001")
    with pytest.raises(ValidationError, match="never mix"):
        services.cases.merge(operator, drill_case.id, drill_case.version, real)
    incident_id = activate_response(services, runner.drill_id)
    with pytest.raises(ValidationError, match="never mix"):
        services.incidents.link(operator, incident_id, "case", real)
    services.incidents.link(operator, incident_id, "case", drill_case.id)
    with pytest.raises(ValidationError, match="only a drill that is over"):
        services.drills.purge(supervisor, runner.drill_id)

    runner.end("演练结束")
    with pytest.raises(ValidationError, match="not running"):  # its cases stop too
        activate_response(services, runner.drill_id, "晚到的演练响应")
    with services.db.read() as session:
        report_before = build_after_action(session, runner.drill_id, SHANGHAI, clock())
    services.drills.purge(supervisor, runner.drill_id)
    assert services.drill_queries.cases(runner.drill_id) == []
    assert services.incident_queries.recent(drill_id=runner.drill_id) == []
    with services.db.read() as session:
        report_after = build_after_action(session, runner.drill_id, SHANGHAI, clock())
        assert event_log.verify_chain(session).ok
        log = read_drill_log(session, runner.drill_id)
    assert [a.rating for a in report_after.actions] == [
        a.rating for a in report_before.actions
    ]
    assert len(report_after.timeline) == len(report_before.timeline) + 1  # the purge
    assert log.of_drill("drill.purge")[0].payload["cases"] == [drill_case.id]
    assert services.queries.get(real).id == real  # the real case is untouched
