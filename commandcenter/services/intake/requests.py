"""Service requests from outside the hall (Open311 GeoReport v2, PRODUCT §3):
the services offered (the categories), a report filed as the workstation
files one, and the requests read back. Plain Python: the ASGI app (intake/)
only parses, calls this and formats.

A request's id is its case number. Drill cases are never served (isolation).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from commandcenter.models import Area, Case, Category, IntakeReceipt
from commandcenter.models.types import OPEN_STATES, AreaLevel, CaseState
from commandcenter.services.cases.api import (
    CaseFilter,
    ClientToken,
    NewAttachment,
    NewCase,
)
from commandcenter.services.intake.group_filing import GroupFiling
from commandcenter.services.kernel.category_attributes import from_json
from commandcenter.services.kernel.errors import (
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from commandcenter.db.database import Database
    from commandcenter.services.cases.api import CaseQueries, CaseRow, CaseService
    from commandcenter.services.intake.keys import ApiClient
    from commandcenter.services.kernel.category_attributes import Attribute

MAX_PHOTO_BYTES = 10 * 1024 * 1024
"""A photo sent with a request: at most 10 MiB."""
_PHOTO_KINDS = (
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
"""What a photo is, by its first bytes: never by the name or type it came with."""
WINDOW = dt.timedelta(days=90)
"""The spec's window: requests are listed at most 90 days at a time."""
MOST_LISTED = 1000
EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(9000, 1, 1, tzinfo=dt.UTC)
"""The dates a listing may name: 90 days either side stay on the calendar,
in every time zone."""


@dataclass(frozen=True, slots=True)
class ServiceInfo:
    """A category as an Open311 service."""

    code: str
    name: str
    description: str
    group: str
    questions: tuple[Attribute, ...] = ()
    """Its extra questions (the service definition's attributes)."""


@dataclass(frozen=True, slots=True)
class IntakeReport:
    """A POST requests body, parsed."""

    service_code: str
    lat: float | None
    lon: float | None
    description: str
    address: str = ""
    name: str | None = None
    phone: str | None = None
    photos: tuple[NewAttachment, ...] = ()
    media_url: str = ""
    attributes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """attribute[code] answers as sent (code → values)."""
    token: str | None = None
    """The client's retry token (`Idempotency-Key`): sent again, the same
    request files nothing new and answers with the case it filed."""


@dataclass(frozen=True, slots=True)
class Filed:
    """What a POST filed: the case, and whether it was filed just now or by
    an earlier send of the same token."""

    case_id: int
    number: str
    replayed: bool


