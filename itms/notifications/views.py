"""내 알림: the user's own inbox; marking one or all read (POST, htmx-aware).

Rows come through ``Notification.objects.inbox_of(user)`` (the policy's ``self`` scope and the
recipient): another person's notification is not found (404), whoever asks.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import actions
from .models import Notification

PER_PAGE = 30


def _page(request):
    notifications = Notification.objects.inbox_of(request.user)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        notifications = notifications.unread()
    page = Paginator(notifications.order_by("-created_at", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    return {"page": page, "unread_only": unread_only}


@login_required
def notification_list(request):
    context = _page(request)
    template = (
        "notifications/partials/notification_list.html"
        if request.htmx and not request.htmx.boosted
        else "notifications/notification_list.html"
    )
    return render(request, template, context)


@login_required
@require_POST
def notification_read(request, pk: int):
    """Marks one of my notifications read; with ``open`` it then goes where the notification points."""
    notification = Notification.objects.inbox_of(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404("알림을 찾을 수 없습니다.")
    actions.mark_read(actor=request.user, notification=notification)
    if request.POST.get("open") and notification.url and _is_local(request, notification.url):
        return _redirect(notification.url)
    if request.htmx:
        return render(request, "notifications/partials/notification_read.html", {"notification": notification})
    return _redirect(reverse("notifications:notification_list"))


@login_required
@require_POST
def notification_read_all(request):
    actions.mark_all_read(actor=request.user)
    if request.htmx:
        return render(request, "notifications/partials/notification_list.html", {**_page(request), "oob_bell": True})
    return _redirect(reverse("notifications:notification_list"))


def _is_local(request, url: str) -> bool:
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def _redirect(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303  # after a POST, the browser GETs the target
    return response
