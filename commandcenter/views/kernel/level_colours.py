"""The colours of the response levels as Chinese practice paints them (Ⅳ blue,
Ⅲ yellow, Ⅱ orange, Ⅰ red), and of the resources a plan calls on: the incident
view, the maps and the big screen use the same ones."""

from __future__ import annotations

LEVEL_COLOURS: dict[str, str] = {
    "IV": "#1e88e5",
    "III": "#f9a825",
    "II": "#ef6c00",
    "I": "#c62828",
}
LEVEL_NUMERALS: dict[str, str] = {"IV": "Ⅳ", "III": "Ⅲ", "II": "Ⅱ", "I": "Ⅰ"}
RESOURCE_COLOURS: dict[str, str] = {
    "shelter": "#2e7d32",
    "micro_fire_station": "#d32f2f",
    "pump_depot": "#0277bd",
    "sandbag_depot": "#8d6e63",
    "medical": "#ad1457",
}


def level_colour(level: str) -> str:
    return LEVEL_COLOURS.get(level, "#607d8b")
