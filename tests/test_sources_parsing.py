"""QGIS-free parts of the data sources: catalogue, tags, roads, CSV, municipalities, tiles, settings."""
from __future__ import annotations

import json

import pytest
from test_sources_helpers import FIXTURES

from serviceperspektiv.sources import overpass, settings
from serviceperspektiv.sources.catalogue import CatalogueError, load_catalogue
from serviceperspektiv.sources.municipalities import load_municipalities, resolve
from serviceperspektiv.sources.osmtags import parse_other_tags, tags_from_fields
from serviceperspektiv.sources.pointcsv import read_points
from serviceperspektiv.sources.roads import (
    is_removed,
    network_kept,
    oneway_value,
    osm_road_allowed,
    parse_maxspeed,
    routable_classes,
)
from serviceperspektiv.sources.scb import band_name

REQUIRED = ["dagligvaror_full", "dagligvaror_ovrig", "drivmedel", "apotek", "apoteksombud", "post_paket",
            "kontantuttag", "betalning", "grundskola", "forskola", "vardcentral", "bibliotek", "aldreboende"]


def test_catalogue_has_the_pipos_types_with_names():
    cat = load_catalogue()
    assert set(REQUIRED) <= set(cat.keys())
    for key in REQUIRED:
        assert cat.types[key].sv and cat.types[key].en
    assert cat.types["apoteksombud"].osm_coverage == "none"


def test_an_element_can_be_several_services():
    cat = load_catalogue()
    assert cat.match_tags({"shop": "convenience", "post_office": "post_partner"}) == ["dagligvaror_ovrig", "post_paket"]
    assert cat.match_tags({"amenity": "fuel", "boat": "only"}) == []
    assert cat.match_tags({"amenity": "school", "isced:level": "3"}) == []
    assert cat.match_tags({"amenity": "school", "isced:level": "1;2"}) == ["grundskola"]
    assert cat.match_tags({"amenity": "bank", "atm": "yes"}) == ["kontantuttag"]  # a bank is no bill-payment point


def test_catalogue_select_and_labels(tmp_path):
    cat = load_catalogue()
    assert cat.select("") == cat.keys()
    assert cat.select(" apotek, drivmedel ,apotek") == ["apotek", "drivmedel"]
    with pytest.raises(CatalogueError, match="nope"):
        cat.select("apotek,nope")
    assert cat.match_label("Post- och paketombud") == "post_paket"
    assert cat.match_label("Dagligvaror fullsortiment") == "dagligvaror_full"
    assert cat.match_label("Äldreboende") == "aldreboende"
    assert cat.match_label("Hundfrisör") is None
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"types": {"tandvard": {"sv": "Tandvård", "en": "Dental care",
                                                        "osm": [{"all": {"amenity": "dentist"}}]}}}))
    assert "tandvard" in load_catalogue(extra=extra).keys()


def test_overpass_filters_and_query():
    cat = load_catalogue()
    filters = cat.overpass_filters(["dagligvaror_full", "post_paket"])
    assert '["shop"~"^(supermarket|hypermarket)$"]' in filters
    query = overpass.services_query(filters, overpass.BBox(60, 15, 60.1, 15.2))
    assert query.startswith("[out:json]") and "node[" in query and "way[" in query and "relation[" in query
    assert query.rstrip().endswith("out center tags;")
    roads = overpass.roads_query(routable_classes("car"), overpass.BBox(60, 15, 60.1, 15.2))
    assert 'way["highway"~"^(' in roads and "out geom" in roads and "footway" not in roads


def test_points_and_lines_from_real_format_fixtures():
    data = json.loads((FIXTURES / "overpass_services.json").read_text())
    points = list(overpass.points_from(data))
    assert {p.source_id for p in points} >= {"node/1001", "way/2001", "relation/3001"}
    lines = list(overpass.lines_from(json.loads((FIXTURES / "overpass_roads.json").read_text())))
    assert len(lines) == 7 and len(lines[0].coords) == 3


