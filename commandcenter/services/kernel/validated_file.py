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

import yaml

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
    "load_yaml",
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


def parse(
    model: type[M],
    data: Any,
    source: str,
    lines: dict[tuple[int | str, ...], int] | None = None,
    expected: str = "a JSON object",
) -> M:
    """`data` (decoded JSON or YAML) as a `model`, or InvalidFileError naming
    every fault by its path, and by its line where `lines` knows it."""
    if not isinstance(data, dict):
        raise InvalidFileError(source, [f"expected {expected}"])
    try:
        return model.model_validate(data)
    except PydanticError as error:
        raise InvalidFileError(source, _faults(error, lines or {})) from None


def parse_json(model: type[M], text: str, source: str) -> M:
    """JSON text as a `model`, read in JSON mode: a strict model takes dates and
    enums as the strings JSON has for them (what a stored copy holds)."""
    try:
        return model.model_validate_json(text)
    except PydanticError as error:
        raise InvalidFileError(source, _faults(error, {})) from None


def _faults(error: PydanticError, lines: dict[tuple[int | str, ...], int]) -> list[str]:
    faults = []
    for problem in error.errors(include_url=False):
        message = str(problem["msg"]).removeprefix("Value error, ")
        location = tuple(problem["loc"])
        where = json_path(location) if location else ""
        line = _line_of(location, lines)
        prefix = f"line {line}: " if line else ""
        faults.append(f"{prefix}{where}: {message}" if where else prefix + message)
    return faults


def _line_of(
    location: tuple[int | str, ...], lines: dict[tuple[int | str, ...], int]
) -> int | None:
    """The line of the nearest part of `location` the file has (a missing key
    is reported at the line of the object it is missing from)."""
    for end in range(len(location), -1, -1):
        if location[:end] in lines:
            return lines[location[:end]]
    return None


def load_yaml(model: type[M], path: Path) -> M:
    """A YAML file as a `model`, or InvalidFileError with every fault named by
    line and path (YAML that does not parse by the line where it breaks)."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = f"line {mark.line + 1}: " if mark is not None else ""
        raise InvalidFileError(
            str(path), [f"{line}not readable YAML: {error.problem}"]
        ) from error
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InvalidFileError(str(path), [f"not readable YAML: {error}"]) from error
    lines: dict[tuple[int | str, ...], int] = {}
    if root is not None:
        _map_lines(root, (), lines)
    return parse(model, data, str(path), lines, "a YAML mapping (key: value)")


def _map_lines(
    node: yaml.Node,
    path: tuple[int | str, ...],
    lines: dict[tuple[int | str, ...], int],
) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = (*path, str(key.value))
            _map_lines(value, here, lines)
            lines[here] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, (*path, index), lines)


def load_json(model: type[M], path: Path) -> M:
    """A JSON file as a `model`, or InvalidFileError (unreadable JSON included)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidFileError(str(path), [f"not readable JSON: {error}"]) from error
    return parse(model, data, str(path))
