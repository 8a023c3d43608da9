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
        "metadata": bool(service.questions),
        "type": "realtime",
        "keywords": None,
        "group": service.group,
    }


def definition_json(service: ServiceInfo) -> dict[str, Any]:
    """A service's definition: its extra questions, in the order asked."""
    return {
        "service_code": service.code,
        "attributes": [
            {
                "variable": True,
                "code": question.code,
                "datatype": question.datatype,
                "required": question.required,
                "datatype_description": _DATATYPE_HELP.get(question.datatype),
                "order": order,
                "description": question.description,
                **(
                    {}
                    if question.values is None
                    else {
                        "values": [
                            {"key": key, "name": name}
                            for key, name in question.values.items()
                        ]
                    }
                ),
            }
            for order, question in enumerate(service.questions, start=1)
        ],
    }


_DATATYPE_HELP = {
    "number": "a number, e.g. 20 or 12.5",
    "datetime": "ISO 8601, e.g. 2026-12-01T08:30:00+08:00 (no offset: Beijing time)",
    "string": "one line, at most 200 characters",
    "text": "at most 2000 characters",
    "multivaluelist": "one or more keys: attribute[code][]=key, once per key",
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
        "media_url": row.media_url,
    }
