"""`commandcenter doctor`: what a deployment gets wrong, each with a verdict and
the fix.

Faults stop the product and make the command exit 1: the database unreachable
or not a database, its schema behind the code, the audit chain's head broken,
Qt's system libraries missing, no font for Chinese, an intake API that does
not answer. Warnings are listed but do not fail it: cameras that do not
answer, a base-map tile source that cannot be read, and for a command hall on
PostgreSQL (docs/command-hall.md) commits that are not durable, connections
near the server's limit, a clock apart from the server's, API keys that file
as no account. The checks only read: no database is created or migrated here, and Qt is
tried in a child process, so a missing library is a verdict, not a crash.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sqlalchemy import make_url, select
from sqlalchemy.exc import SQLAlchemyError

from commandcenter.config import default_db_url

if TYPE_CHECKING:
    import argparse

    from commandcenter.cli._parsing import Subcommands
    from commandcenter.db.database import Database

QT_MODULES = ("PySide6.QtWidgets", "PySide6.QtWebEngineWidgets", "PySide6.QtMultimedia")
XCB_LIBRARIES = {  # the xcb platform plugin's libraries, as ./dev installs them
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
}
CAMERA_TIMEOUT_S = 1.0
SHOWN = 5


class Verdict(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAULT = "FAULT"


@dataclass(frozen=True, slots=True)
class Finding:
    """One check's outcome: what, how it stands, and how to fix it."""

    check: str
    verdict: Verdict
    detail: str
    fix: str = ""

    def line(self) -> str:
        text = f"{self.verdict.value:<5} {self.check:<9} {self.detail}"
        return f"{text}\n      fix: {self.fix}" if self.fix else text


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    doctor = sub.add_parser(
        "doctor",
        parents=[common],
        help="check the database, Qt's libraries, the fonts, tiles and cameras",
    )
    doctor.add_argument(
        "--tiles", metavar="URL|FILE", help="also check this base-map tile source"
    )
    doctor.add_argument(
        "--api",
        metavar="URL",
        help="also check the intake API answering there (e.g. http://127.0.0.1:8311)",
    )
    doctor.set_defaults(handler=_cmd_doctor)


def _cmd_doctor(args: argparse.Namespace) -> int:
    findings = examine(args.db or default_db_url(), args.tiles, args.api)
    for finding in findings:
        print(finding.line())
    faults = sum(f.verdict is Verdict.FAULT for f in findings)
    warnings = sum(f.verdict is Verdict.WARN for f in findings)
    print(f"{faults} faults, {warnings} warnings")
    return 1 if faults else 0


def examine(
    url: str, tiles: str | None = None, api: str | None = None
) -> list[Finding]:
    """Every check, in the order a person would fix them."""
    findings = _database_findings(url)
    findings += [_qt_libraries(), _cjk_font()]
    if tiles:
        findings.append(_tile_source(tiles))
    if api:
        findings.append(_intake_api(api))
    return findings


# -- the database ------------------------------------------------------------------


def _database_findings(url: str) -> list[Finding]:
    from commandcenter.db.database import Database, missing_sqlite_file

    shown = make_url(url).render_as_string(hide_password=True)
    missing = missing_sqlite_file(url)  # doctor creates nothing
    if missing is not None:
        return [
            Finding(
                "database",
                Verdict.FAULT,
                f"no database at {missing}",
                "commandcenter init (a real district) or demo-data (the demo)",
            )
        ]
    db = Database(url)
    try:
        try:
            revision = _revision(db)
        except SQLAlchemyError as error:
            reason = str(error.__cause__ or error).splitlines()[0]
            return [
                Finding(
                    "database",
                    Verdict.FAULT,
                    f"{shown} cannot be read: {reason}",
                    "check the path or URL, the file's permissions, that it is a "
                    "commandcenter database, and that the server runs",
                )
            ]
        findings = [Finding("database", Verdict.OK, f"{shown} answers")]
        findings.append(_schema(revision))
        if revision == _head():
            if db.is_empty():
                findings.append(
                    Finding(
                        "district",
                        Verdict.WARN,
                        "the database holds no district yet (a build that was "
                        "interrupted leaves it so)",
                        "commandcenter import grids FILE (a real district), or "
                        "demo-data into an empty database (the demo)",
                    )
                )
            findings.append(_audit_head(db))
            findings.append(_backups(db))
            findings.append(_cameras(db))
            findings += _hall(db)
        return findings
    finally:
        db.dispose()


def _revision(db: Database) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(db.engine).has_table("alembic_version"):
        with db.read() as session:  # reachable, and a database at all?
            session.execute(text("SELECT 1"))
        return None
    with db.read() as session:
        return session.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _head() -> str:
    from alembic.script import ScriptDirectory

    from commandcenter.db.database import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships its migrations"
    return head


