from datetime import date
from decimal import Decimal

import factory
import pytest

from governance.models import Council, Partnership
from staffing.models import Grade, OnCostRate, Post, PostHolder, SalaryPoint


class GradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grade

    partnership = factory.LazyFunction(lambda: Partnership.objects.get(slug="shared-digital"))
    code = factory.Sequence(lambda n: f"G{n}")
    rank = 1


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    partnership = factory.LazyFunction(lambda: Partnership.objects.get(slug="shared-digital"))
    reference = factory.Sequence(lambda n: f"P{n:04d}")
    title = factory.Sequence(lambda n: f"Analyst {n}")
    grade = factory.SubFactory(GradeFactory)
    fte = Decimal("1.00")
    team = "Operations"
    employing_council = factory.LazyFunction(lambda: Council.objects.get(code="LBC"))
    funding_line = "bau_staff"
    effective_from = date(2016, 4, 1)


class HolderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostHolder

    post = factory.SubFactory(PostFactory)
    person = factory.Sequence(lambda n: f"Person {n}")
    kind = PostHolder.Kind.EMPLOYED
    fte = Decimal("1.00")
    start = date(2016, 4, 1)
    terms_council = factory.LazyFunction(lambda: Council.objects.get(code="LBC"))


@pytest.fixture
def sd(demo):
    return Partnership.objects.get(slug="shared-digital")


@pytest.fixture
def councils(demo):
    return {c.code: c for c in Council.objects.all()}


@pytest.fixture
def grade(sd):
    g = GradeFactory(partnership=sd, code="PO5", rank=5)
    SalaryPoint.objects.create(grade=g, year=2017, salary=Decimal("36500.00"))
    OnCostRate.objects.create(partnership=sd, year=2017, rate=Decimal("0.2800"))
    return g


@pytest.fixture
def post_factory(sd, grade):
    def make(**kwargs):
        kwargs.setdefault("partnership", sd)
        kwargs.setdefault("grade", grade)
        return PostFactory(**kwargs)

    return make


@pytest.fixture
def holder_factory():
    return HolderFactory
