"""The validation report of one delivery: Markdown and a small self-contained HTML page.

GX's own Data Docs load CSS and JavaScript from public CDNs, so the gate writes its own:
no external resources, readable from disk or a mail attachment.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from imw.gate.findings import REFUSE, Finding


@dataclass
class Failure:
    rule: str
    severity: str
    expectation: str
    column: str | None
    unexpected: int | None
    percent: float | None
    examples: list[str]
    lines: list[int]

    def describe(self) -> str:
        what = f"{self.column}: " if self.column else ""
        what += self.rule
        if self.unexpected is not None:
            what += f" — {self.unexpected} rows"
            if self.percent is not None:
                what += f" ({self.percent:.2f} %)"
        if self.examples:
            what += f", e.g. {', '.join(self.examples[:3])}"
        if self.lines:
            what += f" at line(s) {', '.join(str(n) for n in self.lines[:5])}"
        return what


@dataclass
class FileSummary:
    file: str
    rows: int | None
    evaluated: int = 0
    failures: list[Failure] = field(default_factory=list)
    skipped_reason: str | None = None

    @property
    def failed(self) -> int:
        return len(self.failures)

    def line(self, delivery: str) -> str:
        if self.skipped_reason:
            return f"{delivery}/{self.file}: expectations not run ({self.skipped_reason})"
        status = "ok" if not self.failures else f"{self.failed} failed (warnings)"
        if any(f.severity == REFUSE for f in self.failures):
            status = f"{self.failed} failed, refusal"
        return f"{delivery}/{self.file}: {self.rows} rows, {self.evaluated} expectations, {status}"


def _status(summaries: list[FileSummary], findings: list[Finding]) -> str:
    if any(f.severity == REFUSE for f in findings):
        return "REFUSED"
    if findings or any(s.failures for s in summaries):
        return "ACCEPTED WITH WARNINGS"
    return "ACCEPTED"


def write_reports(
    out_dir: Path, delivery: str, summaries: list[FileSummary], findings: list[Finding]
) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    status = _status(summaries, findings)
    md_path = out_dir / f"{delivery}.md"
    html_path = out_dir / f"{delivery}.html"
    _atomic_write(md_path, _markdown(delivery, status, summaries, findings))
    _atomic_write(html_path, _html(delivery, status, summaries, findings))
    return md_path, html_path


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _markdown(
    delivery: str, status: str, summaries: list[FileSummary], findings: list[Finding]
) -> str:
    out = [f"# Validation of delivery {delivery}", "", f"**Result: {status}**", ""]
    structural = [f for f in findings if f.file is None or not f.problem.startswith("GX ")]
    out += ["## Manifest and format checks", ""]
    if structural:
        out += ["| severity | file | line | problem |", "|---|---|---|---|"]
        for f in structural:
            out.append(
                f"| {f.severity} | {_cell(f.file or '')} | {f.line or ''} | {_cell(f.problem)} |"
            )
    else:
        out.append("All files present, as in the manifest, with the specified header and encoding.")
    out += ["", "## Expectations (Great Expectations) per file", ""]
    out += ["| file | rows | expectations | failed |", "|---|---:|---:|---:|"]
    for s in summaries:
        failed = s.skipped_reason and f"not run: {s.skipped_reason}" or s.failed
        out.append(
            f"| {s.file} | {s.rows if s.rows is not None else ''} | {s.evaluated} | "
            f"{_cell(failed)} |"
        )
    for s in summaries:
        if not s.failures:
            continue
        out += [
            "",
            f"### {s.file}",
            "",
            "| severity | column | rule | rows | % | examples | lines |",
            "|---|---|---|---:|---:|---|---|",
        ]
        for failure in s.failures:
            pct = "" if failure.percent is None else f"{failure.percent:.2f}"
            out.append(
                f"| {failure.severity} | {_cell(failure.column or '')} | {_cell(failure.rule)} | "
                f"{'' if failure.unexpected is None else failure.unexpected} | {pct} | "
                f"{_cell(', '.join(failure.examples[:5]))} | "
                f"{', '.join(str(n) for n in failure.lines[:10])} |"
            )
    out += [
        "",
        "Warnings do not stop the build: the warehouse keeps and flags, or "
        "quarantines, such rows (see `audit` schema). Refusals stop it.",
        "",
    ]
    return "\n".join(out)


_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:72em}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3} .num{text-align:right}
.REFUSE,.REFUSED{color:#a00;font-weight:bold} .WARN{color:#a60}
.ACCEPTED{color:#070;font-weight:bold} code{font-size:90%}
"""


