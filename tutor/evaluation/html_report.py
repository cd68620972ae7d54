"""A self-contained HTML page of an `EvalReport`: a table per suite and per-topic bars as inline SVG.

No scripts and no external files, so the page opens anywhere, offline.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from tutor.evaluation.report import EvalReport, SuiteResult

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
.pass{color:#176b2c;font-weight:600}.fail{color:#a61b1b;font-weight:600}
details{margin:.5rem 0 1.5rem}pre{white-space:pre-wrap;font-size:.85rem}
"""


def topic_chart(by_topic: dict[str, dict[str, float]], metric: str = "accuracy", width: int = 520) -> str:
    """Horizontal bars, one per topic, as an inline SVG element."""
    rows = sorted(by_topic.items())
    bar_height, gap, label_width = 22, 8, 170
    height = max(1, len(rows)) * (bar_height + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(metric)} per topic" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
    ]
    scale = width - label_width - 60
    for index, (topic, values) in enumerate(rows):
        value = max(0.0, min(1.0, float(values.get(metric, 0.0))))
        y = gap + index * (bar_height + gap)
        colour = "#2e7d32" if value >= 0.9 else "#f9a825" if value >= 0.7 else "#c62828"
        count = int(values.get("count", 0))
        parts.append(f'<text x="0" y="{y + 15}" font-size="13">{escape(topic)} ({count})</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{scale:.0f}" height="{bar_height}" fill="#eee"/>')
        parts.append(
            f'<rect class="bar" x="{label_width}" y="{y}" width="{value * scale:.1f}" height="{bar_height}" fill="{colour}">'
            f"<title>{escape(topic)}: {value:.3f}</title></rect>"
        )
        parts.append(f'<text x="{label_width + scale + 6}" y="{y + 15}" font-size="13">{value:.2f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _suite_html(result: SuiteResult) -> str:
    status = '<span class="pass">passed</span>' if result.passed else '<span class="fail">FAILED</span>'
    rows = []
    thresholds = {t.metric: t for t in result.thresholds}
    for metric, value in result.metrics.items():
        gate = thresholds.get(metric)
        bound = f"{'≤' if gate.at_most else '≥'} {gate.value:g}" if gate else ""
        ok = "" if gate is None else ("ok" if gate.holds(value) else "missed")
        rows.append(f"<tr><td>{escape(metric)}</td><td>{value:.3f}</td><td>{bound}</td><td>{ok}</td></tr>")
    body = [
        f"<h2>{escape(result.name)} — {status}</h2>",
        f"<p>{result.count} items from {escape(result.dataset or '')}</p>",
    ]
    if result.error:
        body.append(f'<p class="fail">{escape(result.error)}</p>')
    body.append("<table><tr><th>metric</th><th>value</th><th>threshold</th><th></th></tr>" + "".join(rows) + "</table>")
    if result.by_topic:
        first = next(iter(result.by_topic.values()))
        metric = next((k for k in first if k != "count"), "accuracy")
        body.append(f"<h3>{escape(metric)} per topic</h3>" + topic_chart(result.by_topic, metric))
    if result.problems:
        items = "".join(f"<li>{escape(p)}</li>" for p in result.problems)
        body.append(f"<details><summary>{len(result.problems)} unusable dataset lines</summary><ul>{items}</ul></details>")
    if result.failures:
        items = "".join(
            f"<li><b>{escape(str(f.get('id')))}</b>: {escape(str(f.get('problem', '')))}"
            f"<pre>{escape(str(f.get('question', '')))}</pre></li>"
            for f in result.failures
        )
        body.append(f"<details><summary>{len(result.failures)} failures</summary><ul>{items}</ul></details>")
    return "\n".join(body)


def render_html(report: EvalReport) -> str:
    """The whole report as one HTML document."""
    verdict = '<span class="pass">all suites passed</span>' if report.passed else '<span class="fail">some suites failed</span>'
    sections = "\n".join(_suite_html(r) for r in report.suites.values())
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tutor eval report</title>"
        f"<style>{_STYLE}</style></head><body><h1>tutor eval</h1><p>{verdict}</p>\n{sections}\n</body></html>\n"
    )


def write_html(report: EvalReport, path: Path) -> None:
    """Write the report page to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
