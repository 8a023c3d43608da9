"""Drill scenarios (演练脚本) as files people edit and review (PRODUCT §6, HSEEP's
master scenario events list).

One YAML file per scenario, checked whole against `ScenarioFile` (every fault
named by line and path, nothing loaded on a fault), then reviewed against the
district: the plan and its starting level exist, the departments, categories
and cameras named exist, the places lie in the district.

A scenario is a list of injects (情景注入). Each is sent `at` an offset from the
start (`mm:ss` or `h:mm:ss` of drill time), `after` another inject plus a delay,
on the controller's word (`manual`), or `when_missed` an expected action (a
contingency inject). Each says through which channel it arrives and what the
hall is expected to do about it: who (a role, or a department's code), what (a
move on a case, the incident or a task), within how many minutes, with what
weight, testing which objective. Notes are for the controller only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal, get_args

import shapely

from commandcenter.config import RESOURCES
from commandcenter.services.emergency.api import PlanFile, shipped_plans
from commandcenter.services.kernel.catalog import (
    reference_category_codes,
    reference_department_codes,
)
from commandcenter.services.kernel.validated_file import (
    STRICT,
    BaseModel,
    Field,
    load_yaml,
    model_validator,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

DRILLS = RESOURCES / "drills"
Code = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9-]{1,31}$")]
Ident = Annotated[str, Field(pattern=r"^[A-Z][0-9]{1,3}[A-Z]?$")]
Text = Annotated[str, Field(min_length=1, max_length=300)]
Minutes = Annotated[int, Field(gt=0, le=24 * 60)]
Offset = Annotated[str, Field(pattern=r"^(\d{1,2}:)?[0-5]?\d:[0-5]\d$")]
ROLES = ("operator", "supervisor", "video_supervisor", "grid_worker", "handler")
"""Who may be expected to act: a role, or else a department's code."""


class Channel(StrEnum):
    """How an inject reaches the hall."""

    NEW_CASE = "new_case"  # 新案件（热线、网格员、群众）
    CAMERA_ALARM = "camera_alarm"  # 视频告警
    SENSOR_ALARM = "sensor_alarm"  # 物联感知告警
    MESSAGE = "message"  # 给某角色的消息（电话、短信）
    ORDER = "order"  # 上级指令
    LEVEL_REQUEST = "level_request"  # 要求调整响应级别


Action = Literal[
    "case.register",
    "case.dispatch",
    "case.self_handle",
    "incident.activate",
    "incident.log",
    "incident.link",
    "incident.raise",
    "incident.lower",
    "incident.escalate",
    "incident.stand_down",
    "task.acknowledge",
    "task.en_route",
    "task.on_scene",
    "task.done",
]
ACTIONS: tuple[str, ...] = get_args(Action)
"""What an expected action may be: the event kinds the after-action report
matches against the log."""


class Objective(BaseModel):
    """What the drill tests (演练目标), and by which indicator (考核指标)."""

    model_config = STRICT

    id: Ident
    text: Text
    indicator: Text


class Place(BaseModel):
    model_config = STRICT

    lon: Annotated[float, Field(ge=73, le=136)]
    lat: Annotated[float, Field(ge=3, le=54)]
    address: Text


class NewCase(BaseModel):
    """A case the inject reports, as the hotline or a grid worker would."""

    model_config = STRICT

    category: Annotated[str, Field(pattern=r"^[CE]\d{4}$")]
    place: Place
    text: Text
    source: Literal["hotline", "patrol", "citizen", "video", "sensor"] = "hotline"
    photo: bool = False


class Expectation(BaseModel):
    """What the hall is expected to do about an inject (预期行动)."""

    model_config = STRICT

    id: Ident
    who: Annotated[str, Field(pattern=r"^([a-z_]+|[A-Z][A-Z0-9]{1,15})$")]
    action: Action
    within_minutes: Minutes
    weight: Annotated[int, Field(ge=1, le=10)] = 1
    objective: Ident
    department: Code | None = None
    """For a task action: whose task (the department the plan gives it to)."""


class After(BaseModel):
    model_config = STRICT

    inject: Ident
    minutes: Annotated[int, Field(ge=0, le=24 * 60)]


