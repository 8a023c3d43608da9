"""Turning reports into new cases (上报): validation, grid lookup, numbering, insert.

Shared by the one-at-a-time path and the batched path so both validate alike; the
batch inserts cases and their events with one multi-row statement each.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import func, select

from commandcenter.db.database import fast_insert
from commandcenter.models import Case, IntakeReceipt
from commandcenter.models.types import CaseState, EscalationLevel, Source
from commandcenter.services.cases.attributes import answers, missing_required
from commandcenter.services.kernel.category_attributes import from_json
from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.kernel.event_log import HEAD_SQL, ChainHead

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from datetime import datetime, tzinfo

    from sqlalchemy.orm import Session

    from commandcenter.db.pipeline import Answer, Pipeline
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.services.territory.api import (
        GridRef,
        TerritoryIndex,
    )

MAX_TEXT = 2000
MAX_ADDRESS = 200
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ATTACHMENT_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/webp", "application/pdf", "video/mp4"}
)


@dataclass(frozen=True, slots=True)
class NewAttachment:
    """A photo or document that comes with a report (or is attached later)."""

    filename: str
    media_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class DrillStamp:
    """A report filed by a drill's inject: which drill, which inject, at what
    drill time. The report's event carries it, so the drill's log says by
    itself what each inject filed and when."""

    drill_id: int
    inject: str
    drill_seconds: float


@dataclass(frozen=True, slots=True)
class ClientToken:
    """An outside system's retry token (the intake API's `Idempotency-Key`):
    one case per key and token, however often the report is sent. Its
    receipt is written with the case, so a retry after a lost answer finds
    the case instead of filing it twice."""

    api_key_id: int
    token: str


@dataclass(frozen=True, slots=True)
class NewCase:
    """A report as it arrives from any source."""

    category_code: str
    source: Source
    description: str
    lon: float
    lat: float
    address: str = ""
    priority: int | None = None
    reporter_name: str | None = None
    reporter_phone: str | None = None
    drill: DrillStamp | None = None
    client_token: ClientToken | None = None
    media_url: str | None = None
    """A link to a photo elsewhere (Open311 media_url): kept, never fetched."""
    attributes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Answers to the category's extra questions, as sent (code → values);
    checked and typed by `answers_of`."""
    answers_required: bool = False
    """The required questions must be answered: the intake API's contract
    with its clients (an operator on the phone files what the caller knows)."""
    attachments: tuple[NewAttachment, ...] = ()
    """Saved with the case in its transaction: a case with a refused photo is
    not saved at all, and nobody sees a case whose photos are still coming."""

    @property
    def is_drill(self) -> bool:
        return self.drill is not None


class Precondition(Protocol):
    """A check a batch of reports makes under the write lock, asked with the
    batch's other reads (`Ahead`: no round trip of its own). `ask` queues
    its query; the check it returns raises a `DomainError` to refuse the
    whole batch (the intake API's: its keys are still good)."""

    def ask(self, pipe: Pipeline) -> Callable[[], None]: ...


@dataclass(frozen=True, slots=True)
class Reported:
    """What a batch of reports filed: the changes, and each case's number."""

    changes: Changes
    numbers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CategoryInfo:
    id: int
    code: str
    priority: int
    attributes: str
    """Its questions, as JSON (read only when a report answers them)."""


def answers_of(new: NewCase, category: CategoryInfo, zone: tzinfo) -> str | None:
    """A report's answers checked against its category's questions, as the
    JSON the case keeps (None when it gives none)."""
    if not new.attributes and not new.answers_required:
        return None
    questions = from_json(category.attributes)
    if new.answers_required:
        missing = missing_required(questions, new.attributes)
        if missing:
            raise ValidationError(
                f"required attribute missing: {', '.join(missing)}",
                "attribute.required",
                attributes=", ".join(missing),
            )
    given = answers(questions, new.attributes, zone)
    return json.dumps(given, ensure_ascii=False, sort_keys=True) if given else None


