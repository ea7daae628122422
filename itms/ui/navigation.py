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


def menu_for(user, path: str = "") -> list[VisibleChapter]:
    if not user.is_authenticated:
        return []
    perms = user.get_all_permissions()
    is_staff_kind = getattr(user, "kind", "staff") == "staff"
    visible = {c.key: VisibleChapter(c) for c in CHAPTERS}
    if is_staff_kind:
        # Officials see every chapter of the directive, at least its overview and clauses.
        for chapter in CHAPTERS:
            if chapter.chapters:
                visible[chapter.key].items.append(("개요·조문", _reverse("ui:chapter", chapter.key)))
    for item in all_items():
        if item.staff_only and not is_staff_kind:
            continue
        if item.permission is None or user.is_superuser or item.permission in perms:
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