def _schema(revision: str | None) -> Finding:
    head = _head()
    if revision == head:
        return Finding("schema", Verdict.OK, f"at the newest revision ({head})")
    found = "no schema" if revision is None else f"at revision {revision}"
    return Finding(
        "schema",
        Verdict.FAULT,
        f"{found}, the code needs {head}",
        "commandcenter db upgrade (back up first)",
    )


def _audit_head(db: Database) -> Finding:
    from commandcenter.services.kernel.event_log import verify_head

    with db.read() as session:
        report = verify_head(session)
    if report.ok and not report.checked:
        return Finding("audit", Verdict.OK, "the audit log is empty")
    if report.ok:
        return Finding(
            "audit",
            Verdict.OK,
            f"the newest {report.checked} events chain correctly "
            "(commandcenter audit verify walks them all)",
        )
    return Finding(
        "audit",
        Verdict.FAULT,
        f"event {report.first_bad_id}: {report.reason}",
        "restore from a backup; commandcenter audit verify names the first changed row",
    )


def _backups(db: Database) -> Finding:
    """A backup newer than a day (PRODUCT §11), as the audit log records them."""
    from datetime import UTC, datetime, timedelta

    from commandcenter.services.admin.api import last_backup

    with db.read() as session:
        newest = last_backup(session)
    fix = "commandcenter backup FILE, daily (a cron job or a systemd timer)"
    if newest is None:
        return Finding("backup", Verdict.WARN, "no backup is recorded", fix)
    age = datetime.now(UTC) - newest
    if age > timedelta(days=1):
        return Finding(
            "backup",
            Verdict.WARN,
            f"the newest backup is {age.days} d {age.seconds // 3600} h old "
            f"({newest:%Y-%m-%d %H:%M} UTC)",
            fix,
        )
    return Finding(
        "backup", Verdict.OK, f"the newest is from {newest:%Y-%m-%d %H:%M} UTC"
    )


def _cameras(db: Database) -> Finding:
    from commandcenter.models import Camera

    with db.read() as session:
        cameras = session.execute(
            select(Camera.code, Camera.sub_url).where(Camera.enabled)
        ).all()
    if not cameras:
        return Finding("cameras", Verdict.OK, "none configured")
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(_answers, [url for _code, url in cameras]))
    silent = [code for (code, _url), ok in zip(cameras, answers, strict=True) if not ok]
    if not silent:
        return Finding("cameras", Verdict.OK, f"all {len(cameras)} answer")
    named = ", ".join(silent[:SHOWN]) + (" …" if len(silent) > SHOWN else "")
    return Finding(
        "cameras",
        Verdict.WARN,
        f"{len(silent)} of {len(cameras)} do not answer: {named}",
        "check their network and power; the demo's cameras need "
        "commandcenter camsim (run --demo starts it)",
    )


def _answers(url: str) -> bool:
    """Whether something listens where the camera's stream is served."""
    parts = urlsplit(url)
    if parts.scheme in ("file", ""):
        return Path(parts.path).exists()
    port = parts.port or {"http": 80, "https": 443, "rtsp": 554}.get(parts.scheme, 0)
    if not parts.hostname or not port:
        return False
    try:
        with socket.create_connection((parts.hostname, port), CAMERA_TIMEOUT_S):
            return True
    except OSError:
        return False


# -- the command hall (docs/command-hall.md) ------------------------------------

CONNECTIONS_WARN_SHARE = 0.8
CLOCK_SKEW_WARN_S = 2.0


def _hall(db: Database) -> list[Finding]:
    """What a hall of several workstations, the big screen and the API on
    one database needs: durable commits, connections to spare, one clock,
    keys that can file."""
    findings = [_keys(db)]
    if db.backend != "postgresql":
        findings.append(
            Finding(
                "hall",
                Verdict.OK,
                "SQLite: one machine (a hall of several runs on PostgreSQL, "
                "docs/command-hall.md)",
            )
        )
        return findings
    from datetime import UTC, datetime

    from sqlalchemy import text

    with db.read() as session:
        durable: str = session.execute(text("SHOW synchronous_commit")).scalar_one()
        most = int(session.execute(text("SHOW max_connections")).scalar_one())
        used: int = session.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = "
                "'client backend'"
            )
        ).scalar_one()
        server_now: datetime = session.execute(text("SELECT now()")).scalar_one()
    skew = abs((datetime.now(UTC) - server_now).total_seconds())
    findings.append(
        Finding("commits", Verdict.OK, "durable (synchronous_commit on)")
        if durable != "off"
        else Finding(
            "commits",
            Verdict.WARN,
            "synchronous_commit is off: a server crash can lose reports the "
            "API has acknowledged",
            "ALTER SYSTEM SET synchronous_commit = on; SELECT pg_reload_conf();",
        )
    )
    findings.append(
        Finding("connections", Verdict.OK, f"{used} of {most} in use")
        if used < CONNECTIONS_WARN_SHARE * most
        else Finding(
            "connections",
            Verdict.WARN,
            f"{used} of {most} in use: another workstation or API worker may "
            "be refused",
            "raise max_connections (each process holds up to 16: see "
            "docs/command-hall.md)",
        )
    )
    findings.append(
        Finding("clock", Verdict.OK, f"{skew:.1f} s from the database server's")
        if skew <= CLOCK_SKEW_WARN_S
        else Finding(
            "clock",
            Verdict.WARN,
            f"this machine's clock is {skew:.0f} s from the database server's: "
            "events and deadlines are stamped by each machine's clock",
            "synchronise every machine of the hall with NTP (chrony)",
        )
    )
    return findings


