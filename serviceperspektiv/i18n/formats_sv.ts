<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Serviceperspektiv</name>
    <message>
        <source>Fetches the roads that the chosen travel mode (MODE) may use in an area. SOURCE 0 asks the Overpass API (way[highway], cached); 1 reads an OSM extract file; 2 reads Tillväxtverket's processed NVDB GeoPackage from FILE, or downloads it from the URL in the settings (SERVICEPERSPEKTIV_NVDB_URL). NVDB's networkGrp and RemoveCode columns are kept; roads with a 9000-series RemoveCode are left out unless INCLUDE_REMOVED is set, and NETWORK chooses which network parts to keep (loose roads are dropped by default). NVDB directions come from F_/B_ForbjudenFardriktning (links closed both ways are left out), speeds per direction from f_hogst_225/b_hogst_225, and ferries (Farjeled) get the ferry speed of road_speeds.json. The output has 'highway' (class), 'maxspeed' and 'maxspeed_backward' (km/h along and against the digitised direction) and 'oneway': use them as CLASS_FIELD, SPEED_FIELD and ONEWAY_FIELD in 'Travel time to nearest service', which picks up 'maxspeed_backward' by itself.</source>
        <translation>Hämtar de vägar som valt färdsätt (MODE) får använda i ett område. SOURCE 0 frågar Overpass API (way[highway], cachas); 1 läser ett OSM-utdrag; 2 läser Tillväxtverkets bearbetade NVDB-geopaket från FILE, eller laddar ner det från adressen i inställningarna (SERVICEPERSPEKTIV_NVDB_URL). NVDB-kolumnerna networkGrp och RemoveCode behålls; vägar med RemoveCode i 9000-serien utelämnas om inte INCLUDE_REMOVED är satt, och NETWORK väljer vilka nätdelar som behålls (lösa vägar tas bort som standard). Färdriktningar i NVDB läses från F_/B_ForbjudenFardriktning (länkar som är stängda åt båda hållen utelämnas), hastigheter per riktning från f_hogst_225/b_hogst_225, och färjeleder (Farjeled) får färjehastigheten i road_speeds.json. Resultatet har 'highway' (vägklass), 'maxspeed' och 'maxspeed_backward' (km/h med och mot digitaliseringsriktningen) och 'oneway': använd dem som CLASS_FIELD, SPEED_FIELD och ONEWAY_FIELD i 'Restid till närmaste service', som själv hittar 'maxspeed_backward'.</translation>
    </message>
    <message>
        <source>NVDB: no direction columns (F_ForbjudenFardriktning/B_ForbjudenFardriktning) were found, so every link is taken as two-way.</source>
        <translation>NVDB: inga kolumner för färdriktning (F_ForbjudenFardriktning/B_ForbjudenFardriktning) hittades, så alla länkar räknas som dubbelriktade.</translation>
    </message>
    <message>
        <source>NVDB: no backward speed column (b_hogst_225) was found; the forward speed is used in both directions.</source>
        <translation>NVDB: ingen kolumn för hastighet bakåt (b_hogst_225) hittades; hastigheten framåt används i båda riktningarna.</translation>
    </message>
    <message>
        <source>NVDB columns used: {}</source>
        <translation>NVDB-kolumner som används: {}</translation>
    </message>
    <message>
        <source>NVDB directions: {} link(s) one-way along the digitised direction, {} one-way against it, {} closed in both directions and left out.</source>
        <translation>NVDB-färdriktningar: {} länk(ar) enkelriktade med digitaliseringsriktningen, {} enkelriktade mot den, {} stängda åt båda hållen och utelämnade.</translation>
    </message>
    <message>
        <source>NVDB: {} motorway link(s) (typ_41 = 1) left out for mode {}.</source>
        <translation>NVDB: {} motorvägslänk(ar) (typ_41 = 1) utelämnade för färdsätt {}.</translation>
    </message>
    <message>
        <source>NVDB: {} ferry link(s) (Farjeled) at {} km/h ('ferry' in road_speeds.json).</source>
        <translation>NVDB: {} färjeled(er) (Farjeled) med {} km/h ('ferry' i road_speeds.json).</translation>
    </message>
    <message>
        <source>NVDB speeds: {} open direction(s) with their own speed, {} took the other direction's speed, {} link(s) without any speed get the class default ({}) in routing.</source>
        <translation>NVDB-hastigheter: {} öppna riktning(ar) med egen hastighet, {} fick den andra riktningens hastighet, {} länk(ar) utan hastighet får vägklassens standardhastighet ({}) vid ruttberäkningen.</translation>
    </message>
    <message>
        <source>NVDB: on {} link(s) the geometry length differs from extlen by more than 5 %; check the file's CRS.</source>
        <translation>NVDB: på {} länk(ar) skiljer sig geometrins längd från extlen med mer än 5 %; kontrollera filens koordinatsystem.</translation>
    </message>
    <message>
        <source>Register file: Pipos Serviceanalys download (.xlsx) or any table (.xlsx, .xls, .ods, .csv) with coordinates and a type column</source>
        <translation>Registerfil: nedladdning från Pipos Serviceanalys (.xlsx) eller annan tabell (.xlsx, .xls, .ods, .csv) med koordinater och typkolumn</translation>
    </message>
    <message>
        <source>Fetches service points for the chosen service types (SERVICE_TYPES: comma-separated keys from the catalogue, empty = all) in an area (EXTENT, a polygon layer AREA, or a MUNICIPALITY by name or SCB code). SOURCE 0 asks the Overpass API (endpoint from the plugin settings or SERVICEPERSPEKTIV_OVERPASS_URL; answers are cached); 1 reads an OSM extract file; 2 reads a register file: a Pipos Serviceanalys download (.xlsx, one per service type, columns Serviceform, Huvudman, Namn, Adress, Postnummer, Postort, Kommun, Län, X, Y in SWEREF99 TM) or any .xlsx/.xls/.ods/.csv with coordinates and a type column; the type labels are mapped to the catalogue, and SERVICE_TYPE sets one type for the whole file (for forms such as Bankkassa that occur under several service types). Areas mapped as polygons become a point inside them. An element that is several services (a shop that is also a parcel agent) gives one point per type; 'types' lists them all. The output (EPSG:3006 by default) feeds 'Travel time to nearest service' with TYPE_FIELD = type.</source>
        <translation>Hämtar servicepunkter för valda servicetyper (SERVICE_TYPES: kommaseparerade nycklar ur katalogen, tomt = alla) i ett område (EXTENT, ett polygonlager AREA eller en kommun, MUNICIPALITY, med namn eller SCB-kod). SOURCE 0 frågar Overpass API (tjänst från inställningarna eller SERVICEPERSPEKTIV_OVERPASS_URL; svaren cachas); 1 läser ett OSM-utdrag; 2 läser en registerfil: en nedladdning från Pipos Serviceanalys (.xlsx, en per servicetyp, kolumnerna Serviceform, Huvudman, Namn, Adress, Postnummer, Postort, Kommun, Län, X, Y i SWEREF99 TM) eller annan .xlsx/.xls/.ods/.csv med koordinater och typkolumn; typnamnen översätts till katalogen, och SERVICE_TYPE ger hela filen en typ (för serviceformer som Bankkassa som finns under flera servicetyper). Objekt som är karterade som ytor blir en punkt inuti ytan. Ett objekt som är flera servicetyper (en butik som också är paketombud) ger en punkt per typ; 'types' listar alla. Resultatet (EPSG:3006 som standard) kan användas direkt i 'Restid till närmaste service' med TYPE_FIELD = type.</translation>
    </message>
    <message>
        <source>Input file (OSM extract, or register file .xlsx/.xls/.ods/.csv; for sources 1 and 2)</source>
        <translation>Indatafil (OSM-utdrag, eller registerfil .xlsx/.xls/.ods/.csv; för källa 1 och 2)</translation>
    </message>
    <message>
        <source>Register file: one service type for the whole file (catalogue key, empty = from the type column)</source>
        <translation>Registerfil: en servicetyp för hela filen (nyckel ur katalogen, tomt = från typkolumnen)</translation>
    </message>
    <message>
        <source>Register file: type column (empty = detect, e.g. Serviceform)</source>
        <translation>Registerfil: typkolumn (tomt = hitta automatiskt, t.ex. Serviceform)</translation>
    </message>
    <message>
        <source>Register file {} ({}): {} point(s); type column: {}.</source>
        <translation>Registerfil {} ({}): {} punkt(er); typkolumn: {}.</translation>
    </message>
    <message>
        <source>Every point gets the type {} (SERVICE_TYPE).</source>
        <translation>Alla punkter får typen {} (SERVICE_TYPE).</translation>
    </message>
    <message>
        <source>{} point(s) with the service form '{}', which occurs under several service types, were read as {}. If the file is another service type's download, set SERVICE_TYPE.</source>
        <translation>{} punkt(er) med serviceformen '{}', som finns under flera servicetyper, lästes som {}. Om filen är en nedladdning för en annan servicetyp, ange SERVICE_TYPE.</translation>
    </message>
    <message>
        <source>{} row(s) without coordinates were skipped.</source>
        <translation>{} rad(er) utan koordinater hoppades över.</translation>
    </message>
    <message>
        <source>Service forms shared by several types (Bankkassa, Över disk hos ombud) are read as {}, from the file name.</source>
        <translation>Serviceformer som delas av flera typer (Bankkassa, Över disk hos ombud) läses som {}, enligt filnamnet.</translation>
    </message>
    <message>
        <source>Population per grid cell in an area. SOURCE 0 asks SCB's geodata WFS for the open 1 km grid (stat:befolkning_1km_&lt;YEAR&gt;; YEAR 0 = the newest year the server offers, read once from GetCapabilities) (GetFeature, GeoJSON, bbox in EPSG:3006, paged with startIndex/count sorted by rutid_scb; endpoint and layer name in the settings or SERVICEPERSPEKTIV_SCB_WFS_URL; answers are cached); 1 reads SCB's grid GeoPackage; 2 uses your own grid or points (e.g. a 250 m grid held under agreement) with its population field. Output: 'pop' (beftotalt), 'kvinna' and 'man', and every five-year age band SCB provides, age_0_4 ... age_95_99 and age_100plus (older vintages' ald0_5 ... ald95_100 get the same names), so the bands add up to 'pop'. SCB may adjust values below 4 for confidentiality. Use 'pop' as POPULATION_FIELD in 'Travel time to nearest service'.</source>
        <translation>Befolkning per ruta i ett område. SOURCE 0 hämtar SCB:s öppna 1 km-rutor (stat:befolkning_1km_&lt;YEAR&gt;; YEAR 0 = det senaste år tjänsten erbjuder, läst en gång ur GetCapabilities) från SCB:s WFS för geodata (GetFeature, GeoJSON, bbox i EPSG:3006, sidindelat med startIndex/count sorterat på rutid_scb; tjänst och lagernamn i inställningarna eller SERVICEPERSPEKTIV_SCB_WFS_URL; svaren cachas); 1 läser SCB:s rutor som geopaket; 2 använder ditt eget rutnät eller punkter (till exempel 250 m-rutor enligt avtal) med befolkningsfält. Resultat: 'pop' (beftotalt), 'kvinna' och 'man', och alla femårsklasser SCB redovisar, age_0_4 ... age_95_99 och age_100plus (äldre årgångars ald0_5 ... ald95_100 får samma namn), så att klasserna summerar till 'pop'. SCB kan justera värden under 4 av sekretesskäl. Använd 'pop' som POPULATION_FIELD i 'Restid till närmaste service'.</translation>
    </message>
    <message>
        <source>Year (SCB grid; 0 = the newest the server offers)</source>
        <translation>År (SCB-rutor; 0 = det senaste tjänsten erbjuder)</translation>
    </message>
    <message>
        <source>In {} cell(s) the age bands do not add up to the total; check the age columns.</source>
        <translation>I {} ruta(or) summerar åldersklasserna inte till totalen; kontrollera ålderskolumnerna.</translation>
    </message>
    <message>
        <source>Backward speed field (km/h against the digitised direction, optional; default: the speed field's '_backward' twin if the layer has one)</source>
        <translation>Fält för hastighet bakåt (km/h mot digitaliseringsriktningen, valfritt; standard: hastighetsfältets '_backward'-tvilling om lagret har en)</translation>
    </message>
    <message>
        <source>Speeds per direction: '{}' along the digitised direction, '{}' against it.</source>
        <translation>Hastighet per riktning: '{}' med digitaliseringsriktningen, '{}' mot den.</translation>
    </message>
    <message>
        <source>{} open direction(s) had no speed of their own and took the other direction's speed.</source>
        <translation>{} öppna riktning(ar) saknade egen hastighet och fick den andra riktningens.</translation>
    </message>
    <message>
        <source>Age fields: no open-ended band (such as age_100plus) was found; the oldest may be missing from the age group.</source>
        <translation>Åldersfält: ingen öppen klass (som age_100plus) hittades; de äldsta kan saknas i åldersgruppen.</translation>
    </message>
    <message>
        <source>AGE_FIELDS is given, so AGE_FROM is not used.</source>
        <translation>AGE_FIELDS är angivet, så AGE_FROM används inte.</translation>
    </message>
    <message>
        <source>Age group {}+: {}</source>
        <translation>Åldersgrupp {}+: {}</translation>
    </message>
    <message>
        <source>Age group from this age up, over the age band fields (e.g. 65: age_65_69 … age_100plus; 0 = only AGE_FIELDS)</source>
        <translation>Åldersgrupp från denna ålder och uppåt, över åldersklassfälten (t.ex. 65: age_65_69 … age_100plus; 0 = bara AGE_FIELDS)</translation>
    </message>
    <message>
        <source>Age fields: the origins layer has no age band fields from age {} up (such as SCB's age_65_69 … age_100plus). Choose AGE_FIELDS.</source>
        <translation>Åldersfält: startpunktslagret har inga åldersklassfält från {} år och uppåt (som SCB:s age_65_69 … age_100plus). Välj AGE_FIELDS.</translation>
    </message>
    <message>
        <source>Age fields: {} start(s) below {} and end(s) above it, so it is not counted; the age group may be too small.</source>
        <translation>Åldersfält: {} börjar under {} och slutar över, så det räknas inte; åldersgruppen kan bli för liten.</translation>
    </message>
    <message>
        <source>OSM extract (*.osm *.pbf);;Service registers (*.xlsx *.xls *.ods *.csv *.txt);;Excel (*.xlsx *.xls);;OpenDocument spreadsheet (*.ods);;CSV (*.csv *.txt);;All files (*)</source>
        <translation>OSM-utdrag (*.osm *.pbf);;Serviceregister (*.xlsx *.xls *.ods *.csv *.txt);;Excel (*.xlsx *.xls);;OpenDocument-kalkylblad (*.ods);;CSV (*.csv *.txt);;Alla filer (*)</translation>
    </message>
</context>
</TS>
