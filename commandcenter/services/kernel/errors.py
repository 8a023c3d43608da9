"""Typed domain errors. Each one means: nothing was written."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every refusal a service makes; the message is for the user."""


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
