"""Drills (应急演练): scenario files, so far.

What other features and layers may use of this feature: everything outside
`services/drills/` imports from here, never from the modules behind it (an
import-linter contract holds this)."""

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

__all__ = [
    "ACTIONS",
    "Channel",
    "CheckedScenario",
    "District",
    "ScenarioFile",
    "check_scenario",
    "offset_seconds",
    "shipped_district",
    "shipped_scenarios",
]
