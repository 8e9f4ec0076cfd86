"""The JSON API of finance (token-authenticated): recharge statements, budgets, forecasts and the ledger's
summary of the caller's council, as the finance pages show them. The access table decides who may call each
endpoint (for a token, as for its user); the selectors narrow to the councils the user may see, exactly as
the statements pages do. Money is a decimal string, dates are ISO 8601."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from governance.api import (
    ExpiringTokenAuthentication,
    MoneyField,
    PagedView,
    check_parameters,
    detail_response,
    extra_parameters,
    filter_parameters,
    filtered,
)
from governance.parsing import parse_int

from . import selectors, services
from .documents import statement_filename
from .filters import StatementFilter
from .models import Line, RechargeStatement
from .periods import year_label

AUTH = (ExpiringTokenAuthentication, SessionAuthentication)


class FinanceView(APIView):
    authentication_classes = AUTH
    permission_classes = (IsAuthenticated,)


class FinancePagedView(PagedView):
    authentication_classes = AUTH
    permission_classes = (IsAuthenticated,)


class StatementLineSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    description = serializers.CharField()
    basis = serializers.CharField(allow_blank=True)
    working = serializers.CharField(allow_blank=True)
    funding_line = serializers.CharField(allow_blank=True)
    ledger_code = serializers.CharField(allow_blank=True)
    amount = MoneyField()


class StatementSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField(allow_null=True, help_text="Set when issued; never reused.")
    council = serializers.CharField(source="council.code")
    year = serializers.CharField(source="year_label", help_text="The financial year, as 2017/18.")
    period = serializers.CharField()
    sequence = serializers.IntegerField(help_text="0: the statement; 1, 2 …: adjusting statements.")
    kind = serializers.CharField()
    status = serializers.CharField()
    net = MoneyField(help_text="Positive: the council pays. Negative: it is refunded.")
    issue_date = serializers.DateField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    issued_at = serializers.DateTimeField(allow_null=True)
    e_invoice_sha256 = serializers.CharField(
        source="ubl_checksum",
        allow_blank=True,
        help_text="SHA-256 of the e-invoice (PEPPOL BIS Billing 3.0, UBL 2.1) stored at issue, served by "
        "…/statements/{id}/e-invoice/; blank for a draft.",
    )


class StatementDetailSerializer(StatementSerializer):
    lines = StatementLineSerializer(many=True, source="api_lines")


class IgnoreAcceptHeader(BaseContentNegotiation):
    """The e-invoice is XML whatever the Accept header asks: errors are JSON, as everywhere in the API."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return (renderers[0], renderers[0].media_type)


ERROR_NO_EINVOICE = "No such statement, or it is not issued: only issued statements have an e-invoice."


