"""Demo accounts and cameras: who acts in the demo history, what watches the streets."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, aliased

from commandcenter.config import RESOURCES
from commandcenter.models import Area, Camera, Department
from commandcenter.models.types import AreaLevel, Role
from commandcenter.services.kernel.auth import add_user, hash_password

DEMO = RESOURCES / "demo"
CAMERAS_PER_STREET = 5
CAMSIM_PORT = 18554
CAMSIM_URL = f"http://127.0.0.1:{CAMSIM_PORT}"


def demo_config() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (DEMO / "people.json").read_text(encoding="utf-8")
    )
    return data


@dataclass
class Cast:
    """The ids of the accounts that act in the demo history, by what they do."""

    operators: list[int] = field(default_factory=list)
    supervisors: list[int] = field(default_factory=list)
    video: list[int] = field(default_factory=list)
    handler_of_department: dict[int, int] = field(default_factory=dict)
    grid_worker_of_street: dict[int, int] = field(default_factory=dict)

    def enlist(
        self, role: Role, user_id: int, dept: int | None, area: int | None
    ) -> None:
        """Give an account its part in the history according to its role."""
        if role is Role.OPERATOR:
            self.operators.append(user_id)
        elif role is Role.SUPERVISOR:
            self.supervisors.append(user_id)
        elif role is Role.VIDEO_SUPERVISOR:
            self.video.append(user_id)
        elif role is Role.HANDLER and dept is not None:
            self.handler_of_department[dept] = user_id
        elif role is Role.GRID_WORKER and area is not None:
            self.grid_worker_of_street[area] = user_id


def create_accounts(session: Session, config: dict[str, Any]) -> Cast:
    """The published demo accounts plus one handler per department and one grid
    worker per street for the history; all marked is_demo."""
    password_hash = hash_password(config["password"])
    departments = dict(session.execute(select(Department.code, Department.id)).all())
    streets = session.execute(
        select(Area.id, Area.code, Area.name).where(
            Area.level == AreaLevel.STREET.value
        )
    ).all()
    area_ids = {row.code: row.id for row in streets}
    cast = Cast()

    def add(
        name: str, display: str, role: Role, dept: int | None, area: int | None
    ) -> int:
        user = add_user(
            session,
            username=name,
            display_name=display,
            role=role,
            password_hash=password_hash,
            department_id=dept,
            area_id=area,
            is_demo=True,
        )
        return user.id

    for account in config["accounts"]:
        role = Role(account["role"])
        dept = departments[account["department"]] if "department" in account else None
        area = area_ids[account["area"]] if "area" in account else None
        user_id = add(account["username"], account["display_name"], role, dept, area)
        cast.enlist(role, user_id, dept, area)
    for n in range(1, config["history_operators"] + 1):
        cast.operators.append(
            add(f"op{n:02d}", f"受理员{n:02d}", Role.OPERATOR, None, None)
        )
    for n in range(1, config["history_supervisors"] + 1):
        cast.supervisors.append(
            add(f"sup{n:02d}", f"值班长{n:02d}", Role.SUPERVISOR, None, None)
        )
    for code, dept_id in departments.items():
        if dept_id not in cast.handler_of_department:
            cast.handler_of_department[dept_id] = add(
                f"h-{code.lower()}", f"处置员（{code}）", Role.HANDLER, dept_id, None
            )
    for street in streets:
        if street.id not in cast.grid_worker_of_street:
            cast.grid_worker_of_street[street.id] = add(
                f"gw-{street.code[-3:]}",
                f"网格员（{street.name}）",
                Role.GRID_WORKER,
                None,
                street.id,
            )
    return cast


def create_cameras(
    session: Session, config: dict[str, Any], rng: np.random.Generator
) -> int:
    """CAMERAS_PER_STREET cameras per street at well-spread grid centres."""
    streets = session.execute(
        select(Area.id, Area.code, Area.name).where(
            Area.level == AreaLevel.STREET.value
        )
    ).all()
    roads: list[str] = config["roads"]
    rows: list[dict[str, Any]] = []
    for street in streets:
        community = aliased(Area)
        grids = session.execute(
            select(Area.id, Area.centroid_lon, Area.centroid_lat)
            .join(community, community.id == Area.parent_id)
            .where(community.parent_id == street.id, Area.level == AreaLevel.GRID.value)
            .order_by(Area.code)
        ).all()
        picks = np.linspace(0, len(grids) - 1, CAMERAS_PER_STREET).round().astype(int)
        for n, index in enumerate(picks.tolist(), start=1):
            grid = grids[index]
            first, second = rng.choice(len(roads), size=2, replace=False).tolist()
            code = f"CAM{street.code[-3:]}{n:02d}"
            rows.append(
                {
                    "code": code,
                    "name": f"{roads[first]}{roads[second]}路口",
                    "lon": grid.centroid_lon,
                    "lat": grid.centroid_lat,
                    "grid_id": grid.id,
                    "street_id": street.id,
                    "group_name": street.name,
                    "main_url": f"{CAMSIM_URL}/{code}/main.ts",
                    "sub_url": f"{CAMSIM_URL}/{code}/sub.ts",
                    "enabled": True,
                }
            )
    session.execute(insert(Camera), rows)
    return len(rows)
