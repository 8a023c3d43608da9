"""Reference data edited by administrators (PRODUCT §4, §11): each
category's four fixes (department, time limits, priority, self-handling,
criteria), the departments, and the working calendar's own holidays and
make-up days. Each change is a domain operation with its event.

The CSV files of `resources/reference/` are the interchange: `export`
writes the district's tables in that form, `import` reads them back whole
(a department or category changed, one added; nothing removed, since cases
keep pointing at them), so a district can edit them in a spreadsheet.

Time limits apply to cases dispatched after the change: a case's deadline
is set when it is dispatched and is never rewritten by an edit here.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from commandcenter.models import Area, Category, Department, Setting
from commandcenter.services.admin.users import ADMIN_ROLES
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.calendar_source import CALENDAR_CHANGED
from commandcenter.services.kernel.catalog import (
    CATEGORY_FIELDS,
    DEPARTMENT_FIELDS,
    DEPARTMENT_KINDS,
    category_rows,
    read_csv,
)
from commandcenter.services.kernel.errors import ConflictError, ValidationError
from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.kernel.work_calendar import WorkCalendar

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable
    from pathlib import Path

    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.calendar_source import CalendarSource

FIXES = CATEGORY_FIELDS[CATEGORY_FIELDS.index("department") :]
"""What an administrator edits of a category (its code and names stay)."""
DayKind = str  # "holiday" | "workday"
_COLUMN = {"parent_id": "parent_code", "area_id": "area_code"}
"""A department's columns by the CSV's names."""


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import changed."""

    departments_added: tuple[str, ...]
    departments_changed: tuple[str, ...]
    categories_added: tuple[str, ...]
    categories_changed: tuple[str, ...]
    calendar_changed: bool

    def lines(self) -> list[str]:
        said = [
            ("departments added", self.departments_added),
            ("departments changed", self.departments_changed),
            ("categories added", self.categories_added),
            ("categories changed", self.categories_changed),
        ]
        lines = [f"{what}: {', '.join(codes)}" for what, codes in said if codes]
        if self.calendar_changed:
            lines.append("the calendar changed")
        return lines or ["nothing changed"]


