"""Factories of Chapter 5, on top of the demo agency (its units, companies, projects and reference data)."""

import datetime as dt

import factory

from itms.accounts.models import Company, OrgUnit, User
from itms.projects.choices import ProjectKind
from itms.projects.models import Project

from . import actions
from .models import (
    AuditFinding,
    ChangeRequest,
    Contract,
    Defect,
    Deliverable,
    DeliverableType,
    Issue,
    Requirement,
    SecurityDiagnosis,
    SecurityFinding,
    SystemAudit,
    TestCase,
    TestRun,
    Training,
    TrainingAttendance,
    Weakness,
    WeaknessCatalog,
    WorkPackage,
)

YEAR = 2026
START, END = dt.date(YEAR, 3, 2), dt.date(YEAR, 12, 31)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"시험 구축사업 {n}")
    code = factory.Sequence(lambda n: f"T-EXE-{n:04d}")
    organization = factory.LazyFunction(lambda: OrgUnit.objects.get(code="KCS-CLP").organization)
    sponsor_unit = factory.LazyFunction(lambda: OrgUnit.objects.get(code="KCS-CLP"))
    kind = ProjectKind.CONSTRUCTION
    start_year = YEAR
    end_year = YEAR
    total_budget = 800_000_000


class ContractFactory(factory.django.DjangoModelFactory):
    """A signed contract: what follows a signature is done too (version 1, the plan, the deadlines)."""

    class Meta:
        model = Contract
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    number = factory.Sequence(lambda n: f"T-C-{n:05d}")
    title = factory.Sequence(lambda n: f"시험 구축 용역 {n}")
    company = factory.LazyFunction(lambda: Company.objects.order_by("pk").first())
    amount = 750_000_000
    signed_on = dt.date(YEAR, 2, 20)
    start_date = START
    end_date = END
    it_unit = factory.LazyFunction(lambda: OrgUnit.objects.get(code="KCS-DAT"))

    @factory.post_generation
    def registered(obj, create, extracted, **kwargs):
        if create:
            actions.contract_registered(obj, actor=None)


class WorkPackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPackage

    contract = factory.SubFactory(ContractFactory)
    code = factory.Sequence(lambda n: f"W{n}")
    name = factory.Sequence(lambda n: f"작업 {n}")
    planned_start = START
    planned_end = dt.date(YEAR, 6, 30)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    contract = factory.SubFactory(ContractFactory)
    title = factory.Sequence(lambda n: f"문제점 {n}")
    raised_on = dt.date(YEAR, 5, 1)


class DeliverableTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliverableType

    code = factory.Sequence(lambda n: f"T-TYPE-{n}")
    phase = "design"
    name = factory.Sequence(lambda n: f"시험 산출물 유형 {n}")


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    contract = factory.SubFactory(ContractFactory)
    type = factory.LazyFunction(lambda: DeliverableType.objects.get(code="DS-ARCH"))
    title = factory.Sequence(lambda n: f"아키텍처설계서 {n}")


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    title = factory.Sequence(lambda n: f"사업관리 교육 {n}")
    held_on = dt.date(YEAR, 4, 1)
    topics = "사업관리 절차"


class TrainingAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingAttendance

    training = factory.SubFactory(TrainingFactory)
    user = factory.LazyFunction(lambda: User.objects.get(username="sponsor"))
    attended = True


class WeaknessCatalogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeaknessCatalog

    edition = factory.Sequence(lambda n: f"T{n}")
    title = factory.Sequence(lambda n: f"시험 가이드 {n}")
    published_on = dt.date(2024, 1, 1)


class WeaknessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Weakness

    catalog = factory.SubFactory(WeaknessCatalogFactory)
    phase = "implementation"
    category = "입력데이터 검증 및 표현"
    seq = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"시험 약점 {n}")


def catalog_2021():
    return WeaknessCatalog.objects.get(edition="2021")


class SecurityDiagnosisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecurityDiagnosis

    contract = factory.SubFactory(ContractFactory)
    catalog = factory.LazyFunction(catalog_2021)
    phase = "implementation"
    diagnosed_on = dt.date(YEAR, 10, 1)


class SecurityFindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecurityFinding

    diagnosis = factory.SubFactory(SecurityDiagnosisFactory)
    weakness = factory.LazyFunction(lambda: catalog_2021().weaknesses.get(phase="implementation", seq=1))
    severity = "high"
    location = factory.Sequence(lambda n: f"PGM-{n:03d}")


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    contract = factory.SubFactory(ContractFactory)
    code = factory.Sequence(lambda n: f"REQ-{n:03d}")
    title = factory.Sequence(lambda n: f"요구사항 {n}")


class TestCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TestCase

    contract = factory.SubFactory(ContractFactory)
    code = factory.Sequence(lambda n: f"TC-{n:03d}")
    title = factory.Sequence(lambda n: f"시험 {n}")


class TestRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TestRun

    contract = factory.SubFactory(ContractFactory)
    kind = "integration"
    started_on = dt.date(YEAR, 11, 2)
    ended_on = dt.date(YEAR, 11, 13)
    passed = True
    summary = "통합시험 통과"


class SystemAuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SystemAudit
        skip_postgeneration_save = True

    contract = factory.SubFactory(ContractFactory)

    @factory.post_generation
    def assessed(obj, create, extracted, **kwargs):
        if create:
            actions.assess(obj)


class AuditFindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditFinding

    stage = factory.LazyFunction(lambda: SystemAuditFactory().stages.get(kind="final"))
    title = factory.Sequence(lambda n: f"지적사항 {n}")


class ChangeRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeRequest

    contract = factory.SubFactory(ContractFactory)
    title = factory.Sequence(lambda n: f"과업변경 {n}")
    reason = "민원 서식 개정 반영"
    scope_change = "신고서 화면 2종 추가"


class DefectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Defect

    contract = factory.LazyFunction(lambda: Contract.objects.get(number="C-2025-0044"))
    title = factory.Sequence(lambda n: f"하자 {n}")
    kind = "change"
    reported_on = factory.LazyFunction(lambda: Contract.objects.get(number="C-2025-0044").handed_over_on)
