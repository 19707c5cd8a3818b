<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Serviceperspektiv</name>
    <message>
        <source>the file is neither SS 637040 XML nor a national detaljplan JSON file (it begins with '{}').</source>
        <translation>filen är varken SS 637040-XML eller en detaljplanefil enligt den nationella specifikationen (JSON) (den börjar med '{}').</translation>
    </message>
    <message>
        <source>the file is empty.</source>
        <translation>filen är tom.</translation>
    </message>
    <message>
        <source>the file cannot be read ({}).</source>
        <translation>filen kan inte läsas ({}).</translation>
    </message>
    <message>
        <source>unknown coordinate system '{}': expected SWEREF 99 TM or a SWEREF 99 local zone (EPSG:3006-3018). Transform the plan to SWEREF 99 and export it again.</source>
        <translation>okänt koordinatsystem '{}': SWEREF 99 TM eller en lokal SWEREF 99-zon (EPSG:3006–3018) krävs. Transformera planen till SWEREF 99 och exportera den igen.</translation>
    </message>
    <message>
        <source>the root element is '{}', not DP_Data: this is not an SS 637040:2016 file.</source>
        <translation>rotelementet är '{}', inte DP_Data: detta är ingen SS 637040:2016-fil.</translation>
    </message>
    <message>
        <source>unknown schema version: the namespace '{}' is not SS 637040:2016 ({}).</source>
        <translation>okänd schemaversion: namnrymden '{}' är inte SS 637040:2016 ({}).</translation>
    </message>
    <message>
        <source>the XML is not well-formed or the file is cut off ({}). Export the plan again and check that the whole file was copied.</source>
        <translation>XML-filen är felaktig eller avkortad ({}). Exportera planen igen och kontrollera att hela filen kopierades.</translation>
    </message>
    <message>
        <source>its boundary line '{}' is missing from the file</source>
        <translation>dess gränslinje '{}' saknas i filen</translation>
    </message>
    <message>
        <source>its boundary line '{}' has no positions</source>
        <translation>dess gränslinje '{}' saknar koordinater</translation>
    </message>
    <message>
        <source>it has no boundary lines (plus/minus)</source>
        <translation>det saknar gränslinjer (plus/minus)</translation>
    </message>
    <message>
        <source>the file has no DP_Plan: it holds no plan.</source>
        <translation>filen saknar DP_Plan: den innehåller ingen plan.</translation>
    </message>
    <message>
        <source>no coordinate system: DP_Plan/koordinatsystem is missing. Export the plan again with its coordinate system.</source>
        <translation>koordinatsystem saknas: DP_Plan/koordinatsystem finns inte. Exportera planen igen med dess koordinatsystem.</translation>
    </message>
    <message>
        <source>its boundary lines do not close (loose end at E {:.2f}, N {:.2f})</source>
        <translation>dess gränslinjer sluter sig inte (lös ände vid E {:.2f}, N {:.2f})</translation>
    </message>
    <message>
        <source>a ring has fewer than three distinct points</source>
        <translation>en ring har färre än tre olika punkter</translation>
    </message>
    <message>
        <source>the positions are written easting first, not northing first as SS 637040 prescribes; they were read as easting, northing</source>
        <translation>koordinaterna är skrivna med östkoordinaten först, inte nordkoordinaten som SS 637040 föreskriver; de lästes som öst, nord</translation>
    </message>
    <message>
        <source>plan '{}': DP_Plan/planomrade does not point at a DP_Omrade.</source>
        <translation>plan '{}': DP_Plan/planomrade pekar inte på ett DP_Omrade.</translation>
    </message>
    <message>
        <source>{} area(s) carry no provision and are left out: {}</source>
        <translation>{} område(n) saknar bestämmelser och tas inte med: {}</translation>
    </message>
    <message>
        <source>{} is not read</source>
        <translation>{} läses inte in</translation>
    </message>
    <message>
        <source>the plan area '{}' of plan '{}' cannot be built: {}</source>
        <translation>planområdet '{}' i plan '{}' kan inte byggas: {}</translation>
    </message>
    <message>
        <source>a position of the boundary line '{}' is not a number</source>
        <translation>en koordinat i gränslinjen '{}' är inget tal</translation>
    </message>
    <message>
        <source>the JSON is not a GeoJSON FeatureCollection, so it is not a detaljplan (national specification 4.1).</source>
        <translation>JSON-filen är ingen GeoJSON FeatureCollection och alltså ingen detaljplan (nationell specifikation 4.1).</translation>
    </message>
    <message>
        <source>unknown schema version '{}': only the national specification for detaljplan version 4 ({}) is supported.</source>
        <translation>okänd schemaversion '{}': bara den nationella specifikationen för detaljplan version 4 ({}) stöds.</translation>
    </message>
    <message>
        <source>the FeatureCollection holds no detaljplan or provision features (feature:typ).</source>
        <translation>FeatureCollection innehåller inga detaljplane- eller bestämmelseobjekt (feature:typ).</translation>
    </message>
    <message>
        <source>a ring has fewer than four positions</source>
        <translation>en ring har färre än fyra koordinater</translation>
    </message>
    <message>
        <source>a ring does not close (first position E {:.2f}, N {:.2f}; last E {:.2f}, N {:.2f})</source>
        <translation>en ring sluter sig inte (första koordinat E {:.2f}, N {:.2f}; sista E {:.2f}, N {:.2f})</translation>
    </message>
    <message>
        <source>a ring has no area</source>
        <translation>en ring saknar area</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text; a detaljplan JSON file is always UTF-8.</source>
        <translation>filen är inte UTF-8-text; en detaljplanefil i JSON är alltid UTF-8.</translation>
    </message>
    <message>
        <source>the JSON is not well-formed or the file is cut off (line {}, column {}). Download or export the plan again.</source>
        <translation>JSON-filen är felaktig eller avkortad (rad {}, kolumn {}). Hämta eller exportera planen igen.</translation>
    </message>
    <message>
        <source>a position is not a pair of numbers</source>
        <translation>en koordinat är inte ett talpar</translation>
    </message>
    <message>
        <source>its geometry is not a surface ({})</source>
        <translation>dess geometri är ingen yta ({})</translation>
    </message>
    <message>
        <source>a polygon has no rings</source>
        <translation>en polygon saknar ringar</translation>
    </message>
    <message>
        <source>no coordinate system: geometri/koordinatsystemPlan is missing. A detaljplan must name SWEREF 99 TM or a SWEREF 99 local zone (EPSG:3006-3018).</source>
        <translation>koordinatsystem saknas: geometri/koordinatsystemPlan finns inte. En detaljplan ska ange SWEREF 99 TM eller en lokal SWEREF 99-zon (EPSG:3006–3018).</translation>
    </message>
    <message>
        <source>the coordinates look like longitude and latitude (WGS 84), not SWEREF 99. Ask the service for EPSG:3006 (crs parameter) or export the plan in SWEREF 99.</source>
        <translation>koordinaterna ser ut som longitud och latitud (WGS 84), inte SWEREF 99. Begär EPSG:3006 av tjänsten (parametern crs) eller exportera planen i SWEREF 99.</translation>
    </message>
    <message>
        <source>it has no surface geometry</source>
        <translation>det saknar ytgeometri</translation>
    </message>
    <message>
        <source>the file has no detaljplan feature (feature:typ 'detaljplan'): it holds no plan.</source>
        <translation>filen saknar detaljplaneobjekt (feature:typ 'detaljplan'): den innehåller ingen plan.</translation>
    </message>
    <message>
        <source>the positions are written northing first; they were read as easting, northing</source>
        <translation>koordinaterna är skrivna med nordkoordinaten först; de lästes som öst, nord</translation>
    </message>
    <message>
        <source>its coordinate system {} differs from the plan's EPSG:{}</source>
        <translation>dess koordinatsystem {} skiljer sig från planens EPSG:{}</translation>
    </message>
    <message>
        <source>{} feature(s) of type '{}' are not read (only surfaces are imported)</source>
        <translation>{} objekt av typen '{}' läses inte in (bara ytor importeras)</translation>
    </message>
    <message>
        <source>the plan area of plan '{}' cannot be built: {}</source>
        <translation>planområdet i plan '{}' kan inte byggas: {}</translation>
    </message>
    <message>
        <source>Detaljplan file (SS 637040 XML/GML or national 4.1 JSON)</source>
        <translation>Detaljplanefil (SS 637040 XML/GML eller nationell 4.1 JSON)</translation>
    </message>
    <message>
        <source>Choose a detaljplan file (FILE).</source>
        <translation>Välj en detaljplanefil (FILE).</translation>
    </message>
    <message>
        <source>The plan has no land-use area that could be imported.</source>
        <translation>Planen har inget användningsområde som kunde importeras.</translation>
    </message>
    <message>
        <source>Detaljplan files (*.xml *.gml *.json *.geojson);;All files (*)</source>
        <translation>Detaljplanefiler (*.xml *.gml *.json *.geojson);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Detaljplan {} ({})</source>
        <translation>Detaljplan {} ({})</translation>
    </message>
    <message>
        <source>Import digital detaljplan</source>
        <translation>Importera digital detaljplan</translation>
    </message>
    <message>
        <source>Reads a digital detaljplan file: SS 637040:2016 (GML, root DP_Data, plans begun before 2022) or the national specification for detaljplan 4.1 (JSON, application/vnd.lm.detaljplan.v4+json, plans begun after 2021-12-31); the format is recognised from the content. OUTPUT is the plan area (planid, plannamn, kommun, status, general provisions); OUTPUT_AREAS one polygon per land-use area (användningsområde) with all its use provisions: beteckning (e.g. R;S), kod (anvandningsslag, or the catalogue reference in 4.1), formulering, anvandningsform, kategori; OUTPUT_PROPERTIES the property (egenskap) and administrative areas, marked in 'roll'. Areas that cannot be built (boundary lines that do not close, broken geometry) are skipped and named in the log; the rest is imported. The coordinate system is taken from the file (SWEREF 99 TM or a SWEREF 99 local zone). Use the plan area as PLAN_AREA in 'Area profile for a plan area'.</source>
        <translation>Läser en digital detaljplan: SS 637040:2016 (GML, rotelement DP_Data, planer påbörjade före 2022) eller den nationella specifikationen för detaljplan 4.1 (JSON, application/vnd.lm.detaljplan.v4+json, planer påbörjade efter 2021-12-31); formatet känns igen på innehållet. OUTPUT är planområdet (planid, plannamn, kommun, status, generella bestämmelser); OUTPUT_AREAS en polygon per användningsområde med alla dess användningsbestämmelser: beteckning (t.ex. R;S), kod (anvandningsslag, eller katalogreferensen i 4.1), formulering, anvandningsform, kategori; OUTPUT_PROPERTIES egenskapsområden och administrativa områden, märkta i 'roll'. Områden som inte kan byggas (gränslinjer som inte sluter sig, trasig geometri) hoppas över och nämns i loggen; resten importeras. Koordinatsystemet hämtas från filen (SWEREF 99 TM eller en lokal SWEREF 99-zon). Använd planområdet som PLAN_AREA i 'Områdesprofil för planområde'.</translation>
    </message>
    <message>
        <source>Municipality, name or SCB code (e.g. 2085 or Ludvika)</source>
        <translation>Kommun, namn eller kommunkod (t.ex. 2085 eller Ludvika)</translation>
    </message>
    <message>
        <source>Only plans in this extent (optional)</source>
        <translation>Bara planer inom denna utbredning (valfritt)</translation>
    </message>
    <message>
        <source>Detaljplaner</source>
        <translation>Detaljplaner</translation>
    </message>
    <message>
        <source>Municipality {} {}: collection {}</source>
        <translation>Kommun {} {}: samling {}</translation>
    </message>
    <message>
        <source>Detaljplaner {}</source>
        <translation>Detaljplaner {}</translation>
    </message>
    <message>
        <source>Published detaljplaner of {} ({}).</source>
        <translation>Publicerade detaljplaner för {} ({}).</translation>
    </message>
    <message>
        <source>Unknown municipality '{}': give a name or a four-digit SCB code.</source>
        <translation>Okänd kommun '{}': ange namn eller fyrsiffrig kommunkod.</translation>
    </message>
    <message>
        <source>Detaljplan service {}: {}</source>
        <translation>Detaljplanetjänsten {}: {}</translation>
    </message>
    <message>
        <source>Fetch detaljplaner</source>
        <translation>Hämta detaljplaner</translation>
    </message>
    <message>
        <source>Reads the detaljplaner a municipality has published under the national specification (plans begun after 2021-12-31) from an OGC API Features service: one collection per municipality (its four-digit code), items as GeoJSON in SWEREF 99 TM, followed page by page through the 'next' links. The endpoint is set in the settings or with SERVICEPERSPEKTIV_DETALJPLAN_URL; answers are cached, so a run can be repeated offline. Lantmäteriet's service needs a login (a Geotorget account): keep it in the QGIS authentication manager and choose it in the settings or in AUTHCFG (SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG). EXTENT keeps only plans that meet the extent. The outputs are the same as those of 'Import digital detaljplan': plan areas, land-use areas and property/administrative areas with their provisions. Older plans (not delivered digitally) are not in the service: no plan there does not mean no plan.</source>
        <translation>Läser de detaljplaner som en kommun har publicerat enligt den nationella specifikationen (planer påbörjade efter 2021-12-31) från en OGC API Features-tjänst: en samling per kommun (dess fyrsiffriga kod), objekt som GeoJSON i SWEREF 99 TM, sida för sida via länkarna 'next'. Tjänstens adress anges i inställningarna eller med SERVICEPERSPEKTIV_DETALJPLAN_URL; svaren cachas, så en körning kan upprepas utan nätverk. Lantmäteriets tjänst kräver inloggning (ett konto på Geotorget): spara den i QGIS autentiseringshanterare och välj den i inställningarna eller i AUTHCFG (SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG). EXTENT behåller bara planer som når in i utbredningen. Resultaten är desamma som från 'Importera digital detaljplan': planområden, användningsområden samt egenskaps- och administrativa områden med sina bestämmelser. Äldre planer (som inte levererats digitalt) finns inte i tjänsten: att ingen plan finns där betyder inte att ingen plan gäller.</translation>
    </message>
    <message>
        <source>Property and administrative areas</source>
        <translation>Egenskaps- och administrativa områden</translation>
    </message>
    <message>
        <source>{} plan(s) in {}; {} land-use area(s), {} property area(s), {} administrative area(s); coordinate system {}.</source>
        <translation>{} plan(er) i {}; {} användningsområde(n), {} egenskapsområde(n), {} administrativa område(n); koordinatsystem {}.</translation>
    </message>
    <message>
        <source>Area '{}' was skipped: {}</source>
        <translation>Området '{}' hoppades över: {}</translation>
    </message>
    <message>
        <source>{} area(s) were skipped; the other areas were imported.</source>
        <translation>{} område(n) hoppades över; övriga områden importerades.</translation>
    </message>
    <message>
        <source>Plan {}: the service gave no plan geometry; the plan area is the union of its land-use areas.</source>
        <translation>Plan {}: tjänsten gav ingen plangeometri; planområdet är unionen av planens användningsområden.</translation>
    </message>
    <message>
        <source>Detaljplan OGC API Features endpoint (one collection per municipality)</source>
        <translation>Detaljplanetjänst, OGC API Features (en samling per kommun)</translation>
    </message>
    <message>
        <source>Features per detaljplan page</source>
        <translation>Objekt per sida från detaljplanetjänsten</translation>
    </message>
</context>
</TS>
