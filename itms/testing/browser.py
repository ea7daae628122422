"""Browser journeys: Playwright driving Debian's chromium against the live test server.

Use in a test module (or list the plugin once in the root conftest.py)::

    pytest_plugins = ["itms.testing.browser"]
    pytestmark = [pytest.mark.browser, needs_chromium]

    def test_something(page, page_log):
        login(page, "sponsor")
        shot(page, "home")
        page_log.assert_clean()

One chromium runs for the whole session (``browser``); every test gets a fresh
context (cookies, storage) and a ``page`` whose base URL is the live server, so
``page.goto("/projects/projects/")`` works. ``page_log`` records every request
URL, every console error and every failed request of that page; a request for
another host is recorded and fails inside chromium, it never leaves the machine.
Screenshots go to ``artifacts/screenshots/<test-name>/`` (git-ignored).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from itms.accounts.demo import DEMO_PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

CHROMIUM = Path("/usr/bin/chromium")
# Everything not on the loopback goes to a proxy that is not there: it is recorded, and it fails, but it never
# leaves the machine. Chromium always goes direct to loopback addresses. (A Playwright route would do the same
# but switches off the HTTP cache, so every page would fetch every static file again.)
DEAD_PROXY = "http://127.0.0.1:9"
# Offline and quiet: no updater, no sync, no QUIC probes, no first-run pages (STYLE.md, tests).
# Playwright starts every launch with a fresh temporary profile (it refuses --user-data-dir).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    f"--proxy-server={DEAD_PROXY}",
    "--proxy-bypass-list=localhost;127.0.0.1;[::1]",
]
VIEWPORT = {"width": 1280, "height": 800}
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
TIMEOUT_MS = 10_000

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} 없음 — 브라우저 시험에는 Debian chromium이 필요합니다 (apt-get install chromium)",
)


def is_local(url: str) -> bool:
    """True for URLs served by this machine (or no network at all: data:, blob:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class PageLog:
    """Everything one page asked for and complained about."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    expected_errors: set[str] = field(default_factory=set)  # paths allowed to answer >= 400 (e.g. a 403 check)

    def expect_error(self, path: str) -> None:
        """From now on ``path`` may answer >= 400 without failing assert_clean (e.g. a deliberate 403)."""
        self.expected_errors.add(path)

    def _expected(self, url: str) -> bool:
        return urlsplit(url).path in self.expected_errors

    def on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def on_response(self, response: Response) -> None:
        if response.status >= 400 and not self._expected(response.url):
            self.failed.append(f"{response.status} {response.request.method} {response.url}")

    def on_request_failed(self, request: Request) -> None:
        if request.failure == "net::ERR_ABORTED":
            return  # cancelled by the browser itself, e.g. the favicon of a page we already left
        self.failed.append(f"{request.failure} {request.method} {request.url}")

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        if source and self._expected(source) and "status of 4" in message.text:
            return
        self.console_errors.append(f"{message.text} ({source})")

    def on_page_error(self, error: Exception) -> None:
        self.console_errors.append(f"uncaught: {error}")

    @property
    def external_requests(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]

    def assert_clean(self) -> None:
        """No request left the machine, no console error, no failed request."""
        # Explicit messages: this module is imported by test modules before pytest could rewrite its asserts.
        problems = [
            *(f"외부로 나간 요청: {url}" for url in self.external_requests),
            *(f"콘솔 오류: {text}" for text in self.console_errors),
            *(f"실패한 요청: {text}" for text in self.failed),
        ]
        if problems:
            raise AssertionError("브라우저 기록에 문제가 있습니다:\n" + "\n".join(problems))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless chromium for the session."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} 없음 — 브라우저 시험에는 Debian chromium이 필요합니다")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread until the browser closes, and
    # Django then refuses ORM calls ("async context"). They are plain synchronous code here (fixtures,
    # test set-up, the flush after each test), so the check is off while the browser runs: for the rest
    # of the session, because the browser is shared.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


def _new_context(browser: Browser, base_url: str):
    context = browser.new_context(
        base_url=base_url,
        viewport=VIEWPORT,
        locale="ko-KR",
        timezone_id="Asia/Seoul",
        service_workers="block",
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


def _record(tab: Page, page_log: PageLog) -> None:
    tab.on("request", page_log.on_request)
    tab.on("response", page_log.on_response)
    tab.on("requestfailed", page_log.on_request_failed)
    tab.on("console", page_log.on_console)
    tab.on("pageerror", page_log.on_page_error)


@pytest.fixture
def page(browser: Browser, live_server, demo, page_log: PageLog, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh context on the live server with the demo agency, recording into ``page_log``."""
    context = _new_context(browser, live_server.url)
    tab = context.new_page()
    _record(tab, page_log)
    _SHOTS[tab] = _ShotDir(_screenshot_dir(request.node.name))
    try:
        yield tab
    finally:
        _SHOTS.pop(tab, None)
        context.close()


def watch(tab: Page, page: Page, page_log: PageLog) -> None:
    """Record ``tab`` into the test's page_log and number its screenshots with ``page``'s."""
    _record(tab, page_log)
    _SHOTS[tab] = _SHOTS[page]


@pytest.fixture
def open_as(browser: Browser, live_server, page: Page, page_log: PageLog):
    """open_as("itplan") → a new browser context signed in as that user, recorded and photographed like ``page``:
    journeys where several people act in turn keep one tab each."""
    contexts = []

    def open_tab(username: str) -> Page:
        context = _new_context(browser, live_server.url)
        contexts.append(context)
        tab = context.new_page()
        watch(tab, page, page_log)
        login(tab, username)
        return tab

    yield open_tab
    for context in contexts:
        for tab in context.pages:
            _SHOTS.pop(tab, None)
        context.close()


@dataclass
class _ShotDir:
    path: Path
    count: int = 0


_SHOTS: dict[Page, _ShotDir] = {}  # the page fixture's tab → its test's folder


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "-", name).strip("-")


