"""The access table: for every named URL of the project, which roles may read it (GET, HEAD) and which may
write through it (POST and the other unsafe methods).

This table is enforced for every request by `AccessTableMiddleware` and walked by
`tests/test_access_table.py`, which fails when a URL of the project is missing from it or when any role
can reach what it denies. A URL that is not in the table is refused to everybody.

Where a URL names a partnership (`<slug:partnership>`), a role counts only if it is held for that
partnership (or, for auditors and administrators, for every partnership). Views then narrow further where a
role is scoped to a council (a Haringey finance officer sees Haringey's statements only).
"""

from dataclasses import dataclass

from governance.roles import (  # noqa: F401  (the table's sets of roles, declared once)
    COMMITTEE_EDITORS,
    COMMITTEE_INSIDE,
    COMMITTEE_READERS,
    CONTRACT_EDITORS,
    CONTRACT_READERS,
    DASHBOARD_READERS,
    DECISION_READERS,
    DECISION_RECORDERS,
    PORTFOLIO_EDITORS,
    PORTFOLIO_READERS,
    STAFFING_EDITORS,
    STAFFING_READERS,
    Role,
    roles,
)

PUBLIC = "public"  # everybody, signed in or not
SIGNED_IN = "signed_in"  # anybody signed in, whatever their roles

EVERYONE = frozenset({PUBLIC})
NOBODY = frozenset()
ANY_SIGNED_IN = frozenset({SIGNED_IN})
ALL_ROLES = frozenset(Role)
COMMITTEE_OFFICER = Role.COMMITTEE_OFFICER
FINANCE_OFFICER = Role.FINANCE_OFFICER
CIO = Role.CIO
MEMBER = Role.MEMBER
AUDITOR = Role.AUDITOR
ADMINISTRATOR = Role.ADMINISTRATOR
STAFFING_OFFICER = Role.STAFFING_OFFICER


@dataclass(frozen=True)
class Rule:
    read: frozenset
    write: frozenset = NOBODY
    # An API endpoint that accepts a token (Authorization: Token <key>, issued on the account page): the
    # middleware reads it and applies this rule to the token's user, as if they had signed in.
    token: bool = False


# The sets of roles given to pages are declared once, in governance/roles.py, where the views that narrow what
# a page shows read them too.


