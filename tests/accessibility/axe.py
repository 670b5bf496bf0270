"""axe-core in a real browser: injected into each page by Playwright and run against the WCAG 2.0,
2.1 and 2.2 level A and AA rules. axe-core comes from npm, installed by the project's own set-up
(`npm ci --prefix tests/accessibility`, run by the Makefile's dev set-up), never fetched at run time."""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
REFRESH = re.compile(r"<meta http-equiv=\"refresh\"[^>]*>", re.IGNORECASE)


@cache
def axe_source():
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is not installed at {AXE_JS}: run `make .venv/.installed-dev` "
                    "(it runs `npm ci --prefix tests/accessibility`).")
    return AXE_JS.read_text(encoding="utf-8")


def with_axe(context):
    """Every page the browser context opens gets axe-core (before its own scripts; no CSP applies)."""
    axe_source()
    context.add_init_script(path=AXE_JS)


def run_axe(page):
    """The WCAG A and AA violations axe finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source())
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = page.evaluate("options => axe.run(document, options)", options)
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "help_url": violation["helpUrl"],
            "tags": [tag for tag in violation["tags"] if tag.startswith("wcag")],
            "nodes": [
                {"target": node["target"], "html": node["html"][:300], "summary": node["failureSummary"]}
                for node in violation["nodes"]
            ],
        }
        for violation in results["violations"]
    ]


def hold_still(page, url):
    """Serve a self-refreshing page without its refresh, so that it is not reloaded mid-scan."""

    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=REFRESH.sub("", response.text()))

    page.route(url, handle)


@dataclass
class ScanReport:
    """What was scanned, as whom, and what axe found: kept under test-artifacts/accessibility/."""

    entries: list = field(default_factory=list)

    def add(self, page_type, role, url, violations, seconds):
        self.entries.append({"page": page_type.name, "role": role, "url": url, "seconds": round(seconds, 2),
                             "violations": violations})

    @property
    def failures(self):
        return [entry for entry in self.entries if entry["violations"]]

    def counts_by_rule(self):
        return Counter(v["rule"] for entry in self.entries for v in entry["violations"] for _ in v["nodes"])

    def summary(self):
        lines = [f"{len(self.entries)} page scans, {len(self.failures)} with WCAG A/AA violations."]
        for entry in self.failures:
            lines.append(f"- {entry['page']} as {entry['role']} ({entry['url']}):")
            for violation in entry["violations"]:
                targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
                lines.append(f"    {violation['rule']} ({violation['impact']}, {len(violation['nodes'])} nodes): "
                             f"{violation['help']} [{targets}]")
        return "\n".join(lines)

    def write(self, folder):
        folder.mkdir(parents=True, exist_ok=True)
        report = {"rules": WCAG_TAGS, "scans": len(self.entries), "pages": sorted({e["page"] for e in self.entries}),
                  "violations_by_rule": dict(self.counts_by_rule()), "entries": self.entries}
        (folder / "axe-report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
        (folder / "axe-report.txt").write_text(self.summary() + "\n", encoding="utf-8")
        return folder / "axe-report.json"
