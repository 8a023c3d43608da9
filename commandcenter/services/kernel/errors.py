"""Typed domain errors. Each one means: nothing was written.

`str(error)` is the English sentence the command line prints and the log keeps.
`code` and `params` say the same for the screens, which put it into the UI's
language (views/kernel/operation_dialog.py); an error without a code is shown
with its English sentence under a translated heading.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every refusal a service makes; the message is for the user."""

    def __init__(self, message: str, code: str = "", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class ValidationError(DomainError):
    """The input is malformed or incomplete (a missing reason, a bad coordinate…)."""


class PermissionDeniedError(DomainError):
    """The actor's role or department does not allow this."""


class InvalidTransitionError(DomainError):
    """The move is not possible from the case's current state."""


class ConflictError(DomainError):
    """Somebody changed the record first; reload and decide again."""


class NotFoundError(DomainError):
    """The referenced record does not exist."""


class AuthenticationError(DomainError):
    """Unknown user, wrong password or disabled account (not saying which)."""
