"""commandcenter: the grid-management command center (网格化综合管理指挥中心)."""

__version__ = "0.1.0"