ACCESS = {
    # The site
    "home": Rule(read=EVERYONE),
    "login": Rule(read=EVERYONE, write=EVERYONE),
    "logout": Rule(read=NOBODY, write=ANY_SIGNED_IN),
    # Passwords: a signed-in person changes their own; anybody may ask for a reset link by email.
    "password_change": Rule(read=ANY_SIGNED_IN, write=ANY_SIGNED_IN),
    "password_change_done": Rule(read=ANY_SIGNED_IN),
    "password_reset": Rule(read=EVERYONE, write=EVERYONE),
    "password_reset_done": Rule(read=EVERYONE),
    "password_reset_confirm": Rule(read=EVERYONE, write=EVERYONE),
    "password_reset_complete": Rule(read=EVERYONE),
    "changes": Rule(read=roles(AUDITOR, ADMINISTRATOR)),
    "changes_export": Rule(read=NOBODY, write=roles(AUDITOR, ADMINISTRATOR)),
    # Background jobs: the view checks that the job is the user's own, or that they audit or administer.
    "jobs:detail": Rule(read=ANY_SIGNED_IN),
    "jobs:progress": Rule(read=ANY_SIGNED_IN),
    "jobs:download": Rule(read=ANY_SIGNED_IN),
    # Governance: partnerships (public facts)
    "governance:partnership": Rule(read=EVERYONE),
    # Finance: officers see their own council's statements (views narrow to the council; the host's finance
    # officers and the CIO see all, and they alone draft, issue, import and change settings).
    "finance:home": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    "finance:budget": Rule(
        read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR),
        write=roles(FINANCE_OFFICER, CIO, ADMINISTRATOR),
    ),
    "finance:forecast": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    "finance:savings": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    "finance:reconciliation_staff": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    "finance:reconciliation_contracts": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    "finance:import": Rule(
        read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR),
        write=roles(FINANCE_OFFICER, CIO, ADMINISTRATOR),
    ),
    "finance:settlement": Rule(
        read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR),
        write=roles(FINANCE_OFFICER, CIO, ADMINISTRATOR),
    ),
    # Invoicing settings: everyone with finance pages reads them (bank details shown to finance officers
    # only); the host's finance officers edit the partnership's, each council's its own address and POs.
    "finance:invoicing": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    "finance:invoicing_edit": Rule(read=roles(FINANCE_OFFICER), write=roles(FINANCE_OFFICER)),
    "finance:billing_profile": Rule(read=roles(FINANCE_OFFICER), write=roles(FINANCE_OFFICER)),
    "finance:statements": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    "finance:aged_debt": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    "finance:statements_run": Rule(read=NOBODY, write=roles(FINANCE_OFFICER, CIO, ADMINISTRATOR)),
    "finance:statements_zip": Rule(read=NOBODY, write=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    "finance:statement": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    "finance:statement_pdf": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    "finance:statement_csv": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    "finance:statement_ubl": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR)),
    # Payments on an issued statement: recorded (and reversed in error) by those who manage the partnership's
    # finance, the host's finance officers, the CIO and administrators (the views check the host).
    "finance:statement_payment": Rule(read=NOBODY, write=roles(FINANCE_OFFICER, CIO, ADMINISTRATOR)),
    "finance:payment_reverse": Rule(
        read=roles(FINANCE_OFFICER, CIO, ADMINISTRATOR), write=roles(FINANCE_OFFICER, CIO, ADMINISTRATOR)
    ),
    # Committee business, the public site: everyone reads; the views show drafts and exempt items only
    # to committee officers, administrators, auditors, members and the CIO of the partnership.
    "governance:body": Rule(read=EVERYONE),
    "governance:meetings": Rule(read=EVERYONE),
    "governance:members": Rule(read=EVERYONE),
    "governance:person": Rule(read=EVERYONE),
    "governance:meeting": Rule(read=EVERYONE),
    "governance:minutes": Rule(read=EVERYONE),
    "governance:decisions": Rule(read=EVERYONE),
    "governance:meetings_ics": Rule(read=EVERYONE),
    "governance:decisions_atom": Rule(read=EVERYONE),
    # The Modern.gov-compatible web service (opendata/modern_gov.py): public data only.
    "mg_service": Rule(read=EVERYONE),
    "mg_operation": Rule(read=EVERYONE),
    # OParl 1.1 (opendata/oparl.py): the public projections only, for everyone.
    "oparl_system": Rule(read=EVERYONE),
    "oparl_bodies": Rule(read=EVERYONE),
    "oparl_body": Rule(read=EVERYONE),
    "oparl_list": Rule(read=EVERYONE),
    "oparl_object": Rule(read=EVERYONE),
    # E-mail alerts and feeds (engagement): anyone subscribes, confirms, unsubscribes and manages their own
    # alerts through signed links (no account); the counts of subscribers are for committee officers, auditors
    # and administrators, the addresses for administrators only (the view decides).
    "engagement:subscribe": Rule(read=EVERYONE, write=EVERYONE),
    "engagement:subscribe_sent": Rule(read=EVERYONE),
    "engagement:confirm": Rule(read=EVERYONE, write=EVERYONE),
    "engagement:unsubscribe": Rule(read=EVERYONE, write=EVERYONE),
    "engagement:manage_request": Rule(read=EVERYONE, write=EVERYONE),
    "engagement:manage": Rule(read=EVERYONE, write=EVERYONE),
    "engagement:privacy": Rule(read=EVERYONE),
    "engagement:counts": Rule(read=COMMITTEE_READERS),
    "engagement:committee_atom": Rule(read=EVERYONE),
    "engagement:forward_plan_atom": Rule(read=EVERYONE),
    # Search of every public paper, its Atom feed and its API (engagement): public documents only, for everyone.
    "engagement:search": Rule(read=EVERYONE),
    "engagement:search_atom": Rule(read=EVERYONE),
    # Committee business, the editors: committee officers and administrators write; auditors read.
    "governance:body_members": Rule(read=NOBODY, write=COMMITTEE_EDITORS),
    "governance:meeting_create": Rule(read=COMMITTEE_EDITORS, write=COMMITTEE_EDITORS),
    "governance:meeting_edit": Rule(read=COMMITTEE_READERS, write=COMMITTEE_EDITORS),
    "governance:agenda_edit": Rule(read=COMMITTEE_READERS),
    "governance:agenda_item_add": Rule(read=NOBODY, write=COMMITTEE_EDITORS),
    "governance:agenda_item_edit": Rule(read=COMMITTEE_READERS, write=COMMITTEE_EDITORS),
    "governance:agenda_item_remove": Rule(read=COMMITTEE_EDITORS, write=COMMITTEE_EDITORS),  # GET: confirm
    "governance:agenda_item_move": Rule(read=NOBODY, write=COMMITTEE_EDITORS),
    "governance:agenda_item_minutes_of": Rule(read=NOBODY, write=COMMITTEE_EDITORS),
    "governance:agenda_reorder": Rule(read=NOBODY, write=COMMITTEE_EDITORS),
    "governance:agenda_publish": Rule(read=NOBODY, write=COMMITTEE_EDITORS),
    "governance:minutes_edit": Rule(read=COMMITTEE_READERS, write=COMMITTEE_EDITORS),
    # The action log: those who read the papers inside (exempt items' actions included) see it; committee
    # officers record progress and completion.
    "governance:actions": Rule(read=roles(COMMITTEE_OFFICER, ADMINISTRATOR, AUDITOR, MEMBER, CIO)),
    "governance:action_update": Rule(read=COMMITTEE_EDITORS, write=COMMITTEE_EDITORS),
    # Reports and agenda packs: committee officers and administrators write reports and build packs; members,
    # the CIO and auditors read them. The public reaches the report, decision and pack URLs, and the views show
    # it only published, non-exempt reports and published public packs.
    "governance:papers": Rule(read=COMMITTEE_INSIDE),
    "governance:pack_build": Rule(read=NOBODY, write=COMMITTEE_EDITORS),
    "governance:pack_download": Rule(read=EVERYONE),
    "governance:front_sheet_pdf": Rule(read=COMMITTEE_INSIDE),
    # Supplementary agendas are public once issued (the view shows only issued ones). Withdrawing something
    # published from the public is the committee officers' (a confirmation page, then the withdrawal).
    "governance:supplement_pdf": Rule(read=EVERYONE),
    "governance:withdraw_confirm": Rule(read=COMMITTEE_EDITORS, write=COMMITTEE_EDITORS),
    "governance:minutes_pdf": Rule(read=EVERYONE),
    "governance:report_detail": Rule(read=EVERYONE),
    "governance:report_pdf": Rule(read=EVERYONE),
    "governance:report_edit": Rule(read=COMMITTEE_READERS, write=COMMITTEE_EDITORS),
    "governance:report_sign_off": Rule(read=NOBODY, write=COMMITTEE_EDITORS),
    "governance:appendix_add": Rule(read=NOBODY, write=COMMITTEE_EDITORS),
    "governance:appendix_file": Rule(read=EVERYONE),
    "governance:appendix_remove": Rule(read=NOBODY, write=COMMITTEE_EDITORS),
    "governance:decision_notice_pdf": Rule(read=EVERYONE),
    # Delegations, officer decisions and the forward plan. The public reads the scheme of delegation, the
    # forward plan and published decision notices (the view hides drafts and exempt parts). The CIO,
    # committee officers and administrators record decisions; auditors read everything and write nothing;
    # administrators edit rules and delegations in the admin.
    "governance:delegations": Rule(read=EVERYONE),
    "governance:forward_plan": Rule(read=EVERYONE),
    "governance:forward_plan_ics": Rule(read=EVERYONE),
    "governance:officer_decision": Rule(read=EVERYONE),
    "governance:forward_plan_entry_create": Rule(read=DECISION_READERS, write=DECISION_RECORDERS),
    # A key decision on an agenda and its forward plan notice: the people who keep agendas and the plan.
    "governance:agenda_item_forward_plan": Rule(read=DECISION_READERS, write=DECISION_RECORDERS),
    "governance:officer_decisions": Rule(read=DECISION_READERS | roles(MEMBER)),
    "governance:parallel_decisions": Rule(read=DECISION_READERS | roles(MEMBER)),
    "governance:officer_decision_create": Rule(read=DECISION_READERS, write=DECISION_RECORDERS),
    "governance:officer_decision_edit": Rule(read=DECISION_READERS, write=DECISION_RECORDERS),
    "governance:officer_decision_take": Rule(read=NOBODY, write=DECISION_RECORDERS),
    "governance:parallel_decision_record": Rule(read=NOBODY, write=DECISION_RECORDERS),
    # Staffing: the new staffing officer role and administrators edit posts, holders and restructures; the CIO
    # and auditors read; finance officers read the cost page only. The public sees none of these pages,
    # only the posts (no names, no salaries) through the API (api:posts, staffing.public).
    # Post holders' names are personal data: the views show them only to the CIO, administrators and the
    # staffing officers of the holder's own council (staffing.selectors.name_scope).
    "staffing:establishment": Rule(read=STAFFING_READERS),
    "staffing:export": Rule(read=STAFFING_READERS),
    "staffing:import": Rule(read=STAFFING_EDITORS, write=STAFFING_EDITORS),
    "staffing:chart": Rule(read=STAFFING_READERS),
    "staffing:vacancies": Rule(read=STAFFING_READERS),
    "staffing:ending": Rule(read=STAFFING_READERS),
    "staffing:cost": Rule(read=STAFFING_READERS | roles(FINANCE_OFFICER)),
    "staffing:post": Rule(read=STAFFING_READERS),
    "staffing:post_create": Rule(read=STAFFING_EDITORS, write=STAFFING_EDITORS),
    "staffing:post_edit": Rule(read=STAFFING_EDITORS, write=STAFFING_EDITORS),
    "staffing:holder_add": Rule(read=STAFFING_EDITORS, write=STAFFING_EDITORS),
    "staffing:holder_extend": Rule(read=STAFFING_EDITORS, write=STAFFING_EDITORS),
    "staffing:restructures": Rule(read=STAFFING_READERS),
    "staffing:restructure_create": Rule(read=STAFFING_EDITORS, write=STAFFING_EDITORS),
    "staffing:restructure": Rule(read=STAFFING_READERS),
    "staffing:restructure_delete_post": Rule(read=NOBODY, write=STAFFING_EDITORS),
    "staffing:restructure_create_post": Rule(read=NOBODY, write=STAFFING_EDITORS),
    "staffing:restructure_apply": Rule(read=NOBODY, write=STAFFING_EDITORS),
    # The shared technology portfolio: members and auditors read it; committee officers, the CIO and
    # administrators keep it. The public sees none of it (projects, scores and risks are internal).
    "governance:portfolio": Rule(read=PORTFOLIO_READERS),
    "governance:programme": Rule(read=PORTFOLIO_READERS),
    "governance:project": Rule(read=PORTFOLIO_READERS),
    "governance:project_edit": Rule(read=PORTFOLIO_EDITORS, write=PORTFOLIO_EDITORS),
    "governance:highlight_create": Rule(read=PORTFOLIO_EDITORS, write=PORTFOLIO_EDITORS),
    "governance:proposals": Rule(read=PORTFOLIO_READERS),
    "governance:proposal_create": Rule(read=PORTFOLIO_EDITORS, write=PORTFOLIO_EDITORS),
    "governance:proposal_score": Rule(read=PORTFOLIO_EDITORS, write=PORTFOLIO_EDITORS),
    "governance:proposal_decide": Rule(read=PORTFOLIO_EDITORS, write=PORTFOLIO_EDITORS),
    "governance:proposal_table": Rule(read=NOBODY, write=PORTFOLIO_EDITORS),
    "governance:highlights": Rule(read=PORTFOLIO_READERS),
    "governance:delivery_pack_build": Rule(read=NOBODY, write=PORTFOLIO_EDITORS),
    "governance:risks": Rule(read=PORTFOLIO_READERS),
    "governance:risk_create": Rule(read=PORTFOLIO_EDITORS, write=PORTFOLIO_EDITORS),
    "governance:risk_edit": Rule(read=PORTFOLIO_EDITORS, write=PORTFOLIO_EDITORS),
    # Procurement: the contracts register. The CIO and administrators edit contracts, award them, import and
    # export; committee officers, finance officers, members and auditors read the register, pipeline and plans.
    # Everyone reads the Transparency Code contracts data (the public site; procurement.public only).
    "procurement:contracts": Rule(read=CONTRACT_READERS),
    "procurement:contract": Rule(read=CONTRACT_READERS),
    "procurement:pipeline": Rule(read=CONTRACT_READERS),
    "procurement:coterminus": Rule(read=CONTRACT_READERS),
    "procurement:export": Rule(read=CONTRACT_READERS),
    "procurement:contract_create": Rule(read=CONTRACT_EDITORS, write=CONTRACT_EDITORS),
    "procurement:supplier_create": Rule(read=CONTRACT_EDITORS, write=CONTRACT_EDITORS),
    "procurement:contract_edit": Rule(read=CONTRACT_EDITORS, write=CONTRACT_EDITORS),
    "procurement:contract_award": Rule(read=NOBODY, write=CONTRACT_EDITORS),
    "procurement:import": Rule(read=CONTRACT_EDITORS | roles(AUDITOR), write=CONTRACT_EDITORS),
    "procurement:transparency": Rule(read=EVERYONE),
    "procurement:transparency_csv": Rule(read=EVERYONE),
    # The JSON API (/api/v1/, each app's api.py). Public: what the public site shows, read through the rooms'
    # public.py projections. Finance: a token or a session of someone who reads the finance pages; the
    # selectors narrow to the councils they may see, as the statements pages do.
    "api_token": Rule(read=ANY_SIGNED_IN, write=ANY_SIGNED_IN),
    "api:schema": Rule(read=EVERYONE),
    "api:docs": Rule(read=EVERYONE),
    "api:partnerships": Rule(read=EVERYONE),
    "api:partnership": Rule(read=EVERYONE),
    "api:search": Rule(read=EVERYONE),  # engagement/api.py: public documents only
    "api:bodies": Rule(read=EVERYONE),
    "api:meetings": Rule(read=EVERYONE),
    "api:meeting": Rule(read=EVERYONE),
    "api:resolutions": Rule(read=EVERYONE),
    "api:people": Rule(read=EVERYONE),
    "api:person": Rule(read=EVERYONE),
    "api:memberships": Rule(read=EVERYONE),
    "api:officer_decisions": Rule(read=EVERYONE),
    "api:officer_decision": Rule(read=EVERYONE),
    "api:forward_plan": Rule(read=EVERYONE),
    "api:contracts": Rule(read=EVERYONE),
    # The establishment's posts, no names or salaries (staffing.public): public, as the Transparency Code asks.
    "api:posts": Rule(read=EVERYONE),
    "api:finance_statements": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR), token=True),
    "api:finance_statement": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR), token=True),
    "api:finance_statement_ubl": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR), token=True),
    "api:finance_budget": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR), token=True),
    "api:finance_forecast": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR), token=True),
    "api:finance_actuals": Rule(read=roles(FINANCE_OFFICER, CIO, AUDITOR, ADMINISTRATOR), token=True),
    # The CIO dashboard: the shared service at a glance, and its PDF for the board (built by a worker).
    "dashboard:home": Rule(read=DASHBOARD_READERS),
    "dashboard:board_pdf": Rule(read=NOBODY, write=DASHBOARD_READERS),
    # Django's admin, every page of it
    "admin:*": Rule(read=roles(ADMINISTRATOR), write=roles(ADMINISTRATOR)),
}


def rule_for(view_name: str, namespace: str = "") -> Rule | None:
    """The rule for a resolved URL: its own entry, or its namespace's wildcard entry."""
    if view_name in ACCESS:
        return ACCESS[view_name]
    if namespace:
        return ACCESS.get(f"{namespace}:*")
    return None
