"""`commandcenter api-key …`: the keys of the intake API (Open311)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from commandcenter.cli._services import services

if TYPE_CHECKING:
    import argparse

    from commandcenter.cli._parsing import Subcommands


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    keys = sub.add_parser("api-key", help="keys of the intake API (Open311)")
    keys_sub = keys.add_subparsers(dest="key_command", required=True, metavar="ACTION")
    add = keys_sub.add_parser(
        "add",
        parents=[common],
        help="a new key, printed once (only its hash is kept)",
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--source", required=True, choices=["hotline", "grid_worker", "external"]
    )
    add.add_argument(
        "--user",
        required=True,
        help="the account its reports are filed as: a grid worker's own, or an "
        "account that may report (an operator's for the hotline)",
    )
    add.set_defaults(handler=_cmd_add)
    listing = keys_sub.add_parser(
        "list", parents=[common], help="every key: source, user, added, revoked"
    )
    listing.set_defaults(handler=_cmd_list)
    revoke = keys_sub.add_parser(
        "revoke", parents=[common], help="stop a key working at once"
    )
    revoke.add_argument("name", metavar="NAME")
    revoke.set_defaults(handler=_cmd_revoke)


def _cmd_add(args: argparse.Namespace) -> int:
    from commandcenter.services.intake.api import KeySource

    with services(args) as opened:
        key = opened.api_keys.add(args.name, KeySource(args.source), args.user)
    print(key)
    print(
        f"key {args.name!r} added; it is shown only now: keep it where its "
        "system reads it",
    )
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    with services(args) as opened:
        keys = opened.api_keys.list()
    for key in keys:
        state = "revoked" if key.revoked_at else "active"
        print(
            f"{key.name:<24} {key.key_id} {key.source.value:<11} "
            f"{key.user or '-':<12} {key.created_at:%Y-%m-%d} {state}"
        )
    if not keys:
        print("no keys yet")
    return 0


def _cmd_revoke(args: argparse.Namespace) -> int:
    with services(args) as opened:
        opened.api_keys.revoke(args.name)
    print(f"key {args.name!r} revoked")
    return 0
