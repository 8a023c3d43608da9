"""`commandcenter drills …`: the drill scenarios (演练脚本) people edit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from commandcenter.cli._files import each_file

if TYPE_CHECKING:
    import argparse

    from commandcenter.cli._parsing import Subcommands


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    drills = sub.add_parser("drills", help="emergency drills (应急演练)")
    drills_sub = drills.add_subparsers(
        dest="drills_command", required=True, metavar="ACTION"
    )
    check = drills_sub.add_parser(
        "check",
        parents=[common],
        help="check scenario files whole, then against the district (the shipped "
        "ones when none is named)",
    )
    check.add_argument("files", nargs="*", metavar="FILE")
    check.set_defaults(handler=_cmd_check)
    listing = drills_sub.add_parser(
        "list", parents=[common], help="the shipped scenarios: plan, injects, length"
    )
    listing.set_defaults(handler=_cmd_list)


def _cmd_check(args: argparse.Namespace) -> int:
    from commandcenter.services.drills.api import (
        check_scenario,
        shipped_district,
        shipped_scenarios,
    )
    from commandcenter.services.kernel.errors import ValidationError

    paths = [Path(f) for f in args.files] or shipped_scenarios()
    district = shipped_district()

    def check(path: Path) -> str:
        checked = check_scenario(path, district)
        if not checked.usable:
            raise ValidationError(f"{path}: {'; '.join(checked.findings)}")
        scenario = checked.scenario
        return f"ok {path}: {scenario.id} ({len(scenario.injects)} injects)"

    return each_file(paths, check, "scenarios")


def _cmd_list(args: argparse.Namespace) -> int:
    from commandcenter.services.drills.api import ScenarioFile, shipped_scenarios
    from commandcenter.services.kernel.validated_file import load_yaml

    for path in shipped_scenarios():
        scenario = load_yaml(ScenarioFile, path)
        expected = sum(len(inject.expect) for inject in scenario.injects)
        print(
            f"{scenario.id:<16} {scenario.plan:<14} from {scenario.level:<3} "
            f"{len(scenario.injects):>3} injects {expected:>3} expected actions "
            f"{scenario.duration_minutes:>4} min  {scenario.title}"
        )
    return 0
