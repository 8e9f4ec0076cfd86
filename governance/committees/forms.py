"""Forms for committee business, rendered with GOV.UK Frontend classes. They only parse input; the rules
are the services'."""

import django_filters
from django import forms
from django.db.models import Q

from governance import formfields
from governance.audit.versions import VersionField
from governance.partners.models import Council
from governance.widgets import GovukDateInput

from .models import Action, AgendaItem, Attendance, Body, BodyMember, Meeting, Resolution
from .services import ITEM_FIELDS, MEETING_DETAIL_FIELDS


class GovukMixin:
    """Puts GOV.UK Frontend classes on the widgets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            w = field.widget
            if isinstance(w, forms.CheckboxInput):
                w.attrs.setdefault("class", "govuk-checkboxes__input")
            elif isinstance(w, forms.Select):
                w.attrs.setdefault("class", "govuk-select")
            elif isinstance(w, forms.Textarea):
                w.attrs.setdefault("class", "govuk-textarea")
                w.attrs.setdefault("rows", 3)
            elif not isinstance(w, forms.HiddenInput):
                w.attrs.setdefault("class", "govuk-input")

    def add_service_error(self, error):
        """Puts a service's ValidationError on the form's fields (or the form as a whole)."""
        formfields.add_service_error(self, error)


# Every date field uses the GOV.UK date input (day, month, year), not the browser's mm/dd/yyyy.
DateInput = GovukDateInput


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M"):
        super().__init__(attrs, format=format)


class MeetingForm(GovukMixin, forms.Form):
    body = forms.ModelChoiceField(queryset=Body.objects.none(), label="Body")
    date = forms.DateField(widget=DateInput, label="Date of the meeting")
    start_time = forms.TimeField(widget=TimeInput, label="Start time", initial="19:30")
    venue = forms.CharField(max_length=300, label="Venue", help_text="Room, building, address and postcode.")
    deputation_deadline = forms.DateField(
        widget=DateInput,
        required=False,
        label="Deadline for deputation requests",
        help_text="Leave blank for the Thursday before a Monday meeting (four days before).",
    )
    chair_council = forms.ModelChoiceField(
        queryset=Council.objects.none(),
        required=False,
        label="Council the chair is appointed from",
        help_text="Needed where the body appoints its chair for the meeting or the year.",
    )
    contact_phone = forms.CharField(max_length=40, required=False, label="Contact telephone")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(partnership=partnership)
        self.fields["chair_council"].queryset = Council.objects.filter(
            memberships__partnership=partnership
        ).distinct()


class MeetingDetailsForm(GovukMixin, forms.ModelForm):
    # The version of the meeting the form was loaded at (governance/audit/versions.py).
    version = VersionField(required=False)

    class Meta:
        model = Meeting
        fields = MEETING_DETAIL_FIELDS
        widgets = {
            "date": DateInput,
            "deputation_deadline": DateInput,
            "start_time": TimeInput,
            "end_time": TimeInput,
        }
        labels = {
            "end_time": "The meeting ended at",
            "deputation_deadline": "Deadline for deputation requests",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.instance
        self.fields["next_meeting"].queryset = Meeting.objects.filter(
            body=meeting.body, date__gt=meeting.date
        )
        self.fields["next_meeting"].label_from_instance = lambda m: f"{m.date:%-d %B %Y}, {m.venue}"
        self.fields["chair_council"].queryset = Council.objects.filter(
            memberships__partnership=meeting.body.partnership
        ).distinct()

    def _post_clean(self):
        pass  # the service validates, with the meeting locked


class AgendaItemForm(GovukMixin, forms.ModelForm):
    # The agenda's revision number as the editor read it (Meeting.agenda_version; services.AgendaConflict).
    version = VersionField()

    class Meta:
        model = AgendaItem
        fields = ITEM_FIELDS
        labels = {
            "report_of": "Report of",
            "report_title": "Report title",
            "page_from": "First page in the pack",
            "page_to": "Last page in the pack",
        }
        help_texts = {
            "report_of": "The office, printed after “Report of the”: such as Chief Digital and Information Officer.",
            "is_decision": "Marked * on the agenda.",
            "public_title": "Exempt items only: the public sees this title and the paragraph, nothing else.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown only once Exempt is ticked (a GOV.UK conditional reveal), so it offers paragraphs only.
        self.fields["exempt_paragraph"].choices = [("", "Choose the paragraph")] + list(
            AgendaItem.ExemptParagraph.choices
        )
        self.fields["exempt_paragraph"].needed = True
        self.fields["public_title"].needed = True
        self.fields["page_from"].widget.attrs["class"] = "govuk-input govuk-input--width-4"
        self.fields["page_to"].widget.attrs["class"] = "govuk-input govuk-input--width-4"

    def _post_clean(self):
        # The service validates the model (with the agenda locked); the form only parses.
        pass

    def clean_report_of(self):
        # The agenda prints "Report of the …": an office typed with its own "the" would read "the the".
        value = (self.cleaned_data.get("report_of") or "").strip()
        if value[:4].lower() == "the ":
            value = value[4:].lstrip()
        return value

    def item_fields(self):
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class PublishForm(GovukMixin, forms.Form):
    urgency_reason = forms.CharField(
        widget=forms.Textarea,
        required=False,
        label="Reason for urgency",
        help_text="Needed when fewer than five clear working days remain before the meeting. "
        "It is printed on the agenda.",
    )

    def __init__(self, *args, late=False, **kwargs):
        super().__init__(*args, **kwargs)
        # The service requires the reason when publication is late: the label then says it is required
        # (the form field itself stays optional, so that the one error shown is the service's).
        self.fields["urgency_reason"].needed = late


class AttendanceForm(GovukMixin, forms.Form):
    prefix = "attendance"  # several forms share one page

    member = forms.ModelChoiceField(queryset=BodyMember.objects.none(), label="Member or substitute")
    status = forms.ChoiceField(choices=Attendance.Status.choices, label="Attendance")
    substitute_for = forms.ModelChoiceField(
        queryset=BodyMember.objects.none(),
        required=False,
        label="Substitute for",
        help_text="Only for a substitute: the member of the same council who sent apologies.",
    )
    is_chair = forms.BooleanField(required=False, label="Chaired the meeting")
    # The watermark of the meeting's attendance the form was loaded at (governance/audit/versions.py): a save is refused
    # when it is missing, or when someone else recorded this member's attendance after it.
    version = VersionField(required=False)

    def __init__(self, *args, meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [m.pk for m in members]
        self.fields["member"].queryset = BodyMember.objects.filter(pk__in=ids).select_related("council")
        self.fields["substitute_for"].queryset = BodyMember.objects.filter(
            pk__in=ids, kind=BodyMember.Kind.MEMBER
        ).select_related("council")


SHEET_MARKS = [
    ("", "Not recorded"),
    ("present", "Present"),
    ("apologies", "Apologies"),
    ("substitute_sent", "Apologies, substitute sent"),
    ("absent", "Absent"),
]


class AttendanceSheetForm(GovukMixin, forms.Form):
    """A meeting's attendance on one form: a row for each member (and chair) of the body on the meeting's date,
    each with their mark and, when they sent a substitute, whom; and who chaired. rows() gives the template its
    rows; cleaned_data["marks"] is what attendance_record_meeting takes."""

    prefix = "sheet"
    version = VersionField(required=False)

    def __init__(self, *args, meeting, members, attendance=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = [m for m in members if m.kind != BodyMember.Kind.SUBSTITUTE]
        substitutes = [m for m in members if m.kind == BodyMember.Kind.SUBSTITUTE]
        recorded = {a.member_id: a for a in attendance}
        sent = {a.substitute_for_id: a.member_id for a in attendance if a.substitute_for_id}
        for seat in self.seats:
            row = recorded.get(seat.pk)
            mark = "" if row is None else ("substitute_sent" if seat.pk in sent else row.status)
            self.fields[f"status_{seat.pk}"] = forms.ChoiceField(
                choices=SHEET_MARKS, required=False, label=f"{seat.name} ({seat.council.code})", initial=mark
            )
            self.fields[f"substitute_{seat.pk}"] = forms.TypedChoiceField(
                choices=[("", "None")]
                + [(str(s.pk), s.name) for s in substitutes if s.council_id == seat.council_id],
                coerce=int,
                empty_value=None,
                required=False,
                label=f"Substitute for {seat.name}",
                initial=sent.get(seat.pk),
            )
        chair = next((a.member_id for a in attendance if a.is_chair), None)
        self.fields["chair"] = forms.TypedChoiceField(
            choices=[("", "Not recorded")] + [(str(s.pk), s.name) for s in self.seats],
            coerce=int,
            empty_value=None,
            required=False,
            label="Who chaired",
            initial=chair,
        )
        self.by_pk = {m.pk: m for m in members}

    def rows(self):
        return [(seat, self[f"status_{seat.pk}"], self[f"substitute_{seat.pk}"]) for seat in self.seats]

    def clean(self):
        data = super().clean()
        marks = {}
        for seat in self.seats:
            status = data.get(f"status_{seat.pk}")
            if not status:
                continue
            substitute = data.get(f"substitute_{seat.pk}")
            marks[seat] = (status, self.by_pk.get(substitute) if substitute is not None else None)
        data["marks"] = marks
        chair = data.get("chair")
        data["chair"] = self.by_pk.get(chair) if chair is not None else None
        return data


class BodyMemberForm(GovukMixin, forms.Form):
    prefix = "seat"

    name = forms.CharField(
        max_length=200, label="Name", help_text="As printed, such as Councillor Andy Hull."
    )
    council = forms.ModelChoiceField(queryset=Council.objects.none(), label="On behalf of")
    kind = forms.ChoiceField(choices=BodyMember.Kind.choices, label="Sits as")
    start = forms.DateField(widget=DateInput, label="From")
    end = forms.DateField(widget=DateInput, required=False, label="Until")
    # The watermark of the body's seats the form was loaded at (governance/audit/versions.py): a save is refused
    # when it is missing, or when any seat of the body was changed after it.
    version = VersionField(required=False)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.filter(
            memberships__partnership=partnership
        ).distinct()


class EndSeatForm(GovukMixin, forms.Form):
    prefix = "end"

    member = forms.ModelChoiceField(queryset=BodyMember.objects.none(), label="Member or substitute")
    end = forms.DateField(widget=DateInput, label="Last day on the body")
    # The watermark of the body's seats the form was loaded at (governance/audit/versions.py): a save is refused
    # when it is missing, or when any seat of the body was changed after it.
    version = VersionField(required=False)

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = BodyMember.objects.filter(
            body=body, end__isnull=True
        ).select_related("council")


class ChairForm(GovukMixin, forms.Form):
    prefix = "chair"  # several forms share one page

    member = forms.ModelChoiceField(queryset=BodyMember.objects.none(), label="Member appointed")
    office = forms.ChoiceField(choices=[("chair", "Chair"), ("vice_chair", "Vice-chair")], label="Office")
    term = forms.ChoiceField(
        choices=[
            ("meeting", "For the duration of the meeting"),
            ("year", "For one calendar year from this meeting"),
        ],
        label="Term",
    )

    def __init__(self, *args, meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = BodyMember.objects.filter(
            pk__in=[m.pk for m in members], kind=BodyMember.Kind.MEMBER
        ).select_related("council")


class DeclarationForm(GovukMixin, forms.Form):
    prefix = "declaration"  # several forms share one page

    member = forms.ModelChoiceField(queryset=BodyMember.objects.none(), label="Member")
    item = forms.ModelChoiceField(queryset=AgendaItem.objects.none(), label="Item")
    is_pecuniary = forms.BooleanField(required=False, label="Pecuniary interest")
    text = forms.CharField(widget=forms.Textarea, label="Nature of the interest")

    def __init__(self, *args, meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = BodyMember.objects.filter(pk__in=[m.pk for m in members])
        self.fields["item"].queryset = meeting.items.all()


class DeputationForm(GovukMixin, forms.Form):
    prefix = "deputation"  # several forms share one page

    requester = forms.CharField(max_length=200, label="Who asked to speak")
    item = forms.ModelChoiceField(queryset=AgendaItem.objects.none(), required=False, label="On item")
    received = forms.DateField(widget=DateInput, label="Date the request was received")
    heard = forms.BooleanField(required=False, label="Heard at the meeting")

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.all()


class MinuteEntryForm(GovukMixin, forms.Form):
    members_commented = forms.CharField(
        widget=forms.Textarea, required=False, label="Members commented on", help_text="One point a line."
    )
    officer_responses = forms.CharField(
        widget=forms.Textarea,
        required=False,
        label="Officers’ responses to Members’ queries",
        help_text="One point a line.",
    )
    discussion = forms.CharField(widget=forms.Textarea, required=False, label="Other discussion")
    # The version of the item's minute the form was loaded at (0 before it was first written).
    version = VersionField(required=False)


class ResolutionForm(GovukMixin, forms.Form):
    clauses = forms.CharField(
        widget=forms.Textarea,
        label="RESOLVED",
        help_text="One clause a line, each starting THAT …; they are numbered (i), (ii) … when there are several.",
    )
    reasons = forms.CharField(
        required=False, label="Reasons", initial="For the reasons set out in the report and above"
    )


class ActionForm(GovukMixin, forms.Form):
    text = forms.CharField(widget=forms.Textarea, label="Action")
    owner = forms.CharField(max_length=200, label="Action for")
    due = forms.DateField(widget=DateInput, required=False, label="Due by")


class ActionUpdateForm(GovukMixin, forms.Form):
    """The action log's update: progress so far and, once it is done, the day it was completed."""

    progress = forms.CharField(
        widget=forms.Textarea,
        required=False,
        label="Progress",
        help_text="What has been done about it, and by whom.",
    )
    done_on = forms.DateField(
        widget=DateInput,
        required=False,
        label="Completed on",
        help_text="Leave blank while the action is open; clear it to reopen the action.",
    )
    # The version of the action the form was loaded at (governance/audit/versions.py).
    version = VersionField(required=False)


