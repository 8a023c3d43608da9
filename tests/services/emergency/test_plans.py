"""Emergency plans: the shipped ones pass review; a broken plan file is refused
whole, every fault named with its line and path, nothing loaded."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import pytest
import shapely

from commandcenter.config import RESOURCES
from commandcenter.services.emergency.api import (
    STREET,
    Level,
    check_plan,
    load_resources,
    shipped_plans,
)
from commandcenter.services.kernel.catalog import reference_department_codes
from commandcenter.services.kernel.validated_file import InvalidFileError

if TYPE_CHECKING:
    from pathlib import Path

TODAY = dt.date(2026, 12, 1)

GOOD = """\
code: TEST-PLAN
title: 测试预案
hazard: 测试
version: "1.0"
status: approved
approved_on: 2026-01-10
review_by: 2028-01-10
resources: [SHELTER-STADIUM]
levels:
  IV:
    triggers: [测试触发条件]
    notify:
      - {role: 区应急管理局, within_minutes: 30}
    tasks:
      - {department: RQ, task: 到场处置, target_minutes: 30, escalate_after_minutes: 45}
      - {department: STREET, task: 疏散群众, target_minutes: 20}
"""


def _check(tmp_path: Path, text: str) -> tuple[str, ...]:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    checked = check_plan(path, reference_department_codes(), load_resources(), TODAY)
    return checked.findings


def test_the_shipped_plans_pass_review() -> None:
    plans = shipped_plans()
    assert {path.stem for path in plans} >= {
        "flood-typhoon",
        "fire",
        "gas-leak",
        "road-collapse",
        "crowd-crush",
        "epidemic",
    }
    resources = load_resources()
    for path in plans:
        checked = check_plan(path, reference_department_codes(), resources, TODAY)
        assert checked.usable, (path.name, checked.findings)
        assert Level.IV in checked.plan.levels
    fire = check_plan(
        RESOURCES / "plans" / "fire.yaml",
        reference_department_codes(),
        resources,
        TODAY,
    ).plan
    first = fire.levels[Level.IV].tasks[0]  # the micro fire station, in a minute
    assert (first.department, first.target_minutes) == (STREET, 1)


def test_the_resources_lie_inside_the_district() -> None:
    outline = json.loads(
        (RESOURCES / "geo" / "xuhui-district-R1278188.geojson").read_text("utf-8")
    )
    district = shapely.geometry.shape(outline["geometry"])
    for resource in load_resources().values():
        assert district.contains(shapely.Point(resource.lon, resource.lat)), resource


def test_a_good_plan_passes(tmp_path: Path) -> None:
    assert _check(tmp_path, GOOD) == ()


@pytest.mark.parametrize(
    ("change", "fault"),
    [
        (("levels:", "levels: ["), "line 11: not readable YAML"),
        (
            ("{department: RQ,", "{departmnet: RQ,"),
            "line 15: levels.IV.tasks[0].departmnet: Extra inputs",
        ),
        (
            ("{department: RQ, ", "{"),
            "line 15: levels.IV.tasks[0].department: Field required",
        ),
        (
            (", target_minutes: 20}", "}"),
            "line 16: levels.IV.tasks[1].target_minutes: Field required",
        ),
        (("  IV:", "  III:"), "level IV is required"),
        (("  IV:", "  V:"), "levels.V.[key]: Input should be 'IV', 'III', 'II' or 'I'"),
        (
            ("target_minutes: 20", "target_minutes: 0"),
            "levels.IV.tasks[1].target_minutes: Input should be greater than 0",
        ),
        (
            ("target_minutes: 20", 'target_minutes: "20"'),
            "levels.IV.tasks[1].target_minutes: Input should be a valid integer",
        ),
        (
            ("status: approved", "status: active"),
            "line 5: status: Input should be 'draft', 'approved' or 'retired'",
        ),
        (
            ("approved_on: 2026-01-10\n", ""),
            "an approved plan says when it was approved",
        ),
        (
            ('version: "1.0"', "version: v1"),
            "line 4: version: String should match pattern",
        ),
    ],
    ids=[
        "yaml-syntax",
        "misspelt-key",
        "task-without-department",
        "task-without-target",
        "no-level-iv",
        "unknown-level",
        "zero-target",
        "target-as-text",
        "unknown-status",
        "approved-without-date",
        "bad-version",
    ],
)
def test_a_broken_plan_file_is_refused_with_its_fault_named(
    tmp_path: Path, change: tuple[str, str], fault: str
) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(InvalidFileError) as refused:
        _check(tmp_path, GOOD.replace(old, new, 1))
    assert str(refused.value).startswith(str(tmp_path / "plan.yaml"))
    assert fault in str(refused.value)


@pytest.mark.parametrize(
    ("change", "finding"),
    [
        (
            ("department: RQ", "department: XYZ"),
            "levels.IV.tasks[0].department: no department XYZ",
        ),
        (
            ("[SHELTER-STADIUM]", "[SHELTER-MOON]"),
            "resources[0]: no resource SHELTER-MOON",
        ),
        (
            ("review_by: 2028-01-10", "review_by: 2026-06-30"),
            "review_by: the review was due on 2026-06-30",
        ),
        (
            ("review_by: 2028-01-10", "review_by: 2030-01-10"),
            "reviewed within 3 years of approval",
        ),
        (
            ("escalate_after_minutes: 45", "escalate_after_minutes: 10"),
            "escalate after the target time",
        ),
    ],
    ids=[
        "unknown-department",
        "unknown-resource",
        "review-overdue",
        "review-too-late",
        "escalates-too-soon",
    ],
)
def test_review_refuses_what_an_approver_would(
    tmp_path: Path, change: tuple[str, str], finding: str
) -> None:
    old, new = change
    findings = _check(tmp_path, GOOD.replace(old, new, 1))
    assert any(finding in f for f in findings), findings
