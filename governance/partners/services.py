"""Writes to partners' records that matter: people (councillors and co-opted members), each under
`records_user` like every service that writes history."""

from django.core.exceptions import ValidationError
from django.db import transaction

from governance.acting import records_user
from governance.partners.public_cache import changes_public

from .models import Person
from .people_matching import match_key, split_name

PERSON_NEEDS_NAME = "Enter the person's name."
PERSON_FIELDS = ("kind", "title", "name", "ward", "party", "email", "register_of_interests_url")


@records_user
@transaction.atomic
@changes_public
def person_create(*, council, name, by, **fields):
    """A new person of the council. fields: any of PERSON_FIELDS but name."""
    if not name or not name.strip():
        raise ValidationError({"name": PERSON_NEEDS_NAME})
    person = Person(council=council, name=" ".join(name.split()), **fields)
    person.full_clean()
    person.save()
    return person


@records_user
@transaction.atomic
@changes_public
def person_update(*, person, by, **fields):
    """Changes the person's public details (PERSON_FIELDS); their council does not change."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    for key, value in fields.items():
        if key not in PERSON_FIELDS:
            raise TypeError(f"person_update() cannot change {key}")
        setattr(person, key, value)
    person.full_clean()
    person.save()
    return person


def person_named(council, printed):
    """The council's person with that printed name (titles, case and spacing aside), or None."""
    key = match_key(printed)
    if not key:
        return None
    for person in Person.objects.filter(council=council).order_by("pk"):
        if match_key(person.name) == key:
            return person
    return None


@records_user
def person_for_name(*, council, printed, by):
    """The council's person printed so (Councillor Andy Hull), made when there is none yet."""
    person = person_named(council, printed)
    if person is not None:
        return person
    title, name = split_name(printed)
    return person_create(council=council, title=title, name=name or printed, by=by)
