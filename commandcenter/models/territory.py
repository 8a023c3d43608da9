"""Territory: district → street → community → unit grid (单元网格)."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from commandcenter.models.base import Base


class Area(Base):
    """One territorial unit at any level; the code grows by 3 digits per level.

    Geometry is WGS84 GeoJSON text so the table works the same on SQLite and
    PostgreSQL; the spatial index is built in memory (services.territory).
    """

    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(15), unique=True)
    level: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"), index=True)
    geometry: Mapped[str] = mapped_column(Text)
    centroid_lon: Mapped[float] = mapped_column(Float)
    centroid_lat: Mapped[float] = mapped_column(Float)
    area_m2: Mapped[float] = mapped_column(Float)
    illustrative: Mapped[bool] = mapped_column(Boolean, default=False)
    """True where the outline is derived, not surveyed (shown as 示意 in the UI)."""
