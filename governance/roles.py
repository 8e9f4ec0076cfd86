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


def roles(*names):
    return frozenset(names)


# The sets of roles that pages are given, declared once: the access table (sharedservice/access.py) gives them
# to its URLs, and the views and selectors that narrow what a page shows use the same sets
# (tests/test_role_sets.py fails on a set of roles written anywhere else).
COMMITTEE_EDITORS = roles(Role.COMMITTEE_OFFICER, Role.ADMINISTRATOR)
COMMITTEE_READERS = roles(Role.COMMITTEE_OFFICER, Role.ADMINISTRATOR, Role.AUDITOR)
# Who reads the papers of a committee in full, exempt part included.
COMMITTEE_INSIDE = roles(Role.COMMITTEE_OFFICER, Role.ADMINISTRATOR, Role.AUDITOR, Role.MEMBER, Role.CIO)
DECISION_RECORDERS = roles(Role.CIO, Role.COMMITTEE_OFFICER, Role.ADMINISTRATOR)
DECISION_READERS = DECISION_RECORDERS | roles(Role.AUDITOR)
STAFFING_EDITORS = roles(Role.STAFFING_OFFICER, Role.ADMINISTRATOR)
STAFFING_READERS = STAFFING_EDITORS | roles(Role.CIO, Role.AUDITOR)
PORTFOLIO_EDITORS = roles(Role.COMMITTEE_OFFICER, Role.CIO, Role.ADMINISTRATOR)
PORTFOLIO_READERS = PORTFOLIO_EDITORS | roles(Role.MEMBER, Role.AUDITOR)
# Who edits the contracts register, and who reads it.
CONTRACT_EDITORS = roles(Role.CIO, Role.ADMINISTRATOR)
CONTRACT_READERS = CONTRACT_EDITORS | roles(
    Role.AUDITOR, Role.COMMITTEE_OFFICER, Role.FINANCE_OFFICER, Role.MEMBER
)
# Who reads the CIO dashboard (and asks for its board PDF, which only reads): the CIO, members, auditors and
# administrators. It shows figures from pages some of them cannot open; its links then say so (403).
DASHBOARD_READERS = roles(Role.CIO, Role.MEMBER, Role.AUDITOR, Role.ADMINISTRATOR)
# Who manages a partnership's finance whoever hosts it (with the host's finance officers).
FINANCE_MANAGERS = roles(Role.CIO, Role.ADMINISTRATOR)
# Who sees every council's finance records in a partnership (a finance officer sees their own council's).
EVERY_COUNCILS_FINANCE = roles(Role.CIO, Role.AUDITOR, Role.ADMINISTRATOR)
# Who may follow a job someone else asked for.
JOB_OVERSEERS = roles(Role.AUDITOR, Role.ADMINISTRATOR)
