"""Every Chapter 6 record type passes the generic suites (pages, exports, history, API, Korean errors)."""

from itms.accounts.models import OrgUnit
from itms.operations import factories as f
from itms.operations.models import OperationArrangement, ServiceLevelAgreement, SystemTakeover
from itms.resources.models import InformationSystem
from itms.testing.suites import ObjectTypeTests


def _unit(code):
    return OrgUnit.objects.get(code=code).pk


class TestOperationArrangement(ObjectTypeTests):
    label = "operations.operationarrangement"

    def make(self, n):
        return [
            OperationArrangement.objects.create(system=f.system(), mode="in_house", unit_id=_unit("KCS-SOT"),
                                                starts_on="2026-01-01")
            for _ in range(n)
        ]  # fmt: skip

    def create_data(self):
        contract = f.contract()
        return {"system": contract.systems.get().pk, "mode": "outsourced", "contract": contract.pk,
                "unit": _unit("KCS-SOT"), "starts_on": "2026-01-01", "ends_on": "2026-12-31"}  # fmt: skip

    def update_data(self, obj):
        return {"system": obj.system_id, "mode": "in_house", "unit": obj.unit_id, "starts_on": "2026-02-01",
                "staff_count": 4}  # fmt: skip

    def invalid_data(self):
        # a24.1: a system is run in house by an IT department.
        return {**self.create_data(), "mode": "in_house", "contract": "", "unit": _unit("KCS-CLP")}, "unit"


class TestSystemTakeover(ObjectTypeTests):
    label = "operations.systemtakeover"

    def make(self, n):
        return [
            SystemTakeover.objects.create(system=f.system(), budget="e_government", built_by="행정안전부",
                                          project_name="범정부 시험 사업", taken_over_on="2025-12-01",
                                          receiving_unit_id=_unit("KCS-DAT"))
            for _ in range(n)
        ]  # fmt: skip

    def create_data(self):
        return {"system": f.system().pk, "budget": "e_government", "built_by": "행정안전부",
                "project_name": "전자정부 시험 구축", "taken_over_on": "2025-12-01", "receiving_unit": _unit("KCS-DAT")}  # fmt: skip

    def update_data(self, obj):
        return {"system": obj.system_id, "budget": "shared_infra", "built_by": obj.built_by,
                "project_name": obj.project_name, "taken_over_on": "2025-12-02", "receiving_unit": obj.receiving_unit_id}  # fmt: skip

    def invalid_data(self):
        # a24.2: the IT department takes the system over.
        return {**self.create_data(), "receiving_unit": _unit("KCS-CLP")}, "receiving_unit"


class TestMaintenanceRequest(ObjectTypeTests):
    label = "operations.maintenancerequest"

    def make(self, n):
        return [f.request() for _ in range(n)]

    def create_data(self):
        return {"title": "통관 보류 목록 정렬", "description": "보류 목록을 보류일 순으로 정렬한다.",
                "reason": "오래된 보류 건을 먼저 처리하기 위해", "system": InformationSystem.objects.get(code="UP-IMP").pk,
                "urgency": "normal", "requesting_unit": _unit("KCS-CLP")}  # fmt: skip

    def update_data(self, obj):
        return {"title": obj.title + " (수정)", "description": obj.description, "reason": obj.reason,
                "system": obj.system_id, "urgency": "high", "requesting_unit": obj.requesting_unit_id}  # fmt: skip

    def invalid_data(self):
        # a25.1: the functions named belong to the system asked about.
        other = InformationSystem.objects.get(code="UP-EXP").functions.first()
        return {**self.create_data(), "functions": [other.pk]}, "functions"


class TestArchitectureCheck(ObjectTypeTests):
    label = "operations.architecturecheck"

    def make(self, n):
        return f.architecture_checks(n)

    def update_data(self, obj):
        return {"conforms": "on", "note": "표준 프로파일의 제품을 썼다."}


class TestIncident(ObjectTypeTests):
    label = "operations.incident"

    def make(self, n):
        return [f.incident() for _ in range(n)]

    def create_data(self):
        return {"number": "T-INC-NEW-1", "system": InformationSystem.objects.get(code="UP-IMP").pk, "title": "조회 지연",
                "severity": "3", "started_at": "2026-06-02 09:00", "detected_at": "2026-06-02 09:05",
                "restored_at": "2026-06-02 10:30", "service_down": "", "cause": "software"}  # fmt: skip

    def update_data(self, obj):
        return {"number": obj.number, "system": obj.system_id, "title": obj.title, "severity": "1",
                "started_at": "2026-06-10 09:00", "detected_at": "2026-06-10 09:10", "restored_at": "2026-06-10 12:00", "cause": "hardware",
                "service_down": "on"}  # fmt: skip

    def invalid_data(self):
        # An incident restored before it started.
        return {**self.create_data(), "restored_at": "2026-06-02 08:00"}, "restored_at"

    def api_data(self, data):
        return {k: (v.replace(" ", "T") + ":00+09:00" if k.endswith("_at") else v) for k, v in data.items()
                if v != ""} | {"service_down": data.get("service_down") == "on"}  # fmt: skip