class ReferenceAdmin:
    """The administrator's reference-data operations."""

    def __init__(
        self, db: Database, calendars: CalendarSource, clock: Callable[[], dt.datetime]
    ) -> None:
        self._db = db
        self._calendars = calendars
        self._clock = clock

    # -- categories ------------------------------------------------------------------

    def categories(self, actor: Actor) -> list[dict[str, str]]:
        """Every category as its categories.csv row."""
        actor.require(ADMIN_ROLES, "edit reference data")
        with self._db.read() as session:
            return _category_csv(session)

    def edit_category(
        self,
        actor: Actor,
        code: str,
        fixes: dict[str, str],
        seen: dict[str, str],
    ) -> None:
        """New fixes for a category (CSV values, e.g. handling_limit "4"),
        refused as a conflict if it changed since the editor read it (`seen`:
        the row as read)."""
        actor.require(ADMIN_ROLES, "edit reference data")
        unknown = set(fixes) - set(FIXES)
        if unknown:
            raise ValidationError(
                f"not a fix of a category: {', '.join(sorted(unknown))}"
            )
        with self._db.write() as session:
            rows = {row["code"]: row for row in _category_csv(session)}
            current = rows.get(code)
            if current is None:
                raise ValidationError(f"no category {code!r}", "reference.unknown")
            if any(current[key] != seen.get(key) for key in FIXES):
                raise ConflictError(f"category {code} was changed meanwhile")
            changed = {**current, **{k: str(v).strip() for k, v in fixes.items()}}
            self._write_categories(session, actor, [changed], rows)

    # -- departments -------------------------------------------------------------------

    def departments(self, actor: Actor) -> list[dict[str, str]]:
        """Every department as its departments.csv row."""
        actor.require(ADMIN_ROLES, "edit reference data")
        with self._db.read() as session:
            return _department_csv(session)

    def save_department(self, actor: Actor, row: dict[str, str]) -> None:
        """Add a department, or change one's names, kind, parent or territory."""
        actor.require(ADMIN_ROLES, "edit reference data")
        with self._db.write() as session:
            self._write_departments(session, actor, [row])

    # -- calendar ----------------------------------------------------------------------

    def calendar(self, actor: Actor) -> dict[str, Any]:
        """The calendar setting (its own holidays and make-up days among it)."""
        actor.require(ADMIN_ROLES, "edit reference data")
        with self._db.read() as session:
            return _calendar_config(session)

    def set_day(self, actor: Actor, day: dt.date, kind: DayKind | None) -> None:
        """Make `day` a holiday or a make-up working day of the district's
        own (for a year `chinese-calendar` does not know yet, or a local
        change), or (None) take it off both lists."""
        actor.require(ADMIN_ROLES, "edit reference data")
        if kind not in ("holiday", "workday", None):
            raise ValidationError(f"a day is a holiday or a workday, not {kind!r}")
        with self._db.write() as session:
            config = _calendar_config(session)
            text = day.isoformat()
            holidays = set(config.get("extra_holidays", [])) - {text}
            workdays = set(config.get("extra_workdays", [])) - {text}
            if kind == "holiday":
                holidays.add(text)
            elif kind == "workday":
                workdays.add(text)
            config["extra_holidays"] = sorted(holidays)
            config["extra_workdays"] = sorted(workdays)
            self._write_calendar(session, actor, config)
        self._calendars.refresh()

    # -- the CSV round trip ------------------------------------------------------------

    def export(self, folder: Path) -> list[Path]:
        """The district's tables as departments.csv, categories.csv and
        calendar.json in `folder` (the server's command line: no actor)."""
        folder.mkdir(parents=True, exist_ok=True)
        with self._db.read() as session:
            tables = (
                ("departments.csv", DEPARTMENT_FIELDS, _department_csv(session)),
                ("categories.csv", CATEGORY_FIELDS, _category_csv(session)),
            )
            calendar = _calendar_config(session)
        written = []
        for name, fields, rows in tables:
            path = folder / name
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=fields)
                writer.writeheader()
                writer.writerows(rows)
            written.append(path)
        path = folder / "calendar.json"
        path.write_text(
            json.dumps(calendar, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return [*written, path]

    def import_(self, actor: Actor, folder: Path) -> Imported:
        """The tables in `folder` (as `export` writes them), checked whole and
        applied in one transaction: each change an event. Nothing is removed."""
        actor.require(ADMIN_ROLES, "edit reference data")
        departments = _read(folder / "departments.csv", DEPARTMENT_FIELDS)
        categories = _read(folder / "categories.csv", CATEGORY_FIELDS)
        try:
            calendar = json.loads(
                (folder / "calendar.json").read_text(encoding="utf-8")
            )
        except FileNotFoundError as error:
            raise ValidationError(
                f"{folder / 'calendar.json'}: no such file"
            ) from error
        except json.JSONDecodeError as error:
            raise ValidationError(f"calendar.json: not JSON ({error})") from error
        with self._db.write() as session:
            added_d, changed_d = self._write_departments(session, actor, departments)
            before = {row["code"]: row for row in _category_csv(session)}
            added_c, changed_c = self._write_categories(
                session, actor, categories, before
            )
            calendar_changed = calendar != _calendar_config(session)
            if calendar_changed:
                self._write_calendar(session, actor, calendar)
        if calendar_changed:
            self._calendars.refresh()
        return Imported(added_d, changed_d, added_c, changed_c, calendar_changed)

    # -- writing -----------------------------------------------------------------------

    def _write_departments(
        self, session: Session, actor: Actor, rows: list[dict[str, str]]
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        stored = {d.code: d for d in session.execute(select(Department)).scalars()}
        areas = dict(session.execute(select(Area.code, Area.id)).all())
        added: list[str] = []
        changed: list[str] = []
        for number, row in enumerate(rows, start=2):
            where = f"departments.csv line {number} ({row.get('code')})"
            values = _department_values(row, where, stored, areas)
            department = stored.get(row["code"])
            if department is None:
                department = Department(code=row["code"], **values)
                session.add(department)
                session.flush()
                stored[row["code"]] = department
                kind = "catalog.department_added"
                payload: dict[str, Any] = {"code": row["code"]}
                added.append(row["code"])
            else:
                before = {k: getattr(department, k) for k in values}
                if before == values:
                    continue
                for key, value in values.items():
                    setattr(department, key, value)
                kind = "catalog.department_changed"
                payload = {
                    "code": row["code"],
                    "fields": sorted(
                        _COLUMN.get(k, k) for k in values if before[k] != values[k]
                    ),
                }
                changed.append(row["code"])
            self._record(session, actor, kind, EntityKind.CATALOG, payload)
        return tuple(added), tuple(changed)

    def _write_categories(
        self,
        session: Session,
        actor: Actor,
        rows: list[dict[str, str]],
        before: dict[str, dict[str, str]],
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        department_ids = dict(
            session.execute(select(Department.code, Department.id)).all()
        )
        checked = category_rows(rows, department_ids)  # every row, or none
        stored = {c.code: c for c in session.execute(select(Category)).scalars()}
        added: list[str] = []
        changed: list[str] = []
        for row, values in zip(rows, checked, strict=True):
            code = values["code"]
            category = stored.get(code)
            if category is None:
                session.execute(insert(Category), [values])
                self._record(
                    session,
                    actor,
                    "catalog.category_added",
                    EntityKind.CATALOG,
                    {"code": code},
                )
                added.append(code)
                continue
            fields = sorted(
                key for key in CATEGORY_FIELDS if before[code].get(key) != row.get(key)
            )
            if not fields:
                continue
            for key, value in values.items():
                if key not in ("active", "attributes"):
                    setattr(category, key, value)
            self._record(
                session,
                actor,
                "catalog.category_changed",
                EntityKind.CATALOG,
                {"code": code, "fields": fields},
            )
            changed.append(code)
        return tuple(added), tuple(changed)

    def _write_calendar(
        self, session: Session, actor: Actor, config: dict[str, Any]
    ) -> None:
        WorkCalendar.from_config(config)  # refuse a broken calendar now
        stored = session.get(Setting, "calendar")
        value = json.dumps(config, ensure_ascii=False)
        if stored is None:
            session.add(Setting(key="calendar", value=value))
        else:
            stored.value = value
        self._record(
            session,
            actor,
            CALENDAR_CHANGED,
            EntityKind.SETTING,
            {
                "extra_holidays": len(config.get("extra_holidays", [])),
                "extra_workdays": len(config.get("extra_workdays", [])),
            },
        )

    def _record(
        self,
        session: Session,
        actor: Actor,
        kind: str,
        entity: EntityKind,
        payload: dict[str, Any],
    ) -> None:
        event_log.record(
            session, kind, entity, payload, actor_id=actor.id, at=self._clock()
        )


def _read(path: Path, fields: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        rows = read_csv(path)
    except FileNotFoundError as error:
        raise ValidationError(f"{path}: no such file") from error
    except UnicodeDecodeError as error:
        raise ValidationError(f"{path.name}: not UTF-8 text ({error})") from error
    header = set(rows[0]) if rows else set()
    missing = [field for field in fields if field not in header]
    if rows and missing:
        raise ValidationError(f"{path.name}: no column {', '.join(missing)}")
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in rows]


def _department_values(
    row: dict[str, str],
    where: str,
    stored: dict[str, Department],
    areas: dict[str, int],
) -> dict[str, Any]:
    if not row.get("code") or not row.get("name_zh"):
        raise ValidationError(f"{where}: a department needs a code and a name")
    if row["kind"] not in DEPARTMENT_KINDS:
        raise ValidationError(
            f"{where}: kind is one of {', '.join(sorted(DEPARTMENT_KINDS))}"
        )
    parent = row.get("parent_code") or None
    if parent is not None and (parent not in stored or parent == row["code"]):
        raise ValidationError(f"{where}: unknown parent {parent}")
    area = row.get("area_code") or None
    if area is not None and area not in areas:
        raise ValidationError(f"{where}: unknown territory {area}")
    return {
        "name_zh": row["name_zh"],
        "name_en": row.get("name_en") or row["name_zh"],
        "kind": row["kind"],
        "parent_id": stored[parent].id if parent else None,
        "area_id": areas[area] if area else None,
    }


def _department_csv(session: Session) -> list[dict[str, str]]:
    departments = list(
        session.execute(select(Department).order_by(Department.id)).scalars()
    )
    codes = {d.id: d.code for d in departments}
    areas = dict(session.execute(select(Area.id, Area.code)).all())
    return [
        {
            "code": d.code,
            "name_zh": d.name_zh,
            "name_en": d.name_en,
            "kind": d.kind,
            "parent_code": codes.get(d.parent_id or 0, ""),
            "area_code": areas.get(d.area_id or 0, ""),
        }
        for d in departments
    ]


def _category_csv(session: Session) -> list[dict[str, str]]:
    codes = dict(session.execute(select(Department.id, Department.code)).all())
    return [
        {
            "code": c.code,
            "major_name_zh": c.major_name_zh,
            "major_name_en": c.major_name_en,
            "name_zh": c.name_zh,
            "name_en": c.name_en,
            "department": codes.get(c.department_id or 0, ""),
            "handling_limit": str(c.handling_limit),
            "handling_unit": c.handling_unit,
            "verify_limit": str(c.verify_limit),
            "verify_unit": c.verify_unit,
            "priority": str(c.priority),
            "self_handle": "1" if c.self_handle else "0",
            "registration_criteria": c.registration_criteria,
            "closure_criteria": c.closure_criteria,
        }
        for c in session.execute(select(Category).order_by(Category.code)).scalars()
    ]


def _calendar_config(session: Session) -> dict[str, Any]:
    stored = session.get(Setting, "calendar")
    return {} if stored is None else dict(json.loads(stored.value))
