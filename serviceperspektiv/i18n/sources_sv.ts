<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Serviceperspektiv</name>
    <message>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <source>Year (SCB grid)</source>
        <translation>År (SCB-rutor)</translation>
    </message>
    <message>
        <source>SCB grid GeoPackage (source 1)</source>
        <translation>SCB:s rutor som geopaket (källa 1)</translation>
    </message>
    <message>
        <source>Own grid or points (source 2)</source>
        <translation>Eget rutnät eller punkter (källa 2)</translation>
    </message>
    <message>
        <source>Population field of the own layer (empty = detect)</source>
        <translation>Befolkningsfält i det egna lagret (tomt = hitta automatiskt)</translation>
    </message>
    <message>
        <source>Population grid</source>
        <translation>Befolkningsrutor</translation>
    </message>
    <message>
        <source>Choose the SCB GeoPackage (FILE).</source>
        <translation>Välj SCB:s geopaket (FILE).</translation>
    </message>
    <message>
        <source>Could not open {}</source>
        <translation>Kunde inte öppna {}</translation>
    </message>
    <message>
        <source>Choose your own grid layer (GRID).</source>
        <translation>Välj ditt eget rutnät (GRID).</translation>
    </message>
    <message>
        <source>No population column was found. Choose POPULATION_FIELD.</source>
        <translation>Ingen befolkningskolumn hittades. Välj POPULATION_FIELD.</translation>
    </message>
    <message>
        <source>{} cell(s), population {:.0f}, {} age band(s).</source>
        <translation>{} ruta/rutor, befolkning {:.0f}, {} åldersklass(er).</translation>
    </message>
    <message>
        <source>Population per grid cell ({}).</source>
        <translation>Befolkning per ruta ({}).</translation>
    </message>
    <message>
        <source>SCB WFS layer: {}</source>
        <translation>SCB WFS-lager: {}</translation>
    </message>
    <message>
        <source>Fetch population grid</source>
        <translation>Hämta befolkningsrutor</translation>
    </message>
    <message>
        <source>SCB open 1 km grid via SCB's geodata WFS</source>
        <translation>SCB:s öppna 1 km-rutor via SCB:s WFS för geodata</translation>
    </message>
    <message>
        <source>SCB grid GeoPackage (local file)</source>
        <translation>SCB:s rutor som geopaket (lokal fil)</translation>
    </message>
    <message>
        <source>Your own grid or point layer with a population field</source>
        <translation>Eget rutnät eller punktlager med befolkningsfält</translation>
    </message>
    <message>
        <source>Population per grid cell in an area. SOURCE 0 asks SCB's geodata WFS for the open 1 km grid of the chosen YEAR (GetFeature, GeoJSON, bbox in EPSG:3006, paged with startIndex/count; endpoint and layer name in the settings or SERVICEPERSPEKTIV_SCB_WFS_URL; answers are cached); 1 reads SCB's grid GeoPackage; 2 uses your own grid or points (e.g. a 250 m grid held under agreement) with its population field. Output: 'pop' (total) and the five-year age bands SCB provides (age_0_4 ...). SCB may adjust values below 4 for confidentiality. Use 'pop' as POPULATION_FIELD in 'Travel time to nearest service'.</source>
        <translation>Befolkning per ruta i ett område. SOURCE 0 hämtar SCB:s öppna 1 km-rutor för valt år (YEAR) från SCB:s WFS för geodata (GetFeature, GeoJSON, bbox i EPSG:3006, sidindelat med startIndex/count; tjänst och lagernamn i inställningarna eller SERVICEPERSPEKTIV_SCB_WFS_URL; svaren cachas); 1 läser SCB:s rutor som geopaket; 2 använder ditt eget rutnät eller punkter (till exempel 250 m-rutor enligt avtal) med befolkningsfält. Resultat: 'pop' (totalt) och de femårsklasser SCB redovisar (age_0_4 ...). SCB kan justera värden under 4 av sekretesskäl. Använd 'pop' som POPULATION_FIELD i 'Restid till närmaste service'.</translation>
    </message>
    <message>
        <source>Input file (OSM extract, or NVDB GeoPackage path or URL)</source>
        <translation>Indatafil (OSM-utdrag, eller NVDB-geopaket som sökväg eller URL)</translation>
    </message>
    <message>
        <source>NVDB: keep roads with a 9000-series RemoveCode</source>
        <translation>NVDB: behåll vägar med RemoveCode i 9000-serien</translation>
    </message>
    <message>
        <source>NVDB: network parts to keep</source>
        <translation>NVDB: nätdelar att behålla</translation>
    </message>
    <message>
        <source>Choose the OSM extract file (FILE).</source>
        <translation>Välj OSM-utdraget (FILE).</translation>
    </message>
    <message>
        <source>{} road(s) for mode {}.</source>
        <translation>{} väg(ar) för färdsätt {}.</translation>
    </message>
    <message>
        <source>No roads were found in the area for this mode.</source>
        <translation>Inga vägar hittades i området för detta färdsätt.</translation>
    </message>
    <message>
        <source>Roads for mode {} ({}).</source>
        <translation>Vägar för färdsätt {} ({}).</translation>
    </message>
    <message>
        <source>NVDB endpoint: {}</source>
        <translation>NVDB-tjänst: {}</translation>
    </message>
    <message>
        <source>NVDB columns used: class={}, speed={}, direction={}, networkGrp={}, RemoveCode={}</source>
        <translation>NVDB-kolumner som används: klass={}, hastighet={}, riktning={}, networkGrp={}, RemoveCode={}</translation>
    </message>
    <message>
        <source>NVDB: left out {} removed (9000-series RemoveCode), {} by network part, {} closed to the mode.</source>
        <translation>NVDB: utelämnade {} borttagna (RemoveCode i 9000-serien), {} efter nätdel, {} stängda för färdsättet.</translation>
    </message>
    <message>
        <source>Fetch road network</source>
        <translation>Hämta vägnät</translation>
    </message>
    <message>
        <source>OpenStreetMap via the Overpass API</source>
        <translation>OpenStreetMap via Overpass API</translation>
    </message>
    <message>
        <source>OSM extract file (.osm / .osm.pbf)</source>
        <translation>OSM-utdrag (.osm / .osm.pbf)</translation>
    </message>
    <message>
        <source>Tillväxtverket's processed NVDB GeoPackage (file or URL)</source>
        <translation>Tillväxtverkets bearbetade NVDB-geopaket (fil eller URL)</translation>
    </message>
    <message>
        <source>All parts</source>
        <translation>Alla delar</translation>
    </message>
    <message>
        <source>All except loose roads (networkGrp -1)</source>
        <translation>Alla utom lösa vägar (networkGrp -1)</translation>
    </message>
    <message>
        <source>Main network only (networkGrp 0)</source>
        <translation>Bara huvudnätet (networkGrp 0)</translation>
    </message>
    <message>
        <source>Fetches the roads that the chosen travel mode (MODE) may use in an area. SOURCE 0 asks the Overpass API (way[highway], cached); 1 reads an OSM extract file; 2 reads Tillväxtverket's processed NVDB GeoPackage from FILE, or downloads it from the URL in the settings (SERVICEPERSPEKTIV_NVDB_URL). NVDB's networkGrp and RemoveCode columns are kept; roads with a 9000-series RemoveCode are left out unless INCLUDE_REMOVED is set, and NETWORK chooses which network parts to keep (loose roads are dropped by default). The output has 'highway' (class), 'maxspeed' (km/h) and 'oneway': use them as CLASS_FIELD, SPEED_FIELD and ONEWAY_FIELD in 'Travel time to nearest service'.</source>
        <translation>Hämtar de vägar som valt färdsätt (MODE) får använda i ett område. SOURCE 0 frågar Overpass API (way[highway], cachas); 1 läser ett OSM-utdrag; 2 läser Tillväxtverkets bearbetade NVDB-geopaket från FILE, eller laddar ner det från adressen i inställningarna (SERVICEPERSPEKTIV_NVDB_URL). NVDB-kolumnerna networkGrp och RemoveCode behålls; vägar med RemoveCode i 9000-serien utelämnas om inte INCLUDE_REMOVED är satt, och NETWORK väljer vilka nätdelar som behålls (lösa vägar tas bort som standard). Resultatet har 'highway' (vägklass), 'maxspeed' (km/h) och 'oneway': använd dem som CLASS_FIELD, SPEED_FIELD och ONEWAY_FIELD i 'Restid till närmaste service'.</translation>
    </message>
    <message>
        <source>Input file (OSM extract or CSV; for sources 1 and 2)</source>
        <translation>Indatafil (OSM-utdrag eller CSV; för källa 1 och 2)</translation>
    </message>
    <message>
        <source>Service types (comma-separated keys, empty = all)</source>
        <translation>Servicetyper (kommaseparerade nycklar, tomt = alla)</translation>
    </message>
    <message>
        <source>CSV: type column (empty = detect)</source>
        <translation>CSV: typkolumn (tomt = hitta automatiskt)</translation>
    </message>
    <message>
        <source>Choose the input file (FILE) for this source.</source>
        <translation>Välj indatafil (FILE) för denna källa.</translation>
    </message>
    <message>
        <source>Register export: {}</source>
        <translation>Registerexport: {}</translation>
    </message>
    <message>
        <source>{}: {} point(s)</source>
        <translation>{}: {} punkt(er)</translation>
    </message>
    <message>
        <source>No service points were found in the area for the chosen types.</source>
        <translation>Inga servicepunkter hittades i området för de valda typerna.</translation>
    </message>
    <message>
        <source>Service points by type ({}).</source>
        <translation>Servicepunkter per typ ({}).</translation>
    </message>
    <message>
        <source>CSV: {} type label(s) are not in the catalogue and were skipped: {}. Add them as aliases in service_types.json.</source>
        <translation>CSV: {} typnamn finns inte i katalogen och hoppades över: {}. Lägg till dem som alias i service_types.json.</translation>
    </message>
    <message>
        <source>Fetch service points</source>
        <translation>Hämta servicepunkter</translation>
    </message>
    <message>
        <source>CSV: Pipos Serviceanalys export or any CSV with coordinates and a type column</source>
        <translation>CSV: export från Pipos Serviceanalys eller annan CSV med koordinater och typkolumn</translation>
    </message>
    <message>
        <source>Fetches service points for the chosen service types (SERVICE_TYPES: comma-separated keys from the catalogue, empty = all) in an area (EXTENT, a polygon layer AREA, or a MUNICIPALITY by name or SCB code). SOURCE 0 asks the Overpass API (endpoint from the plugin settings or SERVICEPERSPEKTIV_OVERPASS_URL; answers are cached); 1 reads an OSM extract file; 2 reads a CSV such as a Pipos Serviceanalys export, mapping its type column to the catalogue. Areas mapped as polygons become a point inside them. An element that is several services (a shop that is also a parcel agent) gives one point per type; 'types' lists them all. The output (EPSG:3006 by default) feeds 'Travel time to nearest service' with TYPE_FIELD = type.</source>
        <translation>Hämtar servicepunkter för valda servicetyper (SERVICE_TYPES: kommaseparerade nycklar ur katalogen, tomt = alla) i ett område (EXTENT, ett polygonlager AREA eller en kommun, MUNICIPALITY, med namn eller SCB-kod). SOURCE 0 frågar Overpass API (tjänst från inställningarna eller SERVICEPERSPEKTIV_OVERPASS_URL; svaren cachas); 1 läser ett OSM-utdrag; 2 läser en CSV, till exempel en export från Pipos Serviceanalys, och översätter dess typkolumn till katalogen. Objekt som är karterade som ytor blir en punkt inuti ytan. Ett objekt som är flera servicetyper (en butik som också är paketombud) ger en punkt per typ; 'types' listar alla. Resultatet (EPSG:3006 som standard) kan användas direkt i 'Restid till närmaste service' med TYPE_FIELD = type.</translation>
    </message>
    <message>
        <source>Area: extent</source>
        <translation>Område: utbredning</translation>
    </message>
    <message>
        <source>Area: polygon layer (optional; features outside it are dropped)</source>
        <translation>Område: polygonlager (valfritt; objekt utanför tas bort)</translation>
    </message>
    <message>
        <source>Area: municipality, name or SCB code (optional, e.g. 0180 or Stockholm)</source>
        <translation>Område: kommun, namn eller kommunkod (valfritt, t.ex. 0180 eller Stockholm)</translation>
    </message>
    <message>
        <source>Offline: use cached data only (fails if data are missing)</source>
        <translation>Frånkopplat: använd bara cachad data (misslyckas om data saknas)</translation>
    </message>
    <message>
        <source>Output CRS</source>
        <translation>Koordinatsystem för resultatet</translation>
    </message>
    <message>
        <source>Offline mode: only cached data are used.</source>
        <translation>Frånkopplat läge: bara cachad data används.</translation>
    </message>
    <message>
        <source>Endpoint {}: {} (from {})</source>
        <translation>Tjänst {}: {} (från {})</translation>
    </message>
    <message>
        <source>area layer</source>
        <translation>områdeslager</translation>
    </message>
    <message>
        <source>Municipality {} {}: bounding box {}</source>
        <translation>Kommun {} {}: omslutande rektangel {}</translation>
    </message>
    <message>
        <source>extent</source>
        <translation>utbredning</translation>
    </message>
    <message>
        <source>whole file</source>
        <translation>hela filen</translation>
    </message>
    <message>
        <source>Could not read or write a file: {}</source>
        <translation>Kunde inte läsa eller skriva en fil: {}</translation>
    </message>
</context>
</TS>
