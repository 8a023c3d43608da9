"""ORM tables and typed ids: data only, no behaviour beyond invariants."""

from commandcenter.models.api_key import ApiKey, IntakeReceipt
from commandcenter.models.base import Base
from commandcenter.models.camera import Camera
from commandcenter.models.case import Attachment, Case, CaseNumberCounter
from commandcenter.models.catalog import Category, Department
from commandcenter.models.drill import Drill
from commandcenter.models.event import Event
from commandcenter.models.incident import (
    Incident,
    IncidentLink,
    IncidentTask,
    Plan,
    TaskEvidence,
)
from commandcenter.models.kpi_day import KpiDay
from commandcenter.models.setting import Setting
from commandcenter.models.territory import Area
from commandcenter.models.user import User

__all__ = [
    "ApiKey",
    "Area",
    "Attachment",
    "Base",
    "Camera",
    "Case",
    "CaseNumberCounter",
    "Category",
    "Department",
    "Drill",
    "Event",
    "Incident",
    "IncidentLink",
    "IncidentTask",
    "IntakeReceipt",
    "KpiDay",
    "Plan",
    "Setting",
    "TaskEvidence",
    "User",
]
