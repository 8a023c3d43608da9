"""The case loop as domain operations (PRODUCT.md §3).

Every public method is one move: it checks the actor's role, the case's version
(optimistic concurrency) and state, the actor's scope (a handler only touches its own
department's cases; the verifier is never the handler), validates its input, then
writes the case and exactly one event in one transaction and returns `Changes`.
Anything refused raises a `DomainError` subclass and writes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from commandcenter.db.pipeline import Pipeline, pipeline
from commandcenter.models import Attachment, Case, Category, Department
from commandcenter.models.types import CaseState, Role
from commandcenter.services.cases import effects, reporting, rollup, routing
from commandcenter.services.cases.workflow import REPORT_ROLES, TRANSITIONS, Move, check
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.changes import Changes
from commandcenter.services.kernel.errors import (
    ConflictError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.kernel.isolation import check_drill_on, check_same_world

if TYPE_CHECKING:
    from commandcenter.db.database import Database
    from commandcenter.services.cases.reporting import NewCase
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.calendar_source import CalendarSource
    from commandcenter.services.kernel.work_calendar import WorkCalendar
    from commandcenter.services.territory.api import GridRef, TerritoryIndex

Clock = Callable[[], datetime]
Apply = Callable[[Session, Case, datetime], "effects.Effect"]

MAX_POSTPONE_HOURS = 30 * 24
_SCOPED_TO_DEPARTMENT = frozenset(
    {
        Move.ACCEPT,
        Move.RETURN,
        Move.FEEDBACK,
        Move.POSTPONE_REQUEST,
        Move.ATTACH,
        Move.COMMENT,
    }
)


def utc_now() -> datetime:
    return datetime.now(UTC)


def _attachments(
    session: Session, case_id: int, new: NewCase, actor_id: int, now: datetime
) -> dict[str, Any]:
    """Store a report's files with the case; what its event says of them."""
    stored = [
        Attachment(
            case_id=case_id,
            filename=a.filename.strip(),
            media_type=a.media_type,
            size=len(a.data),
            sha256=hashlib.sha256(a.data).hexdigest(),
            data=a.data,
            added_at=now,
            added_by=actor_id,
        )
        for a in new.attachments
    ]
    session.add_all(stored)
    session.flush()
    return {
        "attachments": [
            {"attachment": a.id, "filename": a.filename, "sha256": a.sha256}
            for a in stored
        ]
    }