def clean_text(value: str, what: str, required: bool = True) -> str:
    """`value` stripped, or ValidationError naming `what` (missing or too long)."""
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationError(f"a {what} is required", "text.required", what=what)
    if len(cleaned) > MAX_TEXT:
        raise ValidationError(
            f"the {what} is longer than {MAX_TEXT} characters",
            "text.too_long",
            what=what,
            most=MAX_TEXT,
        )
    return cleaned


MAX_URL = 1000
_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")


def clean_media_url(url: str | None) -> str | None:
    """A link kept as given (stripped), or ValidationError: http or https,
    a host, no spaces, at most 1000 characters."""
    if url is None or not url.strip():
        return None
    cleaned = url.strip()
    if len(cleaned) > MAX_URL or not _URL.match(cleaned):
        raise ValidationError(
            "media_url is an http or https address of at most 1000 characters",
            "media_url.invalid",
        )
    return cleaned


def check_attachment(filename: str, media_type: str, data: bytes) -> str:
    """The file name to store, or ValidationError: what a case accepts as an
    attachment, with a report or later."""
    name = clean_text(filename, "file name")
    if len(name) > 200:
        raise ValidationError(
            "the file name is longer than 200 characters",
            "text.too_long",
            what="file name",
            most=200,
        )
    if media_type not in ATTACHMENT_TYPES:
        raise ValidationError(
            f"files of type {media_type!r} cannot be attached",
            "attachment.type",
            type=media_type,
        )
    if not data or len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            "an attachment must be 1 byte to 20 MiB", "attachment.size"
        )
    return name


def _check_text(new: NewCase, label: str) -> None:
    if not new.description.strip():
        raise ValidationError(
            f"{label}: a description is required", "text.required", what="description"
        )
    if len(new.description) > MAX_TEXT:
        raise ValidationError(
            f"{label}: description longer than {MAX_TEXT} characters",
            "text.too_long",
            what="description",
            most=MAX_TEXT,
        )
    if len(new.address) > MAX_ADDRESS:
        raise ValidationError(
            f"{label}: address longer than {MAX_ADDRESS} characters",
            "text.too_long",
            what="address",
            most=MAX_ADDRESS,
        )
    phone = new.reporter_phone
    if phone is not None and (
        not phone
        or len(phone) > 20
        or not all(c.isdigit() or c in "+- " for c in phone)
    ):
        raise ValidationError(
            f"{label}: reporter phone must be digits, + - or spaces", "report.phone"
        )
    if new.reporter_name is not None and len(new.reporter_name) > 50:
        raise ValidationError(
            f"{label}: reporter name longer than 50 characters",
            "text.too_long",
            what="reporter name",
            most=50,
        )


def validate(
    session: Session,
    news: Sequence[NewCase],
    categories: dict[str, CategoryInfo],
    territory: TerritoryIndex,
) -> list[GridRef]:
    """Check every report; return the grid of each. Raises on the first bad one.
    A point in no grid is looked up again if grids were imported since the
    index loaded (another process, or the administration window, did)."""
    for i, new in enumerate(news):
        label = f"report #{i}" if len(news) > 1 else "report"
        if new.category_code not in categories:
            raise ValidationError(
                f"{label}: unknown category {new.category_code!r}",
                "report.category",
                category=new.category_code,
            )
        if not isinstance(new.source, Source):
            raise ValidationError(f"{label}: unknown source {new.source!r}")
        if not (math.isfinite(new.lon) and math.isfinite(new.lat)):
            raise ValidationError(f"{label}: location must be finite numbers")
        if new.priority is not None and new.priority not in (1, 2, 3):
            raise ValidationError(f"{label}: priority must be 1, 2 or 3")
        _check_text(new, label)
        for attachment in new.attachments:
            try:
                check_attachment(
                    attachment.filename, attachment.media_type, attachment.data
                )
            except ValidationError as error:
                raise ValidationError(
                    f"{label}: {error}", error.code, **error.params
                ) from error
    lons, lats = [n.lon for n in news], [n.lat for n in news]
    grids = territory.locate_many(lons, lats)
    if None in grids and territory.catch_up(session):
        grids = territory.locate_many(lons, lats)
    located: list[GridRef] = []
    for i, grid in enumerate(grids):
        if grid is None:
            label = f"report #{i}" if len(news) > 1 else "report"
            raise ValidationError(
                f"{label}: location {news[i].lon:.6f},{news[i].lat:.6f} "
                "is outside every unit grid of the district",
                "report.outside",
            )
        located.append(grid)
    return located


