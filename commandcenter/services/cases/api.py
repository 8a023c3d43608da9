"""The case loop's public face (案件): moves, queries, details, reporting, retention.

What other features and layers may use of this feature: everything outside
`services/cases/` imports from here, never from the modules behind it (an import-
linter contract holds this)."""

from commandcenter.services.cases import effects, rollup
from commandcenter.services.cases.contact import (
    REVEAL_KIND,
    REVEAL_ROLES,
    SHOWN_SECONDS,
    Contact,
)
from commandcenter.services.cases.details import (
    CaseDetail,
    CaseDetails,
    CategoryChoice,
    DispatchPreview,
    FilterChoices,
    GridPlace,
)
from commandcenter.services.cases.effects import Effect, Limits
from commandcenter.services.cases.events import PAYLOADS as EVENT_PAYLOADS
from commandcenter.services.cases.map_layers import (
    COUNT_CLASSES,
    MapLayers,
    Marker,
    markers,
)
from commandcenter.services.cases.queries import (
    CaseFilter,
    CaseQueries,
    CaseRow,
)
from commandcenter.services.cases.reporting import (
    MAX_URL,
    CategoryInfo,
    ClientToken,
    DrillStamp,
    NewAttachment,
    NewCase,
    Precondition,
    Reported,
    case_row,
    check_attachment,
    clean_text,
    insert_cases,
    report_payload,
)
from commandcenter.services.cases.retention import (
    Retention,
)
from commandcenter.services.cases.rollup import (
    MEASURES,
)
from commandcenter.services.cases.service import (
    MAX_POSTPONE_HOURS,
    CaseService,
    utc_now,
)
from commandcenter.services.cases.workflow import (
    REPORT_ROLES,
    TRANSITIONS,
    Move,
    check,
)

__all__ = [
    "COUNT_CLASSES",
    "EVENT_PAYLOADS",
    "MAX_POSTPONE_HOURS",
    "MAX_URL",
    "MEASURES",
    "REPORT_ROLES",
    "REVEAL_KIND",
    "REVEAL_ROLES",
    "SHOWN_SECONDS",
    "TRANSITIONS",
    "CaseDetail",
    "CaseDetails",
    "CaseFilter",
    "CaseQueries",
    "CaseRow",
    "CaseService",
    "CategoryChoice",
    "CategoryInfo",
    "ClientToken",
    "Contact",
    "DispatchPreview",
    "DrillStamp",
    "Effect",
    "FilterChoices",
    "GridPlace",
    "Limits",
    "MapLayers",
    "Marker",
    "Move",
    "NewAttachment",
    "NewCase",
    "Precondition",
    "Reported",
    "Retention",
    "case_row",
    "check",
    "check_attachment",
    "clean_text",
    "effects",
    "insert_cases",
    "markers",
    "report_payload",
    "rollup",
    "utc_now",
]
