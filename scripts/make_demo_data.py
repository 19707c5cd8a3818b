#!/usr/bin/env python3
"""Write the demo GeoPackage (serviceperspektiv/demo/generate.py; the plugin ships the generator)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from serviceperspektiv.adapters.resources import demo_gpkg  # noqa: E402 - needs ROOT on sys.path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
GENERATOR = ROOT / "serviceperspektiv" / "demo" / "generate.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=demo_gpkg())
    parser.add_argument("--force", action="store_true", help="rewrite even when the file is newer than the generator")
    args = parser.parse_args()
    if args.out.exists() and not args.force and args.out.stat().st_mtime >= GENERATOR.stat().st_mtime:
        print(f"demo data up to date: {args.out}")
        return
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from serviceperspektiv.demo.generate import write

    print(write(args.out))
    del app


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # PyQt's teardown of QGIS objects can crash; the file is written by now
