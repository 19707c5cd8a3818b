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
        <source>Service types (comma-separated keys, empty = all)</source>
        <translation>Servicetyper (kommaseparerade nycklar, tomt = alla)</translation>
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
        <source>Fetch service points</source>
        <translation>Hämta servicepunkter</translation>
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
