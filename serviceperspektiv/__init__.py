"""Serviceperspektiv QGIS plugin: access to everyday service for spatial planning."""


def classFactory(iface):  # noqa: N802 - QGIS plugin entry point
    from .plugin import ServiceperspektivPlugin

    return ServiceperspektivPlugin(iface)