def _html(delivery: str, status: str, summaries: list[FileSummary], findings: list[Finding]) -> str:
    e = html.escape
    css_status = status.split()[0] if status != "ACCEPTED WITH WARNINGS" else "WARN"
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Validation {e(delivery)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Validation of delivery {e(delivery)}</h1>",
        f"<p>Result: <span class='{css_status}'>{e(status)}</span></p>",
        "<h2>Manifest and format checks</h2>",
    ]
    structural = [f for f in findings if not f.problem.startswith("GX ")]
    if structural:
        parts.append("<table><tr><th>severity</th><th>file</th><th>line</th><th>problem</th></tr>")
        for f in structural:
            parts.append(
                f"<tr><td class='{f.severity}'>{f.severity}</td><td>{e(f.file or '')}</td>"
                f"<td class='num'>{f.line or ''}</td><td>{e(f.problem)}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append(
            "<p>All files present, as in the manifest, with the specified header and encoding.</p>"
        )
    parts.append("<h2>Expectations (Great Expectations) per file</h2>")
    parts.append("<table><tr><th>file</th><th>rows</th><th>expectations</th><th>failed</th></tr>")
    for s in summaries:
        failed = f"not run: {s.skipped_reason}" if s.skipped_reason else str(s.failed)
        parts.append(
            f"<tr><td>{e(s.file)}</td><td class='num'>{'' if s.rows is None else s.rows}</td>"
            f"<td class='num'>{s.evaluated}</td><td class='num'>{e(failed)}</td></tr>"
        )
    parts.append("</table>")
    for s in summaries:
        if not s.failures:
            continue
        parts.append(
            f"<h3>{e(s.file)}</h3><table><tr><th>severity</th><th>column</th>"
            "<th>rule</th><th>rows</th><th>%</th><th>examples</th><th>lines</th></tr>"
        )
        for failure in s.failures:
            pct = "" if failure.percent is None else f"{failure.percent:.2f}"
            parts.append(
                f"<tr><td class='{failure.severity}'>{failure.severity}</td>"
                f"<td>{e(failure.column or '')}</td>"
                f"<td>{e(failure.rule)}</td>"
                f"<td class='num'>{'' if failure.unexpected is None else failure.unexpected}</td>"
                f"<td class='num'>{pct}</td>"
                f"<td><code>{e(', '.join(failure.examples[:5]))}</code></td>"
                f"<td>{e(', '.join(str(n) for n in failure.lines[:10]))}</td></tr>"
            )
        parts.append("</table>")
    parts.append(
        "<p>Warnings do not stop the build: the warehouse keeps and flags, or "
        "quarantines, such rows (see the <code>audit</code> schema). "
        "Refusals stop it.</p></body></html>\n"
    )
    return "\n".join(parts)


def write_index(out_dir: Path) -> Path:
    """index.md / index.html: every delivery's report in out_dir with its result."""
    entries = []
    for md in sorted(out_dir.glob("*.md"), reverse=True):
        if md.stem == "index":
            continue
        result = "?"
        for line in md.read_text(encoding="utf-8").splitlines():
            if line.startswith("**Result: "):
                result = line.removeprefix("**Result: ").rstrip("*")
                break
        entries.append((md.stem, result))
    lines = ["# Delivery validation reports", "", "| delivery | result | report |", "|---|---|---|"]
    lines += [f"| {d} | {r} | [{d}.md]({d}.md), [{d}.html]({d}.html) |" for d, r in entries]
    _atomic_write(out_dir / "index.md", "\n".join(lines) + "\n")
    rows = "\n".join(
        f"<tr><td><a href='{html.escape(d)}.html'>{html.escape(d)}</a></td>"
        f"<td class='{html.escape(r.split()[0] if r != 'ACCEPTED WITH WARNINGS' else 'WARN')}'>"
        f"{html.escape(r)}</td></tr>"
        for d, r in entries
    )
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Delivery validation reports</title><style>{_CSS}</style></head><body>"
        "<h1>Delivery validation reports</h1>"
        f"<table><tr><th>delivery</th><th>result</th></tr>\n{rows}\n</table></body></html>\n"
    )
    _atomic_write(out_dir / "index.html", page)
    return out_dir / "index.html"
