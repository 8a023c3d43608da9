"""The services of one database, wired once: what the CLI, the intake API and the
Qt composition root hand to everything else (no global singletons)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from commandcenter.services.admin.api import EVENT_PAYLOADS as ADMIN_PAYLOADS
from commandcenter.services.admin.api import ReferenceAdmin, TerritoryAdmin, UserAdmin
from commandcenter.services.cameras.api import EVENT_PAYLOADS as CAMERA_PAYLOADS
from commandcenter.services.cameras.api import (
    CameraRegistry,
)
from commandcenter.services.cases.api import EVENT_PAYLOADS as CASE_PAYLOADS
from commandcenter.services.cases.api import (
    CaseDetails,
    CaseQueries,
    CaseService,
    Retention,
    utc_now,
)
from commandcenter.services.drills.api import EVENT_PAYLOADS as DRILL_PAYLOADS
from commandcenter.services.drills.api import DrillQueries, DrillService
from commandcenter.services.emergency.api import EVENT_PAYLOADS as EMERGENCY_PAYLOADS
from commandcenter.services.emergency.api import (
    IncidentQueries,
    IncidentService,
)
from commandcenter.services.evaluation.api import (
    Kpis,
)
from commandcenter.services.intake.api import EVENT_PAYLOADS as INTAKE_PAYLOADS
from commandcenter.services.intake.api import ApiKeys, Intake
from commandcenter.services.kernel.auth import AuthService
from commandcenter.services.kernel.calendar_source import CalendarSource
from commandcenter.services.kernel.events import PAYLOADS as KERNEL_PAYLOADS
from commandcenter.services.kernel.feed import EventReader
from commandcenter.services.territory.api import EVENT_PAYLOADS as TERRITORY_PAYLOADS
from commandcenter.services.territory.api import (
    TerritoryIndex,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from commandcenter.db.database import Database


class Services:
    """Lazily built services over one `Database`."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.clock = clock

    @cached_property
    def calendars(self) -> CalendarSource:
        """The working calendar, read once and shared by every service."""
        return CalendarSource(self.db)

    @cached_property
    def territory(self) -> TerritoryIndex:
        return TerritoryIndex.load(self.db)

    @cached_property
    def cases(self) -> CaseService:
        return CaseService(self.db, self.territory, self.calendars, self.clock)

    @cached_property
    def queries(self) -> CaseQueries:
        return CaseQueries(self.db, self.calendars, self.clock)

    @cached_property
    def cameras(self) -> CameraRegistry:
        return CameraRegistry(self.db, self.territory)

    @cached_property
    def kpis(self) -> Kpis:
        return Kpis(self.db, self.calendars, self.clock)

    @cached_property
    def retention(self) -> Retention:
        return Retention(self.db, self.clock)

    @cached_property
    def details(self) -> CaseDetails:
        return CaseDetails(self.db, self.queries, self.calendars, self.clock)

    @cached_property
    def incidents(self) -> IncidentService:
        return IncidentService(self.db, self.territory, self.calendars, self.clock)

    @cached_property
    def incident_queries(self) -> IncidentQueries:
        return IncidentQueries(self.db, self.calendars, self.clock)

    @cached_property
    def drills(self) -> DrillService:
        return DrillService(self.db, self.territory, self.cases, self.clock)

    @cached_property
    def drill_queries(self) -> DrillQueries:
        return DrillQueries(self.db, self.queries)

    @cached_property
    def api_keys(self) -> ApiKeys:
        return ApiKeys(self.db, self.clock)

    @cached_property
    def intake(self) -> Intake:
        return Intake(self.db, self.cases, self.queries, self.clock)

    @cached_property
    def auth(self) -> AuthService:
        return AuthService(self.db, self.clock)

    @cached_property
    def users(self) -> UserAdmin:
        return UserAdmin(self.db, self.clock)

    @cached_property
    def reference(self) -> ReferenceAdmin:
        return ReferenceAdmin(self.db, self.calendars, self.clock)

    @cached_property
    def territory_admin(self) -> TerritoryAdmin:
        return TerritoryAdmin(self.db, lambda: self.territory)

    @cached_property
    def events(self) -> EventReader:
        """The event log, read (following it is the change hub's `Feed`)."""
        return EventReader(self.db)

    @staticmethod
    def event_payloads() -> dict[str, type]:
        """Every event kind the services write, and its declared payload."""
        return {
            **KERNEL_PAYLOADS,
            **TERRITORY_PAYLOADS,
            **CAMERA_PAYLOADS,
            **CASE_PAYLOADS,
            **EMERGENCY_PAYLOADS,
            **DRILL_PAYLOADS,
            **INTAKE_PAYLOADS,
            **ADMIN_PAYLOADS,
        }

    def close(self) -> None:
        self.db.dispose()
