"""The menu's contents: the directive's chapters and the pages that join them.

Record types join their chapter through ``register(..., menu=(chapter, label))``; other pages join with
``add_menu_item`` in the app's ``objects.py``. The UI (``itms.ui.navigation.menu_for``) shows a user the items
whose permission they hold. It lives in core so that domain apps register menu items without importing the UI.
"""

from __future__ import annotations

from dataclasses import dataclass

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
