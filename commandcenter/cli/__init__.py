"""The `commandcenter` command line: one module per command group, no Qt import
at module level (the windows import it when they open).

Every command takes `--db URL` and exits non-zero with a one-line reason on error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from importlib import metadata

from sqlalchemy.exc import SQLAlchemyError

from commandcenter.cli import (
    admin,
    api_keys,
    app,
    cameras,
    cases,
    database,
    demo,
    doctor,
    drills,
    emergency,
    evaluation,
    intake,
    territory,
)
from commandcenter.config import DB_ENV_VAR
from commandcenter.logs import configure as configure_logging
from commandcenter.logs import log_file
from commandcenter.services.kernel.errors import DomainError

Handler = Callable[[argparse.Namespace], int]
log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        help=f"SQLAlchemy database URL (default: ${DB_ENV_VAR}, "
        "else a SQLite file in the user data directory)",
    )
    ui = argparse.ArgumentParser(add_help=False)
    ui.add_argument(
        "--lang",
        choices=["zh_CN", "en", "system"],
        help="UI language (default zh_CN; system: the desktop's locale)",
    )
    parser = argparse.ArgumentParser(
        prog="commandcenter",
        description="Grid-management command center (网格化综合管理指挥中心).",
        epilog=f"Log file: {log_file()}",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    app.register(sub, common, ui)
    demo.register(sub, common)
    admin.register(sub, common)
    database.register(sub, common)
    territory.register(sub, common)
    cameras.register(sub, common)
    evaluation.register(sub, common)
    cases.register(sub, common)
    doctor.register(sub, common)
    emergency.register(sub, common)
    drills.register(sub, common)
    api_keys.register(sub, common)
    intake.register(sub, common)
    return parser


def _version() -> str:
    try:
        return metadata.version("commandcenter")
    except metadata.PackageNotFoundError:  # run from a source tree, not installed
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    configure_logging()
    command = " ".join(
        str(part) for part in (args.command, *_subcommands(args)) if part
    )
    log.info("commandcenter %s: %s", _version(), command)
    try:
        return handler(args)
    except DomainError as error:
        log.warning("%s refused: %s", command, error)
        print(f"commandcenter: {error}", file=sys.stderr)
    except SQLAlchemyError as error:
        reason = str(error.__cause__ or error).splitlines()[0]
        log.error("%s: database error: %s", command, reason)
        print(f"commandcenter: database error: {reason}", file=sys.stderr)
    except OSError as error:
        log.error("%s: %s", command, error)
        print(f"commandcenter: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        log.warning("%s interrupted", command)
        return 130  # what a shell reports for Ctrl-C; the command said what it left
    except Exception:
        log.exception("%s failed", command)
        print(
            f"commandcenter: unexpected error; the details are in {log_file()}",
            file=sys.stderr,
        )
        return 3
    return 2


def _subcommands(args: argparse.Namespace) -> list[str]:
    """The action under a command group (`db upgrade`, `cameras import` …)."""
    return [
        value
        for key, value in vars(args).items()
        if key.endswith(("_command", "screen")) and isinstance(value, str)
    ]
