"""Routing suggestion: who should handle a case, and why (部件按属主, 事件按属地)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import select

from commandcenter.models import Area, Category, Department
from commandcenter.models.types import Family

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class RouteRule(StrEnum):
    OWNER = "owner"  # 部件按属主: a component goes to its owner
    TERRITORY = "territory"  # 事件按属地: an event goes to the street of the place
    CATEGORY = "category"  # an event whose category names a fixed department


@dataclass(frozen=True, slots=True)
class RouteSuggestion:
    """The proposed department and the reason, for the operator to confirm."""

    department_id: int
    department_name: str
    rule: RouteRule
    reason: str


def suggest(session: Session, category: Category, street_id: int) -> RouteSuggestion:
    """Propose the department for a case of `category` in the street `street_id`."""
    if category.family == Family.COMPONENT.value or not category.territorial:
        department = session.get(Department, category.department_id)
        assert department is not None, "catalog guarantees a department"
        rule = (
            RouteRule.OWNER
            if category.family == Family.COMPONENT.value
            else RouteRule.CATEGORY
        )
        prefix = "部件按属主" if rule is RouteRule.OWNER else "按类别责任单位"
        return RouteSuggestion(
            department.id,
            department.name_zh,
            rule,
            f"{prefix}：{category.name_zh} → {department.name_zh}",
        )
    street = session.get(Area, street_id)
    office = session.execute(
        select(Department).where(
            Department.area_id == street_id, Department.kind == "street_office"
        )
    ).scalar_one_or_none()
    if office is None or street is None:
        office = session.execute(
            select(Department).where(Department.kind == "command")
        ).scalar_one()
        return RouteSuggestion(
            office.id,
            office.name_zh,
            RouteRule.TERRITORY,
            f"事件按属地：所在街道无责任单位，交 {office.name_zh}",
        )
    return RouteSuggestion(
        office.id,
        office.name_zh,
        RouteRule.TERRITORY,
        f"事件按属地：{category.name_zh} 位于 {street.name} → {office.name_zh}",
    )
