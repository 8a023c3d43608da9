"""Reports sent at once are filed together, each with its own answer: many
request threads, one transaction per batch; a bad report is refused alone;
a database that cannot be reached fails its batch and writes nothing."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest
from sqlalchemy.exc import OperationalError

from commandcenter.services.cases.api import CaseFilter
from commandcenter.services.intake.group_filing import GroupFiling
from commandcenter.services.kernel.errors import ValidationError
from tests.services.factories import actor, new_case, place

if TYPE_CHECKING:
    from commandcenter.services.container import Services


def _count(services: Services) -> int:
    return len(services.queries.find(CaseFilter()))


def test_reports_at_once_are_filed_together_each_with_its_answer(
    services: Services,
) -> None:
    filing = GroupFiling(services.db, services.cases)
    transactions = []
    report_many = services.cases.report_many

    def counted(*args: object) -> object:
        transactions.append(len(args[1]))  # type: ignore[arg-type]
        return report_many(*args)  # type: ignore[arg-type]

    services.cases.report_many = counted  # type: ignore[method-assign]
    reporters = [actor(services, "gridworker"), actor(services, "operator")]
    before = _count(services)
    start = threading.Barrier(16)

    def send(n: int) -> tuple[int, str]:
        start.wait()
        return filing.file(reporters[n % 2], new_case(place(services, n % 9)))

    with ThreadPoolExecutor(16) as pool:
        filed = list(pool.map(send, range(16)))
    ids = [case_id for case_id, _number in filed]
    assert len(set(ids)) == 16
    assert _count(services) == before + 16
    assert sum(transactions) == 16
    assert len(transactions) < 16  # some went together
    rows = {r.id: r for r in services.queries.find(CaseFilter())}
    assert {rows[i].description for i in ids} == {"人行道上摆放了三块广告牌"}
    assert all(rows[i].number == number for i, number in filed)


def test_a_bad_report_is_refused_alone(services: Services) -> None:
    filing = GroupFiling(services.db, services.cases)
    operator = actor(services, "operator")
    before = _count(services)
    start = threading.Barrier(6)

    def send(n: int) -> tuple[int, str] | BaseException:
        where = place(services, n)
        bad = n == 3
        start.wait()
        try:
            return filing.file(
                operator, new_case(where, description="" if bad else "x")
            )
        except ValidationError as error:
            return error

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(send, range(6)))
    assert isinstance(answers[3], ValidationError)
    assert all(isinstance(a, tuple) for i, a in enumerate(answers) if i != 3)
    assert _count(services) == before + 5


def test_a_database_away_fails_the_batch_and_writes_nothing(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def away(*_args: object) -> None:
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(services.cases, "report_many", away)
    filing = GroupFiling(services.db, services.cases)
    with pytest.raises(OperationalError):
        filing.file(actor(services, "operator"), new_case(place(services, 1)))


def test_a_batch_whose_answer_is_lost_after_the_commit_fails_every_report(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database goes away between the commit and reading the numbers:
    every report of the batch gets the database's error (a 503, to send
    again with its retry token), none an answer that is not one."""
    filing = GroupFiling(services.db, services.cases)
    report_many = services.cases.report_many
    start = threading.Barrier(4)
    filed = threading.Event()

    def then_away(*args: object) -> object:
        result = report_many(*args)  # type: ignore[arg-type]
        filed.set()
        return result

    def away() -> None:
        raise OperationalError("SELECT", {}, Exception("server closed the connection"))

    operator = actor(services, "operator")
    where = place(services, 2)
    filing.file(operator, new_case(where))  # the territory and calendar loaded
    monkeypatch.setattr(services.cases, "report_many", then_away)
    monkeypatch.setattr(services.db, "read", away)

    def send(_n: int) -> BaseException | None:
        start.wait()
        try:
            filing.file(operator, new_case(where))
        except OperationalError as error:
            return error
        return None

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(send, range(4)))
    assert filed.is_set()
    assert all(isinstance(a, OperationalError) for a in answers)
