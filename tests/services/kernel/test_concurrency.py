"""Two people moving the same case at once: one wins, the other gets a conflict."""

from __future__ import annotations

import threading

import pytest

from commandcenter.models.types import CaseState
from commandcenter.services.container import Services
from commandcenter.services.kernel.changes import Changes
from commandcenter.services.kernel.errors import ConflictError
from tests.conftest import Backend, Clock
from tests.services.factories import actor, drive_to, version


def test_stale_version_is_a_conflict_and_writes_nothing(services: Services) -> None:
    case_id = drive_to(services, CaseState.REPORTED)
    operator = actor(services, "operator")
    services.cases.register(operator, case_id, 1)
    with pytest.raises(ConflictError, match="changed by someone else"):
        services.cases.void(operator, case_id, 1, "重复")
    row = services.queries.get(case_id)
    assert (row.state, row.version) == (CaseState.REGISTERED, 2)


def test_two_sessions_racing_one_wins(backend: Backend) -> None:
    """Two separate connections (as two workstations) dispatch the same version."""
    first, second = Services(backend.fresh(), Clock()), None
    try:
        case_id = drive_to(first, CaseState.REGISTERED)
        second = Services(backend.another(first.db), Clock())
        seen = version(first, case_id)
        assert version(second, case_id) == seen
        operators = [actor(first, "operator"), actor(second, "supervisor")]
        barrier = threading.Barrier(2)
        outcomes: list[object] = [None, None]

        def race(index: int, services: Services) -> None:
            barrier.wait()
            try:
                outcomes[index] = services.cases.dispatch(
                    operators[index], case_id, seen
                )
            except ConflictError as error:
                outcomes[index] = error

        threads = [
            threading.Thread(target=race, args=(i, s))
            for i, s in enumerate((first, second))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        wins = [o for o in outcomes if isinstance(o, Changes)]
        conflicts = [o for o in outcomes if isinstance(o, ConflictError)]
        assert (len(wins), len(conflicts)) == (1, 1), outcomes
        timeline = first.queries.timeline(case_id)
        assert [e.kind for e in timeline].count("case.dispatch") == 1
        assert version(first, case_id) == seen + 1
    finally:
        first.close()
        if second is not None:
            second.close()
