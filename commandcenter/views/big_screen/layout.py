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
opens: a mistake is named in one line and nothing starts.

Plain Python (no Qt), so the command line checks a layout before Qt loads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from commandcenter.config import RESOURCES

if TYPE_CHECKING:
    from collections.abc import Callable

    Fail = Callable[[str], "WallLayoutError"]

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
)
MAX_TRACKS = 24
_PLACEMENT_KEYS = {"panel", "row", "column", "rows", "columns"}


class WallLayoutError(ValueError):
    """A layout that cannot be used; the message says what is wrong where."""


@dataclass(frozen=True, slots=True)
class Placement:
    panel: str
    row: int
    column: int
    rows: int = 1
    columns: int = 1


@dataclass(frozen=True, slots=True)
class WallLayout:
    source: str
    columns: tuple[float, ...]
    rows: tuple[float, ...]
    panels: tuple[Placement, ...]

    def names(self) -> frozenset[str]:
        return frozenset(p.panel for p in self.panels)

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
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WallLayoutError(
            f"wall layout {path}: not readable JSON: {error}"
        ) from error
    return parse_layout(data, str(path))


def parse_layout(data: Any, source: str) -> WallLayout:
    """Check a decoded layout whole; the first problem found is raised."""

    def fail(problem: str) -> WallLayoutError:
        return WallLayoutError(f"wall layout {source}: {problem}")

    if not isinstance(data, dict):
        raise fail("expected a JSON object with columns, rows and panels")
    unknown = set(data) - {"description", "columns", "rows", "panels"}
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(unknown))}")
    columns = _weights(data.get("columns"), "columns", fail)
    rows = _weights(data.get("rows"), "rows", fail)
    entries = data.get("panels")
    if not isinstance(entries, list) or not entries:
        raise fail("panels must be a non-empty list")
    placements = [
        _placement(entry, f"panel {index + 1}", len(rows), len(columns), fail)
        for index, entry in enumerate(entries)
    ]
    taken: dict[tuple[int, int], str] = {}
    seen: set[str] = set()
    for placement in placements:
        if placement.panel in seen:
            raise fail(f"panel {placement.panel!r} appears twice")
        seen.add(placement.panel)
        for r in range(placement.row, placement.row + placement.rows):
            for c in range(placement.column, placement.column + placement.columns):
                if (r, c) in taken:
                    raise fail(
                        f"panels {taken[(r, c)]!r} and {placement.panel!r} "
                        f"overlap at row {r}, column {c}"
                    )
                taken[(r, c)] = placement.panel
    if "header" not in seen:
        raise fail("the header panel is required (it shows the clock and outages)")
    return WallLayout(source, columns, rows, tuple(placements))


def _weights(value: Any, name: str, fail: Fail) -> tuple[float, ...]:
    if (
        not isinstance(value, list)
        or not 1 <= len(value) <= MAX_TRACKS
        or not all(
            isinstance(w, int | float) and not isinstance(w, bool) and w > 0
            for w in value
        )
    ):
        raise fail(f"{name} must be a list of 1 to {MAX_TRACKS} positive numbers")
    return tuple(float(w) for w in value)


def _placement(
    entry: Any, where: str, row_count: int, column_count: int, fail: Fail
) -> Placement:
    if not isinstance(entry, dict):
        raise fail(f"{where}: expected an object")
    unknown = set(entry) - _PLACEMENT_KEYS
    if unknown:
        raise fail(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    panel = entry.get("panel")
    if panel not in PANELS:
        raise fail(f"{where}: unknown panel {panel!r}; known: {', '.join(PANELS)}")
    numbers = {}
    for key, default in (("row", None), ("column", None), ("rows", 1), ("columns", 1)):
        value = entry.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise fail(f"{where} ({panel}): {key} must be a whole number")
        numbers[key] = value
    placement = Placement(panel, **numbers)
    for start, span, count, axis in (
        (placement.row, placement.rows, row_count, "rows"),
        (placement.column, placement.columns, column_count, "columns"),
    ):
        if start < 0 or span < 1 or start + span > count:
            raise fail(f"{where} ({panel}): outside the {count} {axis} of the grid")
    return placement
