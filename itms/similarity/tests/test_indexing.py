"""The index follows the texts: saves and deletes after commit, synonym edits, the rebuild command; and the
registration hook through which Chapter 6 adds maintenance requests (a25.2) with one line."""

import pytest
from django.core.management import call_command
from django.db.models.signals import post_delete, post_save

from itms.accounts.models import Organization, OrgUnit
from itms.resources.models import InformationSystem, SystemFunction
from itms.similarity import index, sources
from itms.similarity.models import IndexEntry, SynonymGroup
from itms.similarity.search import find


def _entry(obj):
    return IndexEntry.objects.filter(object_id=obj.pk, content_type__model=obj._meta.model_name).first()


def test_a_new_system_is_searchable_after_commit(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        system = InformationSystem.objects.create(
            name="관세 납부 간편결제 시스템",
            code="T-PAY",
            purpose="수입자가 관세를 신용카드와 간편결제로 납부한다",
            organization=Organization.objects.get(code="KCS"),
            operating_unit=OrgUnit.objects.get(code="KCS-SOT"),
        )
    assert _entry(system).kind == "system"
    assert find("관세를 간편결제로 납부", restrict=False).hits[0].title == "관세 납부 간편결제 시스템"
    with django_capture_on_commit_callbacks(execute=True):
        SystemFunction.objects.create(system=system, name="카드 승인 취소")
    assert "카드" in _entry(system).terms  # the system's text lists its functions
    with django_capture_on_commit_callbacks(execute=True):
        system.delete()
    assert _entry(system) is None


def test_a_synonym_edit_reanalyses_every_text(demo, django_capture_on_commit_callbacks):
    assert "인터넷통관포털" not in find("통관 허브 포털", restrict=False).terms
    with django_capture_on_commit_callbacks(execute=True):
        SynonymGroup.objects.create(term="인터넷통관포털", variants="통관 허브 포털, 통관허브")
    result = find("통관 허브 포털", restrict=False)
    assert "인터넷통관포털" in result.terms
    assert "인터넷통관포털" in result.hits[0].title


def test_rebuild_command_rebuilds_the_index(demo, capsys):
    IndexEntry.objects.all().delete()
    call_command("rebuild_similarity_index")
    assert "유사도 색인" in capsys.readouterr().out
    assert IndexEntry.objects.filter(kind="system").count() == InformationSystem.objects.count()
    assert IndexEntry.objects.filter(kind="function").count() == SystemFunction.objects.count()


def test_the_shipped_synonyms_are_in_the_table(demo):
    assert SynonymGroup.objects.get(term="유니패스").variant_list()[:2] == ["UNI-PASS", "UNIPASS"]


@pytest.fixture
def requests_registered():
    """What itms/operations/similarity.py will say for maintenance requests (a25.2), with a stand-in model."""
    from itms.testing.example.models import ExampleRequest

    source = sources.register_source(
        kind="request", model=ExampleRequest, text=lambda r: r.title, status=lambda r: r.state
    )
    yield source
    sources.SOURCES.pop(source.label)
    post_save.disconnect(sender=ExampleRequest, dispatch_uid=f"similarity-{source.label}")
    post_delete.disconnect(sender=ExampleRequest, dispatch_uid=f"similarity-del-{source.label}")


@pytest.mark.clause("a25.2")
def test_a25_2_a_registered_source_is_searched(demo, requests_registered, django_capture_on_commit_callbacks):
    from itms.testing.example.models import ExampleRequest

    with django_capture_on_commit_callbacks(execute=True):
        request = ExampleRequest.objects.create(
            title="적하목록 제출 화면의 컨테이너 번호 형식 검증 추가", unit=OrgUnit.objects.get(code="KCS-CLP")
        )
    hits = find("컨테이너 번호 형식 검증", restrict=False, kind="request").hits
    assert [(h.label, h.object_id) for h in hits] == [("example.examplerequest", request.pk)]
    index.forget_matrix()
