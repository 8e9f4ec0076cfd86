"""The JSON API of committee business (public): bodies, meetings and resolutions of a partnership. Reads
only governance.committees.public; filters with the pages' FilterSets (a bad value is a 400 naming the field)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.api import (
    FilteredListView,
    LocalTimeField,
    check_parameters,
    detail_response,
    filter_parameters,
)
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


# People and their seats ----------------------------------------------------------------------------------


class CouncilRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField(allow_blank=True)
    name = serializers.CharField()
    full_name = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    council = CouncilRefSerializer()
    ward = serializers.CharField(allow_blank=True, help_text="Blank when not recorded.")
    party = serializers.CharField(allow_blank=True, help_text="Blank when not recorded.")
    email = serializers.CharField(allow_blank=True, help_text="The public e-mail address; blank when none.")
    register_of_interests_url = serializers.CharField(source="interests_url", allow_blank=True)
    web_url = serializers.SerializerMethodField()

    def get_web_url(self, obj) -> str:
        request = self.context["request"]
        return absolute(request, public.person_url(request.partnership.slug, obj.pk))


class MembershipSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    person = serializers.IntegerField(source="person_id", help_text="The person's id (people list).")
    name = serializers.CharField(help_text="As printed on agendas and minutes.")
    body = BodyRefSerializer()
    council = CouncilRefSerializer(help_text="The council the person sits for.")
    role = serializers.CharField(source="kind", help_text="member, substitute or chair.")
    role_display = serializers.CharField(source="get_kind_display")
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)


class AttendanceFiguresSerializer(serializers.Serializer):
    expected = serializers.IntegerField()
    present = serializers.IntegerField()
    apologies = serializers.IntegerField()
    substitute_sent = serializers.IntegerField()
    absent = serializers.IntegerField()
    as_substitute = serializers.IntegerField()
    rate = serializers.IntegerField(allow_null=True, help_text="Present of expected, a whole percentage.")


class PersonDetailSerializer(PersonSerializer):
    memberships = MembershipSerializer(many=True)
    attendance = AttendanceFiguresSerializer()


class PersonList(PublicCached, APIView):
    @extend_schema(responses=PersonSerializer(many=True), tags=["people"])
    def get(self, request, partnership):
        """Everyone who has sat on one of the partnership's bodies (councillors and co-opted members)."""
        check_parameters(request, ())
        people = public.public_people(request.partnership)
        return Response(PersonSerializer(people, many=True, context={"request": request}).data)


class PersonDetail(PublicCached, APIView):
    @extend_schema(responses=PersonDetailSerializer, tags=["people"])
    def get(self, request, partnership, person):
        """A person, their seats over time and their attendance figures (from the published minutes)."""
        check_parameters(request, ())
        record = public.person_record(request.partnership, person)
        data = PersonSerializer(record.person, context={"request": request}).data
        data["memberships"] = MembershipSerializer(record.seats, many=True).data
        data["attendance"] = AttendanceFiguresSerializer(record.figures).data
        return detail_response(request, data)


class MembershipList(PublicCached, APIView):
    @extend_schema(responses=MembershipSerializer(many=True), tags=["people"])
    def get(self, request, partnership):
        """Every seat on the partnership's bodies over time: who, on which body, for which council, as member,
        substitute or chair, from when until when."""
        check_parameters(request, ())
        return Response(MembershipSerializer(public.public_seats(request.partnership), many=True).data)
