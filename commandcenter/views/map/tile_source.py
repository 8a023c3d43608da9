"""Optional base-map tiles: an XYZ server the operator names, or a local MBTiles
file served to the page through the `cc-tiles:` URL scheme (no network at all).

The vector layers make a usable map alone, so tiles are off by default. An XYZ
URL is the one remote host the map's request guard then lets through; an MBTiles
file (SQLite, TMS rows) is read by `MBTilesHandler` inside the application.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

SCHEME = b"cc-tiles"
MBTILES_URL = "cc-tiles://mbtiles/{z}/{x}/{y}"
_MEDIA_TYPES = {"png": b"image/png", "jpg": b"image/jpeg", "webp": b"image/webp"}


class TileSourceError(ValueError):
    """The --tiles value is neither an http(s) URL template nor an MBTiles file."""


@dataclass(frozen=True, slots=True)
class TileSource:
    """Where the page's tile layer loads from."""

    url: str  # a template with {z}, {x} and {y}
    mbtiles: Path | None = None
    attribution: str = ""

    @property
    def remote_host(self) -> str | None:
        """The host the request guard must let through (XYZ servers only)."""
        return None if self.mbtiles is not None else urlsplit(self.url).hostname


def resolve(value: str) -> TileSource:
    """A tile source from the command line: an MBTiles file, or an XYZ URL."""
    path = Path(value).expanduser()
    if path.suffix.lower() == ".mbtiles":
        return TileSource(MBTILES_URL, path, _mbtiles_attribution(path))
    parts = urlsplit(value)
    placeholders = all(p in value for p in ("{z}", "{x}", "{y}"))
    if parts.scheme not in ("http", "https") or not parts.hostname or not placeholders:
        raise TileSourceError(
            f"--tiles {value!r}: give an http(s) URL with {{z}}, {{x}} and {{y}}, "
            "or a .mbtiles file"
        )
    return TileSource(value)


def _open(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise TileSourceError(f"--tiles: no such MBTiles file: {path}")
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
    )
    try:
        connection.execute(
            "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1"
        )
    except sqlite3.DatabaseError as error:
        connection.close()
        raise TileSourceError(
            f"--tiles: {path} is not an MBTiles file ({error})"
        ) from error
    return connection


def _metadata(connection: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(connection.execute("SELECT name, value FROM metadata").fetchall())
    except sqlite3.DatabaseError:
        return {}


def _mbtiles_attribution(path: Path) -> str:
    connection = _open(path)
    try:
        return _metadata(connection).get("attribution", "")
    finally:
        connection.close()


def register_scheme() -> None:
    """Declare `cc-tiles:`; Qt requires this before the QApplication exists."""
    if QWebEngineUrlScheme.schemeByName(QByteArray(SCHEME)).name() == SCHEME:
        return
    scheme = QWebEngineUrlScheme(QByteArray(SCHEME))
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)


class MBTilesHandler(QWebEngineUrlSchemeHandler):
    """Answers cc-tiles://mbtiles/{z}/{x}/{y} from an MBTiles file. A tile is one
    primary-key lookup in a local SQLite file (well under a millisecond), so it is
    answered in place rather than through the task runner."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection = _open(path)
        fmt = _metadata(self._connection).get("format", "png").lower()
        self._media_type = _MEDIA_TYPES.get(fmt, b"image/png")
        self.served = 0

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802
        try:
            z, x, y = (
                int(part.split(".")[0])
                for part in job.requestUrl().path().strip("/").split("/")
            )
        except ValueError:
            job.fail(QWebEngineUrlRequestJob.Error.UrlInvalid)
            return
        row = self._connection.execute(
            "SELECT tile_data FROM tiles "
            "WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (z, x, (1 << z) - 1 - y),  # MBTiles rows count from the south (TMS)
        ).fetchone()
        if row is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        buffer = QBuffer(job)  # lives as long as the request
        buffer.setData(QByteArray(bytes(row[0])))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(QByteArray(self._media_type), buffer)
        self.served += 1

    def close(self) -> None:
        self._connection.close()