DRILL_PREFIX = "YL"
"""Drill cases are numbered YL20261122-0001 (演练), from a sequence of their
own: a drill leaves no gap in the day's real numbers."""


_COUNT_SQL = (
    "INSERT INTO case_number_counters (day, last) VALUES (:day, :count) "
    "ON CONFLICT (day) DO UPDATE SET last = case_number_counters.last + excluded.last "
    "RETURNING last"
)
"""Counts `count` more numbers of a day; answers the last one taken. Under
the write lock, as every write is, so the numbers follow on without gaps."""


@dataclass(frozen=True, slots=True)
class Ahead:
    """What a batch of reports reads under the write lock, asked together
    (`db.pipeline`: one round trip): its categories, its numbers, the next
    case id and the head of the audit chain. Its numbers are counted as it
    asks; a refused batch rolls them back with the rest."""

    day: str
    found_categories: Answer
    real_last: Answer | None
    drill_last: Answer | None
    last_case: Answer
    chain: Answer

    @classmethod
    def ask(cls, pipe: Pipeline, news: Sequence[NewCase], day: str) -> Ahead:
        codes = sorted({n.category_code for n in news})
        marks = ", ".join(f":c{i}" for i in range(len(codes)))
        categories = pipe.query(
            "SELECT id, code, priority, attributes FROM categories "
            f"WHERE active AND code IN ({marks})",
            **{f"c{i}": code for i, code in enumerate(codes)},
        )
        counts = {
            drill: sum(n.is_drill == drill for n in news) for drill in (False, True)
        }
        real, drill = (
            pipe.query(_COUNT_SQL, day=_counter_key(day, drill), count=counts[drill])
            if counts[drill]
            else None
            for drill in (False, True)
        )
        last_case = pipe.query("SELECT max(id) FROM cases")
        return cls(day, categories, real, drill, last_case, pipe.query(HEAD_SQL))

    def categories(self) -> dict[str, CategoryInfo]:
        """The active categories among the reports' (any other is refused)."""
        return {
            code: CategoryInfo(category_id, code, priority, attributes)
            for category_id, code, priority, attributes in self.found_categories.all()
        }

    def numbers(self, news: Sequence[NewCase]) -> list[str]:
        """The readable numbers of the reports, e.g. 20261122-0042, each from
        its own sequence: real reports the day's, a drill's their own
        (a drill's: `DRILL_PREFIX`)."""
        sequences = {
            drill: iter(_numbers(answer, self.day, drill, news))
            for drill, answer in ((False, self.real_last), (True, self.drill_last))
        }
        return [next(sequences[n.is_drill]) for n in news]

    def case_ids(self, count: int) -> list[int]:
        first = int(self.last_case.scalar() or 0) + 1
        return list(range(first, first + count))

    def head(self) -> ChainHead:
        return ChainHead.of(self.chain.all())


def _counter_key(day: str, drill: bool) -> str:
    return f"D{day[2:]}" if drill else day  # the counter's key is 8 characters


def _numbers(
    answer: Answer | None, day: str, drill: bool, news: Sequence[NewCase]
) -> list[str]:
    if answer is None:
        return []
    count = sum(n.is_drill == drill for n in news)
    first = int(answer.scalar()) - count + 1
    prefix = DRILL_PREFIX if drill else ""
    return [f"{prefix}{day}-{n:04d}" for n in range(first, first + count)]


