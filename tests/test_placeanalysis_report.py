"""The nulägesanalys report and its map read as a planner reads them (issue 14, looked at as rendered HTML/PNG).

The report: the data's rights before any number, one paragraph per service type led by its name, names
without nested brackets in sentences (ids stay in the tables), '1 minut', Swedish parameter names, no
status column without a scenario. The map: Swedish legend and sources, an inset that shows the whole data.
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from tests.test_placeanalysis_alg import _analysis, town


@pytest.fixture(scope="module")
def town_layers(qgis_app):
    return town()


def _sentences(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", p) for p in re.findall(r'<p class="s">(.*?)</p>', html)]


def test_minutes_in_sentences():
    from serviceperspektiv.core.placereport import _minutes

    assert _minutes(1.0) == _minutes(0.97) == "1 minut"
    assert _minutes(1.5) == "1,5 minuter" and _minutes(21.0) == "21 minuter" and _minutes(float("nan")) == "– minuter"


def test_report_reads_as_plain_swedish(run_alg, town_layers, tmp_path):
    result = _analysis(run_alg, town_layers, tmp_path)
    html = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    types = {f["type"] for f in result["OUTPUT"].getFeatures()}  # a memory layer
    head = html.split('<h2 id="ort-1">')[0]
    assert "<b>Data:</b> indatalagren anger ingen källa" in head  # memory layers without rights: said so
    sections = html.split('<h2 id="ort-')[1:]
    assert len(sections) == 2
    for section in sections:
        paragraphs = re.findall(r'<p class="s"><b>([^<]+):</b>', section)
        assert len(paragraphs) == len(types)  # one paragraph per type, led by its name
    sentences = _sentences(html)
    assert sentences
    for text in sentences:
        assert not re.search(r"\([^()]*\(", text), text  # no bracket inside a bracket
        assert "(id " not in text, text  # the ids are in the tables
        assert not re.search(r"(?<![\d,\u202f])1 minuter", text), text
    assert "Fredriksberg Livs (id 2)" in html  # … where they are
    assert "Inom 5 minuter med bil till orten bor" in html
    parameters = html.split("<h3>Parametrar</h3>")[1]
    assert "<td>Färdsätt</td><td>bil</td>" in parameters and ">mode<" not in parameters
    assert "Dagligvaror, fullsortiment" in parameters and "dagligvaror_full" not in parameters
    underlag = html.split("<h3>Underlag för servicen i orten</h3>")[1].split("</table>")[0]
    assert "<th>Status</th>" not in underlag  # without a scenario every point is kept

    roads = town_layers[0]
    metadata = roads.metadata()
    metadata.setRights(["© Trafikverket (test)"])
    roads.setMetadata(metadata)
    _analysis(run_alg, town_layers, tmp_path, REMOVE="2")  # close Fredriksberg Livs
    html = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert "<b>Data:</b> © Trafikverket (test)</p>" in html.split('<h2 id="ort-1">')[0]  # before the first number
    underlag = html.split("<h3>Underlag för servicen i orten</h3>")[1].split("</table>")[0]
    assert "<th>Status</th>" in underlag


def test_map_is_swedish_and_its_inset_shows_the_whole_data(qgis_app, tmp_path):
    from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsLayoutItemLabel, QgsLayoutItemLegend, QgsRectangle

    from serviceperspektiv.layouts.placemap import MapLayers, PlaceMaps
    from serviceperspektiv.layouts.templates import ITEM_ATTRIBUTION, ITEM_LEGEND, ITEM_OVERVIEW

    x0, y0 = 465000.0, 6667000.0
    place = QgsGeometry.fromWkt(f"POLYGON(({x0} {y0},{x0 + 800} {y0},{x0 + 800} {y0 + 600},{x0} {y0 + 600},{x0} {y0}))")
    cells = [QgsGeometry.fromWkt(f"POINT({x0 + 100 * i} {y0 + 300})") for i in range(5)]
    whole = QgsRectangle(x0 - 30000, y0 - 20000, x0 + 40000, y0 + 25000)  # the municipality
    wide0 = np.array([[whole.xMinimum(), y0], [x0, whole.yMinimum()]])
    wide1 = np.array([[whole.xMaximum(), y0], [x0, whole.yMaximum()]])
    data = MapLayers(QgsCoordinateReferenceSystem("EPSG:3006"), [("Byn", place)], cells, np.arange(5.0) * 10, "Apotek",
                     np.array([[x0 - 500, y0]]), np.array([[x0 + 1500, y0]]), attribution=["© Lantmäteriet (test)"],
                     overview_xy0=wide0, overview_xy1=wide1, overview_extent=whole)
    maps = PlaceMaps(data)
    try:
        png = maps.render(0, tmp_path / "karta.png")
        assert png[:4] == b"\x89PNG"
        overview = maps.layout.itemById(ITEM_OVERVIEW)
        assert overview.extent().contains(whole)  # where the place lies in all of the data
        assert "Vägar (översikt)" in [layer.name() for layer in overview.layers()]
        legend = maps.layout.itemById(ITEM_LEGEND)
        assert isinstance(legend, QgsLayoutItemLegend) and legend.title() == "Teckenförklaring"
        sources = maps.layout.itemById(ITEM_ATTRIBUTION)
        assert isinstance(sources, QgsLayoutItemLabel) and sources.text() == "Källor: © Lantmäteriet (test)"
    finally:
        maps.close()
