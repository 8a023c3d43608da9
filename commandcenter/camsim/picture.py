"""What a simulated camera sees: a moving street-like scene with the camera's
name and a running clock burnt in, as real CCTV shows them.

Frames are cheap on purpose (a simulator must not eat the CPU the video wall is
being measured on): the scene is a pre-drawn strip that scrolls by slicing, one
"vehicle" box moves across it, and the text overlay is drawn once per second.
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
    """Frames of one camera at one resolution."""

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
        self._strip = strip
        self._car = (rng.integers(120, 255, 3)).astype(np.uint8)
        self._overlay_second = -1
        self._overlay: np.ndarray | None = None
        self._overlay_mask: np.ndarray | None = None

    def frame(self, t: float, now: datetime) -> np.ndarray:
        """The picture `t` seconds into the stream, stamped with `now`."""
        shift = int(t * self.width / 20) % self.width  # the scene pans slowly
        image = self._strip[:, shift : shift + self.width].copy()
        h, w = self.height, self.width
        car_w, car_h = w // 8, h // 10
        x = int((t * w / 4) % (w + car_w)) - car_w
        top = int(h * 0.68)
        left, right = max(0, x), min(w, x + car_w)
        if right > left:
            image[top : top + car_h, left:right] = self._car
        self._stamp(image, now)
        return image

    def _stamp(self, image: np.ndarray, now: datetime) -> None:
        second = int(now.timestamp())
        if second != self._overlay_second:
            self._overlay_second = second
            self._overlay, self._overlay_mask = self._render_overlay(now)
        assert self._overlay is not None
        assert self._overlay_mask is not None
        band = image[: self._overlay.shape[0]]
        band[self._overlay_mask] = self._overlay[self._overlay_mask]

    def _render_overlay(self, now: datetime) -> tuple[np.ndarray, np.ndarray]:
        size = max(12, self.height // 20)
        band = Image.new("RGB", (self.width, size * 2), (0, 0, 0))
        mask = Image.new("L", band.size, 0)
        clock = now.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
        for target, fill in ((band, (255, 255, 255)), (mask, 255)):
            draw = ImageDraw.Draw(target)
            font = _font(size)
            draw.text((size // 2, size // 3), self.name, font=font, fill=fill)
            right = draw.textlength(clock, font=font)
            draw.text(
                (self.width - right - size // 2, size // 3), clock, font=font, fill=fill
            )
        return np.asarray(band), np.asarray(mask) > 0
