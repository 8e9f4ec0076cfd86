"""The JSON API of the establishment (public): the posts open on a day, read only through staffing.public, so
no holder's name and no salary goes out. Filtered with the establishment page's FilterSet, as the page is: an
unknown parameter or a bad value is a 400 naming the field."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from governance.api import PAGE_PARAMETERS, PagedView, check_parameters, extra_parameters, filter_parameters
from governance.parsing import parse_date
from governance.partners.public_cache import PublicCached

from . import public, selectors
from .filters import EstablishmentFilter
from .models import Grade, Status

ERROR_NOT_A_DAY = "Give the date like 2017-04-01."


class PostSerializer(serializers.Serializer):
    reference = serializers.CharField()
    title = serializers.CharField()
    grade = serializers.CharField(help_text="The grade's code, such as PO5.")
    fte = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=True)
    team = serializers.CharField()
    employing_council = serializers.CharField(help_text="The employing council's code.")
    councils = serializers.ListField(
        child=serializers.CharField(), help_text="Codes of the councils the post works for."
    )
    status = serializers.ChoiceField(choices=Status.choices, help_text="On the day asked about.")
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(allow_null=True)
    reports_to = serializers.CharField(allow_blank=True, help_text="The reference of the post it reports to.")


class PostList(PublicCached, PagedView):
    @extend_schema(
        parameters=filter_parameters(
            EstablishmentFilter,
            council="The employing council's code.",
            team="A team or division, exactly as named.",
            grade="A grade's code.",
        )
        + extra_parameters(
            ("on", OpenApiTypes.DATE, "The day the establishment is shown on (default today).")
        ),
        responses=PostSerializer(many=True),
        tags=["posts"],
    )
    def get(self, request, partnership):
        """The posts of the establishment open on a day, by team and reference: no post holder's name, no
        salary."""
        p = request.partnership
        check_parameters(request, EstablishmentFilter.ALLOWED)
        raw = request.query_params.get("on", "")
        try:
            day = parse_date(raw) if raw else timezone.localdate()
        except ValueError as error:
            raise ValidationError({"on": [ERROR_NOT_A_DAY]}) from error
        qs = public.public_posts_queryset(p, day)
        data = {k: v for k, v in request.query_params.items() if k not in PAGE_PARAMETERS | {"on"}}
        if data:
            fs = EstablishmentFilter(
                data,
                queryset=qs,
                councils=selectors.member_councils(p),
                teams=selectors.teams(p),
                grades=list(Grade.objects.filter(partnership=p)),
            )
            if not fs.is_valid():
                raise ValidationError({k: list(v) for k, v in fs.form.errors.items()})
            qs = fs.qs
        return self.page(request, qs, public.posts_view, PostSerializer)
