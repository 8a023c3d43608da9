"""Load departments and categories from the editable CSV tables in resources/.

The tables are the 'four fixes' (四定) as data: responsible unit, handling and
verification time limits, priority, self-handling, criteria. Loading validates
every row and writes nothing if any is wrong.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from commandcenter.config import RESOURCES
from commandcenter.models import Area, Category, Department, Setting
from commandcenter.models.types import Family
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.category_attributes import load_file, to_json
from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.kernel.work_calendar import TIME_UNITS, WorkCalendar

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

REFERENCE = RESOURCES / "reference"
DEPARTMENT_FIELDS = ("code", "name_zh", "name_en", "kind", "parent_code", "area_code")
"""The columns of departments.csv."""
CATEGORY_FIELDS = (
    "code",
    "major_name_zh",
    "major_name_en",
    "name_zh",
    "name_en",
    "department",
    "handling_limit",
    "handling_unit",
    "verify_limit",
    "verify_unit",
    "priority",
    "self_handle",
    "registration_criteria",
    "closure_criteria",
)
"""The columns of categories.csv: the four fixes (四定) of each category."""
DEPARTMENT_KINDS = frozenset({"command", "line", "street_office"})


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True, slots=True)
class CatalogSummary:
    departments: int
    categories: int


def reference_department_codes(folder: Path = REFERENCE) -> list[str]:
    """The department codes of the shipped reference table (what a plan may name
    before a district's own table is edited in the app)."""
    return [row["code"] for row in read_csv(folder / "departments.csv")]


def reference_category_codes(folder: Path = REFERENCE) -> list[str]:
    """The category codes of the shipped reference table."""
    return [row["code"] for row in read_csv(folder / "categories.csv")]


@dataclass(frozen=True, slots=True)
class District:
    """The district a database serves: its GB/T 2260 code (6 digits) and name."""

    code: str
    name: str


DISTRICT_SETTING = "district"
"""The setting a real district's first run writes (the demo has none)."""


def district_of(session: Session) -> District | None:
    """The district a database was set up for (None: the demo, or not yet)."""
    stored = session.get(Setting, DISTRICT_SETTING)
    if stored is None:
        return None
    value = json.loads(stored.value)
    return District(value["code"], value["name"])


def load_reference(
    session: Session, folder: Path = REFERENCE, district: District | None = None
) -> CatalogSummary:
    """Departments, categories and the calendar setting, inside a write
    transaction. For a real `district` (not the demo's Xuhui) the shipped
    street offices are left out (its own come with its territory) and the
    command centre takes the district's name."""
    rows = read_csv(folder / "departments.csv")
    if district is not None:
        rows = _for_district(rows, district)
    department_ids = _load_departments(session, rows)
    categories = category_rows(read_csv(folder / "categories.csv"), department_ids)
    _add_questions(categories, folder / "attributes.yaml")
    session.execute(insert(Category), categories)
    calendar = json.loads((folder / "calendar.json").read_text(encoding="utf-8"))
    WorkCalendar.from_config(calendar)  # refuse a broken calendar now, not later
    session.add(Setting(key="calendar", value=json.dumps(calendar, ensure_ascii=False)))
    summary = CatalogSummary(len(department_ids), len(categories))
    event_log.record(
        session,
        "catalog.loaded",
        EntityKind.CATALOG,
        {"departments": summary.departments, "categories": summary.categories},
    )
    return summary


def _for_district(
    rows: list[dict[str, str]], district: District
) -> list[dict[str, str]]:
    kept = []
    for row in rows:
        if row["kind"] == "street_office":
            continue
        if row["kind"] == "command":
            row = {
                **row,
                "name_zh": f"{district.name}城市运行管理中心",
                "area_code": "",  # its territory comes with the import
            }
        kept.append(row)
    return kept


def _load_departments(session: Session, rows: list[dict[str, str]]) -> dict[str, int]:
    area_ids = dict(session.execute(select(Area.code, Area.id)).all())
    ids: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        where = f"departments.csv line {number} ({row.get('code')})"
        if row["kind"] not in DEPARTMENT_KINDS:
            raise ValidationError(f"{where}: unknown kind {row['kind']!r}")
        parent = row["parent_code"] or None
        if parent is not None and parent not in ids:
            raise ValidationError(f"{where}: parent {parent} must come earlier")
        area = row["area_code"] or None
        if area is not None and area not in area_ids:
            raise ValidationError(f"{where}: unknown territory {area}")
        if row["code"] in ids:
            raise ValidationError(f"{where}: duplicate code")
        department = Department(
            code=row["code"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            kind=row["kind"],
            parent_id=ids[parent] if parent else None,
            area_id=area_ids[area] if area else None,
        )
        session.add(department)
        session.flush()
        ids[row["code"]] = department.id
    return ids


def category_rows(
    rows: list[dict[str, str]], department_ids: dict[str, int]
) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        where = f"categories.csv line {number} ({row.get('code')})"
        code = row["code"]
        if len(code) != 5 or code[0] not in {f.value for f in Family}:
            raise ValidationError(f"{where}: code must be C or E + 4 digits")
        if not code[1:].isdigit() or code in seen:
            raise ValidationError(f"{where}: bad or duplicate code")
        seen.add(code)
        department = row["department"] or None
        if department is not None and department not in department_ids:
            raise ValidationError(f"{where}: unknown department {department}")
        if department is None and code[0] == Family.COMPONENT.value:
            raise ValidationError(f"{where}: a component needs its owner department")
        units = {row["handling_unit"], row["verify_unit"]}
        if not units <= TIME_UNITS:
            raise ValidationError(
                f"{where}: time-limit unit must be one of {sorted(TIME_UNITS)}"
            )
        try:
            handling, verify = int(row["handling_limit"]), int(row["verify_limit"])
            priority = int(row["priority"])
        except ValueError as error:
            raise ValidationError(f"{where}: {error}") from error
        if handling <= 0 or verify <= 0 or priority not in (1, 2, 3):
            raise ValidationError(f"{where}: limits must be > 0 and priority 1–3")
        result.append(
            {
                "code": code,
                "family": code[0],
                "major": code[1:3],
                "minor": code[3:5],
                "major_name_zh": row["major_name_zh"],
                "major_name_en": row["major_name_en"],
                "name_zh": row["name_zh"],
                "name_en": row["name_en"],
                "department_id": department_ids[department] if department else None,
                "territorial": department is None,
                "handling_limit": handling,
                "handling_unit": row["handling_unit"],
                "verify_limit": verify,
                "verify_unit": row["verify_unit"],
                "priority": priority,
                "self_handle": row["self_handle"] == "1",
                "registration_criteria": row["registration_criteria"],
                "closure_criteria": row["closure_criteria"],
                "active": True,
            }
        )
    return result


def _add_questions(categories: list[dict[str, Any]], path: Path) -> None:
    """Each category's extra questions (Open311 attributes) from `path`."""
    questions = load_file(path)
    known = {row["code"] for row in categories}
    unknown = sorted(set(questions) - known)
    if unknown:
        raise ValidationError(f"{path.name}: no category {', '.join(unknown)}")
    for row in categories:
        row["attributes"] = to_json(questions.get(row["code"], []))


def load_calendar(session: Session) -> WorkCalendar:
    """The working calendar stored in the `calendar` setting (defaults if absent)."""
    stored = session.get(Setting, "calendar")
    if stored is None:
        return WorkCalendar()
    return WorkCalendar.from_config(json.loads(stored.value))