class Intake:
    """The Open311 operations over one database."""

    def __init__(
        self,
        db: Database,
        cases: CaseService,
        queries: CaseQueries,
        clock: Callable[[], dt.datetime],
    ) -> None:
        self._db = db
        self._filing = GroupFiling(cases)
        self._queries = queries
        self._clock = clock

    def jurisdiction(self) -> str:
        """The district's code: the one jurisdiction this endpoint serves."""
        with self._db.read() as session:
            code = session.execute(
                select(Area.code).where(Area.level == AreaLevel.DISTRICT.value)
            ).scalar()
        return code or ""

    def services(self) -> list[ServiceInfo]:
        with self._db.read() as session:
            rows = session.execute(
                select(Category).where(Category.active).order_by(Category.code)
            ).scalars()
            return [_service(row) for row in rows]

    def service(self, code: str) -> ServiceInfo:
        with self._db.read() as session:
            row = session.execute(
                select(Category).where(Category.code == code, Category.active)
            ).scalar_one_or_none()
            if row is None:
                raise NotFoundError(
                    f"no service {code!r}", "intake.no_service", service=code
                )
            return _service(row)

    def report(self, client: ApiClient, report: IntakeReport) -> Filed:
        """File the report as the workstation would (validation, grid lookup,
        duplicate flagging, photos in the same transaction, the event). A
        token sent before answers with its case and files nothing."""
        if client.actor is None:
            raise PermissionDeniedError(
                f"key {client.name!r} files as no account: add it with --user",
                "intake.no_account",
            )
        if report.lat is None or report.lon is None:
            raise ValidationError(
                "lat and long are required: this district has no address lookup "
                "(address_string and address_id alone are not enough)",
                "intake.location",
            )
        token = None if report.token is None else ClientToken(client.id, report.token)
        new = NewCase(
            category_code=report.service_code,
            source=client.source.case_source,
            description=report.description,
            lon=report.lon,
            lat=report.lat,
            address=report.address,
            reporter_name=report.name or None,
            reporter_phone=report.phone or None,
            client_token=token,
            media_url=report.media_url or None,
            attributes=report.attributes,
            answers_required=True,  # the service definition is the API's contract
            attachments=report.photos,
        )
        try:
            case_id, number = self._filing.file(client.actor, client.id, new)
        except IntegrityError:
            # the token was used before: the case it filed is the answer
            earlier = None if token is None else self._receipt(token)
            if earlier is None:
                raise
            return Filed(*earlier, replayed=True)
        return Filed(case_id, number, replayed=False)

    def _receipt(self, token: ClientToken) -> tuple[int, str] | None:
        """The id and number of the case a key filed under `token`."""
        with self._db.read() as session:
            found = session.execute(
                select(Case.id, Case.number)
                .join(IntakeReceipt, IntakeReceipt.case_id == Case.id)
                .where(
                    IntakeReceipt.api_key_id == token.api_key_id,
                    IntakeReceipt.token == token.token,
                )
            ).first()
        return None if found is None else (found[0], found[1])

    def token(self, token: str) -> list[tuple[str, str]]:
        """(token, service_request_id) of the requests sent with `token` as
        their Idempotency-Key (GeoReport v2's tokens: a client that lost its
        answer learns the id without sending again); one per key that used it."""
        with self._db.read() as session:
            found = session.execute(
                select(IntakeReceipt.token, Case.number)
                .join(Case, Case.id == IntakeReceipt.case_id)
                .where(IntakeReceipt.token == token)
                .order_by(Case.id)
            ).all()
        if not found:
            raise NotFoundError(
                f"no request was sent with token {token!r}",
                "intake.no_token",
                token=token,
            )
        return [(t, number) for t, number in found]

    def request(self, number: str) -> CaseRow:
        found = self.requests(numbers=(number,), everything=True)
        if not found:
            raise NotFoundError(
                f"no service request {number!r}", "intake.no_request", request=number
            )
        return found[0]

    def requests(
        self,
        numbers: tuple[str, ...] = (),
        service_code: str | None = None,
        status: str | None = None,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
        everything: bool = False,
    ) -> list[CaseRow]:
        """The requests asked for, newest first, at most 1,000. Without ids,
        within a window of at most 90 days: the last 90 days when no date is
        given, 90 days from `start` or up to `end` when one is."""
        if status not in (None, "open", "closed"):
            raise ValidationError(
                f"status is open or closed, not {status!r}", "intake.status"
            )
        if numbers:
            everything = True
        if not everything:
            start, end = self._window(start, end)
        states = None
        if status == "open":
            states = OPEN_STATES
        elif status == "closed":
            states = frozenset(CaseState) - OPEN_STATES
        return self._queries.find(
            CaseFilter(
                states=states,
                category_code=service_code,
                reported_from=start,
                reported_until=end,
                ids=self._ids(numbers) if numbers else None,
                limit=MOST_LISTED,
            )
        )

    def _window(
        self, start: dt.datetime | None, end: dt.datetime | None
    ) -> tuple[dt.datetime, dt.datetime]:
        for moment in (start, end):
            if moment is not None and not EARLIEST <= moment <= LATEST:
                raise ValidationError(
                    "dates are between 1900 and 9000", "intake.date_range"
                )
        if start is not None and end is not None:
            if end < start:
                raise ValidationError("end_date is before start_date", "intake.dates")
            if end - start > WINDOW:
                raise ValidationError(
                    "start_date and end_date are at most 90 days apart",
                    "intake.window",
                )
            return start, end
        if start is not None:
            return start, start + WINDOW
        last = end if end is not None else self._clock()
        return last - WINDOW, last

    def _ids(self, numbers: tuple[str, ...]) -> tuple[int, ...]:
        with self._db.read() as session:
            return tuple(
                session.execute(
                    select(Case.id).where(Case.number.in_(numbers))
                ).scalars()
            )


def _service(row: Category) -> ServiceInfo:
    return ServiceInfo(
        code=row.code,
        name=row.name_zh,
        description=row.registration_criteria or row.name_zh,
        group=row.major_name_zh,
        questions=from_json(row.attributes),
    )


def photo_of(data: bytes) -> NewAttachment:
    """A photo sent with a request, its type read from its content; a file
    that is no JPEG or PNG, empty or over 10 MiB is refused."""
    if not data or len(data) > MAX_PHOTO_BYTES:
        raise ValidationError(
            "a photo is 1 byte to 10 MiB", "intake.photo_size", most=MAX_PHOTO_BYTES
        )
    for magic, media_type, suffix in _PHOTO_KINDS:
        if data.startswith(magic):
            return NewAttachment(f"photo.{suffix}", media_type, data)
    raise ValidationError(
        "the media file is not a JPEG or PNG photo", "intake.photo_type"
    )
