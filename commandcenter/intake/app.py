"""The Open311 GeoReport v2 intake API as an ASGI app (FastAPI), over the
services. Every route parses, calls one service operation and formats; every
refusal is the spec's error list with the status it names (400 bad input, 403
a key refused, 404 nothing there), in JSON or XML as the path asks.

Served by `commandcenter api` (uvicorn). The OpenAPI document is at
`/open311/v2/openapi.json`; no browsable docs page (it would load scripts
from a CDN, and the product runs offline).
"""

from __future__ import annotations

import datetime as dt  # noqa: TC003 - FastAPI reads the annotations at run time
import math
import os
import re
import time
from collections import defaultdict, deque
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from fastapi import Depends, FastAPI, File, Form, Header, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from commandcenter.intake.formats import Format, error_body, render
from commandcenter.intake.open311 import definition_json, request_json, service_json
from commandcenter.intake.schema import (
    Created,
    RequestForm,
    Service,
    ServiceDefinition,
    ServiceRequest,
    TokenAnswer,
    responses,
)
from commandcenter.services.intake.api import (
    MAX_PHOTO_BYTES,
    IntakeReport,
    photo_of,
)
from commandcenter.services.kernel.errors import (
    AuthenticationError,
    DomainError,
    NotFoundError,
    PermissionDeniedError,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from starlette.datastructures import FormData
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from commandcenter.services.cases.api import NewAttachment
    from commandcenter.services.container import Services

BASE = "/open311/v2"
RATE_ENV_VAR = "COMMANDCENTER_API_RATE"
PER_MINUTE = 60
"""Requests a key may post in any minute, unless told otherwise."""
MAX_BODY_BYTES = MAX_PHOTO_BYTES + 64 * 1024
"""A photo and its form; anything larger is refused before it is read."""
_TOO_LARGE = f"the body is larger than {MAX_BODY_BYTES} bytes"
_UNREACHABLE = (
    "the database cannot be reached right now: nothing was filed by this "
    "answer; send the request again (with the same Idempotency-Key) shortly"
)
RETRY_SECONDS = 1
"""What a 503 asks a client to wait: a database restart takes seconds."""
ATTRIBUTE_FIELD = re.compile(r"^attribute\[([^\]\[]{1,64})\](\[\])?$")
"""How a form names an answer: attribute[code], or attribute[code][] for
each key of a multivaluelist."""
TOKEN_PATTERN = r"^[\x21-\x7e]{1,64}$"
"""An Idempotency-Key: 1 to 64 visible ASCII characters."""
T = TypeVar("T")
Fmt = Literal["json", "xml"]


class RefusedError(Exception):
    """A refusal with its HTTP status, in the format the path asked for."""

    def __init__(self, status: int, description: str, fmt: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.fmt = fmt


def _status_of(error: DomainError) -> int:
    if isinstance(error, (AuthenticationError, PermissionDeniedError)):
        return 403
    if isinstance(error, NotFoundError):
        return 404
    return 400


def _fmt_of(request: Request) -> str:
    return "xml" if request.url.path.endswith(".xml") else "json"


class RateLimit:
    """At most `per_minute` requests per key in any 60 seconds (per worker
    process: with N workers a key may send N times as many)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque[float]] = defaultdict(deque)

    def wait_for(self, key_id: str) -> int:
        """0 when the key may go on (and counts it); else the seconds to wait."""
        now = self._clock()
        seen = self._seen[key_id]
        while seen and seen[0] <= now - 60:
            seen.popleft()
        if len(seen) >= self.per_minute:
            return max(1, math.ceil(seen[0] + 60 - now))
        seen.append(now)
        return 0


class BodyLimit:
    """ASGI: a body larger than a photo and its form is refused with 413, by
    its declared length before any of it is read, or by its count as it
    arrives when it comes in chunks without one. The body is gathered here
    (at most the limit) and handed on whole."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
            await self._refuse(scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            body += message.get("body", b"")
            if len(body) > MAX_BODY_BYTES:
                await self._refuse(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        whole: list[Message] = [{"type": "http.request", "body": bytes(body)}]

        async def replay() -> Message:
            return whole.pop() if whole else await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send) -> None:
        fmt = "xml" if str(scope["path"]).endswith(".xml") else "json"
        text, media = render(fmt, "errors", error_body(413, _TOO_LARGE))
        await Response(text, status_code=413, media_type=media)(scope, receive, send)


class _Api:
    """What every route shares: the services, the district, the answers."""

    def __init__(self, services: Services, per_minute: int) -> None:
        self.intake = services.intake
        self.keys = services.api_keys
        self.zone = services.calendars.get().zone
        self.jurisdiction = self.intake.jurisdiction()
        self.limit = RateLimit(per_minute)

    @staticmethod
    def answer(fmt: str, kind: Format, body: Any, status: int = 200) -> Response:
        text, media = render(fmt, kind, body)
        return Response(text, status_code=status, media_type=media)

    def check_jurisdiction(self, given: str | None, fmt: str) -> None:
        if given not in (None, "", self.jurisdiction):
            raise RefusedError(404, f"unknown jurisdiction_id {given!r}", fmt)

    @staticmethod
    def guarded(fmt: str, work: Callable[[], T]) -> T:
        """`work()`, a domain refusal turned into the spec's error."""
        try:
            return work()
        except DomainError as error:
            raise RefusedError(_status_of(error), str(error), fmt) from error


def create_app(services: Services, per_minute: int = PER_MINUTE) -> FastAPI:
    """The API over `services` (one process's); `per_minute`: requests a key
    may post in any minute."""
    app = FastAPI(
        title="commandcenter Open311 GeoReport v2",
        version="v2",
        openapi_url=f"{BASE}/openapi.json",
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(_no_nul_in_path_or_query)],
    )
    api = _Api(services, per_minute)
    app.add_middleware(BodyLimit)

    @app.exception_handler(RefusedError)
    async def refused(_request: Request, error: RefusedError) -> Response:
        body = error_body(error.status, error.description)
        return api.answer(error.fmt, "errors", body, error.status)

    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)
    async def unreachable(request: Request, _error: Exception) -> Response:
        """The database went away mid-request (a restart, a cut): the
        transaction was rolled back, so the client may safely send again."""
        body = error_body(503, _UNREACHABLE)
        answer = api.answer(_fmt_of(request), "errors", body, 503)
        answer.headers["Retry-After"] = str(RETRY_SECONDS)
        return answer

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        """Starlette's own refusals (an unparsable body, a wrong method, no
        such path) in the spec's shape too."""
        body = error_body(error.status_code, str(error.detail))
        return api.answer(_fmt_of(request), "errors", body, error.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        faults = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}"
            for e in error.errors()
        )
        body = error_body(400, faults or "bad request")
        return api.answer(_fmt_of(request), "errors", body, 400)

    _service_routes(app, api)
    _request_routes(app, api)
    _token_routes(app, api)
    return app


