"""Reports that arrive together are filed together (group commit).

Every report is written under the database's one write lock, which keeps
case numbers and the audit chain in order; its cost (taking the lock, the
number counter, the chain's head, the roll-up, the commit's flush to disk) is
the same for one report as for twenty. So the API's request threads do not
each take it: the first to arrive files every report waiting at that moment
in one `report_many` transaction, and the others wait for their answer
(leader and followers, no thread of its own). A leader files one batch and
steps down; one of the reports that arrived meanwhile leads the next.
Reports of different accounts go in separate transactions, since a report is
its account's act. The keys they came with are checked in the transaction
that files them (`keys.StillGood`): a key revoked meanwhile files nothing.

A batch the database refuses as a whole for one report's sake (a domain
refusal, a retry token already used) is filed again one report at a time, so
each report gets its own answer and a good report is never refused for a bad
neighbour. A database that cannot be reached fails the whole batch with the
same error: nothing was written, and each client sends again.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError

from commandcenter.services.intake.keys import StillGood
from commandcenter.services.kernel.errors import DomainError
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    from commandcenter.services.cases.api import CaseService, NewCase
    from commandcenter.services.kernel.auth import Actor

MOST = 64
"""Reports in one transaction at most: a burst is filed in a few."""
LINGER_S = 0.003
"""How long a leader waits for company when its last batch had some (several
clients posting at once): each client's next report arrives a moment after
its answer, and a few milliseconds buy one transaction for all of them. A
lone client's report never waits (its last batch was itself)."""


@dataclass(eq=False)
class _Waiting:
    actor: Actor
    key_id: int
    new: NewCase
    filed: tuple[int, str] | None = None
    """The case's id and number, once filed."""
    error: BaseException | None = None
    done: bool = field(default=False)


class GroupFiling:
    """Files reports for many request threads of one process."""

    def __init__(self, cases: CaseService) -> None:
        self._cases = cases
        self._turn = threading.Condition()
        self._waiting: list[_Waiting] = []
        self._leading = False
        self._last_batch = 1

    def file(self, actor: Actor, key_id: int, new: NewCase) -> tuple[int, str]:
        """File `new` as `actor`, sent with the key `key_id`, with whatever
        else is waiting; its case's id and number, or the error that refused it."""
        mine = _Waiting(actor, key_id, new)
        with self._turn:
            self._waiting.append(mine)
            self._turn.notify_all()  # a lingering leader counts its company
        while True:
            with self._turn:
                while not mine.done and self._leading:
                    self._turn.wait()
                if mine.done:
                    break
                self._leading = True
            self._lead()
        if mine.error is not None:
            raise mine.error
        assert mine.filed is not None
        return mine.filed

    def _lead(self) -> None:
        """File one batch, then step down: the leader's own client gets its
        answer at once, and one of those that came meanwhile leads the next."""
        try:
            with self._turn:
                self._linger()
                batch, self._waiting = self._waiting[:MOST], self._waiting[MOST:]
                self._last_batch = max(1, len(batch))
            for group in _by_account(batch):
                self._file(group)
        finally:
            with self._turn:
                self._leading = False
                self._turn.notify_all()

    def _linger(self) -> None:
        """Wait (holding the turn's condition) up to `LINGER_S` for as many
        reports as the last batch had."""
        wanted = min(self._last_batch, MOST)
        deadline = time.monotonic() + LINGER_S
        while self._waiting and len(self._waiting) < wanted:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._turn.wait(left)

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
        reported = self._cases.file_reports(
            group[0].actor,
            [w.new for w in group],
            StillGood(frozenset(w.key_id for w in group)),
        )
        ids = reported.changes.ids[EntityKind.CASE]
        return list(zip(ids, reported.numbers, strict=True))


def _by_account(batch: list[_Waiting]) -> list[list[_Waiting]]:
    groups: dict[int, list[_Waiting]] = {}
    for waiting in batch:
        groups.setdefault(waiting.actor.id, []).append(waiting)
    return list(groups.values())
