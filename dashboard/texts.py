"""Interface texts in Swedish (default) and English; indicator texts come from the catalogue, the
segregation measures' names and symbols from `geodata.measures.MEASURE_INFO`.

Every visible string goes through `text(key, lang)` with a literal key. Where the key follows from a
value of the data (a LISA cluster, a reason, a unit), the tables below list the keys, so every key in
use can be found by reading (a test checks that each exists in both languages).
"""

from geodata.levels import FIRST_YEAR_OF_2025_EDITION as BREAK_YEAR  # SCB's boundary change, said in texts
from geodata.measures import MEASURE_INFO

LISA_KEYS = {
    "HH": "lisa_HH",
    "LL": "lisa_LL",
    "HL": "lisa_HL",
    "LH": "lisa_LH",
    "ns": "lisa_ns",
    "island": "lisa_island",
}
REFERENCE_GAP_KEYS = {"not_summable": "ref_not_summable", "incomplete": "ref_incomplete"}
CHANGE_UNIT_KEYS = {"pp": "change_unit_pp", "percent": "change_unit_percent"}
JOIN_KEYS = {"same": "join_same", "split_sum": "join_split_sum", "parent": "join_parent", "none": "join_none"}
REASON_KEYS = {
    "boundary_moved": "reason_boundary_moved",
    "merged": "reason_merged",
    "no_value_from": "reason_no_value_from",
    "no_value_to": "reason_no_value_to",
    "no_crosswalk": "reason_no_crosswalk",
    "split": "reason_split",
    "new_area": "reason_new_area",
    "zero_base": "reason_zero_base",
    "other": "reason_other",
}
CLASS_METHOD_KEYS = {
    "quantiles": "quantiles",
    "fisher_jenks": "fisher_jenks",
    "fisher_jenks_sampled": "fisher_jenks_sampled",
    "equal_interval": "equal_interval",
    "box": "box",
    "categories": "categories",
}
NOTICE_KEYS = {
    "lang": "notice_lang",
    "municipality": "notice_municipality",
    "too_many_municipalities": "notice_too_many_municipalities",
    "indicator": "notice_indicator",
    "year": "notice_year",
    "level": "notice_level",
    "classes": "notice_classes",
    "area": "notice_area",
    "layer": "notice_layer",
    "map": "notice_map",
    "from": "notice_from",
    "too_many": "notice_too_many",
    "measure": "notice_measure",
    "group": "notice_group",
}
ABOUT_SECTION_KEYS = {
    "areas": "about_h_areas",
    "indicators": "about_h_indicators",
    "measures": "about_h_measures",
    "uncertainty": "about_h_uncertainty",
    "types": "about_h_types",
    "spots": "about_h_spots",
    "sources": "about_h_sources",
}
ABOUT_MEASURE_KEYS = {
    "dissimilarity": "about_measure_dissimilarity",
    "theil": "about_measure_theil",
    "isolation": "about_measure_isolation",
    "exposure": "about_measure_exposure",
}
HELP_TITLE_KEYS = {"about": "about_title", "statement": "statement_title"}  # views/about.py
ABOUT_EXAMPLE_KEYS = {
    "dissimilarity": "about_example_dissimilarity",
    "theil": "about_example_theil",
    "isolation": "about_example_isolation",
    "exposure": "about_example_exposure",
}
# A measure's name and symbol; the texts themselves are MEASURE_INFO's, added to TEXTS below.
MEASURE_KEYS = {
    "dissimilarity": "dissimilarity",
    "theil": "theil",
    "isolation": "isolation",
    "exposure": "exposure",
}
MEASURE_SYMBOL_KEYS = {
    "dissimilarity": "dissimilarity_short",
    "theil": "theil_short",
    "isolation": "isolation_short",
    "exposure": "exposure_short",
}

