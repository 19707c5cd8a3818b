"""Translation helpers: every user-facing string goes through ``tr()``."""
from __future__ import annotations

from typing import Optional

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from ..adapters.resources import i18n_dir, translation_files

CONTEXT = "Serviceperspektiv"
I18N_DIR = i18n_dir()
_translators: list[QTranslator] = []


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def user_locale() -> str:
    """Two-letter UI language: QGIS's override setting, else the system locale."""
    settings = QgsSettings()
    override = settings.value("locale/overrideFlag", False, type=bool)
    locale = settings.value("locale/userLocale", "", type=str) if override else ""
    if not locale:
        locale = settings.value("locale/userLocale", "", type=str) or QLocale.system().name()
    return (locale or "en")[:2]


def install_translator(locale: Optional[str] = None) -> Optional[str]:
    """Load every ``*_<locale>.qm`` in this folder (one per area); return the locale loaded, if any."""
    locale = (locale or user_locale())[:2]
    for old in _translators:
        QCoreApplication.removeTranslator(old)
    _translators.clear()
    for qm in translation_files(locale):
        translator = QTranslator()
        if translator.load(str(qm)):
            QCoreApplication.installTranslator(translator)
            _translators.append(translator)
    return locale if _translators else None
