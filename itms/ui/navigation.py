"""The menu: chapters of the directive, each with the pages a user's roles open.

Record types join their chapter through ``register(..., menu=(chapter, label))``;
other pages join with ``add_menu_item``. A user sees an item only when they hold
its permission, and a chapter only when it has an item for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from itms.core import registry


@dataclass(frozen=True)
class Chapter:
    key: str
    label: str
    icon: str
    chapters: tuple[int, ...] = ()  # directive chapters (장) it carries out


CHAPTERS = [
    Chapter("governance", "추진기구·위원회", "users", (2,)),
    Chapter("planning", "계획", "calendar", (3,)),
    Chapter("acquisition", "도입", "shopping-cart", (4,)),
    Chapter("execution", "사업관리", "briefcase", (5,)),
    Chapter("operations", "운영·유지관리", "server", (6,)),
    Chapter("performance", "성과관리", "chart-bar", (7,)),
    Chapter("resources", "정보자원", "database", (8,)),
    Chapter("compliance", "준수현황", "check", ()),
    Chapter("admin", "관리", "settings", ()),
]
CHAPTER_BY_KEY = {c.key: c for c in CHAPTERS}


@dataclass(frozen=True)
class MenuItem:
    chapter: str
    label: str
    url_name: str
    permission: str | None = None  # None: any signed-in user
    staff_only: bool = False


EXTRA_ITEMS: list[MenuItem] = []


def add_menu_item(
    chapter: str, label: str, url_name: str, permission: str | None = None, *, staff_only: bool = False
) -> None:
    if chapter not in CHAPTER_BY_KEY:
        raise ValueError(f"알 수 없는 메뉴 장: {chapter}")
    item = MenuItem(chapter, label, url_name, permission, staff_only)
    if item not in EXTRA_ITEMS:
        EXTRA_ITEMS.append(item)


def all_items() -> list[MenuItem]:
    items = [
        MenuItem(t.menu[0], t.menu[1], t.url_name("list"), t.permission("view"))
        for t in registry.REGISTRY.values()
        if t.menu
    ]
    return items + EXTRA_ITEMS


@dataclass
class VisibleChapter:
    chapter: Chapter
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    active: bool = False


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
                visible[chapter.key].items.append(("개요·조문", reverse("ui:chapter", args=[chapter.key])))
    for item in all_items():
        if item.staff_only and not is_staff_kind:
            continue
        if item.permission is None or user.is_superuser or item.permission in perms:
            visible[item.chapter].items.append((item.label, reverse(item.url_name)))
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
