# Serviceperspektiv: every target does its own set-up (scripts/bootstrap.sh is idempotent).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
export QT_QPA_PLATFORM ?= offscreen
export QGIS_PLUGINPATH := $(CURDIR)
export PYTHONPATH := $(CURDIR)$(if $(PYTHONPATH),:$(PYTHONPATH))
export XDG_RUNTIME_DIR ?= /tmp/runtime-serviceperspektiv

.PHONY: demo-gui setup demo test test-qgis-latest lint package bench translations clean demo-data

setup:
	@bash scripts/bootstrap.sh
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)

translations: setup
	@bash scripts/build_translations.sh

demo-data: setup
	@$(PY) scripts/make_demo_data.py --out resources/demo/fredriksberg_demo.gpkg

demo: setup translations demo-data
	@$(PY) scripts/run_demo.py --data resources/demo/fredriksberg_demo.gpkg --out out/demo

test: setup translations demo-data
	@$(PY) -m pytest -q tests

# The same suite against the newest QGIS in Debian (3.44 from sid, else 3.40 from trixie) in a
# debootstrap root cached in .cache/qgis-latest-root (built on first use; see docs/qgis-versions.md).
test-qgis-latest:
	@bash scripts/qgis_latest.sh

lint: setup
	@$(VENV)/bin/ruff check serviceperspektiv tests scripts

package: translations
	@bash scripts/package.sh

bench: setup
	@$(PY) scripts/bench.py --out docs/benchmarks.md

clean:
	rm -rf out dist .pytest_cache

# The dock's workflow in real QGIS desktop under Xvfb: screenshots, PDFs and page PNGs in out/demo-gui/.
demo-gui: setup translations demo-data
	@env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) scripts/demo_gui.py --data resources/demo/fredriksberg_demo.gpkg --out out/demo-gui
