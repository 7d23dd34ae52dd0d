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
}
