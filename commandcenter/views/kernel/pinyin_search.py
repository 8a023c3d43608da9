"""Searching Chinese names the way operators type: pinyin initials ("xgg" for
非法小广告) or the full spelling, besides the characters themselves."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def spellings(text: str) -> tuple[str, str]:
    """The lower-case pinyin initials and full spelling of `text`."""
    initials = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER))
    return initials.lower(), "".join(lazy_pinyin(text)).lower()
