"""Drills (应急演练): scenario files, the controller's clock, the inject schedule.

What other features and layers may use of this feature: everything outside
`services/drills/` imports from here, never from the modules behind it (an
import-linter contract holds this)."""

from commandcenter.services.drills.clock import MAX_SPEED, DrillClock
from commandcenter.services.drills.scenario import (
    ACTIONS,
    Channel,
    CheckedScenario,
    District,
    ScenarioFile,
    check_scenario,
    offset_seconds,
    shipped_district,
    shipped_scenarios,
)
from commandcenter.services.drills.schedule import InjectSchedule, Progress

__all__ = [
    "ACTIONS",
    "MAX_SPEED",
    "Channel",
    "CheckedScenario",
    "District",
    "DrillClock",
    "InjectSchedule",
    "Progress",
    "ScenarioFile",
    "check_scenario",
    "offset_seconds",
    "shipped_district",
    "shipped_scenarios",
]
