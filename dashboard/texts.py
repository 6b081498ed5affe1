"""Interface texts in Swedish (default) and English; indicator texts come from the catalogue."""

TEXTS = {
    "sv": {
        "title": "Segregationsatlas",
        "tagline": "Socioekonomiska skillnader mellan SCB:s små områden (DeSO, RegSO) i svenska kommuner.",
        "placeholder": "Kartvyn är under uppbyggnad. Datalagret nedan är byggt och kan frågas med "
        "`python -m geodata values`.",
        "store": "Datalager",
        "version": "Version",
        "source": "Källa",
        "indicators": "Indikatorer",
        "no_store": "Det finns inget datalager ännu. Bygg det med `segatlas serve --bundle DIR` "
        "eller `python -m geodata build --from DIR`.",
        "reference_values": "Referensvärden",
        "language": "In English",
        "credit": "Källa: SCB (CC0). Bearbetning: Segregationsatlas.",
    },
    "en": {
        "title": "Segregation Atlas",
        "tagline": "Socioeconomic differences between SCB's small areas (DeSO, RegSO) in Swedish municipalities.",
        "placeholder": "The map view is being built. The data store below is built and can be queried "
        "with `python -m geodata values`.",
        "store": "Data store",
        "version": "Version",
        "source": "Source",
        "indicators": "Indicators",
        "no_store": "There is no data store yet. Build it with `segatlas serve --bundle DIR` "
        "or `python -m geodata build --from DIR`.",
        "reference_values": "Reference values",
        "language": "På svenska",
        "credit": "Source: Statistics Sweden (CC0). Processing: Segregation Atlas.",
    },
}


def text(key: str, lang: str) -> str:
    return TEXTS.get(lang, TEXTS["sv"])[key]
