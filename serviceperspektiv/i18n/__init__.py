"""Translation helpers: every user-facing string goes through ``tr()``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "Serviceperspektiv"
I18N_DIR = Path(__file__).resolve().parent
_translator: Optional[QTranslator] = None


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
    """Load serviceperspektiv_<locale>.qm once; return the locale loaded, if any."""
    global _translator
    locale = (locale or user_locale())[:2]
    qm = I18N_DIR / f"serviceperspektiv_{locale}.qm"
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None
    if not qm.exists():
        return None
    translator = QTranslator()
    if translator.load(str(qm)):
        QCoreApplication.installTranslator(translator)
        _translator = translator
        return locale
    return None