def _keys(db: Database) -> Finding:
    from commandcenter.models import ApiKey

    with db.read() as session:
        keys = session.execute(
            select(ApiKey.name, ApiKey.user_id).where(ApiKey.revoked_at.is_(None))
        ).all()
    accountless = [name for name, user in keys if user is None]
    if not accountless:
        return Finding("api keys", Verdict.OK, f"{len(keys)} active")
    return Finding(
        "api keys",
        Verdict.WARN,
        f"{len(accountless)} of {len(keys)} file as no account and are refused "
        f"on POST: {', '.join(accountless[:SHOWN])}",
        "commandcenter api-key revoke NAME, then add it again with --user",
    )


def _intake_api(base: str) -> Finding:
    """Whether the intake API answers at `base` with its service list."""
    import json
    import urllib.error
    import urllib.request

    url = f"{base.rstrip('/')}/open311/v2/services.json"
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            services = json.loads(answer.read())
    except (OSError, ValueError, urllib.error.URLError) as error:
        return Finding(
            "api",
            Verdict.FAULT,
            f"{url} does not answer: {error}",
            "start it: commandcenter api --host … --port … (docs/command-hall.md)",
        )
    return Finding("api", Verdict.OK, f"{url} lists {len(services)} services")


# -- the machine -------------------------------------------------------------------


def _qt_libraries() -> Finding:
    """Import Qt's modules in a child process: a missing system library names
    itself in the import error."""
    code = "; ".join(f"import {module}" for module in QT_MODULES)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=120,
    )
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or ["(no message)"]
        return Finding(
            "qt",
            Verdict.FAULT,
            f"Qt does not load: {lines[-1]}",
            "install Qt's system libraries (the list is in ./dev), e.g. "
            "apt-get install libgl1 libegl1 libxkbcommon0 libnss3",
        )
    listing = _library_listing()
    missing = [name for name in XCB_LIBRARIES if listing and name not in listing]
    if missing:
        packages = " ".join(XCB_LIBRARIES[name] for name in missing)
        return Finding(
            "qt",
            Verdict.FAULT,
            f"the X11 (xcb) platform lacks {', '.join(missing)}",
            f"apt-get install {packages}",
        )
    return Finding("qt", Verdict.OK, "Qt, QtWebEngine and QtMultimedia load")


def _library_listing() -> str:
    """The system's shared libraries (`ldconfig -p`); empty when it cannot tell
    (the import check is the real test then)."""
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    try:
        return subprocess.run(
            [ldconfig, "-p"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return ""


def _cjk_font() -> Finding:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return Finding(
            "font",
            Verdict.FAULT,
            "fontconfig is not installed: Qt finds no fonts",
            "apt-get install fontconfig fonts-wqy-microhei",
        )
    families = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False
    ).stdout.split("\n")
    found = sorted({f.split(",")[0].strip() for f in families if f.strip()})
    if not found:
        return Finding(
            "font",
            Verdict.FAULT,
            "no font with Chinese characters: the UI would show boxes",
            "apt-get install fonts-wqy-microhei (or fonts-noto-cjk)",
        )
    return Finding("font", Verdict.OK, f"Chinese text in {found[0]}")


def _tile_source(value: str) -> Finding:
    if "://" not in value:
        path = Path(value)
        if path.is_file() and os.access(path, os.R_OK):
            return Finding("tiles", Verdict.OK, f"{path} is readable")
        return Finding(
            "tiles",
            Verdict.WARN,
            f"{path} cannot be read: the map shows no base tiles",
            "check the path to the .mbtiles file",
        )
    parts = urlsplit(value.replace("{", "").replace("}", ""))
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.hostname and _answers(f"{parts.scheme}://{parts.hostname}:{port}/"):
        return Finding("tiles", Verdict.OK, f"{parts.hostname} answers")
    return Finding(
        "tiles",
        Verdict.WARN,
        f"{parts.hostname} does not answer: the map shows no base tiles",
        "check the intranet tile server, or use a local .mbtiles file",
    )
