"""An incident's events as the lines of its timeline, in the UI language: the
event log is the timeline (PRODUCT §6), this only words it, for the command
view and the big screen alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from commandcenter.views.kernel.domain_text import level_text, task_state_text
from commandcenter.views.kernel.level_colours import LEVEL_NUMERALS

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import tzinfo

    from commandcenter.services.emergency.api import TaskRow, TimelineEntry

translate = QCoreApplication.translate


def timeline_line(
    entry: TimelineEntry, tasks: Mapping[int, TaskRow], zone: tzinfo
) -> str:
    """`14:03 李强  启动燃气泄漏预案 Ⅳ级响应`: time, who, what."""
    at = entry.at.astimezone(zone).strftime("%H:%M")
    who = entry.actor or translate("Incident", "system")
    return f"{at}  {who}  {describe(entry, tasks)}"


def describe(entry: TimelineEntry, tasks: Mapping[int, TaskRow]) -> str:
    payload = entry.payload
    kind = entry.kind
    if kind == "incident.activate":
        return (
            translate("Incident", "activated %1 at %2 (%3 tasks)")
            .replace("%1", payload.get("plan_title", payload["plan"]))
            .replace("%2", level_text(payload["level"]))
            .replace("%3", str(len(payload["tasks"])))
        )
    if kind == "incident.log":
        return str(payload["text"])
    if kind in ("incident.link", "incident.unlink"):
        text = (
            translate("Incident", "linked %1 %2")
            if kind == "incident.link"
            else translate("Incident", "unlinked %1 %2")
        )
        what = (
            translate("Incident", "case")
            if payload["kind"] == "case"
            else translate("Incident", "camera")
        )
        return text.replace("%1", what).replace("%2", str(payload["target"]))
    if kind in ("incident.raise", "incident.lower"):
        text = (
            translate("Incident", "raised to %1: %2")
            if kind == "incident.raise"
            else translate("Incident", "lowered to %1: %2")
        )
        return text.replace("%1", level_text(payload["to"])).replace(
            "%2", payload["reason"]
        )
    if kind == "incident.escalate":
        return translate("Incident", "escalated %1 overdue tasks").replace(
            "%1", str(len(payload["tasks"]))
        )
    if kind == "incident.stand_down":
        return translate("Incident", "stood down: %1").replace("%1", payload["summary"])
    if kind.startswith("task."):
        task = tasks.get(int(payload["task"]))
        what = task.text if task is not None else str(payload["task"])
        department = task.department_name if task is not None else payload["department"]
        level = LEVEL_NUMERALS.get(task.level.value, "") if task is not None else ""
        line = f"{department} {level} {what} → {task_state_text(payload['to'])}"
        extras = [
            str(payload[key])
            for key in ("note", "count")
            if payload.get(key) not in (None, "")
        ]
        if payload.get("evidence"):
            extras.append(
                translate("Incident", "%1 photos").replace(
                    "%1", str(len(payload["evidence"]))
                )
            )
        return f"{line}（{'，'.join(extras)}）" if extras else line
    return kind
