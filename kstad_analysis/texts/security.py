"""Texts for the phase-B security work of issue 17: who is logged in, refusals
in the apps, store failures, hidden tracebacks, upload limits, the audit page
and the server's host checks. Prefix ``sec.``."""

TEXTS = {
    "sec.login": {"sv": "Inloggad som {name} ({roles})", "en": "Logged in as {name} ({roles})"},
    "sec.local": {
        "sv": "Lokalt läge: {name} på den egna datorn ({roles})",
        "en": "Local mode: {name} on their own computer ({roles})",
    },
    "sec.shared.reader": {
        "sv": "Grupperingsbeslut och gruppnamn sparas av analytiker; du kan se dem här.",
        "en": "Grouping decisions and group names are saved by analysts; you can see them here.",
    },
    "sec.viktning.reader": {
        "sv": "Viktningsomgångar öppnas och stängs av analytiker; har du fått en personlig "
              "länk kan du svara via den.",
        "en": "Weighting rounds are opened and closed by analysts; if you were given a personal "
              "link you can answer through it.",
    },
    "sec.store.full": {
        "sv": "Lagret kunde inte spara: disken är full ({path}). Inget sparades; be IT-enheten "
              "frigöra utrymme och försök igen.",
        "en": "The store could not save: the disk is full ({path}). Nothing was saved; ask IT to "
              "free space and try again.",
    },
    "sec.store.io": {
        "sv": "Lagret kunde inte läsa eller skriva disken ({path}). Inget sparades; kontakta IT-enheten.",
        "en": "The store could not read or write the disk ({path}). Nothing was saved; contact IT.",
    },
    "sec.store.locked": {
        "sv": "Lagret är upptaget: någon annan har hållit det låst i mer än {seconds} s. "
              "Inget sparades; försök igen om en stund.",
        "en": "The store is busy: someone else has held it locked for more than {seconds} s. "
              "Nothing was saved; try again in a moment.",
    },
    "sec.store.corrupt": {
        "sv": "Lagringsfilen {path} är skadad eller ingen kstad-databas och kan inte användas. "
              "Inget ändrades; återställ den från säkerhetskopian.",
        "en": "The store file {path} is damaged or not a kstad database and cannot be used. "
              "Nothing was changed; restore it from the backup.",
    },
    "sec.store.readonly": {
        "sv": "Lagret {path} är skrivskyddat och kan bara läsas; inget sparades.",
        "en": "The store {path} is read-only and can only be read; nothing was saved.",
    },
    "sec.store.readonly_old": {
        "sv": "Lagret {path} är skrivskyddat och från en äldre kstad (schema {found}, behöver "
              "{known}); det kan inte uppgraderas här. Öppna det där det går att skriva.",
        "en": "The store {path} is read-only and from an older kstad (schema {found}, needs "
              "{known}); it cannot be upgraded here. Open it where it can be written.",
    },
    "sec.guard.error": {
        "sv": "Något gick fel i appen; det du gjorde sparades inte. Felet är loggat på servern "
              "(referens {ref}); ladda om sidan och försök igen.",
        "en": "Something went wrong in the app; what you did was not saved. The error is logged "
              "on the server (reference {ref}); reload the page and try again.",
    },
    "sec.guard.rejected": {
        "sv": "Värdet avvisades och det tidigare värdet visas igen (referens {ref}).",
        "en": "The value was refused and the previous value is shown again (reference {ref}).",
    },
    "sec.upload.for_all": {"sv": "För alla besökare", "en": "For every visitor"},
    "sec.upload.limit": {
        "sv": "Högst {limit} MB per uppladdning och {files} filer (xlsx eller csv).",
        "en": "At most {limit} MB per upload and {files} files (xlsx or csv).",
    },
    "sec.upload.too_big": {
        "sv": "Uppladdningen är {size} MB; högst {limit} MB går att ladda upp på en gång. "
              "Dela upp filerna eller be en analytiker läsa in dem med kstad app --data.",
        "en": "The upload is {size} MB; at most {limit} MB can be uploaded at once. "
              "Split the files or ask an analyst to load them with kstad app --data.",
    },
    "sec.upload.shared": {
        "sv": "Planer som en analytiker laddat upp för alla.",
        "en": "Plans an analyst uploaded for everyone.",
    },
    "sec.upload.kept_all": {
        "sv": "{files} godkändes och visas nu för alla besökare som inte har egna data.",
        "en": "{files} accepted and now shown to every visitor without their own data.",
    },
    "sec.audit.app": {"sv": "Granskning", "en": "Audit"},
    "sec.audit.app.desc": {
        "sv": "Vem som sparade, tog bort och beslutade vad, och när – för arkivet.",
        "en": "Who saved, deleted and decided what, and when – for the archive.",
    },
    "sec.audit.title": {"sv": "Granskning: händelseloggen", "en": "Audit: the event log"},
    "sec.audit.lead": {
        "sv": "Varje ändring i det gemensamma lagret med inloggningsnamn, roller, tid och version. "
              "Loggen kan bara utökas; exportera den till Excel för diariet.",
        "en": "Every change to the shared store with login, roles, time and version. The log can "
              "only grow; export it to Excel for the registry.",
    },
    "sec.audit.denied": {"sv": "Ingen behörighet.", "en": "Not authorised."},
    "sec.audit.search": {"sv": "Sök", "en": "Search"},
    "sec.audit.search_hint": {"sv": "användare, scenario, händelse", "en": "user, scenario, action"},
    "sec.audit.action": {"sv": "Händelse", "en": "Action"},
    "sec.audit.all": {"sv": "Alla", "en": "All"},
    "sec.audit.refresh": {"sv": "Uppdatera", "en": "Refresh"},
    "sec.audit.export": {"sv": "Exportera till Excel", "en": "Export to Excel"},
    "sec.audit.count": {
        "sv": "Visar {shown} av {matching} träffar ({total} händelser totalt), senaste först.",
        "en": "Showing {shown} of {matching} matches ({total} events in all), newest first.",
    },
    "sec.audit.empty": {"sv": "Inga händelser att visa.", "en": "No events to show."},
    "sec.cli.remote_needs_auth": {
        "sv": "kstad app har ingen inloggning och lyssnar därför bara på den egna datorn "
              "(127.0.0.1). {host} skulle låta alla i nätverket markera beslut och ta bort "
              "andras arbete. För många användare: JupyterHub (deploy/README.md). Vill du ändå "
              "lyssna på {host}, kräv en token: --token-file FIL (minst 24 tecken).",
        "en": "kstad app has no login and therefore listens on this machine only (127.0.0.1). "
              "{host} would let anyone on the network mark decisions and delete others' work. "
              "For many users: JupyterHub (deploy/README.md). To listen on {host} anyway, "
              "require a token: --token-file FILE (at least 24 characters).",
    },
    "sec.cli.bad_host": {"sv": "Ogiltig adress: {host}", "en": "Invalid address: {host}"},
    "sec.cli.token_unreadable": {
        "sv": "Tokenfilen {path} kunde inte läsas: {error}",
        "en": "The token file {path} could not be read: {error}",
    },
    "sec.cli.token_short": {
        "sv": "Tokenfilen {path} måste börja med en token på minst {min} tecken utan mellanslag.",
        "en": "The token file {path} must start with a token of at least {min} characters "
              "without spaces.",
    },
    "sec.cli.voila_arg": {
        "sv": "{arg} går inte att ange via --voila-args; använd --host, --token-file och "
              "--allow-host.",
        "en": "{arg} cannot be given through --voila-args; use --host, --token-file and "
              "--allow-host.",
    },
    "sec.cli.token_file": {
        "sv": "Fil med en token (minst 24 tecken) som varje besökare måste ange; krävs för "
              "annan adress än den egna datorn.",
        "en": "File with a token (at least 24 characters) every visitor must give; required "
              "for any address but this machine.",
    },
    "sec.cli.allow_host": {
        "sv": "Värdnamn som servern svarar på utöver 127.0.0.1/localhost (t.ex. kstad.kommun.se); "
              "kan upprepas. Andra Host-huvuden får 403.",
        "en": "Host name the server answers besides 127.0.0.1/localhost (e.g. kstad.kommun.se); "
              "may be repeated. Other Host headers get 403.",
    },
    "sec.host.refused": {
        "sv": "403: kstad svarar inte på det här värdnamnet (Host). Öppna appen via "
              "http://127.0.0.1 eller ett namn som startats med --allow-host.",
        "en": "403: kstad does not answer this host name (Host). Open the app through "
              "http://127.0.0.1 or a name started with --allow-host.",
    },
}
