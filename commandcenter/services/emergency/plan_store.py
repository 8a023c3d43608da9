"""Plans in the database: each imported version kept whole and never changed.

`plans import FILE` checks a file as `plans check` does, then stores it as a new
version (a domain operation with its `plan.imported` event). An incident is
activated on the latest approved version of its plan and keeps a frozen copy,
so importing version 2.2 changes what the next incident asks for, never a
running one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from commandcenter.models import Department, Plan
from commandcenter.models.types import Role
from commandcenter.services.emergency.plans import (
    PlanFile,
    check_plan,
    load_resources,
    shipped_plans,
)
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.changes import Changes
from commandcenter.services.kernel.errors import NotFoundError, ValidationError
from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.kernel.validated_file import parse_json

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database
    from commandcenter.services.kernel.auth import Actor

IMPORT_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR})


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """An imported plan version, as lists and activation dialogs show it."""

    id: int
    code: str
    version: str
    title: str
    status: str
    review_by: dt.date
    categories: tuple[str, ...]
    plan: PlanFile


def canonical(plan: PlanFile) -> str:
    """The plan as JSON with sorted keys: what is stored, hashed and copied."""
    return json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def plan_of(body: str) -> PlanFile:
    """A stored plan body back as the model (it was valid when stored)."""
    return parse_json(PlanFile, body, "stored plan")


def import_plan(
    db: Database, actor: Actor | None, path: Path, today: dt.date
) -> tuple[Changes | None, StoredPlan]:
    """Check `path` and store it as a new version. Importing the same version with
    the same content again changes nothing (None); with other content it is
    refused: a changed plan is a new version."""
    if actor is not None:
        actor.require(IMPORT_ROLES, "import plans")
    with db.read() as session:
        departments = list(session.execute(select(Department.code)).scalars())
    checked = check_plan(path, departments, load_resources(), today)
    if not checked.usable:
        raise ValidationError(
            f"{path}: {'; '.join(checked.findings)}",
            "plan.refused",
            findings="; ".join(checked.findings),
        )
    plan = checked.plan
    digest = _digest(canonical(plan))
    with db.write() as session:
        existing = session.execute(
            select(Plan).where(Plan.code == plan.code, Plan.version == plan.version)
        ).scalar_one_or_none()
        if existing is not None:
            if existing.sha256 == digest:
                return None, _stored(existing)
            raise ValidationError(
                f"{plan.code} version {plan.version} is already imported with "
                "other content: give the changed plan a new version",
                "plan.version_taken",
                plan=plan.code,
                version=plan.version,
            )
        row, event_id = insert_plan(
            session, plan, path.name, actor.id if actor is not None else None
        )
        stored = _stored(row)
    return Changes.of(EntityKind.PLAN, (stored.id,), event_id), stored


def import_shipped(session: Session, today: dt.date) -> int:
    """The shipped plans into a database being set up (the demo, a first run),
    inside its transaction; how many. A shipped plan that fails its review is a
    fault of the release, refused like any other."""
    departments = list(session.execute(select(Department.code)).scalars())
    resources = load_resources()
    paths = shipped_plans()
    for path in paths:
        checked = check_plan(path, departments, resources, today)
        if not checked.usable:
            raise ValidationError(
                f"{path}: {'; '.join(checked.findings)}",
                "plan.refused",
                findings="; ".join(checked.findings),
            )
        insert_plan(session, checked.plan, path.name, None)
    return len(paths)


def insert_plan(
    session: Session, plan: PlanFile, file_name: str, actor_id: int | None
) -> tuple[Plan, int]:
    """Store a checked plan as a new version with its `plan.imported` event
    (inside a write transaction: the demo imports the shipped plans in its own)."""
    body = canonical(plan)
    digest = _digest(body)
    row = Plan(
        code=plan.code,
        version=plan.version,
        title=plan.title,
        status=plan.status,
        review_by=plan.review_by,
        categories=" ".join(plan.categories),
        body=body,
        sha256=digest,
        imported_at=dt.datetime.now(dt.UTC),
        imported_by=actor_id,
    )
    session.add(row)
    session.flush()
    event_id = event_log.record(
        session,
        "plan.imported",
        EntityKind.PLAN,
        {
            "code": plan.code,
            "version": plan.version,
            "status": plan.status,
            "sha256": digest,
            "file": file_name,
        },
        actor_id=actor_id,
        entity_id=row.id,
        at=row.imported_at,
    )
    return row, event_id


def _stored(row: Plan) -> StoredPlan:
    return StoredPlan(
        row.id,
        row.code,
        row.version,
        row.title,
        row.status,
        row.review_by,
        tuple(row.categories.split()),
        plan_of(row.body),
    )


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def stored_plans(session: Session) -> list[StoredPlan]:
    """The newest version of each plan, by code."""
    newest: dict[str, Plan] = {}
    for row in session.execute(select(Plan)).scalars():
        kept = newest.get(row.code)
        if kept is None or _version_key(row.version) > _version_key(kept.version):
            newest[row.code] = row
    return [_stored(newest[code]) for code in sorted(newest)]


def stored_plan_levels(session: Session) -> dict[str, tuple[str, ...]]:
    """Plan code → the levels of its newest version, for the plans that have an
    approved one (what a drill scenario is reviewed against)."""
    approved = {
        row.code
        for row in session.execute(select(Plan.code).where(Plan.status == "approved"))
    }
    return {
        stored.code: tuple(level.value for level in stored.plan.levels)
        for stored in stored_plans(session)
        if stored.code in approved
    }


def approved_plan(session: Session, code: str) -> Plan:
    """The newest approved version of plan `code` (what activation runs)."""
    rows = [
        row
        for row in session.execute(select(Plan).where(Plan.code == code)).scalars()
        if row.status == "approved"
    ]
    if not rows:
        raise NotFoundError(
            f"plan {code} has no approved version in this database",
            "plan.not_approved",
            plan=code,
        )
    return max(rows, key=lambda row: _version_key(row.version))
