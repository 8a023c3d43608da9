"""Signing in without a dialog: the wall display's stored token."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from commandcenter.models.types import Role
from commandcenter.services.kernel.errors import AuthenticationError

if TYPE_CHECKING:
    from commandcenter.services.container import Services


def test_a_wall_token_signs_the_wall_in_and_nothing_else(services: Services) -> None:
    token = services.auth.issue_wall_token("wall")
    actor = services.auth.login_wall_token(token)
    assert actor.username == "wall"
    assert actor.role is Role.WALL
    username, _, secret = token.partition(":")
    for wrong in (f"{username}:{secret}x", f"operator:{secret}", "", "wall"):
        with pytest.raises(AuthenticationError):
            services.auth.login_wall_token(wrong)
    with pytest.raises(AuthenticationError):
        services.auth.issue_wall_token("operator")  # only wall accounts
    newer = services.auth.issue_wall_token("wall")
    with pytest.raises(AuthenticationError):
        services.auth.login_wall_token(token)  # replaced
    assert services.auth.login_wall_token(newer).username == "wall"
