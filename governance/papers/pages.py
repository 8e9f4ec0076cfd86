"""The pages papers serves for committees' records (registered with governance.committees.pages)."""

from django.urls import reverse


def meeting_url(*, partnership, meeting):
    """The meeting page: its agenda, papers and packs."""
    return reverse("governance:meeting", kwargs={"partnership": partnership, "meeting": meeting})
