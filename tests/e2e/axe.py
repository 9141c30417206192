"""axe-core in the browser: every public page type must pass WCAG 2.1 AA.

Each app's browser tests call ``assert_no_axe_violations(page)`` on its pages.
"""

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def axe_violations(page: Page, *, tags: tuple[str, ...] = WCAG_21_AA) -> list[dict[str, Any]]:
    """Run axe on the whole document and return its violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated rather than added as a <script> tag: the site's CSP blocks inline
        # scripts, and an injected tag would be refused (and reported as a violation).
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
    )
    return list(results["violations"])


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}\n      {node['html'][:200]}\n      {summary[:400]}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
