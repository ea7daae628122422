"""Factories of Chapter 8 (on top of the demo agency: its units, systems and starter asset types)."""

import datetime as dt

import factory
from django.utils import timezone

from itms.accounts.models import Company, Organization, OrgUnit, User

from .choices import LocationKind
from .models import (
    Asset,
    AssetType,
    InformationSystem,
    InventoryAudit,
    Licence,
    Location,
    MaintenanceContract,
)

SERVER_ATTRIBUTES = {"role": "WAS", "hostname": "test-was", "ip_address": "10.99.0.1", "cpu_cores": 16, "memory_gb": 64}


def unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    code = factory.Sequence(lambda n: f"T-LOC-{n:04d}")
    organization = factory.LazyFunction(lambda: Organization.objects.get(code="KCS"))
    building = "정부대전청사 1동"
    floor = "지하 1층"
    room = factory.Sequence(lambda n: f"시험 전산실 {n}")
    kind = LocationKind.DATA_CENTER


class MaintenanceContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaintenanceContract

    number = factory.Sequence(lambda n: f"T-OM-{n:04d}")
    name = factory.Sequence(lambda n: f"시험 유지관리 계약 {n}")
    supplier = factory.LazyFunction(lambda: Company.objects.order_by("pk").first())
    managing_unit = factory.LazyFunction(lambda: unit("KCS-SOT"))
    starts_on = factory.LazyFunction(lambda: dt.date(timezone.localdate().year, 1, 1))
    ends_on = factory.LazyFunction(lambda: dt.date(timezone.localdate().year, 12, 31))


class AssetFactory(factory.django.DjangoModelFactory):
    """A server of 시스템운영팀 booked to UNI-PASS, with its mandatory attributes (a29.3.3)."""

    class Meta:
        model = Asset

    tag = factory.Sequence(lambda n: f"T-SV-{n:05d}")
    name = factory.Sequence(lambda n: f"시험 서버 {n}")
    asset_type = factory.LazyFunction(lambda: AssetType.objects.get(code="SERVER"))
    org_unit = factory.LazyFunction(lambda: unit("KCS-SOT"))
    system = factory.LazyFunction(lambda: InformationSystem.objects.get(code="UP-IMP"))
    serial_number = factory.Sequence(lambda n: f"T-SN-{n:06d}")
    acquired_on = dt.date(2022, 3, 2)
    attributes = factory.Sequence(lambda n: {**SERVER_ATTRIBUTES, "hostname": f"test-was{n:03d}"})


class SoftwareFactory(AssetFactory):
    tag = factory.Sequence(lambda n: f"T-SW-{n:05d}")
    name = factory.Sequence(lambda n: f"시험 DBMS {n}")
    asset_type = factory.LazyFunction(lambda: AssetType.objects.get(code="DBMS"))
    serial_number = ""
    attributes = {"edition": "Standard"}


class LicenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Licence

    software = factory.SubFactory(SoftwareFactory)
    quantity = 2


class InventoryAuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InventoryAudit

    title = factory.Sequence(lambda n: f"시험 실사 {n}")
    unit = factory.LazyFunction(lambda: unit("KCS-SOT"))
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))


def asset_officer() -> User:
    return User.objects.get(username="asset")
