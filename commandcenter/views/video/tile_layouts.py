"""The video wall's layouts: which grid cells each tile covers.

Plain data so that the wall, its presets and the tests agree on one definition.
The asymmetric layouts put one large tile in the top-left corner for the camera
that matters and small ones around it (1+5 on a 3x3 grid, 1+7 on a 4x4 grid).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    column: int
    rows: int = 1
    columns: int = 1


def _square(side: int) -> tuple[Cell, ...]:
    return tuple(Cell(r, c) for r in range(side) for c in range(side))


def _one_plus(side: int) -> tuple[Cell, ...]:
    """One tile of (side-1)^2 cells, then the right column and the bottom row."""
    big = side - 1
    right = tuple(Cell(r, big) for r in range(big))
    bottom = tuple(Cell(big, c) for c in range(side))
    return (Cell(0, 0, big, big), *right, *bottom)


LAYOUTS: dict[str, tuple[Cell, ...]] = {
    "1": _square(1),
    "4": _square(2),
    "9": _square(3),
    "16": _square(4),
    "1+5": _one_plus(3),
    "1+7": _one_plus(4),
}
DEFAULT_LAYOUT = "4"
MAX_TILES = max(len(cells) for cells in LAYOUTS.values())


def smallest_layout_for(count: int) -> str:
    """The smallest square layout with at least `count` tiles."""
    for name in ("1", "4", "9", "16"):
        if len(LAYOUTS[name]) >= count:
            return name
    return "16"
