"""Reports sent at once are filed together, each with its own answer: many
request threads, one transaction per batch; a bad report is refused alone;
a key revoked while its report waited files nothing; a database that cannot
be reached fails its batch and writes nothing."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest
from sqlalchemy.exc import OperationalError

from commandcenter.services.cases.api import CaseFilter
from commandcenter.services.intake.api import KeySource
from commandcenter.services.intake.group_filing import GroupFiling
from commandcenter.services.intake.keys import ApiKeys
from commandcenter.services.kernel.errors import AuthenticationError, ValidationError
from tests.services.factories import new_case, place

if TYPE_CHECKING:
    from commandcenter.services.container import Services
    from commandcenter.services.intake.keys import ApiClient


def _count(services: Services) -> int:
    return len(services.queries.find(CaseFilter()))


def _client(services: Services, name: str, username: str) -> ApiClient:
    source = KeySource.GRID_WORKER if username == "gridworker" else KeySource.HOTLINE
    return services.api_keys.authenticate(services.api_keys.add(name, source, username))


def _file(filing: GroupFiling, client: ApiClient, *args: object, **kw: str) -> object:
    assert client.actor is not None
    return filing.file(client.actor, client.id, new_case(*args, **kw))  # type: ignore[arg-type]


def test_reports_at_once_are_filed_together_each_with_its_answer(
    services: Services,
) -> None:
    filing = GroupFiling(services.cases)
    transactions = []
    file_reports = services.cases.file_reports

    def counted(*args: object) -> object:
        transactions.append(len(args[1]))  # type: ignore[arg-type]
        return file_reports(*args)  # type: ignore[arg-type]

    services.cases.file_reports = counted  # type: ignore[method-assign,assignment]
    reporters = [
        _client(services, "gw-app", "gridworker"),
        _client(services, "hotline", "operator"),
    ]
    before = _count(services)
    start = threading.Barrier(16)

    def send(n: int) -> tuple[int, str]:
        start.wait()
        return _file(filing, reporters[n % 2], place(services, n % 9))  # type: ignore[return-value]

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
    filing = GroupFiling(services.cases)
    hotline = _client(services, "hotline", "operator")
    before = _count(services)
    start = threading.Barrier(6)

    def send(n: int) -> object:
        where = place(services, n)
        bad = n == 3
        start.wait()
        try:
            return _file(filing, hotline, where, description="" if bad else "x")
        except ValidationError as error:
            return error

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(send, range(6)))
    assert isinstance(answers[3], ValidationError)
    assert all(isinstance(a, tuple) for i, a in enumerate(answers) if i != 3)
    assert _count(services) == before + 5


def test_a_key_revoked_while_its_report_waited_files_nothing(
    services: Services,
) -> None:
    """The API's process knows the key (its row was read at its first use);
    another process revokes it. The key still says who it is, but the
    transaction that would file with it refuses it, and the reports sent
    with good keys in the same batch are filed."""
    filing = GroupFiling(services.cases)
    good = _client(services, "gw-app", "gridworker")
    token = services.api_keys.add("gw-old-phone", KeySource.GRID_WORKER, "gridworker")
    doomed = services.api_keys.authenticate(token)
    ApiKeys(services.db).revoke("gw-old-phone")  # another process's
    assert services.api_keys.authenticate(token) == doomed  # known here
    with pytest.raises(AuthenticationError):  # a process new to it refuses it
        ApiKeys(services.db).authenticate(token)
    before = _count(services)
    start = threading.Barrier(6)

    def send(n: int) -> object:
        start.wait()
        try:
            return _file(filing, doomed if n % 2 else good, place(services, n))
        except AuthenticationError as error:
            return error

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(send, range(6)))
    assert all(isinstance(a, tuple) for a in answers[0::2])
    assert all(isinstance(a, AuthenticationError) for a in answers[1::2])
    assert _count(services) == before + 3


def test_a_database_away_fails_the_batch_and_writes_nothing(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def away(*_args: object) -> None:
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    hotline = _client(services, "hotline", "operator")
    before = _count(services)
    monkeypatch.setattr(services.cases, "file_reports", away)
    filing = GroupFiling(services.cases)
    with pytest.raises(OperationalError):
        _file(filing, hotline, place(services, 1))
    monkeypatch.undo()
    assert _count(services) == before
