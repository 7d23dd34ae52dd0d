"""Texts for the command line."""

TEXTS = {
    "cli.description": {
        "sv": "kstad – beslutsstöd för prioritering av digitaliseringsplaner.",
        "en": "kstad – decision support for prioritising digitalisation plans.",
    },
    "cli.usage_error": {"sv": "Fel i kommandot: {message}", "en": "Command error: {message}"},
    "cli.os_error": {
        "sv": "Filen kunde inte läsas eller skrivas: {path} ({error})",
        "en": "The file could not be read or written: {path} ({error})",
    },
    "cli.argparse.choice": {
        "sv": "{arg}: ogiltigt val {value} (välj bland {choices})",
        "en": "{arg}: invalid choice {value} (choose from {choices})",
    },
    "cli.argparse.required": {"sv": "följande krävs: {arg}", "en": "required: {arg}"},
    "cli.argparse.unknown": {"sv": "okända argument: {arg}", "en": "unknown arguments: {arg}"},
    "cli.argparse.value": {
        "sv": "{arg}: ogiltigt värde {value}", "en": "{arg}: invalid value {value}",
    },
    "cli.argparse.expected": {
        "sv": "{arg}: ett värde saknas", "en": "{arg}: a value is missing",
    },
    "cli.argparse.conflict": {
        "sv": "{arg} går inte att kombinera med {other}",
        "en": "{arg} cannot be combined with {other}",
    },
    "cli.interrupted": {"sv": "Avbrutet.", "en": "Interrupted."},
    "cli.paths_help": {
        "sv": "Planer (.xlsx/.csv) eller mappar; utan PATH används exempeldata i data/raw.",
        "en": "Plans (.xlsx/.csv) or folders; without PATH the sample data in data/raw is used.",
    },
    "cli.validate.help": {
        "sv": "Kontrollera digitaliseringsplaner och lista alla problem.",
        "en": "Check digitalisation plans and list every problem.",
    },
    "cli.validate.format": {"sv": "Utdataformat.", "en": "Output format."},
    "cli.validate.quiet": {"sv": "Visa bara fel.", "en": "Show errors only."},
    "cli.template.help": {
        "sv": "Skriv en tom mall för digitaliseringsplanen.",
        "en": "Write a blank digitalisation plan template.",
    },
    "cli.template.suffix": {
        "sv": "Mallen måste sparas som .xlsx: {path}",
        "en": "The template must be saved as .xlsx: {path}",
    },
    "cli.template.written": {"sv": "Mallen skrevs till {path}", "en": "Template written to {path}"},
    "cli.app.help": {
        "sv": "Starta webbapparna (Voila) på exempeldata eller egna planer.",
        "en": "Start the web apps (Voila) on the sample or your own plans.",
    },
    "cli.app.port": {"sv": "Port (standard 8866).", "en": "Port (default 8866)."},
    "cli.app.host": {
        "sv": "Adress att lyssna på (standard 127.0.0.1, bara den egna datorn).",
        "en": "Address to listen on (default 127.0.0.1, this machine only).",
    },
    "cli.app.data": {"sv": "Egna planer (filer eller mappar).", "en": "Own plans (files or folders)."},
    "cli.app.starting": {
        "sv": "Startar kstad på http://{host}:{port}/ (avsluta med Ctrl+C)",
        "en": "Starting kstad at http://{host}:{port}/ (stop with Ctrl+C)",
    },
    "cli.app.voila_args": {
        "sv": "Övriga flaggor till Voila (sist på raden), t.ex. --VoilaConfiguration.preheat_kernel=False.",
        "en": "Further Voila flags (last on the line), e.g. --VoilaConfiguration.preheat_kernel=False.",
    },
    "cli.app.pool_max": {
        "sv": "Högst så många förvärmda kärnor per app (standard: data/config/apps.toml; "
              "varje kärna tar cirka 300 MB).",
        "en": "At most this many preheated kernels per app (default: data/config/apps.toml; "
              "each kernel takes about 300 MB).",
    },
    "cli.bad_port": {"sv": "Ogiltig port: {port}", "en": "Invalid port: {port}"},
    "cli.bad_pool_max": {
        "sv": "Ogiltigt antal kärnor: {value} (0 eller fler)",
        "en": "Invalid number of kernels: {value} (0 or more)",
    },
}
