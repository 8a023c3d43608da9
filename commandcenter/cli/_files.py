"""Checking or importing files people edit, one line per file: `ok …` or
`refused …` with every fault, a count of the refused on stderr, exit 1 if any
was. `plans check`, `plans import` and `drills check` all report this way."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from commandcenter.services.kernel.errors import DomainError
from commandcenter.services.kernel.validated_file import InvalidFileError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path


def each_file(paths: Sequence[Path], handle: Callable[[Path], str], noun: str) -> int:
    """`handle(path)` for every file: the line it returns is printed after it;
    an `InvalidFileError` or `DomainError` it raises is a refusal, named."""
    refused = 0
    for path in paths:
        try:
            print(handle(path))
        except (InvalidFileError, DomainError) as error:
            refused += 1
            print(f"refused {error}")
    if refused:
        print(f"{refused} of {len(paths)} {noun} refused", file=sys.stderr)
    return 1 if refused else 0
