"""Reports that arrive together are filed together (group commit).

Every report is written under the database's one write lock, which keeps
case numbers and the audit chain in order; its cost (taking the lock, the
number counter, the chain's head, the roll-up, the commit's flush to disk) is
the same for one report as for twenty. So the API's request threads do not
each take it: the first to arrive files every report waiting at that moment
in one `report_many` transaction, and the others wait for their answer
(leader and followers, no thread of its own). Reports of different accounts
go in separate transactions, since a report is its account's act.

A batch the database refuses as a whole for one report's sake (a domain
refusal, a retry token already used) is filed again one report at a time, so
each report gets its own answer and a good report is never refused for a bad
neighbour. A database that cannot be reached fails the whole batch with the
same error: nothing was written, and each client sends again.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from commandcenter.models import Case
from commandcenter.services.kernel.errors import DomainError
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    from commandcenter.db.database import Database
    from commandcenter.services.cases.api import CaseService, NewCase
    from commandcenter.services.kernel.auth import Actor

MOST = 64
"""Reports in one transaction at most: a burst is filed in a few."""


@dataclass(eq=False)
class _Waiting:
    actor: Actor
    new: NewCase
    filed: tuple[int, str] | None = None
    """The case's id and number, once filed."""
    error: BaseException | None = None
    done: bool = field(default=False)


class GroupFiling:
    """Files reports for many request threads of one process."""

    def __init__(self, db: Database, cases: CaseService) -> None:
        self._db = db
        self._cases = cases
        self._turn = threading.Condition()
        self._waiting: list[_Waiting] = []
        self._leading = False

    def file(self, actor: Actor, new: NewCase) -> tuple[int, str]:
        """File `new` as `actor` with whatever else is waiting; its case's id
        and number, or the error that refused it."""
        mine = _Waiting(actor, new)
        with self._turn:
            self._waiting.append(mine)
            while not mine.done and self._leading:
                self._turn.wait()
            if not mine.done:
                self._leading = True
        if not mine.done:
            self._lead()
        if mine.error is not None:
            raise mine.error
        assert mine.filed is not None
        return mine.filed

    def _lead(self) -> None:
        """File what waits, batch after batch, until nothing does."""
        try:
            while True:
                with self._turn:
                    batch, self._waiting = self._waiting[:MOST], self._waiting[MOST:]
                if not batch:
                    return
                for group in _by_account(batch):
                    self._file(group)
                with self._turn:
                    self._turn.notify_all()
        finally:
            with self._turn:
                self._leading = False
                self._turn.notify_all()

    def _file(self, group: list[_Waiting]) -> None:
        """File `group` and give each its answer: its case, or an error."""
        try:
            filed = self._report(group)
        except (DomainError, IntegrityError) as error:
            if len(group) > 1:  # someone's fault: each on its own
                for waiting in group:
                    self._file([waiting])
                return
            group[0].error = error
        except Exception as error:  # noqa: BLE001 - each waiter raises it
            # the database away (or a fault of ours), maybe after the commit:
            # each client sends again, and its retry token finds its case
            for waiting in group:
                waiting.error = error
        else:
            for waiting, answer in zip(group, filed, strict=True):
                waiting.filed = answer
        for waiting in group:
            waiting.done = True

    def _report(self, group: list[_Waiting]) -> list[tuple[int, str]]:
        """One transaction for the group; the ids and numbers of its cases."""
        changes = self._cases.report_many(group[0].actor, [w.new for w in group])
        ids = changes.ids[EntityKind.CASE]
        with self._db.read() as session:  # one read for the whole batch
            numbers = dict(
                session.execute(
                    select(Case.id, Case.number).where(Case.id.in_(ids))
                ).all()
            )
        return [(case_id, numbers[case_id]) for case_id in ids]


def _by_account(batch: list[_Waiting]) -> list[list[_Waiting]]:
    groups: dict[int, list[_Waiting]] = {}
    for waiting in batch:
        groups.setdefault(waiting.actor.id, []).append(waiting)
    return list(groups.values())
