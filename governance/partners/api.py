"""The JSON API of partnerships and their councils (public): /api/v1/partnerships/…"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.api import check_parameters, detail_response

from . import public


class CouncilSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    website = serializers.CharField(allow_blank=True)
    joined = serializers.DateField()
    left = serializers.DateField(allow_null=True)


class HostSerializer(serializers.Serializer):
    council = serializers.CharField(help_text="The host council's code.")
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)


class PartnershipSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The partnership's stable id, used in every other path.")
    name = serializers.CharField()
    legal_basis = serializers.CharField()
    legal_basis_display = serializers.CharField()
    start_date = serializers.DateField()
    description = serializers.CharField(allow_blank=True)
    councils = CouncilSerializer(many=True)
    hosts = HostSerializer(many=True)


class PartnershipList(APIView):
    @extend_schema(responses=PartnershipSerializer(many=True), tags=["partnerships"])
    def get(self, request):
        """Every partnership, with its councils (members over time) and host authorities."""
        check_parameters(request, ())
        return Response(PartnershipSerializer(public.public_partnerships(), many=True).data)


class PartnershipDetail(APIView):
    @extend_schema(responses=PartnershipSerializer, tags=["partnerships"])
    def get(self, request, partnership):
        """One partnership, with its councils and hosts."""
        check_parameters(request, ())
        return detail_response(request, PartnershipSerializer(public.public_partnership(partnership)).data)
