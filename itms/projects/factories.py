import datetime as dt

import factory

from itms.accounts.models import Organization, OrgUnit, User

from .choices import ParticipantRole, ProjectKind
from .models import Project, ProjectParticipant


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"시험 정보화사업 {n}")
    code = factory.Sequence(lambda n: f"T-{n:05d}")
    organization = factory.LazyFunction(lambda: Organization.objects.get(code="KCS"))
    sponsor_unit = factory.LazyFunction(lambda: OrgUnit.objects.get(code="KCS-CLP"))
    kind = ProjectKind.ENHANCEMENT
    start_year = 2027
    end_year = 2027
    total_budget = 500_000_000


class ProjectParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectParticipant

    project = factory.SubFactory(ProjectFactory)
    user = factory.LazyFunction(lambda: User.objects.get(username="vendor"))
    role = ParticipantRole.VENDOR_STAFF
    start_date = factory.Sequence(lambda n: dt.date(2025, 1, 1) + dt.timedelta(days=n))
