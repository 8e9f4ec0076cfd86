"""The pages delegations serves for committees' records (registered with governance.committees.pages)."""

from django.urls import reverse


def decisions_url(*, partnership):
    """The decisions register: resolutions and officer decisions."""
    return reverse("governance:decisions", kwargs={"partnership": partnership})
