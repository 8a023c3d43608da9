"""The domain's words as the user reads them: case states, sources and
priorities, translated (context `CaseQueue`, where they were first written);
incident and task states and response levels (context `Emergency`).

Every view feature shows them (the queue, the map's popups, the big screen), so
they live in the views' kernel rather than in one feature.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def state_text(state: str) -> str:
    return {
        "reported": translate("CaseQueue", "Reported"),
        "registered": translate("CaseQueue", "Registered"),
        "dispatched": translate("CaseQueue", "Dispatched"),
        "in_progress": translate("CaseQueue", "In progress"),
        "handled": translate("CaseQueue", "Awaiting verification"),
        "closed": translate("CaseQueue", "Closed"),
        "voided": translate("CaseQueue", "Voided"),
        "suspended": translate("CaseQueue", "Suspended"),
        "merged": translate("CaseQueue", "Merged"),
    }.get(state, state)


def source_text(source: str) -> str:
    return {
        "patrol": translate("CaseQueue", "Patrol"),
        "hotline": translate("CaseQueue", "Hotline"),
        "citizen": translate("CaseQueue", "Citizen"),
        "video": translate("CaseQueue", "Video"),
        "sensor": translate("CaseQueue", "Sensor"),
        "higher_level": translate("CaseQueue", "Higher level"),
        "open311": translate("CaseQueue", "External system"),
    }.get(source, source)


def priority_text(priority: int) -> str:
    return {
        1: translate("CaseQueue", "Urgent"),
        2: translate("CaseQueue", "Important"),
        3: translate("CaseQueue", "Normal"),
    }.get(priority, str(priority))


def unit_text(unit: str) -> str:
    """A time limit's unit (a category's, a deadline's)."""
    return {
        "hour": translate("MoveDialogs", "working hours"),
        "day": translate("MoveDialogs", "working days"),
        "clock_hour": translate("MoveDialogs", "hours (around the clock)"),
    }.get(unit, unit)


def role_text(role: str) -> str:
    return {
        "operator": translate("Workstation", "Operator"),
        "supervisor": translate("Workstation", "Supervisor"),
        "handler": translate("Workstation", "Department handler"),
        "video_supervisor": translate("Workstation", "Video supervisor"),
        "grid_worker": translate("Workstation", "Grid worker"),
        "wall": translate("Workstation", "Wall display"),
        "admin": translate("Workstation", "Administrator"),
    }.get(role, role)


def who_text(who: str) -> str:
    """Who a drill expects to act: a role in words, a department's code as is."""
    return role_text(who) if who.islower() else who


def incident_state_text(state: str) -> str:
    return {
        "active": translate("Emergency", "Responding"),
        "stood_down": translate("Emergency", "Stood down"),
    }.get(state, state)


def task_state_text(state: str) -> str:
    return {
        "pending": translate("Emergency", "Pending"),
        "acknowledged": translate("Emergency", "Acknowledged"),
        "en_route": translate("Emergency", "En route"),
        "on_scene": translate("Emergency", "On scene"),
        "done": translate("Emergency", "Done"),
        "blocked": translate("Emergency", "Blocked"),
        "cancelled": translate("Emergency", "Cancelled"),
    }.get(state, state)


def level_text(level: str) -> str:
    """A response level as the national scale names it: Ⅳ级（一般）…"""
    return {
        "IV": translate("Emergency", "Level IV (general)"),
        "III": translate("Emergency", "Level III (major)"),
        "II": translate("Emergency", "Level II (serious)"),
        "I": translate("Emergency", "Level I (most serious)"),
    }.get(level, level)


def channel_text(channel: str) -> str:
    """How a drill's inject reaches the hall."""
    return {
        "new_case": translate("Drill", "New case"),
        "camera_alarm": translate("Drill", "Camera alarm"),
        "sensor_alarm": translate("Drill", "Sensor alarm"),
        "message": translate("Drill", "Message"),
        "order": translate("Drill", "Order from above"),
        "level_request": translate("Drill", "Change of level"),
    }.get(channel, channel)
