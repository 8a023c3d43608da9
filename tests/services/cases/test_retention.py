"""Retention (PRODUCT.md §9): reporter contacts and video snapshots of ended
cases are purged after the configured period, atomically and logged; open
cases, ordinary photos and recent cases keep theirs."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from PIL import Image
from sqlalchemy import select

from commandcenter.models import Attachment, Case, Event
from commandcenter.services.cases.retention import Retention
from commandcenter.services.kernel.errors import PermissionDeniedError, ValidationError
from tests.services.factories import actor, report, version

if TYPE_CHECKING:
    from commandcenter.services.container import Services


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 36), (90, 120, 150)).save(out, "PNG")
    return out.getvalue()


def _case_with_personal_data(services: Services, *, void: bool) -> int:
    operator = actor(services, "operator")
    case_id = report(services, reporter_name="张三", reporter_phone="13812345678")
    for name in ("snapshot-CAM00101-20261122T010203Z.png", "现场照片.png"):
        services.cases.attach(
            operator, case_id, version(services, case_id), name, "image/png", _png()
        )
    if void:
        services.cases.void(operator, case_id, version(services, case_id), "重复上报")
    return case_id


def _state(services: Services, case_id: int) -> tuple[str | None, list[str]]:
    with services.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        names = session.execute(
            select(Attachment.filename).where(Attachment.case_id == case_id)
        ).scalars()
        return case.reporter_phone, sorted(names)


def _retention(services: Services, days_later: int) -> Retention:
    return Retention(services.db, lambda: services.clock() + timedelta(days=days_later))


def test_ended_cases_lose_contacts_and_snapshots_after_the_period(
    services: Services,
) -> None:
    ended = _case_with_personal_data(services, void=True)
    still_open = _case_with_personal_data(services, void=False)
    admin = actor(services, "admin")
    days = services.retention.days()

    assert _retention(services, days - 1).purge(admin).changes is None  # too early

    purged = _retention(services, days + 1).purge(admin)
    assert purged.contacts >= 1
    assert purged.snapshots >= 1
    assert purged.changes is not None
    assert ended in purged.changes.ids["case"]
    phone, files = _state(services, ended)
    assert phone is None
    assert files == ["现场照片.png"]  # the operator's own photo stays
    assert _state(services, still_open) == (
        "13812345678",
        ["snapshot-CAM00101-20261122T010203Z.png", "现场照片.png"],
    )
    with services.db.read() as session:
        event = session.execute(
            select(Event).where(Event.kind == "retention.purged")
        ).scalar_one()
        assert "13812345678" not in str(event.payload)  # logged without the data
    again = _retention(services, days + 1).purge(admin)
    assert again.changes is None


def test_only_administrators_purge_or_change_the_period(services: Services) -> None:
    operator = actor(services, "operator")
    with pytest.raises(PermissionDeniedError):
        services.retention.purge(operator)
    with pytest.raises(PermissionDeniedError):
        services.retention.set_days(operator, 30)
    with pytest.raises(ValidationError):
        services.retention.set_days(actor(services, "admin"), 0)
    services.retention.set_days(actor(services, "admin"), 30)
    assert services.retention.days() == 30
