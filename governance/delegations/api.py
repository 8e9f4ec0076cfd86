"""The JSON API of officer decisions and the forward plan (public). Reads only governance.delegations.public;
an exempt decision is its title, paragraph and public summary only."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.views import APIView

from governance.api import (
    FilteredListView,
    MoneyField,
    PagedView,
    check_parameters,
    detail_response,
    extra_parameters,
    filter_parameters,
)
from governance.parsing import parse_int
from governance.partners.public_cache import PublicCached

from . import public
from .forms import OfficerDecisionFilter


class ShareSerializer(serializers.Serializer):
    council = serializers.CharField()
    amount = MoneyField()
    wards = serializers.IntegerField()


class OfficerDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    is_exempt = serializers.BooleanField()
    exempt_paragraph = serializers.IntegerField(allow_null=True)
    public_summary = serializers.CharField(allow_blank=True)
    published_on = serializers.DateField(allow_null=True)
    decided_on = serializers.DateField(allow_null=True)
    office = serializers.CharField(allow_blank=True)
    decision_maker_name = serializers.CharField(allow_blank=True)
    subject = serializers.CharField(allow_blank=True)
    delegation = serializers.CharField(allow_blank=True)
    value = MoneyField(allow_null=True)
    capital_value = MoneyField(allow_null=True)
    decision = serializers.CharField(allow_blank=True)
    reasons = serializers.CharField(allow_blank=True)
    alternatives = serializers.CharField(allow_blank=True)
    conflicts = serializers.CharField(allow_blank=True)
    dispensation = serializers.CharField(allow_blank=True)
    background_papers = serializers.CharField(allow_blank=True)
    is_key_decision = serializers.BooleanField()
    is_urgent = serializers.BooleanField()
    urgency_agreed_by = serializers.CharField(allow_blank=True)
    urgency_reason = serializers.CharField(allow_blank=True)
    takes_effect_on = serializers.DateField(allow_null=True)
    shares = ShareSerializer(many=True, help_text="Empty in lists; on the detail, each council's share.")
    web_url = serializers.SerializerMethodField()

    def get_web_url(self, obj) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(obj.get_absolute_url) if request else obj.get_absolute_url


class ForwardPlanEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    title = serializers.CharField()
    decision_maker = serializers.CharField()
    councils = serializers.SerializerMethodField(help_text="Codes of the councils.")
    decision_due = serializers.DateField()
    published_on = serializers.DateField()
    documents = serializers.CharField(allow_blank=True)
    is_exempt = serializers.BooleanField()
    exempt_paragraph = serializers.IntegerField(allow_null=True)
    urgency = serializers.CharField(allow_blank=True)
    urgency_agreed_by = serializers.CharField(allow_blank=True)
    urgency_reason = serializers.CharField(allow_blank=True)
    meeting = serializers.SerializerMethodField(
        help_text="The id of the meeting at which it is taken, once that meeting's agenda is published."
    )

    def get_councils(self, obj) -> list[str]:
        return sorted(c.code for c in obj.councils)

    def get_meeting(self, obj) -> int | None:
        return obj.meeting.pk if obj.meeting is not None else None


@extend_schema_view(
    get=extend_schema(
        description="Decisions taken by officers under delegation, newest first (drafts never appear).",
        parameters=filter_parameters(OfficerDecisionFilter, body="A body's id.", council="A council's id."),
        responses=OfficerDecisionSerializer(many=True),
        tags=["decisions"],
    )
)
class OfficerDecisionList(PublicCached, FilteredListView):
    filterset_class = OfficerDecisionFilter
    serializer_class = OfficerDecisionSerializer
    distinct_when_filtered = True

    def rows(self, request):
        return public.public_officer_decision_queryset(request.partnership)

    def project(self, rows):
        return public.officer_decisions_view(rows)


class OfficerDecisionDetail(PublicCached, APIView):
    @extend_schema(responses=OfficerDecisionSerializer, tags=["decisions"])
    def get(self, request, partnership, decision):
        """One officer decision, with each council's share (an exempt decision: title, paragraph, summary)."""
        check_parameters(request, ())
        d = public.public_officer_decision(request.partnership, decision)
        data = OfficerDecisionSerializer(d, context={"request": request}).data
        return detail_response(request, data)


class ForwardPlan(PublicCached, PagedView):
    @extend_schema(
        parameters=extra_parameters(
            ("council", OpenApiTypes.STR, "Only entries that are key decisions for this council (its code)."),
            ("all", OpenApiTypes.INT, "1: every entry, past ones included (else from today on)."),
        ),
        responses=ForwardPlanEntrySerializer(many=True),
        tags=["decisions"],
    )
    def get(self, request, partnership):
        """The forward plan of key decisions, from today on, by date."""
        check_parameters(request, ("council", "all"))
        everything = False
        if "all" in request.query_params:
            try:
                everything = bool(parse_int(request.query_params["all"], maximum=1))
            except ValueError as error:
                raise ValidationError({"all": [str(error)]}) from error
        try:
            qs = public.public_forward_plan_queryset(
                request.partnership,
                council_code=request.query_params.get("council", "").strip(),
                everything=everything,
                today=timezone.localdate(),
            )
        except ValueError as error:
            raise ValidationError({"council": [str(error)]}) from error
        return self.page(request, qs, public.forward_plan_view, ForwardPlanEntrySerializer)
