"""A plain PNG standing for a photo from the scene: what the demo and a drill's
inject attach where no camera took one (a real PNG, so every check of an
attachment's content treats it as a photo)."""

from __future__ import annotations

import struct
import zlib


def site_photo(rgb: tuple[int, int, int], size: int = 64) -> bytes:
    """A plain PNG standing for a photo from the scene (the demo has no camera)."""
    row = b"\x00" + bytes(rgb) * size
    raw = zlib.compress(row * size)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", raw)
        + chunk(b"IEND", b"")
    )
