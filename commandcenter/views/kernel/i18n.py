"""Installs the UI language: Simplified Chinese first, English on request.

Source strings in the code are English; `resources/translations/` holds the
zh_CN catalogue (`.ts`, edited with Qt Linguist, kept in sync by
`pyside6-lupdate`) and its compiled `.qm`. Qt's own strings (standard buttons,
dialogs) come from the `qtbase` catalogue shipped with Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from commandcenter.config import RESOURCES

TRANSLATIONS = RESOURCES / "translations"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")


def resolve_language(requested: str | None) -> str:
    """`requested` if given ('zh_CN', 'en' or 'system'), else Chinese."""
    if requested is None:
        return DEFAULT_LANGUAGE
    if requested == "system":
        return (
            "zh_CN" if QLocale.system().language() is QLocale.Language.Chinese else "en"
        )
    if requested not in LANGUAGES:
        raise ValueError(
            f"unknown language {requested!r} (one of {', '.join(LANGUAGES)})"
        )
    return requested


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the catalogues for `language`; English needs none."""
    if language == "en":
        return []
    ours = QTranslator(app)
    if not ours.load(str(TRANSLATIONS / f"commandcenter_{language}.qm")):
        raise FileNotFoundError(f"no translation catalogue for {language}")
    installed = [ours]
    qt = QTranslator(app)
    if qt.load(
        f"qtbase_{language}",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        installed.append(qt)
    for translator in installed:
        app.installTranslator(translator)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
