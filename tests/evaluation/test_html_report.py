"""The HTML report is one self-contained page with a per-topic bar chart."""

from __future__ import annotations

from tutor.evaluation.html_report import render_html, topic_chart, write_html
from tutor.evaluation.report import EvalReport, SuiteResult, Threshold


def _report() -> EvalReport:
    mcq = SuiteResult("mcq", {"accuracy": 0.75}, 4, by_topic={"iam": {"accuracy": 1.0, "count": 2.0},
                                                               "ddos": {"accuracy": 0.5, "count": 2.0}},
                      thresholds=[Threshold("accuracy", 0.9)])
    return EvalReport({"mcq": mcq})


def test_chart_has_one_bar_per_topic_scaled_to_the_value():
    svg = topic_chart({"iam": {"accuracy": 1.0, "count": 2.0}, "ddos": {"accuracy": 0.5, "count": 2.0}}, width=460)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('class="bar"') == 2
    assert 'width="230.0"' in svg  # 0.5 of the 460 - 170 - 60 = 230 px scale: ddos
    assert "<title>iam: 1.000</title>" in svg


def test_page_is_self_contained_and_shows_the_verdict(tmp_path):
    path = tmp_path / "out" / "report.html"
    write_html(_report(), path)
    html = path.read_text()
    assert "<svg" in html and "<script" not in html and "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "some suites failed" in html
    assert "<td>accuracy</td><td>0.750</td><td>≥ 0.9</td><td>missed</td>" in render_html(_report())
