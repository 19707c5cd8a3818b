"""Help text for every parameter, shown as its tooltip in the toolbox (``setHelp``, QGIS ≥ 3.16).

One table keyed by parameter name, so that shared parameters (ROADS, SERVICES, MODE …) share one
text; ``"<algorithm id>:<NAME>"`` overrides it where a name means something else in one algorithm.
The texts are English source strings; ``tr()`` translates them when the algorithm is initialised
(Swedish in ``i18n/parameters_sv.ts``). ``ServiceperspektivAlgorithm`` applies them after
``initAlgorithm``; tests/test_parameter_help.py fails for a parameter without one.
"""
from __future__ import annotations

from typing import Optional

HELP: dict[str, str] = {
    # -- network (every routing algorithm) ---------------------------------------------------------
    "ROADS": "Line layer of the roads to travel along, e.g. from 'Fetch road network' (OpenStreetMap or NVDB). Lines are "
             "joined where they share a vertex; a projected CRS in metres (SWEREF 99 TM) is used for distances.",
    "SPEED_FIELD": "Field with the speed limit in km/h (along the digitised direction when the layer also has a "
                   "backward speed). Where it is empty or missing, the speed comes from the road class and the "
                   "travel mode (data/road_speeds.json).",
    "CLASS_FIELD": "Field with the road class: OSM 'highway' values (primary, residential, footway …) or NVDB "
                   "classes. It sets the default speed and which roads the travel mode may use (data/road_speeds.json).",
    "ONEWAY_FIELD": "Field with the direction of travel: OSM 'oneway' (yes, -1, no) or NVDB-style values "
                    "(med, mot, båda). Empty: every road is open in both directions.",
    "MODE": "Car, bike or walk: sets the speeds per road class and which roads can be used.",
    "ALL_COMPONENTS": "By default points are attached only to the largest connected part of the network, so that a "
                      "loose road fragment cannot capture them. Tick to use every part.",
    "ACCESS_SPEED": "Speed charged on the straight leg between a point (a home or a service) and the nearest road. "
                    "0 uses the travel mode's default.",
    "SNAP_TOLERANCE": "Vertices closer than this are merged into one network node, so that roads digitised with small "
                      "gaps still connect.",
    "MAX_SNAP_DISTANCE": "Points farther than this from the road network are not attached: they get NULL in the result "
                         "and are counted in the log.",
    # -- services and origins ----------------------------------------------------------------------
    "SERVICES": "Points or areas of the service points (grocery stores, pharmacies, schools …), e.g. from 'Fetch "
                "service points' or a Pipos export. Areas are represented by a point inside them.",
    "TYPE_FIELD": "Field with the service type (e.g. dagligvaror_full, apotek). Each type is analysed separately. "
                  "Empty: all points are one type.",
    "ORIGINS": "Where people live: population grid cells (e.g. SCB's grid from 'Fetch population grid') or address "
               "points. Grid cells are represented by a point inside them.",
    "catchments:ORIGINS": "Where people live (optional). With a population field, each zone gets the population of "
                          "the origins inside it.",
    "POPULATION_FIELD": "Numeric field with the number of people per origin (e.g. 'pop'). Used to weight statistics "
                        "by population instead of counting features.",
    "fetchpopulation:POPULATION_FIELD": "Numeric field of your own grid or point layer (source 2) that holds the "
                                        "population. Empty: a field such as 'pop', 'befolkning' or 'beftotalt' is detected.",
    # -- area and sources (fetch algorithms) ------------------------------------------------------
    "SOURCE": "Where the data come from: an online service (cached, see the plugin settings), a local file, or "
              "your own layer.",
    "EXTENT": "Rectangle of the area to fetch. Give an extent, a polygon layer or a municipality.",
    "AREA": "Polygon layer of the area to fetch; features outside it are dropped.",
    "MUNICIPALITY": "A Swedish municipality by name or SCB code (e.g. 2085 or Ludvika). Its bounding box is used on "
                    "purpose: the nearest service may lie across the border.",
    "fetchroads:FILE": "OSM extract (.osm, .osm.pbf) for source 1, or Tillväxtverket's processed NVDB GeoPackage (path "
                       "or URL) for source 2.",
    "fetchservices:FILE": "OSM extract (.osm, .osm.pbf) for source 1, or a register file for source 2: a Pipos "
                          "Serviceanalys download (.xlsx, one per service type), .xls, .ods or CSV with X/Y in SWEREF 99 "
                          "TM.",
    "fetchpopulation:FILE": "SCB's population grid as a GeoPackage, for source 1.",
    "importdetaljplan:FILE": "A digital detaljplan: an SS 637040:2016 XML/GML exchange file, or a JSON file under "
                             "Lantmäteriet's national specification for detaljplan (4.1). The format is read from "
                             "the content, not the file name.",
    "fetchdetaljplan:MUNICIPALITY": "The municipality whose published detaljplaner are fetched, by name or SCB code "
                                    "(e.g. 2085 or Ludvika): one collection per municipality in the OGC API service.",
    "fetchdetaljplan:EXTENT": "Only plans that intersect this rectangle. Empty: every published plan of the "
                              "municipality.",
    "fetchdetaljplan:AUTHCFG": "Login for the detaljplan service: a configuration of the QGIS authentication "
                               "manager (Settings ▸ Options ▸ Authentication), e.g. Basic with the user name and "
                               "password of your Geotorget account for Lantmäteriet's service. Only its id is "
                               "stored; the password stays in QGIS's encrypted database. Empty: the login chosen in "
                               "the plugin's settings or in SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG.",
    "OFFLINE": "Use only data already in the cache; the run fails with a message if something is missing.",
    "CRS": "Coordinate reference system of the output. Default SWEREF 99 TM (EPSG:3006).",
    "SERVICE_TYPES": "Comma-separated keys from the service-type catalogue (e.g. dagligvaror_full,apotek). Empty: all "
                     "types.",
    "TYPE_COLUMN": "Column of the CSV that holds the service type. Empty: a column such as 'type', 'typ' or "
                   "'servicetyp' is detected.",
    "YEAR": "Year of SCB's population grid. 0: the newest year the server offers (read from its "
            "GetCapabilities; offline, the newest year known to the plugin).",
    "GRID": "Your own population grid or points (source 2), e.g. a finer grid held under agreement with SCB.",
    "INCLUDE_REMOVED": "NVDB rows with a RemoveCode in the 9000 series are normally dropped (not part of the road "
                       "network for routing). Tick to keep them.",
    "NETWORK": "Which parts of the NVDB network to keep, by its networkGrp column. Loose roads (-1) are dropped by "
               "default.",
    "fetchroads:MODE": "Car, bike or walk: only the roads this travel mode may use are fetched.",
    # -- analysis options --------------------------------------------------------------------------
    "BANDS": "Travel-time limits of the zones in minutes, e.g. 5,10,20,30. Zones are cumulative: the 10-minute zone "
             "contains the 5-minute zone.",
    "DISSOLVE": "One zone per service point and band, or the zones of a service type dissolved into one per band.",
    "CELL_SIZE": "Size of the grid the zones are built on, in metres. 0 chooses by travel mode (100 m car, 50 m bike, "
                 "25 m walk). Smaller is sharper and slower.",
    "OFF_NETWORK_SPEED": "Speed for the last stretch from the road into the surrounding land, in km/h (walking).",
    "MAX_OFF_NETWORK": "How far from a road a zone may reach, in metres.",
    "NEAREST": "A result of 'Travel time to nearest service'. Leave empty to compute it here from the road network, "
               "service points and origins.",
    "AGE_FIELDS": "Population fields of an age group (e.g. age_65_69, age_70_79, age_80_plus). They are summed and "
                  "counted beside the total population.",
    "UNIT": "Classes in travel time (minutes) or in distance along the roads (kilometres).",
    "servicegaps:CLASSES": "Upper limits of the classes, comma-separated. Empty: 5,10,20,30 minutes or 5,10,25 km.",
    "scenario:CLASSES": "Class limits in minutes. CROSSINGS counts the people whose travel time crosses one of them.",
    "THRESHOLD": "Where a service gap begins, per type: one number for all types, or rules such as "
                 "'dagligvaror*=10min, kontant*=25km, *=10min' (the first matching rule wins).",
    "PLAN_AREA": "Polygons of the plan areas, drawn or imported with 'Import digital detaljplan'.",
    "NEAR_DISTANCE": "Distance around the plan area within which population is counted as near (population_2km).",
    "FAR_DISTANCE": "Distance around the plan area within which population is counted as far (population_5km).",
    "CATCHMENT_MINUTES": "Services whose travel time to the plan area is at most this many minutes are listed as "
                         "serving the area.",
    "NEW_SERVICE": "Also compute, per service type, the area's median travel time if a new service were placed in it.",
    # -- place analysis (nulägesanalys) ------------------------------------------------------------
    "PLACE": "Polygons of the places to analyse: SCB's tätorter or småorter, a drawn area or a plan area. Each "
             "feature is one place with its own rows and its own section in the report.",
    "PLACE_NAME_FIELD": "Field that names the places in the table and the report. Empty: a field such as 'tatort' "
                        "(SCB), 'namn', 'name', 'plannamn' or 'planid' is used, else 'Area <id>'.",
    "placeanalysis:BANDS": "Travel-time limits in minutes around the place, e.g. 5,10,20,30. For each, the population "
                           "within that travel time of the place (the place's own population included) is counted.",
    "SPEND": "JSON file with the yearly spending per person per service category, each with its source (the shape of "
             "data/spending.json). Empty: the bundled figures (groceries from SCB). Spending potential = population "
             "× this figure.",
    "MAP": "Draw a map of each place (the print layout's A4 landscape page) into the report. Untick for a faster run "
           "without maps.",
    "placeanalysis:OUTPUT": "Table with one row per place and service type: population, age groups, service points, "
                            "travel times, classes, underlag, spending potential, the municipality and the scenario.",
    "OUTPUT_POINTS": "Each service point inside a place: its underlag and the travel time its people would have if it "
                     "closed (optional, created by default).",
    "OUTPUT_HTML": "The Swedish report: a map, tables and plain sentences per place, with the sources and assumptions "
                   "(optional, created by default).",
    # -- scenario ----------------------------------------------------------------------------------
    "REMOVE": "Feature ids of the service points to close, comma-separated (e.g. 3,17).",
    "REMOVE_SELECTED": "Close the service points that are selected in the service layer.",
    "ADD": "Point layer of new service points to open.",
    "ADD_TYPE_FIELD": "Field of the new points with their service type. Empty: the field with the same name as the "
                      "type field of the service points.",
    "MOVE": "Point layer with the new positions of service points that move.",
    "MOVE_ID_FIELD": "Field of the moved points with the feature id of the service point that moves there.",
    # -- maps and report ---------------------------------------------------------------------------
    "TEMPLATE": "Print layout template: A4 portrait, A4 landscape or A3 landscape. A house template with the same name "
                "in the template folder of the plugin settings replaces it.",
    "exportmap:TITLE": "Title printed at the top of the map.",
    "report:TITLE": "Title at the top of the report.",
    "LAYERS": "Result layers to show on the map. Empty: the visible layers of the project's 'Serviceperspektiv' group.",
    "exportmap:EXTENT": "Area the map shows. Empty: the plan area when one is given, else the project's saved map view "
                        "(the panel passes the current map view or the plan area, as you choose).",
    "ATLAS_BY_TYPE": "An atlas: one page per service type instead of a single page.",
    "exportmap:STATS": "The STATS table of 'Service gaps', shown as a table on the map (optional).",
    "AREA_NAME": "Name of the area (e.g. Fredriksberg), shown in the subtitle.",
    "LANGUAGE": "Language of the report's headings and texts.",
    "report:SUMMARY": "The SUMMARY table of 'Service gaps' (optional).",
    "report:STATS": "The STATS table of 'Service gaps' (optional).",
    "report:CROSSINGS": "The CROSSINGS table of 'Scenario' (optional).",
    "report:UNDERLAG": "The UNDERLAG table of 'Scenario' (optional).",
    "PROFILE": "The result of 'Area profile for a plan area' (optional).",
    # -- outputs -----------------------------------------------------------------------------------
    "OUTPUT": "Where the result is written. A GeoPackage (.gpkg) keeps the metadata with the sources.",
    "exportmap:OUTPUT": "The PDF file to write.",
    "report:OUTPUT": "The HTML file to write; each table is also written as a CSV file beside it.",
    "GAPS": "Origins in a service gap, with the types they lack.",
    "servicegaps:STATS": "Table: cells, population and share per service type and travel-time class (optional, "
                         "created by default).",
    "SUMMARY": "Table per service type: population reached, population in a gap, median, 90th percentile and mean "
               "(optional, created by default).",
    "allocation:OUTPUT_AREAS": "The origins allocated to each service point, dissolved into one area per point "
                               "(optional, created by default).",
    "importdetaljplan:OUTPUT_AREAS": "The plan's land-use areas (användningsområden), one polygon each, with all "
                                     "their provisions: beteckningar, codes and wording (optional, created by "
                                     "default).",
    "fetchdetaljplan:OUTPUT_AREAS": "The plans' land-use areas (användningsområden), one polygon each, with all "
                                    "their provisions: beteckningar, codes and wording (optional, created by "
                                    "default).",
    "OUTPUT_PROPERTIES": "The plans' property and administrative areas (egenskapsområden, administrativa "
                         "områden), kept apart from the land use; the field 'roll' says which (optional, created by "
                         "default).",
    "CROSSINGS": "Table: per type and class limit, the cells and people whose travel time crosses it, worse and "
                 "better (optional, created by default).",
    "UNDERLAG": "Table: each service point's allocated population before and after the scenario (optional, created "
                "by default).",
    "BACKWARD_SPEED_FIELD": "Field with the speed limit in km/h against the digitised direction, as NVDB's b_hogst_225 "
                            "(fetched as maxspeed_backward). Empty: the speed field's '_backward' twin if the layer has one, "
                            "else the same speed both ways.",
    "SERVICE_TYPE": "For a register file (source 2): one catalogue type for every row of the file, e.g. betalning "
                    "for Pipos' bill-payment download, where 'Bankkassa' and 'Över disk hos ombud' also occur under "
                    "other service types. Empty: from the Serviceform/type column.",
    "AGE_FROM": "Count an age group from this age up, summing the age band fields (SCB: age_65_69 … age_95_99 "
                "and age_100plus). 0: only the fields in AGE_FIELDS.",
    "nearestservice:CLASSES": "Upper limits of the travel-time classes the result layer is styled with, in minutes, "
                              "comma-separated (e.g. 5,10,20,30). Empty: the panel's or the plugin's default classes.",
    "report:CLASSES": "Upper limits of the travel-time classes in the report's tables and charts, in minutes, "
                      "comma-separated (e.g. 5,10,20,30); used with NEAREST.",
    "report:SCENARIO": "The OUTPUT of 'Scenario' (travel time before and after per origin), summarised in the report "
                       "(optional).",
    "report:NEAREST": "A result of 'Travel time to nearest service'; the report counts the population per travel-time "
                      "class from it when no STATS table is given (optional).",
    "exportmap:PLAN_AREA": "A plan area drawn as a boundary on the map; without EXTENT the map shows this area (optional).",
    "exportmap:ROADS": "Roads drawn under the results (optional; default: the project's road layer).",
    "exportmap:SERVICES": "Service points drawn on the map with their names; only those of the service type shown "
                          "(optional; default: the project's service layer).",
    "exportmap:SERVICE_TYPE": "Key of the service type the map shows, e.g. dagligvaror_full or apotek. Empty: the type the "
                              "result layer is styled by.",
}


def help_source(algorithm_id: str, name: str) -> Optional[str]:
    """The English help text of parameter ``name`` in algorithm ``algorithm_id``, or None."""
    return HELP.get(f"{algorithm_id}:{name}") or HELP.get(name)
