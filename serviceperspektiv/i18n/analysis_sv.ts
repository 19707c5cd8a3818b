<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Serviceperspektiv</name>
    <message>
        <source>Minutes</source>
        <translation>Minuter</translation>
    </message>
    <message>
        <source>Kilometres</source>
        <translation>Kilometer</translation>
    </message>
    <message>
        <source>Service gaps</source>
        <translation>Serviceglapp</translation>
    </message>
    <message>
        <source>Population per travel-time class and service type, and the origins in a service gap. Give a result of 'Travel time to nearest service' (NEAREST), or the road network, service points and origins to compute it. CLASSES are the class limits (default 5,10,20,30 minutes, or 5,10,25 km); people who cannot reach any service get their own class, so the rows of a type add up to the total. THRESHOLD sets where a gap begins per type: a number for every type, or rules like 'dagligvaror*=10min, kontant*=25km, *=10min' (first match wins; the default follows Tillväxtverket: 10 minutes for groceries, 25 km for cash and payments). AGE_FIELDS are summed into an age group (e.g. the bands from 65 years up) counted beside the total. Outputs: GAPS (origins in a gap, with the types they lack), STATS (type, class, cells, population, share_pct) and SUMMARY (per type: population reached, population in a gap, weighted median, 90th percentile and mean).</source>
        <translation>Befolkning per restidsklass och servicetyp, och de startpunkter som ligger i ett serviceglapp. Ange ett resultat från 'Restid till närmaste service' (NEAREST), eller vägnät, servicepunkter och startpunkter för att beräkna det. CLASSES är klassgränserna (standard 5,10,20,30 minuter eller 5,10,25 km); invånare som inte når någon service får en egen klass, så att raderna för en typ summerar till totalen. THRESHOLD anger var ett serviceglapp börjar per typ: ett tal för alla typer, eller regler som 'dagligvaror*=10min, kontant*=25km, *=10min' (första träff gäller; standard följer Tillväxtverket: 10 minuter till dagligvaror, 25 km för kontanter och betalningar). AGE_FIELDS summeras till en åldersgrupp (t.ex. åldersklasserna från 65 år) som redovisas bredvid totalen. Resultat: GAPS (startpunkter i serviceglapp, med de typer de saknar), STATS (type, class, cells, population, share_pct) och SUMMARY (per typ: befolkning som når service, befolkning i serviceglapp, viktad median, 90:e percentil och medelvärde).</translation>
    </message>
    <message>
        <source>Travel time to nearest service</source>
        <translation>Restid till närmaste service</translation>
    </message>
    <message>
        <source>Travel time to nearest service (a result of 'Travel time to nearest service'; leave empty to compute it from the network below)</source>
        <translation>Restid till närmaste service (ett resultat från 'Restid till närmaste service'; lämna tomt för att beräkna från vägnätet nedan)</translation>
    </message>
    <message>
        <source>Cancelled: no output was written.</source>
        <translation>Avbrutet: inget resultat skrevs.</translation>
    </message>
    <message>
        <source>Age group fields, summed (e.g. age_65_69, age_70_79, age_80_plus)</source>
        <translation>Fält för åldersgrupp, summeras (t.ex. age_65_69, age_70_79, age_80_plus)</translation>
    </message>
    <message>
        <source>Classes in</source>
        <translation>Klasser i</translation>
    </message>
    <message>
        <source>Class limits, comma-separated (empty: 5,10,20,30 min or 5,10,25 km)</source>
        <translation>Klassgränser, kommaseparerade (tomt: 5,10,20,30 min eller 5,10,25 km)</translation>
    </message>
    <message>
        <source>Gap threshold per type (e.g. 'dagligvaror*=10min, kontant*=25km, *=10min')</source>
        <translation>Gräns för serviceglapp per typ (t.ex. 'dagligvaror*=10min, kontant*=25km, *=10min')</translation>
    </message>
    <message>
        <source>Population per travel-time class</source>
        <translation>Befolkning per restidsklass</translation>
    </message>
    <message>
        <source>Summary per service type</source>
        <translation>Sammanfattning per servicetyp</translation>
    </message>
    <message>
        <source>Origins</source>
        <translation>Startpunkter</translation>
    </message>
    <message>
        <source>Read {} origins and {} service type(s) from the nearest-service result.</source>
        <translation>Läste {} startpunkter och {} servicetyp(er) från resultatet för närmaste service.</translation>
    </message>
    <message>
        <source>Give either a nearest-service result (NEAREST), or the road network, the service points and the origins (missing: {}).</source>
        <translation>Ange antingen ett resultat för närmaste service (NEAREST) eller vägnätet, servicepunkterna och startpunkterna (saknas: {}).</translation>
    </message>
    <message>
        <source>Age field '{}'</source>
        <translation>Åldersfält '{}'</translation>
    </message>
    <message>
        <source>Age fields: {} origin(s) have no value in at least one age field; they count as 0 in the age group.</source>
        <translation>Åldersfält: {} startpunkt(er) saknar värde i minst ett åldersfält; de räknas som 0 i åldersgruppen.</translation>
    </message>
    <message>
        <source>No population field: every origin counts as 1 (figures are cells, not people).</source>
        <translation>Inget befolkningsfält: varje startpunkt räknas som 1 (siffrorna är rutor, inte invånare).</translation>
    </message>
    <message>
        <source>Origins farther than the threshold from a service type.</source>
        <translation>Startpunkter längre bort än gränsen från en servicetyp.</translation>
    </message>
    <message>
        <source>{}: the layer already has a field named '{}'. Rename it or use another layer.</source>
        <translation>{}: lagret har redan ett fält som heter '{}'. Byt namn på det eller använd ett annat lager.</translation>
    </message>
    <message>
        <source>{}: the layer is empty. Choose a layer with features.</source>
        <translation>{}: lagret är tomt. Välj ett lager med objekt.</translation>
    </message>
    <message>
        <source>{}: the layer has no T_min/T_km fields. Choose a result of 'Travel time to nearest service', or leave it empty and give the network, services and origins.</source>
        <translation>{}: lagret har inga T_min/T_km-fält. Välj ett resultat från 'Restid till närmaste service', eller lämna tomt och ange vägnät, servicepunkter och startpunkter.</translation>
    </message>
    <message>
        <source>{}: the field '{}' does not exist in the layer.</source>
        <translation>{}: fältet '{}' finns inte i lagret.</translation>
    </message>
    <message>
        <source>Age fields: the field '{}' does not exist in the origins layer.</source>
        <translation>Åldersfält: fältet '{}' finns inte i startpunktslagret.</translation>
    </message>
    <message>
        <source>{}: {:.0f} of {:.0f} people in a gap (&gt; {}); median {:.1f} min.</source>
        <translation>{}: {:.0f} av {:.0f} invånare i serviceglapp (&gt; {}); median {:.1f} min.</translation>
    </message>
    <message>
        <source>Classes/threshold: {}</source>
        <translation>Klasser/gräns: {}</translation>
    </message>
    <message>
        <source>Population: {} origin(s) have no value and count as 0.</source>
        <translation>Befolkning: {} startpunkt(er) saknar värde och räknas som 0.</translation>
    </message>
    <message>
        <source>Scenario: close, add or move services</source>
        <translation>Scenario: stäng, lägg till eller flytta service</translation>
    </message>
    <message>
        <source>Compares the current state with a scenario in one run. REMOVE: comma-separated feature ids of the service points to close (or tick 'Close the selected service points'). ADD: a point layer of new service points, each with a type in ADD_TYPE_FIELD (default: the same field name as TYPE_FIELD). MOVE: a point layer whose MOVE_ID_FIELD holds the feature id of the service point to move there. Only the service types that a change touches are recomputed. Outputs: OUTPUT, per origin T_before_min, T_after_min, T_delta_min (and km) per affected type T; CROSSINGS, per type and class limit the cells and people who cross it, worse and better; UNDERLAG, each point's allocated population before and after.</source>
        <translation>Jämför nuläget med ett scenario i en körning. REMOVE: kommaseparerade objekt-id för servicepunkter som stängs (eller kryssa i 'Stäng de valda servicepunkterna'). ADD: ett punktlager med nya servicepunkter, var och en med en typ i ADD_TYPE_FIELD (standard: samma fältnamn som TYPE_FIELD). MOVE: ett punktlager där MOVE_ID_FIELD anger objekt-id för den servicepunkt som flyttas dit. Bara de servicetyper som berörs räknas om. Resultat: OUTPUT, per startpunkt T_before_min, T_after_min, T_delta_min (och km) per berörd typ T; CROSSINGS, per typ och klassgräns de rutor och invånare som passerar den, till det sämre och till det bättre; UNDERLAG, varje punkts underlag (tilldelad befolkning) före och efter.</translation>
    </message>
    <message>
        <source>New service points</source>
        <translation>Nya servicepunkter</translation>
    </message>
    <message>
        <source>Moved service points</source>
        <translation>Flyttade servicepunkter</translation>
    </message>
    <message>
        <source>Service points to close: feature ids, comma-separated</source>
        <translation>Servicepunkter att stänga: objekt-id, kommaseparerade</translation>
    </message>
    <message>
        <source>Close the selected service points</source>
        <translation>Stäng de valda servicepunkterna</translation>
    </message>
    <message>
        <source>Type field of the new points (default: same name as the type field)</source>
        <translation>Typfält för de nya punkterna (standard: samma namn som typfältet)</translation>
    </message>
    <message>
        <source>Moved service points (new positions)</source>
        <translation>Flyttade servicepunkter (nya lägen)</translation>
    </message>
    <message>
        <source>Field with the feature id of the service point to move</source>
        <translation>Fält med objekt-id för servicepunkten som flyttas</translation>
    </message>
    <message>
        <source>Class limits in minutes, comma-separated</source>
        <translation>Klassgränser i minuter, kommaseparerade</translation>
    </message>
    <message>
        <source>Scenario: travel time before and after</source>
        <translation>Scenario: restid före och efter</translation>
    </message>
    <message>
        <source>Scenario: people crossing a class limit</source>
        <translation>Scenario: invånare som passerar en klassgräns</translation>
    </message>
    <message>
        <source>Scenario: change in population base per service point</source>
        <translation>Scenario: ändrat underlag per servicepunkt</translation>
    </message>
    <message>
        <source>{}: {} point(s) are off the network – farther than {:.0f} m from a road of the main network: {}. Move them to a road, or raise MAX_SNAP_DISTANCE.</source>
        <translation>{}: {} punkt(er) ligger utanför vägnätet – längre än {:.0f} m från en väg i huvudnätet: {}. Flytta dem till en väg eller öka MAX_SNAP_DISTANCE.</translation>
    </message>
    <message>
        <source>Close the selected service points: no service point is selected.</source>
        <translation>Stäng de valda servicepunkterna: ingen servicepunkt är vald.</translation>
    </message>
    <message>
        <source>Scenario: nothing changes. Give REMOVE ids, new points (ADD) or moved points (MOVE).</source>
        <translation>Scenario: inget ändras. Ange id att stänga (REMOVE), nya punkter (ADD) eller flyttade punkter (MOVE).</translation>
    </message>
    <message>
        <source>Scenario: {} closed, {} added, {} moved; recomputing {} type(s): {}.</source>
        <translation>Scenario: {} stängda, {} nya, {} flyttade; räknar om {} typ(er): {}.</translation>
    </message>
    <message>
        <source>Travel time per origin before and after the scenario.</source>
        <translation>Restid per startpunkt före och efter scenariot.</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <source>REMOVE: no service point has the feature id {}. The layer's ids run from {} to {}.</source>
        <translation>REMOVE: ingen servicepunkt har objekt-id {}. Lagrets id går från {} till {}.</translation>
    </message>
    <message>
        <source>{}: the layer needs a type field ('{}'); choose ADD_TYPE_FIELD.</source>
        <translation>{}: lagret behöver ett typfält ('{}'); välj ADD_TYPE_FIELD.</translation>
    </message>
    <message>
        <source>{}: {} point(s) have no type in '{}'.</source>
        <translation>{}: {} punkt(er) saknar typ i '{}'.</translation>
    </message>
    <message>
        <source>{}: the field '{}' does not exist; choose MOVE_ID_FIELD.</source>
        <translation>{}: fältet '{}' finns inte; välj MOVE_ID_FIELD.</translation>
    </message>
    <message>
        <source>{}: {:.0f} people get a longer trip; population-weighted mean {:.1f} -&gt; {:.1f} min.</source>
        <translation>{}: {:.0f} invånare får längre resa; befolkningsviktat medel {:.1f} -&gt; {:.1f} min.</translation>
    </message>
    <message>
        <source>feature {} ({:.0f} m)</source>
        <translation>objekt {} ({:.0f} m)</translation>
    </message>
    <message>
        <source>feature {} (no geometry)</source>
        <translation>objekt {} (saknar geometri)</translation>
    </message>
    <message>
        <source>{}: no service point has the feature id {} (field '{}').</source>
        <translation>{}: ingen servicepunkt har objekt-id {} (fält '{}').</translation>
    </message>
    <message>
        <source>Classes: {}</source>
        <translation>Klasser: {}</translation>
    </message>
    <message>
        <source>REMOVE: {}</source>
        <translation>REMOVE: {}</translation>
    </message>
    <message>
        <source>Scenario: {}</source>
        <translation>Scenario: {}</translation>
    </message>
    <message>
        <source>Area profile for a plan area</source>
        <translation>Områdesprofil för planområde</translation>
    </message>
    <message>
        <source>For each plan area (a polygon drawn, or imported with 'Import digital detaljplan'): the population inside it and within 2 and 5 km of it (or the distances you set); per service type the travel time from the population cells inside it to the nearest service (T_min_min, T_min_median, T_min_max, T_km_median – from the area's representative point when no cell lies inside); the number of services of the type in the area (T_inside); the services whose catchment (network travel time to the service) covers the area within CATCHMENT_MINUTES; and, as a scenario, the area's median time if a new service of the type were placed in it (T_new_median, T_new_delta). Population counts a cell in an area when the cell's centre is in it.</source>
        <translation>För varje planområde (en yta som ritats eller importerats med 'Importera digital detaljplan'): befolkningen inom området och inom 2 och 5 km från det (eller de avstånd du anger); per servicetyp restiden från befolkningsrutorna i området till närmaste service (T_min_min, T_min_median, T_min_max, T_km_median – från områdets representativa punkt när ingen ruta ligger i området); antalet servicepunkter av typen i området (T_inside); de servicepunkter vars upptagningsområde (restid längs vägnätet till servicen) täcker området inom CATCHMENT_MINUTES; och, som scenario, områdets medianrestid om en ny service av typen placerades i området (T_new_median, T_new_delta). En ruta räknas till ett område när rutans mittpunkt ligger i det.</translation>
    </message>
    <message>
        <source>Plan area</source>
        <translation>Planområde</translation>
    </message>
    <message>
        <source>Plan area (polygons)</source>
        <translation>Planområde (ytor)</translation>
    </message>
    <message>
        <source>Surroundings, near (population_2km)</source>
        <translation>Omgivning, nära (population_2km)</translation>
    </message>
    <message>
        <source>Surroundings, far (population_5km)</source>
        <translation>Omgivning, längre bort (population_5km)</translation>
    </message>
    <message>
        <source>Catchment: services reaching the area within (minutes)</source>
        <translation>Upptagningsområde: service som når området inom (minuter)</translation>
    </message>
    <message>
        <source>Also test a new service of each type placed in the plan area</source>
        <translation>Pröva också en ny service av varje typ placerad i planområdet</translation>
    </message>
    <message>
        <source>Area profile</source>
        <translation>Områdesprofil</translation>
    </message>
    <message>
        <source>Population and travel time to the nearest service for the plan area.</source>
        <translation>Befolkning och restid till närmaste service för planområdet.</translation>
    </message>
    <message>
        <source>{}: transformed from {} to {}.</source>
        <translation>{}: transformerat från {} till {}.</translation>
    </message>
    <message>
        <source>{}: the layer is empty. Draw or import a plan area.</source>
        <translation>{}: lagret är tomt. Rita eller importera ett planområde.</translation>
    </message>
    <message>
        <source>{}: the layer has no coordinate reference system (CRS).</source>
        <translation>{}: lagret saknar koordinatsystem (CRS).</translation>
    </message>
    <message>
        <source>{}: no feature has a geometry.</source>
        <translation>{}: inget objekt har geometri.</translation>
    </message>
    <message>
        <source>{}: feature {} lies outside the road network's extent ({}). Check that the plan area and the data cover the same place, and the layers' CRS.</source>
        <translation>{}: objekt {} ligger utanför vägnätets utbredning ({}). Kontrollera att planområdet och data täcker samma plats, och lagrens koordinatsystem.</translation>
    </message>
    <message>
        <source>Plan area {}: its representative point is farther than {:.0f} m from the network; times from it are NULL.</source>
        <translation>Planområde {}: dess representativa punkt ligger längre än {:.0f} m från vägnätet; restider därifrån blir NULL.</translation>
    </message>
    <message>
        <source>Import digital detaljplan (SS 637040)</source>
        <translation>Importera digital detaljplan (SS 637040)</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Källor</translation>
    </message>
    <message>
        <source>Reads a digital detaljplan in the exchange format SS 637040:2016 (GML 3.2, root DP_Data) and builds the plan area (OUTPUT: planid, plannamn, kommun, forslag) and the land-use areas with their provisions' codes (OUTPUT_AREAS) from the plan's boundary-line topology. The coordinate system is taken from DP_Plan/koordinatsystem (SWEREF 99 TM or a SWEREF 99 local zone). Use the plan area as PLAN_AREA in 'Area profile for a plan area'.</source>
        <translation>Läser en digital detaljplan i utbytesformatet SS 637040:2016 (GML 3.2, rotelement DP_Data) och bygger planområdet (OUTPUT: planid, plannamn, kommun, forslag) och användningsområdena med bestämmelsernas koder (OUTPUT_AREAS) ur planens topologi av gränslinjer. Koordinatsystemet hämtas från DP_Plan/koordinatsystem (SWEREF 99 TM eller en lokal SWEREF 99-zon). Använd planområdet som PLAN_AREA i 'Områdesprofil för planområde'.</translation>
    </message>
    <message>
        <source>Detaljplan file (SS 637040:2016 GML)</source>
        <translation>Detaljplanefil (SS 637040:2016 GML)</translation>
    </message>
    <message>
        <source>Land-use areas</source>
        <translation>Användningsområden</translation>
    </message>
    <message>
        <source>Detaljplan</source>
        <translation>Detaljplan</translation>
    </message>
    <message>
        <source>GML files (*.gml *.xml)</source>
        <translation>GML-filer (*.gml *.xml)</translation>
    </message>
    <message>
        <source>{} plan(s), {} land-use area(s); coordinate system {} ({}).</source>
        <translation>{} plan(er), {} användningsområde(n); koordinatsystem {} ({}).</translation>
    </message>
    <message>
        <source>Detaljplan: the coordinate system EPSG:{} is not known to QGIS.</source>
        <translation>Detaljplan: koordinatsystemet EPSG:{} är okänt för QGIS.</translation>
    </message>
    <message>
        <source>Detaljplan {} (SS 637040:2016)</source>
        <translation>Detaljplan {} (SS 637040:2016)</translation>
    </message>
    <message>
        <source>Detaljplan '{}': {}</source>
        <translation>Detaljplan '{}': {}</translation>
    </message>
    <message>
        <source>Report (HTML)</source>
        <translation>Rapport (HTML)</translation>
    </message>
    <message>
        <source>Writes a self-contained HTML report (works offline: no scripts or fonts from the web) from the tables of 'Service gaps' (SUMMARY, STATS), 'Scenario' (CROSSINGS, UNDERLAG) and 'Area profile for a plan area' (PROFILE): the tables, a small chart per service type (population per travel-time class), the sources with their dates and the parameters used, read from the layers' metadata. Every table is also written as a CSV file next to the report (&lt;name&gt;_&lt;table&gt;.csv; UTF-8, ';'-separated). Language: Swedish or English.</source>
        <translation>Skriver en fristående HTML-rapport (fungerar utan nät: inga skript eller typsnitt från webben) från tabellerna i 'Serviceglapp' (SUMMARY, STATS), 'Scenario' (CROSSINGS, UNDERLAG) och 'Områdesprofil för planområde' (PROFILE): tabellerna, ett litet diagram per servicetyp (befolkning per restidsklass), källorna med datum och de parametrar som använts, hämtade från lagrens metadata. Varje tabell skrivs också som CSV-fil bredvid rapporten (&lt;namn&gt;_&lt;tabell&gt;.csv; UTF-8, semikolonseparerad). Språk: svenska eller engelska.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Report language</source>
        <translation>Rapportens språk</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML-filer (*.html)</translation>
    </message>
    <message>
        <source>CSV files</source>
        <translation>CSV-filer</translation>
    </message>
    <message>
        <source>Report: give at least one table (SUMMARY, STATS, CROSSINGS, UNDERLAG or PROFILE).</source>
        <translation>Rapport: ange minst en tabell (SUMMARY, STATS, CROSSINGS, UNDERLAG eller PROFILE).</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Svenska</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engelska</translation>
    </message>
    <message>
        <source>Report written: {} (+ {} CSV file(s)).</source>
        <translation>Rapporten skrevs: {} (+ {} CSV-fil(er)).</translation>
    </message>
    <message>
        <source>{}: the layer could not be opened.</source>
        <translation>{}: lagret kunde inte öppnas.</translation>
    </message>
    <message>
        <source>Report: could not write {} ({}).</source>
        <translation>Rapport: kunde inte skriva {} ({}).</translation>
    </message>
</context>
</TS>
