"""Factories of Chapter 7, on top of the demo agency (its units and its register of systems)."""

import datetime as dt
from decimal import Decimal

import factory

from itms.accounts.models import Organization, OrgUnit
from itms.resources.models import InformationSystem

from .choices import IndicatorKind
from .models import (
    CostYear,
    DiagnosisFramework,
    DiagnosisIndicator,
    DiagnosisRound,
    FunctionUsage,
    MaintenancePlan,
    MeasurementRound,
    MeasurementTarget,
    PerformanceIndicator,
)


class SystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationSystem

    name = factory.Sequence(lambda n: f"시험 정보시스템 {n}")
    code = factory.Sequence(lambda n: f"T-SYS-{n:04d}")
    purpose = "시험용 시스템"
    organization = factory.LazyFunction(lambda: Organization.objects.get(code="KCS"))
    operating_unit = factory.LazyFunction(lambda: OrgUnit.objects.get(code="KCS-DAT"))
    service_start = dt.date(2018, 3, 2)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasurementRound

    year = factory.Sequence(lambda n: 2040 + n)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasurementTarget

    round = factory.SubFactory(RoundFactory)
    system = factory.SubFactory(SystemFactory)
    years_in_operation = Decimal("8.0")


class CostYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostYear

    target = factory.SubFactory(TargetFactory)
    year = factory.LazyAttribute(lambda o: o.target.round.year)
    maintenance_cost = 300_000_000
    operating_cost = 200_000_000
    usage_scale = 1_000_000


class FunctionUsageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FunctionUsage

    target = factory.SubFactory(TargetFactory)
    name = factory.Sequence(lambda n: f"기능 {n}")
    usage_previous = 1000
    usage_current = 1100


class PerformanceIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerformanceIndicator

    target = factory.SubFactory(TargetFactory)
    kind = IndicatorKind.OWN
    name = factory.Sequence(lambda n: f"성과지표 {n}")
    goal = Decimal(100)
    result = Decimal(90)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaintenancePlan

    target = factory.SubFactory(TargetFactory)


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiagnosisFramework

    year = factory.Sequence(lambda n: 2040 + n)
    title = "수준진단 지표"


class DiagnosisIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiagnosisIndicator

    framework = factory.SubFactory(FrameworkFactory)
    area = "정보자원 관리수준"
    code = factory.Sequence(lambda n: f"9-{n}")
    name = factory.Sequence(lambda n: f"지표 {n}")
    weight = Decimal(100)
    responsible_unit = factory.LazyFunction(lambda: OrgUnit.objects.get(code="KCS-DAT"))


class DiagnosisRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiagnosisRound

    framework = factory.SubFactory(FrameworkFactory)
