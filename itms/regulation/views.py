"""Pages of the regulation engine: the directive, transitions, deadlines, the rule pack, the legal
calendar tools, the compliance dashboard and the directive coverage."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from itms.accounts.models import OrgUnit, UserKind
from itms.accounts.roles import Role
from itms.core import registry
from itms.core.calendar_sources import CALENDAR_LEGEND, CALENDAR_SOURCES
from itms.core.display import link
from itms.core.errors import Forbidden
from itms.core.formats import format_date
from itms.core.korean import josa
from itms.core.templatetags.itms import clauses as render_clauses
from itms.core.views import ObjectDetailView

from . import legal_calendar
from .actions import CHANGE_PERMISSION, change_parameter
from .clauses import all_clauses, current
from .clauses import label as clause_label
from .error_codes import RegulationErrors
from .forms import LegalDateForm, ObligationWaiveForm, ParameterChangeForm, ParameterOnDateForm
from .models import Obligation, ObligationStatus, Parameter, ParameterValue, RulePack
from .models.parameters import display_value
from .subjects import visible_subjects
from .tables import STATUS_COLOURS, ParameterTable, ParameterValueTable, StatusClock, status_badge
from .workflows import TransitionError, workflow_model

VIEW_OBLIGATION = "regulation.view_obligation"
WAIVE_OBLIGATION = "regulation.change_obligation"


@login_required
def directive(request):
    """The directive in force with an anchor per clause (#a8.5), as the UI's clause links expect."""
    parsed = current()
    chapters = []
    for number, title in parsed.chapters.items():
        articles = [c for c in parsed.clauses if c.level == "article" and c.chapter == number]
        chapters.append({"number": number, "title": title, "articles": articles})
    pack = RulePack.objects.filter(number=parsed.number).first()
    context = {"directive": parsed, "chapters": chapters, "pack": pack, "amendments": _amendments(pack)}
    return render(request, "regulation/directive.html", context)


def _visible_workflow_object(request, app_label: str, model_name: str, pk: int):
    """The process object, if the user may see it (404 otherwise: no existence leak)."""
    model = workflow_model(app_label, model_name)
    object_type = registry.get(f"{app_label}.{model_name}")
    if model is None or object_type is None:
        raise Http404("절차를 찾을 수 없습니다.")
    obj = object_type.base_queryset().restrict(request.user, "view").filter(pk=pk).first()
    if obj is None:
        raise Http404("자료를 찾을 수 없습니다.")
    return obj


@login_required
@require_POST
def transition(request, app_label: str, model_name: str, pk: int, name: str):
    """The one view that takes any transition of any process (htmx-aware)."""
    obj = _visible_workflow_object(request, app_label, model_name, pk)
    workflow = type(obj).workflow
    step = workflow.transitions.get(name)
    if step is None or step.internal:
        raise Http404("절차를 찾을 수 없습니다.")
    data = {}
    if step.form is not None:
        form = step.form(request.POST, prefix=name)
        if not form.is_valid():
            errors = "; ".join(
                f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip()
                for f, e in form.errors.items()
            )
            return _transition_answer(request, obj, 400, error=f"입력 내용을 확인하십시오: {errors}")
        data = form.cleaned_data
    try:
        workflow.execute(
            obj, name, actor=request.user, data=data, override_reason=request.POST.get("override_reason", "")
        )
    except TransitionError as error:
        return _transition_answer(request, obj, error.status, error=error.message_text)
    except ValidationError as error:
        return _transition_answer(request, obj, 400, error=" ".join(error.messages))
    return _transition_answer(request, obj, 200, success=josa(f"'{step.label}'", "을/를") + " 처리했습니다.")


def _transition_answer(request, obj, status: int, *, error: str = "", success: str = ""):
    if error:
        messages.error(request, error)
    else:
        messages.success(request, success)
    url = obj.get_absolute_url()
    if request.htmx:
        response = HttpResponse(status=status)
        response["HX-Redirect"] = url
        return response
    # A refusal (blocked, conflict) is shown where the user was, with its reasons.
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


# --- shared --------------------------------------------------------------------------------------------
def _require_official(request) -> None:
    """Pages for officials only (vendors and external experts work on what they are assigned, a17.3)."""
    if request.user.kind != UserKind.STAFF and not request.user.is_superuser:
        raise PermissionDenied("기관 직원만 볼 수 있는 화면입니다.")


def _require_perm(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied("이 화면을 볼 권한이 없습니다.")


def _render_detail(request, label: str, pk: int, *, status: int, forms: dict):
    """The registered detail page again, with a refused form and its Korean errors (nothing saved)."""
    request.itms_forms = forms
    view = ObjectDetailView(object_type=registry.get(label))
    view.setup(request, pk=pk)
    response = view.get(request, pk)
    response.status_code = status
    return response


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


# --- obligations ---------------------------------------------------------------------------------------
def obligation_detail_context(obligation: Obligation, request) -> dict:
    from .obligations import OBLIGATION_TYPES

    user = request.user
    status = StatusClock.now().status(obligation)
    obligation_type = OBLIGATION_TYPES.get(obligation.kind)
    subject = visible_subjects([obligation], user).get((obligation.subject_type_id, obligation.subject_id))
    rows = [
        ("내용", obligation.title),
        ("상태", status_badge(status)),
        ("기한", format_date(obligation.due_date)),
        ("기준일", format_date(obligation.start_date) or "—"),  # 접수일·회의일 … the period counts from or to
        ("근거 조항", render_clauses(list(obligation.clause_ids)) or "—"),
        ("의무 종류", obligation_type.title if obligation_type else obligation.kind),
        ("의무자", obligation.owed_by_label),
        ("상대", _owed_to_label(obligation)),
        ("대상", link(subject, user) if subject is not None else (obligation.subject_repr or "—")),
        ("발생일시", format_date(obligation.opened_at)),
        ("규정 버전", obligation.pack_version or "—"),
    ]
    if obligation.closed_at:
        closer = obligation.closed_by.name if obligation.closed_by_id else "—"
        rows += [
            ("종결일시", f"{format_date(obligation.closed_at)} ({closer})"),
            (str(Obligation._meta.get_field("close_note").verbose_name), obligation.close_note or "—"),
        ]
    forms = getattr(request, "itms_forms", {})
    can_waive = obligation.status == ObligationStatus.OPEN and user.has_perm(WAIVE_OBLIGATION, obligation)
    return {
        "rows": rows,
        "display_status": status,
        "computation": _computation(obligation),
        "can_waive": can_waive,
        "waive_form": forms.get("waive") or (ObligationWaiveForm() if can_waive else None),
    }


def _owed_to_label(obligation: Obligation) -> str:
    parts = []
    if obligation.owed_to_role:
        parts.append(str(Role(obligation.owed_to_role).label))
    if obligation.owed_to_unit_id:
        parts.append(f"({obligation.owed_to_unit.name})")
    return " ".join(parts) or "—"


def _computation(obligation: Obligation) -> dict:
    """The stored computation, with each rule reading linked to the parameter value it used."""
    data = obligation.computation or {}
    result = data.get("result") or {}
    readings = list(data.get("rules") or [])
    value_ids = [r.get("value_id") for r in readings if r.get("value_id")]
    values = ParameterValue.objects.select_related("parameter").in_bulk(value_ids)
    enriched = []
    for reading in readings:
        value = values.get(reading.get("value_id"))
        enriched.append(
            {
                **reading,
                "name": value.parameter.name if value else reading.get("parameter"),
                "url": value.parameter.get_absolute_url() if value else "",
                "display": display_value(reading.get("unit", ""), reading.get("value")),
                "effective_from_date": _iso_date(reading.get("effective_from")),
            }
        )
    return {
        "steps": result.get("steps") or [],
        "warning": result.get("warning"),
        "suggested": _iso_date(result.get("suggested")),
        "readings": enriched,
    }


def _amendments(pack: RulePack | None) -> list[dict]:
    """The pack's amendment history with dates (stored as ISO text), for 2026. 1. 31.(토) on screen."""
    return [
        {"number": a.get("number"), "issued": _iso_date(a.get("issued")), "effective": _iso_date(a.get("effective"))}
        for a in (pack.amendments if pack else None) or []
    ]


def _iso_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def obligation_waive(request, pk: int):
    """면제: the 정보기획담당관 closes an open deadline with a reason (chained, never undone)."""
    from .obligations import waive_obligation

    obligation = Obligation.objects.restrict(request.user, "view").filter(pk=pk).first()
    if obligation is None:
        raise Http404("자료를 찾을 수 없습니다.")
    if not request.user.has_perm(WAIVE_OBLIGATION, obligation):
        raise Forbidden(RegulationErrors.WAIVER_WHO)
    form = ObligationWaiveForm(request.POST)
    if form.is_valid():
        try:
            waive_obligation(obligation=obligation, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"'{obligation.title}' 기한을 면제했습니다.")
            return _see_other(obligation.get_absolute_url())
    return _render_detail(request, "regulation.obligation", pk, status=400, forms={"waive": form})


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- the rule pack -------------------------------------------------------------------------------------
def rulepack_detail_context(pack: RulePack, request) -> dict:
    today = timezone.localdate()
    if pack.effective_from > today:
        state = "시행 예정"
    elif pack.repealed_on and pack.repealed_on <= today:
        state = "폐지"
    else:
        state = "시행 중"
    parameters = pack.parameters.restrict(request.user, "view").prefetch_related("values").order_by("key")
    return {
        "rows": [
            ("훈령 번호", pack.version_label),
            ("제명", pack.title),
            ("발령일", format_date(pack.issued_on)),
            ("시행일", format_date(pack.effective_from)),
            ("폐지일", format_date(pack.repealed_on) or "—"),
            ("구분", state),
            ("조항 수", f"{pack.clauses.count()}개"),
        ],
        "amendments": _amendments(pack),
        "parameters_table": ParameterTable(parameters, request=request, orderable=False, exclude=("pack",)),
    }


def parameter_detail_context(parameter: Parameter, request) -> dict:
    user = request.user
    current_value = parameter.current_value
    rows = [
        ("이름", parameter.name),
        ("키", format_html("<code>{}</code>", parameter.key)),
        ("현재 값", display_value(parameter.unit, current_value.value if current_value else None)),
        ("단위", parameter.get_unit_display()),
        ("근거 조항", render_clauses(list(parameter.clause_ids)) or "—"),
        ("설명", parameter.description or "—"),
        ("출처", parameter.source or "—"),
        ("확인 수준", parameter.get_confidence_display()),
        ("규정 버전", link(parameter.pack, user)),
    ]
    if parameter.choices:
        rows.append(("선택지", ", ".join(parameter.choices)))
    values = parameter.values.select_related("changed_by").order_by("-effective_from", "-pk")
    forms = getattr(request, "itms_forms", {})
    can_change = user.has_perm(CHANGE_PERMISSION, parameter)
    change_form = forms.get("change")
    if change_form is None and can_change:
        change_form = ParameterChangeForm(
            parameter=parameter, initial={"effective_from": timezone.localdate() + dt.timedelta(days=1)}
        )
    return {
        "rows": rows,
        "values_table": ParameterValueTable(values, request=request),
        "on_date": _value_on_date(parameter, request),
        "can_change": can_change,
        "change_form": change_form,
    }


def _value_on_date(parameter: Parameter, request) -> dict:
    """ "The value of P on date D": the pack in force on D and the latest value effective on D."""
    from .rules import RuleNotFound, param

    form = ParameterOnDateForm(request.GET or None)
    answer: dict = {"form": form}
    if not form.is_bound or not form.is_valid() or not form.cleaned_data.get("on"):
        return answer
    on = form.cleaned_data["on"]
    answer["on"] = on
    try:
        reading = param(parameter.key, on)
    except RuleNotFound as error:
        answer["error"] = str(error)
        return answer
    answer["reading"] = reading
    answer["display"] = display_value(reading.unit, reading.value)
    answer["other_pack"] = reading.pack_number != parameter.pack.number
    return answer


@login_required
@require_POST
def parameter_change(request, pk: int):
    """값 변경: a new effective-dated value (validated by unit), chained as PARAMETER_CHANGED."""
    parameter = Parameter.objects.restrict(request.user, "view").select_related("pack").filter(pk=pk).first()
    if parameter is None:
        raise Http404("자료를 찾을 수 없습니다.")
    if not request.user.has_perm(CHANGE_PERMISSION, parameter):
        raise Forbidden(RegulationErrors.PARAMETER_WHO)
    form = ParameterChangeForm(request.POST, parameter=parameter)
    if form.is_valid():
        data = form.cleaned_data
        try:
            new = change_parameter(
                actor=request.user,
                parameter=parameter,
                value=data["value"],
                effective_from=data["effective_from"],
                reason=data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                josa(f"'{parameter.name}'", "을/를")
                + f" {format_date(new.effective_from)}부터 {josa(new.display, '으로/로')} 정했습니다.",
            )
            return _see_other(parameter.get_absolute_url())
    return _render_detail(request, "regulation.parameter", pk, status=400, forms={"change": form})


# --- 법정기한 계산기 ------------------------------------------------------------------------------------
MAX_LISTED_HOLIDAYS = 60


@login_required
def calculator(request):
    """민법 기간 계산 (순산·역산) with the holidays in between; htmx swaps only the result."""
    _require_official(request)
    bound = "date" in request.GET
    form = LegalDateForm(request.GET if bound else None, initial={"date": timezone.localdate(), "days": 14})
    context: dict = {"form": form}
    status = 200
    if bound:
        if form.is_valid():
            try:
                result, first, last = form.compute()
            except ValueError:
                status = 400
            else:
                context.update(result=result, first=first, last=last, **_holidays_between(first, last))
        else:
            status = 400
    if request.htmx:
        # htmx swaps 2xx answers only; the errors are part of the partial.
        return render(request, "regulation/partials/calculator_result.html", context)
    return render(request, "regulation/calculator.html", context, status=status)


def _holidays_between(first: dt.date, last: dt.date) -> dict:
    holidays, weekend_days = [], 0
    day = first
    while day <= last:
        name = legal_calendar.holiday_name(day)
        if name in ("토요일", "일요일"):
            weekend_days += 1
        elif name:
            holidays.append((day, name))
        day += dt.timedelta(days=1)
    return {
        "holidays": holidays[:MAX_LISTED_HOLIDAYS],
        "more_holidays": max(0, len(holidays) - MAX_LISTED_HOLIDAYS),
        "holiday_count": len(holidays),
        "weekend_days": weekend_days,
    }


# --- 준수현황 -------------------------------------------------------------------------------------------
COUNT_KEYS = (("open", "진행 중"), ("due_soon", "기한 임박"), ("overdue", "기한 경과"))


def compliance_data(user) -> dict:
    """Counts of open deadlines by unit, role and clause — GROUP BY queries, never a query per row."""
    # Due soon and overdue are decided by the queryset methods themselves (as the list's filter is),
    # used here as subqueries of conditional counts.
    due_soon = Obligation.objects.due_soon().values("pk")
    overdue = Obligation.objects.overdue().values("pk")

    def _counts() -> dict:
        return {
            "open": Count("pk"),
            "due_soon": Count("pk", filter=Q(pk__in=due_soon)),
            "overdue": Count("pk", filter=Q(pk__in=overdue)),
        }

    base = Obligation.objects.restrict(user, "view").open().order_by()
    totals = base.aggregate(**_counts())
    list_url = reverse("regulation:obligation_list")

    def links(**query) -> dict:
        return {key: f"{list_url}?{urlencode({'status': key, **query})}" for key, _ in COUNT_KEYS}

    by_unit_rows = list(base.values("owed_by_unit").annotate(**_counts()))
    units = OrgUnit.objects.in_bulk([r["owed_by_unit"] for r in by_unit_rows if r["owed_by_unit"]])
    by_unit = []
    for row in by_unit_rows:
        unit = units.get(row["owed_by_unit"])
        by_unit.append(
            {
                "label": unit.name if unit else "부서 없음",
                "counts": row,
                "links": links(owed_by_unit=row["owed_by_unit"] or "null"),
            }
        )

    by_role = []
    for row in base.values("owed_by_role").annotate(**_counts()):
        role = row["owed_by_role"]
        by_role.append(
            {
                "label": str(Role(role).label) if role else "역할 없음(개인 지정)",
                "counts": row,
                "links": links(owed_by_role=role or "none"),
            }
        )

    # clause_ids is a list: group by the whole list (few distinct lists), then spread over its ids.
    per_clause: dict[str, dict] = defaultdict(lambda: {"open": 0, "due_soon": 0, "overdue": 0})
    for row in base.values("clause_ids").annotate(**_counts()):
        for clause_id in dict.fromkeys(row["clause_ids"] or []):
            for key, _ in COUNT_KEYS:
                per_clause[clause_id][key] += row[key]
    order = {c.id: i for i, c in enumerate(all_clauses())}
    by_clause = [
        {"label": clause_label(clause_id), "clause_id": clause_id, "counts": counts, "links": links(clause=clause_id)}
        for clause_id, counts in sorted(per_clause.items(), key=lambda item: order.get(item[0], len(order)))
    ]

    def worst_first(rows):
        return sorted(rows, key=lambda r: (-r["counts"]["overdue"], -r["counts"]["due_soon"], r["label"]))

    return {
        "totals": totals,
        "total_links": links(),
        "sections": [
            ("unit", "부서별", "부서", worst_first(by_unit), True),
            ("role", "역할별", "역할", worst_first(by_role), True),
            ("clause", "조항별", "근거 조항", by_clause, False),
        ],
    }


@login_required
def compliance(request):
    """준수현황: open deadlines by unit, role and clause; each number opens the list behind it."""
    _require_perm(request, VIEW_OBLIGATION)
    data = compliance_data(request.user)
    if request.GET.get("_export") == "xlsx":
        return _compliance_xlsx(data)
    return render(request, "regulation/compliance.html", {**data, "count_keys": COUNT_KEYS})


def _compliance_xlsx(data: dict) -> HttpResponse:
    from itms.core.exports import Column, Kind, new_workbook, workbook_bytes, write_sheet, xlsx_response

    workbook = new_workbook("준수현황")
    workbook.remove(workbook.active)
    for _key, title, heading, rows, additive in data["sections"]:
        columns = [Column(heading, width=32), *(Column(label, Kind.INTEGER) for _, label in COUNT_KEYS)]
        values = [[row["label"], *(row["counts"][key] for key, _ in COUNT_KEYS)] for row in rows]
        notes = []
        if additive:
            values.append(["합계", *(data["totals"][key] for key, _ in COUNT_KEYS)])
        else:
            notes.append("※ 한 의무가 여러 조항에 근거할 수 있어 조항별 수의 합은 전체 수와 다를 수 있습니다.")
        write_sheet(workbook.create_sheet(title), columns, values, title=title, notes=notes)
    return xlsx_response(workbook_bytes(workbook), f"준수현황_{timezone.localdate().isoformat()}.xlsx")


# --- 기한 달력 ------------------------------------------------------------------------------------------
# Every registered source's events (itms.core.calendar_sources; the deadlines: .calendar_sources).
MAX_CALENDAR_SPAN_DAYS = 400


@login_required
def calendar(request):
    _require_perm(request, VIEW_OBLIGATION)
    # A class per colour (static/css/itms.css), not a style attribute: the CSP allows no inline styles.
    legend = [(str(s.label), colour) for s, colour in STATUS_COLOURS.items()] + list(CALENDAR_LEGEND.items())
    return render(
        request,
        "regulation/calendar.html",
        {
            "legend": legend,
            "events_url": reverse("regulation:calendar_events"),
            # "Today" as the server counts it (overdue is decided in Asia/Seoul, not in the browser's zone).
            "today": timezone.localdate().isoformat(),
        },
    )


@login_required
def calendar_events(request):
    """The events of every source between ``start`` and ``end`` (FullCalendar's query parameters)."""
    _require_perm(request, VIEW_OBLIGATION)
    try:
        start = legal_calendar.parse_date(request.GET.get("start", "")[:10])
        end = legal_calendar.parse_date(request.GET.get("end", "")[:10])
    except ValueError as error:
        return JsonResponse({"detail": f"start와 end를 YYYY-MM-DD로 주십시오: {error}"}, status=400)
    if end <= start or (end - start).days > MAX_CALENDAR_SPAN_DAYS:
        return JsonResponse({"detail": f"조회 기간은 1일 이상 {MAX_CALENDAR_SPAN_DAYS}일 이하여야 합니다."}, status=400)
    events = [event for source in CALENDAR_SOURCES for event in source(request.user, start, end)]
    return JsonResponse(events, safe=False)


# --- 조항별 이행 현황 -----------------------------------------------------------------------------------
@login_required
def coverage(request):
    """For every clause: the parameters, roles, deadlines, transitions, guards and tests citing it."""
    from .coverage import STATUSES, compute_coverage

    _require_official(request)
    report = compute_coverage()
    chapters = current().chapters
    chapter = request.GET.get("chapter", "")
    state = request.GET.get("state", "")
    rows = report.clauses
    if chapter.isdigit():
        rows = [c for c in rows if c.chapter == int(chapter)]
    if state in STATUSES:
        rows = [c for c in rows if c.status == state]
    summary = report.summary()
    context = {
        "report": report,
        "summary": summary,
        "by_chapter": sorted(summary["by_chapter"].items()),
        "status_cards": [
            ("implemented", STATUSES["implemented"], "text-green", "제품 코드가 이행하고 시험이 그 코드를 실행함"),
            ("parameter_only", STATUSES["parameter_only"], "text-yellow", "규정 값만 있고 읽는 코드가 실행되지 않음"),
            ("mentioned_only", STATUSES["mentioned_only"], "text-orange", "역할 이름·시험 이름 등에서 언급만 됨"),
            ("uncovered", STATUSES["uncovered"], "text-red", "아무 데서도 인용하지 않음"),
        ],
        "rows": rows,
        "chapters": sorted(chapters.items()),
        "chapter": chapter,
        "state": state,
    }
    return render(request, "regulation/coverage.html", context)
