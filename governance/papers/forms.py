"""Forms for reports, appendices and agenda packs (GOV.UK Frontend classes). They parse input, and check an
uploaded appendix before it is kept; the rules are the services'."""

from django import forms

from governance.audit.versions import VersionField
from governance.committees.forms import DateInput, GovukMixin
from governance.committees.models import Body, Withdrawal

from .models import AgendaPack, Report
from .pdf import pdf_problem
from .services import REPORT_FIELDS

MAX_APPENDIX_BYTES = 50 * 1024 * 1024
MARKDOWN_HINT = (
    "Markdown: a blank line between paragraphs (numbered when printed), “## ” for a heading, “1. ” or “- ” "
    "for lists, “| a | b |” rows for a table. HTML is shown as text."
)


class ReportForm(GovukMixin, forms.ModelForm):
    # The version of the report the form was loaded at (governance/audit/versions.py); a stale one is refused.
    version = VersionField(required=False)

    class Meta:
        model = Report
        fields = REPORT_FIELDS
        widgets = {"date": DateInput(format="%Y-%m-%d")}
        labels = {
            "title": "Report title",
            "report_of": "Report of",
            "submitted_to": "For submission to",
            "date": "Date",
            "summary": "Summary of report",
            "recommendations": "What decisions are being asked for?",
            "about": "What is this report about?",
            "why_necessary": "Why is this report necessary?",
            "options": "Options",
            "reasons": "What are the reasons for the recommended decisions?",
            "impacts_risks": "What are the impacts and risks? How will they be addressed?",
            "actions": "What actions will be taken and when following the decision?",
            "consultation": "Consultation",
            "legal": "Legal implications",
            "resources": "Resource implications",
            "contact_officer": "Contact officers",
            "background_papers": "Background papers",
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submitted_to"].queryset = Body.objects.filter(partnership=partnership)
        for name in (
            "summary",
            "about",
            "why_necessary",
            "options",
            "reasons",
            "impacts_risks",
            "actions",
            "consultation",
            "legal",
            "resources",
        ):
            self.fields[name].help_text = MARKDOWN_HINT
            self.fields[name].widget.attrs["rows"] = 6

    def _post_clean(self):
        # The service validates the model; the form only parses.
        pass

    def report_fields(self):
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class SignOffForm(GovukMixin, forms.Form):
    """Signing off is a button: the signer is the signed-in officer, never a typed name. The form carries the
    version the officer read, so that they never sign off text changed since."""

    version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "sign-off-%s")  # ids of its own on the report's page
        super().__init__(*args, **kwargs)


class AppendixForm(GovukMixin, forms.Form):
    title = forms.CharField(max_length=300, label="Title of the appendix")
    upload = forms.FileField(
        required=False,
        label="Upload a PDF",
        help_text="A PDF of up to 50 MB, not password-protected.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    body = forms.CharField(
        required=False,
        widget=forms.Textarea,
        label="Or write the appendix here",
        help_text=MARKDOWN_HINT,
    )

    def __init__(self, *args, **kwargs):
        # Ids of its own: on the report's page the report form has a "title" too, and each label must point
        # at its own field.
        kwargs.setdefault("auto_id", "appendix-%s")
        super().__init__(*args, **kwargs)
        self.fields["upload"].widget.attrs["class"] = "govuk-file-upload"

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return None
        if upload.size > MAX_APPENDIX_BYTES:
            raise forms.ValidationError("The file is larger than 50 MB.")
        upload.seek(0)
        problem = pdf_problem(upload.read(), max_bytes=MAX_APPENDIX_BYTES)
        upload.seek(0)
        if problem:
            raise forms.ValidationError(problem)
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("upload") and not (data.get("body") or "").strip():
            raise forms.ValidationError("Upload the appendix as a PDF, or write its text.")
        if data.get("upload") and (data.get("body") or "").strip():
            raise forms.ValidationError(
                "An appendix is either an uploaded PDF or text written here, not both."
            )
        return data


class BuildPackForm(GovukMixin, forms.Form):
    audience = forms.ChoiceField(
        choices=AgendaPack.Audience.choices,
        widget=forms.RadioSelect,
        initial=AgendaPack.Audience.PUBLIC,
        label="Which pack",
    )


class WithdrawForm(GovukMixin, forms.Form):
    """Withdrawing something published: why (the public is told) and the reason (kept in the record). The
    service checks both; the form only parses, so a missing one comes back with the service's message."""

    grounds = forms.ChoiceField(
        choices=Withdrawal.Grounds.choices,
        widget=forms.RadioSelect,
        required=False,
        label="Why is it withdrawn?",
    )
    reason = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=4000,
        label="Reason",
        help_text="Who advised it and why. Kept in the record of the withdrawal and its history; the public "
        "is told only the answer above.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].needed = True  # required by the service, which gives the message
        self.fields["reason"].widget.attrs["rows"] = 4
