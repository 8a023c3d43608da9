"""Departments (处置部门) and case categories (管理部件和事件): data, not code."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from commandcenter.models.base import Base


class Department(Base):
    """A handling unit in a tree (委办局 → 科室), maybe answering for a territory."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))  # street_office | line | command
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"), index=True)
    """The territory it answers for (属地), e.g. a street office's street."""


class Category(Base):
    """One minor class; carries the 'four fixes' (四定) as editable data."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)  # family + major + minor
    family: Mapped[str] = mapped_column(String(1))
    major: Mapped[str] = mapped_column(String(2))
    minor: Mapped[str] = mapped_column(String(2))
    major_name_zh: Mapped[str] = mapped_column(String(50))
    major_name_en: Mapped[str] = mapped_column(String(80))
    name_zh: Mapped[str] = mapped_column(String(50))
    name_en: Mapped[str] = mapped_column(String(80))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    """The owner (部件按属主) or fixed handler; None when routed to the territory."""
    territorial: Mapped[bool] = mapped_column(Boolean, default=False)
    """Events handled by the street office of the place (事件按属地)."""
    handling_limit: Mapped[int] = mapped_column(Integer)
    handling_unit: Mapped[str] = mapped_column(String(12))  # hour|day|clock_hour
    verify_limit: Mapped[int] = mapped_column(Integer)
    verify_unit: Mapped[str] = mapped_column(String(12))
    priority: Mapped[int] = mapped_column(Integer)  # 1 紧急, 2 重要, 3 一般
    self_handle: Mapped[bool] = mapped_column(Boolean)
    registration_criteria: Mapped[str] = mapped_column(Text)
    closure_criteria: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    attributes: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    """Its extra questions (Open311 service attributes), as JSON:
    services/cases/attributes.py."""
