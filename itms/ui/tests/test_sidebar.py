"""The sidebar's menu (itms.ui.navigation.sidebar): each user's chapters and items as ``menu_for`` lists them, the
open page marked, made once per permission set and page and kept."""

from __future__ import annotations

import re
from html import unescape

import pytest

from itms.accounts.models import User
from itms.ui.navigation import _sidebar, menu_for

pytestmark = pytest.mark.django_db
ITEM = re.compile(r'<a class="dropdown-item( active)?" href="([^"]+)">([^<]+)</a>')
CHAPTER = re.compile(r'<li class="nav-item dropdown( active)?" data-chapter="([^"]+)">')


def _menu_of(html: str):
    side = html[html.index('id="sidebar-menu"') : html.index("</aside>")]
    return CHAPTER.findall(side), ITEM.findall(side)


@pytest.mark.parametrize("username", ["itplan", "sponsor", "vendor"])
def test_the_sidebar_shows_the_users_menu_with_the_open_page_marked(client_of, username):
    user = User.objects.get(username=username)
    page = "/projects/projects/"
    chapters, items = _menu_of(client_of(username).get(page).content.decode())
    menu = menu_for(user, page)
    assert [key for _, key in chapters] == [entry.chapter.key for entry in menu]
    assert [(unescape(label), url) for _, url, label in items] == [item for entry in menu for item in entry.items]
    assert [url for active, url, _ in items if active] == ([page] if page in {u for _, u, _ in items} else [])
    assert [key for active, key in chapters if active] == [entry.chapter.key for entry in menu if entry.active]


def test_users_with_the_same_permissions_on_the_same_page_share_one_rendering(client_of):
    _sidebar.cache_clear()
    client_of("sponsor").get("/projects/projects/")
    misses = _sidebar.cache_info().misses
    client_of("sponsor").get("/projects/projects/")  # the same permissions, the same page: kept
    assert _sidebar.cache_info().misses == misses
    client_of("sponsor").get("/governance/bodies/")  # another page marks another item
    client_of("itplan").get("/projects/projects/")  # other roles, other items
    assert _sidebar.cache_info().misses == misses + 2
