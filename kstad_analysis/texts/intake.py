"""Texts for reading and validating digitaliseringsplaner."""

TEXTS = {
    "severity.error": {"sv": "Fel", "en": "Error"},
    "severity.warning": {"sv": "Varning", "en": "Warning"},
    "severity.info": {"sv": "Info", "en": "Info"},
    "where.file": {"sv": "fil {file}", "en": "file {file}"},
    "where.sheet": {"sv": "flik {sheet}", "en": "sheet {sheet}"},
    "where.row": {"sv": "rad {row}", "en": "row {row}"},
    "where.column": {"sv": "kolumn {column}", "en": "column {column}"},
    "where.value": {"sv": "värde {value}", "en": "value {value}"},
    "intake.file_missing": {"sv": "Filen finns inte.", "en": "The file does not exist."},
    "intake.no_files": {
        "sv": "Inga planer hittades (.xlsx eller .csv).",
        "en": "No plans found (.xlsx or .csv).",
    },
    "intake.bad_suffix": {
        "sv": "Filtypen stöds inte; använd .xlsx eller .csv.",
        "en": "Unsupported file type; use .xlsx or .csv.",
    },
    "intake.unreadable": {
        "sv": "Filen kunde inte läsas som {kind}: {reason}",
        "en": "The file could not be read as {kind}: {reason}",
    },
    "intake.sheet_missing": {
        "sv": "Fliken {sheet} saknas (finns: {available}).",
        "en": "Sheet {sheet} is missing (present: {available}).",
    },
    "intake.header_missing": {
        "sv": "Hittar ingen rubrikrad med kolumnen ID.",
        "en": "No header row with the column ID was found.",
    },
    "intake.column_missing": {
        "sv": "Obligatorisk kolumn saknas.",
        "en": "Required column is missing.",
    },
    "intake.column_twice": {
        "sv": "Kolumnen finns två gånger.",
        "en": "The column appears twice.",
    },
    "intake.extra_column": {
        "sv": "Okänd kolumn; den behålls men används inte i beräkningar.",
        "en": "Unknown column; kept but not used in calculations.",
    },
    "intake.required": {"sv": "Obligatoriskt värde saknas.", "en": "Required value is missing."},
    "intake.not_number": {"sv": "Är inte ett tal.", "en": "Is not a number."},
    "intake.negative": {"sv": "Får inte vara negativt.", "en": "Must not be negative."},
    "intake.rating": {
        "sv": "Ska vara ett heltal 1–5.",
        "en": "Must be a whole number 1–5.",
    },
    "intake.yesno": {"sv": "Ska vara ja eller nej.", "en": "Must be ja or nej."},
    "intake.year": {"sv": "Ska vara ett årtal (t.ex. 2027).", "en": "Must be a year (e.g. 2027)."},
    "intake.date": {
        "sv": "Ska vara ett datum ÅÅÅÅ-MM-DD.",
        "en": "Must be a date YYYY-MM-DD.",
    },
    "intake.choice": {"sv": "Ska vara en av: {choices}.", "en": "Must be one of: {choices}."},
    "intake.formula": {
        "sv": "Cellen innehåller en formel utan sparat värde; skriv in värdet.",
        "en": "The cell holds a formula with no stored value; enter the value.",
    },
    "intake.too_long": {
        "sv": "Texten är för lång ({length} tecken, högst {limit}).",
        "en": "The text is too long ({length} characters, at most {limit}).",
    },
    "intake.duplicate_id": {
        "sv": "ID:t finns redan i {other}.",
        "en": "The ID already exists in {other}.",
    },
    "intake.unknown_dependency": {
        "sv": "Beroendet {dep} finns inte bland de inlästa behoven.",
        "en": "Dependency {dep} is not among the needs read.",
    },
    "intake.self_dependency": {
        "sv": "Ett behov kan inte bero på sig självt.",
        "en": "A need cannot depend on itself.",
    },
    "intake.incomplete": {
        "sv": "Behovet är ofullständigt; saknar: {fields}. Det behålls och markeras.",
        "en": "The need is incomplete; missing: {fields}. It is kept and marked.",
    },
    "intake.example_row": {
        "sv": "Exempelraden från mallen hoppas över.",
        "en": "The template's example row is skipped.",
    },
    "intake.unknown_need": {
        "sv": "ID:t finns inte i fliken Behov.",
        "en": "The ID is not in the sheet Behov.",
    },
    "intake.encoding": {
        "sv": "Filen är inte UTF-8; läst som Windows-1252.",
        "en": "The file is not UTF-8; read as Windows-1252.",
    },
    "intake.progress": {"sv": "Läser planer", "en": "Reading plans"},
    "intake.summary": {
        "sv": "{needs} behov från {files}: {errors} fel, {warnings}.",
        "en": "{needs} needs from {files}: {errors} errors, {warnings}.",
    },
    "intake.files.one": {"sv": "{n} fil", "en": "{n} file"},
    "intake.files.many": {"sv": "{n} filer", "en": "{n} files"},
    "intake.warnings.one": {"sv": "{n} varning", "en": "{n} warning"},
    "intake.warnings.many": {"sv": "{n} varningar", "en": "{n} warnings"},
    "intake.invalid": {
        "sv": "Planerna innehåller fel och kan inte användas:",
        "en": "The plans contain errors and cannot be used:",
    },
    "intake.file_too_large": {
        "sv": "Filen är för stor ({size} MB, högst {limit} MB).",
        "en": "The file is too large ({size} MB, at most {limit} MB).",
    },
    "intake.archive_members": {
        "sv": "Filen består av för många delar ({count}, högst {limit}); den läses inte.",
        "en": "The file has too many parts ({count}, at most {limit}); it is not read.",
    },
    "intake.archive_unpacked": {
        "sv": "Filen skulle bli {size} MB uppackad (högst {limit} MB); den läses inte.",
        "en": "The file would unpack to {size} MB (at most {limit} MB); it is not read.",
    },
    "intake.too_many_rows": {
        "sv": "Fliken har fler än {limit} rader; dela upp planen.",
        "en": "The sheet has more than {limit} rows; split the plan.",
    },
    "intake.too_many_columns": {
        "sv": "Rad {row} har fler än {limit} kolumner.",
        "en": "Row {row} has more than {limit} columns.",
    },
    "intake.control_chars": {
        "sv": "Cell {cell} innehöll styrtecken eller riktningstecken ({chars}); de togs bort.",
        "en": "Cell {cell} held control or direction characters ({chars}); they were removed.",
    },
    "intake.control_chars_more": {
        "sv": "Ytterligare {count} celler innehöll styrtecken; de togs bort.",
        "en": "{count} more cells held control characters; they were removed.",
    },
    "intake.cached_formulas": {
        "sv": "{count} celler har formler; kstad använder de värden Excel senast sparade och räknar inte om.",
        "en": "{count} cells hold formulas; kstad uses the values Excel last saved and does not recompute.",
    },
}
