"""The case panel masks the reporter; who may see them gets a button, says
why in a dialog, and sees the contact for a while, through redraws of the
case, then masked again. The reveal is on the timeline with its reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialogButtonBox

from commandcenter.views.cases import case_panel
from commandcenter.views.cases.case_panel import CasePanel
from commandcenter.views.cases.contact_reveal import RevealDialog
from commandcenter.views.kernel.task_runner import TaskRunner
from tests.services.factories import CGZF_CATEGORY, actor, report
from tests.views.display import require_display

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services

PHONE = "13812345678"


def test_a_supervisor_reveals_a_contact_for_a_while_with_a_reason(
    services: Services,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    require_display("widgets")
    monkeypatch.setattr(case_panel, "SHOWN_SECONDS", 1)
    case_id = report(
        services,
        category_code=CGZF_CATEGORY,
        reporter_name="张三丰",
        reporter_phone=PHONE,
    )
    runner = TaskRunner()
    try:
        panel = CasePanel(runner, services.details)
        qtbot.addWidget(panel)
        panel.resize(520, 700)
        panel.show()
        operator = actor(services, "operator")
        panel.show_detail(services.details.detail(operator, case_id))
        assert panel.fields["reporter"].text() == "张** 138****5678"
        assert not panel.reveal_button.isVisible()

        supervisor = actor(services, "supervisor")
        panel.show_detail(services.details.detail(supervisor, case_id))
        assert panel.reveal_button.isVisible()
        with qtbot.waitSignal(panel.reveal_requested) as asked:
            panel.reveal_button.click()
        assert asked.args == [case_id]

        dialog = RevealDialog(
            runner,
            "case",
            lambda reason: services.details.reveal_contact(supervisor, case_id, reason),
        )
        qtbot.addWidget(dialog)
        dialog.show()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.click()  # no reason: refused here, nothing revealed
        assert dialog.error.isVisible()
        assert dialog.contact is None
        dialog.reason.setText("回访核实具体位置")
        dialog.grab().save(str(tmp_path / "reveal-dialog.png"))
        ok.click()
        qtbot.waitUntil(lambda: dialog.contact is not None, timeout=10_000)
        assert dialog.contact is not None
        panel.show_contact(case_id, dialog.contact)
        assert PHONE in panel.fields["reporter"].text()
        assert not panel.reveal_button.isVisible()
        # the reveal's event redraws the case: the contact stays for its while
        detail = services.details.detail(supervisor, case_id)
        panel.show_detail(detail)
        assert PHONE in panel.fields["reporter"].text()
        panel.grab().save(str(tmp_path / "revealed.png"))
        assert "回访核实具体位置" in [e.payload.get("reason") for e in detail.timeline]
        qtbot.waitUntil(
            lambda: PHONE not in panel.fields["reporter"].text(), timeout=5_000
        )
        assert panel.fields["reporter"].text() == "张** 138****5678"
        assert panel.reveal_button.isVisible()
    finally:
        runner.shutdown()
