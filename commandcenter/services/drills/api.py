"""Drills (应急演练): scenario files, the controller's clock and runner, the
drill's log and its after-action report.

What other features and layers may use of this feature: everything outside
`services/drills/` imports from here, never from the modules behind it (an
import-linter contract holds this)."""

from commandcenter.services.drills.after_action import (
    ActionRow,
    AfterActionReport,
    build_after_action,
    drill_clock,
)
from commandcenter.services.drills.after_action import (
    write_xlsx as write_after_action_xlsx,
)
from commandcenter.services.drills.clock import MAX_SPEED, DrillClock
from commandcenter.services.drills.drill_log import (
    DrillLog,
    LoggedEvent,
    Observation,
    read_drill_log,
)
from commandcenter.services.drills.events import PAYLOADS as EVENT_PAYLOADS
from commandcenter.services.drills.queries import (
    DrillQueries,
    DrillStatus,
    InjectMessage,
)
from commandcenter.services.drills.runner import DrillRunner
from commandcenter.services.drills.scenario import (
    ACTIONS,
    Channel,
    CheckedScenario,
    District,
    Inject,
    ScenarioFile,
    check_scenario,
    offset_seconds,
    shipped_district,
    shipped_scenarios,
)
from commandcenter.services.drills.schedule import InjectSchedule, Progress
from commandcenter.services.drills.service import (
    CONTROLLER_ROLES,
    ClockState,
    DrillService,
    Mode,
    Rating,
    scenario_of,
)

__all__ = [
    "ACTIONS",
    "CONTROLLER_ROLES",
    "EVENT_PAYLOADS",
    "MAX_SPEED",
    "ActionRow",
    "AfterActionReport",
    "Channel",
    "CheckedScenario",
    "ClockState",
    "District",
    "DrillClock",
    "DrillLog",
    "DrillQueries",
    "DrillRunner",
    "DrillService",
    "DrillStatus",
    "Inject",
    "InjectMessage",
    "InjectSchedule",
    "LoggedEvent",
    "Mode",
    "Observation",
    "Progress",
    "Rating",
    "ScenarioFile",
    "build_after_action",
    "check_scenario",
    "drill_clock",
    "offset_seconds",
    "read_drill_log",
    "scenario_of",
    "shipped_district",
    "shipped_scenarios",
    "write_after_action_xlsx",
]
