"""The offsets of Chinese web maps, undone: GCJ-02 (国测局坐标, the "Mars"
coordinates of AMap, Tencent and Google China) and BD-09 (Baidu), back to
WGS-84.

China's survey law has web maps publish positions shifted by a non-linear,
unpublished-in-full but widely re-derived function of WGS-84 (GCJ-02), and
Baidu shifts GCJ-02 once more (BD-09). Districts that drew their grids on
such a map hold their files in those offsets: 300–600 m off in Shanghai.
Only the forward functions are known in closed form; each inverse here is
found by fixed-point iteration on the forward function (its Jacobian is
within a few millionths of the identity), to well under a centimetre: far
below the 1 m a grid boundary needs. Outside China the offsets are zero, as
the forward function defines them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from collections.abc import Callable

Array = NDArray[np.float64]

_A = 6378245.0  # the Krasovsky 1940 ellipsoid the GCJ-02 function uses
_EE = 0.00669342162296594323
_X_PI = np.pi * 3000.0 / 180.0
_STEPS = 30
_CLOSE = 1e-10  # degrees: about 0.01 mm


def _in_china(lon: Array, lat: Array) -> NDArray[np.bool_]:
    """The rough box the GCJ-02 function applies in (it is defined so)."""
    return (lon >= 72.004) & (lon <= 137.8347) & (lat >= 0.8293) & (lat <= 55.8271)


def _lat_shift(x: Array, y: Array) -> Array:
    shift = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y
    shift += 0.2 * np.sqrt(np.abs(x))
    shift += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2 / 3
    shift += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2 / 3
    shift += (160.0 * np.sin(y / 12.0 * np.pi) + 320 * np.sin(y * np.pi / 30.0)) * 2 / 3
    return shift


def _lon_shift(x: Array, y: Array) -> Array:
    shift = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y
    shift += 0.1 * np.sqrt(np.abs(x))
    shift += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2 / 3
    shift += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2 / 3
    shift += (
        (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2 / 3
    )
    return shift


def wgs84_to_gcj02(lon: Array, lat: Array) -> tuple[Array, Array]:
    """The published forward function: WGS-84 → GCJ-02."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    d_lat = _lat_shift(lon - 105.0, lat - 35.0)
    d_lon = _lon_shift(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * np.pi
    magic = 1 - _EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * np.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * np.cos(rad) * np.pi)
    inside = _in_china(lon, lat)
    return np.where(inside, lon + d_lon, lon), np.where(inside, lat + d_lat, lat)


def gcj02_to_bd09(lon: Array, lat: Array) -> tuple[Array, Array]:
    """Baidu's forward function: GCJ-02 → BD-09."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    z = np.sqrt(lon * lon + lat * lat) + 0.00002 * np.sin(lat * _X_PI)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def _inverse(
    forward: Callable[[Array, Array], tuple[Array, Array]], lon: Array, lat: Array
) -> tuple[Array, Array]:
    """x with forward(x) = target, by x ← x + (target − forward(x))."""
    target_lon, target_lat = np.asarray(lon, float), np.asarray(lat, float)
    x_lon, x_lat = target_lon.copy(), target_lat.copy()
    for _ in range(_STEPS):
        f_lon, f_lat = forward(x_lon, x_lat)
        d_lon, d_lat = target_lon - f_lon, target_lat - f_lat
        x_lon, x_lat = x_lon + d_lon, x_lat + d_lat
        if max(np.abs(d_lon).max(initial=0), np.abs(d_lat).max(initial=0)) < _CLOSE:
            break
    return x_lon, x_lat


def gcj02_to_wgs84(lon: Array, lat: Array) -> tuple[Array, Array]:
    """GCJ-02 → WGS-84 (iterated to under a centimetre)."""
    return _inverse(wgs84_to_gcj02, lon, lat)


def bd09_to_wgs84(lon: Array, lat: Array) -> tuple[Array, Array]:
    """BD-09 → GCJ-02 → WGS-84 (each iterated)."""
    return gcj02_to_wgs84(*_inverse(gcj02_to_bd09, lon, lat))
