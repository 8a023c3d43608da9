"""Files people edit, checked whole before anything uses them (ARCHITECTURE §4).

One pydantic model per format, `extra="forbid"` and strict types, so a typo in
a key or a "0" where a number belongs is named instead of guessed at. Every
fault is reported, each with its JSON path (`panels[2].row`), in one message
that starts with the file; nothing is loaded while any fault remains. Checks
across fields (overlaps, a required entry) raise `ValueError` in the model's
after-validator and come out the same way, once every field is well formed.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeVar

# Every module of ours takes pydantic from here, loaded whole at once: PySide6
# hooks `import` to inspect each module imported after it, and pydantic loaded
# half before Qt and half after fails inside that hook with a circular import
# (tests/test_layers.py::test_pydantic_then_qt_then_pydantic_again).
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    model_validator,
    with_config,
)
from pydantic import ValidationError as PydanticError

if TYPE_CHECKING:
    from pathlib import Path

M = TypeVar("M", bound=BaseModel)

STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)
"""The configuration of every model of a file people edit."""
CLOSED = ConfigDict(extra="forbid")
"""The configuration of a declared shape that allows no other keys (event
payloads, services/kernel/events.py)."""

__all__ = [
    "CLOSED",
    "STRICT",
    "BaseModel",
    "ConfigDict",
    "Field",
    "InvalidFileError",
    "PydanticError",
    "TypeAdapter",
    "load_json",
    "model_validator",
    "parse",
    "with_config",
]


class InvalidFileError(ValueError):
    """A file that cannot be used; `faults` names each problem with its place."""

    def __init__(self, source: str, faults: list[str]) -> None:
        super().__init__(f"{source}: {'; '.join(faults)}")
        self.source = source
        self.faults = tuple(faults)


def json_path(location: tuple[int | str, ...]) -> str:
    """`("panels", 2, "row")` as `panels[2].row`; the whole file as `(file)`."""
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path.lstrip(".") or "(file)"


def parse(model: type[M], data: Any, source: str) -> M:
    """`data` (decoded JSON) as a `model`, or InvalidFileError naming every fault."""
    if not isinstance(data, dict):
        raise InvalidFileError(source, ["expected a JSON object"])
    try:
        return model.model_validate(data)
    except PydanticError as error:
        faults = []
        for problem in error.errors(include_url=False):
            message = str(problem["msg"]).removeprefix("Value error, ")
            location = tuple(problem["loc"])
            faults.append(
                message if not location else f"{json_path(location)}: {message}"
            )
        raise InvalidFileError(source, faults) from None


def load_json(model: type[M], path: Path) -> M:
    """A JSON file as a `model`, or InvalidFileError (unreadable JSON included)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidFileError(str(path), [f"not readable JSON: {error}"]) from error
    return parse(model, data, str(path))
