"""`commandcenter init` (a real district's first run) and `commandcenter
users …` (accounts): administration on the server's command line.

The command line on the server is trusted as the administrator it names
(`--as`, or the only active one); every change is still the domain operation
the administration window calls, with its event. Passwords never come from
the command line: `init` asks for the first one twice (or reads two lines
from standard input when it is not a terminal), and the passwords an
administrator hands out are made by the product, shown once, and changed by
their users at the first sign-in.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from commandcenter.cli._services import database, services
from commandcenter.models.types import Role
from commandcenter.services.kernel.errors import ValidationError

if TYPE_CHECKING:
    import argparse

    from commandcenter.cli._parsing import Subcommands
    from commandcenter.services.container import Services
    from commandcenter.services.kernel.auth import Actor

ROLES = [role.value for role in Role]


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    init = sub.add_parser(
        "init",
        parents=[common],
        help="set up an empty database for a real district: reference tables, "
        "the district, its first administrator (no demo accounts)",
    )
    init.add_argument(
        "--district-code", required=True, metavar="CODE", help="GB/T 2260, 6 digits"
    )
    init.add_argument("--district-name", required=True, metavar="NAME")
    init.add_argument(
        "--admin", required=True, metavar="USER", help="the first administrator"
    )
    init.add_argument("--admin-name", metavar="NAME", help="shown name (default USER)")
    init.set_defaults(handler=_cmd_init)

    saved = sub.add_parser(
        "backup",
        parents=[common],
        help="copy the database to FILE (SQLite online backup; pg_dump for "
        "PostgreSQL), verified by walking the audit chain",
    )
    saved.add_argument("file", metavar="FILE")
    saved.set_defaults(handler=_cmd_backup)
    back = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the database's contents with a backup, verified before "
        "and after (stop the workstations, the big screen and the API first)",
    )
    back.add_argument("file", metavar="FILE")
    back.add_argument(
        "--yes", action="store_true", help="yes, replace what the database holds"
    )
    back.set_defaults(handler=_cmd_restore)

    reference = sub.add_parser(
        "reference",
        help="reference data: categories (their four fixes), departments, the calendar",
    )
    reference_sub = reference.add_subparsers(
        dest="reference_command", required=True, metavar="ACTION"
    )
    export = reference_sub.add_parser(
        "export",
        parents=[common],
        help="write departments.csv, categories.csv and calendar.json to FOLDER",
    )
    export.add_argument("folder", metavar="FOLDER")
    export.set_defaults(handler=_cmd_reference_export)
    read_back = reference_sub.add_parser(
        "import",
        parents=[_acting_parent(common)],
        help="read them back from FOLDER, checked whole: each change an event "
        "(new time limits apply to cases dispatched after it)",
    )
    read_back.add_argument("folder", metavar="FOLDER")
    read_back.set_defaults(handler=_cmd_reference_import)
    day = reference_sub.add_parser(
        "day",
        parents=[_acting_parent(common)],
        help="a holiday or make-up working day of the district's own (years "
        "chinese-calendar does not know yet, local changes), or back to normal",
    )
    day.add_argument("date", metavar="YYYY-MM-DD")
    day.add_argument("kind", choices=["holiday", "workday", "normal"])
    day.set_defaults(handler=_cmd_reference_day)

    users = sub.add_parser("users", help="accounts: add, list, disable, roles …")
    users_sub = users.add_subparsers(
        dest="users_command", required=True, metavar="ACTION"
    )
    acting = _acting_parent(common)

    add = users_sub.add_parser(
        "add",
        parents=[acting],
        help="a new account; prints its temporary password (changed at the "
        "first sign-in)",
    )
    add.add_argument("username", metavar="USER")
    add.add_argument("--name", required=True, help="the name shown (显示名)")
    add.add_argument("--role", required=True, choices=ROLES)
    _scope_arguments(add)
    add.set_defaults(handler=_cmd_add)

    users_sub.add_parser(
        "list", parents=[acting], help="every account: role, scope, state"
    ).set_defaults(handler=_cmd_list)
    for action, what in (
        ("disable", "stop an account signing in (its history stays)"),
        ("enable", "let a disabled account sign in again"),
        ("unlock", "release a lock from wrong passwords before it runs out"),
        ("reset-password", "a new temporary password, printed once"),
    ):
        parser = users_sub.add_parser(action, parents=[acting], help=what)
        parser.add_argument("username", metavar="USER")
        parser.set_defaults(handler=_cmd_change, action=action)
    set_role = users_sub.add_parser(
        "set-role", parents=[acting], help="another role, or another scope"
    )
    set_role.add_argument("username", metavar="USER")
    set_role.add_argument("role", choices=ROLES)
    _scope_arguments(set_role)
    set_role.set_defaults(handler=_cmd_set_role)


def _acting_parent(common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """--db, and --as: the administrator acting."""
    import argparse

    parent = argparse.ArgumentParser(add_help=False, parents=[common])
    parent.add_argument(
        "--as",
        dest="acting",
        metavar="ADMIN",
        help="the administrator acting (default: the only active one)",
    )
    return parent


def _scope_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--department", metavar="CODE", help="a handler's department (its code)"
    )
    parser.add_argument("--street", metavar="CODE", help="a grid worker's street code")


def _cmd_init(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from commandcenter.services.admin.api import District, check_username, set_up

    check_username(args.admin)
    password = _new_password(args.admin)
    with database(args, create=True) as db:
        set_up(
            db,
            District(args.district_code, args.district_name),
            args.admin,
            args.admin_name or args.admin,
            password,
            datetime.now(UTC),
        )
    print(
        f"set up {args.district_name} ({args.district_code}) with the administrator "
        f"{args.admin}. Next: import its territory (commandcenter import grids "
        "FILE), then add its users (commandcenter users add)."
    )
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from commandcenter.services.admin.api import backup

    with database(args) as db:
        copied = backup(db, Path(args.file))
    print(
        f"backed up to {copied.path}: {copied.size / 1e6:.1f} MB, audit chain of "
        f"{copied.events} events verified, in {copied.seconds:.1f} s"
    )
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from commandcenter.config import default_db_url
    from commandcenter.db.database import Database
    from commandcenter.services.admin.api import restore

    if not args.yes:
        raise ValidationError(
            "a restore replaces everything the database holds: run it again "
            "with --yes (after stopping the workstations, the big screen and "
            "the API)"
        )
    db = Database(args.db or default_db_url())  # as it is: the backup replaces it
    try:
        copied = restore(db, Path(args.file))
    finally:
        db.dispose()
    print(
        f"restored from {copied.path}: audit chain of {copied.events} events "
        f"verified, in {copied.seconds:.1f} s"
    )
    return 0


def _cmd_reference_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    with services(args) as opened:
        written = opened.reference.export(Path(args.folder))
    print("wrote " + ", ".join(str(path) for path in written))
    return 0


def _cmd_reference_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    with services(args) as opened:
        imported = opened.reference.import_(
            _acting(opened, args.acting), Path(args.folder)
        )
    for line in imported.lines():
        print(line)
    return 0


def _cmd_reference_day(args: argparse.Namespace) -> int:
    import datetime as dt

    try:
        day = dt.date.fromisoformat(args.date)
    except ValueError as error:
        raise ValidationError(f"not a date (YYYY-MM-DD): {args.date!r}") from error
    kind = None if args.kind == "normal" else args.kind
    with services(args) as opened:
        opened.reference.set_day(_acting(opened, args.acting), day, kind)
    print(f"{day}: {args.kind}")
    return 0


def _new_password(username: str) -> str:
    """The first administrator's password, asked twice and checked."""
    from getpass import getpass

    from commandcenter.services.kernel.auth import check_password

    interactive = sys.stdin.isatty()

    def ask(prompt: str) -> str:
        if interactive:
            return getpass(prompt)
        return sys.stdin.readline().rstrip("\n")

    first = ask(f"password for {username}: ")
    check_password(first, username)
    if ask("the same again: ") != first:
        raise ValidationError("the two passwords differ")
    return first


