"""The register of information systems passes the generic suites, including import from a file."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from itms.accounts.models import Organization, OrgUnit
from itms.resources.models import InformationSystem, SystemFunction, SystemInterface
from itms.testing.suites import ObjectTypeTests


def _system(n):
    return InformationSystem.objects.create(
        name=f"시험 시스템 {n}",
        code=f"T-SYS-{n}-{InformationSystem.objects.count()}",
        purpose="시험",
        organization=Organization.objects.get(code="KCS"),
        operating_unit=OrgUnit.objects.get(code="KCS-SOT"),
    )


class TestInformationSystem(ObjectTypeTests):
    label = "resources.informationsystem"

    def make(self, n):
        return [_system(i) for i in range(n)]

    def create_data(self):
        return {
            "name": "통관 챗봇",
            "code": "CHATBOT",
            "purpose": "민원 상담 자동화",
            "organization": Organization.objects.get(code="KCS").pk,
            "operating_unit": OrgUnit.objects.get(code="KCS-AIT").pk,
            "status": "building",
        }

    def update_data(self, obj):
        return {
            "name": obj.name,
            "code": obj.code,
            "purpose": "변경된 목적",
            "organization": obj.organization_id,
            "operating_unit": obj.operating_unit_id,
            "status": "operating",
        }

    def invalid_data(self):
        # a24.1: a system is operated by an IT department, not a sponsoring one.
        return {
            **self.create_data(),
            "code": "BAD",
            "operating_unit": OrgUnit.objects.get(code="KCS-CLP").pk,
        }, "operating_unit"


class TestSystemFunction(ObjectTypeTests):
    label = "resources.systemfunction"

    def make(self, n):
        system = _system(0)
        return [SystemFunction.objects.create(system=system, name=f"기능 {i}") for i in range(n)]

    def create_data(self):
        return {"system": InformationSystem.objects.get(code="UP-IMP").pk, "name": "수입신고 정정"}

    def update_data(self, obj):
        return {"system": obj.system_id, "name": obj.name, "description": "설명 추가"}

    def invalid_data(self):
        return {"system": InformationSystem.objects.get(code="UP-IMP").pk, "name": ""}, "name"


class TestSystemInterface(ObjectTypeTests):
    label = "resources.systeminterface"

    def make(self, n):
        source = _system(0)
        return [
            SystemInterface.objects.create(source=source, target=_system(i + 1), data=f"자료 {i}") for i in range(n)
        ]

    def create_data(self):
        return {
            "source": InformationSystem.objects.get(code="UP-REF").pk,
            "target": InformationSystem.objects.get(code="BIGDATA").pk,
            "data": "환급 자료",
        }

    def update_data(self, obj):
        return {"source": obj.source_id, "target": obj.target_id, "data": "변경된 연계 자료"}

    def invalid_data(self):
        same = InformationSystem.objects.get(code="UP-REF").pk
        return {"source": same, "target": same, "data": "자기 연계"}, "target"


def _xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("systems.xlsx", buffer.getvalue())


HEADER = ["시스템명", "시스템 코드", "목적·기능 개요", "소유 기관", "운영 부서", "상태"]


def test_a24_1_import_creates_every_row_by_natural_keys(client_of):
    upload = _xlsx(
        [
            HEADER,
            ["전자문서 유통", "EDOC", "문서 유통", "KCS", "KCS-SOT", "operating"],
            ["APIS 분석", "APIS2", "사전정보 분석", "ICN", "ICN-CIM", "building"],
        ]
    )
    response = client_of("itplan").post("/resources/information-systems/import/", {"file": upload})
    assert response.status_code == 302
    assert InformationSystem.objects.get(code="APIS2").operating_unit.code == "ICN-CIM"


def test_import_with_one_bad_row_saves_nothing_and_names_every_error(client_of, unchanged):
    upload = _xlsx(
        [
            HEADER,
            ["정상 행", "OK1", "목적", "KCS", "KCS-SOT", "operating"],
            ["나쁜 부서", "BAD1", "목적", "KCS", "KCS-CLP", "operating"],
            ["없는 부서", "BAD2", "목적", "KCS", "NO-SUCH", "operating"],
        ]
    )
    client = client_of("itplan")
    with unchanged():
        response = client.post("/resources/information-systems/import/", {"file": upload})
    assert response.status_code == 400
    errors = response.context["result"].errors
    assert any(e.startswith("3행 운영 부서") and "정보화부서" in e for e in errors)
    assert any(e.startswith("4행") and "NO-SUCH" in e for e in errors)


def test_it_department_imports_only_into_its_own_scope(client_of, unchanged):
    upload = _xlsx([HEADER, ["남의 시스템", "OTHER1", "목적", "KCS", "KCS-SOT", "operating"]])
    client = client_of("itdept")  # 데이터담당관 may add only systems it operates
    with unchanged():
        response = client.post("/resources/information-systems/import/", {"file": upload})
    assert response.status_code == 400 and "권한" in " ".join(response.context["result"].errors)