TEXTS = {
    "sv": {
        "title": "Segregationsatlas",
        # sentences, alt texts and chart words (dashboard/sentences.py, press/alt_text.py, components)
        "list_and": " och ",
        "extreme_ties": "{n} områden har {value}, bland dem {names}",
        "sentence_category": "{name} {year}, {level}.",
        "sentence_levels": "{name} {year}, per {level}.",
        "sentence_places": "{name} {year} i {places}, per {level}.",
        "sentence_figures": "{name} {year}: {figures}.",
        "sentence_range": "{name} {year} i {n} kommuner: från {low} till {high}.",
        "sentence_many_places": "{name} {year} i {n} kommuner, per {level}.",
        "value_in": "{value} i {place}",
        "value_in_riket": "{value} i riket",
        "sentence_extremes": "Högst: {high}; lägst: {low}.",
        "compare_no_value": "{area}: inget värde för {name} {year}.",
        "compare_head": "{area}: {value} {name} {year}",
        "compare_against": "{head}, jämfört med {references}.",
        "alt_map_head": "Karta över {level} i {places}",
        "alt_map_no_values": "{head}: inga värden för {name} {year}.",
        "alt_map_category": "{head}: {name} {year}.",
        "alt_map_same": "{head}: {name} {year} är {value} i alla områden.",
        "alt_map_range": "{head}: {name} {year} varierar från {low} till {high}; högst: {highest}; lägst: {lowest}.",
        "alt_bar": "Stapeldiagram: {name} {year}: {parts}{riket}.",
        "alt_bar_riket": "; riket {value}",
        "alt_line_empty": "Linjediagram utan värden.",
        "alt_line": "Linjediagram: {name} {first}–{last}: {parts}.",
        "alt_segregation": "Punktdiagram: {measure} för {group} {year} ({level}): {parts}.",
        "areas_col": "Områden",
        "people_col": "Personer",
        "areas_hover": "områden",
        "source_line": "Källa: SCB, tabell {tables}; bearbetning: {atlas}. Referensår {year}.",
        "on_other_boundaries": " ({vintage}-gränser)",
        "on_other_boundaries_in": " ({places} på {vintage}-gränser)",
        "n_municipalities": "{n} kommuner",
        # page chrome, help page and accessibility statement
        "dd_select_all": "Välj alla",
        "dd_deselect_all": "Avmarkera alla",
        "dd_selected_count": "{num_selected} valda",
        "dd_search": "Sök",
        "dd_clear_search": "Töm sökrutan",
        "dd_clear_selection": "Ta bort alla val",
        "dd_no_options": "Inga träffar",
        "zoom_in": "Zooma in",
        "zoom_out": "Zooma ut",
        "skip_to_content": "Hoppa till innehållet",
        "notice_map": "kartläget «{given}» kunde inte läsas (zoom/latitud/longitud i Sverige)",
        "csv_excel": "CSV för Excel",
        "cite_head": "Citera",
        "cite_line": "{title}. Källa: SCB; bearbetning: Segregationsatlas. Hämtad {date}. {url}",
        "and_more": "m-fl",
        "meta_indicator": "Indikatorns id",
        "meta_indicator_name": "Indikator",
        "meta_measure": "Mått",
        "meta_group": "Grupper",
        "meta_level": "Områdesnivå",
        "meta_unit": "Enhet",
        "meta_year": "År",
        "meta_vintage": "Områdesindelning",
        "meta_scb_table": "SCB-tabell",
        "meta_definition": "Definition",
        "meta_source": "Källa",
        "meta_licence": "Licens",
        "meta_retrieved": "Hämtad från källan",
        "map_keys": "Med tangentbordet: Tab till kartan, Enter väljer området i mitten och piltangenterna flyttar till "
        "grannområdet åt det hållet. Alla områden finns också i tabellen under kartan.",
        "no_neighbour": "Inget grannområde åt det hållet.",
        "copy_code": "Kopiera koden",
        "copied": "Koden är kopierad.",
        "rank_shared": "Delad plats {rank} av {n} i {kommun} (högst först): {tied} områden har samma värde",
        "rank_kommuner_shared": "Delad plats {rank} av {n} kommuner (högst först): {tied} kommuner har samma värde",
        "explore_areas": "Visa områdena på kartan",
        "controls_label": "Val för kartan",
        "panel_label": "Valt område",
        "no_store": "Atlasen har ingen data än. Den som driftar webbplatsen behöver bygga datalagret:",
        "nav_label": "Webbplatsens sidor",
        "about_nav": "Om atlasen",
        "statement_nav": "Tillgänglighetsredogörelse",
        "about_title": "Om Segregationsatlas: begrepp, mått och källor",
        "about_intro": "Segregationsatlas visar hur socioekonomiska förhållanden skiljer sig mellan små områden i "
        "svenska kommuner och hur skillnaderna förändras över tid. Här förklaras områdena, indikatorerna och "
        "segregationsmåtten, och hur osäkerheten ska läsas.",
        "about_contents": "Innehåll på sidan",
        "about_h_areas": "Områden: DeSO och RegSO",
        "about_h_indicators": "Indikatorerna",
        "about_h_measures": "Segregationsmåtten",
        "about_h_uncertainty": "Intervall och statistisk säkerhet",
        "about_h_types": "Områdestyper",
        "about_h_spots": "Heta och kalla fläckar",
        "about_h_sources": "Källor, licens och hur du citerar",
        "about_areas": "DeSO (demografiska statistikområden) är SCB:s minsta områden för statistik, med 700–2 700 "
        "invånare vardera och omkring 6 000 i hela landet. De följer gator, vattendrag och andra tydliga gränser. "
        "RegSO (regionala statistikområden) är omkring 3 000 grupper av DeSO som är lättare att känna igen, ofta "
        "med ett stadsdelsnamn. Kommun, län och riket är summor av områdena.",
        "about_break": "SCB gjorde om indelningen inför statistikåret {year}: "
        f"värden till och med {BREAK_YEAR - 1} avser DeSO 2018 "
        "och RegSO 2020, värden från {year} avser DeSO 2025 och RegSO 2025. De flesta områden är oförändrade, men "
        "en del har delats, slagits ihop eller fått nya gränser. Atlasen för bara en serie över brytpunkten där "
        "SCB:s förändringslista säger att området är detsamma eller delats exakt; annars bryts linjen och skälet "
        "anges.",
        "about_indicators": "Varje indikator har en definition och en SCB-tabell. Andelar räknas för kommun, län och "
        "riket som summan av täljarna delad med summan av nämnarna, aldrig som ett medelvärde av områdenas andelar. "
        "Medianer kan inte summeras och visas bara där SCB har publicerat dem.",
        "about_no_store": "Datalagret är inte byggt än, så indikatorerna kan inte listas.",
        "about_measures": "Måtten beskriver hur två grupper är fördelade över en kommuns områden. De beräknas för "
        "varje kommun där alla områden har uppgifter. Exemplen nedan är räknade på datalagret.",
        "about_measure_dissimilarity": "Segregationsindex D (olikhetsindex, Duncan och Duncan 1955) går från 0 "
        "(grupperna är fördelade lika över områdena) till 1 (de bor helt åtskilda). Det anger hur stor andel av den "
        "ena gruppen som skulle behöva flytta till ett annat område för att båda grupperna skulle vara lika "
        "fördelade.",
        "about_measure_theil": "Theils entropiindex H (Theil och Finizza 1971) går från 0 till 1 och mäter hur mycket "
        "mindre blandade områdena är än kommunen som helhet. H = 0 betyder att varje område har samma blandning som "
        "kommunen.",
        "about_measure_isolation": "Isolering xPx (Bell 1954) är andelen ur den egna gruppen i det område där en "
        "genomsnittlig gruppmedlem bor. Den ska läsas mot gruppens andel i hela kommunen.",
        "about_measure_exposure": "Exponering xPy (Lieberson 1981) är andelen ur den andra gruppen i det område där en "
        "genomsnittlig medlem av gruppen bor. För två grupper är xPx + xPy = 1.",
        "about_example_dissimilarity": "Exempel: i {place} {year} var D = {value} för utländsk mot svensk bakgrund "
        "(95 %-intervall {low}–{high}). Det betyder att {percent} % av personerna med utländsk bakgrund skulle "
        "behöva flytta till ett annat DeSO för att båda grupperna skulle vara lika fördelade över kommunen.",
        "about_example_theil": "Exempel: i {place} {year} var H = {value} (95 %-intervall {low}–{high}): DeSO-områdena "
        "är i genomsnitt {percent} % mindre blandade än kommunen som helhet.",
        "about_example_isolation": "Exempel: i {place} {year} var xPx = {value} (95 %-intervall {low}–{high}): en "
        "person med utländsk bakgrund bor i genomsnitt i ett DeSO där {percent} % har utländsk bakgrund.",
        "about_example_exposure": "Exempel: i {place} {year} var xPy = {value} (95 %-intervall {low}–{high}): en "
        "person med utländsk bakgrund bor i genomsnitt i ett DeSO där {percent} % har svensk bakgrund.",
        "about_interval": "Varje mått visas med ett 95 %-intervall. Det kommer från 500 bootstrap-urval: atlasen drar "
        "kommunens områden på nytt med återläggning, räknar om måttet och tar de mittersta 95 % av resultaten. Ett "
        "brett intervall betyder att värdet beror mycket på enskilda områden, vilket är vanligt i kommuner med få "
        "områden.",
        "about_sure": "«Statistiskt säker» betyder att skillnaden mellan två kommuner eller två år är så stor att den "
        "sällan (i färre än 5 fall av 100) skulle uppstå av slumpen i vilka områden som ingår. En skillnad som inte "
        "är statistiskt säker kan ändå vara verklig, men datan räcker inte för att säga det.",
        "about_types": "SCB och Delmos delar in RegSO i fem områdestyper efter socioekonomiska förhållanden: 1 "
        "områden med stora socioekonomiska utmaningar, 2 socioekonomiska utmaningar, 3 blandade förutsättningar, 4 "
        "goda förutsättningar och 5 mycket goda förutsättningar. Segregationssidan visar hur stor del av "
        "befolkningen som bor i varje typ.",
        "about_spots": "Heta och kalla fläckar (lokal Moran's I) visar var höga värden ligger intill andra höga "
        "(het fläck) och låga intill låga (kall fläck), mer än slumpen skulle ge. Områden utan säkert mönster "
        "visas neutralt. Grannar är områden som delar gräns eller hörn, och testet gör 999 slumpade omfördelningar.",
        "about_sources": "All statistik och alla gränser kommer från Statistiska centralbyrån (SCB): "
        "Statistikdatabasen (PxWebApi 2.0) och SCB:s geodatatjänst. Varje indikator anger sin SCB-tabell.",
        "about_licence": "SCB:s data är fria att använda (CC0). Ange gärna källan: «Källa: SCB; bearbetning: "
        "Segregationsatlas».",
        "about_cite": "Så citerar du en karta eller ett diagram: rubriken, «Källa: SCB; bearbetning: "
        "Segregationsatlas», datumet då du hämtade den och adressen till vyn. Adressen innehåller alla val, så den "
        "visar samma bild igen.",
        "statement_title": "Tillgänglighetsredogörelse",
        "statement_intro": "Segregationsatlas vill att så många som möjligt ska kunna använda webbplatsen. Den här "
        "redogörelsen beskriver hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service "
        "(DOS-lagen), vilka kända brister som finns och hur du kan rapportera problem.",
        "statement_status": "Webbplatsen är delvis förenlig med WCAG 2.1 nivå AA. Varje sida och vy provas "
        "automatiskt med axe-core i en riktig webbläsare, på svenska och engelska, och med tangentbordet.",
        "statement_h_gaps": "Kända brister",
        "statement_gap_map": "Kartan är en bild ritad i webbläsaren. Allt som kartan visar finns också i tabellen "
        "«Visa som tabell» under kartan, där varje område är en länk.",
        "statement_gap_charts": "Diagram har en tabell med samma siffror och en nedladdningsbar fil, men diagrammens "
        "verktygsfält är inte helt anpassat för skärmläsare.",
        "statement_gap_pdf": "Bilder för nedladdning (PNG, SVG) har en alternativtext i inbäddningspanelen men bär "
        "den inte i själva filen.",
        "statement_h_report": "Rapportera brister",
        "statement_report": "Om du stöter på hinder, skriv ett ärende i projektets ärendelista och beskriv sidan, "
        "adressen och vad som inte fungerade. Vi svarar så snart vi kan.",
        "statement_h_supervision": "Tillsyn",
        "statement_supervision": "Myndigheten för digital förvaltning (Digg) har ansvar för tillsyn enligt DOS-lagen. "
        "Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg.",
        "statement_h_how": "Hur vi har testat",
        "statement_how": "Vi testar med axe-core 4.11 i Chromium vid varje ändring av webbplatsen, på alla vyer och i "
        "lägen med öppna paneler, i datorstorlek och telefonstorlek, samt med tangentbordet.",
        "tagline": "Socioekonomiska skillnader mellan SCB:s små områden i svenska kommuner.",
        "language": "In English",
        "municipality": "Kommuner",
        "regions": "Eller en hel region:",
        "region_goteborg": "Göteborgsregionen",
        "region_all": "Alla tre ({n} kommuner)",
        "indicator": "Indikator",
        "level": "Områdesnivå",
        "year": "År",
        "classes": "Klassindelning",
        "quantiles": "Kvantiler (lika många områden per klass)",
        "fisher_jenks": "Naturliga brytpunkter (Fisher-Jenks)",
        "fisher_jenks_sampled": "Naturliga brytpunkter (Fisher-Jenks, stickprov)",
        "equal_interval": "Lika intervall",
        "box": "Lådagram (kvartiler och avvikande värden)",
        "categories": "Kategorier",
        "no_data": "Ingen data",
        "no_data_explained": "områden utan värde (ej publicerat, för få personer eller utanför urvalet)",
        "without_shape": "områden med värde saknar gräns i {vintage} och visas inte",
        "other_vintage_in": "Värden för {year} avser {value_vintage}. Datalagret har inga sådana gränser för "
        "{places}: där ritas de på {geometry_vintage}-gränser, bara där SCB:s ändringslogg säger att området är "
        "detsamma eller delades exakt (delarna visar hela områdets värde).",
        "split_part_value": "delat område; värdet avser",
        "no_geometry": "Datalagret har inga {level}-gränser för {where}.",
        "try_levels": "Visa i stället:",
        "areas": "områden",
        "notice_head": "Några val i adressen kunde inte användas och ersattes:",
        "notice_indicator": "okänd indikator «{given}»",
        "notice_level": "nivån «{given}» finns inte för indikatorn",
        "notice_municipality": "okänd kommunkod «{given}»",
        "notice_year": "året «{given}» finns inte för indikatorn på den här nivån",
        "notice_classes": "okänd klassindelning «{given}»",
        "notice_area": "området «{given}» finns inte på den här nivån det året",
        "notice_lang": "okänt språk «{given}»",
        "panel_hint": "Klicka på ett område på kartan för att se dess värden och utveckling.",
        "rank": "Plats {rank} av {n} i {kommun} (högst först)",
        "rank_kommuner": "Plats {rank} av {n} kommuner (högst först)",
        "population": "Folkmängd {year}",
        "history": "Utveckling",
        "break": f"Ny områdesindelning {BREAK_YEAR}",
        "definition": "Definition",
        "table": "SCB-tabell",
        "drawn_other": "Ritas på {geometry_vintage}-gräns: enligt SCB:s ändringslogg samma område som i "
        "{value_vintage}.",
        "drawn_other_parts": "Ritas på sina delar i {geometry_vintage}: området delades exakt, och varje del visar "
        "hela områdets värde ({value_vintage}).",
        "drawn_other_none": "Ritas inte på kartan: gränsen ändrades i {geometry_vintage}, och SCB:s ändringslogg ger "
        "ingen yta med samma område. Värdet gäller {value_vintage}-området.",
        "compare": "Jämför",
        "pinned": "Fäst för jämförelse",
        "unpin": "Ta bort",
        "compare_one_year": "Datalagret har bara {year} för de fästa områdena; en utveckling över tid kräver "
        "minst två år.",
        "seg_one_year": "Datalagret har mått på {level}-nivå bara för {years}. En utveckling över tid kräver minst "
        "två år på samma områdesindelning.",
        "seg_more_years": "Se {level}, som har {first}–{last} →",
        "ref_not_summable": "{names} saknas: för {year} publicerar SCB bara områdenas egna värden (andelar eller "
        "medianer), inga antal att summera.",
        "ref_incomplete": "{names} saknas: alla ingående områden har inte uppgifter för {year}, och atlasen summerar "
        "bara fullständiga kommuner och hela riket.",
        "pins_full": "Högst {n} områden kan jämföras. Ta bort ett fäst område för att lägga till det här.",
        "not_added": "Kunde inte läggas till:",
        "basemap": "Bakgrundskarta (OpenStreetMap)",
        "outlines": "Kommungränser",
        "credit": "Källa: SCB (CC0). Bearbetning: Segregationsatlas.",
        "store": "Datalager",
        "reference_kommun": "{name}",
        "reference_riket": "Riket",
        "riket_inline": "riket",
        "reference_kommun_mark": "Kommunens värde",
        "explore": "Utforska karta",
        "compare_title": "Jämför områden",
        "compare_search": "Lägg till område (namn eller kod)",
        "compare_empty": "Lägg till 2–6 områden: sök på namn eller kod, eller fäst dem med Jämför-knappen i kartan.",
        "clear": "Rensa",
        "over_time": "Över tid",
        "one_year": "{year}, med kommunens och rikets värde",
        "all_indicators": "Alla indikatorer {year}",
        "show_table": "Visa som tabell",
        "download_csv": "Ladda ner CSV",
        "locator": "Var ligger områdena?",
        "no_shape": "Saknar gräns i datalagret",
        "map_failed": "Kartan kunde inte laddas. Ladda om sidan för att försöka igen.",
        "embed_download": "Bädda in och ladda ner",
        "download_image": "Ladda ner bild (PNG)",
        "embed_code": "Kod för inbäddning (iframe som anpassar sin höjd)",
        "alt_text": "Alt-text för artikeln",
        "lisa_toggle": "Visa heta och kalla fläckar (LISA)",
        "lisa_title": "Heta och kalla fläckar: {name} {year}",
        "lisa_method": "Lokal Moran's I per kommun, grannar som delar gräns eller hörn, 999 permutationer, p < 0,05.",
        "lisa_HH": "Het fläck: högt värde bland höga grannar",
        "lisa_LL": "Kall fläck: lågt värde bland låga grannar",
        "lisa_HL": "Avvikande: högt bland låga",
        "lisa_LH": "Avvikande: lågt bland höga",
        "lisa_ns": "Inget säkert mönster",
        "lisa_island": "Saknar grannar (ö)",
        "lisa_none": "Heta och kalla fläckar är beräknade för {names} på nivåer och år där datalagret har gränser "
        "för årets egen indelning.",
        "moran": "Global Moran's I i {kommun}: {i} ({p}); {n} områden.",
        "lisa_area": "Området: {label}.",
        "notice_layer": "okänt kartlager «{given}»",
        "seg_title": "Segregation i kommunerna",
        "measure": "Mått",
        "group": "Grupper",
        "seg_more": "{a} är mer segregerat än {b} ({va} mot {vb})",
        "seg_equal": "{a} och {b} har samma {measure} ({va})",
        "seg_higher": "{a} har högre {measure} än {b} ({va} mot {vb})",
        "seg_sure": "skillnaden är statistiskt säker ({p})",
        "seg_unsure": "skillnaden är inte statistiskt säker ({p})",
        "seg_few": "{name} har bara {n} områden: intervallet är brett och värdet osäkert.",
        "seg_rank": "{name}: plats {rank} av {n} kommuner (högst först)",
        "seg_intervals": "{measure} {year} med 95 %-intervall · punkt = DeSO, romb = RegSO",
        "seg_over_time": "Över tid ({level})",
        "seg_all": "Alla {n} kommuner {year} ({level})",
        "seg_types": "Andel av invånarna per områdestyp {year}",
        "seg_explain": "Intervallen kommer från 500 bootstrap-urval av kommunens områden. Större områden (RegSO) "
        "visar oftast lägre segregation än mindre (DeSO): samma stad ser mer blandad ut i grova rutor.",
        "notice_measure": "okänt mått «{given}»",
        "notice_group": "okänd gruppindelning «{given}»",
        "notice_too_many": "högst 6 områden; «{given}» togs inte med",
        "notice_too_many_municipalities": "för många kommuner på en gång; «{given}» togs inte med",
        "go_compare": "Jämför {n} områden →",
        "go_compare_one": "Jämför 1 område →",
        "area_col": "Område",
        "code_col": "Kod",
        "year_col": "År",
        "value_col": "Värde",
        "vintage_col": "Indelning",
        "kommun_col": "Kommun",
        "kommun_value_col": "Kommunens värde",
        "riket_col": "Riket",
        "change_from": "Förändring sedan",
        "change_none": "Ingen förändring (visa värden)",
        "change_title": "Förändring {first}–{last}",
        "change_unit_pp": "procentenheter",
        "change_unit_percent": "procent",
        "change_method": "Klasser symmetriska kring noll ({method}); förändring i {unit}.",
        "change_not_drawn": "Ingen jämförbar serie",
        "change_not_drawn_explained": "ritas grått; förändringen räknas bara där området är detsamma båda åren",
        "change_sentence": "{name} {first}–{last}, i {unit}: störst ökning i {up} ({up_value}), störst minskning "
        "i {down} ({down_value}).",
        "change_sentence_none": "{name} {first}–{last}: inget område har en jämförbar serie mellan åren.",
        "change_excluded": "{n} områden utan jämförbar serie.",
        "notice_from": "förändring från «{given}» går inte: välj ett tidigare år som indikatorn har på nivån",
        "reason_boundary_moved": f"gränsen flyttades {BREAK_YEAR}",
        "reason_merged": f"området slogs {BREAK_YEAR} ihop med ett annat",
        "reason_no_value_from": "inget värde första året",
        "reason_no_value_to": "inget värde sista året",
        "reason_no_crosswalk": "SCB:s ändringslogg täcker inte området",
        "reason_split": f"området är en del av ett område som delades {BREAK_YEAR}; tidigare år gäller helheten",
        "reason_new_area": f"området är nytt {BREAK_YEAR}",
        "reason_zero_base": "värdet första året är noll",
        "reason_other": "ingen jämförbar serie",
        "join_same": "Samma område",
        "join_split_sum": "Summerat från nya områden",
        "join_parent": "Föregångarens värde",
        "join_none": "Ingen jämförbar serie",
        "join_col": "Sammanfogning",
        "join_note": "○ samma område · ◇ summerat från de nya områden som ersatte det · □ föregångarens värde "
        f"(området före delningen {BREAK_YEAR}).",
        "join_break": f"Serien bryts {BREAK_YEAR}: {{reason}}.",
    },
    "en": {
        "title": "Segregation Atlas",
        # sentences, alt texts and chart words (dashboard/sentences.py, press/alt_text.py, components)
        "list_and": " and ",
        "extreme_ties": "{n} areas have {value}, among them {names}",
        "sentence_category": "{name} in {year}, by {level}.",
        "sentence_levels": "{name} in {year}, by {level}.",
        "sentence_places": "{name} in {year} in {places}, by {level}.",
        "sentence_figures": "{name} in {year}: {figures}.",
        "sentence_range": "{name} in {year} in {n} municipalities: from {low} to {high}.",
        "sentence_many_places": "{name} in {year} in {n} municipalities, by {level}.",
        "value_in": "{value} in {place}",
        "value_in_riket": "{value} in Sweden",
        "sentence_extremes": "Highest: {high}; lowest: {low}.",
        "compare_no_value": "{area}: no value for {name} in {year}.",
        "compare_head": "{area}: {value} {name} in {year}",
        "compare_against": "{head}, compared with {references}.",
        "alt_map_head": "Map of {level} areas in {places}",
        "alt_map_no_values": "{head}: no values for {name} in {year}.",
        "alt_map_category": "{head}: {name}, {year}.",
        "alt_map_same": "{head}: {name} in {year} is {value} everywhere.",
        "alt_map_range": "{head}: {name} in {year} ranges from {low} to {high}; highest: {highest}; lowest: {lowest}.",
        "alt_bar": "Bar chart: {name} {year}: {parts}{riket}.",
        "alt_bar_riket": "; Sweden {value}",
        "alt_line_empty": "Line chart without values.",
        "alt_line": "Line chart: {name} {first}–{last}: {parts}.",
        "alt_segregation": "Dot chart: {measure} for {group} in {year} ({level}): {parts}.",
        "areas_col": "Areas",
        "people_col": "People",
        "areas_hover": "areas",
        "source_line": "Source: Statistics Sweden, table {tables}; processing: {atlas}. Reference year {year}.",
        "on_other_boundaries": " (on {vintage} boundaries)",
        "on_other_boundaries_in": " ({places} on {vintage} boundaries)",
        "n_municipalities": "{n} municipalities",
        # page chrome, help page and accessibility statement
        "dd_select_all": "Select all",
        "dd_deselect_all": "Deselect all",
        "dd_selected_count": "{num_selected} selected",
        "dd_search": "Search",
        "dd_clear_search": "Clear search",
        "dd_clear_selection": "Clear selection",
        "dd_no_options": "No matches",
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "skip_to_content": "Skip to content",
        "notice_map": "the map view «{given}» could not be read (zoom/latitude/longitude in Sweden)",
        "csv_excel": "CSV for Excel (Swedish)",
        "cite_head": "Cite",
        "cite_line": "{title}. Source: Statistics Sweden; processing: Segregation Atlas. Retrieved {date}. {url}",
        "and_more": "and-more",
        "meta_indicator": "Indicator id",
        "meta_indicator_name": "Indicator",
        "meta_measure": "Measure",
        "meta_group": "Groups",
        "meta_level": "Area level",
        "meta_unit": "Unit",
        "meta_year": "Year",
        "meta_vintage": "Area boundaries",
        "meta_scb_table": "Statistics Sweden table",
        "meta_definition": "Definition",
        "meta_source": "Source",
        "meta_licence": "Licence",
        "meta_retrieved": "Retrieved from the source",
        "map_keys": "With the keyboard: Tab to the map, Enter chooses the area in the middle and the arrow keys move "
        "to the neighbouring area that way. Every area is also in the table below the map.",
        "no_neighbour": "No neighbouring area that way.",
        "copy_code": "Copy the code",
        "copied": "The code is copied.",
        "rank_shared": "Shared place {rank} of {n} in {kommun} (highest first): {tied} areas have the same value",
        "rank_kommuner_shared": "Shared place {rank} of {n} municipalities (highest first): {tied} have the same value",
        "explore_areas": "Show the areas on the map",
        "controls_label": "Map choices",
        "panel_label": "Selected area",
        "no_store": "The atlas has no data yet. Whoever runs the site needs to build the data store:",
        "nav_label": "Pages of this site",
        "about_nav": "About the atlas",
        "statement_nav": "Accessibility statement",
        "about_title": "About the Segregation Atlas: concepts, measures and sources",
        "about_intro": "The Segregation Atlas shows how socioeconomic conditions differ between small areas in "
        "Swedish municipalities and how the differences change over time. This page explains the areas, the "
        "indicators and the segregation measures, and how to read their uncertainty.",
        "about_contents": "On this page",
        "about_h_areas": "Areas: DeSO and RegSO",
        "about_h_indicators": "The indicators",
        "about_h_measures": "The segregation measures",
        "about_h_uncertainty": "Intervals and statistical certainty",
        "about_h_types": "Area types",
        "about_h_spots": "Hot and cold spots",
        "about_h_sources": "Sources, licence and how to cite",
        "about_areas": "DeSO (demographic statistical areas) are Statistics Sweden's smallest areas for statistics, "
        "with 700–2,700 residents each and about 6,000 in the country. They follow streets, water and other clear "
        "boundaries. RegSO (regional statistical areas) are about 3,000 groups of DeSO that are easier to "
        "recognise, often named after a district. Municipality, county and Sweden are sums of the areas.",
        "about_break": "Statistics Sweden revised the areas from the statistics year {year}: "
        f"values up to {BREAK_YEAR - 1} are "
        "on DeSO 2018 and RegSO 2020, values from {year} on DeSO 2025 and RegSO 2025. Most areas are unchanged, but "
        "some were split, merged or had their boundaries moved. The atlas carries a series across the break only "
        "where Statistics Sweden's change log says the area is the same or was split exactly; otherwise the line "
        "breaks and the reason is given.",
        "about_indicators": "Every indicator has a definition and a Statistics Sweden table. Shares for "
        "municipalities, counties and Sweden are the sum of the numerators over the sum of the denominators, never "
        "an average of the areas' shares. Medians cannot be summed and are shown only where Statistics Sweden "
        "published them.",
        "about_no_store": "The data store has not been built yet, so the indicators cannot be listed.",
        "about_measures": "The measures describe how two groups are spread over a municipality's areas. They are "
        "computed for every municipality where all areas have figures. The examples below are computed from the "
        "data store.",
        "about_measure_dissimilarity": "The dissimilarity index D (Duncan and Duncan 1955) runs from 0 (the groups "
        "are spread alike over the areas) to 1 (they live completely apart). It is the share of one group that "
        "would have to move to another area for both groups to be spread alike.",
        "about_measure_theil": "Theil's entropy index H (Theil and Finizza 1971) runs from 0 to 1 and measures how "
        "much less mixed the areas are than the municipality as a whole. H = 0 means every area has the "
        "municipality's mix.",
        "about_measure_isolation": "Isolation xPx (Bell 1954) is the share of one's own group in the area where an "
        "average member of the group lives. Read it against the group's share of the whole municipality.",
        "about_measure_exposure": "Exposure xPy (Lieberson 1981) is the share of the other group in the area where an "
        "average member of the group lives. For two groups, xPx + xPy = 1.",
        "about_example_dissimilarity": "Example: in {place} in {year}, D = {value} for foreign vs Swedish background "
        "(95% interval {low}–{high}). That is, {percent}% of the people with a foreign background would have to move "
        "to another DeSO for both groups to be spread alike over the municipality.",
        "about_example_theil": "Example: in {place} in {year}, H = {value} (95% interval {low}–{high}): the DeSO are "
        "on average {percent}% less mixed than the municipality as a whole.",
        "about_example_isolation": "Example: in {place} in {year}, xPx = {value} (95% interval {low}–{high}): a person "
        "with a foreign background lives, on average, in a DeSO where {percent}% have a foreign background.",
        "about_example_exposure": "Example: in {place} in {year}, xPy = {value} (95% interval {low}–{high}): a person "
        "with a foreign background lives, on average, in a DeSO where {percent}% have a Swedish background.",
        "about_interval": "Every measure is shown with a 95% interval. It comes from 500 bootstrap samples: the atlas "
        "draws the municipality's areas again with replacement, recomputes the measure and keeps the middle 95% of "
        "the results. A wide interval means the value depends much on single areas, as is common in municipalities "
        "with few areas.",
        "about_sure": '"Statistically certain" means that a difference between two municipalities or two years is '
        "so large that it would rarely (in fewer than 5 cases in 100) arise by chance in which areas are included. A "
        "difference that is not statistically certain may still be real, but the data are not enough to say so.",
        "about_types": "Statistics Sweden and Delmos sort RegSO into five area types by socioeconomic conditions: 1 "
        "areas with major socioeconomic challenges, 2 socioeconomic challenges, 3 mixed conditions, 4 good conditions "
        "and 5 very good conditions. The segregation page shows how much of the population lives in each type.",
        "about_spots": "Hot and cold spots (local Moran's I) show where high values lie next to other high values "
        "(hot spot) and low next to low (cold spot), more than chance would give. Areas without a certain pattern "
        "are shown neutrally. Neighbours share an edge or a corner, and the test makes 999 random reshuffles.",
        "about_sources": "All statistics and boundaries come from Statistics Sweden (SCB): its Statistical Database "
        "(PxWebApi 2.0) and its geodata service. Every indicator names its table.",
        "about_licence": "Statistics Sweden's data are free to use (CC0). Please credit the source: \"Source: "
        'Statistics Sweden; processing: Segregation Atlas".',
        "about_cite": 'To cite a map or chart: its title, "Source: Statistics Sweden; processing: Segregation '
        'Atlas", the date you retrieved it and the address of the view. The address holds every choice, so it '
        "shows the same picture again.",
        "statement_title": "Accessibility statement",
        "statement_intro": "The Segregation Atlas wants as many people as possible to be able to use this site. This "
        "statement describes how the site meets the Swedish Act on accessibility to digital public services "
        "(DOS-lagen), the known shortcomings, and how to report a problem.",
        "statement_status": "The site is partially compliant with WCAG 2.1 level AA. Every page and view is tested "
        "automatically with axe-core in a real browser, in Swedish and English, and with the keyboard.",
        "statement_h_gaps": "Known shortcomings",
        "statement_gap_map": "The map is a picture drawn in the browser. Everything it shows is also in the table "
        '"Show as table" below the map, where each area is a link.',
        "statement_gap_charts": "Charts have a table with the same figures and a downloadable file, but the charts' "
        "toolbar is not fully adapted to screen readers.",
        "statement_gap_pdf": "Downloadable pictures (PNG, SVG) have an alternative text in the embed panel but do not "
        "carry it in the file itself.",
        "statement_h_report": "Report a problem",
        "statement_report": "If you meet a barrier, open an issue in the project's issue tracker and describe the "
        "page, its address and what did not work. We answer as soon as we can.",
        "statement_h_supervision": "Supervision",
        "statement_supervision": "The Agency for Digital Government (Digg) supervises the Act. If you are not "
        "satisfied with how we handle your comments, you can contact Digg.",
        "statement_h_how": "How we tested",
        "statement_how": "We test with axe-core 4.11 in Chromium at every change of the site, on every view and with "
        "panels open, at desktop and phone sizes, and with the keyboard.",
        "tagline": "Socioeconomic differences between SCB's small areas in Swedish municipalities.",
        "language": "På svenska",
        "municipality": "Municipalities",
        "regions": "Or a whole region:",
        "region_goteborg": "Gothenburg region",
        "region_all": "All three ({n} municipalities)",
        "indicator": "Indicator",
        "level": "Area level",
        "year": "Year",
        "classes": "Classification",
        "quantiles": "Quantiles (equal counts per class)",
        "fisher_jenks": "Natural breaks (Fisher-Jenks)",
        "fisher_jenks_sampled": "Natural breaks (Fisher-Jenks, sampled)",
        "equal_interval": "Equal intervals",
        "box": "Box map (quartiles and outliers)",
        "categories": "Categories",
        "no_data": "No data",
        "no_data_explained": "areas without a value (not published, too few people, or outside the selection)",
        "without_shape": "areas with a value have no boundary in {vintage} and are not shown",
        "other_vintage_in": "Values for {year} refer to {value_vintage}. The data store has no such boundaries for "
        "{places}: there they are drawn on {geometry_vintage} boundaries, only where SCB's change log says the area "
        "is the same or was split exactly (the parts show the whole area's value).",
        "split_part_value": "split area; the value is for",
        "no_geometry": "The data store has no {level} boundaries for {where}.",
        "try_levels": "Show instead:",
        "areas": "areas",
        "notice_head": "Some choices in the address could not be used and were replaced:",
        "notice_indicator": "unknown indicator “{given}”",
        "notice_level": "level “{given}” does not exist for the indicator",
        "notice_municipality": "unknown municipality code “{given}”",
        "notice_year": "year “{given}” does not exist for the indicator at this level",
        "notice_classes": "unknown classification “{given}”",
        "notice_area": "area “{given}” does not exist at this level that year",
        "notice_lang": "unknown language “{given}”",
        "panel_hint": "Click an area on the map to see its values and history.",
        "rank": "Rank {rank} of {n} in {kommun} (highest first)",
        "rank_kommuner": "Rank {rank} of {n} municipalities (highest first)",
        "population": "Population {year}",
        "history": "History",
        "break": f"New area boundaries {BREAK_YEAR}",
        "definition": "Definition",
        "table": "SCB table",
        "drawn_other": "Drawn on the {geometry_vintage} boundary: by SCB's change log the same area as in "
        "{value_vintage}.",
        "drawn_other_parts": "Drawn on its parts in {geometry_vintage}: the area was split exactly, and each part "
        "shows the whole area's value ({value_vintage}).",
        "drawn_other_none": "Not drawn on the map: its boundary changed in {geometry_vintage}, and SCB's change log "
        "gives no shape of the same area. The value is for the {value_vintage} area.",
        "compare": "Compare",
        "pinned": "Pinned for comparison",
        "unpin": "Remove",
        "compare_one_year": "The data store has only {year} for the pinned areas; a trend over time needs at "
        "least two years.",
        "seg_one_year": "The data store has {level} measures only for {years}. A trend over time needs at least "
        "two years on the same area boundaries.",
        "seg_more_years": "See {level}, which has {first}–{last} →",
        "ref_not_summable": "No figure for {names}: for {year} SCB publishes only each area's own value (a share or "
        "a median), with no counts to add up.",
        "ref_incomplete": "No figure for {names}: not every member area has figures for {year}, and the atlas only "
        "adds up complete municipalities and the whole country.",
        "pins_full": "At most {n} areas can be compared. Remove a pinned area to add this one.",
        "not_added": "Could not be added:",
        "basemap": "Background map (OpenStreetMap)",
        "outlines": "Municipal borders",
        "credit": "Source: Statistics Sweden (CC0). Processing: Segregation Atlas.",
        "store": "Data store",
        "reference_kommun": "{name}",
        "reference_riket": "Sweden",
        "riket_inline": "Sweden",
        "reference_kommun_mark": "Municipal value",
        "explore": "Explore the map",
        "compare_title": "Compare areas",
        "compare_search": "Add an area (name or code)",
        "compare_empty": "Add 2–6 areas: search by name or code, or pin them with the Compare button on the map.",
        "clear": "Clear",
        "over_time": "Over time",
        "one_year": "{year}, with the municipal and national value",
        "all_indicators": "All indicators {year}",
        "show_table": "Show as table",
        "download_csv": "Download CSV",
        "locator": "Where are the areas?",
        "no_shape": "No boundary in the data store",
        "map_failed": "The map could not be loaded. Reload the page to try again.",
        "embed_download": "Embed and download",
        "download_image": "Download image (PNG)",
        "embed_code": "Embed code (an iframe that sizes itself)",
        "alt_text": "Alt text for the article",
        "lisa_toggle": "Show hot and cold spots (LISA)",
        "lisa_title": "Hot and cold spots: {name} {year}",
        "lisa_method": "Local Moran's I per municipality, neighbours sharing an edge or corner, 999 permutations, "
        "p < 0.05.",
        "lisa_HH": "Hot spot: high value among high neighbours",
        "lisa_LL": "Cold spot: low value among low neighbours",
        "lisa_HL": "Outlier: high among low",
        "lisa_LH": "Outlier: low among high",
        "lisa_ns": "No significant pattern",
        "lisa_island": "No neighbours (island)",
        "lisa_none": "Hot and cold spots are computed for {names} at levels and years where the store has the "
        "year's own boundaries.",
        "moran": "Global Moran's I in {kommun}: {i} ({p}); {n} areas.",
        "lisa_area": "This area: {label}.",
        "notice_layer": "unknown map layer “{given}”",
        "seg_title": "Segregation in the municipalities",
        "measure": "Measure",
        "group": "Groups",
        "seg_more": "{a} is more segregated than {b} ({va} vs {vb})",
        "seg_equal": "{a} and {b} have the same {measure} ({va})",
        "seg_higher": "{a} has a higher {measure} than {b} ({va} vs {vb})",
        "seg_sure": "the difference is statistically significant ({p})",
        "seg_unsure": "the difference is not statistically significant ({p})",
        "seg_few": "{name} has only {n} areas: the interval is wide and the value uncertain.",
        "seg_rank": "{name}: rank {rank} of {n} municipalities (highest first)",
        "seg_intervals": "{measure} {year} with 95% intervals · dot = DeSO, diamond = RegSO",
        "seg_over_time": "Over time ({level})",
        "seg_all": "All {n} municipalities {year} ({level})",
        "seg_types": "Share of residents by area type {year}",
        "seg_explain": "Intervals come from 500 bootstrap samples of the municipality's areas. Larger areas (RegSO) "
        "usually show lower segregation than smaller ones (DeSO): the same city looks more mixed in coarse units.",
        "notice_measure": "unknown measure “{given}”",
        "notice_group": "unknown grouping “{given}”",
        "notice_too_many": "at most 6 areas; “{given}” was left out",
        "notice_too_many_municipalities": "too many municipalities at once; “{given}” was left out",
        "go_compare": "Compare {n} areas →",
        "go_compare_one": "Compare 1 area →",
        "area_col": "Area",
        "code_col": "Code",
        "year_col": "Year",
        "value_col": "Value",
        "vintage_col": "Boundaries",
        "kommun_col": "Municipality",
        "kommun_value_col": "Municipal value",
        "riket_col": "Sweden",
        "change_from": "Change since",
        "change_none": "No change (show values)",
        "change_title": "Change {first}–{last}",
        "change_unit_pp": "percentage points",
        "change_unit_percent": "percent",
        "change_method": "Classes symmetric around zero ({method}); change in {unit}.",
        "change_not_drawn": "No comparable series",
        "change_not_drawn_explained": "drawn grey; a change is only computed where the area is the same",
        "change_sentence": "{name} {first}–{last}, in {unit}: largest increase in {up} ({up_value}), largest "
        "decrease in {down} ({down_value}).",
        "change_sentence_none": "{name} {first}–{last}: no area has a comparable series between the years.",
        "change_excluded": "{n} areas without a comparable series.",
        "notice_from": "a change from “{given}” is not possible: choose an earlier year the indicator has at this "
        "level",
        "reason_boundary_moved": f"the boundary moved in {BREAK_YEAR}",
        "reason_merged": f"the area was merged with another in {BREAK_YEAR}",
        "reason_no_value_from": "no value in the first year",
        "reason_no_value_to": "no value in the last year",
        "reason_no_crosswalk": "SCB's change log does not cover the area",
        "reason_split": f"the area is part of one split in {BREAK_YEAR}; earlier years are the whole's",
        "reason_new_area": f"the area is new in {BREAK_YEAR}",
        "reason_zero_base": "the value in the first year is zero",
        "reason_other": "no comparable series",
        "join_same": "Same area",
        "join_split_sum": "Summed from the new areas",
        "join_parent": "The predecessor's value",
        "join_none": "No comparable series",
        "join_col": "Joined as",
        "join_note": "○ same area · ◇ summed from the new areas that replaced it · □ the predecessor's value "
        f"(the area before its {BREAK_YEAR} split).",
        "join_break": f"The series breaks in {BREAK_YEAR}: {{reason}}.",
    },
}

for _lang, _texts in TEXTS.items():
    for _m in MEASURE_INFO.values():
        _texts[MEASURE_KEYS[_m.id]] = _m.name[_lang]
        _texts[MEASURE_SYMBOL_KEYS[_m.id]] = _m.symbol


def text(key: str, lang: str, **values: object) -> str:
    template = TEXTS.get(lang, TEXTS["sv"])[key]
    return template.format(**values) if values else template


def reason_text(key: str | None, lang: str) -> str:
    """Why a series breaks or a change is missing (a data layer's reason key) in words; an unforeseen
    key as 'no comparable series'."""
    return text(REASON_KEYS.get(key or "", REASON_KEYS["other"]), lang)
