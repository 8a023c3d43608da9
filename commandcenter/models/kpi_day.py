"""Daily roll-up of the evaluation counts (services/cases/rollup.py)."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from commandcenter.models.base import Base


class KpiDay(Base):
    """The counts of one slice value on one district day, kept in step with the
    cases in the same transaction as every change, so a month is 31 rows a key."""

    __tablename__ = "kpi_days"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD
    slice: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    reported: Mapped[int] = mapped_column(Integer, default=0)
    registered: Mapped[int] = mapped_column(Integer, default=0)
    voided: Mapped[int] = mapped_column(Integer, default=0)
    dispatched: Mapped[int] = mapped_column(Integer, default=0)
    closed: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[int] = mapped_column(Integer, default=0)
    returned: Mapped[int] = mapped_column(Integer, default=0)
    reworked: Mapped[int] = mapped_column(Integer, default=0)
    closures_due: Mapped[int] = mapped_column(Integer, default=0)
    postponed: Mapped[int] = mapped_column(Integer, default=0)
    closed_due: Mapped[int] = mapped_column(Integer, default=0)
    on_time: Mapped[int] = mapped_column(Integer, default=0)
    reworked_due: Mapped[int] = mapped_column(Integer, default=0)