def _acting(opened: Services, name: str | None) -> Actor:
    """The administrator `--as` names, or the only active one."""
    from commandcenter.services.kernel.errors import PermissionDeniedError

    if name is None:
        admins = opened.users.active_admins()
        if len(admins) != 1:
            raise ValidationError(
                f"{len(admins)} active administrators: say which acts with --as"
            )
        name = admins[0]
    actor = opened.auth.actor(name)
    if actor.role is not Role.ADMIN:
        raise PermissionDeniedError(f"{name} is not an administrator")
    return actor


def _cmd_add(args: argparse.Namespace) -> int:
    from commandcenter.services.admin.api import Scope

    with services(args) as opened:
        password = opened.users.add(
            _acting(opened, args.acting),
            args.username,
            args.name,
            Role(args.role),
            Scope(department=args.department, street=args.street),
        )
    print(password)
    print(
        f"added {args.username} ({args.role}); the temporary password above is "
        "shown only now, and is changed at the first sign-in"
    )
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    with services(args) as opened:
        users = opened.users.list(_acting(opened, args.acting))
    for user in users:
        if not user.active:
            state = "disabled"
        elif user.locked_until is not None:
            state = f"locked until {user.locked_until:%Y-%m-%d %H:%M} UTC"
        elif user.must_change_password:
            state = "must change password"
        else:
            state = "active"
        last = (
            f"{user.last_sign_in_at:%Y-%m-%d %H:%M}"
            if user.last_sign_in_at
            else "never"
        )
        scope = user.department or user.street or "-"
        print(
            f"{user.username:<16} {user.display_name:<10} {user.role.value:<17} "
            f"{scope:<28} last sign-in {last:<16} {state}"
            + (" (demo)" if user.demo else "")
        )
    return 0


def _cmd_change(args: argparse.Namespace) -> int:
    with services(args) as opened:
        actor = _acting(opened, args.acting)
        if args.action == "reset-password":
            password = opened.users.reset_password(actor, args.username)
            print(password)
            print(
                f"{args.username}'s temporary password is above, shown only now; "
                "they choose their own at the next sign-in"
            )
            return 0
        if args.action == "unlock":
            opened.users.unlock(actor, args.username)
        else:
            opened.users.set_active(actor, args.username, args.action == "enable")
    done = {"unlock": "unlocked", "enable": "enabled", "disable": "disabled"}
    print(f"{args.username}: {done[args.action]}")
    return 0


def _cmd_set_role(args: argparse.Namespace) -> int:
    from commandcenter.services.admin.api import Scope

    with services(args) as opened:
        opened.users.set_role(
            _acting(opened, args.acting),
            args.username,
            Role(args.role),
            Scope(department=args.department, street=args.street),
        )
    print(f"{args.username} is now {args.role}")
    return 0