class ActionFilter(django_filters.FilterSet):
    """The action log's filters: open or completed, the body whose meeting agreed it, and whom it is for."""

    STATUS_CHOICES = [("open", "Open"), ("overdue", "Overdue"), ("done", "Completed")]
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, method="filter_status", label="Status", empty_label="Any status"
    )
    body = django_filters.ModelChoiceFilter(
        queryset=Body.objects.none(), field_name="item__meeting__body", label="Body", empty_label="Any body"
    )
    owner = django_filters.CharFilter(lookup_expr="icontains", label="Action for", max_length=200)

    class Meta:
        model = Action
        fields = []

    def __init__(self, *args, partnership, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.filters["body"].queryset = Body.objects.filter(partnership=partnership)
        for name in ("status", "body"):
            self.form.fields[name].widget.attrs["class"] = "govuk-select"
        self.form.fields["owner"].widget.attrs["class"] = "govuk-input govuk-!-width-two-thirds"

    def filter_status(self, queryset, name, value):
        if value == "done":
            return queryset.filter(done_on__isnull=False)
        queryset = queryset.filter(done_on__isnull=True)
        return queryset.filter(due__lt=self.today) if value == "overdue" else queryset


class MeetingFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        queryset=Body.objects.none(), label="Body", empty_label="Any body"
    )

    class Meta:
        model = Meeting
        fields = []

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["body"].queryset = Body.objects.filter(partnership=partnership)
        self.form.fields["body"].widget.attrs["class"] = "govuk-select"