def test_tiles_cover_and_limit_size():
    box = overpass.BBox(59.0, 14.0, 61.0, 17.0)  # about 160 x 220 km
    parts = overpass.tiles(box, 25)
    assert all(max(t.size_km()) <= 25.01 for t in parts)
    assert min(t.south for t in parts) == 59.0 and max(t.east for t in parts) == pytest.approx(17.0)
    assert len(overpass.tiles(overpass.BBox(60, 15, 60.01, 15.01), 25)) == 1


def test_other_tags():
    text = '"amenity"=>"fuel","name:sv"=>"Mack \\"Ett\\"","oneway"=>"yes"'
    assert parse_other_tags(text) == {"amenity": "fuel", "name:sv": 'Mack "Ett"', "oneway": "yes"}
    tags = tags_from_fields({"osm_id": "1", "highway": "primary", "name": None, "other_tags": '"maxspeed"=>"80"'})
    assert tags == {"highway": "primary", "maxspeed": "80"}


def test_maxspeed_oneway_and_access():
    assert parse_maxspeed("50") == 50 and parse_maxspeed("SE:urban") == 50 and parse_maxspeed("none") is None
    assert parse_maxspeed("30 mph") == pytest.approx(48.28, abs=0.01) and parse_maxspeed("70;50") == 70
    assert oneway_value({"oneway": "yes"}, "car") == "yes"
    assert oneway_value({"oneway": "yes", "oneway:bicycle": "no"}, "bike") == "no"
    assert oneway_value({"junction": "roundabout"}, "car") == "yes"
    assert oneway_value({"oneway": "yes"}, "walk") == "no"
    car = set(routable_classes("car"))
    assert "motorway" in car and "footway" not in car and "construction" not in car
    assert not osm_road_allowed({"highway": "service", "access": "private"}, "car", car)
    assert osm_road_allowed({"highway": "service", "access": "no", "motorcar": "yes"}, "car", car)
    assert not osm_road_allowed({"highway": "cycleway"}, "car", car)


def test_nvdb_remove_codes_and_network_groups():
    assert is_removed(9001) and is_removed("9500") and not is_removed(None) and not is_removed(100)
    assert network_kept(-1, "all") and not network_kept(-1, "no_loose") and network_kept(3, "no_loose")
    assert network_kept(0, "main") and not network_kept(2, "main")


def test_scb_band_names():
    assert band_name("ald0_4") == "age_0_4" and band_name("Ald_80-84") == "age_80_84"
    assert band_name("ald85plus") == "age_85plus" and band_name("85+") == "age_85plus"
    assert band_name("beftotalt") is None and band_name("rutid_scb") is None


def test_pipos_csv():
    data = read_points(FIXTURES / "pipos_export.csv", load_catalogue())
    assert [p.type_key for p in data.points] == ["dagligvaror_full", "apoteksombud", "post_paket"]
    first = data.points[0]
    assert first.crs == "EPSG:3006" and first.x == 532500 and first.y == 6718500
    assert first.name == "ICA Nära Test" and first.row["Huvudman"] == "ICA"


def test_municipalities_are_290_and_resolve():
    items = load_municipalities()
    assert len(items) == 290 and len({m.code for m in items}) == 290
    assert resolve("0180").name == "Stockholm" and resolve("Göteborgs stad").code == "1480"
    assert resolve("malung-sälen").code == "2023" and resolve("Region Gotland").code == "0980"
    assert resolve("Falu kommun").code == "2080"
    assert resolve("Atlantis") is None and resolve("9999") is None


def test_settings_env_over_default(monkeypatch):
    monkeypatch.delenv("SERVICEPERSPEKTIV_OVERPASS_URL", raising=False)
    assert settings.get("overpass_url").startswith("https://")
    monkeypatch.setenv("SERVICEPERSPEKTIV_OVERPASS_URL", "http://127.0.0.1:1/api")
    assert settings.get("overpass_url") == "http://127.0.0.1:1/api"
    assert settings.source_of("overpass_url") == "environment"
    monkeypatch.setenv("SERVICEPERSPEKTIV_OFFLINE", "yes")
    assert settings.get("offline") is True
    for key in ("overpass_url", "scb_wfs_url", "nvdb_url", "cache_dir"):
        assert settings.SETTINGS[key].settings_key == "serviceperspektiv/" + key
