"""Territory imported by an administrator in the app (PRODUCT §10, §11):
a GIS file read and checked whole into a plan the administration window
previews on the map, then committed as one operation with its event. The
command line (`commandcenter import grids`) runs the same two steps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from commandcenter.services.admin.users import ADMIN_ROLES
from commandcenter.services.territory.api import (
    Layout,
    TerritoryPlan,
    commit_import,
    plan_import,
    read_territory,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from commandcenter.db.database import Database
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.services.territory.api import TerritoryIndex


class TerritoryAdmin:
    """Plan, then commit, a territory file; administrators only."""

    def __init__(self, db: Database, territory: Callable[[], TerritoryIndex]) -> None:
        self._db = db
        self._territory = territory
        """The process's grid index, asked for only when it is needed (its
        first use loads every grid: never on the GUI thread)."""

    def plan(self, actor: Actor, path: Path, layout: Layout) -> TerritoryPlan:
        """Read and check `path`: the areas and the warnings; writes nothing."""
        actor.require(ADMIN_ROLES, "import territory")
        return plan_import(self._db, read_territory(path, layout))

    def stored_grids(self) -> list[Any]:
        """The stored grids' polygons, to draw a plan over."""
        return self._territory().outlines()

    def commit(self, actor: Actor, plan: TerritoryPlan) -> Changes:
        """Write a plan (checked again), and let this process's grid index
        know at once."""
        actor.require(ADMIN_ROLES, "import territory")
        changes = commit_import(self._db, plan, actor.id)
        with self._db.read() as session:
            self._territory().catch_up(session)
        return changes