class DecisionFilter(django_filters.FilterSet):
    """The decisions register's filters. Unknown choices are refused with a 400 by the view."""

    body = django_filters.ModelChoiceFilter(
        field_name="meeting__body", queryset=Body.objects.none(), label="Body", empty_label="Any body"
    )
    date_from = django_filters.DateFilter(
        field_name="meeting__date", lookup_expr="gte", label="Decided on or after", widget=DateInput
    )
    date_to = django_filters.DateFilter(
        field_name="meeting__date", lookup_expr="lte", label="Decided on or before", widget=DateInput
    )
    council = django_filters.ModelChoiceFilter(
        field_name="councils", queryset=Council.objects.none(), label="Council", empty_label="Any council"
    )
    key_decision = django_filters.BooleanFilter(
        field_name="is_key_decision",
        label="Key decisions",
        widget=forms.Select(
            choices=[("", "Key or not"), ("true", "Key decisions only"), ("false", "Not key")]
        ),
    )
    text = django_filters.CharFilter(method="filter_text", label="Words in the decision")

    class Meta:
        model = Resolution
        fields = []

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["body"].queryset = Body.objects.filter(partnership=partnership)
        self.filters["council"].queryset = Council.objects.filter(
            memberships__partnership=partnership
        ).distinct()
        for f in self.form.fields.values():
            w = f.widget
            w.attrs.setdefault("class", "govuk-select" if isinstance(w, forms.Select) else "govuk-input")

    def filter_text(self, queryset, name, value):

        return queryset.filter(
            Q(clauses__icontains=value) | Q(reasons__icontains=value) | Q(item__title__icontains=value)
        )


class MinutesOfForm(GovukMixin, forms.Form):
    """Which meeting's minutes the minutes item approves: an earlier held meeting of the same body."""

    version = VersionField()  # the agenda's revision number, as the item form's
    minutes_of = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        label="Minutes of the meeting held on",
        help_text="The earlier meetings of this body that have been held, latest first.",
        empty_label=None,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["minutes_of"]
        field.queryset = Meeting.objects.filter(
            body=meeting.body,
            date__lt=meeting.date,
            status__in=[Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED],
        ).order_by("-date")
        field.label_from_instance = lambda m: f"{m.date:%-d %B %Y}, {m.venue}"
        field.error_messages["invalid_choice"] = (
            "Choose an earlier meeting of this body that has been held: the minutes item can name no other."
        )
