"""Emergency plans (应急预案) as files people edit and review (PRODUCT §6).

One YAML file per plan, checked whole against `PlanFile` (every fault named by
line and path, nothing loaded on a fault), then reviewed as an approver would:
each level's tasks name a known department and a target time, the resources
are on the district's list, and an approved plan is not past its review date
(plans are reviewed and drilled at least every three years). The levels follow
the national scale, Ⅳ 一般 first, raised as needed.

The shipped plans and the resources they use (shelters, micro fire stations,
pump and sandbag depots, placed on the map) are in `resources/plans/`.
"""

from __future__ import annotations

import datetime as dt  # noqa: TC003 (pydantic reads the annotations at run time)
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal

from commandcenter.config import RESOURCES
from commandcenter.services.kernel.validated_file import (
    STRICT,
    BaseModel,
    Field,
    load_yaml,
    model_validator,
)

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

STREET = "STREET"
"""A task's department meaning the street office of the incident's area."""
PLANS = RESOURCES / "plans"
RESOURCES_FILE = PLANS / "resources.yaml"
REVIEW_YEARS = 3
Code = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9-]{1,31}$")]
Text = Annotated[str, Field(min_length=1, max_length=200)]
Minutes = Annotated[int, Field(gt=0, le=7 * 24 * 60)]


class Level(StrEnum):
    """The national response levels, the lowest first (respond Ⅳ, raise as needed)."""

    IV = "IV"  # Ⅳ 一般
    III = "III"  # Ⅲ 较大
    II = "II"  # Ⅱ 重大
    I = "I"  # Ⅰ 特别重大  # noqa: E741 (the level's name)


class Notification(BaseModel):
    """Who is told within how many minutes of activation."""

    model_config = STRICT

    role: Text
    within_minutes: Minutes


class TaskTemplate(BaseModel):
    """A task the plan gives a department at a level (任务清单, 责任清单, 时限清单)."""

    model_config = STRICT

    department: Code
    task: Text
    offset_minutes: Annotated[int, Field(ge=0, le=7 * 24 * 60)] = 0
    target_minutes: Minutes
    evidence: Literal["none", "photo", "count", "check"] = "none"
    escalate_after_minutes: Minutes | None = None


class LevelPlan(BaseModel):
    """What a level's activation means: its triggers, who is told, the tasks."""

    model_config = STRICT

    triggers: Annotated[list[Text], Field(min_length=1)]
    notify: list[Notification] = Field(default_factory=list)
    tasks: Annotated[list[TaskTemplate], Field(min_length=1)]


class PlanFile(BaseModel):
    """An emergency plan as the file says it."""

    model_config = STRICT

    code: Code
    title: Text
    hazard: Text
    version: Annotated[str, Field(pattern=r"^\d+(\.\d+)*$")]
    status: Literal["draft", "approved", "retired"]
    approved_on: dt.date | None = None
    review_by: dt.date
    categories: list[Annotated[str, Field(pattern=r"^[CE]\d{4}$")]] = Field(
        default_factory=list
    )
    resources: list[Code] = Field(default_factory=list)
    levels: dict[Annotated[Level, Field(strict=False)], LevelPlan]

    @model_validator(mode="after")
    def _levels_from_iv(self) -> PlanFile:
        problems = []
        if Level.IV not in self.levels:
            problems.append("levels: level IV is required (respond IV first)")
        if self.status == "approved" and self.approved_on is None:
            problems.append("approved_on: an approved plan says when it was approved")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class ResourceKind(StrEnum):
    SHELTER = "shelter"  # 避难场所
    MICRO_FIRE_STATION = "micro_fire_station"  # 微型消防站
    PUMP_DEPOT = "pump_depot"  # 排水泵站、移动泵车
    SANDBAG_DEPOT = "sandbag_depot"  # 防汛物资仓库
    MEDICAL = "medical"  # 医疗点


class Resource(BaseModel):
    """A place on the map a plan can call on."""

    model_config = STRICT

    code: Code
    name: Text
    kind: Annotated[ResourceKind, Field(strict=False)]  # named in the file
    lon: Annotated[float, Field(ge=73, le=136)]
    lat: Annotated[float, Field(ge=3, le=54)]
    capacity: Annotated[int, Field(gt=0)] | None = None


class ResourceFile(BaseModel):
    model_config = STRICT

    resources: Annotated[list[Resource], Field(min_length=1)]


@dataclass(frozen=True, slots=True)
class CheckedPlan:
    """A plan that parsed, with what review found (nothing for a usable plan)."""

    path: Path
    plan: PlanFile
    findings: tuple[str, ...]

    @property
    def usable(self) -> bool:
        return not self.findings


def shipped_plans() -> list[Path]:
    return sorted(p for p in PLANS.glob("*.yaml") if p != RESOURCES_FILE)


def load_resources(path: Path = RESOURCES_FILE) -> dict[str, Resource]:
    resources = load_yaml(ResourceFile, path).resources
    return {resource.code: resource for resource in resources}


def check_plan(
    path: Path,
    departments: Iterable[str],
    resources: Iterable[str],
    today: dt.date,
) -> CheckedPlan:
    """Parse a plan file (InvalidFileError on a fault) and review it."""
    plan = load_yaml(PlanFile, path)
    return CheckedPlan(path, plan, tuple(review(plan, departments, resources, today)))


def review(
    plan: PlanFile,
    departments: Iterable[str],
    resources: Iterable[str],
    today: dt.date,
) -> list[str]:
    """What an approver would refuse in a well-formed plan."""
    known_departments = {*departments, STREET}
    known_resources = set(resources)
    findings = []
    for level, level_plan in plan.levels.items():
        for index, task in enumerate(level_plan.tasks):
            if task.department not in known_departments:
                findings.append(
                    f"levels.{level}.tasks[{index}].department: "
                    f"no department {task.department}"
                )
            if (
                task.escalate_after_minutes is not None
                and task.escalate_after_minutes <= task.target_minutes
            ):
                findings.append(
                    f"levels.{level}.tasks[{index}].escalate_after_minutes: "
                    "escalate after the target time, not before it"
                )
    for index, code in enumerate(plan.resources):
        if code not in known_resources:
            findings.append(f"resources[{index}]: no resource {code}")
    if plan.status == "approved" and plan.review_by < today:
        findings.append(f"review_by: the review was due on {plan.review_by}")
    if plan.approved_on is not None and plan.review_by > _years_after(
        plan.approved_on, REVIEW_YEARS
    ):
        findings.append(
            f"review_by: a plan is reviewed within {REVIEW_YEARS} years of approval"
        )
    return findings


def _years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (28 February for a 29th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year that has none
        return day.replace(year=day.year + years, day=28)
