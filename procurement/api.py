"""The JSON API of contracts (public): the Local Government Transparency Code contracts data (over £5,000) that
a council publishes for a quarter, read only through procurement.public, as on the transparency page's CSV."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.api import MoneyField, check_parameters
from governance.parsing import parse_int

from . import public

ERROR_NO_SUCH_COUNCIL = "No council of this partnership publishes contracts under that code."
ERROR_REQUIRED = "This parameter is required."


class ContractSerializer(serializers.Serializer):
    reference = serializers.CharField()
    title = serializers.CharField()
    department = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)
    supplier_name = serializers.CharField(allow_blank=True)
    supplier_details = serializers.CharField(allow_blank=True)
    registration_number = serializers.CharField(allow_blank=True)
    total_value = MoneyField()
    council_share = MoneyField()
    annual_value = MoneyField(allow_null=True)
    vat_not_recoverable = MoneyField(allow_null=True)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    review_date = serializers.DateField(allow_null=True)
    invitation = serializers.CharField(allow_blank=True)
    is_sme = serializers.CharField()
    is_vcs = serializers.CharField()


def _required_int(params, name, minimum, maximum):
    if name not in params:
        raise ValidationError({name: [ERROR_REQUIRED]})
    try:
        return parse_int(params[name], minimum=minimum, maximum=maximum)
    except ValueError as error:
        raise ValidationError({name: [str(error)]}) from error


class ContractList(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("council", OpenApiTypes.STR, required=True, description="The council's code."),
            OpenApiParameter(
                "year", OpenApiTypes.INT, required=True, description="A calendar year, 2000–2099."
            ),
            OpenApiParameter("quarter", OpenApiTypes.INT, required=True, description="1 = January to March."),
        ],
        responses=ContractSerializer(many=True),
        tags=["contracts"],
    )
    def get(self, request, partnership):
        """Contracts over £5,000 the council is party to, running in the quarter (Transparency Code)."""
        params = request.query_params
        check_parameters(request, ("council", "year", "quarter"))
        year = _required_int(params, "year", 2000, 2099)
        quarter = _required_int(params, "quarter", 1, 4)
        code = params.get("council", "")
        council = next((c for c in public.publishing_councils(request.partnership) if c.code == code), None)
        if council is None:
            raise ValidationError({"council": [ERROR_NO_SUCH_COUNCIL]})
        rows = public.transparency_rows(request.partnership, council, year, quarter)
        return Response(ContractSerializer(rows, many=True).data)
