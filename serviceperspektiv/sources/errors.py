"""Errors of the data sources. Every message is given in English and Swedish, with the endpoint."""
from __future__ import annotations


class SourceError(RuntimeError):
    """A data source failed; ``str()`` gives 'English. / Swedish.' so both languages reach the log."""

    def __init__(self, english: str, swedish: str, endpoint: str = "") -> None:
        self.english = english
        self.swedish = swedish
        self.endpoint = endpoint
        where_en = f" (endpoint: {endpoint})" if endpoint else ""
        where_sv = f" (tjänst: {endpoint})" if endpoint else ""
        super().__init__(f"{english}{where_en} / {swedish}{where_sv}")


class OfflineMiss(SourceError):
    """Offline mode, and the cache holds no answer for the request."""


class Cancelled(SourceError):
    def __init__(self, endpoint: str = "") -> None:
        super().__init__("Cancelled by the user", "Avbrutet av användaren", endpoint)
