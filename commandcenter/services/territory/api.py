"""The district's areas (辖区): the grid index and the territory import.

What other features and layers may use of this feature: everything outside
`services/territory/` imports from here, never from the modules behind it (an
import-linter contract holds this)."""

from commandcenter.services.territory.area_import import (
    AreaFeature,
    TerritoryPlan,
    commit_import,
    import_areas,
    import_features,
    plan_import,
)
from commandcenter.services.territory.china_offsets import (
    gcj02_to_bd09,
    wgs84_to_gcj02,
)
from commandcenter.services.territory.events import PAYLOADS as EVENT_PAYLOADS
from commandcenter.services.territory.gis_file import Layout, read_territory
from commandcenter.services.territory.index import (
    GridRef,
    TerritoryIndex,
    geometry_json,
)

__all__ = [
    "EVENT_PAYLOADS",
    "AreaFeature",
    "GridRef",
    "Layout",
    "TerritoryIndex",
    "TerritoryPlan",
    "commit_import",
    "gcj02_to_bd09",
    "geometry_json",
    "import_areas",
    "import_features",
    "plan_import",
    "read_territory",
    "wgs84_to_gcj02",
]
