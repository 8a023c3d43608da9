"""The big screen's numbers: today so far against yesterday up to the same time."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from commandcenter.services.evaluation.api import PeriodKind, take_snapshot
from tests.conftest import SHANGHAI
from tests.services.factories import report

if TYPE_CHECKING:
    from commandcenter.services.container import Services
    from tests.conftest import Clock


def test_today_is_set_beside_yesterday_up_to_the_same_minute(
    services: Services, clock: Clock
) -> None:
    clock.set(datetime(2026, 11, 23, 8, 0, tzinfo=SHANGHAI))
    report(services)  # yesterday morning: before this time of day
    clock.set(datetime(2026, 11, 23, 20, 0, tzinfo=SHANGHAI))
    report(services)  # yesterday evening: after it
    report(services)
    clock.set(datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI))
    report(services)  # today so far

    snapshot = take_snapshot(services)

    assert snapshot.today.reported == 1
    assert snapshot.yesterday.reported == 1  # not the whole of yesterday's 3
    kpis = services.kpis
    whole = kpis.period(PeriodKind.DAY, datetime(2026, 11, 23).date())
    assert kpis.district(whole, times=()).reported == 3
