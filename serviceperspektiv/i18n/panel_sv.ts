<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Serviceperspektiv</name>
    <message><source>Stop the running analysis; nothing is added to the project.</source><translation>Avbryt analysen som körs; inget läggs till i projektet.</translation></message>
    <message><source>Help</source><translation>Hjälp</translation></message>
    <message><source>Open the documentation of Serviceperspektiv.</source><translation>Öppna dokumentationen för Serviceperspektiv.</translation></message>
    <message><source>The analysis failed. See the log (Serviceperspektiv) for details.</source><translation>Analysen misslyckades. Se loggen (Serviceperspektiv) för detaljer.</translation></message>
    <message><source>The analysis failed. See the log for details.</source><translation>Analysen misslyckades. Se loggen för detaljer.</translation></message>
    <message><source>The page: A4 portrait, A4 landscape or A3 landscape (or your house template of the same name, see the settings).</source><translation>Sidan: A4 stående, A4 liggande eller A3 liggande (eller kommunens egen mall med samma namn, se inställningarna).</translation></message>
    <message><source>The map&apos;s title.</source><translation>Kartans rubrik.</translation></message>
    <message><source>Map shows</source><translation>Kartan visar</translation></message>
    <message><source>What the PDF map shows: the map view as it is now, or the plan area (step 5) and its surroundings.</source><translation>Vad PDF-kartan visar: kartvyn som den är nu, eller planområdet (steg 5) med omgivning.</translation></message>
    <message><source>A page for every service type of the result, in one PDF.</source><translation>En sida per servicetyp i resultatet, i en PDF.</translation></message>
    <message><source>Output folder</source><translation>Mapp för resultat</translation></message>
    <message><source>Where results, maps and reports are written. Empty: the folder &apos;serviceperspektiv&apos; next to the saved project.</source><translation>Där resultat, kartor och rapporter sparas. Tomt: mappen &apos;serviceperspektiv&apos; bredvid det sparade projektet.</translation></message>
    <message><source>Open</source><translation>Öppna</translation></message>
    <message><source>Open the last written map or report.</source><translation>Öppna den senast sparade kartan eller rapporten.</translation></message>
    <message><source>A PDF map of the visible results; the layout stays in the layout manager.</source><translation>En PDF-karta över de synliga resultaten; layouten finns kvar i layouthanteraren.</translation></message>
    <message><source>A report of everything run in this session: travel times, gaps, scenario, plan area.</source><translation>En rapport över allt som körts i sessionen: restider, serviceglapp, scenario, planområde.</translation></message>
    <message><source>There is nothing to report yet. Run an analysis in steps 3–5 first.</source><translation>Det finns inget att rapportera än. Kör först en analys i steg 3–5.</translation></message>
    <message><source>The map should show the plan area: choose a plan area in step 5, or let the map show the current view.</source><translation>Kartan ska visa planområdet: välj ett planområde i steg 5, eller låt kartan visa den aktuella vyn.</translation></message>
    <message><source>Written: {}</source><translation>Sparad: {}</translation></message>
    <message><source>report</source><translation>rapport</translation></message>
    <message><source>The road network (lines) the travel times follow.</source><translation>Vägnätet (linjer) som restiderna följer.</translation></message>
    <message><source>Speed in km/h (optional; else the road class gives the speed).</source><translation>Hastighet i km/h (valfritt; annars ger vägklassen hastigheten).</translation></message>
    <message><source>Road class, e.g. OSM highway or the NVDB class (optional).</source><translation>Vägklass, t.ex. OSM highway eller NVDB-klassen (valfritt).</translation></message>
    <message><source>One-way or direction field (optional).</source><translation>Fält för enkelriktning eller körriktning (valfritt).</translation></message>
    <message><source>Service points (points or areas), e.g. fetched from OSM or a Pipos export.</source><translation>Servicepunkter (punkter eller ytor), t.ex. hämtade från OSM eller en export från Pipos.</translation></message>
    <message><source>The field with the service type of each point.</source><translation>Fältet med servicetypen för varje punkt.</translation></message>
    <message><source>Where people live: a population grid or address points.</source><translation>Där människor bor: ett befolkningsrutnät eller adresspunkter.</translation></message>
    <message><source>The number of people per cell or point.</source><translation>Antal invånare per ruta eller punkt.</translation></message>
    <message><source>Where the service points come from. A Pipos download or any CSV with coordinates and a type column works as a file.</source><translation>Varifrån servicepunkterna hämtas. En nedladdning från Pipos eller en CSV-fil med koordinater och en typkolumn fungerar som fil.</translation></message>
    <message><source>Where the road network comes from: OpenStreetMap, or Tillväxtverket&apos;s NVDB network.</source><translation>Varifrån vägnätet hämtas: OpenStreetMap eller Tillväxtverkets NVDB-vägnät.</translation></message>
    <message><source>Where the population comes from: SCB&apos;s open 1 km grid, or your own grid.</source><translation>Varifrån befolkningen hämtas: SCB:s öppna 1 km-rutor eller ett eget rutnät.</translation></message>
    <message><source>Place names</source><translation>Ortnamn</translation></message>
    <message><source>A local file for the sources that read one; a GeoPackage layer (file|layername=…) is opened as it is.</source><translation>En lokal fil för de källor som läser en fil; ett GeoPackage-lager (fil|layername=…) öppnas som det är.</translation></message>
    <message><source>Fetch service points of this type.</source><translation>Hämta servicepunkter av den här typen.</translation></message>
    <message><source>Fetch the chosen sources for the area (step 1).</source><translation>Hämta de valda källorna för området (steg 1).</translation></message>
    <message><source>Open the illustrative Fredriksberg demo data (made on first use).</source><translation>Öppna de illustrativa demodata för Fredriksberg (skapas första gången).</translation></message>
    <message><source>Demo data (illustrative)</source><translation>Demodata (illustrativa)</translation></message>
    <message><source>Choose your own population layer under &apos;Population (origins)&apos; below.</source><translation>Välj ert eget befolkningslager under &apos;Befolkning (startpunkter)&apos; nedan.</translation></message>
    <message><source>The demo data could not be made: {}</source><translation>Demodata kunde inte skapas: {}</translation></message>
    <message><source>The service type of the points you add on the map.</source><translation>Servicetypen för punkterna du lägger till i kartan.</translation></message>
    <message><source>Then click where the new service should be; click the button again to stop.</source><translation>Klicka sedan där den nya servicen ska ligga; klicka på knappen igen för att sluta.</translation></message>
    <message><source>Travel times before and after the change, for the types it touches.</source><translation>Restider före och efter förändringen, för de typer den berör.</translation></message>
    <message><source>A polygon layer with the plan area; imported detaljplaner come first. Its selected feature is used, or the whole plan when nothing is selected.</source><translation>Ett polygonlager med planområdet; importerade detaljplaner står först. Det valda objektet används, eller hela planen när inget är valt.</translation></message>
    <message><source>import detaljplan</source><translation>import av detaljplan</translation></message>
    <message><source>Import detaljplan…</source><translation>Importera detaljplan…</translation></message>
    <message><source>Read a digital detaljplan file (SS 637040 or the national JSON format).</source><translation>Läs en digital detaljplan (SS 637040 eller det nationella JSON-formatet).</translation></message>
    <message><source>Population in and around the plan area and the travel times from it.</source><translation>Befolkningen i och runt planområdet och restiderna därifrån.</translation></message>
    <message><source>Import detaljplan</source><translation>Importera detaljplan</translation></message>
    <message><source>Choose a polygon layer with the plan area (planområde), or import a detaljplan, and try again.</source><translation>Välj ett polygonlager med planområdet, eller importera en detaljplan, och försök igen.</translation></message>
    <message><source>detaljplan</source><translation>detaljplan</translation></message>
    <message><source>Car, bike or walk: the speeds and the roads each mode may use.</source><translation>Bil, cykel eller gång: hastigheterna och vägarna som varje färdsätt får använda.</translation></message>
    <message><source>Travel-time classes in minutes, e.g. 5,10,20,30. They apply to the map style, the legend, the statistics table, the travel-time zones and the report alike.</source><translation>Restidsklasser i minuter, t.ex. 5,10,20,30. De gäller lika för kartans stil, teckenförklaringen, statistiktabellen, restidszonerna och rapporten.</translation></message>
    <message><source>Where a service gap begins: e.g. 10 (minutes for every type) or &apos;dagligvaror*=10min, kontant*=25km&apos;.</source><translation>Var ett serviceglapp börjar: t.ex. 10 (minuter för alla typer) eller &apos;dagligvaror*=10min, kontant*=25km&apos;.</translation></message>
    <message><source>Show on the map</source><translation>Visa i kartan</translation></message>
    <message><source>The service type the result layers show (style, legend and name follow it); the PDF map shows it too.</source><translation>Servicetypen som resultatlagren visar (stil, teckenförklaring och namn följer med); PDF-kartan visar den också.</translation></message>
    <message><source>travel-time zones</source><translation>restidszoner</translation></message>
    <message><source>population base per service point</source><translation>underlag per serviceställe</translation></message>
    <message><source>Travel time and distance from every cell to the nearest service of each type.</source><translation>Restid och avstånd från varje ruta till närmaste service av varje typ.</translation></message>
    <message><source>Population per travel-time class, and who lives beyond the threshold.</source><translation>Befolkning per restidsklass, och vilka som bor bortom gränsen.</translation></message>
    <message><source>Zones reachable within each class limit, per service type; with service points selected, the zones of those points.</source><translation>Områden som nås inom varje klassgräns, per servicetyp; med valda servicepunkter, zonerna för de punkterna.</translation></message>
    <message><source>The people for whom each service point is the nearest of its type.</source><translation>De invånare för vilka varje servicepunkt är den närmaste av sin typ.</translation></message>
    <message><source>Population base per service point</source><translation>Underlag per serviceställe</translation></message>
    <message><source>Where data are fetched: a municipality, what the map shows now, or the polygons (or the selected ones) of a layer.</source><translation>Var underlag hämtas: en kommun, det kartan visar nu, eller polygonerna (eller de valda) i ett lager.</translation></message>
    <message><source>The municipality whose data are fetched (SCB code).</source><translation>Kommunen vars underlag hämtas (SCB-kod).</translation></message>
    <message><source>A polygon layer; its selected polygons, or all of them, make the area.</source><translation>Ett polygonlager; dess valda polygoner, eller alla, utgör området.</translation></message>
    <message><source>Main roads</source><translation>Huvudvägar</translation></message>
    <message><source>Other roads</source><translation>Övriga vägar</translation></message>
    <message><source>The map should show the plan area, but there is no plan area layer. Choose one in the Plan area step, or use the current map view.</source><translation>Kartan ska visa planområdet, men det finns inget lager med planområde. Välj ett i steget Planområde, eller använd den aktuella kartvyn.</translation></message>
    <message><source>Beyond the gap threshold</source><translation>Bortom gränsen för serviceglapp</translation></message>
    <message><source>Within {} min</source><translation>Inom {} min</translation></message>
    <message><source>{}: {} people get a longer trip, {} a shorter one; mean change {} min, largest {} min. Beyond {}: {} before, {} after.</source><translation>{}: {} invånare får längre restid, {} kortare; i genomsnitt {} min, som mest {} min. Längre än {}: {} före, {} efter.</translation></message>
    <message><source>{}: {} people inside, {} within 2 km, {} within 5 km.</source><translation>{}: {} invånare inom området, {} inom 2 km, {} inom 5 km.</translation></message>
    <message><source>{} people can no longer reach the service at all.</source><translation>{} invånare når inte längre någon sådan service alls.</translation></message>
    <message><source>Median travel time (min): {}.</source><translation>Restid, median (min): {}.</translation></message>
    <message><source>Travel time to nearest service (a result of &apos;Travel time to nearest service&apos;)</source><translation>Restid till närmaste service (ett resultat av &apos;Restid till närmaste service&apos;)</translation></message>
    <message><source>Report: give at least one table (SUMMARY, STATS, CROSSINGS, UNDERLAG or PROFILE), or a NEAREST or SCENARIO layer.</source><translation>Rapport: ange minst en tabell (SUMMARY, STATS, CROSSINGS, UNDERLAG eller PROFILE), eller ett lager NEAREST eller SCENARIO.</translation></message>
    <message><source>{}: the layer has no T_min/T_km fields. Choose a result of &apos;Travel time to nearest service&apos;.</source><translation>{}: lagret har inga fält T_min/T_km. Välj ett resultat av &apos;Restid till närmaste service&apos;.</translation></message>
    <message><source>Class limits: {}</source><translation>Klassgränser: {}</translation></message>
    <message><source>Map extent (default: the plan area, else the project&apos;s saved map view)</source><translation>Kartans utbredning (standard: planområdet, annars projektets sparade kartvy)</translation></message>
    <message><source>Plan area: boundary on the map and the map&apos;s extent (optional)</source><translation>Planområde: gränsen i kartan och kartans utbredning (valfritt)</translation></message>
    <message><source>Roads on the map (optional; default: the project&apos;s road layer)</source><translation>Vägar i kartan (valfritt; standard: projektets väglager)</translation></message>
    <message><source>Service points on the map (optional; default: the project&apos;s service layer)</source><translation>Servicepunkter i kartan (valfritt; standard: projektets servicelager)</translation></message>
    <message><source>Service type shown (key, e.g. apotek; default: what the result shows)</source><translation>Servicetyp som visas (nyckel, t.ex. apotek; standard: det resultatet visar)</translation></message>
    <message><source>Class limits of the map style (minutes, comma-separated)</source><translation>Klassgränser för kartans stil (minuter, kommaseparerade)</translation></message>
    <message><source>{}: unknown parameter(s) {}. This algorithm takes: {}.</source><translation>{}: okänd(a) parameter/parametrar {}. Algoritmen tar: {}.</translation></message>
    <message><source>car</source><translation>bil</translation></message>
    <message><source>bike</source><translation>cykel</translation></message>
    <message><source>walk</source><translation>gång</translation></message>
    <message><source>Current map view</source><translation>Aktuell kartvy</translation></message>
    <message><source>Population base areas</source><translation>Underlag, områden</translation></message>
    <message><source>SCB WFS layer name ({year} is replaced)</source><translation>Lagernamn i SCB:s WFS ({year} ersätts med året)</translation></message>
    <message><source>Cache time-to-live (hours)</source><translation>Cachens livslängd (timmar)</translation></message>
    <message><source>Connect timeout (s)</source><translation>Tidsgräns för anslutning (s)</translation></message>
    <message><source>Read timeout (s)</source><translation>Tidsgräns för svar (s)</translation></message>
    <message><source>Retries after a failed request</source><translation>Nya försök efter en misslyckad begäran</translation></message>
    <message><source>First back-off wait (s); doubles on each retry</source><translation>Första väntetid före nytt försök (s); fördubblas vid varje försök</translation></message>
    <message><source>Least wait after HTTP 429 from Overpass (s)</source><translation>Minsta väntetid efter HTTP 429 från Overpass (s)</translation></message>
    <message><source>Scale factor for all waits (tests use a small value)</source><translation>Skalfaktor för alla väntetider (tester använder ett litet värde)</translation></message>
    <message><source>Largest Overpass tile side (km)</source><translation>Största rutsida för Overpass-hämtning (km)</translation></message>
    <message><source>Features per WFS page</source><translation>Objekt per WFS-sida</translation></message>
    <message><source>Default travel mode</source><translation>Färdsätt från start</translation></message>
    <message><source>The Overpass API server that OpenStreetMap data are fetched from. Use your own server behind a firewall.</source><translation>Overpass-servern som OpenStreetMap-data hämtas från. Använd en egen server bakom en brandvägg.</translation></message>
    <message><source>SCB&apos;s geodata WFS that the population grid is fetched from.</source><translation>SCB:s WFS för geodata som befolkningsrutorna hämtas från.</translation></message>
    <message><source>The WFS layer of the population grid; {year} is replaced by the year chosen.</source><translation>WFS-lagret med befolkningsrutorna; {year} ersätts med det valda året.</translation></message>
    <message><source>Where Tillväxtverket&apos;s processed NVDB road network (GeoPackage) is downloaded from.</source><translation>Varifrån Tillväxtverkets bearbetade NVDB-vägnät (GeoPackage) laddas ned.</translation></message>
    <message><source>Fetched data are kept here and reused. Empty: the user&apos;s cache folder.</source><translation>Hämtade data sparas här och återanvänds. Tomt: användarens cachemapp.</translation></message>
    <message><source>How long fetched data are reused before they are fetched again.</source><translation>Hur länge hämtade data återanvänds innan de hämtas på nytt.</translation></message>
    <message><source>Use only data already in the cache; nothing is fetched from the internet.</source><translation>Använd bara data som redan finns i cachen; inget hämtas från internet.</translation></message>
    <message><source>How long to wait for a server to answer the connection.</source><translation>Hur länge en server får ta på sig att svara på anslutningen.</translation></message>
    <message><source>How long to wait for a server&apos;s whole answer.</source><translation>Hur länge en server får ta på sig för hela svaret.</translation></message>
    <message><source>How many times a failed request is tried again.</source><translation>Hur många gånger en misslyckad begäran görs om.</translation></message>
    <message><source>The first wait before a retry; it doubles on each retry.</source><translation>Första väntetiden före ett nytt försök; den fördubblas vid varje försök.</translation></message>
    <message><source>The least wait after Overpass answers &apos;too many requests&apos; (HTTP 429).</source><translation>Minsta väntetid efter att Overpass svarat &apos;för många förfrågningar&apos; (HTTP 429).</translation></message>
    <message><source>Scales every wait (for tests; keep 1).</source><translation>Skalar alla väntetider (för tester; behåll 1).</translation></message>
    <message><source>Large areas are fetched from Overpass in square tiles of at most this side.</source><translation>Stora områden hämtas från Overpass i kvadratiska rutor med högst den här sidan.</translation></message>
    <message><source>How many features each WFS request asks for.</source><translation>Hur många objekt varje WFS-begäran ber om.</translation></message>
    <message><source>Shown in the top right corner of every PDF map.</source><translation>Visas uppe till höger på varje PDF-karta.</translation></message>
    <message><source>An SVG or PNG logo shown on every PDF map.</source><translation>En logotyp (SVG eller PNG) som visas på varje PDF-karta.</translation></message>
    <message><source>A folder with your own .qpt layouts named a4_portrait, a4_landscape or a3_landscape; they replace the built-in ones.</source><translation>En mapp med egna layouter (.qpt) som heter a4_portrait, a4_landscape eller a3_landscape; de ersätter de inbyggda.</translation></message>
    <message><source>The travel mode the panel starts with.</source><translation>Färdsättet som panelen börjar med.</translation></message>
    <message><source>The travel-time classes the panel starts with, e.g. 5,10,20,30.</source><translation>Restidsklasserna som panelen börjar med, t.ex. 5,10,20,30.</translation></message>
    <message><source>The map shows the plan area and its surroundings.</source><translation>Kartan visar planområdet med omgivning.</translation></message>
    <message><source>The map shows the given extent.</source><translation>Kartan visar den angivna utbredningen.</translation></message>
    <message><source>No EXTENT: the map shows the project&apos;s saved map view.</source><translation>Ingen EXTENT: kartan visar projektets sparade kartvy.</translation></message>
    <message><source>No EXTENT and no saved map view: the map shows the whole extent of the result layers.</source><translation>Ingen EXTENT och ingen sparad kartvy: kartan visar resultatlagrens hela utbredning.</translation></message>
    <message><source>Details are in the log (Serviceperspektiv).</source><translation>Detaljer finns i loggen (Serviceperspektiv).</translation></message>
</context>
</TS>
