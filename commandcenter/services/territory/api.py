"""The district's areas (辖区): the grid index and the territory import.

What other features and layers may use of this feature: everything outside
`services/territory/` imports from here, never from the modules behind it (an
import-linter contract holds this)."""

from commandcenter.services.territory.area_import import (
    AreaFeature,
    import_areas,
    import_features,
    read_geojson,
)
from commandcenter.services.territory.events import PAYLOADS as EVENT_PAYLOADS
from commandcenter.services.territory.index import (
    GridRef,
    TerritoryIndex,
    geometry_json,
)

__all__ = [
    "EVENT_PAYLOADS",
    "AreaFeature",
    "GridRef",
    "TerritoryIndex",
    "geometry_json",
    "import_areas",
    "import_features",
    "read_geojson",
]
