"""factory_boy factories for the domain model."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from filings.models import Filing, Matter, Organisation, Party, PartyRepresentative
from practice_directions.models import DocumentKind, ProceedingType


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Firm {n} Lawyers")
    kind = Organisation.Kind.LAW_FIRM


class MatterFactory(factory.django.DjangoModelFactory):
    """A matter with an allocated-looking number (tests of allocation use matter_open)."""

    class Meta:
        model = Matter

    year = 2026
    sequence = factory.Sequence(lambda n: 9000 + n)
    number = factory.LazyAttribute(lambda m: f"IRC{m.year}/{m.sequence:04d}")
    title = factory.Sequence(lambda n: f"Applicant {n} v Respondent {n} Pty Ltd")
    abbreviated_title = factory.LazyAttribute(lambda m: m.title[:120])
    proceeding = factory.LazyFunction(lambda: ProceedingType.objects.get(code="other"))
    opened_on = datetime.date(2026, 3, 2)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    matter = factory.SubFactory(MatterFactory)
    name = factory.Sequence(lambda n: f"Party {n}")
    role = Party.Role.APPLICANT
    representation = Party.Representation.SOLICITOR


class PartyRepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyRepresentative

    party = factory.SubFactory(PartyFactory)
    user = factory.SubFactory(UserFactory)


class FilingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Filing

    party = factory.SubFactory(PartyFactory)
    matter = factory.SelfAttribute("party.matter")
    sequence = factory.Sequence(lambda n: n + 1)
    lodged_by = factory.SubFactory(UserFactory)
    lodged_at = factory.LazyFunction(timezone.now)


def document_kind(name: str) -> DocumentKind:
    return DocumentKind.objects.get(name__iexact=name)
