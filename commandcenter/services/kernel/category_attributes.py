"""A category's extra questions (Open311 service attributes): reference data
(resources/reference/attributes.yaml), checked whole when loaded and kept on
each category as JSON. The answers a report gives are checked in
services/cases/attributes.py."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Literal

from commandcenter.services.kernel.validated_file import (
    STRICT,
    BaseModel,
    Field,
    TypeAdapter,
    load_yaml,
    model_validator,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

Datatype = Literal[
    "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"
]
LISTS = ("singlevaluelist", "multivaluelist")
MAX_LENGTH = {"string": 200, "text": 2000}
_CODE = r"^[a-z][a-z0-9_]{0,31}$"


class Attribute(BaseModel):
    """One question of a category."""

    model_config = STRICT

    code: str = Field(pattern=_CODE)
    datatype: Datatype
    required: bool = False
    description: str = Field(min_length=1, max_length=100)
    values: dict[str, str] | None = None
    """key → name, for the list types only."""

    @model_validator(mode="after")
    def _values_for_lists_only(self) -> Attribute:
        if self.datatype in LISTS and not self.values:
            raise ValueError(f"{self.code}: a {self.datatype} needs its values")
        if self.datatype not in LISTS and self.values:
            raise ValueError(f"{self.code}: only the list types have values")
        return self


class AttributeFile(BaseModel):
    """resources/reference/attributes.yaml: category code → its questions."""

    model_config = STRICT

    categories: dict[str, list[Attribute]]

    @model_validator(mode="after")
    def _codes_once(self) -> AttributeFile:
        for category, questions in self.categories.items():
            codes = [q.code for q in questions]
            if len(codes) != len(set(codes)):
                raise ValueError(f"{category}: an attribute code appears twice")
        return self


_STORED = TypeAdapter(list[Attribute])


def load_file(path: Path) -> dict[str, list[Attribute]]:
    """The questions of each category, checked whole (InvalidFileError)."""
    return load_yaml(AttributeFile, path).categories


def to_json(questions: Sequence[Attribute]) -> str:
    """How a category keeps its questions."""
    return json.dumps(
        [q.model_dump(exclude_none=True) for q in questions], ensure_ascii=False
    )


def from_json(text: str) -> tuple[Attribute, ...]:
    return tuple(_STORED.validate_json(text or "[]"))
