<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Serviceperspektiv</name>
    <message>
        <source>Show or hide this step.</source>
        <translation>Visa eller dölj det här steget.</translation>
    </message>
    <message>
        <source>Serviceperspektiv</source>
        <translation>Serviceperspektiv</translation>
    </message>
    <message>
        <source>1. Area</source>
        <translation>1. Område</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kommun</translation>
    </message>
    <message>
        <source>Map extent</source>
        <translation>Kartans utbredning</translation>
    </message>
    <message>
        <source>Polygon layer (selection)</source>
        <translation>Polygonlager (urval)</translation>
    </message>
    <message>
        <source>Area from</source>
        <translation>Område från</translation>
    </message>
    <message>
        <source>Polygon layer</source>
        <translation>Polygonlager</translation>
    </message>
    <message>
        <source>2. Data</source>
        <translation>2. Underlag</translation>
    </message>
    <message>
        <source>OpenStreetMap (Overpass, online)</source>
        <translation>OpenStreetMap (Overpass, online)</translation>
    </message>
    <message>
        <source>OSM file (offline)</source>
        <translation>OSM-fil (offline)</translation>
    </message>
    <message>
        <source>CSV (e.g. Pipos export)</source>
        <translation>CSV (t.ex. export från Pipos)</translation>
    </message>
    <message>
        <source>NVDB GeoPackage (Trafikverket/Tillväxtverket)</source>
        <translation>NVDB GeoPackage (Trafikverket/Tillväxtverket)</translation>
    </message>
    <message>
        <source>SCB population grid (WFS, online)</source>
        <translation>SCB:s befolkningsrutor (WFS, online)</translation>
    </message>
    <message>
        <source>Local GeoPackage</source>
        <translation>Lokal GeoPackage</translation>
    </message>
    <message>
        <source>Own grid or points layer</source>
        <translation>Eget rutnät eller punktlager</translation>
    </message>
    <message>
        <source>Services from</source>
        <translation>Service från</translation>
    </message>
    <message>
        <source>Roads from</source>
        <translation>Vägar från</translation>
    </message>
    <message>
        <source>Population from</source>
        <translation>Befolkning från</translation>
    </message>
    <message>
        <source>Service types</source>
        <translation>Servicetyper</translation>
    </message>
    <message>
        <source>Fetch data</source>
        <translation>Hämta underlag</translation>
    </message>
    <message>
        <source>Open demo data</source>
        <translation>Öppna demodata</translation>
    </message>
    <message>
        <source>  speed field</source>
        <translation>  hastighetsfält</translation>
    </message>
    <message>
        <source>  road class field</source>
        <translation>  vägklassfält</translation>
    </message>
    <message>
        <source>  one-way field</source>
        <translation>  enkelriktningsfält</translation>
    </message>
    <message>
        <source>  type field</source>
        <translation>  typfält</translation>
    </message>
    <message>
        <source>Population (origins)</source>
        <translation>Befolkning (startpunkter)</translation>
    </message>
    <message>
        <source>  population field</source>
        <translation>  befolkningsfält</translation>
    </message>
    <message>
        <source>3. Analysis</source>
        <translation>3. Analys</translation>
    </message>
    <message>
        <source>Class limits (min)</source>
        <translation>Klassgränser (min)</translation>
    </message>
    <message>
        <source>default: the plugin's thresholds per type</source>
        <translation>standard: tröskelvärden per typ</translation>
    </message>
    <message>
        <source>Service gap threshold</source>
        <translation>Tröskel för serviceglapp</translation>
    </message>
    <message>
        <source>Catchments</source>
        <translation>Upptagningsområden</translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation>Fördelning av underlag</translation>
    </message>
    <message>
        <source>4. Scenario</source>
        <translation>4. Scenario</translation>
    </message>
    <message>
        <source>Type of new service</source>
        <translation>Typ av ny service</translation>
    </message>
    <message>
        <source>Click on the map to add a service point</source>
        <translation>Klicka i kartan för att lägga till en servicepunkt</translation>
    </message>
    <message>
        <source>New points: {}. Selected service points to close: {}.</source>
        <translation>Nya punkter: {}. Valda servicepunkter att stänga: {}.</translation>
    </message>
    <message>
        <source>Compare scenario</source>
        <translation>Jämför scenario</translation>
    </message>
    <message>
        <source>5. Plan area</source>
        <translation>5. Planområde</translation>
    </message>
    <message>
        <source>Plan area layer (selected feature)</source>
        <translation>Lager med planområde (valt objekt)</translation>
    </message>
    <message>
        <source>Plan area profile</source>
        <translation>Profil för planområdet</translation>
    </message>
    <message>
        <source>7. Export</source>
        <translation>7. Export</translation>
    </message>
    <message>
        <source>A4 portrait</source>
        <translation>A4 stående</translation>
    </message>
    <message>
        <source>A4 landscape</source>
        <translation>A4 liggande</translation>
    </message>
    <message>
        <source>A3 landscape</source>
        <translation>A3 liggande</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Mall</translation>
    </message>
    <message>
        <source>Access to everyday service</source>
        <translation>Tillgång till vardaglig service</translation>
    </message>
    <message>
        <source>One page per service type (atlas)</source>
        <translation>En sida per servicetyp (atlas)</translation>
    </message>
    <message>
        <source>PDF map</source>
        <translation>PDF-karta</translation>
    </message>
    <message>
        <source>HTML report</source>
        <translation>HTML-rapport</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Klar att börja.</translation>
    </message>
    <message>
        <source>Running: {}</source>
        <translation>Kör: {}</translation>
    </message>
    <message>
        <source>Done: {}</source>
        <translation>Klart: {}</translation>
    </message>
    <message>
        <source>Roads</source>
        <translation>Vägar</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>Befolkning</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Underlag</translation>
    </message>
    <message>
        <source>Demo data loaded: {} layers.</source>
        <translation>Demodata inlästa: {} lager.</translation>
    </message>
    <message>
        <source>The demo data {} is missing. Run 'make demo-data' first.</source>
        <translation>Demodata {} saknas. Kör först 'make demo-data'.</translation>
    </message>
    <message>
        <source>Data fetched. Continue with step 3, Analysis.</source>
        <translation>Underlaget är hämtat. Fortsätt med steg 3, Analys.</translation>
    </message>
    <message>
        <source>Fetch {}</source>
        <translation>Hämta {}</translation>
    </message>
    <message>
        <source>Fetching {} is not available in this version. Choose a file, or pick a layer below.</source>
        <translation>Hämtning av {} finns inte i den här versionen. Välj en fil, eller välj ett lager nedan.</translation>
    </message>
    <message>
        <source>The file {} could not be opened. Check the path and the layer name.</source>
        <translation>Filen {} kunde inte öppnas. Kontrollera sökvägen och lagrets namn.</translation>
    </message>
    <message>
        <source>road network</source>
        <translation>vägnät</translation>
    </message>
    <message>
        <source>service points</source>
        <translation>servicepunkter</translation>
    </message>
    <message>
        <source>population</source>
        <translation>befolkning</translation>
    </message>
    <message>
        <source>Choose a layer for: {}. Fetch data in step 2 or open the demo data.</source>
        <translation>Välj ett lager för: {}. Hämta underlag i steg 2 eller öppna demodata.</translation>
    </message>
    <message>
        <source>travel time to nearest service</source>
        <translation>restid till närmaste service</translation>
    </message>
    <message>
        <source>service gaps</source>
        <translation>serviceglapp</translation>
    </message>
    <message>
        <source>catchments</source>
        <translation>upptagningsområden</translation>
    </message>
    <message>
        <source>allocation</source>
        <translation>fördelning av underlag</translation>
    </message>
    <message>
        <source>scenario</source>
        <translation>scenario</translation>
    </message>
    <message>
        <source>plan area profile</source>
        <translation>profil för planområdet</translation>
    </message>
    <message>
        <source>Allocation to nearest service</source>
        <translation>Fördelning till närmaste service</translation>
    </message>
    <message>
        <source>Allocation areas</source>
        <translation>Fördelningsområden</translation>
    </message>
    <message>
        <source>Click on the map where the new service should be.</source>
        <translation>Klicka i kartan där den nya servicen ska ligga.</translation>
    </message>
    <message>
        <source>New service points (scenario)</source>
        <translation>Nya servicepunkter (scenario)</translation>
    </message>
    <message>
        <source>New: {}</source>
        <translation>Ny: {}</translation>
    </message>
    <message>
        <source>The scenario has no change. Click on the map to add a service point, or select service points to close, then compare again.</source>
        <translation>Scenariot innehåller ingen förändring. Klicka i kartan för att lägga till en servicepunkt, eller välj servicepunkter att stänga, och jämför igen.</translation>
    </message>
    <message>
        <source>Choose a polygon layer with the plan area (planområde), select its feature, and try again.</source>
        <translation>Välj ett polygonlager med planområdet, markera objektet och försök igen.</translation>
    </message>
    <message>
        <source>Select the plan area (planområde) in the layer '{}' first.</source>
        <translation>Markera först planområdet i lagret '{}'.</translation>
    </message>
    <message>
        <source>There is no visible result to put on the map. Run an analysis in step 3 first.</source>
        <translation>Det finns inget synligt resultat att visa i kartan. Kör först en analys i steg 3.</translation>
    </message>
    <message>
        <source>The PDF map is saved: {}. The layout '{}' is in the layout manager.</source>
        <translation>PDF-kartan är sparad: {}. Layouten '{}' finns i layouthanteraren.</translation>
    </message>
    <message>
        <source>Another analysis is running. Wait for it, or cancel it.</source>
        <translation>En annan analys körs. Vänta på den eller avbryt den.</translation>
    </message>
    <message>
        <source>The algorithm '{}' is not available in this version of the plugin. Update Serviceperspektiv, or use the Processing Toolbox.</source>
        <translation>Algoritmen '{}' finns inte i den här versionen av insticksprogrammet. Uppdatera Serviceperspektiv, eller använd verktygslådan Processing.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was added to the project.</source>
        <translation>Avbrutet: inget lades till i projektet.</translation>
    </message>
    <message>
        <source>The analysis failed. See the Processing log for details.</source>
        <translation>Analysen misslyckades. Se Processing-loggen för detaljer.</translation>
    </message>
    <message>
        <source>Serviceperspektiv panel</source>
        <translation>Serviceperspektiv-panelen</translation>
    </message>
    <message>
        <source>Serviceperspektiv algorithms (Processing)</source>
        <translation>Serviceperspektivs algoritmer (Processing)</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Inställningar…</translation>
    </message>
    <message>
        <source>The Processing plugin is not active. Enable it under Plugins &gt; Manage and Install Plugins.</source>
        <translation>Insticksprogrammet Processing är inte aktivt. Aktivera det under Insticksprogram &gt; Hantera och installera insticksprogram.</translation>
    </message>
    <message>
        <source>Data sources</source>
        <translation>Datakällor</translation>
    </message>
    <message>
        <source>Maps and defaults</source>
        <translation>Kartor och standardval</translation>
    </message>
    <message>
        <source>Municipality name on maps</source>
        <translation>Kommunens namn på kartor</translation>
    </message>
    <message>
        <source>Municipality logo on maps (SVG or PNG)</source>
        <translation>Kommunens logotyp på kartor (SVG eller PNG)</translation>
    </message>
    <message>
        <source>Folder with house layout templates (.qpt) that override the built-in ones</source>
        <translation>Mapp med egna layoutmallar (.qpt) som ersätter de inbyggda</translation>
    </message>
    <message>
        <source>Folder for results (empty: next to the project)</source>
        <translation>Mapp för resultat (tom: bredvid projektet)</translation>
    </message>
    <message>
        <source>Default travel mode (0 car, 1 bike, 2 walk)</source>
        <translation>Standardfärdsätt (0 bil, 1 cykel, 2 gång)</translation>
    </message>
    <message>
        <source>Default class limits (minutes)</source>
        <translation>Standardklassgränser (minuter)</translation>
    </message>
    <message>
        <source>Overpass API endpoint</source>
        <translation>Adress till Overpass API</translation>
    </message>
    <message>
        <source>SCB geodata WFS endpoint</source>
        <translation>Adress till SCB:s geodata-WFS</translation>
    </message>
    <message>
        <source>Cache folder (empty: the user's cache folder)</source>
        <translation>Cachemapp (tom: användarens cachemapp)</translation>
    </message>
    <message>
        <source>Offline: use the cache only</source>
        <translation>Offline: använd bara cachen</translation>
    </message>
    <message>
        <source>URL of Tillväxtverket's processed NVDB GeoPackage</source>
        <translation>Adress till Tillväxtverkets bearbetade NVDB-GeoPackage</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Teckenförklaring</translation>
    </message>
    <message>
        <source>Travel time (min)</source>
        <translation>Restid (min)</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>Ej nåbar</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Travel time</source>
        <translation>Restid</translation>
    </message>
    <message>
        <source>Share %</source>
        <translation>Andel %</translation>
    </message>
    <message>
        <source>Statistics (layout)</source>
        <translation>Statistik (layout)</translation>
    </message>
    <message>
        <source>Atlas pages (service types)</source>
        <translation>Atlassidor (servicetyper)</translation>
    </message>
    <message>
        <source>Serviceperspektiv map</source>
        <translation>Serviceperspektiv-karta</translation>
    </message>
    <message>
        <source>There are no result layers to put on the map. Run an analysis first, or choose layers.</source>
        <translation>Det finns inga resultatlager att visa i kartan. Kör först en analys, eller välj lager.</translation>
    </message>
    <message>
        <source>The result layers have no extent (are they empty?).</source>
        <translation>Resultatlagren saknar utbredning (är de tomma?).</translation>
    </message>
    <message>
        <source>The layout template {} does not exist.</source>
        <translation>Layoutmallen {} finns inte.</translation>
    </message>
    <message>
        <source>The layout template {} is missing. Reinstall the plugin.</source>
        <translation>Layoutmallen {} saknas. Installera om insticksprogrammet.</translation>
    </message>
    <message>
        <source>The layout template {} is not valid XML.</source>
        <translation>Layoutmallen {} är inte giltig XML.</translation>
    </message>
    <message>
        <source>The layout template {} could not be read.</source>
        <translation>Layoutmallen {} kunde inte läsas.</translation>
    </message>
    <message>
        <source>The template {} has no map item with the id '{}'.</source>
        <translation>Mallen {} saknar ett kartobjekt med id '{}'.</translation>
    </message>
    <message>
        <source>The PDF could not be written to {} ({}). Check that the folder is writable and the file is not open in another program.</source>
        <translation>PDF-filen kunde inte skrivas till {} ({}). Kontrollera att mappen är skrivbar och att filen inte är öppen i ett annat program.</translation>
    </message>
    <message>
        <source>Export map to PDF</source>
        <translation>Exportera karta till PDF</translation>
    </message>
    <message>
        <source>Maps and reports</source>
        <translation>Kartor och rapporter</translation>
    </message>
    <message>
        <source>Result layers (default: the visible layers of the 'Serviceperspektiv' group)</source>
        <translation>Resultatlager (standard: de synliga lagren i gruppen 'Serviceperspektiv')</translation>
    </message>
    <message>
        <source>Map extent (default: the layers' extent)</source>
        <translation>Kartans utbredning (standard: lagrens utbredning)</translation>
    </message>
    <message>
        <source>Statistics table (STATS output of the service gaps analysis, optional)</source>
        <translation>Statistiktabell (STATS från analysen av serviceglapp, valfri)</translation>
    </message>
    <message>
        <source>Area name for the subtitle</source>
        <translation>Områdets namn i underrubriken</translation>
    </message>
    <message>
        <source>PDF file</source>
        <translation>PDF-fil</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <source>No layers to export: give LAYERS, or put the result layers in a visible 'Serviceperspektiv' group in the project.</source>
        <translation>Inga lager att exportera: ange LAYERS, eller lägg resultatlagren i en synlig grupp 'Serviceperspektiv' i projektet.</translation>
    </message>
    <message>
        <source>The layout '{}' is in the project's layout manager; the PDF is {}.</source>
        <translation>Layouten '{}' finns i projektets layouthanterare; PDF-filen är {}.</translation>
    </message>
    <message>
        <source>Data files (*.gpkg *.osm *.pbf *.csv *.shp);;All files (*)</source>
        <translation>Datafiler (*.gpkg *.osm *.pbf *.csv *.shp);;Alla filer (*)</translation>
    </message>
    <message>
        <source>The fetched {} could not be opened.</source>
        <translation>Hämtade {} kunde inte öppnas.</translation>
    </message>
</context>
</TS>
