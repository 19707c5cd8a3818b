<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Serviceperspektiv</name>
    <message>
        <source>Line layer of the roads to travel along, e.g. from 'Fetch road network' (OpenStreetMap or NVDB). Lines are joined where they share a vertex; a projected CRS in metres (SWEREF 99 TM) is used for distances.</source>
        <translation>Linjelager med vägarna att färdas längs, t.ex. från 'Hämta vägnät' (OpenStreetMap eller NVDB). Linjer kopplas ihop där de delar en brytpunkt; avstånd räknas i ett projicerat koordinatsystem i meter (SWEREF 99 TM).</translation>
    </message>
    <message>
        <source>Field with the road class: OSM 'highway' values (primary, residential, footway …) or NVDB classes. It sets the default speed and which roads the travel mode may use (data/road_speeds.json).</source>
        <translation>Fält med vägklassen: OSM-värden för 'highway' (primary, residential, footway …) eller NVDB-klasser. Det styr standardhastigheten och vilka vägar färdsättet får använda (data/road_speeds.json).</translation>
    </message>
    <message>
        <source>Field with the direction of travel: OSM 'oneway' (yes, -1, no) or NVDB-style values (med, mot, båda). Empty: every road is open in both directions.</source>
        <translation>Fält med färdriktningen: OSM 'oneway' (yes, -1, no) eller NVDB-liknande värden (med, mot, båda). Tomt: alla vägar är öppna i båda riktningarna.</translation>
    </message>
    <message>
        <source>Car, bike or walk: sets the speeds per road class and which roads can be used.</source>
        <translation>Bil, cykel eller gång: styr hastigheterna per vägklass och vilka vägar som kan användas.</translation>
    </message>
    <message>
        <source>By default points are attached only to the largest connected part of the network, so that a loose road fragment cannot capture them. Tick to use every part.</source>
        <translation>Som standard kopplas punkter bara till den största sammanhängande delen av vägnätet, så att en lös vägstump inte fångar dem. Kryssa i för att använda alla delar.</translation>
    </message>
    <message>
        <source>Speed charged on the straight leg between a point (a home or a service) and the nearest road. 0 uses the travel mode's default.</source>
        <translation>Hastighet på den raka sträckan mellan en punkt (en bostad eller en servicepunkt) och närmaste väg. 0 ger färdsättets standard.</translation>
    </message>
    <message>
        <source>Vertices closer than this are merged into one network node, so that roads digitised with small gaps still connect.</source>
        <translation>Brytpunkter som ligger närmare varandra än så slås ihop till en nod i vägnätet, så att vägar som digitaliserats med små glapp ändå hänger ihop.</translation>
    </message>
    <message>
        <source>Points farther than this from the road network are not attached: they get NULL in the result and are counted in the log.</source>
        <translation>Punkter som ligger längre än så från vägnätet kopplas inte in: de får NULL i resultatet och räknas upp i loggen.</translation>
    </message>
    <message>
        <source>Points or areas of the service points (grocery stores, pharmacies, schools …), e.g. from 'Fetch service points' or a Pipos export. Areas are represented by a point inside them.</source>
        <translation>Punkter eller ytor för servicepunkterna (dagligvarubutiker, apotek, skolor …), t.ex. från 'Hämta servicepunkter' eller en export från Pipos. Ytor representeras av en punkt inuti dem.</translation>
    </message>
    <message>
        <source>Field with the service type (e.g. dagligvaror_full, apotek). Each type is analysed separately. Empty: all points are one type.</source>
        <translation>Fält med servicetypen (t.ex. dagligvaror_full, apotek). Varje typ analyseras för sig. Tomt: alla punkter är en och samma typ.</translation>
    </message>
    <message>
        <source>Where people live: population grid cells (e.g. SCB's grid from 'Fetch population grid') or address points. Grid cells are represented by a point inside them.</source>
        <translation>Där människor bor: befolkningsrutor (t.ex. SCB:s rutnät från 'Hämta befolkningsrutor') eller adresspunkter. Rutor representeras av en punkt inuti dem.</translation>
    </message>
    <message>
        <source>Where people live (optional). With a population field, each zone gets the population of the origins inside it.</source>
        <translation>Där människor bor (valfritt). Med ett befolkningsfält får varje zon befolkningen i de startpunkter som ligger i den.</translation>
    </message>
    <message>
        <source>Numeric field with the number of people per origin (e.g. 'pop'). Used to weight statistics by population instead of counting features.</source>
        <translation>Numeriskt fält med antalet invånare per startpunkt (t.ex. 'pop'). Används för att vikta statistiken efter befolkning i stället för att räkna objekt.</translation>
    </message>
    <message>
        <source>Numeric field of your own grid or point layer (source 2) that holds the population. Empty: a field such as 'pop', 'befolkning' or 'beftotalt' is detected.</source>
        <translation>Numeriskt fält i ditt eget rutnät eller punktlager (källa 2) med befolkningen. Tomt: ett fält som 'pop', 'befolkning' eller 'beftotalt' letas upp.</translation>
    </message>
    <message>
        <source>Where the data come from: an online service (cached, see the plugin settings), a local file, or your own layer.</source>
        <translation>Var data kommer ifrån: en webbtjänst (cachas, se insticksprogrammets inställningar), en lokal fil eller ditt eget lager.</translation>
    </message>
    <message>
        <source>Rectangle of the area to fetch. Give an extent, a polygon layer or a municipality.</source>
        <translation>Rektangel för området som ska hämtas. Ange en utbredning, ett polygonlager eller en kommun.</translation>
    </message>
    <message>
        <source>Polygon layer of the area to fetch; features outside it are dropped.</source>
        <translation>Polygonlager med området som ska hämtas; objekt utanför tas bort.</translation>
    </message>
    <message>
        <source>A Swedish municipality by name or SCB code (e.g. 2085 or Ludvika). Its bounding box is used on purpose: the nearest service may lie across the border.</source>
        <translation>En svensk kommun med namn eller SCB-kod (t.ex. 2085 eller Ludvika). Kommunens omslutande rektangel används med avsikt: närmaste service kan ligga på andra sidan gränsen.</translation>
    </message>
    <message>
        <source>OSM extract (.osm, .osm.pbf) for source 1, or Tillväxtverket's processed NVDB GeoPackage (path or URL) for source 2.</source>
        <translation>OSM-utdrag (.osm, .osm.pbf) för källa 1, eller Tillväxtverkets bearbetade NVDB-GeoPackage (sökväg eller URL) för källa 2.</translation>
    </message>
    <message>
        <source>SCB's population grid as a GeoPackage, for source 1.</source>
        <translation>SCB:s befolkningsrutnät som GeoPackage, för källa 1.</translation>
    </message>
    <message>
        <source>Use only data already in the cache; the run fails with a message if something is missing.</source>
        <translation>Använd bara data som redan finns i cachen; körningen avbryts med ett meddelande om något saknas.</translation>
    </message>
    <message>
        <source>Coordinate reference system of the output. Default SWEREF 99 TM (EPSG:3006).</source>
        <translation>Koordinatsystem för resultatet. Standard är SWEREF 99 TM (EPSG:3006).</translation>
    </message>
    <message>
        <source>Comma-separated keys from the service-type catalogue (e.g. dagligvaror_full,apotek). Empty: all types.</source>
        <translation>Kommaseparerade nycklar ur katalogen över servicetyper (t.ex. dagligvaror_full,apotek). Tomt: alla typer.</translation>
    </message>
    <message>
        <source>Column of the CSV that holds the service type. Empty: a column such as 'type', 'typ' or 'servicetyp' is detected.</source>
        <translation>Kolumn i CSV-filen som innehåller servicetypen. Tomt: en kolumn som 'type', 'typ' eller 'servicetyp' letas upp.</translation>
    </message>
    <message>
        <source>Year of SCB's population grid.</source>
        <translation>År för SCB:s befolkningsrutnät.</translation>
    </message>
    <message>
        <source>Your own population grid or points (source 2), e.g. a finer grid held under agreement with SCB.</source>
        <translation>Ditt eget befolkningsrutnät eller dina egna punkter (källa 2), t.ex. ett finare rutnät enligt avtal med SCB.</translation>
    </message>
    <message>
        <source>NVDB rows with a RemoveCode in the 9000 series are normally dropped (not part of the road network for routing). Tick to keep them.</source>
        <translation>NVDB-rader med en RemoveCode i 9000-serien tas normalt bort (de ingår inte i vägnätet för ruttberäkning). Kryssa i för att behålla dem.</translation>
    </message>
    <message>
        <source>Which parts of the NVDB network to keep, by its networkGrp column. Loose roads (-1) are dropped by default.</source>
        <translation>Vilka delar av NVDB-nätet som behålls, enligt kolumnen networkGrp. Lösa vägar (-1) tas bort som standard.</translation>
    </message>
    <message>
        <source>Car, bike or walk: only the roads this travel mode may use are fetched.</source>
        <translation>Bil, cykel eller gång: bara de vägar som färdsättet får använda hämtas.</translation>
    </message>
    <message>
        <source>Travel-time limits of the zones in minutes, e.g. 5,10,20,30. Zones are cumulative: the 10-minute zone contains the 5-minute zone.</source>
        <translation>Restidsgränser för zonerna i minuter, t.ex. 5,10,20,30. Zonerna är kumulativa: 10-minuterszonen innehåller 5-minuterszonen.</translation>
    </message>
    <message>
        <source>One zone per service point and band, or the zones of a service type dissolved into one per band.</source>
        <translation>En zon per servicepunkt och intervall, eller zonerna för en servicetyp sammanslagna till en per intervall.</translation>
    </message>
    <message>
        <source>Size of the grid the zones are built on, in metres. 0 chooses by travel mode (100 m car, 50 m bike, 25 m walk). Smaller is sharper and slower.</source>
        <translation>Storleken på rutnätet som zonerna byggs på, i meter. 0 väljer efter färdsätt (100 m bil, 50 m cykel, 25 m gång). Mindre ger skarpare zoner men tar längre tid.</translation>
    </message>
    <message>
        <source>Speed for the last stretch from the road into the surrounding land, in km/h (walking).</source>
        <translation>Hastighet för den sista biten från vägen ut i omgivande mark, i km/h (gång).</translation>
    </message>
    <message>
        <source>How far from a road a zone may reach, in metres.</source>
        <translation>Hur långt från en väg en zon får nå, i meter.</translation>
    </message>
    <message>
        <source>A result of 'Travel time to nearest service'. Leave empty to compute it here from the road network, service points and origins.</source>
        <translation>Ett resultat från 'Restid till närmaste service'. Lämna tomt för att beräkna det här från vägnätet, servicepunkterna och startpunkterna.</translation>
    </message>
    <message>
        <source>Population fields of an age group (e.g. age_65_69, age_70_79, age_80_plus). They are summed and counted beside the total population.</source>
        <translation>Befolkningsfält för en åldersgrupp (t.ex. age_65_69, age_70_79, age_80_plus). De summeras och redovisas bredvid den totala befolkningen.</translation>
    </message>
    <message>
        <source>Classes in travel time (minutes) or in distance along the roads (kilometres).</source>
        <translation>Klasser i restid (minuter) eller i avstånd längs vägarna (kilometer).</translation>
    </message>
    <message>
        <source>Upper limits of the classes, comma-separated. Empty: 5,10,20,30 minutes or 5,10,25 km.</source>
        <translation>Klassernas övre gränser, kommaseparerade. Tomt: 5,10,20,30 minuter eller 5,10,25 km.</translation>
    </message>
    <message>
        <source>Class limits in minutes. CROSSINGS counts the people whose travel time crosses one of them.</source>
        <translation>Klassgränser i minuter. CROSSINGS räknar de invånare vars restid passerar någon av dem.</translation>
    </message>
    <message>
        <source>Where a service gap begins, per type: one number for all types, or rules such as 'dagligvaror*=10min, kontant*=25km, *=10min' (the first matching rule wins).</source>
        <translation>Var ett serviceglapp börjar, per typ: ett tal för alla typer, eller regler som 'dagligvaror*=10min, kontant*=25km, *=10min' (första regeln som passar gäller).</translation>
    </message>
    <message>
        <source>Polygons of the plan areas, drawn or imported with 'Import digital detaljplan'.</source>
        <translation>Polygoner för planområdena, ritade eller importerade med 'Importera digital detaljplan'.</translation>
    </message>
    <message>
        <source>Distance around the plan area within which population is counted as near (population_2km).</source>
        <translation>Avstånd runt planområdet inom vilket befolkningen räknas som nära (population_2km).</translation>
    </message>
    <message>
        <source>Distance around the plan area within which population is counted as far (population_5km).</source>
        <translation>Avstånd runt planområdet inom vilket befolkningen räknas som längre bort (population_5km).</translation>
    </message>
    <message>
        <source>Services whose travel time to the plan area is at most this many minutes are listed as serving the area.</source>
        <translation>Servicepunkter med högst så många minuters restid till planområdet listas som att de betjänar området.</translation>
    </message>
    <message>
        <source>Also compute, per service type, the area's median travel time if a new service were placed in it.</source>
        <translation>Beräkna också, per servicetyp, områdets medianrestid om en ny servicepunkt placerades i det.</translation>
    </message>
    <message>
        <source>Feature ids of the service points to close, comma-separated (e.g. 3,17).</source>
        <translation>Objekt-id för servicepunkterna som ska stängas, kommaseparerade (t.ex. 3,17).</translation>
    </message>
    <message>
        <source>Close the service points that are selected in the service layer.</source>
        <translation>Stäng de servicepunkter som är markerade i servicelagret.</translation>
    </message>
    <message>
        <source>Point layer of new service points to open.</source>
        <translation>Punktlager med nya servicepunkter som ska öppnas.</translation>
    </message>
    <message>
        <source>Field of the new points with their service type. Empty: the field with the same name as the type field of the service points.</source>
        <translation>Fält i de nya punkterna med deras servicetyp. Tomt: fältet med samma namn som typfältet i servicepunkterna.</translation>
    </message>
    <message>
        <source>Point layer with the new positions of service points that move.</source>
        <translation>Punktlager med de nya lägena för servicepunkter som flyttar.</translation>
    </message>
    <message>
        <source>Field of the moved points with the feature id of the service point that moves there.</source>
        <translation>Fält i de flyttade punkterna med objekt-id för den servicepunkt som flyttar dit.</translation>
    </message>
    <message>
        <source>Print layout template: A4 portrait, A4 landscape or A3 landscape. A house template with the same name in the template folder of the plugin settings replaces it.</source>
        <translation>Mall för utskriftslayouten: A4 stående, A4 liggande eller A3 liggande. En egen mall med samma namn i mallmappen i insticksprogrammets inställningar ersätter den.</translation>
    </message>
    <message>
        <source>Title printed at the top of the map.</source>
        <translation>Rubrik överst på kartan.</translation>
    </message>
    <message>
        <source>Title at the top of the report.</source>
        <translation>Rubrik överst i rapporten.</translation>
    </message>
    <message>
        <source>Result layers to show on the map. Empty: the visible layers of the project's 'Serviceperspektiv' group.</source>
        <translation>Resultatlager som visas på kartan. Tomt: de synliga lagren i projektets grupp 'Serviceperspektiv'.</translation>
    </message>
    <message>
        <source>An atlas: one page per service type instead of a single page.</source>
        <translation>En kartserie: en sida per servicetyp i stället för en enda sida.</translation>
    </message>
    <message>
        <source>The STATS table of 'Service gaps', shown as a table on the map (optional).</source>
        <translation>Tabellen STATS från 'Serviceglapp', visas som en tabell på kartan (valfritt).</translation>
    </message>
    <message>
        <source>Name of the area (e.g. Fredriksberg), shown in the subtitle.</source>
        <translation>Områdets namn (t.ex. Fredriksberg), visas i underrubriken.</translation>
    </message>
    <message>
        <source>Language of the report's headings and texts.</source>
        <translation>Språk för rapportens rubriker och texter.</translation>
    </message>
    <message>
        <source>The SUMMARY table of 'Service gaps' (optional).</source>
        <translation>Tabellen SUMMARY från 'Serviceglapp' (valfritt).</translation>
    </message>
    <message>
        <source>The STATS table of 'Service gaps' (optional).</source>
        <translation>Tabellen STATS från 'Serviceglapp' (valfritt).</translation>
    </message>
    <message>
        <source>The CROSSINGS table of 'Scenario' (optional).</source>
        <translation>Tabellen CROSSINGS från 'Scenario' (valfritt).</translation>
    </message>
    <message>
        <source>The UNDERLAG table of 'Scenario' (optional).</source>
        <translation>Tabellen UNDERLAG från 'Scenario' (valfritt).</translation>
    </message>
    <message>
        <source>The result of 'Area profile for a plan area' (optional).</source>
        <translation>Resultatet från 'Områdesprofil för planområde' (valfritt).</translation>
    </message>
    <message>
        <source>Where the result is written. A GeoPackage (.gpkg) keeps the metadata with the sources.</source>
        <translation>Var resultatet skrivs. En GeoPackage (.gpkg) behåller metadata med källorna.</translation>
    </message>
    <message>
        <source>The PDF file to write.</source>
        <translation>PDF-filen som skrivs.</translation>
    </message>
    <message>
        <source>The HTML file to write; each table is also written as a CSV file beside it.</source>
        <translation>HTML-filen som skrivs; varje tabell skrivs också som en CSV-fil bredvid.</translation>
    </message>
    <message>
        <source>Origins in a service gap, with the types they lack.</source>
        <translation>Startpunkter i ett serviceglapp, med de typer de saknar.</translation>
    </message>
    <message>
        <source>Table: cells, population and share per service type and travel-time class (optional, created by default).</source>
        <translation>Tabell: rutor, befolkning och andel per servicetyp och restidsklass (valfritt, skapas som standard).</translation>
    </message>
    <message>
        <source>Table per service type: population reached, population in a gap, median, 90th percentile and mean (optional, created by default).</source>
        <translation>Tabell per servicetyp: nådd befolkning, befolkning i serviceglapp, median, 90:e percentil och medelvärde (valfritt, skapas som standard).</translation>
    </message>
    <message>
        <source>The origins allocated to each service point, dissolved into one area per point (optional, created by default).</source>
        <translation>Startpunkterna som hör till varje servicepunkt, sammanslagna till ett område per punkt (valfritt, skapas som standard).</translation>
    </message>
    <message>
        <source>Table: per type and class limit, the cells and people whose travel time crosses it, worse and better (optional, created by default).</source>
        <translation>Tabell: per typ och klassgräns de rutor och invånare vars restid passerar den, sämre och bättre (valfritt, skapas som standard).</translation>
    </message>
    <message>
        <source>Table: each service point's allocated population before and after the scenario (optional, created by default).</source>
        <translation>Tabell: varje servicepunkts underlag (befolkning) före och efter scenariot (valfritt, skapas som standard).</translation>
    </message>
    <message>
        <source>A digital detaljplan: an SS 637040:2016 XML/GML exchange file, or a JSON file under Lantmäteriet's national specification for detaljplan (4.1). The format is read from the content, not the file name.</source>
        <translation>En digital detaljplan: en utbytesfil enligt SS 637040:2016 (XML/GML) eller en JSON-fil enligt Lantmäteriets nationella specifikation för detaljplan (4.1). Formatet avgörs av innehållet, inte av filnamnet.</translation>
    </message>
    <message>
        <source>The municipality whose published detaljplaner are fetched, by name or SCB code (e.g. 2085 or Ludvika): one collection per municipality in the OGC API service.</source>
        <translation>Kommunen vars publicerade detaljplaner hämtas, med namn eller SCB-kod (t.ex. 2085 eller Ludvika): en samling per kommun i OGC API-tjänsten.</translation>
    </message>
    <message>
        <source>Only plans that intersect this rectangle. Empty: every published plan of the municipality.</source>
        <translation>Bara planer som skär denna rektangel. Tomt: alla publicerade planer i kommunen.</translation>
    </message>
    <message>
        <source>The plan's land-use areas (användningsområden), one polygon each, with all their provisions: beteckningar, codes and wording (optional, created by default).</source>
        <translation>Planens användningsområden, en polygon vardera, med alla sina bestämmelser: beteckningar, koder och formuleringar (valfritt, skapas som standard).</translation>
    </message>
    <message>
        <source>The plans' land-use areas (användningsområden), one polygon each, with all their provisions: beteckningar, codes and wording (optional, created by default).</source>
        <translation>Planernas användningsområden, en polygon vardera, med alla sina bestämmelser: beteckningar, koder och formuleringar (valfritt, skapas som standard).</translation>
    </message>
    <message>
        <source>The plans' property and administrative areas (egenskapsområden, administrativa områden), kept apart from the land use; the field 'roll' says which (optional, created by default).</source>
        <translation>Planernas egenskapsområden och administrativa områden, skilda från användningen; fältet 'roll' anger vilket (valfritt, skapas som standard).</translation>
    </message>
    <message>
        <source>Field with the speed limit in km/h (along the digitised direction when the layer also has a backward speed). Where it is empty or missing, the speed comes from the road class and the travel mode (data/road_speeds.json).</source>
        <translation>Fält med hastighetsgränsen i km/h (i digitaliseringsriktningen när lagret också har en hastighet bakåt). Där det är tomt eller saknas kommer hastigheten från vägklassen och färdsättet (data/road_speeds.json).</translation>
    </message>
    <message>
        <source>Field with the speed limit in km/h against the digitised direction, as NVDB's b_hogst_225 (fetched as maxspeed_backward). Empty: the speed field's '_backward' twin if the layer has one, else the same speed both ways.</source>
        <translation>Fält med hastighetsgränsen i km/h mot digitaliseringsriktningen, som NVDB:s b_hogst_225 (hämtas som maxspeed_backward). Tomt: hastighetsfältets '_backward'-tvilling om lagret har en, annars samma hastighet i båda riktningar.</translation>
    </message>
    <message>
        <source>OSM extract (.osm, .osm.pbf) for source 1, or a register file for source 2: a Pipos Serviceanalys download (.xlsx, one per service type), .xls, .ods or CSV with X/Y in SWEREF 99 TM.</source>
        <translation>OSM-utdrag (.osm, .osm.pbf) för källa 1, eller en registerfil för källa 2: en nedladdning från Pipos Serviceanalys (.xlsx, en per servicetyp), .xls, .ods eller CSV med X/Y i SWEREF 99 TM.</translation>
    </message>
    <message>
        <source>For a register file (source 2): one catalogue type for every row of the file, e.g. betalning for Pipos' bill-payment download, where 'Bankkassa' and 'Över disk hos ombud' also occur under other service types. Empty: from the Serviceform/type column.</source>
        <translation>För en registerfil (källa 2): en katalogtyp för alla rader i filen, t.ex. betalning för Pipos nedladdning om betalningsförmedling, där 'Bankkassa' och 'Över disk hos ombud' även förekommer under andra servicetyper. Tomt: från kolumnen Serviceform/typ.</translation>
    </message>
    <message>
        <source>Year of SCB's population grid. 0: the newest year the server offers (read from its GetCapabilities; offline, the newest year known to the plugin).</source>
        <translation>År för SCB:s befolkningsrutnät. 0: det senaste år som servern erbjuder (läses ur dess GetCapabilities; utan nät det senaste år som insticksprogrammet känner till).</translation>
    </message>
    <message>
        <source>Count an age group from this age up, summing the age band fields (SCB: age_65_69 … age_95_99 and age_100plus). 0: only the fields in AGE_FIELDS.</source>
        <translation>Räkna en åldersgrupp från denna ålder och uppåt genom att summera åldersfälten (SCB: age_65_69 … age_95_99 och age_100plus). 0: bara fälten i AGE_FIELDS.</translation>
    </message>
    <message>
        <source>Upper limits of the travel-time classes the result layer is styled with, in minutes, comma-separated (e.g. 5,10,20,30). Empty: the panel's or the plugin's default classes.</source>
        <translation>Övre gränser för de restidsklasser som resultatlagret stilsätts med, i minuter, kommaseparerade (t.ex. 5,10,20,30). Tomt: panelens eller insticksprogrammets standardklasser.</translation>
    </message>
    <message>
        <source>Upper limits of the travel-time classes in the report's tables and charts, in minutes, comma-separated (e.g. 5,10,20,30); used with NEAREST.</source>
        <translation>Övre gränser för restidsklasserna i rapportens tabeller och diagram, i minuter, kommaseparerade (t.ex. 5,10,20,30); används med NEAREST.</translation>
    </message>
    <message>
        <source>The OUTPUT of 'Scenario' (travel time before and after per origin), summarised in the report (optional).</source>
        <translation>OUTPUT från 'Scenario' (restid före och efter per startpunkt), sammanfattad i rapporten (valfritt).</translation>
    </message>
    <message>
        <source>A result of 'Travel time to nearest service'; the report counts the population per travel-time class from it when no STATS table is given (optional).</source>
        <translation>Ett resultat från 'Restid till närmaste service'; rapporten räknar befolkningen per restidsklass ur det när ingen STATS-tabell anges (valfritt).</translation>
    </message>
    <message>
        <source>Area the map shows. Empty: the plan area when one is given, else the project's saved map view (the panel passes the current map view or the plan area, as you choose).</source>
        <translation>Området som kartan visar. Tomt: planområdet om ett anges, annars projektets sparade kartvy (panelen skickar den aktuella kartvyn eller planområdet, som du väljer).</translation>
    </message>
    <message>
        <source>A plan area drawn as a boundary on the map; without EXTENT the map shows this area (optional).</source>
        <translation>Ett planområde som ritas som en gräns på kartan; utan EXTENT visar kartan detta område (valfritt).</translation>
    </message>
    <message>
        <source>Roads drawn under the results (optional; default: the project's road layer).</source>
        <translation>Vägar som ritas under resultaten (valfritt; standard: projektets väglager).</translation>
    </message>
    <message>
        <source>Service points drawn on the map with their names; only those of the service type shown (optional; default: the project's service layer).</source>
        <translation>Servicepunkter som ritas på kartan med sina namn; bara de av den servicetyp som visas (valfritt; standard: projektets lager med servicepunkter).</translation>
    </message>
    <message>
        <source>Key of the service type the map shows, e.g. dagligvaror_full or apotek. Empty: the type the result layer is styled by.</source>
        <translation>Nyckel för den servicetyp som kartan visar, t.ex. dagligvaror_full eller apotek. Tomt: den typ som resultatlagret är stilsatt efter.</translation>
    </message>
    <message>
        <source>Login for the detaljplan service: a configuration of the QGIS authentication manager (Settings ▸ Options ▸ Authentication), e.g. Basic with the user name and password of your Geotorget account for Lantmäteriet's service. Only its id is stored; the password stays in QGIS's encrypted database. Empty: the login chosen in the plugin's settings or in SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG.</source>
        <translation>Inloggning till detaljplanetjänsten: en konfiguration i QGIS autentiseringshanterare (Inställningar ▸ Alternativ ▸ Autentisering), t.ex. Basic med användarnamn och lösenord för ditt konto på Geotorget för Lantmäteriets tjänst. Bara dess id sparas; lösenordet stannar i QGIS krypterade databas. Tomt: inloggningen som valts i insticksprogrammets inställningar eller i SERVICEPERSPEKTIV_DETALJPLAN_AUTHCFG.</translation>
    </message>
</context>
</TS>
