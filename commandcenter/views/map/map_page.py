"""The grid map page: built once with folium from vendored assets only.

folium's own defaults load jQuery, Bootstrap and Font Awesome from CDNs; the
`OfflineMap` below lists only files under resources/web, so the page makes no
request beyond the local disk (a test intercepts every request to prove it).
The street and community outlines are static folium layers; the ~5,500 grids and
everything that changes are handled by `resources/web/map/cc_map.js`, which
Python drives with small calls (`window.ccMap`), never by rebuilding the page.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

import folium
from branca.element import MacroElement
from jinja2 import Template
from PySide6.QtCore import QCoreApplication

from commandcenter.config import RESOURCES
from commandcenter.models.types import OPEN_STATES, AreaLevel
from commandcenter.services.cases.api import (
    COUNT_CLASSES,
)
from commandcenter.views.kernel.domain_text import state_text

if TYPE_CHECKING:
    from branca.element import Figure

    from commandcenter.services.cases.api import (
        MapLayers,
    )
    from commandcenter.views.map.tile_source import TileSource

WEB = RESOURCES / "web"
ATTRIBUTION = (
    "© OpenStreetMap contributors (ODbL) · Street codes: Vonng/adcode (CC BY 4.0)"
)
translate = QCoreApplication.translate
OPEN_STATE_NAMES = sorted(state.value for state in OPEN_STATES)


def _asset(relative: str) -> str:
    return (WEB / relative).as_uri()


class OfflineMap(folium.Map):
    """A folium map that loads Leaflet and our script from resources/web only."""

    default_js = [  # noqa: RUF012 - folium reads these class lists
        # served by Qt itself; in a plain browser it is absent and the page
        # simply has no bridge
        ("qwebchannel", "qrc:///qtwebchannel/qwebchannel.js"),
        ("leaflet", _asset("leaflet/leaflet.js")),
        ("markercluster", _asset("leaflet.markercluster/leaflet.markercluster.js")),
        ("cc_map", _asset("map/cc_map.js")),
    ]
    default_css = [  # noqa: RUF012
        ("leaflet_css", _asset("leaflet/leaflet.css")),
        ("markercluster_css", _asset("leaflet.markercluster/MarkerCluster.css")),
        (
            "markercluster_default_css",
            _asset("leaflet.markercluster/MarkerCluster.Default.css"),
        ),
        ("cc_map_css", _asset("map/cc_map.css")),
    ]


def _outline(
    data: dict[str, Any], name: str, colour: str, weight: float
) -> folium.GeoJson:
    # a district set up but not yet imported has no areas: folium's tooltip
    # refuses an empty layer, and a first run's map must still open
    tooltip = (
        folium.GeoJsonTooltip(fields=["name"], labels=False)
        if data.get("features")
        else None
    )
    return folium.GeoJson(
        data,
        name=name,
        style_function=lambda _f: {"color": colour, "weight": weight, "fill": False},
        tooltip=tooltip,
        control=False,
    )


class _MapInit(MacroElement):
    """Calls ccMapInit(map, options) once folium has created the map."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "ccMapInit({{ this._parent.get_name() }}, {{ this.options|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, options: dict[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "CcMapInit"
        self.options = options


def _marker_legend(display: bool) -> dict[str, str]:
    texts = {
        "title": translate("MapPage", "Open cases"),
        "reported": translate("MapPage", "Reported"),
        "registered": translate("MapPage", "Registered"),
        "dispatched": translate("MapPage", "Being handled"),
        "handled": translate("MapPage", "Awaiting verification"),
        "amber": translate("MapPage", "Deadline near"),
        "red": translate("MapPage", "Overdue"),
        "suspended": translate("MapPage", "Suspended"),
    }
    if display:  # only the wall's markers pulse
        texts["pulse"] = translate("MapPage", "Pulsing: priority 1 fast, 2 slow")
    return texts


def build_map_page(
    layers: MapLayers,
    tiles: TileSource | None = None,
    display_unit: int | None = None,
) -> str:
    """The whole page as HTML; write it to a file and load that (it exceeds the
    2 MB that QWebEnginePage.setHtml accepts). It reads the database: call it
    through the task runner, never on the GUI thread. `tiles` is an optional base
    map (see `tile_source`); by default there is none. `display_unit` turns the
    page into the wall's display mode: dark, grids as a heat map, urgent cases
    pulsing, text that many pixels high, no zoom buttons."""
    page = OfflineMap(
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        zoom_start=13,
    )
    display = display_unit is not None
    _outline(
        layers.territory(AreaLevel.COMMUNITY),
        "communities",
        "#2f4470" if display else "#546e7a",
        0.8,
    ).add_to(page)
    streets = layers.territory(AreaLevel.STREET)
    _outline(
        streets, "streets", "#4fc3f7" if display else "#1a237e", 2.6 if display else 2.2
    ).add_to(page)
    grids = json.dumps(
        layers.territory(AreaLevel.GRID), ensure_ascii=False, separators=(",", ":")
    )
    safe = grids.replace("</", "<\\/")  # JSON inside <script> must not close it
    holder = f'<script type="application/json" id="cc-grids">{safe}</script>'
    root = cast("Figure", page.get_root())
    root.html.add_child(folium.Element(holder))
    options = {
        "gridsElement": "cc-grids",
        "counts": layers.open_counts(),
        "classes": list(COUNT_CLASSES),
        "legendTitle": translate("MapPage", "Open cases per grid"),
        "attribution": ATTRIBUTION,
        "streetLabels": [
            {
                "name": feature["properties"]["name"],
                "at": feature["properties"]["label_at"],
                "illustrative": feature["properties"]["illustrative"],
            }
            for feature in streets["features"]
        ],
        # derived street areas say so on the map (PRODUCT.md, data/geo README)
        "illustrativeSuffix": translate("MapPage", " (illustrative)"),
        "markerLegend": _marker_legend(display),
        "display": {"unit": display_unit} if display else None,
        "stateNames": {state: state_text(state) for state in OPEN_STATE_NAMES},
        "tiles": (
            {"url": tiles.url, "attribution": tiles.attribution} if tiles else None
        ),
    }
    _MapInit(options).add_to(page)  # a child of the map: renders after it
    html: str = root.render()
    return html
