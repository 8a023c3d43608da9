"""Emergency response (应急处置): plans, incidents and their tasks.

What other features and layers may use of this feature: everything outside
`services/emergency/` imports from here, never from the modules behind it (an
import-linter contract holds this)."""

from commandcenter.services.emergency.events import PAYLOADS as EVENT_PAYLOADS
from commandcenter.services.emergency.levels import ORDER, LevelDiff, PlannedTask
from commandcenter.services.emergency.plan_store import (
    StoredPlan,
    import_plan,
    import_shipped,
    insert_plan,
    stored_plan_levels,
)
from commandcenter.services.emergency.plans import (
    STREET,
    CheckedPlan,
    Level,
    PlanFile,
    Resource,
    ResourceKind,
    check_plan,
    load_resources,
    shipped_plans,
)
from commandcenter.services.emergency.queries import (
    IncidentDetail,
    IncidentQueries,
    LinkedCamera,
    LinkedCase,
    TaskRow,
    TimelineEntry,
)
from commandcenter.services.emergency.replay import Replay, ReplayFrame
from commandcenter.services.emergency.report import (
    DepartmentTimes,
    IncidentReport,
    TaskTimes,
    build_incident_report,
)
from commandcenter.services.emergency.report import write_xlsx as write_incident_xlsx
from commandcenter.services.emergency.service import (
    Activation,
    IncidentService,
    TaskStep,
)
from commandcenter.services.emergency.workflow import (
    ACTIVATE_ROLES,
    INCIDENT_TRANSITIONS,
    TASK_TRANSITIONS,
    IncidentMove,
    TaskMove,
    incident_moves,
    task_moves,
)

__all__ = [
    "ACTIVATE_ROLES",
    "EVENT_PAYLOADS",
    "INCIDENT_TRANSITIONS",
    "ORDER",
    "STREET",
    "TASK_TRANSITIONS",
    "Activation",
    "CheckedPlan",
    "DepartmentTimes",
    "IncidentDetail",
    "IncidentMove",
    "IncidentQueries",
    "IncidentReport",
    "IncidentService",
    "Level",
    "LevelDiff",
    "LinkedCamera",
    "LinkedCase",
    "PlanFile",
    "PlannedTask",
    "Replay",
    "ReplayFrame",
    "Resource",
    "ResourceKind",
    "StoredPlan",
    "TaskMove",
    "TaskRow",
    "TaskStep",
    "TaskTimes",
    "TimelineEntry",
    "build_incident_report",
    "check_plan",
    "import_plan",
    "import_shipped",
    "incident_moves",
    "insert_plan",
    "load_resources",
    "shipped_plans",
    "stored_plan_levels",
    "task_moves",
    "write_incident_xlsx",
]
