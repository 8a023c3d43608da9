"""The answers of the API as pydantic models, for its OpenAPI document: what
each route may answer, with which status, in JSON (these shapes, the
official GeoReport v2 schemas') or XML (the same fields as elements). The
fuzz test holds every answer to what is written here."""

from __future__ import annotations

from typing import Any, Literal

from commandcenter.services.intake.api import MAX_URL
from commandcenter.services.kernel.validated_file import BaseModel, Field


class Service(BaseModel):
    service_code: str
    service_name: str
    description: str | None
    metadata: bool
    type: Literal["realtime", "batch", "blackbox"]
    keywords: str | None
    group: str | None


class AttributeValue(BaseModel):
    key: str
    name: str


class Attribute(BaseModel):
    variable: bool
    code: str
    datatype: Literal[
        "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"
    ]
    required: bool
    datatype_description: str | None
    order: int
    description: str
    values: list[AttributeValue] | None = None


class ServiceDefinition(BaseModel):
    service_code: str
    attributes: list[Attribute]


class ServiceRequest(BaseModel):
    service_request_id: str
    status: Literal["open", "closed"]
    status_notes: str | None
    service_name: str | None
    service_code: str
    description: str | None
    agency_responsible: str | None
    service_notice: str | None
    requested_datetime: str
    updated_datetime: str | None
    expected_datetime: str | None
    address: str | None
    address_id: str | None
    zipcode: str | None
    lat: float | None
    long: float | None
    media_url: str | None


class RequestForm(BaseModel):
    """The fields of POST requests (form-encoded or multipart), checked in one
    validation; `attribute[code]` answers and the photo are read beside them."""

    api_key: str = ""
    service_code: str = ""
    lat: float | None = None
    long: float | None = None
    address_string: str = Field("", max_length=200)
    description: str = Field("", max_length=4000)
    first_name: str = Field("", max_length=25)
    last_name: str = Field("", max_length=25)
    phone: str = Field("", max_length=32)
    media_url: str = Field("", max_length=MAX_URL)
    jurisdiction_id: str | None = None


class Created(BaseModel):
    service_request_id: str
    service_notice: str | None
    account_id: str | None


class TokenAnswer(BaseModel):
    service_request_id: str
    token: str


class Error(BaseModel):
    code: int
    description: str


_XML = {"text/xml": {"schema": {"type": "string"}}}
_MEANINGS = {
    200: "the answer",
    201: "filed: the new request's id (or, sent again with its Idempotency-Key, "
    "the one it filed)",
    400: "the request is wrong: the description names the fault",
    403: "the API key is missing, wrong or revoked",
    404: "no such service, request or jurisdiction",
    413: "the body is larger than a photo and its form",
    429: "too many requests from this key: wait Retry-After seconds",
    503: "the database cannot be reached: nothing was filed; send it again "
    "(with the same Idempotency-Key) after Retry-After seconds",
}
_WAIT = {
    "Retry-After": {
        "description": "seconds to wait before sending again",
        "schema": {"type": "string"},
    }
}


def responses(answer: Any, status: int, *errors: int) -> dict[int | str, Any]:
    """The OpenAPI responses of a route: `answer` (a model or a list of one)
    with `status`, and the spec's error list with each of `errors`; all in
    JSON or XML."""
    documented: dict[int | str, Any] = {
        status: {"model": answer, "description": _MEANINGS[status], "content": _XML}
    }
    for code in (*errors, 503):
        documented[code] = {
            "model": list[Error],
            "description": _MEANINGS[code],
            "content": _XML,
            **({"headers": _WAIT} if code in (429, 503) else {}),
        }
    return documented
