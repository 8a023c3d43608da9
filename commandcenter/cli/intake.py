"""`commandcenter api`: the Open311 GeoReport v2 intake API (uvicorn)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from commandcenter.cli._parsing import Subcommands


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    api = sub.add_parser(
        "api",
        parents=[common],
        help="serve the Open311 GeoReport v2 intake API at /open311/v2/ "
        "(the OpenAPI document at /open311/v2/openapi.json)",
    )
    api.add_argument("--host", default="127.0.0.1")
    api.add_argument("--port", type=int, default=8311)
    api.add_argument(
        "--workers", type=int, default=1, help="worker processes (PostgreSQL)"
    )
    api.add_argument(
        "--rate",
        type=int,
        default=60,
        help="requests a key may post per minute, per worker (429 beyond)",
    )
    api.set_defaults(handler=_cmd_api)


def _cmd_api(args: argparse.Namespace) -> int:
    import uvicorn

    from commandcenter.cli._services import database
    from commandcenter.config import DB_ENV_VAR, default_db_url
    from commandcenter.intake.app import RATE_ENV_VAR

    url = args.db or default_db_url()
    with database(args):  # migrated (and there) before any worker starts
        pass
    os.environ[DB_ENV_VAR] = url  # what each worker's factory reads
    os.environ[RATE_ENV_VAR] = str(args.rate)
    uvicorn.run(
        "commandcenter.intake.app:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
        access_log=False,  # a key is a form field, never in a URL; still, no log
    )
    return 0
