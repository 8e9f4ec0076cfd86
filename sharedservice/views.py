from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from governance.api import token_expires_at
from governance.papers.deadlines import upcoming_deadlines
from governance.partners.selectors import public_partnerships, role_assignments_for
from governance.roles import ROLE_DESCRIPTIONS, Role

from . import forms, passwords, services
from .access import rule_for
from .dashboard.views import page as dashboard_page
from .middleware import principals

# What each role's home page offers, as (label, URL name, description); only the links the access table
# allows are shown.
ROLE_TASKS = {
    Role.COMMITTEE_OFFICER: [
        ("Meetings", "governance:meetings", "Create meetings, build and publish agendas, record minutes."),
        (
            "Decisions register",
            "governance:decisions",
            "Every resolution, filtered by body, date and council.",
        ),
    ],
    Role.MEMBER: [
        (
            "CIO dashboard",
            "dashboard:home",
            "The shared service at a glance: money, contracts, people, decisions.",
        ),
        ("Meetings and papers", "governance:meetings", "Agendas and reports, exempt items included."),
        ("Decisions register", "governance:decisions", "Past resolutions of the bodies."),
    ],
    Role.AUDITOR: [
        ("Change history", "changes", "Every change to every record, and a CSV export of it."),
        (
            "CIO dashboard",
            "dashboard:home",
            "The shared service at a glance: money, contracts, people, decisions.",
        ),
    ],
    Role.FINANCE_OFFICER: [
        (
            "Recharge statements",
            "finance:statements",
            "Quarterly statements and the true-up, as PDF and CSV.",
        ),
        (
            "Budgets and forecasts",
            "finance:home",
            "Budgets, control totals, forecasts, variances and savings.",
        ),
    ],
    Role.CIO: [
        (
            "CIO dashboard",
            "dashboard:home",
            "Money, contracts, people, decisions and the portfolio at a glance.",
        ),
        ("Meetings and papers", "governance:meetings", "Agendas, reports and minutes of the bodies."),
        ("Decisions register", "governance:decisions", "Resolutions, including delegations to you."),
        (
            "Budgets and forecasts",
            "finance:home",
            "Budget against forecast by line, one-off underspends, savings.",
        ),
        ("Recharge statements", "finance:statements", "Draft and issue every council's statements."),
        (
            "Record a decision",
            "governance:officer_decision_create",
            "A decision under delegation, with the checks that it may be taken.",
        ),
        ("Forward plan", "governance:forward_plan", "Key decisions to come, with their notice."),
        ("Scheme of delegation", "governance:delegations", "What you may decide, and the councils' rules."),
    ],
    Role.STAFFING_OFFICER: [
        ("Establishment", "staffing:establishment", "Posts, holders, secondments and agency cover."),
        ("Structure chart", "staffing:chart", "Who reports to whom, printable."),
        ("Restructures", "staffing:restructures", "Posts deleted and created, with their consultation."),
    ],
    Role.ADMINISTRATOR: [
        ("Change history", "changes", "Every change to every record, and a CSV export of it."),
        ("Administration", "admin:index", "Councils, partnerships, members, hosts, people and their roles."),
    ],
}


def _links_for(request, role, partnership=None):

    links = []
    for label, name, description in ROLE_TASKS.get(role, []):
        namespace = name.split(":")[0] if ":" in name else ""
        rule = rule_for(name, namespace)
        if rule and principals(request.user, partnership) & rule.read:
            try:
                url = reverse(name)
            except NoReverseMatch:
                # A partnership page: linked for the partnership the role is held for.
                if partnership is None:
                    continue
                url = reverse(name, kwargs={"partnership": partnership.slug})
            links.append({"label": label, "url": url, "description": description})
    return links


def home(request):
    """The public home page for visitors; for people who sign in, a section for each role they hold."""
    partnerships = list(public_partnerships())
    if not request.user.is_authenticated:
        return render(request, "home_public.html", {"partnerships": partnerships})
    sections = []
    assignments = role_assignments_for(request.user)
    if request.user.is_superuser and not any(a.role == Role.ADMINISTRATOR for a in assignments):
        sections.append(
            {
                "role": Role.ADMINISTRATOR,
                "label": Role.ADMINISTRATOR.label,
                "partnership": None,
                "council": None,
            }
        )
    for a in assignments:
        sections.append(
            {
                "role": Role(a.role),
                "label": a.get_role_display(),
                "partnership": a.partnership,
                "council": a.council,
            }
        )
    for section in sections:
        section["meetings"] = []
        if section["role"] == Role.COMMITTEE_OFFICER and section["partnership"] is not None:
            # The committee officer's meetings to come, with every deadline and what is still missing.
            section["meetings"] = upcoming_deadlines(section["partnership"], timezone.localdate())
        section["description"] = ROLE_DESCRIPTIONS[section["role"]]
        section["links"] = _links_for(request, section["role"], section["partnership"])
        section["slug"] = section["role"].value.replace("_", "-")
    cio_in = [s["partnership"] for s in sections if s["role"] == Role.CIO and s["partnership"] is not None]
    if cio_in and all(s["role"] == Role.CIO for s in sections):
        # The CIO's home page is the dashboard of their first partnership, with their work below it.
        return dashboard_page(request, cio_in[0], extra={"sections": sections})
    return render(request, "home.html", {"sections": sections, "partnerships": partnerships})


def api_token(request):
    """The signed-in user's API token for the finance endpoints of the JSON API: issue (or replace) it, or
    revoke it. The key is shown once, on the page that issues it; afterwards only its last four characters."""
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "issue":
            new_key = services.api_token_issue(user=request.user, by=request.user).key
        elif action == "revoke":
            services.api_token_revoke(user=request.user, by=request.user)
            return redirect("api_token")
        else:
            return render(
                request,
                "registration/api_token.html",
                {"bad_action": True, "days": settings.API_TOKEN_DAYS},
                status=400,
            )
    token = Token.objects.filter(user=request.user).first()
    expires = token_expires_at(token) if token else None
    return render(
        request,
        "registration/api_token.html",
        {
            "token": token,
            "new_key": new_key,
            "last_four": token.key[-4:] if token else "",
            "expires": expires,
            "expired": expires is not None and expires <= timezone.now(),
            "days": settings.API_TOKEN_DAYS,
        },
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, refusing (429) an address that has asked PASSWORD_RESET_PER_ADDRESS times this hour."""

    form_class = forms.PasswordReset
    email_template_name = passwords.EMAIL_TEMPLATE

    def post(self, request, *args, **kwargs):
        if not passwords.address_allowed(request):
            return render(request, "registration/password_reset_paused.html", status=429)
        return super().post(request, *args, **kwargs)
