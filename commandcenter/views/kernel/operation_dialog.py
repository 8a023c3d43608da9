"""Dialogs that run a service operation and stay open when it fails.

The operation runs on the task runner; while it runs the buttons are disabled.
On success the dialog closes. On a domain error it shows the reason in place and
keeps everything the operator typed, so nothing is ever lost to an error; a
conflict (someone else moved the case first) says so plainly, and the caller
refreshes the case underneath.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from commandcenter.services.kernel.errors import (
    AuthenticationError,
    ConflictError,
    DomainError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from commandcenter.views.kernel.domain_text import (
    incident_state_text,
    role_text,
    state_text,
    task_state_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.kernel.changes import Changes
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


def error_text(error: Exception) -> str:
    """What went wrong, for a person: the kind in the UI language, then the
    detail, in the UI language too when the service gave the error a code
    (its English sentence otherwise)."""
    said = isinstance(error, DomainError) and error.code in _DETAILS
    if isinstance(error, ConflictError) and not said:
        return translate(
            "Errors",
            "Someone else changed this first. It has been refreshed; "
            "your input is kept — check it and try again.",
        )
    if isinstance(error, AuthenticationError):
        if said and error.code != "auth.wrong":  # locked, or a password to change
            return detail_text(error)
        return translate("Errors", "Wrong user name or password.")
    kinds: list[tuple[type[Exception], str]] = [
        (ValidationError, translate("Errors", "Please check the input")),
        (PermissionDeniedError, translate("Errors", "Not allowed")),
        (InvalidTransitionError, translate("Errors", "Not possible now")),
        (NotFoundError, translate("Errors", "Not found")),
        (DomainError, translate("Errors", "Refused")),
    ]
    for kind, heading in kinds:
        if isinstance(error, kind):
            assert isinstance(error, DomainError)
            return f"{heading}: {detail_text(error)}"
    return translate("Errors", "Unexpected error: %1").replace("%1", repr(error))


def detail_text(error: DomainError) -> str:
    """The error's detail in the UI language, from its code and parameters."""
    text = _DETAILS.get(error.code)
    if text is None:
        return str(error)
    values = {key: str(value) for key, value in error.params.items()}
    if "what" in values:
        values["what"] = _field_text(values["what"])
    if "state" in values:
        values["state"] = state_text(values["state"])
    if "role" in values:
        values["role"] = role_text(values["role"])
    if "incident_state" in values:
        values["incident_state"] = incident_state_text(values["incident_state"])
    if "task_state" in values:
        values["task_state"] = task_state_text(values["task_state"])
    detail = text()
    for key, value in values.items():
        detail = detail.replace("{" + key + "}", value)
    return detail


def _field_text(name: str) -> str:
    return {
        "reason": translate("Errors", "reason"),
        "note": translate("Errors", "note"),
        "comment": translate("Errors", "comment"),
        "handling report": translate("Errors", "handling report"),
        "file name": translate("Errors", "file name"),
        "description": translate("Errors", "description"),
        "address": translate("Errors", "address"),
        "reporter name": translate("Errors", "reporter name"),
        "title": translate("Errors", "title"),
        "log entry": translate("Errors", "log entry"),
        "summary": translate("Errors", "summary"),
    }.get(name, name)


