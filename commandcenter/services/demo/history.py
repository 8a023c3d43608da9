"""A simulated case history whose statistics look like a real district's.

Arrivals follow the day (peaks around noon and 16:00–21:00), the category mix puts
illegal small ads, exposed garbage and street stalls on top, handling times are
log-normal with a long tail against each category's working-time allowance. Every
case walks the loop through `cases.workflow.check` and the role table, and each
move writes the `Effect` the service writes too (cases/effects.py), so the event
history is made of legal moves only, and the case row is what those moves leave.
Cases whose next move lies after `now` stay open: that is today's queue.
"""

from __future__ import annotations

import contextlib
import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from commandcenter.models.types import CaseState, Family, Role, Source
from commandcenter.services.cases.api import (
    TRANSITIONS,
    CategoryInfo,
    Effect,
    Limits,
    Move,
    NewCase,
    case_row,
    check,
    effects,
    report_payload,
)
from commandcenter.services.kernel.event_log import canonical_payload

if TYPE_CHECKING:
    from collections.abc import Iterator

    from commandcenter.services.demo.population import Cast
    from commandcenter.services.kernel.work_calendar import WorkCalendar
    from commandcenter.services.territory.api import (
        GridRef,
        TerritoryIndex,
    )

VOID_SHARE = 0.08
SELF_HANDLE_SHARE = 0.6  # of patrol reports in self-handling categories
MISDISPATCH_SHARE = 0.015
ESCALATE_SHARE = 0.01
SUSPEND_SHARE = 0.0015
POSTPONE_SHARE = 0.02
REWORK_SHARE = 0.037
COMMENT_SHARE = 0.03
HANDLING_MEDIAN_OF_ALLOWANCE = 0.35
HANDLING_SIGMA = 0.8


@dataclass(frozen=True, slots=True)
class SimCategory:
    """What the simulation needs to know of a category."""

    info: CategoryInfo
    name: str
    family: str
    major: str
    department_id: int | None
    handling: tuple[int, str]
    verify: tuple[int, str]
    self_handle: bool
    criteria: str

    @property
    def limits(self) -> Limits:
        return Limits(self.handling, self.verify)


@dataclass(frozen=True, slots=True)
class Arrival:
    at: datetime
    category: SimCategory
    source: Source
    lon: float
    lat: float
    grid: GridRef


class _AfterNowError(Exception):
    """The next move would happen after `now`: the case stays where it is."""


class _Life:
    """One case's walk through the loop, recording its events."""

    def __init__(self, index: int, number: str, now: datetime, row: dict[str, Any]):
        self.index = index
        self.number = number
        self.now = now
        self.row = row
        self.state = CaseState.REPORTED
        self.version = 1
        self.last: datetime = row["reported_at"]
        self.events: list[tuple[datetime, int, str, int, str]] = []

    def at(self, moment: datetime) -> datetime:
        """`moment`, or just after the previous move if the sample fell before it:
        a case's moves are strictly ordered in time, so sorting the whole
        history by time keeps every case's walk intact."""
        return max(moment, self.last + timedelta(seconds=1))

    def move(
        self,
        move: Move,
        at: datetime,
        actor: tuple[Role, int],
        effect: Effect | None = None,
    ) -> None:
        """Make `move` at `at`: checked against the loop's table, its `Effect`
        (the one the service applies too) written to the row."""
        if at > self.now:
            raise _AfterNowError
        assert at > self.last, "call at() first"
        self.last = at
        transition = check(move, self.state)
        role, actor_id = actor
        assert role in TRANSITIONS[move].roles, (move, role)
        effect = effect or Effect()
        before = self.state
        self.row.update(effect.changes)
        if transition.target is not None:
            self.state = transition.target
        elif "state" in effect.changes:
            self.state = CaseState(effect.changes["state"])
        self.version += 1
        payload = {
            "number": self.number,
            "from": before.value,
            "to": self.state.value,
            "version": self.version,
            **effect.details,
        }
        self.events.append(
            (at, actor_id, move.event_kind, self.index, canonical_payload(payload))
        )
        self.row.update(state=self.state.value, version=self.version, updated_at=at)


