"""The figure book in a real browser: headless Debian Chromium, networking disabled.

Opens the rendered report from disk, finds every section and its chart, checks that the
charts have a size, that the page requested nothing over the network and logged no
console error, and saves a full-page screenshot (data/reports/figure_book.png, or
$IMW_REPORTS_DIR/figure_book.png).

Chromium comes from Debian (`chromium`, `chromium-driver`); when /usr/bin/chromium is
missing the test installs it with `make chromium` (needs root and the package registry,
as on CI), and skips when it cannot. Networking is off three ways: a proxy that does not
exist, a host resolver that resolves nothing, and DevTools' offline network emulation.
A canary page checks that the console capture and the network block do work.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from imw.report import build_report
from imw.report.numbers import Protection
from test_report_support import REPO, built_warehouse

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SECTIONS = ["F1", "F2", "F4", "F3", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12"]


def ensure_chromium() -> None:
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip("Chromium is not installed and cannot be installed here (make chromium)")
    result = subprocess.run(
        ["make", "-C", str(REPO), "chromium"], capture_output=True, text=True, timeout=900
    )
    if result.returncode != 0 or not CHROMIUM.exists():
        pytest.fail(f"make chromium failed:\n{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    ensure_chromium()
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not download
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--window-size=1200,900",
        # no network: every request goes to a proxy that is not there, and no name resolves
        "--proxy-server=http://127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(str(CHROMEDRIVER), log_output=str(profile / "chromedriver.log"))
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_page_load_timeout(60)
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
    )
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    html, _ = build_report(built_warehouse(), tmp_path_factory.mktemp("reports"), Protection(5))
    return html


def severe(logs: list[dict]) -> list[dict]:
    return [entry for entry in logs if entry.get("level") == "SEVERE"]


def test_console_capture_and_network_block_work(driver, tmp_path):
    canary = tmp_path / "canary.html"
    canary.write_text(
        "<!DOCTYPE html><html><body><p>canary</p>"
        '<img id="remote" src="https://example.org/pixel.png">'
        "<script>console.error('canary error');</script></body></html>",
        encoding="utf-8",
    )
    driver.get_log("browser")  # drop earlier entries
    driver.get(canary.as_uri())
    loaded = driver.execute_script(
        "const img = document.getElementById('remote');return img.complete && img.naturalWidth > 0;"
    )
    assert loaded is False  # the remote image could not be fetched
    messages = " ".join(entry["message"] for entry in severe(driver.get_log("browser")))
    assert "canary error" in messages


def test_report_renders_every_section_and_chart_offline(driver, report):
    from selenium.webdriver.common.by import By

    driver.get_log("browser")
    driver.get(report.as_uri())
    assert driver.title.startswith("Individueel maatwerk")
    sections = driver.find_elements(By.CSS_SELECTOR, "section.figure")
    assert [s.get_attribute("data-figure") for s in sections] == SECTIONS
    for section in sections:
        figure_id = section.get_attribute("data-figure")
        title = section.find_element(By.TAG_NAME, "h2").text
        assert title, figure_id
        charts = section.find_elements(By.CSS_SELECTOR, "figure.chart svg")
        assert len(charts) == 1, figure_id
        size = charts[0].size
        assert size["width"] > 300 and size["height"] > 80, (figure_id, size)
        # the chart drew something: bars, wedges or lines are SVG paths
        assert len(charts[0].find_elements(By.CSS_SELECTOR, "path")) > 5, figure_id
        assert section.find_element(By.CSS_SELECTOR, "p.definition").text
    reference = driver.find_element(By.ID, "reference-date").text
    assert len(reference) == 10 and reference[2] == "/" and reference[5] == "/"
    # nothing was requested beyond the page itself
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);"
    )
    assert resources == []
    errors = severe(driver.get_log("browser"))
    assert errors == [], errors


def test_screenshot_of_the_whole_report(driver, report):
    driver.get(report.as_uri())
    height = driver.execute_script("return document.documentElement.scrollHeight;")
    assert height > 3000  # twelve sections with charts
    driver.set_window_size(1200, min(height + 100, 16000))
    reports_dir = Path(os.environ.get("IMW_REPORTS_DIR", REPO / "data" / "reports"))
    reports_dir.mkdir(parents=True, exist_ok=True)
    screenshot = reports_dir / "figure_book.png"
    assert driver.save_screenshot(str(screenshot))
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
