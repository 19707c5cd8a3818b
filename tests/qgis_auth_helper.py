"""A QGIS of its own with an authentication database under a temporary folder (run as a subprocess).

The test session's QgsApplication has opened its auth database already (QGIS 3.22 opens it in
initQgis), so a private database needs a process of its own: QGIS_AUTH_DB_DIR_PATH and a private
profile (QGIS_CUSTOM_CONFIG_PATH) are set before QGIS starts, and the user's QGIS is never touched.

    python qgis_auth_helper.py create DIR MASTER USER PASSWORD   -> {"authcfg": id, "db": path}
    python qgis_auth_helper.py run DIR MASTER ALG PARAMS_JSON    -> {"result": ...} or {"error": ...}
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(folder: Path):
    os.environ["QGIS_AUTH_DB_DIR_PATH"] = str(folder / "auth")
    os.environ["QGIS_CUSTOM_CONFIG_PATH"] = str(folder / "profile")
    (folder / "auth").mkdir(parents=True, exist_ok=True)
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    return app


def create(folder: Path, master: str, user: str, password: str) -> dict:
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    assert manager.setMasterPassword(master, True), "master password could not be set"
    config = QgsAuthMethodConfig("Basic")
    config.setName("Geotorget (test)")
    config.setConfig("username", user)
    config.setConfig("password", password)
    stored = manager.storeAuthenticationConfig(config)
    ok = stored[0] if isinstance(stored, tuple) else stored
    assert ok, "the configuration could not be stored"
    return {"authcfg": config.id(), "db": manager.authenticationDatabasePath()}


def run(master: str, alg: str, params: dict) -> dict:
    from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback

    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    sys.path.insert(0, str(ROOT))
    from processing.core.Processing import Processing

    Processing.initialize()
    from serviceperspektiv.processing.provider import ServiceperspektivProvider

    provider = ServiceperspektivProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    if master:
        assert QgsApplication.authManager().setMasterPassword(master, True), "wrong master password"
    import processing

    log: list[str] = []

    class Feedback(QgsProcessingFeedback):
        def pushInfo(self, info):  # noqa: N802 - QGIS API
            log.append(info)

        def reportError(self, error, fatalError=False):  # noqa: N802,N803 - QGIS API
            log.append(error)

    try:
        result = processing.run(f"serviceperspektiv:{alg}", params, feedback=Feedback())
        return {"result": {k: str(v) for k, v in result.items()}, "log": log}
    except QgsProcessingException as error:
        return {"error": str(error), "log": log}


def main() -> None:
    mode, folder, master = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    app = start(folder)
    if mode == "create":
        answer = create(folder, master, sys.argv[4], sys.argv[5])
    else:
        answer = run(master, sys.argv[4], json.loads(sys.argv[5]))
    print("JSON:" + json.dumps(answer), flush=True)
    app.exitQgis()


if __name__ == "__main__":
    main()
