"""The command view offers each role what it may do, whether or not its tab is
in front when the incident is read (a tab opened behind the map did not)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import shiboken6

from commandcenter.views.emergency.incident_view import IncidentView
from commandcenter.views.kernel.change_hub import ChangeHub
from commandcenter.views.kernel.task_runner import TaskRunner
from tests.services.factories import activate_gas, actor
from tests.views.display import require_display

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services

pytestmark = pytest.mark.webengine


@pytest.mark.parametrize(
    ("username", "commands", "logs"),
    [("supervisor", True, True), ("operator", False, True), ("video", False, False)],
)
def test_a_hidden_view_offers_each_role_its_commands(
    services: Services, qtbot: QtBot, username: str, commands: bool, logs: bool
) -> None:
    require_display("webengine")
    incident_id, _ = activate_gas(services)
    runner = TaskRunner()
    hub = ChangeHub(services, runner)
    view = IncidentView(
        services, actor(services, username), runner, hub, incident_id, lambda: None
    )
    try:
        view.start()  # never shown
        qtbot.waitUntil(lambda: view.detail is not None, timeout=20_000)
        for button in (view.escalate_button, view.stand_down_button):
            assert button.isEnabled() is commands
            assert button.isHidden() is not commands
        assert view.log_entry.isEnabled() is logs
        assert view.level_buttons["III"].isEnabled() is commands
        assert not view.level_buttons["IV"].isEnabled()  # the level in force
    finally:
        view.stop()
        hub.stop()
        runner.shutdown()
        shiboken6.delete(view)
