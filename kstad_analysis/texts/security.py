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
}
