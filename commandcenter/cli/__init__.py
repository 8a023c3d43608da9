"""The `commandcenter` command line: one module per command group, no Qt import
at module level (the windows import it when they open).

Every command takes `--db URL` and exits non-zero with a one-line reason on error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from sqlalchemy.exc import SQLAlchemyError

from commandcenter.cli import app, cameras, cases, database, demo, evaluation, territory
from commandcenter.config import DB_ENV_VAR
from commandcenter.services.kernel.errors import DomainError

Handler = Callable[[argparse.Namespace], int]


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
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    app.register(sub, common, ui)
    demo.register(sub, common)
    database.register(sub, common)
    territory.register(sub, common)
    cameras.register(sub, common)
    evaluation.register(sub, common)
    cases.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except DomainError as error:
        print(f"commandcenter: {error}", file=sys.stderr)
    except SQLAlchemyError as error:
        reason = str(error.__cause__ or error).splitlines()[0]
        print(f"commandcenter: database error: {reason}", file=sys.stderr)
    except OSError as error:
        print(f"commandcenter: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130  # what a shell reports for Ctrl-C; the command said what it left
    return 2
