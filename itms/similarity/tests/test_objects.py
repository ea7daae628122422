"""The synonym list: a registered type that administrators keep (issue 18)."""

from itms.similarity.models import SynonymGroup
from itms.testing.suites import ObjectTypeTests


class TestSynonymGroup(ObjectTypeTests):
    label = "similarity.synonymgroup"

    def make(self, n):
        start = SynonymGroup.objects.count()
        return [
            SynonymGroup.objects.create(term=f"시험어{start + i}", variants=f"시험 변형{start + i}") for i in range(n)
        ]

    def create_data(self):
        return {"term": "통관허브", "variants": "통관 허브 포털, Customs Hub", "note": "", "is_active": True}

    def update_data(self, obj):
        return {"term": obj.term, "variants": obj.variants + ", 추가 변형", "note": "보완", "is_active": True}

    def invalid_data(self):
        return {"term": "허브", "variants": "허, 브", "note": "", "is_active": True}, "variants"


def test_only_administrators_write_the_list(client_of):
    assert client_of("sysadmin").get("/similarity/synonym-groups/add/").status_code == 200
    assert client_of("itplan").get("/similarity/synonym-groups/add/").status_code == 403
    assert client_of("sponsor").get("/similarity/synonym-groups/").status_code == 200
