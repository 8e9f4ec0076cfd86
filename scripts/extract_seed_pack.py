"""Extracts the reports and appendices of the 30 October 2017 pack from the seed's text into Markdown files
under fixtures/demo/2017-10-30/, one file a report or appendix, for governance/demo.py to load.

    .venv/bin/python scripts/extract_seed_pack.py [SEED] [OUTPUT_DIR]

SEED defaults to ../shared/seeds/001_fd4729b0829cb458.txt (line ranges from ../shared/seed-notes.md, part map of
D1). The text is the seed's own: the script only turns its layout into Markdown (tab-separated rows into
tables, HTML paragraphs and lists into Markdown, all-capital headings into headings), drops the printer's
artefacts ("This page is intentionally left blank", running "Page N" lines) and splits each report into the
sections of the house template. Run again after changing it; the output is committed.

A report file starts with a header of `key: value` lines between `---` lines, then `## field` sections, where
field is a Report field (summary, recommendations, about, ... contact_officer). An appendix file has the header
keys report (the report file's name), position and title; its body is the appendix text.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "001_fd4729b0829cb458.txt"
OUTPUT = ROOT / "fixtures" / "demo" / "2017-10-30"

# (file stem, agenda item title as in fixtures/demo/committees.json, report lines, appendices), seed lines as
# numbered by `cat -n` (seed-notes.md, part map of D1).
REPORTS = [
    (
        "08-governance-model-review",
        "Shared Digital Governance Model Review",
        (359, 503),
        [("Shared Digital Governance Model Options Discussion Paper (Activist Group)", 509, 1534)],
    ),
    (
        "09-strategy-reviewing-the-draft",
        "Shared Digital Strategy - Reviewing the Draft",
        (1537, 1639),
        [
            ("Appendix A: Camden Cabinet, ICT Shared Service Programme (FIN/2016/09)", 1641, 1837),
            ("Appendix B: Gartner IT Strategy Template", 1841, 2038),
            (
                "Appendix C: Review of Opportunity for Haringey to join the Camden and Islington ICT Shared "
                "Service (SOCITM, November 2015)",
                2044,
                2459,
            ),
            ("Appendix D: Draft Strategy", 2461, 2716),
            ("Appendix E: Draft Strategy, easy version", 2718, 2976),
        ],
    ),
    (
        "10-case-management-review",
        "Review of Adult Social Care and Children's Services Case Management System Provision",
        (2978, 3129),
        [],
    ),
    ("11-network-services-transformation", "Network Service Transformation", (3133, 3286), []),
    ("12-finance-update", "Shared Digital Financial Update", (3288, 3417), []),
]

# Numbered headings of the house template (seed 5.6) → Report fields. Other numbered headings (the finance
# update's "3 2017/18 BUDGET POSITION") stay, as subheadings, in the section before them, so the print order
# is the seed's.
FIELDS = [
    ("WHAT IS THIS REPORT ABOUT", "about"),
    ("WHY IS THIS REPORT NECESSARY", "why_necessary"),
    ("OPTIONS", "options"),
    ("WHAT ARE THE REASONS", "reasons"),
    ("WHAT ARE THE IMPACTS", "impacts_risks"),
    ("WHAT ACTIONS WILL BE TAKEN", "actions"),
    ("CONSULTATION", "consultation"),
    ("LEGAL IMPLICATIONS", "legal"),
    ("RESOURCE IMPLICATIONS", "resources"),
    ("APPENDICES", None),  # the pack lists the appendices itself
]
HEADING = re.compile(r"^(\d{1,2}) ([A-Z0-9][A-Z0-9 ?/,()'’&.-]+)(\(.*\))?\s*$")
DROPPED = re.compile(r"^(This page is intentionally left blank|Page \d+)\s*$")
TAG = re.compile(r"</?(p|ol|ul|li|span|div)\b[^>]*>")


def clean(line):
    line = TAG.sub(" ", line).replace("<i>", "*").replace("</i>", "*")
    return re.sub(r"[ \u00a0]{2,}", " ", line).rstrip()


def _cell(text):
    return text.strip().replace("|", "\\|") or " "


def to_markdown(lines):
    """The seed's lines as Markdown: runs of tab-separated lines become tables, short all-capital lines
    headings, HTML paragraphs plain paragraphs."""
    out, i = [], 0
    while i < len(lines):
        raw = lines[i]
        if DROPPED.match(raw.strip()):
            i += 1
            continue
        if "\t" in raw.strip("\t ") and not raw.lstrip().startswith("<p>"):
            rows = []
            while i < len(lines) and "\t" in lines[i] and lines[i].strip():
                rows.append([clean(c) for c in lines[i].rstrip("\n").split("\t")])
                i += 1
            width = max(len(r) for r in rows)
            while width > 1 and all(not (r[width - 1 :] and r[width - 1].strip()) for r in rows):
                width -= 1
            if width >= 2 and len(rows) >= 2:
                rows = [r + [""] * (width - len(r)) for r in rows]
                out.append("")
                out.append("| " + " | ".join(_cell(c) for c in rows[0][:width]) + " |")
                out.append("|" + "---|" * width)
                out.extend("| " + " | ".join(_cell(c) for c in r[:width]) + " |" for r in rows[1:])
                out.append("")
            else:
                out.extend(clean(" ".join(r)) for r in rows)
            continue
        text = clean(raw.replace("\t", " "))
        stripped = text.strip()
        if (
            stripped
            and len(stripped) < 70
            and stripped.upper() == stripped
            and re.search(r"[A-Z]{3}", stripped)
            and not stripped.startswith(("-", "|", "*"))
        ):
            out.extend(["", "### " + stripped.title(), ""])
        else:
            out.append(text)
        i += 1
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _between(blob, start, ends):
    """The text after the first match of start, up to the first of ends after it."""
    found = re.search(start, blob)
    if not found:
        return ""
    rest = blob[found.end() :]
    cut = min((m.start() for e in ends if (m := re.search(e, rest))), default=len(rest))
    return rest[:cut].strip()


def recommendations(text):
    """One recommendation a line, as the Report field wants; the stem before the first ("That the Joint
    Committee:") is left out, as the template prints its own."""
    text = " ".join(clean(t) for t in text.split("\n"))
    parts = re.split(r"(?:^|\s)-?\s*(?:\d{1,2}\.|[a-z]\))\s+(?=[A-Z])", text)
    items = [re.sub(r"\s+", " ", p).strip() for p in parts[1:]]
    return "\n".join(p for p in items if p)


def report(stem, item, span, seed_lines):
    lines = seed_lines[span[0] - 1 : span[1]]
    first_heading = next(n for n, line in enumerate(lines) if HEADING.match(line.strip()))
    header = "\n".join(clean(line.replace("\t", " ")) for line in lines[:first_heading])
    header = re.sub(r"\s*</?p>\s*", "\n", header)
    title = _between(header, r"REPORT TITLE ", [r"\n", r"REPORT OF"])
    of = _between(header, r"REPORT OF ", [r"\n", r"FOR SUBMISSION"])
    author, _, office = of.partition(", ")
    office = re.sub(r"^Shared Digital ", "", office) or of
    summary = _between(header, r"SUMMARY OF REPORT", [r"Local Government Act 1972", r"WHAT DECISIONS"])
    papers = _between(header, r"The following document\(s\) has been used[^:]*:", [r"\n", r"Contact"])
    contact = _between(header, r"Contact officers?:", [r"WHAT DECISIONS"])
    asked = _between(header, r"WHAT DECISIONS ARE BEING ASKED FOR\?", [r"Date:"])
    signed = _between(header, r"Date:", [r"Signed", r"\n"])
    fields = {
        "summary": re.sub(
            r"\n{2,}", "\n\n", "\n\n".join(p.strip() for p in summary.split("\n") if p.strip())
        ),
        "recommendations": recommendations(asked),
        "background_papers": "" if papers.strip(" .").lower() == "none" else papers,
        "contact_officer": contact,
    }
    current, body = None, {}
    extra = []
    for line in lines[first_heading:]:
        match = HEADING.match(line.strip())
        if match:
            name = match.group(2).strip()
            field = next((f for key, f in FIELDS if name.startswith(key)), "?")
            if field == "?":  # a heading of the seed's own, kept in the section before it
                body.setdefault(current, []).extend(["", f"### {name.capitalize()}", ""])
                continue
            current = field
            continue
        if line.strip() == "REPORT ENDS":
            break
        if current is not None:
            body.setdefault(current, []).append(line)
        else:
            extra.append(line)
    for field, body_lines in body.items():
        if field:
            fields[field] = to_markdown(body_lines).strip()
    head = {
        "item": item,
        "title": title,
        "report_of": office,
        "author_name": author,
        "signed_on": "2017-10-19" if "19/10/2017" in signed else "",
        "seed_lines": f"{span[0]}-{span[1]}",
    }
    text = "---\n" + "".join(f"{k}: {v}\n" for k, v in head.items()) + "---\n"
    for field, value in fields.items():
        if value.strip():
            text += f"\n## {field}\n\n{value.strip()}\n"
    return text


def appendix(stem, position, title, start, end, seed_lines):
    head = {"report": stem, "position": position, "title": title, "seed_lines": f"{start}-{end}"}
    body = to_markdown(seed_lines[start - 1 : end])
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in head.items()) + "---\n\n" + body


def main(seed=SEED, output=OUTPUT):
    seed_lines = Path(seed).read_text(encoding="utf-8").split("\n")
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    for old in output.glob("*.md"):
        old.unlink()
    written = 0
    for stem, item, span, appendices in REPORTS:
        (output / f"{stem}.md").write_text(report(stem, item, span, seed_lines), encoding="utf-8")
        written += 1
        for position, (title, start, end) in enumerate(appendices, start=1):
            name = f"{stem}-appendix-{position}.md"
            (output / name).write_text(
                appendix(stem, position, title, start, end, seed_lines), encoding="utf-8"
            )
            written += 1
    print(f"{written} files written to {output}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
