<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Serviceperspektiv</name>
    <message>
        <source>Attach points to every network part, not only the largest connected one</source>
        <translation>Koppla punkter till alla delar av vägnätet, inte bara den största sammanhängande</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutet.</translation>
    </message>
    <message>
        <source>Could not create the output {}</source>
        <translation>Kunde inte skapa resultatet {}</translation>
    </message>
    <message>
        <source>Largest distance from a point to the network (m)</source>
        <translation>Största avstånd från en punkt till vägnätet (m)</translation>
    </message>
    <message>
        <source>Measuring in {} ({})</source>
        <translation>Mäter i {} ({})</translation>
    </message>
    <message>
        <source>Mode {}: the leg between a point and the network is charged at {} km/h.</source>
        <translation>Färdsätt {}: sträckan mellan en punkt och vägnätet räknas med {} km/h.</translation>
    </message>
    <message>
        <source>Network travel time (minutes) and route length (km) to the nearest service per type.</source>
        <translation>Restid (minuter) och vägavstånd (km) längs vägnätet till närmaste service per typ.</translation>
    </message>
    <message>
        <source>Network: {} nodes, {} edges, {} connected part(s); the largest has {} nodes.</source>
        <translation>Vägnät: {} noder, {} länkar, {} sammanhängande del(ar); den största har {} noder.</translation>
    </message>
    <message>
        <source>One-way / direction field (optional)</source>
        <translation>Fält för enkelriktning/körriktning (valfritt)</translation>
    </message>
    <message>
        <source>Origins: the layer already has a field named '{}'. Rename it or use another layer.</source>
        <translation>Startpunkter: lagret har redan ett fält som heter '{}'. Byt namn på det eller använd ett annat lager.</translation>
    </message>
    <message>
        <source>Origins: where people live (points or grid cells)</source>
        <translation>Startpunkter: där människor bor (punkter eller rutor)</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parametrar</translation>
    </message>
    <message>
        <source>Population field</source>
        <translation>Befolkningsfält</translation>
    </message>
    <message>
        <source>Population field '{}'</source>
        <translation>Befolkningsfältet '{}'</translation>
    </message>
    <message>
        <source>Population field '{}': {} value(s) are negative. Population must be zero or more.</source>
        <translation>Befolkningsfältet '{}': {} värde(n) är negativa. Befolkningen måste vara noll eller mer.</translation>
    </message>
    <message>
        <source>Road class field (OSM highway or NVDB class, optional)</source>
        <translation>Fält för vägklass (OSM highway eller NVDB-klass, valfritt)</translation>
    </message>
    <message>
        <source>Road network</source>
        <translation>Vägnät</translation>
    </message>
    <message>
        <source>Road network (lines)</source>
        <translation>Vägnät (linjer)</translation>
    </message>
    <message>
        <source>Service points</source>
        <translation>Servicepunkter</translation>
    </message>
    <message>
        <source>Service points (points or areas)</source>
        <translation>Servicepunkter (punkter eller ytor)</translation>
    </message>
    <message>
        <source>Service type field (optional)</source>
        <translation>Fält för servicetyp (valfritt)</translation>
    </message>
    <message>
        <source>Serviceperspektiv – access to everyday service</source>
        <translation>Serviceperspektiv – tillgänglighet till vardaglig service</translation>
    </message>
    <message>
        <source>Speed field (km/h, optional)</source>
        <translation>Hastighetsfält (km/h, valfritt)</translation>
    </message>
    <message>
        <source>Speed on the leg between a point and the network (km/h, 0 = the mode's default)</source>
        <translation>Hastighet på sträckan mellan punkt och vägnät (km/h, 0 = färdsättets standard)</translation>
    </message>
    <message>
        <source>Travel mode</source>
        <translation>Färdsätt</translation>
    </message>
    <message>
        <source>Vertex snapping tolerance when building the network (m)</source>
        <translation>Tolerans för sammanfogning av brytpunkter när vägnätet byggs (m)</translation>
    </message>
    <message>
        <source>{} road(s) are closed to mode '{}' by their class and were left out.</source>
        <translation>{} väg(ar) är stängda för färdsättet '{}' genom sin vägklass och togs bort.</translation>
    </message>
    <message>
        <source>{} road(s) had a NULL or non-positive speed and got their class default.</source>
        <translation>{} väg(ar) saknade hastighet (NULL eller inte positiv) och fick vägklassens standardhastighet.</translation>
    </message>
    <message>
        <source>{}: choose a population field.</source>
        <translation>{}: välj ett befolkningsfält.</translation>
    </message>
    <message>
        <source>{}: every service point is farther than {} m from the network (or on a part of it that is not connected to the main network). Check the layers' CRS and extent, or raise MAX_SNAP_DISTANCE.</source>
        <translation>{}: alla serviceställen ligger längre än {} m från vägnätet (eller på en del som inte hänger ihop med huvudnätet). Kontrollera lagrens koordinatsystem och utbredning, eller öka MAX_SNAP_DISTANCE.</translation>
    </message>
    <message>
        <source>{}: no service point has a type.</source>
        <translation>{}: inget serviceställe har någon typ.</translation>
    </message>
    <message>
        <source>{}: the layer has no usable line geometries.</source>
        <translation>{}: lagret har inga användbara linjegeometrier.</translation>
    </message>
    <message>
        <source>{}: the type field '{}' has too many distinct values ({}). At most {} service types are allowed; choose a type field such as 'type'.</source>
        <translation>{}: typfältet '{}' har för många olika värden ({}). Högst {} servicetyper är tillåtna; välj ett typfält, till exempel 'type'.</translation>
    </message>
    <message>
        <source>{}: {}</source>
        <translation>{}: {}</translation>
    </message>
    <message>
        <source>{}: {} feature(s) have invalid geometries that could not be repaired (feature ids {}). Fix them, e.g. with 'Fix geometries', and run again.</source>
        <translation>{}: {} objekt har ogiltiga geometrier som inte gick att laga (objekt-id {}). Laga dem, till exempel med 'Laga geometrier', och kör igen.</translation>
    </message>
    <message>
        <source>{}: {} not attached ({}; largest distance {} m). They get NULL.</source>
        <translation>{}: {} kopplades inte till vägnätet ({}; största avstånd {} m). De får NULL.</translation>
    </message>
    <message>
        <source>{}: {} of {} attached to the network.</source>
        <translation>{}: {} av {} kopplades till vägnätet.</translation>
    </message>
    <message>
        <source>{}: {} of {} origins reach a service; median {:.1f} min.</source>
        <translation>{}: {} av {} startpunkter når en service; median {:.1f} min.</translation>
    </message>
    <message>
        <source>{}: {} point(s) have no type and were skipped.</source>
        <translation>{}: {} punkt(er) saknar typ och hoppades över.</translation>
    </message>
    <message>
        <source>{}: the layer has no coordinate reference system (CRS). Set the layer's CRS and run again.</source>
        <translation>{}: lagret saknar koordinatsystem (CRS). Ange lagrets koordinatsystem och kör igen.</translation>
    </message>
    <message>
        <source>{}: the layer has no line geometries. Choose a road (line) layer.</source>
        <translation>{}: lagret har inga linjegeometrier. Välj ett väglager (linjer).</translation>
    </message>
    <message>
        <source>{}: the value '{}' is not a number. Choose a numeric field.</source>
        <translation>{}: värdet '{}' är inte ett tal. Välj ett numeriskt fält.</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>Bil</translation>
    </message>
    <message>
        <source>Bike</source>
        <translation>Cykel</translation>
    </message>
    <message>
        <source>Walk</source>
        <translation>Gång</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analys</translation>
    </message>
    <message>
        <source>too far from the network</source>
        <translation>för långt från vägnätet</translation>
    </message>
    <message>
        <source>no geometry</source>
        <translation>saknar geometri</translation>
    </message>
    <message>
        <source>For every origin (a population cell or address point) computes, per service type, the travel time in minutes (T_min), the route length in km (T_km) and the feature id of the nearest service (T_id) along the road network. One multi-source Dijkstra runs per type on the reversed graph, so one-way streets are respected from origin to service. Points attach to the nearest point on the nearest road of the largest connected network part; the leg to the road is charged at the mode's access speed. Points farther than the largest snapping distance, and origins that cannot reach a service, get NULL, and the log says how many and why. snap_m is the distance from the origin to the network.</source>
        <translation>Beräknar för varje startpunkt (befolkningsruta eller adresspunkt) och servicetyp restiden i minuter (T_min), vägavståndet i km (T_km) och objekt-id för närmaste service (T_id) längs vägnätet. En Dijkstra-sökning med flera källor körs per typ på det omvända nätet, så enkelriktade gator respekteras i riktningen från startpunkt till service. Punkter kopplas till närmaste punkt på närmaste väg i den största sammanhängande delen av nätet; sträckan till vägen räknas med färdsättets anslutningshastighet. Punkter längre bort än största avståndet, och startpunkter som inte når någon service, får NULL, och loggen anger hur många och varför. snap_m är avståndet från startpunkten till vägnätet.</translation>
    </message>
</context>
</TS>
