"""On-disk response cache keyed by the request, with a time-to-live.

Entries are written atomically (temporary file + rename) so an interrupted run never leaves a
half-written answer that a later run would trust.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path


def request_key(method: str, url: str, params: dict | None = None, data: str | bytes | None = None) -> str:
    payload = json.dumps({
        "method": method.upper(),
        "url": url,
        "params": sorted((str(k), str(v)) for k, v in (params or {}).items()),
        "data": data.decode("utf-8", "replace") if isinstance(data, bytes) else (data or ""),
    }, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class DiskCache:
    def __init__(self, directory: str | Path, ttl_hours: float) -> None:
        self.directory = Path(directory)
        self.ttl_s = max(0.0, float(ttl_hours)) * 3600.0

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.bin"

    def get(self, key: str, ignore_ttl: bool = False) -> bytes | None:
        path = self.path(key)
        try:
            age = time.time() - path.stat().st_mtime
            if not ignore_ttl and age > self.ttl_s:
                return None
            return path.read_bytes()
        except OSError:
            return None

    def put(self, key: str, body: bytes) -> None:
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(handle, "wb") as out:
                out.write(body)
            os.replace(tmp, path)
        except OSError:
            # A cache that cannot be written only costs a new download next time.
            pass