_DETAILS: dict[str, Callable[[], str]] = {
    "text.required": lambda: translate("Errors", "a {what} is required"),
    "text.too_long": lambda: translate(
        "Errors", "the {what} is longer than {most} characters"
    ),
    "attachment.type": lambda: translate(
        "Errors", "files of type {type} cannot be attached"
    ),
    "attachment.size": lambda: translate(
        "Errors", "an attachment must be 1 byte to 20 MiB"
    ),
    "report.phone": lambda: translate(
        "Errors", "the reporter's phone may hold digits, + - and spaces only"
    ),
    "report.category": lambda: translate("Errors", "no category {category}"),
    "report.outside": lambda: translate(
        "Errors", "the place is outside every unit grid of the district"
    ),
    "case.not_found": lambda: translate("Errors", "the case no longer exists"),
    "case.not_yours": lambda: translate(
        "Errors", "this case is not assigned to your department"
    ),
    "case.verifier_handled": lambda: translate(
        "Errors",
        "the one who handled a case may not verify it (监督与处置分离)",
    ),
    "department.not_found": lambda: translate(
        "Errors", "the department no longer exists"
    ),
    "case.postpone_hours": lambda: translate(
        "Errors", "a postponement is 1 to {most} hours"
    ),
    "case.merge_self": lambda: translate(
        "Errors", "a case cannot be merged into itself"
    ),
    "case.merge_target": lambda: translate(
        "Errors", "case {number} is {state}: merge into an open case"
    ),
    "case.not_minor": lambda: translate(
        "Errors", "{category} is not a minor category: register and dispatch it"
    ),
    "case.top_level": lambda: translate(
        "Errors", "the case is already at district level"
    ),
    "case.postpone_pending": lambda: translate(
        "Errors", "a postponement request is already pending"
    ),
    "case.no_postpone_pending": lambda: translate(
        "Errors", "no postponement request is pending"
    ),
    "case.move_not_now": lambda: translate(
        "Errors", "not possible while the case is {state}"
    ),
    "role.not_allowed": lambda: translate("Errors", "a {role} may not do this"),
    "plan.refused": lambda: translate("Errors", "the plan was refused: {findings}"),
    "plan.version_taken": lambda: translate(
        "Errors",
        "{plan} version {version} is already imported with other content: "
        "give the changed plan a new version",
    ),
    "plan.not_approved": lambda: translate(
        "Errors", "plan {plan} has no approved version in this database"
    ),
    "incident.not_found": lambda: translate("Errors", "the incident no longer exists"),
    "incident.move_not_now": lambda: translate(
        "Errors", "not possible while the incident is {incident_state}"
    ),
    "incident.no_area": lambda: translate(
        "Errors", "an incident needs an area: draw it, or activate from a case"
    ),
    "incident.bad_area": lambda: translate(
        "Errors", "the area must be a polygon that does not cross itself"
    ),
    "incident.area_outside": lambda: translate(
        "Errors", "the area is outside the district's grids"
    ),
    "incident.no_level": lambda: translate("Errors", "the plan has no level {level}"),
    "incident.department": lambda: translate(
        "Errors",
        "the plan gives a task to department {department}, which this "
        "database does not have",
    ),
    "incident.same_level": lambda: translate(
        "Errors", "the incident is already at this level"
    ),
    "incident.link_kind": lambda: translate(
        "Errors", "only cases and cameras can be linked"
    ),
    "incident.link_target": lambda: translate(
        "Errors", "what was to be linked no longer exists"
    ),
    "incident.linked": lambda: translate("Errors", "it is already linked"),
    "incident.not_linked": lambda: translate(
        "Errors", "it is not linked to the incident"
    ),
    "incident.stood_down": lambda: translate("Errors", "the incident was stood down"),
    "task.not_found": lambda: translate("Errors", "the task no longer exists"),
    "task.not_yours": lambda: translate("Errors", "this task is not your department's"),
    "task.move_not_now": lambda: translate(
        "Errors", "not possible while the task is {task_state}"
    ),
    "task.photo_required": lambda: translate(
        "Errors", "the plan asks for a photo to finish this task"
    ),
    "task.count_required": lambda: translate(
        "Errors", "the plan asks for a count to finish this task"
    ),
    "task.count_range": lambda: translate("Errors", "a count is 0 to 1,000,000"),
    "drill.speed": lambda: translate(
        "Errors", "a drill runs at 1 to {most} times real time"
    ),
    "drill.clock_back": lambda: translate(
        "Errors", "a drill's clock only moves forward"
    ),
    "drill.not_running": lambda: translate("Errors", "the drill is not running"),
    "drill.not_paused": lambda: translate("Errors", "the drill is not paused"),
    "drill.not_found": lambda: translate("Errors", "the drill no longer exists"),
    "drill.already_on": lambda: translate(
        "Errors", "drill {title} is still on; end it first"
    ),
    "drill.review": lambda: translate(
        "Errors", "the scenario does not fit this district: {findings}"
    ),
    "drill.mixed": lambda: translate(
        "Errors", "a drill's cases and incidents never mix with real ones"
    ),
    "drill.no_expectation": lambda: translate(
        "Errors", "the scenario expects no action {expectation}"
    ),
    "drill.no_inject": lambda: translate("Errors", "the scenario has no such inject"),
    "drill.skip_nowhere": lambda: translate(
        "Errors", "inject {inject} has no time to skip to yet"
    ),
    "drill.sent_already": lambda: translate(
        "Errors", "inject {inject} was sent already"
    ),
    "drill.no_department": lambda: translate(
        "Errors", "there is no department {department}"
    ),
    "drill.due_before": lambda: translate(
        "Errors", "an improvement is due after the drill"
    ),
    "drill.no_item": lambda: translate(
        "Errors", "the improvement plan has no item {item}"
    ),
    "drill.item_done": lambda: translate("Errors", "that item is done already"),
    "drill.purge_not_over": lambda: translate(
        "Errors", "only a drill that is over is purged"
    ),
    "api_key.name": lambda: translate(
        "Errors", "a key's name is 2 to 64 letters, digits, '.', '_' or '-'"
    ),
    "api_key.taken": lambda: translate("Errors", "a key named {name} exists already"),
    "api_key.user_required": lambda: translate(
        "Errors", "a key names the account its reports are filed as"
    ),
    "api_key.no_user": lambda: translate("Errors", "there is no active user {user}"),
    "api_key.not_grid_worker": lambda: translate(
        "Errors", "that account is not a grid worker's"
    ),
    "api_key.not_found": lambda: translate("Errors", "there is no such key"),
    "api_key.revoked": lambda: translate("Errors", "the key is revoked already"),
    "intake.no_service": lambda: translate("Errors", "there is no service {service}"),
    "intake.no_account": lambda: translate(
        "Errors", "the key files as no account; add it with an account"
    ),
    "intake.location": lambda: translate(
        "Errors", "a request needs lat and long: there is no address lookup"
    ),
    "intake.no_request": lambda: translate(
        "Errors", "there is no service request {request}"
    ),
    "intake.no_token": lambda: translate(
        "Errors", "no request was sent with the token {token}"
    ),
    "intake.status": lambda: translate("Errors", "status is open or closed"),
    "intake.dates": lambda: translate("Errors", "the end date is before the start"),
    "intake.date_range": lambda: translate("Errors", "dates are between 1900 and 9000"),
    "intake.window": lambda: translate(
        "Errors", "start and end dates are at most 90 days apart"
    ),
    "intake.photo_size": lambda: translate("Errors", "a photo is 1 byte to 10 MiB"),
    "intake.photo_type": lambda: translate(
        "Errors", "the media file is not a JPEG or PNG photo"
    ),
    "api_key.cannot_report": lambda: translate(
        "Errors", "a key's account must be one that may report cases"
    ),
    "attribute.required": lambda: translate(
        "Errors", "these questions must be answered: {attributes}"
    ),
    "attribute.unknown": lambda: translate(
        "Errors", "{attribute} is not a question of this category"
    ),
    "attribute.invalid": lambda: translate(
        "Errors", "the answer to {attribute} is not of its kind"
    ),
    "media_url.invalid": lambda: translate(
        "Errors", "a photo link is an http or https address of at most 1000 characters"
    ),
    "auth.wrong": lambda: translate("Errors", "wrong user name or password"),
    "auth.locked": lambda: translate(
        "Errors",
        "the account is locked after {failures} wrong passwords; it opens again "
        "in 15 minutes, or when an administrator releases it",
    ),
    "auth.change_password": lambda: translate(
        "Errors",
        "your password was set by an administrator: choose your own to sign in",
    ),
    "password.too_short": lambda: translate(
        "Errors", "a password needs at least {least} characters"
    ),
    "password.too_simple": lambda: translate(
        "Errors",
        "a password needs three of: lower case, upper case, digits, other characters",
    ),
    "password.has_username": lambda: translate(
        "Errors", "a password may not contain the user name"
    ),
    "password.unchanged": lambda: translate(
        "Errors", "the new password must differ from the old"
    ),
    "user.bad_name": lambda: translate(
        "Errors",
        "a user name is 2 to 32 letters, digits, '.', '_' or '-', starting with "
        "a letter or digit",
    ),
    "user.bad_display_name": lambda: translate(
        "Errors", "a display name needs 1 to 100 characters"
    ),
    "user.taken": lambda: translate("Errors", "the user name {user} is taken"),
    "user.unknown": lambda: translate("Errors", "there is no user {user}"),
    "user.self": lambda: translate(
        "Errors", "administrators cannot disable themselves"
    ),
    "user.last_admin": lambda: translate(
        "Errors", "the district needs an active administrator: this is the last one"
    ),
    "user.needs_department": lambda: translate(
        "Errors", "a department handler needs a department"
    ),
    "user.no_department": lambda: translate(
        "Errors", "only a department handler has a department"
    ),
    "user.needs_street": lambda: translate("Errors", "a grid worker needs a street"),
    "user.no_street": lambda: translate("Errors", "only a grid worker has a street"),
    "user.unknown_department": lambda: translate(
        "Errors", "there is no department {department}"
    ),
    "user.unknown_street": lambda: translate("Errors", "there is no street {street}"),
    "setup.bad_code": lambda: translate(
        "Errors", "a district code is the six digits of GB/T 2260"
    ),
    "setup.name": lambda: translate(
        "Errors", "a district name needs 1 to 50 characters"
    ),
    "contact.reason": lambda: translate(
        "Errors", "say why in {least} to {most} characters"
    ),
    "contact.none": lambda: translate(
        "Errors", "the case keeps no contact (none was given, or it was purged)"
    ),
    "contact.not_yours": lambda: translate(
        "Errors", "only the department handling the case sees its reporter"
    ),
    "territory.not_whole": lambda: translate(
        "Errors", "the territory would not be whole: {faults}"
    ),
    "territory.no_file": lambda: translate("Errors", "there is no such file"),
    "territory.unreadable": lambda: translate(
        "Errors", "the file is not a GIS file GDAL reads"
    ),
    "territory.no_geometry": lambda: translate(
        "Errors", "the layer has no geometry: the areas' outlines are missing"
    ),
    "territory.empty": lambda: translate("Errors", "the layer holds no area"),
    "territory.no_layer": lambda: translate("Errors", "the file has no such layer"),
    "territory.which_layer": lambda: translate(
        "Errors", "the file has several layers: choose one"
    ),
    "territory.no_field": lambda: translate(
        "Errors", "the layer has no such field: choose the code and name fields"
    ),
    "territory.no_crs": lambda: translate(
        "Errors", "the file names no coordinate system: choose one"
    ),
    "territory.unknown_crs": lambda: translate(
        "Errors", "the coordinate system is unknown: choose another"
    ),
    "reference.unknown": lambda: translate("Errors", "there is no such category"),
    "setup.done": lambda: translate(
        "Errors", "this database is set up already (it has users or territory)"
    ),
}
KNOWN_CODES = frozenset(_DETAILS)
"""Every code the services raise has words here (tests/views/kernel/test_i18n.py
reads the codes from the services' source and checks that none is missing)."""


