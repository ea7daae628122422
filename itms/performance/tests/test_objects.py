"""Every Chapter 7 record type passes the generic suites (pages, exports, history, API, Korean errors)."""

from itms.accounts.models import OrgUnit, User
from itms.performance import factories as f
from itms.performance.models import DiagnosisRound
from itms.testing.suites import ObjectTypeTests


class TestMeasurementRound(ObjectTypeTests):
    label = "performance.measurementround"

    def make(self, n):
        return f.RoundFactory.create_batch(n)

    def update_data(self, obj):
        return {"note": "대상 확인 중"}


class TestMeasurementTarget(ObjectTypeTests):
    label = "performance.measurementtarget"

    def make(self, n):
        return f.TargetFactory.create_batch(n)

    def update_data(self, obj):
        return {"included": "", "exclusion_reason": "운영 중단 예정"}

    def invalid_data(self):
        # a27.1: leaving a system out of the list needs a reason
        return {"included": "", "exclusion_reason": ""}, "exclusion_reason"


class TestCostYear(ObjectTypeTests):
    label = "performance.costyear"

    def make(self, n):
        return f.CostYearFactory.create_batch(n)

    def create_data(self):
        target = f.TargetFactory()
        return {"target": target.pk, "year": target.round.year - 1, "development_cost": 0,
                "maintenance_cost": 300_000_000, "operating_cost": 200_000_000, "usage_scale": 900_000,
                "usage_unit": "건", "source": "결산"}  # fmt: skip

    def update_data(self, obj):
        return {"year": obj.year, "development_cost": 0, "maintenance_cost": 310_000_000,
                "operating_cost": 200_000_000, "usage_scale": 1_000_000, "usage_unit": "건", "source": "결산"}  # fmt: skip

    def invalid_data(self):
        # bad input (issue 17): a negative cost
        return {**self.create_data(), "maintenance_cost": -1}, "maintenance_cost"


class TestFunctionUsage(ObjectTypeTests):
    label = "performance.functionusage"

    def make(self, n):
        return f.FunctionUsageFactory.create_batch(n)

    def create_data(self):
        return {"target": f.TargetFactory().pk, "name": "수입신고 접수", "weight": "1", "usage_previous": 1000,
                "usage_current": 1200, "source": "접속 기록"}  # fmt: skip

    def update_data(self, obj):
        return {"name": obj.name, "weight": "2", "usage_previous": 1000, "usage_current": 900, "source": ""}

    def invalid_data(self):
        # bad input (issue 17): zero use last year cannot be divided by
        return {**self.create_data(), "usage_previous": 0}, "usage_previous"


class TestPerformanceIndicator(ObjectTypeTests):
    label = "performance.performanceindicator"

    def make(self, n):
        return f.PerformanceIndicatorFactory.create_batch(n)

    def create_data(self):
        return {"target": f.TargetFactory().pk, "kind": "common", "name": "서비스 가용률", "unit": "%",
                "goal": "99.5", "result": "99.7", "source": "운영 보고"}  # fmt: skip

    def update_data(self, obj):
        return {"kind": obj.kind, "name": obj.name, "unit": "건", "goal": "100", "result": "95", "source": ""}

    def invalid_data(self):
        return {**self.create_data(), "goal": "0"}, "goal"


class TestMaintenancePlan(ObjectTypeTests):
    label = "performance.maintenanceplan"

    def make(self, n):
        return f.PlanFactory.create_batch(n)

    def update_data(self, obj):
        return {"user_inconvenience": "안내", "data_migration": "이관", "service_continuity": "병행 운영",
                "schedule": "2027년", "due_on": "2027-12-31"}  # fmt: skip


class TestDiagnosisFramework(ObjectTypeTests):
    label = "performance.diagnosisframework"

    def make(self, n):
        return f.FrameworkFactory.create_batch(n)

    def create_data(self):
        return {"year": 2039, "title": "수준진단 지표", "source": "편람",
                "indicator_lines": "정보자원 | 1-1 | 등록 완전성 | 60 | KCS-ITP\n성과관리 | 2-1 | 운영 성과측정 | 40 | KCS-SOT"}  # fmt: skip

    def update_data(self, obj):
        return {"year": obj.year, "title": "수준진단 지표 (개정)", "source": "편람", "indicator_lines": ""}

    def invalid_data(self):
        # a two-digit year (the weights that do not add up are refused in test_rules, a28.1)
        return {**self.create_data(), "year": 26}, "year"

    def api_data(self, data):
        return {k: v for k, v in data.items() if k != "indicator_lines"}


class TestDiagnosisIndicator(ObjectTypeTests):
    label = "performance.diagnosisindicator"

    def make(self, n):
        return f.DiagnosisIndicatorFactory.create_batch(n)

    def create_data(self):
        return {"framework": f.FrameworkFactory().pk, "area": "성과관리 기반", "code": "3-1", "name": "교육",
                "weight": "10", "responsible_unit": OrgUnit.objects.get(code="KCS-DAT").pk, "description": ""}  # fmt: skip

    def update_data(self, obj):
        return {"area": obj.area, "code": obj.code, "name": "교육 (개정)", "weight": "15",
                "responsible_unit": obj.responsible_unit_id, "description": "증빙"}  # fmt: skip

    def invalid_data(self):
        return {**self.create_data(), "weight": "0"}, "weight"


class TestDiagnosisRound(ObjectTypeTests):
    label = "performance.diagnosisround"

    def make(self, n):
        return f.DiagnosisRoundFactory.create_batch(n)

    def create_data(self):
        return {"framework": f.FrameworkFactory().pk, "result_note": ""}

    def update_data(self, obj):
        return {"result_note": "자체점검 결과 의견"}

    def invalid_data(self):
        return {"framework": "", "result_note": ""}, "framework"


class TestDiagnosisScore(ObjectTypeTests):
    label = "performance.diagnosisscore"

    def make(self, n):
        """Scores exist once the 정보기획담당관 has asked for the evidence (a28.2)."""
        indicator = f.DiagnosisIndicatorFactory(weight=100 - (n - 1))
        for _ in range(n - 1):
            f.DiagnosisIndicatorFactory(framework=indicator.framework, weight=1)
        round_ = DiagnosisRound.objects.create(framework=indicator.framework)
        DiagnosisRound.workflow.execute(round_, "start", actor=User.objects.get(username="itplan"), override_reason="")
        return list(round_.scores.all())

    def update_data(self, obj):
        return {"score": "0.5", "evidence": "등록 현황 보고서"}
