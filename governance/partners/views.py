from django.shortcuts import render
from django.utils import timezone


def partnership_detail(request, partnership):
    """Public facts about a partnership: its legal basis, its councils and who hosts it, over time."""
    partnership = request.partnership
    today = timezone.localdate()
    memberships = list(partnership.memberships.select_related("council").order_by("joined", "council__code"))
    hosts = list(partnership.hosts.select_related("council").order_by("start"))
    return render(
        request,
        "governance/partners/partnership_detail.html",
        {
            "partnership": partnership,
            "memberships": memberships,
            "current_members": [
                m for m in memberships if m.joined <= today and (m.left is None or m.left >= today)
            ],
            "hosts": hosts,
            "current_host": next(
                (h.council for h in hosts if h.start <= today and (h.end is None or h.end >= today)), None
            ),
            "today": today,
        },
    )
