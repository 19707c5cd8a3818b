<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Serviceperspektiv</name>
    <message>
        <source>Login: QGIS authentication configuration (empty = the plugin setting)</source>
        <translation>Inloggning: autentiseringskonfiguration i QGIS (tomt = insticksprogrammets inställning)</translation>
    </message>
    <message>
        <source>Login for {}: authentication configuration {} (from {})</source>
        <translation>Inloggning till {}: autentiseringskonfiguration {} (från {})</translation>
    </message>
    <message>
        <source>The login was accepted but has no access to this service: ask the provider for access, or choose another authentication configuration.</source>
        <translation>Inloggningen godtogs men ger ingen åtkomst till tjänsten: be leverantören om behörighet, eller välj en annan autentiseringskonfiguration.</translation>
    </message>
    <message>
        <source>Check the user name and password of the authentication configuration (Settings ▸ Options ▸ Authentication); the log names the one that was used.</source>
        <translation>Kontrollera användarnamn och lösenord i autentiseringskonfigurationen (Inställningar ▸ Alternativ ▸ Autentisering); loggen visar vilken som användes.</translation>
    </message>
    <message>
        <source>Add an authentication configuration in Settings ▸ Options ▸ Authentication and choose it in the plugin's settings for this service.</source>
        <translation>Lägg till en autentiseringskonfiguration under Inställningar ▸ Alternativ ▸ Autentisering och välj den i insticksprogrammets inställningar för tjänsten.</translation>
    </message>
    <message>
        <source>Add an authentication configuration (e.g. Basic: user name and password) in Settings ▸ Options ▸ Authentication and choose it in the plugin's settings ('{}') or in AUTHCFG, or set {} to its id.</source>
        <translation>Lägg till en autentiseringskonfiguration (t.ex. Basic: användarnamn och lösenord) under Inställningar ▸ Alternativ ▸ Autentisering och välj den i insticksprogrammets inställningar ('{}') eller i AUTHCFG, eller sätt {} till dess id.</translation>
    </message>
    <message>
        <source>Add an authentication configuration (e.g. Basic: user name and password) in Settings ▸ Options ▸ Authentication and choose it in the plugin's settings ('{}'), or set {} to its id.</source>
        <translation>Lägg till en autentiseringskonfiguration (t.ex. Basic: användarnamn och lösenord) under Inställningar ▸ Alternativ ▸ Autentisering och välj den i insticksprogrammets inställningar ('{}'), eller sätt {} till dess id.</translation>
    </message>
    <message>
        <source>Overpass API: login (QGIS authentication configuration)</source>
        <translation>Overpass API: inloggning (autentiseringskonfiguration i QGIS)</translation>
    </message>
    <message>
        <source>SCB geodata WFS: login (QGIS authentication configuration)</source>
        <translation>SCB:s geodata-WFS: inloggning (autentiseringskonfiguration i QGIS)</translation>
    </message>
    <message>
        <source>NVDB GeoPackage URL: login (QGIS authentication configuration)</source>
        <translation>NVDB-geopaketets URL: inloggning (autentiseringskonfiguration i QGIS)</translation>
    </message>
    <message>
        <source>Detaljplan service: login (QGIS authentication configuration, e.g. Basic with the Geotorget account)</source>
        <translation>Detaljplanetjänsten: inloggning (autentiseringskonfiguration i QGIS, t.ex. Basic med kontot på Geotorget)</translation>
    </message>
</context>
</TS>
