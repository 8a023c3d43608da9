"""The live grid map widget: the folium page plus one QWebChannel bridge.

The page is built once (`build_map_page`). Everything after that travels as small
JSON messages over the bridge: a list of operations one way (`marker`, `remove`,
`markers`, `cameras`, `select`, `flyTo`, `pick`, `query`), and events the other
way (a case, grid or camera clicked, a location picked, a query's reply).
Messages sent before the page says "ready" wait in a queue, so callers never
need to know whether the page has finished loading.

Every page shares one off-the-record profile whose request interceptor lets
through only local files, inline data, Qt's own resources and an explicitly
configured tile host: the map cannot reach the network even by accident.
"""

from __future__ import annotations

import itertools
import json
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from commandcenter.services.cases.api import (
    Marker,
    markers,
)
from commandcenter.views.kernel.level_colours import (
    LEVEL_NUMERALS,
    RESOURCE_COLOURS,
    level_colour,
)
from commandcenter.views.map.tile_source import SCHEME, MBTilesHandler

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from datetime import datetime
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

    from commandcenter.services.cases.api import (
        CaseRow,
    )
    from commandcenter.services.emergency.api import IncidentDetail
    from commandcenter.views.map.tile_source import TileSource

LOCAL_SCHEMES = frozenset({"file", "data", "qrc", "cc-tiles"})
log = logging.getLogger(__name__)


class OfflineGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is not local (or to an allowed tile host), and
    remembers the blocked ones so a test or the log can show them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allowed_hosts: set[str] = set()
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802
        url = info.requestUrl()
        if url.scheme() in LOCAL_SCHEMES or url.host() in self.allowed_hosts:
            return
        self.blocked.append(url.toString())
        info.block(True)


_guards: dict[int, tuple[QWebEngineProfile, OfflineGuard]] = {}


def offline_profile() -> QWebEngineProfile:
    """The application's one map profile (off the record: no disk cache, no
    cookies), created on first use and owned by the application object."""
    return _profile_and_guard()[0]


def offline_guard() -> OfflineGuard:
    """The interceptor of `offline_profile()`, e.g. to allow a tile host."""
    return _profile_and_guard()[1]


def _profile_and_guard() -> tuple[QWebEngineProfile, OfflineGuard]:
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    if id(app) not in _guards:
        profile = QWebEngineProfile(app)
        guard = OfflineGuard(profile)
        profile.setUrlRequestInterceptor(guard)
        _guards[id(app)] = (profile, guard)
    return _guards[id(app)]


def use_tiles(source: TileSource) -> None:
    """Let the map pages load base tiles from `source`: serve an MBTiles file
    through the `cc-tiles:` scheme, or let the guard through to one XYZ host."""
    profile = offline_profile()
    if source.mbtiles is None:
        if source.remote_host:
            offline_guard().allowed_hosts.add(source.remote_host)
        return
    handler = MBTilesHandler(source.mbtiles, profile)  # the profile owns it
    profile.removeUrlScheme(QByteArray(SCHEME))
    profile.installUrlSchemeHandler(QByteArray(SCHEME), handler)
    _tile_handlers[id(profile)] = handler


def tile_handler() -> MBTilesHandler | None:
    """The MBTiles handler in use, if any (its `served` count shows it works)."""
    return _tile_handlers.get(id(offline_profile()))


_tile_handlers: dict[int, MBTilesHandler] = {}


class MapBridge(QObject):
    """The one object the page sees (`channel.objects.bridge`)."""

    message = Signal(str)
    """To the page: a JSON list of operations."""
    received = Signal(object)
    """From the page: one decoded message (a dict with a `type`)."""

    @Slot(str)
    def post(self, text: str) -> None:
        self.received.emit(json.loads(text))


