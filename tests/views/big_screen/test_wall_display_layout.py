"""Wall layouts: the shipped ones are sound, a 3x3 LCD wall's panels each stay
inside one screen, and a faulty layout file is refused with its fault named."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from commandcenter.views.big_screen.layout import (
    PANELS,
    WallLayoutError,
    built_in_names,
    load_layout,
    parse_layout,
)

if TYPE_CHECKING:
    from pathlib import Path


def test_the_shipped_layouts_load() -> None:
    assert built_in_names() == ["lcd-3x3", "standard"]
    standard = load_layout("standard")
    assert standard.names() == frozenset(PANELS) - {"streets"}
    assert load_layout("lcd-3x3").names() == frozenset(PANELS)


def test_on_a_3x3_wall_only_the_header_crosses_a_bezel() -> None:
    layout = load_layout("lcd-3x3")
    for placement in layout.panels:
        left, top, width, height = layout.fractions(placement)
        screens_across = {int((left + width * f) * 3 - 1e-9) for f in (0.001, 0.999)}
        screens_down = {int((top + height * f) * 3 - 1e-9) for f in (0.001, 0.999)}
        if placement.panel == "header":
            assert width == pytest.approx(1.0)
            assert screens_down == {0}
        elif placement.panel == "map":  # the middle column, top to bottom
            assert screens_across == {1}
            assert height == pytest.approx(1 - 1 / 18)
        else:
            assert len(screens_across) == 1, placement
            assert len(screens_down) == 1, placement


def test_fractions_follow_the_weights() -> None:
    layout = load_layout("standard")
    by_name = {p.panel: layout.fractions(p) for p in layout.panels}
    assert by_name["map"] == pytest.approx((0.26, 5 / 105, 0.48, 100 / 105))
    assert by_name["header"][:3] == pytest.approx((0.0, 0.0, 1.0))


def _layout(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "columns": [1, 2],
        "rows": [1, 4],
        "panels": [
            {"panel": "header", "row": 0, "column": 0, "columns": 2},
            {"panel": "map", "row": 1, "column": 1},
        ],
    }
    return base | changes


@pytest.mark.parametrize(
    ("data", "fault"),
    [
        ([], "expected a JSON object"),
        (_layout(colour="red"), "colour: Extra inputs are not permitted"),
        (_layout(columns=[1, 0]), "columns[1]: Input should be greater than 0"),
        (_layout(rows="1,4"), "rows: Input should be a valid list"),
        (_layout(panels=[]), "panels: List should have at least 1 item"),
        (
            _layout(panels=[{"panel": "weather", "row": 0, "column": 0}]),
            "panels[0].panel: Input should be 'header', 'counters'",
        ),
        (
            _layout(panels=[{"panel": "header", "row": 0, "column": 0, "span": 2}]),
            "panels[0].span: Extra inputs are not permitted",
        ),
        (
            _layout(panels=[{"panel": "header", "row": "0", "column": 0}]),
            "panels[0].row: Input should be a valid integer",
        ),
        (
            _layout(panels=[{"panel": "header", "row": 0, "column": 1, "columns": 2}]),
            "panels[0] (header): outside the 2 columns of the grid",
        ),
        (
            _layout(
                panels=[
                    {"panel": "header", "row": 0, "column": 0, "columns": 2},
                    {"panel": "map", "row": 0, "column": 1, "rows": 2},
                ]
            ),
            "panels 'header' and 'map' overlap at row 0, column 1",
        ),
        (
            _layout(
                panels=[
                    {"panel": "header", "row": 0, "column": 0},
                    {"panel": "header", "row": 1, "column": 1},
                ]
            ),
            "panel 'header' appears twice",
        ),
        (
            _layout(panels=[{"panel": "map", "row": 0, "column": 0}]),
            "the header panel is required",
        ),
        (
            _layout(
                panels=[
                    {"panel": "header", "row": 0, "column": 0, "columns": 2},
                    {"panel": "map", "row": 1, "column": 1},
                    {"panel": "incident", "row": 1, "column": 1},
                ]
            ),
            "panels[2] (incident): say which panel it goes over (over)",
        ),
        (
            _layout(
                panels=[
                    {"panel": "header", "row": 0, "column": 0, "columns": 2},
                    {"panel": "map", "row": 1, "column": 1},
                    {"panel": "incident", "row": 1, "column": 0, "over": "map"},
                ]
            ),
            "panels[2] (incident): not inside the cells of panel 'map'",
        ),
        (
            _layout(
                panels=[
                    {"panel": "header", "row": 0, "column": 0, "columns": 2},
                    {"panel": "map", "row": 1, "column": 1, "over": "header"},
                ]
            ),
            "panels[1] (map): only the incident panel goes over another",
        ),
    ],
)
def test_a_faulty_layout_is_refused_with_its_fault_named(data: Any, fault: str) -> None:
    """Each fault is named with its JSON path; nothing is loaded."""
    with pytest.raises(WallLayoutError) as caught:
        parse_layout(data, "my.json")
    assert str(caught.value).startswith("wall layout my.json: ")
    assert fault in str(caught.value)


def test_a_layout_file_is_read_and_a_broken_one_refused(tmp_path: Path) -> None:
    good = tmp_path / "hall.json"
    good.write_text(json.dumps(_layout()), encoding="utf-8")
    assert load_layout(str(good)).names() == {"header", "map"}
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(WallLayoutError, match="not readable JSON"):
        load_layout(str(broken))
    with pytest.raises(WallLayoutError, match="neither a file nor one of lcd-3x3"):
        load_layout(str(tmp_path / "missing.json"))


def test_every_fault_of_a_layout_is_named_at_once() -> None:
    data = _layout(
        colour="red",
        panels=[
            {"panel": "weather", "row": 0, "column": 0},
            {"panel": "map", "row": "1", "column": 1},
        ],
    )
    with pytest.raises(WallLayoutError) as caught:
        parse_layout(data, "my.json")
    message = str(caught.value)
    for fault in ("colour:", "panels[0].panel:", "panels[1].row:"):
        assert fault in message
