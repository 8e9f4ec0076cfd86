from django import forms

from .alerts import SEARCH_TYPES
from .models import Subscription
from .services import BAD_ADDRESS, NO_SUCH_COMMITTEE, SEARCH_NEEDS_WORDS


class SubscribeForm(forms.Form):
    """What to follow, how often, and where to send it. The partnership's committees are the choices of a
    committee subscription and of a search's committee filter."""

    kind = forms.ChoiceField(
        label="What do you want to follow?", choices=Subscription.Kind.choices, widget=forms.RadioSelect
    )
    body_slug = forms.ChoiceField(
        label="Committee or board", required=False, widget=forms.Select(attrs={"class": "govuk-select"})
    )
    query = forms.CharField(
        label="Words to search for",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds"}),
    )
    search_type = forms.ChoiceField(
        label="Only this kind of record",
        required=False,
        choices=[("", "Everything")] + list(SEARCH_TYPES.items()),
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    search_committee = forms.ChoiceField(
        label="Only this committee or board",
        required=False,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    frequency = forms.ChoiceField(
        label="How often?",
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.DAILY,
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        error_messages={"invalid": BAD_ADDRESS, "required": BAD_ADDRESS},
        widget=forms.EmailInput(
            attrs={
                "class": "govuk-input govuk-!-width-two-thirds",
                "autocomplete": "email",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(b.slug, b.name) for b in bodies]
        self.fields["body_slug"].choices = [("", "Choose a committee or board")] + choices
        self.fields["search_committee"].choices = [("", "Every committee and board")] + choices

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Subscription.Kind.COMMITTEE and not data.get("body_slug"):
            self.add_error("body_slug", NO_SUCH_COMMITTEE)
        if kind == Subscription.Kind.SEARCH and not (data.get("query") or "").strip():
            self.add_error("query", SEARCH_NEEDS_WORDS)
        return data

    def filters(self):
        data = self.cleaned_data
        return {"type": data.get("search_type") or "", "committee": data.get("search_committee") or ""}


class ManageLinkForm(forms.Form):
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        error_messages={"invalid": BAD_ADDRESS, "required": BAD_ADDRESS},
        widget=forms.EmailInput(
            attrs={
                "class": "govuk-input govuk-!-width-two-thirds",
                "autocomplete": "email",
                "spellcheck": "false",
            }
        ),
    )