class StatementEInvoice(FinanceView):
    content_negotiation_class = IgnoreAcceptHeader

    @extend_schema(
        responses={
            (200, "application/xml"): OpenApiResponse(
                OpenApiTypes.STR,
                description="The e-invoice stored when the statement was issued: a UBL 2.1 Invoice (a council "
                "pays) or CreditNote (it is refunded) following PEPPOL BIS Billing 3.0, byte for byte as its "
                "e_invoice_sha256.",
            ),
            (404, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="No such statement the caller may see, or a draft."
            ),
        },
        tags=["finance"],
    )
    def get(self, request, partnership, statement_id):
        """One issued statement's e-invoice (UBL 2.1 XML), as stored at issue; never made on reading."""
        check_parameters(request, ())
        st = selectors.api_statement(request.user, request.partnership, statement_id)
        content = None
        if st is not None and st.is_issued:
            content = services.statement_ubl_bytes(RechargeStatement.objects.get(pk=st.pk))
        if content is None:
            raise NotFound(ERROR_NO_EINVOICE)
        response = HttpResponse(content, content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="{statement_filename(st, "xml")}"'
        response["ETag"] = f'"{st.ubl_checksum}"'
        return response


class BudgetLineSerializer(serializers.Serializer):
    council = serializers.CharField(source="council.code")
    line = serializers.CharField()
    line_label = serializers.CharField(source="get_line_display")
    opening = MoneyField(help_text="The budget as agreed.")
    current = MoneyField(source="amount", help_text="After revisions.")


class BudgetSerializer(serializers.Serializer):
    year = serializers.CharField()
    lines = BudgetLineSerializer(many=True)


class ForecastSerializer(serializers.Serializer):
    month = serializers.IntegerField(help_text="1 = April.")
    line = serializers.CharField()
    line_label = serializers.CharField(source="get_line_display")
    council = serializers.CharField(source="council.code", allow_null=True, default=None)
    amount = MoneyField(help_text="The projected outturn.")


class ForecastListSerializer(serializers.Serializer):
    year = serializers.CharField()
    forecasts = ForecastSerializer(many=True)


class ActualSumSerializer(serializers.Serializer):
    incurred_by = serializers.CharField(help_text="The council whose ledger paid.")
    charged_to = serializers.CharField(allow_null=True, help_text="null: shared by the partnership.")
    line = serializers.CharField()
    line_label = serializers.CharField()
    total = MoneyField()
    count = serializers.IntegerField(help_text="Ledger lines summed.")


class ActualsSerializer(serializers.Serializer):
    year = serializers.CharField()
    sums = ActualSumSerializer(many=True)


def _identity(rows):
    return rows


class StatementList(FinancePagedView):
    @extend_schema(
        parameters=filter_parameters(StatementFilter, year="A financial year: 2017-18 or 2017/18."),
        responses=StatementSerializer(many=True),
        tags=["finance"],
    )
    def get(self, request, partnership):
        """Recharge statements (invoices and credit notes) of the councils the caller may see, as on the
        statements page, with the same filters."""
        qs = filtered(request, StatementFilter, selectors.statements_for(request.user, request.partnership))
        return self.page(request, qs, _identity, StatementSerializer)


class StatementDetail(FinanceView):
    @extend_schema(responses=StatementDetailSerializer, tags=["finance"])
    def get(self, request, partnership, statement_id):
        """One statement with its lines (404 for a statement of a council the caller may not see)."""
        check_parameters(request, ())
        st = selectors.api_statement(request.user, request.partnership, statement_id)
        if st is None:
            raise NotFound("No such statement.")
        return detail_response(
            request, StatementDetailSerializer(st).data, last_modified=st.issued_at or st.drafted_at
        )


class Budget(FinanceView):
    @extend_schema(responses=BudgetSerializer, tags=["finance"])
    def get(self, request, partnership, year):
        """The year's budget lines (opening and current) of the caller's councils."""
        check_parameters(request, ())
        lines = selectors.api_budget_lines(request.user, request.partnership, year)
        return detail_response(request, BudgetSerializer({"year": year_label(year), "lines": lines}).data)


class Forecast(FinanceView):
    @extend_schema(
        parameters=extra_parameters(
            ("month", OpenApiTypes.INT, "Only the forecast made in month N (1 = April).")
        ),
        responses=ForecastListSerializer,
        tags=["finance"],
    )
    def get(self, request, partnership, year):
        """The year's forecasts: partnership-wide and of the caller's councils."""
        check_parameters(request, ("month",))
        month = None
        if "month" in request.query_params:
            try:
                month = parse_int(request.query_params["month"], minimum=1, maximum=12)
            except ValueError as error:
                raise ValidationError({"month": [str(error)]}) from error
        rows = selectors.api_forecasts(request.user, request.partnership, year, month)
        return detail_response(
            request, ForecastListSerializer({"year": year_label(year), "forecasts": rows}).data
        )


class Actuals(FinanceView):
    @extend_schema(responses=ActualsSerializer, tags=["finance"])
    def get(self, request, partnership, year):
        """The year's ledger summed by paying council, charged council and line (rows touching the caller's
        councils)."""
        check_parameters(request, ())
        rows = selectors.api_actual_sums(request.user, request.partnership, year)
        sums = [
            {
                "incurred_by": inc,
                "charged_to": ch,
                "line": line,
                "line_label": Line(line).label if line in Line.values else line,
                "total": total,
                "count": n,
            }
            for inc, ch, line, total, n in rows
        ]
        return detail_response(request, ActualsSerializer({"year": year_label(year), "sums": sums}).data)