def _service_routes(app: FastAPI, api: _Api) -> None:
    @app.get(
        f"{BASE}/services.{{fmt}}", responses=responses(list[Service], 200, 400, 404)
    )
    def services_list(fmt: Fmt, jurisdiction_id: str | None = None) -> Response:
        """Every service (category) a request may be filed under."""
        api.check_jurisdiction(jurisdiction_id, fmt)
        listed = [service_json(s) for s in api.intake.services()]
        return api.answer(fmt, "services", listed)

    @app.get(
        f"{BASE}/services/{{service_code}}.{{fmt}}",
        responses=responses(ServiceDefinition, 200, 400, 404),
    )
    def service_definition(
        service_code: str, fmt: Fmt, jurisdiction_id: str | None = None
    ) -> Response:
        """A service's definition: the extra questions a request answers as
        attribute[code] (attribute[code][] once per key of a multivaluelist)."""
        api.check_jurisdiction(jurisdiction_id, fmt)
        service = api.guarded(fmt, lambda: api.intake.service(service_code))
        return api.answer(fmt, "definition", definition_json(service))


def _request_routes(app: FastAPI, api: _Api) -> None:
    @app.post(
        f"{BASE}/requests.{{fmt}}",
        status_code=201,
        responses=responses(list[Created], 201, 400, 403, 404, 413, 429),
    )
    async def create_request(
        request: Request,
        fmt: Fmt,
        fields: Annotated[RequestForm, Form()],
        media: Annotated[UploadFile | None, File()] = None,
        idempotency_key: Annotated[str | None, Header(pattern=TOKEN_PATTERN)] = None,
    ) -> Response:
        """File a service request: the same report operation as the
        workstation's, as the key's account and source. The service
        definition's questions are answered as `attribute[code]=value`, a
        multivaluelist as `attribute[code][]=key` once per key. `media_url`
        is kept as a link (never fetched). Extensions: a photo (`media`,
        multipart) is saved with the request in the same transaction; with
        an `Idempotency-Key` header a request sent again (its answer lost to
        a cut or a crash) files nothing new and answers with the request it
        filed."""
        form = await request.form()
        _no_nul(((k, v) for k, v in form.multi_items() if isinstance(v, str)), fmt)
        answers = _answers(form)

        def file() -> Response:
            api.check_jurisdiction(fields.jurisdiction_id, fmt)
            client = api.guarded(fmt, lambda: api.keys.authenticate(fields.api_key))
            wait = api.limit.wait_for(client.key_id)
            if wait:
                body = error_body(429, f"too many requests: try again in {wait} s")
                answer = api.answer(fmt, "errors", body, 429)
                answer.headers["Retry-After"] = str(wait)
                return answer
            photos: tuple[NewAttachment, ...] = ()
            if media is not None:
                data = media.file.read(MAX_PHOTO_BYTES + 1)
                photos = (api.guarded(fmt, lambda: photo_of(data)),)
            if not fields.service_code:
                raise RefusedError(400, "service_code is required", fmt)
            report = IntakeReport(
                service_code=fields.service_code,
                lat=fields.lat,
                lon=fields.long,
                description=fields.description,
                address=fields.address_string,
                name=f"{fields.last_name}{fields.first_name}" or None,
                phone=fields.phone or None,
                photos=photos,
                media_url=fields.media_url,
                attributes=answers,
                token=idempotency_key,
            )
            filed = api.guarded(fmt, lambda: api.intake.report(client, report))
            body = [
                {
                    "service_request_id": filed.number,
                    "service_notice": None,
                    "account_id": None,
                }
            ]
            return api.answer(fmt, "created", body, 201)

        return await run_in_threadpool(file)

    @app.get(
        f"{BASE}/requests.{{fmt}}",
        responses=responses(list[ServiceRequest], 200, 400, 404),
    )
    def requests_list(
        fmt: Fmt,
        service_request_id: str | None = None,
        service_code: str | None = None,
        status: str | None = None,
        start_date: dt.datetime | None = None,
        end_date: dt.datetime | None = None,
        jurisdiction_id: str | None = None,
    ) -> Response:
        """Requests by id (comma-separated), or by service code, status and a
        window of at most 90 days (the last 90 days by default)."""
        api.check_jurisdiction(jurisdiction_id, fmt)
        numbers = tuple(
            n.strip() for n in (service_request_id or "").split(",") if n.strip()
        )
        start, end = _aware(start_date, api.zone), _aware(end_date, api.zone)
        rows = api.guarded(
            fmt,
            lambda: api.intake.requests(numbers, service_code, status, start, end),
        )
        return api.answer(fmt, "requests", [request_json(r, api.zone) for r in rows])

    @app.get(
        f"{BASE}/requests/{{service_request_id}}.{{fmt}}",
        responses=responses(list[ServiceRequest], 200, 400, 404),
    )
    def request_one(
        service_request_id: str, fmt: Fmt, jurisdiction_id: str | None = None
    ) -> Response:
        api.check_jurisdiction(jurisdiction_id, fmt)
        row = api.guarded(fmt, lambda: api.intake.request(service_request_id))
        return api.answer(fmt, "requests", [request_json(row, api.zone)])


