"""The chain of legal events is listed, shown and exported — and can be changed through no page or API."""

from itms.audit.chain import record_event
from itms.audit.models import LegalEventKind
from itms.testing.suites import ObjectTypeTests


class TestLegalEvent(ObjectTypeTests):
    label = "audit.legalevent"

    def make(self, n):
        return [
            record_event(kind=LegalEventKind.TRANSITION, summary=f"시험 절차 진행 {i}", clause_ids=["a8.5"])
            for i in range(n)
        ]

    def test_no_write_surface_exists(self, admin_client):
        event = self.make(1)[0]
        assert admin_client.post("/api/audit/legal-events/", {}).status_code == 405
        assert admin_client.delete(f"/api/audit/legal-events/{event.pk}/").status_code == 405
        assert admin_client.patch(f"/api/audit/legal-events/{event.pk}/", {}).status_code == 405