def _screenshot_dir(test_name: str) -> Path:
    path = ARTIFACTS / _safe(test_name)
    shutil.rmtree(path, ignore_errors=True)  # only this run's pictures
    path.mkdir(parents=True)
    return path


def shot(page: Page, name: str, *, full_page: bool = False) -> Path:
    """Save a numbered PNG of the viewport (1280x800) under artifacts/screenshots/<test-name>/."""
    target = _SHOTS.get(page) or _ShotDir(_screenshot_dir("unnamed"))
    _SHOTS.setdefault(page, target)
    target.count += 1
    path = target.path / f"{target.count:02d}-{_safe(name)}.png"
    page.screenshot(path=path, full_page=full_page)
    return path


def login(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real login form and land on 내 할 일."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    if urlsplit(page.url).path != "/":
        raise AssertionError(f"{username} 로그인 후 내 할 일이 아닌 {page.url} 로 이동했습니다")


# --- steps every journey takes -----------------------------------------------------------------------------------
def submit(page: Page, button) -> str:
    """Click a submit button, wait for the page it leads to, return the success message (no error allowed)."""
    invalid = button.evaluate(
        "b => b.form ? Array.from(b.form.querySelectorAll(':invalid')).map(e => `${e.name}: ${e.validationMessage}`) : []"
    )
    assert not invalid, f"{page.url}: 브라우저가 제출을 막았습니다 {invalid}"
    with page.expect_navigation():
        button.click()
    errors = page.locator(".alert-danger, .invalid-feedback, .errorlist")
    assert not errors.count(), f"{page.url}: {errors.all_inner_texts()}"
    success = page.locator(".alert-success[role=alert]")
    return success.first.inner_text() if success.count() else ""


def transition(page: Page, name: str):
    """The enabled button of a workflow transition on the page's 진행 상태 panel."""
    return page.locator(f'#workflow-panel [data-transition="{name}"] form button[type=submit]').first


def state(page: Page) -> str:
    return page.locator("#workflow-panel [data-testid=state]").inner_text().strip()


def choose(page: Page, select: str, value, search: str) -> None:
    """Select ``value`` in a select; a search-select lists its options only after a search term is typed."""
    option = page.locator(f'{select} option[value="{value}"]')
    if not option.count():
        page.locator(select).locator("xpath=..").locator("[data-search-input]").fill(search)
        option.wait_for(state="attached")
    page.locator(select).select_option(
        value=[str(value)] if page.locator(select).get_attribute("multiple") is not None else str(value)
    )
