"""A reporter's contact is masked until someone who needs it reveals it, with
a reason: an operator cannot, a handler only for a case with their
department, and every reveal is on the case's timeline and in the audit log
with its reason (never the contact)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from commandcenter.models import Event
from commandcenter.services.kernel.errors import (
    PermissionDeniedError,
    ValidationError,
)
from tests.services.factories import (
    CGZF_CATEGORY,
    actor,
    report,
    version,
)

if TYPE_CHECKING:
    from commandcenter.services.container import Services

PHONE = "13812345678"
NAME = "张三丰"


def _reveals(services: Services) -> list[tuple[int | None, str]]:
    with services.db.read() as session:
        return [
            (row.actor_id, row.payload)
            for row in session.execute(
                select(Event.actor_id, Event.payload).where(
                    Event.kind == "case.contact_revealed"
                )
            )
        ]


def test_only_who_needs_it_reveals_a_contact_and_each_reveal_is_audited(
    services: Services,
) -> None:
    case_id = report(
        services, category_code=CGZF_CATEGORY, reporter_name=NAME, reporter_phone=PHONE
    )
    operator = actor(services, "operator")
    masked = services.details.detail(operator, case_id)
    assert masked.row.reporter_phone == "138****5678"
    assert masked.reporter_name == "张**"
    assert not masked.may_reveal
    with pytest.raises(PermissionDeniedError):
        services.details.reveal_contact(operator, case_id, "回访核实情况")
    for role in ("video", "gridworker", "wall", "admin"):
        with pytest.raises(PermissionDeniedError):
            services.details.reveal_contact(actor(services, role), case_id, "想看看")
    assert _reveals(services) == []  # a refusal writes nothing

    supervisor = actor(services, "supervisor")
    assert services.details.detail(supervisor, case_id).may_reveal
    with pytest.raises(ValidationError, match="say why"):
        services.details.reveal_contact(supervisor, case_id, "看")
    contact = services.details.reveal_contact(supervisor, case_id, "回访核实情况")
    assert (contact.name, contact.phone) == (NAME, PHONE)

    # the handler of another department may not; the one dispatched to may
    handler = actor(services, "handler")  # 城管执法 (CGZF)
    assert not services.details.detail(handler, case_id).may_reveal
    with pytest.raises(PermissionDeniedError, match="department handling"):
        services.details.reveal_contact(handler, case_id, "现场联系举报人")
    services.cases.register(operator, case_id, version(services, case_id))
    services.cases.dispatch(operator, case_id, version(services, case_id))
    assert services.details.detail(handler, case_id).may_reveal
    services.details.reveal_contact(handler, case_id, "现场联系举报人")

    reveals = _reveals(services)
    assert [actor_id for actor_id, _ in reveals] == [supervisor.id, handler.id]
    assert all(PHONE not in payload and NAME not in payload for _, payload in reveals)
    timeline = services.details.detail(supervisor, case_id).timeline
    revealed = [e for e in timeline if e.move == "contact_revealed"]
    assert [(e.actor, e.payload["reason"]) for e in revealed] == [
        (supervisor.display_name, "回访核实情况"),
        (handler.display_name, "现场联系举报人"),
    ]


def test_a_case_without_a_contact_has_nothing_to_reveal(services: Services) -> None:
    case_id = report(services)
    supervisor = actor(services, "supervisor")
    assert not services.details.detail(supervisor, case_id).may_reveal
    with pytest.raises(ValidationError, match="keeps no contact"):
        services.details.reveal_contact(supervisor, case_id, "回访核实情况")
