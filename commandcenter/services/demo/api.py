"""The demo district (演示数据): building it, and its cast.

What other features and layers may use of this feature: everything outside
`services/demo/` imports from here, never from the modules behind it (an import-
linter contract holds this)."""

from commandcenter.services.demo.builder import (
    DemoOptions,
    build_demo,
)
from commandcenter.services.demo.drill_hall import ScriptedHall, play_past_drill
from commandcenter.services.demo.population import (
    CAMSIM_PORT,
    CAMSIM_URL,
    demo_config,
)

__all__ = [
    "CAMSIM_PORT",
    "CAMSIM_URL",
    "DemoOptions",
    "ScriptedHall",
    "build_demo",
    "demo_config",
    "play_past_drill",
]
