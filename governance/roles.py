"""The roles a person can hold, and what a role is for. Pure: no database access here."""

from django.db import models


class Role(models.TextChoices):
    COMMITTEE_OFFICER = "committee_officer", "Committee officer"
    FINANCE_OFFICER = "finance_officer", "Finance officer"
    CIO = "cio", "Chief information officer"
    MEMBER = "member", "Member"
    AUDITOR = "auditor", "Auditor"
    ADMINISTRATOR = "administrator", "Administrator"
    STAFFING_OFFICER = "staffing_officer", "Staffing officer"


ROLE_DESCRIPTIONS = {
    Role.COMMITTEE_OFFICER: "Builds and publishes agendas, assembles report packs, records minutes and decisions.",
    Role.FINANCE_OFFICER: "Runs and downloads quarterly recharge statements for their council.",
    Role.CIO: "Reviews budget against forecast, savings, contracts, vacancies and decisions due.",
    Role.MEMBER: "Reads the papers of the bodies they sit on, including exempt items.",
    Role.AUDITOR: "Reads everything, changes nothing: the audit trail of every record.",
    Role.ADMINISTRATOR: "Manages councils, partnerships, people and their roles.",
    Role.STAFFING_OFFICER: "Keeps the establishment: posts, post holders, secondments and restructures.",
}

# Roles that may be held for every partnership at once (the partnership left blank).
SYSTEM_WIDE_ROLES = {Role.AUDITOR, Role.ADMINISTRATOR}
