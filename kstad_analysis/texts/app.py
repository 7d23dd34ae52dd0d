"""Texts shared by the Voila apps."""

TEXTS = {
    "app.data.active": {"sv": "Data", "en": "Data"},
    "app.data.upload": {"sv": "Ladda upp planer", "en": "Upload plans"},
    "app.data.reset": {"sv": "Tillbaka till exempeldata", "en": "Back to sample data"},
    "app.data.rejected": {
        "sv": "Filerna innehåller fel och användes inte. Inget sparades:",
        "en": "The files contain errors and were not used. Nothing was kept:",
    },
    "app.data.more_errors": {"sv": "… och {count} fel till", "en": "… and {count} more errors"},
    "app.data.too_many": {
        "sv": "För många filer (högst {limit}).", "en": "Too many files (at most {limit}).",
    },
    "app.data.bad_suffix": {
        "sv": "{name}: filtypen stöds inte; använd .xlsx eller .csv.",
        "en": "{name}: unsupported file type; use .xlsx or .csv.",
    },
    "app.data.too_big": {"sv": "{name}: filen är för stor.", "en": "{name}: the file is too large."},
}
