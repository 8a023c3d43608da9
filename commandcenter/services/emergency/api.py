"""Emergency response (应急处置): the plans, so far.

What other features and layers may use of this feature: everything outside
`services/emergency/` imports from here, never from the modules behind it (an
import-linter contract holds this)."""

from commandcenter.services.emergency.plans import (
    STREET,
    CheckedPlan,
    Level,
    PlanFile,
    Resource,
    check_plan,
    load_resources,
    shipped_plans,
)

__all__ = [
    "STREET",
    "CheckedPlan",
    "Level",
    "PlanFile",
    "Resource",
    "check_plan",
    "load_resources",
    "shipped_plans",
]
