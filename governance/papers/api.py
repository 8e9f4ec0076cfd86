"""The JSON API of one meeting (public): its details, its agenda as published (an exempt item only as its
public title and Schedule 12A paragraph) and every public document as a link. Reads only
governance.papers.public."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

from governance.api import check_parameters, detail_response
from governance.committees.api import MeetingSerializer
from governance.partners.public_cache import PublicCached

from . import public


class AgendaItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="item_id", allow_null=True, help_text="Stable across supplements.")
    number = serializers.IntegerField()
    title = serializers.CharField(help_text="For an exempt item, its public title.")
    is_exempt = serializers.BooleanField()
    exempt_paragraph = serializers.IntegerField(allow_null=True, help_text="Schedule 12A paragraph.")
    description = serializers.CharField(allow_blank=True)
    report_title = serializers.CharField(allow_blank=True)
    report_of = serializers.CharField(allow_blank=True)
    pages = serializers.CharField(allow_blank=True)
    wards = serializers.CharField(allow_blank=True)
    is_decision = serializers.BooleanField()
    is_key_decision = serializers.BooleanField()
    report_to_follow = serializers.BooleanField()


class DocumentSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["agenda", "pack", "supplement", "report", "minutes"])
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    item_id = serializers.IntegerField(allow_null=True)

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(obj.url) if request else obj.url


class MeetingDetailSerializer(serializers.Serializer):
    meeting = MeetingSerializer()
    agenda_items = AgendaItemSerializer(many=True, source="items")
    documents = DocumentSerializer(many=True)


class MeetingDetail(PublicCached, APIView):
    @extend_schema(responses=MeetingDetailSerializer, tags=["committees"])
    def get(self, request, partnership, meeting):
        """A meeting with its published agenda and public documents (agenda, pack, signed-off reports, signed
        minutes), as links. ETag and Last-Modified are set; If-None-Match gives a 304."""
        check_parameters(request, ())
        record = public.public_meeting_record(request.partnership, meeting)
        data = MeetingDetailSerializer(record, context={"request": request}).data
        return detail_response(request, data, last_modified=record.last_modified)
