<?xml version="1.0" encoding="UTF-8"?>
<dp:DP_Data xmlns:dp="http://www.boverket.se/detaljplan/ss637040" xmlns:gml="http://www.opengis.net/gml/3.2"
  xmlns:xlink="http://www.w3.org/1999/xlink" gml:id="data1">
  <dp:featureMember>
    <dp:DP_Plan gml:id="plan1">
      <dp:planid>2085-P2025/2</dp:planid>
      <dp:plannamn>Detaljplan för Fredriksbergs centrum (testexempel)</dp:plannamn>
      <dp:kommun>2085</dp:kommun>
      <dp:forslag>true</dp:forslag>
      <dp:koordinatsystem>SWEREF99_15_00</dp:koordinatsystem>
      <dp:planomrade xlink:href="#omr_plan"/>
    </dp:DP_Plan>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Grans gml:id="g_s1">
      <dp:typ>plan</dp:typ>
      <dp:geometri><gml:LineString gml:id="g_s1_geom" srsDimension="2">
        <gml:posList>6669967.987 115286.114 6669967.987 115486.194</gml:posList></gml:LineString></dp:geometri>
    </dp:DP_Grans>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Grans gml:id="g_s2">
      <dp:typ>plan</dp:typ>
      <dp:geometri><gml:LineString gml:id="g_s2_geom" srsDimension="2">
        <gml:posList>6669967.987 115486.194 6669967.987 115686.275</gml:posList></gml:LineString></dp:geometri>
    </dp:DP_Grans>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Grans gml:id="g_e">
      <dp:typ>plan</dp:typ>
      <dp:geometri><gml:LineString gml:id="g_e_geom" srsDimension="2">
        <gml:posList>6669967.987 115686.275 6670318.127 115686.275</gml:posList></gml:LineString></dp:geometri>
    </dp:DP_Grans>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Grans gml:id="g_n2">
      <dp:typ>plan</dp:typ>
      <dp:geometri><gml:LineString gml:id="g_n2_geom" srsDimension="2">
        <gml:posList>6670318.127 115686.275 6670318.127 115486.194</gml:posList></gml:LineString></dp:geometri>
    </dp:DP_Grans>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Grans gml:id="g_n1">
      <dp:typ>plan</dp:typ>
      <dp:geometri><gml:LineString gml:id="g_n1_geom" srsDimension="2">
        <gml:posList>6670318.127 115486.194 6670318.127 115286.114</gml:posList></gml:LineString></dp:geometri>
    </dp:DP_Grans>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Grans gml:id="g_w">
      <dp:typ>plan</dp:typ>
      <dp:geometri><gml:LineString gml:id="g_w_geom" srsDimension="2">
        <gml:posList>6670318.127 115286.114 6669967.987 115286.114</gml:posList></gml:LineString></dp:geometri>
    </dp:DP_Grans>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Grans gml:id="g_m">
      <dp:typ>anvandningsgrans</dp:typ>
      <dp:geometri><gml:LineString gml:id="g_m_geom" srsDimension="2">
        <gml:posList>6669967.987 115486.194 6670318.127 115486.194</gml:posList></gml:LineString></dp:geometri>
    </dp:DP_Grans>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Omrade gml:id="omr_plan">
      <dp:plus xlink:href="#g_s1"/><dp:plus xlink:href="#g_s2"/><dp:plus xlink:href="#g_e"/>
      <dp:plus xlink:href="#g_n2"/><dp:plus xlink:href="#g_n1"/><dp:plus xlink:href="#g_w"/>
    </dp:DP_Omrade>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Omrade gml:id="omr_west">
      <dp:plus xlink:href="#g_s1"/><dp:plus xlink:href="#g_m"/><dp:plus xlink:href="#g_n1"/><dp:plus xlink:href="#g_w"/>
      <dp:bestammelse xlink:href="#best_b"/>
    </dp:DP_Omrade>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Omrade gml:id="omr_east">
      <dp:plus xlink:href="#g_s2"/><dp:plus xlink:href="#g_e"/><dp:plus xlink:href="#g_n2"/><dp:minus xlink:href="#g_m"/>
      <dp:bestammelse xlink:href="#best_c"/><dp:bestammelse xlink:href="#best_b"/>
    </dp:DP_Omrade>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Anvandningsbestammelse gml:id="best_b"><dp:kod>B</dp:kod><dp:text>Bostäder</dp:text></dp:DP_Anvandningsbestammelse>
  </dp:featureMember>
  <dp:featureMember>
    <dp:DP_Anvandningsbestammelse gml:id="best_c"><dp:kod>C</dp:kod><dp:text>Centrum</dp:text></dp:DP_Anvandningsbestammelse>
  </dp:featureMember>
</dp:DP_Data>
