"""factory-boy factories for the main models: each builds a valid row with the fewest words, and a test
names only what its rule is about."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from finance.models import BudgetLine, Line
from governance.models import (
    AgendaItem,
    Body,
    BodyMember,
    Council,
    Delegation,
    Meeting,
    Membership,
    Office,
    OfficerDecision,
    Partnership,
    Person,
    Report,
    Subject,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = "Pat"
    last_name = factory.Sequence(lambda n: f"Person{n}")


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Test Borough Council {n}")
    code = factory.Sequence(lambda n: "T" + "".join(chr(65 + int(d)) for d in f"{n:03d}"))
    kind = Council.Kind.LONDON_BOROUGH


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Test Shared Service {n}")
    slug = factory.Sequence(lambda n: f"test-shared-service-{n}")
    legal_basis = Partnership.LegalBasis.S113
    start_date = date(2016, 4, 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    partnership = factory.SubFactory(PartnershipFactory)
    council = factory.SubFactory(CouncilFactory)
    joined = factory.SelfAttribute("partnership.start_date")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Test Joint Committee {n}")
    slug = factory.Sequence(lambda n: f"test-joint-committee-{n}")
    kind = Body.Kind.JOINT_COMMITTEE


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    council = factory.SubFactory(CouncilFactory)
    title = "Councillor"
    name = factory.Sequence(lambda n: f"Test Person {n}")


def _person_of(seat):
    """The council's person with the seat's printed name, made when there is none (as the services do)."""
    from governance.partners.people_matching import split_name
    from governance.partners.services import person_named

    found = person_named(seat.council, seat.name)
    if found is not None:
        return found
    title, name = split_name(seat.name)
    return PersonFactory(council=seat.council, title=title, name=name)


class BodyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyMember

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"Councillor Test {n}")
    council = factory.SubFactory(CouncilFactory)
    person = factory.LazyAttribute(_person_of)
    kind = BodyMember.Kind.MEMBER
    start = date(2016, 4, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    date = factory.LazyFunction(lambda: date.today() + timedelta(days=60))
    venue = "Committee Room 1, Town Hall"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Item of business {n}")


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    item = factory.SubFactory(AgendaItemFactory)
    title = factory.SelfAttribute("item.title")
    report_of = "Chief Digital Officer"
    submitted_to = factory.SelfAttribute("item.meeting.body")
    date = factory.SelfAttribute("item.meeting.date")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Director of Test Services {n}")


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Contract awards up to the limit {n}")
    effective_from = date(2016, 4, 1)
    subjects = factory.LazyFunction(lambda: [Subject.CONTRACT_AWARD])
    to_office = factory.SubFactory(OfficeFactory, partnership=factory.SelfAttribute("..partnership"))


class OfficerDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficerDecision

    partnership = factory.SubFactory(PartnershipFactory)
    delegation = factory.SubFactory(DelegationFactory, partnership=factory.SelfAttribute("..partnership"))
    office = factory.SelfAttribute("delegation.to_office")
    title = factory.Sequence(lambda n: f"Award of a test contract {n}")
    decision_maker_name = "Alex Director"
    decided_on = date(2018, 6, 1)
    subject = Subject.CONTRACT_AWARD
    value = Decimal("1000.00")
    decision = "To award the contract."
    reasons = "Best value of the bids received."


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    partnership = factory.SubFactory(PartnershipFactory)
    council = factory.SubFactory(CouncilFactory)
    line = Line.values[0]
    year = 2018
    amount = Decimal("1000.00")
