"""What a simulated camera sees: a moving street-like scene with the camera's
name and a running clock burnt in, as real CCTV shows them.

Frames are cheap on purpose (a simulator must not eat the CPU the video wall is
being measured on): the scene is a pre-drawn strip, already in YUV, that scrolls
by slicing, one "vehicle" box moves across it, and the text overlay is drawn once
per second.
"""

from __future__ import annotations

import subprocess
import zlib
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np
from PIL import Image, ImageDraw, ImageFont

if TYPE_CHECKING:
    from datetime import datetime

SHANGHAI = ZoneInfo("Asia/Shanghai")
_FONT_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC")


@cache
def _font_file() -> str | None:
    """A CJK font from fontconfig (the names are Chinese), or None."""
    for family in _FONT_FAMILIES:
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}", f"{family}:lang=zh"],
                capture_output=True,
                text=True,
                check=False,
                timeout=5,
            ).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return None
        if found:
            return found
    return None


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _font_file()
    return ImageFont.truetype(path, size) if path else ImageFont.load_default()


class Picture:
    """Frames of one camera at one resolution, as planar YUV 4:2:0.

    Everything is drawn in the encoder's own colour space: converting RGB frames
    to YUV costs several times more than encoding them (measured: 4.5 ms against
    0.6 ms per 640x360 frame), and the simulator shares the machine with the wall.
    """

    def __init__(self, name: str, width: int, height: int) -> None:
        self.name = name
        self.width = width
        self.height = height
        seed = zlib.crc32(name.encode("utf-8"))  # each camera looks different
        rng = np.random.default_rng(seed)
        hue = rng.uniform(0.3, 0.9, 3)
        # a strip twice as wide as the frame: road, kerb, buildings, sky
        strip = np.zeros((height, 2 * width, 3), np.uint8)
        rows = np.linspace(0, 1, height)[:, None]
        strip[:] = (np.clip(60 + 120 * rows * hue, 0, 255)).astype(np.uint8)[:, None, :]
        for x in range(0, 2 * width, max(8, width // 12)):
            top = int(height * rng.uniform(0.15, 0.45))
            wide = int(width * rng.uniform(0.03, 0.07))
            shade = rng.integers(70, 170, 3)
            strip[top : int(height * 0.62), x : x + wide] = shade
        road = int(height * 0.62)
        strip[road:] = (70, 72, 75)
        for x in range(0, 2 * width, width // 8):
            strip[int(height * 0.8) : int(height * 0.82), x : x + width // 16] = 230
        self._y, self._u, self._v = _yuv420(strip)
        car = _yuv(rng.integers(120, 255, 3).astype(np.float32))
        self._car = tuple(int(c) for c in car)
        self._overlay_second = -1
        self._overlay_mask: np.ndarray | None = None

    def frame(self, t: float, now: datetime) -> np.ndarray:
        """The picture `t` seconds into the stream, stamped with `now`, as the
        (height * 3/2, width) array of a yuv420p frame: Y rows, then U, then V."""
        w, h = self.width, self.height
        shift = (int(t * w / 20) % w) & ~1  # the scene pans slowly; even for chroma
        out = np.empty((h * 3 // 2, w), np.uint8)
        y = out[:h]
        u = out[h : h + h // 4].reshape(h // 2, w // 2)
        v = out[h + h // 4 :].reshape(h // 2, w // 2)
        y[:] = self._y[:, shift : shift + w]
        u[:] = self._u[:, shift // 2 : shift // 2 + w // 2]
        v[:] = self._v[:, shift // 2 : shift // 2 + w // 2]
        car_w, car_h = w // 8, h // 10
        x = (int((t * w / 4) % (w + car_w)) - car_w) & ~1
        top = int(h * 0.68) & ~1
        left, right = max(0, x), min(w, x + car_w)
        if right > left:
            y[top : top + car_h, left:right] = self._car[0]
            u[top // 2 : (top + car_h) // 2, left // 2 : right // 2] = self._car[1]
            v[top // 2 : (top + car_h) // 2, left // 2 : right // 2] = self._car[2]
        self._stamp(y, u, v, now)
        return out

    def _stamp(
        self, y: np.ndarray, u: np.ndarray, v: np.ndarray, now: datetime
    ) -> None:
        """White name and clock: full-range luma, neutral chroma under the glyphs."""
        second = int(now.timestamp())
        if second != self._overlay_second:
            self._overlay_second = second
            self._overlay_mask = self._render_overlay(now)
        mask = self._overlay_mask
        assert mask is not None
        y[: mask.shape[0]][mask] = 235
        chroma = mask[::2, ::2]
        u[: chroma.shape[0]][chroma] = 128
        v[: chroma.shape[0]][chroma] = 128

    def _render_overlay(self, now: datetime) -> np.ndarray:
        size = max(12, self.height // 20)
        mask = Image.new("L", (self.width, size * 2), 0)
        clock = now.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
        draw = ImageDraw.Draw(mask)
        font = _font(size)
        draw.text((size // 2, size // 3), self.name, font=font, fill=255)
        right = draw.textlength(clock, font=font)
        draw.text(
            (self.width - right - size // 2, size // 3), clock, font=font, fill=255
        )
        return np.asarray(mask) > 127


def _yuv(rgb: np.ndarray) -> np.ndarray:
    """BT.601 limited range, as MPEG-2 expects."""
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    y = 16 + 0.257 * r + 0.504 * g + 0.098 * b
    u = 128 - 0.148 * r - 0.291 * g + 0.439 * b
    v = 128 + 0.439 * r - 0.368 * g - 0.071 * b
    return np.clip(np.stack([y, u, v], axis=-1), 0, 255).astype(np.uint8)


def _yuv420(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Full-resolution luma and 2x2-averaged chroma planes of an RGB image."""
    yuv = _yuv(rgb.astype(np.float32))
    h, w = yuv.shape[:2]
    quads = yuv[:, :, 1:].astype(np.float32).reshape(h // 2, 2, w // 2, 2, 2)
    chroma = quads.mean(axis=(1, 3)).astype(np.uint8)
    return (
        np.ascontiguousarray(yuv[:, :, 0]),
        np.ascontiguousarray(chroma[:, :, 0]),
        np.ascontiguousarray(chroma[:, :, 1]),
    )