class HistorySimulator:
    """Generates arrivals, then walks each one through the loop."""

    def __init__(
        self,
        *,
        seed: int,
        now: datetime,
        calendar: WorkCalendar,
        territory: TerritoryIndex,
        categories: dict[str, SimCategory],
        mix: dict[str, float],
        cast: Cast,
        street_office: dict[int, int],
        department_codes: dict[int, str],
        config: dict[str, Any],
    ) -> None:
        self._np = np.random.default_rng(seed)
        self._rng = random.Random(seed)
        self._now = now
        self._calendar = calendar
        self._territory = territory
        self._categories = categories
        self._mix = mix
        self._cast = cast
        self._street_office = street_office
        self._department_codes = department_codes
        self._config = config
        self._line_departments = sorted(
            {
                c.department_id
                for c in categories.values()
                if c.department_id is not None
            }
        )

    # -- arrivals ---------------------------------------------------------------------

    def arrivals(
        self, days: int, per_day: float, bounds: tuple[float, ...]
    ) -> list[Arrival]:
        """All reports of the last `days` days up to now, oldest first."""
        zone = self._calendar.zone
        today = self._now.astimezone(zone).date()
        times: list[datetime] = []
        for offset in range(days - 1, -1, -1):
            day = today - timedelta(days=offset)
            times += self._times_of_day(day, per_day)
        times = sorted(t for t in times if t <= self._now)
        codes = sorted(self._mix)
        weights = np.array([self._mix[c] for c in codes])
        picked = self._np.choice(len(codes), size=len(times), p=weights / weights.sum())
        places = self._places(len(times), bounds)
        arrivals = []
        for at, code_index, (lon, lat, grid) in zip(
            times, picked.tolist(), places, strict=True
        ):
            category = self._categories[codes[code_index]]
            arrivals.append(
                Arrival(at, category, self._source(category), lon, lat, grid)
            )
        return arrivals

    def _times_of_day(self, day: date, per_day: float) -> list[datetime]:
        weekend = day.weekday() >= 5
        count = int(self._np.poisson(per_day * (0.85 if weekend else 1.05)))
        kind = self._np.choice(3, size=count, p=[0.2, 0.35, 0.45])
        hours = np.where(
            kind == 0,
            self._np.uniform(7, 22, count),
            np.where(
                kind == 1,
                self._np.normal(12.0, 1.2, count),
                self._np.normal(18.5, 1.6, count),
            ),
        )
        hours = np.clip(hours, 5.5, 23.9)
        midnight = datetime.combine(day, time(0, 0), self._calendar.zone)
        # UTC from here on: every later time derives from these, and binding or
        # hashing a UTC datetime skips a time-zone lookup per value.
        return [(midnight + timedelta(hours=float(h))).astimezone(UTC) for h in hours]

    def _places(
        self, count: int, bounds: tuple[float, ...]
    ) -> list[tuple[float, float, GridRef]]:
        """Points clustered round a few dozen hot spots, the rest spread evenly."""
        min_x, min_y, max_x, max_y = bounds
        hot = np.column_stack(
            (self._np.uniform(min_x, max_x, 400), self._np.uniform(min_y, max_y, 400))
        )
        hot_grids = self._territory.locate_many(hot[:, 0].tolist(), hot[:, 1].tolist())
        hot = hot[[g is not None for g in hot_grids]][:30]
        found: list[tuple[float, float, GridRef]] = []
        sigma = (0.005, 0.0045)  # ≈ 480 m east, 500 m north
        while len(found) < count:
            need = (count - len(found)) * 2 + 100
            near = self._np.random(need) < 0.65
            centre = hot[self._np.integers(0, len(hot), need)]
            xs = np.where(
                near,
                centre[:, 0] + self._np.normal(0, sigma[0], need),
                self._np.uniform(min_x, max_x, need),
            )
            ys = np.where(
                near,
                centre[:, 1] + self._np.normal(0, sigma[1], need),
                self._np.uniform(min_y, max_y, need),
            )
            grids = self._territory.locate_many(xs.tolist(), ys.tolist())
            found += [
                (float(x), float(y), g)
                for x, y, g in zip(xs, ys, grids, strict=True)
                if g
            ]
        return found[:count]

    def _source(self, category: SimCategory) -> Source:
        if category.family == Family.EVENT.value and category.major == "04":
            options = [Source.HOTLINE, Source.SENSOR, Source.PATROL, Source.VIDEO]
            weights = [40, 25, 20, 15]
        else:
            options = list(Source)
            weights = [55, 15, 6, 12, 1, 3, 8]
        return self._rng.choices(options, weights)[0]

    # -- lives -------------------------------------------------------------------------

    def _lognormal(self, median_minutes: float, sigma: float) -> timedelta:
        return timedelta(
            minutes=median_minutes * math.exp(sigma * self._rng.gauss(0, 1))
        )

    def _pick(self, ids: list[int]) -> int:
        return ids[self._rng.randrange(len(ids))]

    def _contact(self, source: Source) -> tuple[str | None, str | None]:
        if source not in (Source.HOTLINE, Source.CITIZEN):
            return None, None
        surname = self._rng.choice(self._config["surnames"])
        phone = f"1{self._rng.choice('3589')}{self._rng.randrange(10**9):09d}"
        return f"{surname}{self._rng.choice(['先生', '女士'])}", phone

    def lives(
        self, arrivals: list[Arrival], numbers: list[str]
    ) -> Iterator[tuple[dict[str, Any], list[tuple[datetime, int, str, int, str]]]]:
        """Per arrival: the final case row and its events
        (at, actor, kind, case index, payload JSON)."""
        for index, (arrival, number) in enumerate(zip(arrivals, numbers, strict=True)):
            yield self._live(index, arrival, number)

    def _reporter(self, arrival: Arrival) -> int:
        if arrival.source is Source.PATROL:
            return self._cast.grid_worker_of_street[arrival.grid.street_id]
        if arrival.source is Source.VIDEO:
            return self._pick(self._cast.video)
        return self._pick(self._cast.operators)

    def _live(
        self, index: int, arrival: Arrival, number: str
    ) -> tuple[dict[str, Any], list[tuple[datetime, int, str, int, str]]]:
        category = arrival.category
        name, phone = self._contact(arrival.source)
        road = self._rng.choice(self._config["roads"])
        address = f"{road}{self._rng.randrange(1, 1200)}号附近"
        new = NewCase(
            category_code=category.info.code,
            source=arrival.source,
            description=f"{address}：{category.name}，{category.criteria}",
            lon=arrival.lon,
            lat=arrival.lat,
            address=address,
            reporter_name=name,
            reporter_phone=phone,
        )
        reporter = self._reporter(arrival)
        row = case_row(new, arrival.grid, category.info, number, reporter, arrival.at)
        life = _Life(index, number, self._now, row)
        report = report_payload(row, new, arrival.grid)
        life.events.append(
            (
                arrival.at,
                reporter,
                Move.REPORT.event_kind,
                index,
                canonical_payload(report),
            )
        )
        with contextlib.suppress(_AfterNowError):
            self._walk(life, arrival, reporter)
        return row, life.events

    def _walk(self, life: _Life, arrival: Arrival, reporter: int) -> None:
        rng, row, category = self._rng, life.row, arrival.category
        calendar = self._calendar
        operator = (Role.OPERATOR, self._pick(self._cast.operators))
        supervisor = (Role.SUPERVISOR, self._pick(self._cast.supervisors))
        t = life.at(arrival.at + self._lognormal(10, 0.7))
        if rng.random() < VOID_SHARE:
            reason = rng.choice(self._config["void_reasons"])
            life.move(Move.VOID, t, operator, effects.void(t, reason))
            return
        if (
            category.self_handle
            and arrival.source is Source.PATROL
            and rng.random() < SELF_HANDLE_SHARE
        ):
            minor = (category.self_handle, category.name)
            handled = effects.self_handle(
                row, t, calendar, reporter, "已现场处置", minor
            )
            life.move(Move.SELF_HANDLE, t, (Role.GRID_WORKER, reporter), handled)
            return
        life.move(Move.REGISTER, t, operator, effects.register(t))
        if rng.random() < ESCALATE_SHARE:
            t = life.at(t + self._lognormal(5, 0.5))
            reason = "涉及多部门，提级处置"
            life.move(Move.ESCALATE, t, supervisor, effects.escalate(row, reason))
        department = (
            category.department_id or self._street_office[arrival.grid.street_id]
        )
        t += self._lognormal(8, 0.8)
        if rng.random() < MISDISPATCH_SHARE:
            wrong = self._pick([d for d in self._line_departments if d != department])
            t = self._dispatch(life, t, operator, category, wrong, suggested=False)
            t = life.at(t + self._lognormal(30, 0.8))
            reason = rng.choice(self._config["return_reasons"])
            life.move(
                Move.RETURN,
                t,
                (Role.HANDLER, self._cast.handler_of_department[wrong]),
                effects.return_case(row, reason, self._department_codes[wrong]),
            )
            t += self._lognormal(15, 0.6)
        t = self._dispatch(life, t, operator, category, department, suggested=True)
        self._handle(life, arrival, t, department, operator, supervisor)

    def _dispatch(
        self,
        life: _Life,
        t: datetime,
        operator: tuple[Role, int],
        category: SimCategory,
        department: int,
        suggested: bool,
    ) -> datetime:
        t = life.at(t)
        if category.family == Family.COMPONENT.value:
            rule = "owner"
        else:
            rule = "category" if category.department_id is not None else "territory"
        effect = effects.dispatch(
            t,
            self._calendar,
            category.limits,
            (department, self._department_codes[department]),
            suggested=suggested,
            rule=rule,
        )
        life.move(Move.DISPATCH, t, operator, effect)
        return t

    def _handle(
        self,
        life: _Life,
        arrival: Arrival,
        t: datetime,
        department: int,
        operator: tuple[Role, int],
        supervisor: tuple[Role, int],
    ) -> None:
        rng, row, category = self._rng, life.row, arrival.category
        calendar = self._calendar
        handler = (Role.HANDLER, self._cast.handler_of_department[department])
        limit, unit = category.handling
        allowance = limit * (calendar.day_minutes if unit == "day" else 60)
        for attempt in range(2):
            t = life.at(t + self._lognormal(20, 0.8))
            life.move(Move.ACCEPT, t, handler, effects.accept(t))
            if attempt == 0 and rng.random() < SUSPEND_SHARE:
                t = self._suspend_a_while(life, t, supervisor)
            scale = 1.0 if attempt == 0 else 0.5
            duration = self._lognormal(
                HANDLING_MEDIAN_OF_ALLOWANCE * allowance * scale, HANDLING_SIGMA
            )
            if rng.random() < POSTPONE_SHARE:
                self._postpone(life, t + duration * 0.4, handler, supervisor)
                duration *= 1.5
            # departments work on the case's clock: a working-hours case
            # dispatched at 17:50 is handled the next working morning
            handled = calendar.shift(
                t, duration.total_seconds() / 60, row["deadline_natural"]
            )
            if handled > row["deadline_at"] and rng.random() < 0.5:
                urge_at = life.at(row["deadline_at"] + timedelta(minutes=30))
                if urge_at < handled:
                    urged = effects.urge(row, "已超期，请尽快处置")
                    life.move(Move.URGE, urge_at, supervisor, urged)
            if rng.random() < COMMENT_SHARE:
                remark = effects.comment("已电话联系处置部门跟进")
                life.move(Move.COMMENT, life.at(t + duration * 0.5), operator, remark)
            handled = life.at(handled)
            reported = effects.feedback(
                row, handled, calendar, category.limits, handler[1], "已按要求处置完毕"
            )
            life.move(Move.FEEDBACK, handled, handler, reported)
            t = life.at(handled + self._lognormal(90, 0.8))
            verifier = (
                (
                    Role.GRID_WORKER,
                    self._cast.grid_worker_of_street[arrival.grid.street_id],
                )
                if rng.random() < 0.7
                else operator
            )
            if attempt == 0 and rng.random() < REWORK_SHARE:
                reason = rng.choice(self._config["verify_fail_reasons"])
                failed = effects.verify_fail(row, t, calendar, category.limits, reason)
                life.move(Move.VERIFY_FAIL, t, verifier, failed)
                continue
            life.move(Move.VERIFY_OK, t, verifier, effects.verify_ok(row, t, calendar))
            return

    def _suspend_a_while(
        self, life: _Life, t: datetime, supervisor: tuple[Role, int]
    ) -> datetime:
        """Into the ledger for about a week, then out again: the reopening time."""
        t = life.at(t + self._lognormal(60, 0.5))
        reason = self._rng.choice(self._config["suspend_reasons"])
        life.move(Move.SUSPEND, t, supervisor, effects.suspend(life.row, t, reason))
        reopen_at = life.at(t + self._lognormal(7 * 24 * 60, 0.6))
        reopened = effects.reopen(life.row, reopen_at, self._calendar)
        life.move(Move.REOPEN, reopen_at, supervisor, reopened)
        return reopen_at

    def _postpone(
        self,
        life: _Life,
        asked_at: datetime,
        handler: tuple[Role, int],
        supervisor: tuple[Role, int],
    ) -> None:
        """The department asks for more time; the supervisor mostly grants it."""
        rng, row = self._rng, life.row
        hours = rng.choice([8, 16, 24, 40])
        asked = life.at(asked_at)
        request = effects.request_postponement(row, hours, "需协调多方，申请延期")
        life.move(Move.POSTPONE_REQUEST, asked, handler, request)
        decided = life.at(asked + self._lognormal(60, 0.6))
        if rng.random() < 0.8:
            granted = effects.approve_postponement(row, self._calendar)
            life.move(Move.POSTPONE_APPROVE, decided, supervisor, granted)
        else:
            denied = effects.deny_postponement(row, "理由不充分")
            life.move(Move.POSTPONE_DENY, decided, supervisor, denied)
