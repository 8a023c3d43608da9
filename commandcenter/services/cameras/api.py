"""The video cameras (视频监控): registry, import and export.

What other features and layers may use of this feature: everything outside
`services/cameras/` imports from here, never from the modules behind it (an import-
linter contract holds this)."""

from commandcenter.services.cameras.events import PAYLOADS as EVENT_PAYLOADS
from commandcenter.services.cameras.registry import (
    CameraInfo,
    CameraRegistry,
    read_cameras,
    to_csv,
    to_geojson,
)

__all__ = [
    "EVENT_PAYLOADS",
    "CameraInfo",
    "CameraRegistry",
    "read_cameras",
    "to_csv",
    "to_geojson",
]