class _LoggingPage(QWebEnginePage):
    """A page whose script errors land in the application log, not nowhere."""

    def javaScriptConsoleMessage(  # noqa: N802 - Qt override
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        log.warning("map page %s:%d: %s", source.rsplit("/", 1)[-1], line, message)


class MapView(QWebEngineView):
    """The grid map: load a built page, then drive it with small messages."""

    ready = Signal()
    case_clicked = Signal(int)
    grid_clicked = Signal(str)
    camera_clicked = Signal(int)
    location_picked = Signal(float, float)
    """lon, lat of a click in picking mode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPage(_LoggingPage(offline_profile(), self))
        self._bridge = MapBridge(self)
        self._channel = QWebChannel(self)
        self._channel.registerObject("bridge", self._bridge)
        self.page().setWebChannel(self._channel)
        self._bridge.received.connect(self._on_message)
        self._ready = False
        self._pending: list[dict[str, Any]] = []
        self._replies: dict[int, Callable[[Any], None]] = {}
        self._markers: dict[int, dict[str, Any]] = {}
        """The case markers as the page shows them (to draw again on a reload)."""
        self._layers: dict[str, dict[str, Any]] = {}
        """The last whole-layer operation of each kind (cameras, incidents)."""
        self._query_ids = itertools.count(1)
        self.loadStarted.connect(self._on_load_started)

    @property
    def is_ready(self) -> bool:
        return self._ready

    def load_page(self, path: Path) -> None:
        self.load(QUrl.fromLocalFile(str(path)))

    def reload_page(self, path: Path) -> None:
        """Load a new page (the territory changed) and show on it what the
        old one showed: the markers, cameras and incidents come back as soon
        as it is ready."""
        self.load_page(path)
        self._ready = False  # from now on, until the new page says it is
        self._pending = [
            {"op": "markers", "markers": list(self._markers.values())},
            *self._layers.values(),
        ]

    def send(self, operations: Sequence[dict[str, Any]]) -> None:
        """Apply operations in the page, now or as soon as it is ready."""
        if not operations:
            return
        for operation in operations:
            self._remember(operation)
        if not self._ready:
            self._pending.extend(operations)
            return
        self._bridge.message.emit(
            json.dumps(list(operations), ensure_ascii=False, separators=(",", ":"))
        )

    def _remember(self, operation: dict[str, Any]) -> None:
        match operation["op"]:
            case "markers":
                self._markers = {m["id"]: m for m in operation["markers"]}
            case "marker":
                self._markers[operation["marker"]["id"]] = operation["marker"]
            case "remove":
                self._markers.pop(operation["id"], None)
            case "cameras" | "incidents":
                self._layers[operation["op"]] = operation

    def query(self, what: str, done: Callable[[Any], None], **args: Any) -> None:
        """Ask the page (through the bridge) what it shows; `done(result)`."""
        qid = next(self._query_ids)
        self._replies[qid] = done
        self.send([{"op": "query", "qid": qid, "what": what, "args": args}])

    def show_markers(self, shown: Iterable[Marker]) -> None:
        """Replace every case marker (first load, or after reconnecting)."""
        self.send([{"op": "markers", "markers": [m.to_json() for m in shown]}])

    def update_cases(self, rows: Sequence[CaseRow], now: datetime) -> None:
        """Fresh snapshots of changed cases (or cases whose deadline light
        changed with the clock): open ones are drawn as at `now`, others removed."""
        shown = {m.id: m for m in markers(rows, now)}
        self.send(
            [
                {"op": "marker", "marker": shown[row.id].to_json()}
                if row.id in shown
                else {"op": "remove", "id": row.id}
                for row in rows
            ]
        )

    def show_incidents(self, incidents: Sequence[IncidentDetail]) -> None:
        """Draw the areas of these incidents by level colour, with the places
        their plans call on (replacing what was drawn before)."""
        self.send([{"op": "incidents", "incidents": [_incident(i) for i in incidents]}])

    def fit_area(self, area: str) -> None:
        """Bring a GeoJSON area (an incident's) into view."""
        self.send([{"op": "fitArea", "area": json.loads(area)}])

    def show_cameras(self, cameras: list[dict[str, Any]]) -> None:
        self.send([{"op": "cameras", "cameras": cameras}])

    def select_case(self, case_id: int) -> None:
        """Highlight a case's marker and bring it into view."""
        self.send([{"op": "select", "id": case_id}])

    def fly_to(self, lon: float, lat: float, zoom: int = 17) -> None:
        self.send([{"op": "flyTo", "lon": lon, "lat": lat, "zoom": zoom}])

    def show_district(self) -> None:
        """Zoom out to the whole district."""
        self.send([{"op": "district"}])

    def pick_location(self, on: bool = True) -> None:
        """The next click on the map reports its place (`location_picked`)."""
        self.send([{"op": "pick", "on": on}])

    def _on_load_started(self) -> None:
        self._ready = False

    def _on_message(self, message: dict[str, Any]) -> None:
        match message.get("type"):
            case "ready":
                self._ready = True
                pending, self._pending = self._pending, []
                self.send(pending)
                self.ready.emit()
            case "reply":
                done = self._replies.pop(int(message["qid"]), None)
                if done is not None:
                    done(message.get("result"))
            case "case":
                self.case_clicked.emit(int(message["id"]))
            case "grid":
                self.grid_clicked.emit(str(message["code"]))
            case "camera":
                self.camera_clicked.emit(int(message["id"]))
            case "picked":
                self.location_picked.emit(float(message["lon"]), float(message["lat"]))


def _incident(incident: IncidentDetail) -> dict[str, Any]:
    return {
        "id": incident.id,
        "label": f"{LEVEL_NUMERALS.get(incident.level.value, '')} {incident.title}",
        "colour": level_colour(incident.level.value),
        "area": json.loads(incident.area),
        "resources": [
            {
                "name": resource.name,
                "lon": resource.lon,
                "lat": resource.lat,
                "colour": RESOURCE_COLOURS.get(resource.kind.value, "#607d8b"),
            }
            for resource in incident.resources
        ],
    }
