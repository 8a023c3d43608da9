"""Drill scenarios: the shipped ones pass review; a broken scenario file is
refused whole, every fault named with its line and path, nothing loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from commandcenter.cli import main
from commandcenter.services.drills.api import (
    check_scenario,
    offset_seconds,
    shipped_district,
    shipped_scenarios,
)
from commandcenter.services.kernel.validated_file import InvalidFileError

if TYPE_CHECKING:
    from pathlib import Path

GOOD = """\
id: TEST-DRILL
title: 测试演练
plan: GAS-LEAK
level: IV
description: 测试
duration_minutes: 60
objectives:
  - {id: O1, text: 及时启动, indicator: 启动用时}
injects:
  - id: I01
    title: 燃气泄漏报警
    at: "00:00"
    channel: new_case
    case:
      category: E0403
      place: {lon: 121.4390, lat: 31.1850, address: 天钥桥路}
      text: 有煤气味
    expect:
      - {id: E01, who: supervisor, action: incident.activate,
         within_minutes: 10, objective: O1}
  - id: I02
    title: 燃气公司出发
    after: {inject: I01, minutes: 5}
    channel: message
    to: 燃气公司
    text: 已出发
    expect:
      - {id: E02, who: RQ, department: RQ, action: task.en_route,
         within_minutes: 10, objective: O1}
  - id: I03
    title: 追问
    when_missed: E02
    channel: order
    text: 请督办
"""


def _check(tmp_path: Path, text: str) -> tuple[str, ...]:
    path = tmp_path / "drill.yaml"
    path.write_text(text, encoding="utf-8")
    return check_scenario(path, shipped_district()).findings


def test_the_shipped_scenarios_pass_review_with_fifteen_injects_or_more() -> None:
    paths = shipped_scenarios()
    assert {path.stem for path in paths} >= {
        "typhoon-night",
        "wet-market-gas-leak",
        "metro-crowd",
    }
    district = shipped_district()
    for path in paths:
        checked = check_scenario(path, district)
        assert checked.usable, (path.name, checked.findings)
        scenario = checked.scenario
        assert len(scenario.injects) >= 15
        channels = {inject.channel for inject in scenario.injects}
        assert len(channels) >= 4  # cases, alarms, messages, orders …
        assert any(inject.when_missed for inject in scenario.injects)
        assert any(inject.manual for inject in scenario.injects)


def test_a_good_scenario_passes_and_offsets_read_as_drill_time(tmp_path: Path) -> None:
    assert _check(tmp_path, GOOD) == ()
    assert offset_seconds("12:30") == 750
    assert offset_seconds("1:05:00") == 3900


@pytest.mark.parametrize(
    ("change", "fault"),
    [
        (("injects:", "injects: ["), "not readable YAML"),
        (
            ("    title: 燃气泄漏报警", "    titel: 燃气泄漏报警"),
            "line 11: injects[0].titel: Extra inputs",
        ),
        (
            ('    at: "00:00"', '    at: "0:0:0:0"'),
            "line 12: injects[0].at: String should match",
        ),
        (
            ('    at: "00:00"\n', ""),
            "line 10: injects[0]: give exactly one of at, after, manual",
        ),
        (
            ("    channel: new_case", "    channel: fax"),
            "injects[0].channel: Input should be",
        ),
        (("    case:\n", "    kase:\n"), "injects[0].kase: Extra inputs"),
        (("    to: 燃气公司\n", ""), "a message inject needs to and text"),
        (
            ("action: incident.activate", "action: incident.explode"),
            "injects[0].expect[0].action: Input should be",
        ),
        (
            (
                "within_minutes: 10, objective: O1}\n  - id: I02",
                "within_minutes: 0, objective: O1}\n  - id: I02",
            ),
            "within_minutes: Input should be greater than 0",
        ),
        (
            ("{inject: I01, minutes: 5}", "{inject: I09, minutes: 5}"),
            "after names no inject I09",
        ),
        (
            ("when_missed: E02", "when_missed: E07"),
            "when_missed names no expectation E07",
        ),
        (
            ("objective: O1}\n  - id: I02", "objective: O2}\n  - id: I02"),
            "tests no objective O2",
        ),
        (("  - id: I02", "  - id: I01"), "inject I01 is given twice"),
        (
            ("lon: 121.4390", "lon: 200"),
            "lon: Input should be less than or equal to 136",
        ),
    ],
    ids=[
        "yaml-syntax",
        "misspelt-key",
        "bad-offset",
        "no-timing",
        "unknown-channel",
        "misspelt-case",
        "message-without-recipient",
        "unknown-action",
        "zero-minutes",
        "after-unknown-inject",
        "contingency-unknown-expectation",
        "unknown-objective",
        "duplicate-inject",
        "place-off-the-globe",
    ],
)
def test_a_broken_scenario_is_refused_with_its_fault_named(
    tmp_path: Path, change: tuple[str, str], fault: str
) -> None:
    old, new = change
    assert old in GOOD
    path = tmp_path / "broken.yaml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InvalidFileError) as refused:
        check_scenario(path, shipped_district())
    assert str(path) in str(refused.value)
    assert fault in str(refused.value), str(refused.value)


def test_an_inject_waiting_on_itself_is_refused(tmp_path: Path) -> None:
    looped = GOOD.replace('    at: "00:00"', "    after: {inject: I02, minutes: 1}")
    path = tmp_path / "loop.yaml"
    path.write_text(looped, encoding="utf-8")
    with pytest.raises(InvalidFileError, match="waits on itself through after"):
        check_scenario(path, shipped_district())


@pytest.mark.parametrize(
    ("change", "finding"),
    [
        (("plan: GAS-LEAK", "plan: NO-PLAN"), "plan: no plan NO-PLAN"),
        (("level: IV", "level: I"), "level: plan GAS-LEAK has no level I"),
        (("category: E0403", "category: E9999"), "no category E9999"),
        (
            ("lon: 121.4390, lat: 31.1850", "lon: 121.60, lat: 31.30"),
            "outside the district",
        ),
        (
            ("who: RQ, department: RQ", "who: NOPE, department: RQ"),
            "no department NOPE",
        ),
        (("who: supervisor", "who: janitor"), "no role janitor"),
    ],
)
def test_review_refuses_what_a_controller_would(
    tmp_path: Path, change: tuple[str, str], finding: str
) -> None:
    old, new = change
    assert old in GOOD
    findings = _check(tmp_path, GOOD.replace(old, new, 1))
    assert any(finding in f for f in findings), findings


def test_the_command_checks_and_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["drills", "check"]) == 0
    assert capsys.readouterr().out.count("ok ") >= 3
    broken = tmp_path / "broken.yaml"
    broken.write_text(GOOD.replace("plan: GAS-LEAK", "plan: NO-PLAN"), encoding="utf-8")
    assert main(["drills", "check", str(broken)]) == 1
    assert "no plan NO-PLAN" in capsys.readouterr().out
    assert main(["drills", "list"]) == 0
    assert "TYPHOON-NIGHT" in capsys.readouterr().out
