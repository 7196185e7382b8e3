"""A subset of DB07 (Danmarks Statistik's industry codes; the first 4 digits are NACE
rev. 2) covering the industries where internships are common. Used for demo data and
as suggestions; a company may carry any valid 6-digit DB07 code."""

COMMON_DB07: dict[str, str] = {
    "011100": "Dyrkning af korn, bælgfrugter og olieholdige frø",
    "101100": "Forarbejdning og konservering af kød",
    "107100": "Fremstilling af brød, kager og friskt bagværk",
    "251100": "Fremstilling af metalkonstruktioner og dele heraf",
    "412000": "Opførelse af bygninger",
    "432100": "El-installation",
    "432200": "VVS- og blikkenslagerforretninger",
    "452010": "Almindelig reparation og vedligeholdelse af motorkøretøjer",
    "467300": "Engroshandel med træ, byggematerialer og sanitetsartikler",
    "471120": "Supermarkeder",
    "475210": "Byggemarkeder",
    "477110": "Tøjforretninger",
    "493200": "Taxikørsel",
    "494100": "Vejgodstransport",
    "521000": "Oplagring",
    "532000": "Andre post- og kurertjenester",
    "551000": "Hoteller og lignende overnatningsfaciliteter",
    "561010": "Restauranter",
    "620100": "Computerprogrammering",
    "692000": "Bogføring og revision; skatterådgivning",
    "801000": "Private vagt- og sikkerhedstjenester",
    "812100": "Almindelig rengøring i bygninger",
    "813000": "Anlæg og vedligeholdelse af grønne områder",
    "871000": "Plejehjem",
    "881000": "Hjemmehjælp og dagcentre for ældre og handicappede",
    "889100": "Dagpasning af børn",
    "960210": "Frisørsaloner",
}
