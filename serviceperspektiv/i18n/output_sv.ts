<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>Serviceperspektiv</name>
    <message>
        <source>Could not write the output {}: {}</source>
        <translation>Kunde inte skriva resultatet {}: {}</translation>
    </message>
</context>
</TS>