_LATER_COLUMNS = (
    "department_id",
    "registered_at",
    "dispatched_at",
    "accepted_at",
    "handled_at",
    "handling_minutes",
    "closed_at",
    "closure_minutes",
    "voided_at",
    "deadline_start",
    "deadline_at",
    "verify_deadline_at",
    "suspended_at",
    "suspended_from",
    "postpone_pending_hours",
    "handled_by",
    "merged_into_id",
)
"""Columns a new case leaves empty; named so every row of a batch has every key."""


def case_row(
    new: NewCase,
    grid: GridRef,
    category: CategoryInfo,
    number: str,
    reported_by: int,
    at: datetime,
    attributes: str | None = None,
) -> dict[str, Any]:
    """The column values of a freshly reported case (`attributes`: its
    answers as `answers_of` gives them)."""
    return {
        "number": number,
        "category_id": category.id,
        "source": new.source.value,
        "state": CaseState.REPORTED.value,
        "priority": new.priority or category.priority,
        "description": new.description.strip(),
        "address": new.address.strip(),
        "lon": new.lon,
        "lat": new.lat,
        "grid_id": grid.grid_id,
        "community_id": grid.community_id,
        "street_id": grid.street_id,
        "reporter_name": new.reporter_name,
        "reporter_phone": new.reporter_phone,
        "attributes": attributes,
        "media_url": clean_media_url(new.media_url),
        "reported_by": reported_by,
        "reported_at": at,
        "escalation": EscalationLevel.GRID.value,
        "postpone_count": 0,
        "return_count": 0,
        "rework_count": 0,
        "urge_count": 0,
        "is_drill": new.is_drill,
        "drill_id": None if new.drill is None else new.drill.drill_id,
        "deadline_natural": False,
        "version": 1,
        "updated_at": at,
        **dict.fromkeys(_LATER_COLUMNS),
    }


def insert_cases(
    session: Session, rows: list[dict[str, Any]], first: int | None = None
) -> list[int]:
    """Insert new cases in one driver-level batch; returns their ids in order.

    Ids are allocated here (max + 1 …, or from `first` when the write read
    it ahead): every write holds the single-writer lock (`Database.write`),
    so nobody else can take them meanwhile. On PostgreSQL the id sequence is
    moved past them.
    """
    if not rows:
        return []
    if first is None:
        first = int(session.execute(select(func.max(Case.id))).scalar() or 0) + 1
    ids = list(range(first, first + len(rows)))
    # a column empty in every row is left to its default (NULL): each value
    # sent costs the driver, and a new case leaves 17 columns empty
    names = [name for name in rows[0] if any(row[name] is not None for row in rows)]
    fast_insert(
        session,
        Case,
        ["id", *names],
        (
            (case_id, *(row[name] for name in names))
            for case_id, row in zip(ids, rows, strict=True)
        ),
    )
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(
            "SELECT setval(pg_get_serial_sequence('cases', 'id'), %s)", (ids[-1],)
        )
    return ids


def insert_receipts(
    session: Session, ids: Sequence[int], news: Sequence[NewCase]
) -> None:
    """The receipts of the reports sent with a client token. A token used
    before breaks the table's key, so the whole report is rolled back."""
    receipts = [
        (new.client_token.api_key_id, new.client_token.token, case_id)
        for case_id, new in zip(ids, news, strict=True)
        if new.client_token is not None
    ]
    if receipts:
        fast_insert(
            session, IntakeReceipt, ["api_key_id", "token", "case_id"], receipts
        )


def report_payload(row: dict[str, Any], new: NewCase, grid: GridRef) -> dict[str, Any]:
    """What the event of a report says (no personal data: the log is forever)."""
    return {
        "number": row["number"],
        "category": new.category_code,
        "source": new.source.value,
        "grid": grid.grid_code,
        "priority": row["priority"],
        "to": CaseState.REPORTED.value,
        "version": 1,
        "drill": new.is_drill,
        **(
            {}
            if row["attributes"] is None
            else {"attributes": json.loads(row["attributes"])}
        ),
        **(
            {}
            if new.drill is None
            else {
                "drill_id": new.drill.drill_id,
                "inject": new.drill.inject,
                "drill_t": round(new.drill.drill_seconds, 3),
            }
        ),
    }
