"""The JSON API of committee business (public): bodies, meetings and resolutions of a partnership. Reads
only governance.committees.public; filters with the pages' FilterSets (a bad value is a 400 naming the field)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.api import FilteredListView, LocalTimeField, check_parameters, filter_parameters
from governance.partners.public_cache import PublicCached

from . import public
from .forms import DecisionFilter, MeetingFilter


def absolute(request, path):
    return request.build_absolute_uri(path) if path else ""


class BodySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    slug = serializers.SlugField()
    kind = serializers.CharField()
    kind_display = serializers.CharField()
    is_member_body = serializers.BooleanField()
    quorum = serializers.IntegerField()
    web_url = serializers.SerializerMethodField()

    def get_web_url(self, obj) -> str:
        return absolute(self.context.get("request"), obj.get_absolute_url)


class BodyRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField()


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    body = BodyRefSerializer()
    date = serializers.DateField()
    start_time = LocalTimeField()
    end_time = LocalTimeField(allow_null=True)
    venue = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    minutes_are_signed = serializers.BooleanField()
    minutes_approved_on = serializers.DateField(allow_null=True)
    issue_date = serializers.DateField(allow_null=True)
    deputation_deadline = serializers.DateField(allow_null=True)
    urgency_reason = serializers.CharField(allow_blank=True)
    contact_name = serializers.CharField(allow_blank=True)
    contact_email = serializers.CharField(allow_blank=True)
    contact_phone = serializers.CharField(allow_blank=True)
    web_url = serializers.SerializerMethodField()

    def get_web_url(self, obj) -> str:
        return absolute(self.context.get("request"), obj.get_absolute_url)


class ResolutionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    meeting = MeetingSerializer()
    item_id = serializers.IntegerField()
    item_title = serializers.CharField()
    clauses = serializers.SerializerMethodField()
    text = serializers.CharField()
    reasons = serializers.CharField(allow_blank=True)
    is_key_decision = serializers.BooleanField()

    def get_clauses(self, obj) -> list[str]:
        return [f"{n} {t}".strip() for n, t in obj.numbered_clauses]


class BodyList(PublicCached, APIView):
    @extend_schema(responses=BodySerializer(many=True), tags=["committees"])
    def get(self, request, partnership):
        """The partnership's committees and boards."""
        check_parameters(request, ())
        return Response(
            BodySerializer(
                public.public_bodies(request.partnership), many=True, context={"request": request}
            ).data
        )


@extend_schema_view(
    get=extend_schema(
        description="Meetings the public may see (every one whose agenda is published), oldest first.",
        parameters=filter_parameters(MeetingFilter, body="A body's id (from the bodies list)."),
        responses=MeetingSerializer(many=True),
        tags=["committees"],
    )
)
class MeetingList(PublicCached, FilteredListView):
    filterset_class = MeetingFilter
    serializer_class = MeetingSerializer

    def rows(self, request):
        return public.public_meeting_queryset(request.partnership)

    def filterset_kwargs(self, request):
        return {"partnership": request.partnership}

    def project(self, rows):
        return public.meetings_view(rows)


@extend_schema_view(
    get=extend_schema(
        description="Resolutions of meetings held, on items that are not exempt; newest first. The decisions "
        "register's filters.",
        parameters=filter_parameters(DecisionFilter, body="A body's id.", council="A council's id."),
        responses=ResolutionSerializer(many=True),
        tags=["committees"],
    )
)
class ResolutionList(PublicCached, FilteredListView):
    filterset_class = DecisionFilter
    serializer_class = ResolutionSerializer
    distinct_when_filtered = True

    def rows(self, request):
        return public.public_resolution_queryset(request.partnership).order_by(
            "-meeting__date", "item__position", "pk"
        )

    def filterset_kwargs(self, request):
        return {"partnership": request.partnership}

    def project(self, rows):
        return public.resolutions_view(rows)
