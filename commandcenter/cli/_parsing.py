"""What every command group's `register` is handed."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    import argparse

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""The `commandcenter` parser's subcommands, to which a group adds its own."""