class CaseService:
    """All moves on cases for one database."""

    def __init__(
        self,
        db: Database,
        territory: TerritoryIndex,
        calendars: CalendarSource,
        clock: Clock = utc_now,
    ) -> None:
        self._db = db
        self._territory = territory
        self._calendars = calendars
        self._clock = clock

    @property
    def calendar(self) -> WorkCalendar:
        return self._calendars.get()

    # -- reporting -------------------------------------------------------------

    def report(self, actor: Actor, new: NewCase) -> Changes:
        """Report a new case (上报), with its photos if it has any."""
        return self.report_many(actor, [new])

    def report_many(self, actor: Actor, news: Sequence[NewCase]) -> Changes:
        """Report many cases in one transaction: all are written, or none."""
        return self.file_reports(actor, news).changes

    def file_reports(
        self,
        actor: Actor,
        news: Sequence[NewCase],
        precondition: reporting.Precondition | None = None,
    ) -> reporting.Reported:
        """`report_many`, with the cases' numbers, and `precondition`
        checked under the write lock before anything is written."""
        actor.require(REPORT_ROLES, "report cases")
        if not news:
            raise ValidationError("nothing to report")
        now = self._clock()
        zone = self.calendar.zone  # loaded before the write lock is taken
        day = now.astimezone(zone).strftime("%Y%m%d")

        def ask(pipe: Pipeline) -> tuple[reporting.Ahead, Callable[[], None]]:
            ahead = reporting.Ahead.ask(pipe, news, day)
            check = (lambda: None) if precondition is None else precondition.ask(pipe)
            return ahead, check

        with self._db.write_asking(ask) as (session, (ahead, check)):
            check()
            categories = ahead.categories()
            for drill_id in {n.drill.drill_id for n in news if n.drill is not None}:
                check_drill_on(session, drill_id)
            grids = reporting.validate(session, news, categories, self._territory)
            rows = [
                reporting.case_row(
                    new,
                    grid,
                    categories[new.category_code],
                    number,
                    actor.id,
                    now,
                    reporting.answers_of(new, categories[new.category_code], zone),
                )
                for new, grid, number in zip(
                    news, grids, ahead.numbers(news), strict=True
                )
            ]
            ids = ahead.case_ids(len(rows))
            numbers = tuple(row["number"] for row in rows)
            photos = any(new.attachments for new in news)
            with pipeline(session):  # one round trip, unless photos come too
                reporting.insert_cases(session, rows, first=ids[0])
                reporting.insert_receipts(session, ids, news)
                rollup.record_new(session, rows, zone)
                if not photos:
                    event_id = self._log_reports(
                        session, actor, now, ids, rows, news, grids, ahead.head(), {}
                    )
            if photos:  # stored through the ORM, which reads their ids back
                files = {
                    case_id: _attachments(session, case_id, new, actor.id, now)
                    for case_id, new in zip(ids, news, strict=True)
                    if new.attachments
                }
                event_id = self._log_reports(
                    session, actor, now, ids, rows, news, grids, ahead.head(), files
                )
        changes = Changes.of(EntityKind.CASE, tuple(ids), event_id, events=len(ids))
        return reporting.Reported(changes, numbers)

    @staticmethod
    def _log_reports(
        session: Session,
        actor: Actor,
        now: datetime,
        ids: Sequence[int],
        rows: Sequence[dict[str, Any]],
        news: Sequence[NewCase],
        grids: Sequence[GridRef],
        head: event_log.ChainHead,
        files: dict[int, dict[str, Any]],
    ) -> int:
        """The events of newly reported cases; the last one's id."""
        return event_log.append(
            session,
            [
                event_log.NewEvent(
                    now,
                    actor.id,
                    Move.REPORT.event_kind,
                    EntityKind.CASE,
                    case_id,
                    {
                        **reporting.report_payload(row, new, grid),
                        **files.get(case_id, {}),
                    },
                )
                for case_id, row, new, grid in zip(ids, rows, news, grids, strict=True)
            ],
            head,
        )

    # -- the machinery of every move ---------------------------------------------

    def _move(
        self,
        actor: Actor,
        case_id: int,
        version: int,
        move: Move,
        apply: Apply,
        also: tuple[int, ...] = (),
    ) -> Changes:
        """Check, apply the move's `Effect` (effects.py) and record its event,
        in one transaction. `also`: other cases the move changes (a merge's
        target), named in the returned `Changes`."""
        transition = TRANSITIONS[move]
        actor.require(transition.roles, f"{move.value} cases")
        now = self._clock()
        calendar = self.calendar  # loaded before the write lock is taken
        with self._db.write() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise NotFoundError(
                    f"no case with id {case_id}", "case.not_found", id=case_id
                )
            if case.version != version:
                raise ConflictError(
                    f"case {case.number} was changed by someone else "
                    f"(now version {case.version}, you had {version}); reload it"
                )
            before = CaseState(case.state)
            check(move, before)
            self._check_scope(actor, case, move)
            counted = rollup.facts_of(session, case)
            # one UPDATE per move: a query inside `apply` must not flush half of it
            # (each flush of a versioned row is another version)
            with session.no_autoflush:
                effect = apply(session, case, now)
                for name, new in effect.changes.items():
                    setattr(case, name, new)
                if transition.target is not None:
                    case.state = transition.target.value
                case.updated_at = now
                flag_modified(case, "updated_at")  # every move is a new version
            try:
                session.flush()
            except StaleDataError as error:
                raise ConflictError(
                    f"case {case.number} was changed meanwhile"
                ) from error
            payload = {
                "number": case.number,
                "from": before.value,
                "to": case.state,
                "version": case.version,
                **effect.details,
            }
            event_id = event_log.record(
                session,
                move.event_kind,
                EntityKind.CASE,
                payload,
                actor_id=actor.id,
                entity_id=case.id,
                at=now,
            )
            session.flush()
            rollup.record_change(
                session, counted, rollup.facts_of(session, case), calendar.zone
            )
        return Changes.of(EntityKind.CASE, (case_id, *also), event_id)

    @staticmethod
    def _check_scope(actor: Actor, case: Case, move: Move) -> None:
        if (
            actor.role is Role.HANDLER
            and move in _SCOPED_TO_DEPARTMENT
            and case.department_id != actor.department_id
        ):
            raise PermissionDeniedError(
                "this case is not assigned to your department", "case.not_yours"
            )
        if move in (Move.VERIFY_OK, Move.VERIFY_FAIL) and case.handled_by == actor.id:
            raise PermissionDeniedError(
                "the one who handled a case may not verify it (监督与处置分离)",
                "case.verifier_handled",
            )

    @staticmethod
    def _category(session: Session, case: Case) -> Category:
        category = session.get(Category, case.category_id)
        assert category is not None, "foreign key guarantees the category"
        return category

    @staticmethod
    def _limits(session: Session, case: Case) -> effects.Limits:
        category = CaseService._category(session, case)
        return effects.Limits(
            (category.handling_limit, category.handling_unit),
            (category.verify_limit, category.verify_unit),
        )

    # -- the moves ------------------------------------------------------------------

    def register(
        self, actor: Actor, case_id: int, version: int, note: str = ""
    ) -> Changes:
        """Register the case (立案)."""
        text = reporting.clean_text(note, "note", required=False)
        return self._move(
            actor,
            case_id,
            version,
            Move.REGISTER,
            lambda _s, _case, now: effects.register(now, text),
        )

    def void(self, actor: Actor, case_id: int, version: int, reason: str) -> Changes:
        """Refuse to register (不予立案); a reason is required."""
        text = reporting.clean_text(reason, "reason")
        return self._move(
            actor,
            case_id,
            version,
            Move.VOID,
            lambda _s, _case, now: effects.void(now, text),
        )

    def dispatch(
        self,
        actor: Actor,
        case_id: int,
        version: int,
        department_id: int | None = None,
        note: str = "",
    ) -> Changes:
        """Dispatch (派遣) to a department: the suggested one unless overridden."""
        text = reporting.clean_text(note, "note", required=False)

        def apply(session: Session, case: Case, now: datetime) -> effects.Effect:
            suggestion = routing.suggest(
                session, self._category(session, case), case.street_id
            )
            chosen = (
                department_id if department_id is not None else suggestion.department_id
            )
            department = session.get(Department, chosen)
            if department is None:
                raise ValidationError(
                    f"no department with id {chosen}", "department.not_found"
                )
            return effects.dispatch(
                now,
                self.calendar,
                self._limits(session, case),
                (department.id, department.code),
                suggested=suggestion.department_id == department.id,
                rule=suggestion.rule.value,
                note=text,
            )

        return self._move(actor, case_id, version, Move.DISPATCH, apply)

    def accept(self, actor: Actor, case_id: int, version: int) -> Changes:
        """The department signs for the case (签收)."""
        return self._move(
            actor,
            case_id,
            version,
            Move.ACCEPT,
            lambda _s, _case, now: effects.accept(now),
        )

    def return_case(
        self, actor: Actor, case_id: int, version: int, reason: str
    ) -> Changes:
        """The department sends the case back (退回), e.g. not its responsibility."""
        text = reporting.clean_text(reason, "reason")

        def apply(session: Session, case: Case, _now: datetime) -> effects.Effect:
            department = session.get(Department, case.department_id)
            code = department.code if department is not None else None
            return effects.return_case(case, text, code)

        return self._move(actor, case_id, version, Move.RETURN, apply)

    def feedback(self, actor: Actor, case_id: int, version: int, note: str) -> Changes:
        """The department reports the handling done (处置反馈)."""
        text = reporting.clean_text(note, "handling report")

        def apply(session: Session, case: Case, now: datetime) -> effects.Effect:
            limits = self._limits(session, case)
            return effects.feedback(case, now, self.calendar, limits, actor.id, text)

        return self._move(actor, case_id, version, Move.FEEDBACK, apply)

    def verify_ok(
        self, actor: Actor, case_id: int, version: int, note: str = ""
    ) -> Changes:
        """Verification passed on site: the case is closed (核查通过, 结案)."""
        text = reporting.clean_text(note, "note", required=False)
        return self._move(
            actor,
            case_id,
            version,
            Move.VERIFY_OK,
            lambda _s, case, now: effects.verify_ok(case, now, self.calendar, text),
        )

    def verify_fail(
        self, actor: Actor, case_id: int, version: int, reason: str
    ) -> Changes:
        """Verification failed: back to the department as rework (返工)."""
        text = reporting.clean_text(reason, "reason")

        def apply(session: Session, case: Case, now: datetime) -> effects.Effect:
            limits = self._limits(session, case)
            return effects.verify_fail(case, now, self.calendar, limits, text)

        return self._move(actor, case_id, version, Move.VERIFY_FAIL, apply)

    def self_handle(
        self, actor: Actor, case_id: int, version: int, note: str
    ) -> Changes:
        """Handle a minor case on the spot and close it (自行处置)."""
        text = reporting.clean_text(note, "handling report")

        def apply(session: Session, case: Case, now: datetime) -> effects.Effect:
            category = self._category(session, case)
            minor = (category.self_handle, category.name_zh)
            return effects.self_handle(case, now, self.calendar, actor.id, text, minor)

        return self._move(actor, case_id, version, Move.SELF_HANDLE, apply)

    def escalate(
        self, actor: Actor, case_id: int, version: int, reason: str
    ) -> Changes:
        """Raise the handling tier: grid → community → street → district (上报上级)."""
        text = reporting.clean_text(reason, "reason")
        return self._move(
            actor,
            case_id,
            version,
            Move.ESCALATE,
            lambda _s, case, _now: effects.escalate(case, text),
        )

    def urge(self, actor: Actor, case_id: int, version: int, note: str) -> Changes:
        """Urge the department (催办/督办)."""
        text = reporting.clean_text(note, "note")
        return self._move(
            actor,
            case_id,
            version,
            Move.URGE,
            lambda _s, case, _now: effects.urge(case, text),
        )

    def request_postponement(
        self, actor: Actor, case_id: int, version: int, hours: int, reason: str
    ) -> Changes:
        """The department asks for more working hours (申请延期)."""
        text = reporting.clean_text(reason, "reason")
        if not 1 <= hours <= MAX_POSTPONE_HOURS:
            raise ValidationError(
                f"postponement must be 1 to {MAX_POSTPONE_HOURS} hours",
                "case.postpone_hours",
                most=MAX_POSTPONE_HOURS,
            )
        return self._move(
            actor,
            case_id,
            version,
            Move.POSTPONE_REQUEST,
            lambda _s, case, _now: effects.request_postponement(case, hours, text),
        )

    def approve_postponement(
        self, actor: Actor, case_id: int, version: int, note: str = ""
    ) -> Changes:
        """Grant the pending request: the deadline moves by the hours (批准延期)."""
        text = reporting.clean_text(note, "note", required=False)
        return self._move(
            actor,
            case_id,
            version,
            Move.POSTPONE_APPROVE,
            lambda _s, case, _now: effects.approve_postponement(
                case, self.calendar, text
            ),
        )

    def deny_postponement(
        self, actor: Actor, case_id: int, version: int, reason: str
    ) -> Changes:
        """Refuse the pending request (驳回延期)."""
        text = reporting.clean_text(reason, "reason")
        return self._move(
            actor,
            case_id,
            version,
            Move.POSTPONE_DENY,
            lambda _s, case, _now: effects.deny_postponement(case, text),
        )

    def suspend(self, actor: Actor, case_id: int, version: int, reason: str) -> Changes:
        """Put into the long-term ledger (挂账): the deadline clock stops."""
        text = reporting.clean_text(reason, "reason")
        return self._move(
            actor,
            case_id,
            version,
            Move.SUSPEND,
            lambda _s, case, now: effects.suspend(case, now, text),
        )

    def reopen(
        self, actor: Actor, case_id: int, version: int, note: str = ""
    ) -> Changes:
        """Take out of the ledger; deadlines move by the working time suspended."""
        text = reporting.clean_text(note, "note", required=False)
        return self._move(
            actor,
            case_id,
            version,
            Move.REOPEN,
            lambda _s, case, now: effects.reopen(case, now, self.calendar, text),
        )

    def merge(
        self, actor: Actor, case_id: int, version: int, into_id: int, note: str = ""
    ) -> Changes:
        """Merge a duplicate report into an open case; the report is kept (合并)."""
        text = reporting.clean_text(note, "note", required=False)

        def apply(session: Session, case: Case, _now: datetime) -> effects.Effect:
            target = session.get(Case, into_id)
            if target is None:
                raise NotFoundError(
                    f"no case with id {into_id}", "case.not_found", id=into_id
                )
            if target.id == case.id:
                raise ValidationError(
                    "a case cannot be merged into itself", "case.merge_self"
                )
            if target.state in (CaseState.MERGED, CaseState.CLOSED, CaseState.VOIDED):
                raise InvalidTransitionError(
                    f"case {target.number} is {target.state}",
                    "case.merge_target",
                    number=target.number,
                    state=target.state,
                )
            check_same_world(case.drill_id, target.drill_id, "merge")
            return effects.merge((target.id, target.number), text)

        return self._move(actor, case_id, version, Move.MERGE, apply, also=(into_id,))

    def attach(
        self,
        actor: Actor,
        case_id: int,
        version: int,
        filename: str,
        media_type: str,
        data: bytes,
    ) -> Changes:
        """Attach a photo or document (附件)."""
        name = reporting.check_attachment(filename, media_type, data)
        digest = hashlib.sha256(data).hexdigest()

        def apply(session: Session, case: Case, now: datetime) -> effects.Effect:
            attachment = Attachment(
                case_id=case.id,
                filename=name,
                media_type=media_type,
                size=len(data),
                sha256=digest,
                data=data,
                added_at=now,
                added_by=actor.id,
            )
            session.add(attachment)
            session.flush()
            details = {"attachment": attachment.id, "filename": name, "sha256": digest}
            return effects.Effect({}, details)

        return self._move(actor, case_id, version, Move.ATTACH, apply)

    def comment(self, actor: Actor, case_id: int, version: int, text: str) -> Changes:
        """Add a remark to the timeline (备注)."""
        body = reporting.clean_text(text, "comment")
        return self._move(
            actor,
            case_id,
            version,
            Move.COMMENT,
            lambda _s, _case, _now: effects.comment(body),
        )
