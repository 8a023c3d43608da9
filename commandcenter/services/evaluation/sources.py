"""What the evaluation reads, as a protocol: the container (`Services`) sits
above every feature and provides it, so evaluation never imports the container
(ARCHITECTURE §1, features inside services)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from commandcenter.db.database import Database
    from commandcenter.services.cases.api import CaseQueries
    from commandcenter.services.evaluation.kpi import Kpis


class EvaluationSources(Protocol):
    """The KPI engine, the case queries, the database and the clock."""

    @property
    def db(self) -> Database: ...

    @property
    def clock(self) -> Callable[[], datetime]: ...

    @property
    def kpis(self) -> Kpis: ...

    @property
    def queries(self) -> CaseQueries: ...
