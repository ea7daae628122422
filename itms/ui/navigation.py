"""The menu a user sees: the chapters of the directive, each with the pages the user's roles open.

What the menu holds (chapters, record types' and other pages' items) is registered in ``itms.core.menu``; a user
sees an item only when they hold its permission, and a chapter only when it has an item for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from itms.core.menu import CHAPTERS, Chapter, all_items


@dataclass
class VisibleChapter:
    chapter: Chapter
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    active: bool = False


@lru_cache(maxsize=1024)
def _url(name: str, args: tuple, urlconf, prefix: str) -> str:
    return reverse(name, args=args, urlconf=urlconf)


def _reverse(name: str, *args) -> str:
    """``reverse``, kept per URLconf and script prefix: the menu's hundred items cost 2.5 ms a page to reverse."""
    return _url(name, args, get_urlconf(), get_script_prefix())


@receiver(setting_changed)
def _forget_urls(setting, **kwargs) -> None:
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _url.cache_clear()
        _sidebar.cache_clear()


def menu_for(user, path: str = "") -> list[VisibleChapter]:
    if not user.is_authenticated:
        return []
    return _menu(
        frozenset(user.get_all_permissions()), getattr(user, "kind", "staff") == "staff", user.is_superuser, path
    )


def sidebar(user, path: str) -> SafeString:
    """The sidebar's chapter menu as HTML (``ui/base.html``), the item of ``path`` marked.

    What it shows follows only from the permissions, the kind of user and the path, so it is made once per such
    triple and kept (LRU): in the template, its hundred-odd links were a tenth of a list page's rendering.
    """
    if not user.is_authenticated:
        return SafeString("")  # an argument: bandit's mark_safe check fails on a call without one
    return _sidebar(
        frozenset(user.get_all_permissions()),
        getattr(user, "kind", "staff") == "staff",
        user.is_superuser,
        path,
        get_urlconf(),
        get_script_prefix(),
    )


@lru_cache(maxsize=512)
def _sidebar(perms: frozenset, is_staff_kind: bool, is_superuser: bool, path: str, urlconf, prefix) -> SafeString:
    entries = []
    for entry in _menu(perms, is_staff_kind, is_superuser, path):
        active = " show" if entry.active else ""
        links = format_html_join(
            "\n",
            '<a class="dropdown-item{}" href="{}">{}</a>',
            ((" active" if url == path else "", url, label) for label, url in entry.items),
        )
        entries.append(
            format_html(
                '<li class="nav-item dropdown{}" data-chapter="{}">\n'
                '<a class="nav-link dropdown-toggle{}" href="#menu-{}" data-bs-toggle="dropdown" '
                'data-bs-auto-close="false" role="button" aria-expanded="{}">\n'
                '<span class="nav-link-icon"><i class="ti ti-{}"></i></span>\n'
                '<span class="nav-link-title">{}</span>\n</a>\n'
                '<div class="dropdown-menu{}">\n{}\n</div>\n</li>',
                " active" if entry.active else "",
                entry.chapter.key,
                active,
                entry.chapter.key,
                "true" if entry.active else "false",
                entry.chapter.icon,
                entry.chapter.label,
                active,
                links,
            )
        )
    return mark_safe("\n".join(entries))  # noqa: S308 - every part made by format_html above


def _menu(perms: frozenset, is_staff_kind: bool, is_superuser: bool, path: str) -> list[VisibleChapter]:
    visible = {c.key: VisibleChapter(c) for c in CHAPTERS}
    if is_staff_kind:
        # Officials see every chapter of the directive, at least its overview and clauses.
        for chapter in CHAPTERS:
            if chapter.chapters:
                visible[chapter.key].items.append(("개요·조문", _reverse("ui:chapter", chapter.key)))
    for item in all_items():
        if item.staff_only and not is_staff_kind:
            continue
        if item.permission is None or is_superuser or item.permission in perms:
            visible[item.chapter].items.append((item.label, _reverse(item.url_name)))
    result = [v for v in visible.values() if v.items]
    if path:
        # The chapter whose page is open stays open in the sidebar (longest matching prefix wins).
        best = max(
            ((len(url), v) for v in result for _, url in v.items if path.startswith(url)),
            key=lambda pair: pair[0],
            default=None,
        )
        if best is not None:
            best[1].active = True
    return result
