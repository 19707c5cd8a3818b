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


class AuthFailed(SourceError):
    """HTTP 401/403: the service wants a login, or refused the one sent.

    ``endpoint_name`` is the settings key of the endpoint the URL belongs to ("" if none), so that
    the Processing layer can say where to configure the login.
    """

    def __init__(self, status: int, with_credentials: bool, endpoint: str, endpoint_name: str = "",
                 detail: str = "") -> None:
        self.status = status
        self.with_credentials = with_credentials
        self.endpoint_name = endpoint_name
        detail = f": {detail}" if detail else ""
        if with_credentials:
            english = f"The server refused the login that was sent (HTTP {status}){detail}"
            swedish = f"Servern godtog inte inloggningen som skickades (HTTP {status}){detail}"
        else:
            english = f"The service needs a login (HTTP {status}){detail}"
            swedish = f"Tjänsten kräver inloggning (HTTP {status}){detail}"
        super().__init__(english, swedish, endpoint)


class AuthConfigError(SourceError):
    """A QGIS authentication configuration could not be turned into request headers."""
