"""Texts for roles, refusals and the audit trail."""

TEXTS = {
    "access.role.lasare": {"sv": "läsare", "en": "reader"},
    "access.role.analytiker": {"sv": "analytiker", "en": "analyst"},
    "access.role.beslutsfattare": {"sv": "beslutsfattare", "en": "decision-maker"},
    "access.no_user": {
        "sv": "Ingen inloggad användare; logga in igen.",
        "en": "No logged-in user; log in again.",
    },
    "access.denied": {
        "sv": "{user} får inte {action}: det kräver rollen {role} (du har: {roles}).",
        "en": "{user} may not {action}: it needs the role {role} (you have: {roles}).",
    },
    "access.or": {"sv": " eller ", "en": " or "},
    "access.action.view": {"sv": "se apparna", "en": "see the apps"},
    "access.action.save_scenario": {"sv": "spara scenarier", "en": "save scenarios"},
    "access.action.delete_scenario": {"sv": "ta bort scenarier", "en": "delete scenarios"},
    "access.action.view_audit": {"sv": "läsa händelseloggen", "en": "read the audit log"},
    "access.action.export_audit": {"sv": "exportera händelseloggen", "en": "export the audit log"},
    "access.action.save_scenario_any": {
        "sv": "spara en ny version av någon annans scenario",
        "en": "save a new version of someone else's scenario",
    },
    "access.action.delete_scenario_any": {
        "sv": "ta bort någon annans scenario", "en": "delete someone else's scenario",
    },
    "access.action.upload_plans": {
        "sv": "ladda upp planer för alla", "en": "upload plans for everyone",
    },
    "access.action.save_grouping": {
        "sv": "spara grupperingsbeslut", "en": "save grouping decisions",
    },
    "access.action.delete_grouping": {
        "sv": "ta bort grupperingsbeslut", "en": "delete grouping decisions",
    },
    "access.action.name_group": {"sv": "namnge grupper", "en": "name groups"},
    "access.action.weighting_round": {
        "sv": "leda gruppviktningsrundor", "en": "run group weighting rounds",
    },
    "access.action.answer_round": {
        "sv": "svara i en gruppviktningsrunda", "en": "answer in a group weighting round",
    },
    "access.action.mark_decision": {
        "sv": "markera ett scenario som beslut", "en": "mark a scenario as the decision",
    },
    "audit.stale": {
        "sv": "Scenariot {name} har ändrats sedan du öppnade version {loaded} (senaste är {latest}); "
              "öppna det igen och kontrollera innan du markerar det som beslut.",
        "en": "Scenario {name} has changed since you opened version {loaded} (latest is {latest}); "
              "open it again and check it before marking it as the decision.",
    },
    "audit.stale_deleted": {
        "sv": "Scenariot {name} har tagits bort sedan du öppnade det.",
        "en": "Scenario {name} has been deleted since you opened it.",
    },
    "audit.column.id": {"sv": "Nr", "en": "No."},
    "audit.column.at": {"sv": "Tid (UTC)", "en": "Time (UTC)"},
    "audit.column.user": {"sv": "Användare", "en": "User"},
    "audit.column.roles": {"sv": "Roller", "en": "Roles"},
    "audit.column.action": {"sv": "Händelse", "en": "Action"},
    "audit.column.target": {"sv": "Gäller", "en": "Target"},
    "audit.column.version": {"sv": "Version", "en": "Version"},
    "audit.column.detail": {"sv": "Detaljer", "en": "Details"},
    "audit.sheet": {"sv": "Händelselogg", "en": "Audit log"},
    "audit.action.save_scenario": {"sv": "sparade scenario", "en": "saved scenario"},
    "audit.action.delete_scenario": {"sv": "tog bort scenario", "en": "deleted scenario"},
    "audit.action.mark_decision": {"sv": "markerade som beslut", "en": "marked as the decision"},
    "audit.action.save_grouping": {"sv": "sparade grupperingsbeslut", "en": "saved grouping decision"},
    "audit.action.delete_grouping": {
        "sv": "tog bort grupperingsbeslut", "en": "deleted grouping decision",
    },
    "audit.action.name_group": {"sv": "namngav grupp", "en": "named group"},
    "audit.action.unname_group": {"sv": "tog bort gruppnamn", "en": "removed group name"},
    "audit.action.server_start": {"sv": "loggade in (server startad)", "en": "logged in (server started)"},
    "audit.action.upload_plans": {"sv": "laddade upp planer för alla", "en": "uploaded plans for everyone"},
    "audit.action.reset_plans": {
        "sv": "återställde planerna för alla", "en": "reset the plans for everyone",
    },
    "audit.action.open_round": {"sv": "öppnade viktningsomgång", "en": "opened weighting round"},
    "audit.action.save_answer": {
        "sv": "sparade svar i viktningsomgång", "en": "saved answer in weighting round",
    },
    "audit.action.close_round": {"sv": "stängde viktningsomgång", "en": "closed weighting round"},
    "audit.append_only": {
        "sv": "Händelseloggen kan bara utökas, aldrig ändras eller rensas.",
        "en": "The audit log can only be appended to, never changed or cleared.",
    },
    "hub.too_many_kernels": {
        "sv": "Du har redan {limit} appar öppna; stäng en flik och försök igen.",
        "en": "You already have {limit} apps open; close a tab and try again.",
    },
    "hub.not_under_hub": {
        "sv": "kstad_analysis.hub_app startas av JupyterHub (JUPYTERHUB_SERVICE_PREFIX och "
              "JUPYTERHUB_SERVICE_URL saknas); för en enskild användare: kstad app.",
        "en": "kstad_analysis.hub_app is started by JupyterHub (JUPYTERHUB_SERVICE_PREFIX and "
              "JUPYTERHUB_SERVICE_URL are missing); for a single user: kstad app.",
    },
}
