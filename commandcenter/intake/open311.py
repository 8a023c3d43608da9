"""Services and requests as GeoReport v2 fields (the official JSON schemas in
tests/services/intake/open311/ check them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from commandcenter.models.types import OPEN_STATES

if TYPE_CHECKING:
    import datetime as dt

    from commandcenter.services.cases.api import CaseRow
    from commandcenter.services.intake.api import ServiceInfo


def service_json(service: ServiceInfo) -> dict[str, Any]:
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description,
        "metadata": False,
        "type": "realtime",
        "keywords": None,
        "group": service.group,
    }


def request_json(row: CaseRow, zone: dt.tzinfo) -> dict[str, Any]:
    """A case as a service request: its number is its id; open while it is
    in the loop (挂账 included), closed once closed, voided or merged."""

    def when(moment: dt.datetime | None) -> str | None:
        return None if moment is None else moment.astimezone(zone).isoformat()

    return {
        "service_request_id": row.number,
        "status": "open" if row.state in OPEN_STATES else "closed",
        "status_notes": None,
        "service_name": row.category_name,
        "service_code": row.category_code,
        "description": row.description,
        "agency_responsible": row.department_name,
        "service_notice": None,
        "requested_datetime": when(row.reported_at),
        "updated_datetime": when(row.ended_at),
        "expected_datetime": when(row.deadline_at),
        "address": row.address or None,
        "address_id": None,
        "zipcode": None,
        "lat": row.lat,
        "long": row.lon,
        "media_url": None,
    }
