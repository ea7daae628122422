"""The search page ("무엇이 이미 있나") and the reviewer's judgement of a suggestion."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from itms.core import gate, registry
from itms.core.action_views import answer, form_errors, run
from itms.core.display import link
from itms.core.errors import CoreErrors, Forbidden

from . import actions, index, sources
from .forms import JudgementForm, SearchForm
from .highlight import highlight
from .search import find

PAGE_TOPS = (10, 20, 50)


def _require_search(user) -> None:
    if not user.has_perm("similarity.view_indexentry"):
        raise Forbidden(CoreErrors.NOT_PERMITTED)


def _choices():
    """Filter choices from the index in memory (no query beyond the index's freshness check)."""
    matrix, _ = index.current_matrix()
    orgs = sorted({(int(i), n) for i, n in zip(matrix.org_ids, matrix.org_names, strict=True) if i}, key=lambda p: p[1])
    years = sorted({int(y) for y in matrix.years if y}, reverse=True)
    statuses = sorted({str(s) for s in matrix.statuses if s})
    return {"orgs": orgs, "years": years, "statuses": statuses}


@login_required
def search(request):
    _require_search(request.user)
    form = SearchForm(request.GET or None, **_choices())
    result, rows = None, []
    try:
        top = int(request.GET.get("top", 20))
    except ValueError:
        top = 20
    top = top if top in PAGE_TOPS else 20
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        result = find(
            data["q"],
            user=request.user,
            kind=data["kind"] or None,
            org=data["org"],
            year=data["year"],
            status=data["status"] or None,
            top=top,
        )
        words = index.normaliser()
        rows = [
            {"hit": hit, "link": link(hit.obj, request.user), "snippet": highlight(hit.text, hit.terms, words)}
            for hit in result.hits
        ]
    elif form.is_bound:
        result = None
    return render(
        request,
        "similarity/search.html",
        {
            "form": form,
            "result": result,
            "rows": rows,
            "top": top,
            "tops": PAGE_TOPS,
            "form_error": form.is_bound and not form.is_valid() and form_errors(form),
        },
    )


@login_required
@require_POST
def judge(request, app_label: str, model_name: str, pk: int):
    """Marks one suggestion on a review as 중복 / 일부 중복 / 무관 (a8.2, a8.6.2, a9.2)."""
    review_type = registry.get(f"{app_label}.{model_name}")
    if review_type is None or sources.review_of(review_type.model) is None:
        raise Http404
    review = gate.fetch(request.user, review_type, "view", pk)
    url = review.get_absolute_url() + "#similar-panel"
    form = JudgementForm(request.POST)
    if not form.is_valid():
        return answer(request, url, error=f"입력 내용을 확인하십시오: {form_errors(form)}")
    target = _target(form.cleaned_data["target"], request.user)
    if target is None:
        raise Http404
    data = form.cleaned_data

    def call():
        actions.judge_suggestion(
            actor=request.user,
            review=review,
            target=target,
            verdict=data["verdict"],
            score=data["score"],
            note=data["note"],
        )

    return run(request, url, call, success=f"'{target}'에 대한 판단을 기록했습니다.")


def _target(value: str, user):
    """ "<app>.<model>:<pk>" of a registered source, if the user may see that record."""
    label, _, pk = value.partition(":")
    source = sources.SOURCES.get(label)
    if source is None or not pk.isdigit():
        return None
    return source.queryset().restrict(user, "view").filter(pk=int(pk)).first()
