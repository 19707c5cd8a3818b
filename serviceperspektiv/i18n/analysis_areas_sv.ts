<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Serviceperspektiv</name>
    <message><source>Travel-time zones (catchments)</source><translation>Restidszoner</translation></message>
    <message><source>Travel-time zones</source><translation>Restidszoner</translation></message>
    <message><source>Time bands (minutes, comma-separated)</source><translation>Tidsintervall (minuter, kommaseparerade)</translation></message>
    <message><source>Zones</source><translation>Zoner</translation></message>
    <message><source>One zone per service point</source><translation>En zon per serviceställe</translation></message>
    <message><source>Dissolved per service type</source><translation>Sammanslagna per servicetyp</translation></message>
    <message><source>Origins: where people live (optional, for population per zone)</source><translation>Startpunkter: där människor bor (valfritt, för befolkning per zon)</translation></message>
    <message><source>Grid cell size (m, 0 = by travel mode)</source><translation>Rutstorlek (m, 0 = efter färdsätt)</translation></message>
    <message><source>Off-network speed, from the road into the zone (km/h)</source><translation>Hastighet utanför vägnätet, från vägen in i zonen (km/h)</translation></message>
    <message><source>Largest off-network distance (m)</source><translation>Största avstånd utanför vägnätet (m)</translation></message>
    <message><source>Time bands: {}. Give up to 12 positive minutes, e.g. 5,10,20,30.</source><translation>Tidsintervall: {}. Ange högst 12 positiva minuttal, t.ex. 5,10,20,30.</translation></message>
    <message><source>Catchments: {}</source><translation>Restidszoner: {}</translation></message>
    <message><source>Grid cell {} m; off-network leg at {} km/h, at most {} m; bands {} min (cumulative).</source><translation>Ruta {} m; sträckan utanför vägnätet med {} km/h, högst {} m; intervall {} min (kumulativa).</translation></message>
    <message><source>Service points: no service point reaches any road within the bands. Check the network, the service layer and MAX_SNAP_DISTANCE.</source><translation>Serviceställen: inget serviceställe når någon väg inom intervallen. Kontrollera vägnätet, servicelagret och MAX_SNAP_DISTANCE.</translation></message>
    <message><source>Band {} min exceeds the network&apos;s reach for {} service point(s): the whole connected network is reached sooner, so that zone equals a smaller one.</source><translation>Intervallet {} min är större än vägnätets räckvidd för {} serviceställe(n): hela det sammanhängande vägnätet nås tidigare, så zonen blir lika med en mindre.</translation></message>
    <message><source>Area reachable from service points within each band (cumulative), along the network.</source><translation>Område som kan nås från serviceställen inom varje intervall (kumulativt), längs vägnätet.</translation></message>
    <message><source>Service area per service point (allocation)</source><translation>Underlag per serviceställe</translation></message>
    <message><source>Allocation per service point</source><translation>Underlag per serviceställe</translation></message>
    <message><source>Allocated areas</source><translation>Upptagningsområden</translation></message>
    <message><source>Service points: the layer already has a field named &apos;{}&apos;. Rename it or use another layer.</source><translation>Serviceställen: lagret har redan ett fält som heter &apos;{}&apos;. Byt namn på det eller använd ett annat lager.</translation></message>
    <message><source>Internal error: allocated population does not add up.</source><translation>Internt fel: den fördelade befolkningen summerar inte rätt.</translation></message>
    <message><source>{}: {} of {} people ({} of {} origins) reach a service and are allocated to {} point(s).</source><translation>{}: {} av {} personer ({} av {} startpunkter) når en service och fördelas på {} ställe(n).</translation></message>
    <message><source>No origin reaches any service point along the network. Check that the layers overlap and that the service points are on the connected network.</source><translation>Ingen startpunkt når något serviceställe längs vägnätet. Kontrollera att lagren överlappar och att serviceställena ligger på det sammanhängande vägnätet.</translation></message>
    <message><source>Population for whom each service point is the nearest of its type.</source><translation>Befolkning för vilken varje serviceställe är det närmaste av sin typ.</translation></message>
    <message><source>Origins allocated to each service point, dissolved.</source><translation>Startpunkter fördelade per serviceställe, sammanslagna.</translation></message>
</context>
</TS>