def _no_nul_in_path_or_query(request: Request) -> None:
    """A NUL character is no text anyone sends (PostgreSQL cannot even
    compare it): refused wherever it comes, before any route runs."""
    _no_nul(
        [("path", request.url.path), *request.query_params.multi_items()],
        _fmt_of(request),
    )


def _no_nul(fields: Iterable[tuple[str, str]], fmt: str) -> None:
    for name, value in fields:
        if "\x00" in value:
            raise RefusedError(400, f"{name} contains a NUL character", fmt)


def _answers(form: FormData) -> dict[str, list[str]]:
    """The attribute[code] (and attribute[code][]) fields of a form."""
    answers: dict[str, list[str]] = {}
    for name in form:
        found = ATTRIBUTE_FIELD.match(name)
        if found is not None:
            given = [v for v in form.getlist(name) if isinstance(v, str)]
            answers.setdefault(found.group(1), []).extend(given)
    return answers


def _token_routes(app: FastAPI, api: _Api) -> None:
    @app.get(
        f"{BASE}/tokens/{{token}}.{{fmt}}",
        responses=responses(list[TokenAnswer], 200, 400, 404),
    )
    def token_lookup(
        token: str, fmt: Fmt, jurisdiction_id: str | None = None
    ) -> Response:
        """The request sent with `token` as its Idempotency-Key: a client whose
        answer was lost learns its id here instead of sending again."""
        api.check_jurisdiction(jurisdiction_id, fmt)
        found = api.guarded(fmt, lambda: api.intake.token(token))
        body = [{"service_request_id": n, "token": t} for t, n in found]
        return api.answer(fmt, "tokens", body)


def _aware(moment: dt.datetime | None, zone: dt.tzinfo) -> dt.datetime | None:
    """A date without an offset is the district's time."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=zone)


def app_from_environment() -> FastAPI:
    """The app over the database `$COMMANDCENTER_DB` names (uvicorn's factory:
    each worker process builds its own services and connection pool)."""
    from commandcenter.config import default_db_url
    from commandcenter.db.database import Database
    from commandcenter.services.container import Services

    per_minute = int(os.environ.get(RATE_ENV_VAR, PER_MINUTE))
    return create_app(Services(Database(default_db_url())), per_minute)
