import datetime as dt

import factory

from .models import (
    Assignment,
    Company,
    Grade,
    Organization,
    OrganizationKind,
    OrgUnit,
    OrgUnitKind,
    Position,
    RoleBinding,
    User,
    UserKind,
)
from .roles import Role
from .validators import complete_business_number


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"시험세관{n}")
    code = factory.Sequence(lambda n: f"T{n:04d}")
    kind = OrganizationKind.AFFILIATE
    parent = factory.LazyFunction(lambda: Organization.objects.get(code="KCS"))


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    organization = factory.LazyFunction(lambda: Organization.objects.get(code="KCS"))
    name = factory.Sequence(lambda n: f"시험과{n}")
    code = factory.Sequence(lambda n: f"U{n:05d}")
    kind = OrgUnitKind.DIVISION


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    unit = factory.SubFactory(OrgUnitFactory)
    title = factory.Sequence(lambda n: f"주무관{n}")
    grade = Grade.GRADE_6


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"(주)시험정보{n}")
    business_number = factory.Sequence(lambda n: complete_business_number(f"{300000000 + n * 7:09d}"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"tester{n}")
    name = factory.Sequence(lambda n: f"홍길동{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@customs.example")
    kind = UserKind.STAFF
    password = factory.PostGenerationMethodCall("set_password", "Test-pass-2026!")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    user = factory.SubFactory(UserFactory)
    position = factory.SubFactory(PositionFactory)
    start_date = dt.date(2025, 1, 1)


class RoleBindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleBinding

    role = Role.ASSET_OFFICER
    position = factory.SubFactory(PositionFactory)
