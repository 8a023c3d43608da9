"""A report and its photos are one transaction: all saved, or nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from commandcenter.models import Attachment, Case, Event
from commandcenter.services.cases.api import NewAttachment
from commandcenter.services.kernel.errors import ValidationError
from tests.services.factories import PNG, actor, new_case, place

if TYPE_CHECKING:
    from commandcenter.services.container import Services


def _count(services: Services, model: type) -> int:
    with services.db.read() as session:
        return int(
            session.execute(select(func.count()).select_from(model)).scalar_one()
        )


def test_a_report_with_photos_is_one_event_and_one_version(services: Services) -> None:
    photos = (
        NewAttachment("现场1.png", "image/png", PNG),
        NewAttachment("现场2.png", "image/png", PNG + b"2"),
    )
    before = services.events.newest_id()
    changes = services.cases.report(
        actor(services, "operator"), new_case(place(services), attachments=photos)
    )
    (case_id,) = changes.ids["case"]
    (event,) = services.events.since(before)
    assert event.kind == "case.report"
    assert [a["filename"] for a in event.payload["attachments"]] == [
        "现场1.png",
        "现场2.png",
    ]
    detail = services.details.detail(actor(services, "operator"), case_id)
    assert [a.filename for a in detail.attachments] == ["现场1.png", "现场2.png"]
    assert detail.row.version == 1  # no attach moves after the report


def test_a_refused_photo_saves_neither_case_nor_photos(services: Services) -> None:
    cases, files, events = (_count(services, m) for m in (Case, Attachment, Event))
    photos = (
        NewAttachment("现场.png", "image/png", PNG),
        NewAttachment("说明.exe", "application/x-msdownload", b"MZ"),
    )
    with pytest.raises(ValidationError, match="cannot be attached"):
        services.cases.report(
            actor(services, "operator"), new_case(place(services), attachments=photos)
        )
    assert (_count(services, Case), _count(services, Attachment)) == (cases, files)
    assert _count(services, Event) == events
