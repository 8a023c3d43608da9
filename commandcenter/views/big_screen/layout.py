"""Where the wall display's panels go: a grid of weighted columns and rows.

A layout is a small JSON file (`commandcenter wall --layout FILE`), or the name
of one shipped in resources/wall: `standard` for one 16:9 screen, `lcd-3x3` for
a 3x3 wall of 1080p screens at 5760x3240, whose panels each stay inside one
screen so that no bezel cuts through a number. For example:

    {"columns": [26, 48, 26], "rows": [5, 95],
     "panels": [{"panel": "header", "row": 0, "column": 0, "columns": 3},
                {"panel": "map", "row": 1, "column": 1}]}

`columns` and `rows` are relative sizes; a panel covers `rows` x `columns`
cells from (`row`, `column`), counted from 0. Every panel appears at most once
and panels never overlap; the header is required, because it carries the
clock and the "reconnecting" badge. The file is checked whole before the wall
opens (a pydantic model, services/kernel/validated_file.py): every mistake is
named with its JSON path, in one line, and nothing starts.

Plain Python (no Qt), so the command line checks a layout before Qt loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from commandcenter.config import RESOURCES
from commandcenter.services.kernel.validated_file import (
    STRICT,
    BaseModel,
    Field,
    InvalidFileError,
    load_json,
    model_validator,
    parse,
)

BUILT_IN = RESOURCES / "wall"
DEFAULT_LAYOUT = "standard"
PANELS = (
    "header",  # district name, reconnecting badge, clock
    "counters",  # today against yesterday
    "trend",  # reports per hour against the 30-day mean
    "map",  # the live map in display mode
    "league",  # departments this month
    "newest",  # the newest cases
    "streets",  # today's reports and closures by street
    "video",  # four camera tiles
    "incident",  # the incidents under way (over another panel: see `over`)
)
MAX_TRACKS = 24
PanelName = Literal[
    "header",
    "counters",
    "trend",
    "map",
    "league",
    "newest",
    "streets",
    "video",
    "incident",
]
Weight = Annotated[float, Field(gt=0)]


class WallLayoutError(ValueError):
    """A layout that cannot be used; the message says what is wrong where."""


class Placement(BaseModel):
    """Where one panel goes: from (`row`, `column`), `rows` x `columns` cells."""

    model_config = STRICT

    panel: PanelName
    row: Annotated[int, Field(ge=0)]
    column: Annotated[int, Field(ge=0)]
    rows: Annotated[int, Field(ge=1)] = 1
    columns: Annotated[int, Field(ge=1)] = 1
    over: PanelName | None = None
    """For the incident panel: the panel whose cells it takes while an incident
    is under way; with none, that panel has its space back."""


class _LayoutFile(BaseModel):
    """The file as people write it (see the module's docstring)."""

    model_config = STRICT

    description: str = ""
    columns: Annotated[list[Weight], Field(min_length=1, max_length=MAX_TRACKS)]
    rows: Annotated[list[Weight], Field(min_length=1, max_length=MAX_TRACKS)]
    panels: Annotated[list[Placement], Field(min_length=1)]

    @model_validator(mode="after")
    def _fits(self) -> _LayoutFile:
        """Inside the grid, each panel once, no overlaps, a header: every
        problem at once."""
        problems: list[str] = []
        taken: dict[tuple[int, int], str] = {}
        seen: set[str] = set()
        for index, p in enumerate(self.panels):
            where = f"panels[{index}] ({p.panel})"
            for start, span, tracks, axis in (
                (p.row, p.rows, len(self.rows), "rows"),
                (p.column, p.columns, len(self.columns), "columns"),
            ):
                if start + span > tracks:
                    problems.append(f"{where}: outside the {tracks} {axis} of the grid")
            if p.panel in seen:
                problems.append(f"panel {p.panel!r} appears twice")
            seen.add(p.panel)
            if p.over is not None and p.panel != "incident":
                problems.append(f"{where}: only the incident panel goes over another")
            if p.panel == "incident" or p.over is not None:
                continue  # checked against the panel it goes over, below
            for r in range(p.row, p.row + p.rows):
                for c in range(p.column, p.column + p.columns):
                    if (r, c) in taken and taken[(r, c)] != p.panel:
                        problems.append(
                            f"panels {taken[(r, c)]!r} and {p.panel!r} "
                            f"overlap at row {r}, column {c}"
                        )
                    taken[(r, c)] = p.panel
        problems += _incident_problems(self.panels, taken)
        if "header" not in seen:
            problems.append(
                "the header panel is required (it shows the clock and outages)"
            )
        if problems:
            raise ValueError("; ".join(dict.fromkeys(problems)))
        return self


def _incident_problems(
    panels: list[Placement], taken: dict[tuple[int, int], str]
) -> list[str]:
    """The incident panel lies inside the cells of the panel it goes over."""
    problems = []
    for index, p in enumerate(panels):
        if p.panel != "incident":
            continue
        where = f"panels[{index}] (incident)"
        if p.over is None:
            problems.append(f"{where}: say which panel it goes over (over)")
            continue
        cells = {
            (r, c)
            for r in range(p.row, p.row + p.rows)
            for c in range(p.column, p.column + p.columns)
        }
        if any(taken.get(cell) != p.over for cell in cells):
            problems.append(f"{where}: not inside the cells of panel {p.over!r}")
    return problems


@dataclass(frozen=True, slots=True)
class WallLayout:
    source: str
    columns: tuple[float, ...]
    rows: tuple[float, ...]
    panels: tuple[Placement, ...]

    def names(self) -> frozenset[str]:
        return frozenset(p.panel for p in self.panels)

    def under_incident(self) -> str | None:
        """The panel the incident panel goes over, if the layout places it."""
        return next((p.over for p in self.panels if p.panel == "incident"), None)

    def fractions(self, placement: Placement) -> tuple[float, float, float, float]:
        """(left, top, width, height) of a panel as fractions of the wall."""
        left, width = _span(self.columns, placement.column, placement.columns)
        top, height = _span(self.rows, placement.row, placement.rows)
        return left, top, width, height


def _span(weights: tuple[float, ...], first: int, count: int) -> tuple[float, float]:
    total = sum(weights)
    return sum(weights[:first]) / total, sum(weights[first : first + count]) / total


def built_in_names() -> list[str]:
    return sorted(path.stem for path in BUILT_IN.glob("*.json"))


def load_layout(name_or_path: str) -> WallLayout:
    """A built-in layout by name, or a layout file; WallLayoutError if unusable."""
    path = BUILT_IN / f"{name_or_path}.json"
    if not path.is_file():
        path = Path(name_or_path)
    if not path.is_file():
        raise WallLayoutError(
            f"no wall layout {name_or_path!r}: neither a file nor one of "
            f"{', '.join(built_in_names())}"
        )
    try:
        return _layout(load_json(_LayoutFile, path), str(path))
    except InvalidFileError as faults:
        raise WallLayoutError(f"wall layout {faults}") from None


def parse_layout(data: object, source: str) -> WallLayout:
    """Check a decoded layout whole; every problem is named in the error."""
    try:
        return _layout(parse(_LayoutFile, data, source), source)
    except InvalidFileError as faults:
        raise WallLayoutError(f"wall layout {faults}") from None


def _layout(checked: _LayoutFile, source: str) -> WallLayout:
    return WallLayout(
        source, tuple(checked.columns), tuple(checked.rows), tuple(checked.panels)
    )