class TestServiceRequest(ObjectTypeTests):
    label = "operations.servicerequest"

    def make(self, n):
        return [f.service_request() for _ in range(n)]

    def create_data(self):
        return {"number": "T-SR-NEW-1", "system": InformationSystem.objects.get(code="UP-IMP").pk, "title": "권한 변경",
                "requested_at": "2026-06-02 09:00", "due_at": "2026-06-04 18:00"}  # fmt: skip

    def update_data(self, obj):
        return {"number": obj.number, "system": obj.system_id, "title": obj.title,
                "requested_at": "2026-06-10 10:00", "due_at": "2026-06-12 10:00", "completed_at": "2026-06-11 10:00"}  # fmt: skip

    def invalid_data(self):
        return {**self.create_data(), "due_at": "2026-06-01 09:00"}, "due_at"

    def api_data(self, data):
        return {k: (v.replace(" ", "T") + ":00+09:00" if k.endswith("_at") else v) for k, v in data.items()}


class TestMaintenanceWindow(ObjectTypeTests):
    label = "operations.maintenancewindow"

    def make(self, n):
        return [f.window() for _ in range(n)]

    def create_data(self):
        return {
            "system": f.system().pk,
            "title": "DB 패치",
            "starts_at": "2026-06-21 01:00",
            "ends_at": "2026-06-21 04:00",
        }

    def update_data(self, obj):
        return {
            "system": obj.system_id,
            "title": obj.title,
            "starts_at": "2026-06-28 01:00",
            "ends_at": "2026-06-28 03:00",
        }

    def invalid_data(self):
        return {**self.create_data(), "ends_at": "2026-06-21 00:30"}, "ends_at"

    def api_data(self, data):
        return {k: (v.replace(" ", "T") + ":00+09:00" if k.endswith("_at") else v) for k, v in data.items()}


class TestServiceLevelAgreement(ObjectTypeTests):
    label = "operations.servicelevelagreement"

    def make(self, n):
        return [f.sla() for _ in range(n)]

    def create_data(self):
        return {"contract": f.contract().pk, "title": "시험 서비스수준협약", "service_hours_per_day": "24"}

    def update_data(self, obj):
        return {"title": obj.title + " (수정)", "service_hours_per_day": "24"}

    def invalid_data(self):
        return {**self.create_data(), "title": ""}, "title"


class TestSlaIndicator(ObjectTypeTests):
    label = "operations.slaindicator"

    def make(self, n):
        sla = f.sla()
        return (
            list(sla.indicators.all()[:n])
            if n <= 8
            else [i for _ in range(n // 8 + 1) for i in f.sla().indicators.all()][:n]
        )

    def create_data(self):
        sla = ServiceLevelAgreement.objects.create(contract=f.contract(), title="지표 없는 시험 협약")
        return {"sla": sla.pk, "kind": "availability", "target": "99.9", "minimum": "99.5", "weight": "10",
                "position": "9"}  # fmt: skip

    def update_data(self, obj):
        return {"kind": obj.kind, "target": str(obj.target), "minimum": str(obj.minimum), "weight": obj.weight + 1,
                "position": "1", "limit_hours": "8"}  # fmt: skip

    def invalid_data(self):
        # a26.2: for a "higher is better" indicator the minimum cannot be above the target.
        return {**self.create_data(), "minimum": "99.95"}, "minimum"


class TestSlaMonth(ObjectTypeTests):
    label = "operations.slamonth"

    def make(self, n):
        sla = f.sla(signed=True)
        return [f.month(sla, number) for number in range(1, n + 1)]


class TestSlaMeasurement(ObjectTypeTests):
    label = "operations.slameasurement"

    def make(self, n):
        made = []
        while len(made) < n:
            made.extend(f.month().measurements.all())
        return made[:n]


class TestServiceLevelDiagnosis(ObjectTypeTests):
    label = "operations.serviceleveldiagnosis"

    def make(self, n):
        return [f.diagnosis() for _ in range(n)]

    def create_data(self):
        return {"contract": f.contract().pk, "diagnosed_on": "2026-07-01", "period_start": "2026-01-01",
                "period_end": "2026-06-30", "diagnosing_unit": _unit("KCS-SOT"), "summary": "서비스수준 양호"}  # fmt: skip

    def update_data(self, obj):
        return {"diagnosed_on": "2026-07-02", "period_start": "2026-01-01", "period_end": "2026-06-30",
                "diagnosing_unit": obj.diagnosing_unit_id, "summary": obj.summary + " (보완)"}  # fmt: skip

    def invalid_data(self):
        return {**self.create_data(), "period_end": "2025-12-31"}, "period_end"


class TestDiagnosisFinding(ObjectTypeTests):
    label = "operations.diagnosisfinding"

    def make(self, n):
        return [f.finding() for _ in range(n)]

    def create_data(self):
        return {"diagnosis": f.diagnosis().pk, "finding": "백업 복구 훈련이 없다.", "action": "분기마다 복구 훈련을 한다.",
                "due_on": "2026-09-30"}  # fmt: skip

    def update_data(self, obj):
        return {"finding": obj.finding, "action": obj.action + " (보완)", "due_on": "2026-10-31"}

    def invalid_data(self):
        return {**self.create_data(), "finding": ""}, "finding"
