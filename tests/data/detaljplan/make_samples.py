"""Writes the two SS 637040:2016 samples (run once; the outputs are committed).

The plan area lies in the demo village Fredriksberg; the local-zone sample is the same plan in
SWEREF 99 15 00 (EPSG:3009), transformed with PROJ through QGIS.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
TM = {"SW": (465300.0, 6667300.0), "S": (465500.0, 6667300.0), "SE": (465700.0, 6667300.0),
      "NE": (465700.0, 6667650.0), "N": (465500.0, 6667650.0), "NW": (465300.0, 6667650.0)}
LINES = {"g_s1": ("plan", ["SW", "S"]), "g_s2": ("plan", ["S", "SE"]), "g_e": ("plan", ["SE", "NE"]),
         "g_n2": ("plan", ["NE", "N"]), "g_n1": ("plan", ["N", "NW"]), "g_w": ("plan", ["NW", "SW"]),
         "g_m": ("anvandningsgrans", ["S", "N"])}

TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<dp:DP_Data xmlns:dp="http://www.boverket.se/detaljplan/ss637040" xmlns:gml="http://www.opengis.net/gml/3.2"
  xmlns:xlink="http://www.w3.org/1999/xlink" gml:id="data1">
  <dp:featureMember>
    <dp:DP_Plan gml:id="plan1">
      <dp:planid>{planid}</dp:planid>
      <dp:plannamn>Detaljplan för Fredriksbergs centrum (testexempel)</dp:plannamn>
      <dp:kommun>2085</dp:kommun>
      <dp:forslag>true</dp:forslag>
      <dp:koordinatsystem>{crs}</dp:koordinatsystem>
      <dp:planomrade xlink:href="#omr_plan"/>
    </dp:DP_Plan>
  </dp:featureMember>
{lines}
  <dp:featureMember>
    <dp:DP_Omrade gml:id="omr_plan">
      <dp:plus xlink:href="#g_s1"/><dp:plus xlink:href="#g_s2"/><dp:plus xlink:href="#g_e"/>
      <dp:plus xlink:href="#g_n2"/><dp:plus xlink:href="#g_n1"/><dp:plus xlink:href="#g_w"/>
    </dp:DP_Omrade>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Omrade gml:id="omr_west">
      <dp:plus xlink:href="#g_s1"/><dp:plus xlink:href="#g_m"/><dp:plus xlink:href="#g_n1"/><dp:plus xlink:href="#g_w"/>
      <dp:bestammelse xlink:href="#best_b"/>
    </dp:DP_Omrade>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Omrade gml:id="omr_east">
      <dp:plus xlink:href="#g_s2"/><dp:plus xlink:href="#g_e"/><dp:plus xlink:href="#g_n2"/><dp:minus xlink:href="#g_m"/>
      <dp:bestammelse xlink:href="#best_c"/><dp:bestammelse xlink:href="#best_b"/>
    </dp:DP_Omrade>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Anvandningsbestammelse gml:id="best_b"><dp:kod>B</dp:kod><dp:text>Bostäder</dp:text></dp:DP_Anvandningsbestammelse>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Anvandningsbestammelse gml:id="best_c"><dp:kod>C</dp:kod><dp:text>Centrum</dp:text></dp:DP_Anvandningsbestammelse>
  </dp:featureMember>
</dp:DP_Data>
"""

LINE = """  <dp:featureMember>
    <dp:DP_Grans gml:id="{id}">
      <dp:typ>{typ}</dp:typ>
      <dp:geometri><gml:LineString gml:id="{id}_geom" srsDimension="2">
        <gml:posList>{pos}</gml:posList></gml:LineString></dp:geometri>
    </dp:DP_Grans>
  </dp:featureMember>"""


def write(path: Path, points: dict, crs: str, planid: str) -> None:
    lines = "\n".join(LINE.format(id=key, typ=typ, pos=" ".join(f"{points[p][1]:.3f} {points[p][0]:.3f}" for p in ends))
                      for key, (typ, ends) in LINES.items())
    path.write_text(TEMPLATE.format(planid=planid, crs=crs, lines=lines), encoding="utf-8")


def main() -> None:
    write(HERE / "sample_sweref99tm.gml", TM, "SWEREF99_TM", "2085-P2025/1")
    from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

    app = QgsApplication([], False)
    app.initQgis()

    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:3006"), QgsCoordinateReferenceSystem("EPSG:3009"),
                                       QgsProject.instance())
    local = {k: (p.x(), p.y()) for k, p in ((k, transform.transform(QgsPointXY(*v))) for k, v in TM.items())}
    write(HERE / "sample_sweref99_15_00.gml", local, "SWEREF99_15_00", "2085-P2025/2")


if __name__ == "__main__":
    main()
