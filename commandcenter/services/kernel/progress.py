"""How long work tells how far it has got, without knowing who is watching.

The core reports stages and counts to a `Progress`; the command line draws a bar
with an estimate of the time left (cli/progress.py), the GUI a progress dialog,
a test nothing at all.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Where long work reports how far it has got."""

    def stage(self, name: str, total: int = 0) -> None:
        """A new stage begins; `total` units of work if it is counted."""

    def advance(self, done: int = 1) -> None:
        """`done` more units of the current stage are finished."""


class Silent:
    """Progress for nobody."""

    def stage(self, name: str, total: int = 0) -> None:
        pass

    def advance(self, done: int = 1) -> None:
        pass
