"""`make demo-gui`: the dock's workflow in real QGIS desktop (run under xvfb-run).

Starts `qgis` with a private profile where the plugin is enabled and scripts/qgis_startup_demo.py
as --code; then checks the result, renders every PDF page to PNG and fails on any Python error.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from serviceperspektiv.adapters.resources import demo_gpkg  # noqa: E402 - needs ROOT on sys.path


def make_profile(base: Path, out: Path) -> Path:
    """A private profile: the plugin on, Swedish UI, results written to ``out`` (not the user's folders)."""
    ini = base / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text("[PythonPlugins]\nserviceperspektiv=true\nprocessing=true\n\n"
                   "[qgis]\ncheckVersion=false\nshowTips=false\nshowTips322=false\n"
                   "[locale]\noverrideFlag=true\nuserLocale=sv_SE\n\n"
                   f"[serviceperspektiv]\noutput_dir={(out / 'serviceperspektiv').resolve()}\n", encoding="utf-8")
    return base


def startup_script(out: Path) -> Path:
    """A copy of the startup script outside the checkout (the ZIP run must not import from it)."""
    copy = out / "qgis_startup_demo.py"
    shutil.copy2(ROOT / "scripts" / "qgis_startup_demo.py", copy)
    return copy


def run(out: Path, data: Optional[Path], timeout: int = 300, plugin_zip: Optional[Path] = None) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.p*"), out / "result.json"]:  # a stale result.json would hide a crash
        old.unlink(missing_ok=True)
    shutil.rmtree(out / "serviceperspektiv", ignore_errors=True)
    profile = make_profile(Path(tempfile.mkdtemp(prefix="sp-qgis-profile-")), out)
    env = dict(os.environ, QGIS_PLUGINPATH=str(ROOT), SP_DEMO_OUT=str(out), SP_DEMO_GPKG=str(data or ""))
    if plugin_zip is not None:
        # The product as users get it: the ZIP unpacked into the profile, nothing of the checkout on a path.
        plugins = profile / "profiles" / "default" / "python" / "plugins"
        plugins.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(plugin_zip) as archive:
            archive.extractall(plugins)
        for name in ("QGIS_PLUGINPATH", "PYTHONPATH"):
            env.pop(name, None)
        env["SP_DEMO_GPKG"] = ""  # the installed plugin generates its own demo data
    env.pop("QT_QPA_PLATFORM", None)  # a real (Xvfb) display
    env.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="sp-xdg-"))
    command = ["qgis", "--profiles-path", str(profile), "--nologo", "--noversioncheck", "--skipbadlayers",
               "--code", str(startup_script(out) if plugin_zip is not None else ROOT / "scripts" / "qgis_startup_demo.py")]
    cwd = out if plugin_zip is not None else ROOT
    completed = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    (out / "qgis_stderr.log").write_text(completed.stdout + completed.stderr, encoding="utf-8")
    shutil.rmtree(profile, ignore_errors=True)
    result_file = out / "result.json"
    result = json.loads(result_file.read_text(encoding="utf-8")) if result_file.exists() else {
        "errors": ["QGIS ended without result.json (see qgis_stderr.log)"], "pdfs": []}
    for line in (completed.stdout + completed.stderr).splitlines():
        if "Traceback (most recent call last)" in line or "Python error" in line or "QGIS died on signal" in line:
            result.setdefault("errors", []).append(line)
    pages = []
    for pdf in result.get("pdfs", []):
        stem = Path(pdf).with_suffix("")
        subprocess.run(["pdftoppm", "-r", "50", "-png", pdf, str(stem)], check=True)
        pages.extend(str(p) for p in sorted(out.glob(f"{stem.name}-*.png")))
    result["pages"] = pages
    return result


def steps_ok(result: dict) -> bool:
    """Every step says it worked ('nearest: True' …) and each run added its result."""
    steps = result.get("steps", [])
    return bool(steps) and not any(step.endswith(": False") for step in steps) and \
        all(count >= 1 for count in result.get("results_added", [0]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(demo_gpkg()))
    parser.add_argument("--out", default=str(ROOT / "out" / "demo-gui"))
    parser.add_argument("--zip", default=None, help="install this plugin ZIP into the profile instead of the checkout")
    args = parser.parse_args()
    result = run(Path(args.out), Path(args.data), plugin_zip=Path(args.zip) if args.zip else None)
    print(json.dumps({k: result.get(k) for k in ("steps", "results_added", "pdfs", "layouts", "report", "status",
                                                 "scenario_summary", "profile_summary", "place_layer", "place_summary",
                                                 "place_report", "errors")},
                     indent=2, ensure_ascii=False))
    ok = not result.get("errors") and len(result.get("pdfs", [])) >= 3 and steps_ok(result)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
