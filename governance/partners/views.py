from django.shortcuts import render
from django.utils import timezone

from .public import partnership_page


def partnership_detail(request, partnership):
    """Public facts about a partnership: its legal basis, its councils and who hosts it, over time. Read
    through the public projection (dataclasses, never the models)."""
    today = timezone.localdate()
    return render(
        request,
        "governance/partners/partnership_detail.html",
        {**partnership_page(request.partnership, today), "today": today},
    )