class OperationDialog(QDialog):
    """A form whose OK button runs one operation through the task runner."""

    failed = Signal(object)
    """The operation was refused: the exception (the dialog stays open)."""

    def __init__(
        self, runner: TaskRunner, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._runner = runner
        self.form = QWidget(self)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.form)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)
        self.last_changes: Changes | None = None

    def operation(self) -> Callable[[], Changes] | None:
        """The operation to run with the current input, or None (after calling
        `show_error`) when the input is not complete. Subclasses override."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _submit(self) -> None:
        work = self.operation()
        if work is None:
            return
        self.buttons.setEnabled(False)
        self._start(work)

    def _start(self, work: Callable[[], Changes]) -> None:
        """Run the operation; a subclass whose operation answers with more
        than its changes runs it its own way."""
        self._runner.mutate(
            self.windowTitle(), work, done=self._succeeded, failed=self._failed
        )

    def _succeeded(self, changes: Changes) -> None:
        self.last_changes = changes
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.show_error(error_text(error))
        self.failed.emit(error)


class AnsweringDialog(OperationDialog):
    """An operation dialog whose operation answers with something else than
    its changes (a revealed contact, a temporary password) or with nothing:
    it runs on the database worker as a query, and its answer is kept in
    `answer` and emitted with `answered` as the dialog closes."""

    answered = Signal(object)

    def __init__(
        self, runner: TaskRunner, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, title, parent)
        self.answer: object = None

    def _start(self, work: Callable[[], Any]) -> None:
        self._runner.query(
            self.windowTitle(), work, self._answered, failed=self._failed
        )

    def _answered(self, answer: object) -> None:
        self.answer = answer
        self.buttons.setEnabled(True)
        self.answered.emit(answer)
        self.accept()
