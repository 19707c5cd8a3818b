"""Swedish OSM tagging in the catalogue, and municipality names with their diacritics.

Tag rules follow the OSM wiki (Key:cash_withdrawal, Key:cash_out, Tag:amenity=payment_centre,
Key:post_office, Key:healthcare:speciality). The municipality list is checked against SCB's
county structure (number of municipalities per county code).
"""
from __future__ import annotations

from collections import Counter

import pytest

from serviceperspektiv.sources import overpass
from serviceperspektiv.sources.catalogue import load_catalogue, normalise_label
from serviceperspektiv.sources.municipalities import load_municipalities, resolve


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


@pytest.mark.parametrize("tags,expected", [
    ({"amenity": "atm"}, True),
    ({"amenity": "atm", "cash_out": "no", "cash_in": "yes"}, False),  # a deposit-only machine
    ({"amenity": "atm", "cash_out": "yes"}, True),
    ({"shop": "supermarket", "cash_withdrawal": "yes"}, True),  # cash at the till ("över disk hos ombud")
    ({"shop": "convenience", "cash_withdrawal": "mastercard;visa"}, True),
    ({"shop": "convenience", "cash_withdrawal": "no"}, False),
    ({"amenity": "bank", "atm": "yes"}, True),
    ({"amenity": "bank"}, False),
])
def test_kontantuttag(cat, tags, expected):
    assert ("kontantuttag" in cat.match_tags(tags)) is expected


@pytest.mark.parametrize("tags,expected", [
    ({"amenity": "bank"}, False),  # a bank is no longer a bill-payment point by itself
    ({"amenity": "bank", "atm": "yes"}, False),
    ({"amenity": "payment_centre"}, True),
    ({"shop": "convenience", "service:bill_payment": "yes"}, False),  # undocumented key
])
def test_betalning(cat, tags, expected):
    assert ("betalning" in cat.match_tags(tags)) is expected


@pytest.mark.parametrize("tags", [{"post_office": "post_annex"}, {"post_office": "post_partner"},
                                  {"post_office": "bureau"}, {"amenity": "parcel_locker"}, {"amenity": "post_office"}])
def test_post_paket(cat, tags):
    assert "post_paket" in cat.match_tags(tags)


@pytest.mark.parametrize("tags,expected", [
    ({"amenity": "doctors", "healthcare": "doctor", "healthcare:speciality": "general"}, True),
    ({"amenity": "clinic", "healthcare:speciality": "general;paediatrics"}, True),
    ({"amenity": "doctors", "name": "Vårdcentralen Ludvika"}, True),
    ({"amenity": "clinic", "name": "Hälsocentral Kiruna"}, True),
    ({"healthcare": "centre", "name": "VÅRDCENTRAL SÖDER"}, True),
    ({"amenity": "clinic", "name": "Capio Närakut"}, False),  # not every clinic
    ({"amenity": "doctors", "healthcare:speciality": "ophthalmology"}, False),
    ({"amenity": "dentist", "name": "Folktandvården vid vårdcentralen"}, False),
    ({"highway": "bus_stop", "name": "Vårdcentralen"}, False),  # a bus stop named after it
    ({"amenity": "clinic", "healthcare:speciality": "generalist"}, False),  # a list item, not a substring
])
def test_vardcentral(cat, tags, expected):
    assert ("vardcentral" in cat.match_tags(tags)) is expected


def test_overpass_filters_carry_the_new_rules(cat):
    filters = cat.overpass_filters(["vardcentral", "kontantuttag", "post_paket", "betalning"])
    assert '["amenity"~"^(doctors|clinic)$"]["healthcare:speciality"~"(^|;) *general *(;|$)",i]' in filters
    assert '["amenity"~"^(doctors|clinic)$"]["name"~"v[aå]rdcentral|h[aä]lsocentral",i]' in filters
    assert '["cash_withdrawal"]' in filters and '["amenity"="payment_centre"]' in filters
    assert '["post_office"~"^(bureau|post_annex|post_partner)$"]' in filters
    assert not any('"bank"' in f for f in filters)
    query = overpass.services_query(filters, overpass.BBox(60.1, 15.1, 60.2, 15.3))
    assert query.count("node[") == len(filters)


# -- municipalities ------------------------------------------------------------------------------------

# Municipalities per county code (SCB, Kommuner i Sverige; unchanged since Knivsta 2003).
PER_COUNTY = {"01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1, "10": 5, "12": 33,
              "13": 6, "14": 49, "17": 16, "18": 12, "19": 10, "20": 15, "21": 10, "22": 7, "23": 8, "24": 15, "25": 14}
KNOWN = {"0114": "Upplands Väsby", "0180": "Stockholm", "0305": "Håbo", "0330": "Knivsta", "0643": "Habo",
         "0980": "Gotland", "1280": "Malmö", "1480": "Göteborg", "1880": "Örebro", "2023": "Malung-Sälen",
         "2080": "Falun", "2085": "Ludvika", "2321": "Åre", "2584": "Kiruna", "1438": "Dals-Ed", "0139": "Upplands-Bro"}


def test_the_list_has_all_290_with_their_codes():
    items = load_municipalities()
    assert len(items) == 290 and len({m.code for m in items}) == 290 and len({m.name for m in items}) == 290
    assert Counter(m.county_code for m in items) == PER_COUNTY
    by_code = {m.code: m.name for m in items}
    for code, name in KNOWN.items():
        assert by_code[code] == name


def test_every_name_round_trips():
    items = load_municipalities()
    for m in items:
        assert resolve(m.name) == m, m
        assert resolve(f"{m.name} kommun") == m, m
        assert resolve(m.name.upper()) == m, m
        assert resolve(m.code) == m and resolve(f"{m.code} {m.name}") == m


def test_diacritics_first_then_ascii_only_when_unique():
    assert resolve("Håbo").code == "0305" and resolve("Habo").code == "0643"
    assert resolve("håbo kommun").code == "0305" and resolve("HABO").code == "0643"
    assert resolve("Ha\u030abo").code == "0305"  # decomposed å (as some systems type it)
    folded = Counter(normalise_label(m.name) for m in load_municipalities())
    for m in load_municipalities():
        ascii_name = normalise_label(m.name)
        if folded[ascii_name] == 1:
            assert resolve(ascii_name) == m, m  # 'Malung-Salen', 'Goteborg', 'Orebro'
    assert resolve("Malung-Salen").code == "2023" and resolve("Vasteras").code == "1980"
    assert resolve("Falu kommun").code == "2080" and resolve("Region Gotland").code == "0980"
    assert resolve("Göteborgs stad").code == "1480" and resolve("Atlantis") is None
