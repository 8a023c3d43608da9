"""The replay window: the slider and play move through the incident's past,
showing the level, the tasks and the linked cases as they stood then."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
import shiboken6

from commandcenter.services.cases.api import MapLayers
from commandcenter.services.emergency.api import Level
from commandcenter.views.emergency.replay_view import STEPS, ReplayView
from commandcenter.views.map.map_page import build_map_page
from tests.services.factories import activate_gas, actor
from tests.views.display import require_display

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services
    from tests.conftest import Clock

pytestmark = pytest.mark.webengine


@pytest.mark.usefixtures("chinese")
def test_the_slider_and_play_show_the_incident_as_it_was(
    services: Services, clock: Clock, qtbot: QtBot, tmp_path: Path
) -> None:
    require_display("webengine")
    start = clock()
    incident_id, _case = activate_gas(services)
    clock.advance(minutes=30)
    detail = services.incident_queries.detail(incident_id)
    services.incidents.change_level(
        actor(services, "supervisor"), incident_id, detail.version, Level.III, "爆燃"
    )
    page = tmp_path / "map.html"
    page.write_text(build_map_page(MapLayers(services.db)), encoding="utf-8")
    view = ReplayView(
        services.incident_queries.replay(incident_id),
        services.incident_queries.detail(incident_id),
        page,
        services.calendars.get().zone,
    )
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    try:
        qtbot.waitUntil(lambda: view.map.is_ready, timeout=60_000)
        assert "Ⅳ" in view.level.text()
        before = view.tasks.count()
        view.slider.setValue(STEPS)  # the end: raised to Ⅲ, four tasks more
        assert "Ⅲ" in view.level.text()
        assert view.tasks.count() == before + 4
        assert view.moment == start + timedelta(minutes=30)
        view.slider.setValue(0)
        assert "Ⅳ" in view.level.text()
        view.speed.setCurrentIndex(view.speed.findData(600))
        view.play_button.setChecked(True)  # 30 minutes at ×600: 3 s
        qtbot.waitUntil(lambda: not view.play_button.isChecked(), timeout=10_000)
        assert "Ⅲ" in view.level.text()
    finally:
        view.close()
        shiboken6.delete(view)
