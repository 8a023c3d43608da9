"""The sound of an urgent case arriving, where the machine can play one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl

from commandcenter.config import RESOURCES

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

URGENT_SOUND = RESOURCES / "sounds" / "urgent.wav"


def urgent_sound(parent: QWidget) -> Any:
    """A QSoundEffect for urgent cases, or None where Qt's multimedia module
    cannot load (no audio libraries): the rows still flash."""
    try:
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError:
        return None
    effect = QSoundEffect(parent)
    effect.setSource(QUrl.fromLocalFile(str(URGENT_SOUND)))
    effect.setVolume(0.8)
    return effect