class Inject(BaseModel):
    """One inject: when, through which channel, what is expected."""

    model_config = STRICT

    id: Ident
    title: Text
    at: Offset | None = None
    after: After | None = None
    manual: bool = False
    when_missed: Ident | None = None
    channel: Annotated[Channel, Field(strict=False)]
    case: NewCase | None = None
    camera: Code | None = None
    to: Text | None = None
    text: Text | None = None
    level: Literal["IV", "III", "II", "I"] | None = None
    expect: list[Expectation] = Field(default_factory=list)
    notes: Text | None = None
    """For the controller's eyes only (主持人提示)."""

    @model_validator(mode="after")
    def _one_timing_and_its_channel(self) -> Inject:
        problems = []
        timings = [
            self.at is not None,
            self.after is not None,
            self.manual,
            self.when_missed is not None,
        ]
        if sum(timings) != 1:
            problems.append("give exactly one of at, after, manual or when_missed")
        needs = {
            Channel.NEW_CASE: ("case", self.case),
            Channel.CAMERA_ALARM: ("camera", self.camera),
            Channel.SENSOR_ALARM: ("text", self.text),
            Channel.MESSAGE: ("to and text", self.to and self.text),
            Channel.ORDER: ("text", self.text),
            Channel.LEVEL_REQUEST: ("level", self.level),
        }
        field, given = needs[self.channel]
        if not given:
            problems.append(f"a {self.channel.value} inject needs {field}")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class ScenarioFile(BaseModel):
    """A drill scenario as the file says it."""

    model_config = STRICT

    id: Code
    title: Text
    plan: Code
    level: Literal["IV", "III", "II", "I"] = "IV"
    description: Text
    duration_minutes: Minutes
    objectives: Annotated[list[Objective], Field(min_length=1)]
    injects: Annotated[list[Inject], Field(min_length=1)]

    @model_validator(mode="after")
    def _references(self) -> ScenarioFile:
        """Ids once each; every reference to an inject, an expectation or an
        objective points at one; no inject waits on itself."""
        problems = []
        objectives = [o.id for o in self.objectives]
        injects = [i.id for i in self.injects]
        expectations = [e.id for i in self.injects for e in i.expect]
        for kind, ids in (
            ("objective", objectives),
            ("inject", injects),
            ("expectation", expectations),
        ):
            for twice in sorted({x for x in ids if ids.count(x) > 1}):
                problems.append(f"{kind} {twice} is given twice")
        for index, inject in enumerate(self.injects):
            where = f"injects[{index}] ({inject.id})"
            if inject.after is not None and inject.after.inject not in injects:
                problems.append(f"{where}: after names no inject {inject.after.inject}")
            if (
                inject.when_missed is not None
                and inject.when_missed not in expectations
            ):
                problems.append(
                    f"{where}: when_missed names no expectation {inject.when_missed}"
                )
            for expectation in inject.expect:
                if expectation.objective not in objectives:
                    problems.append(
                        f"{where}: expectation {expectation.id} tests no objective "
                        f"{expectation.objective}"
                    )
        problems += _cycles(self.injects)
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _cycles(injects: list[Inject]) -> list[str]:
    """Injects that wait, through `after`, on themselves."""
    waits = {i.id: i.after.inject for i in injects if i.after is not None}
    found = []
    for start in waits:
        seen = {start}
        current = waits.get(start)
        while current is not None:
            if current in seen:
                found.append(f"inject {start} waits on itself through after")
                break
            seen.add(current)
            current = waits.get(current)
    return found


def offset_seconds(offset: str) -> int:
    """`mm:ss` or `h:mm:ss` as seconds."""
    parts = [int(part) for part in offset.split(":")]
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


@dataclass(frozen=True, slots=True)
class CheckedScenario:
    """A scenario that parsed, with what review found (nothing when usable)."""

    path: Path
    scenario: ScenarioFile
    findings: tuple[str, ...]

    @property
    def usable(self) -> bool:
        return not self.findings


@dataclass(frozen=True, slots=True)
class District:
    """What a scenario is reviewed against: the district's reference data."""

    plans: Mapping[str, tuple[str, ...]]
    """Plan code → the levels it has."""
    departments: frozenset[str]
    categories: frozenset[str]
    cameras: frozenset[str] | None
    """None: not known here (no database given); not checked."""
    inside: object
    """A callable (lon, lat) → bool: the place lies in the district."""


def shipped_scenarios() -> list[Path]:
    return sorted(DRILLS.glob("*.yaml"))


def check_scenario(path: Path, district: District) -> CheckedScenario:
    """Parse a scenario file (InvalidFileError on a fault) and review it."""
    scenario = load_yaml(ScenarioFile, path)
    return CheckedScenario(path, scenario, tuple(review(scenario, district)))


def review(scenario: ScenarioFile, district: District) -> list[str]:
    """What a drill's controller would refuse in a well-formed scenario."""
    findings = []
    levels = district.plans.get(scenario.plan)
    if levels is None:
        findings.append(f"plan: no plan {scenario.plan}")
    elif scenario.level not in levels:
        findings.append(f"level: plan {scenario.plan} has no level {scenario.level}")
    inside = district.inside
    assert callable(inside)
    for index, inject in enumerate(scenario.injects):
        where = f"injects[{index}]"
        if inject.case is not None:
            if inject.case.category not in district.categories:
                findings.append(
                    f"{where}.case.category: no category {inject.case.category}"
                )
            place = inject.case.place
            if not inside(place.lon, place.lat):
                findings.append(f"{where}.case.place: outside the district")
        if (
            inject.camera is not None
            and district.cameras is not None
            and inject.camera not in district.cameras
        ):
            findings.append(f"{where}.camera: no camera {inject.camera}")
        for number, expectation in enumerate(inject.expect):
            who = expectation.who
            for named in (who, expectation.department):
                if (
                    named is not None
                    and not named.islower()
                    and named not in district.departments
                ):
                    findings.append(f"{where}.expect[{number}]: no department {named}")
            if who.islower() and who not in ROLES:
                findings.append(f"{where}.expect[{number}].who: no role {who}")
    return findings


def shipped_district() -> District:
    """The demo district as the shipped files describe it (what `drills check`
    reviews against without a database): the shipped plans, the reference
    departments and categories, the district's outline."""
    plans = {}
    for path in shipped_plans():
        plan = load_yaml(PlanFile, path)
        plans[plan.code] = tuple(level.value for level in plan.levels)
    outline = json.loads(
        (RESOURCES / "geo" / "xuhui-district-R1278188.geojson").read_text("utf-8")
    )
    shape = shapely.geometry.shape(outline["geometry"])
    return District(
        plans=plans,
        departments=frozenset(reference_department_codes()),
        categories=frozenset(reference_category_codes()),
        cameras=None,
        inside=lambda lon, lat: bool(shape.contains(shapely.Point(lon, lat))),
    )
