"""Resume check: bullets with no quantified impact, duty phrasing ("responsible
for"), and job-description keywords the resume never mentions. Offline."""
from __future__ import annotations

import re
from collections import Counter

from .model import Finding

BULLET = re.compile(r"^\s*(?:[-*•·▪‣◦–]|\d+[.)])\s+")
QUANTIFIED = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|thousand|"
    r"million|billion|half|halved|doubled|tripled|percent)\b", re.I)
DUTY_PHRASES = [
    "worked on", "responsible for", "helped with", "helped to", "involved in", "tasked with", "duties included",
    "assisted with", "assisted in", "participated in", "took part in", "in charge of", "was part of",
    "contributed to", "handled", "was involved", "assigned to", "exposure to", "familiar with",
]
STOP = set("""a about above across after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each etc every few for from further get
had has have having he her here hers him his how i if in into is it its itself just least less like make many may
me might more most must my need needs new no nor not now of off often on once one only or other our ours out over
own per plus preferred please role same she should so some strong such than that the their them then there these
they this those through to too under until up us very via was we well were what when where which while who whom
why will with within would you your yours years year experience team teams work working ability able skills
skill knowledge understanding including include includes join looking candidate candidates ideal position
company responsibilities requirements required bonus nice great excellent good solid proven plus using use
build building help across day days environment opportunity partner partners closely communication written
verbal equivalent degree related field minimum least bachelor bachelors master masters etc highly self
motivated fast paced passionate""".split())
TECH_TERMS = set("""python java javascript typescript go golang rust ruby php scala kotlin swift c++ c# sql nosql
postgres postgresql mysql sqlite mongodb redis kafka rabbitmq spark hadoop airflow dbt snowflake bigquery redshift
aws gcp azure kubernetes k8s docker terraform ansible helm linux bash git ci/cd jenkins graphql rest grpc react vue
angular svelte next.js node node.js django flask fastapi rails spring pandas numpy pytorch tensorflow scikit-learn
ml llm nlp etl elasticsearch prometheus grafana datadog microservices serverless lambda s3 ec2 html css tailwind
webpack vite jest pytest cypress playwright figma tableau looker excel""".split())
PHRASES = ["machine learning", "distributed systems", "data pipelines", "system design", "code review",
           "unit testing", "on call", "a/b testing", "event driven", "data modeling", "data modelling",
           "infrastructure as code", "continuous integration", "web performance", "accessibility", "observability"]
SYNONYMS = {"postgres": "postgresql", "k8s": "kubernetes", "golang": "go", "node": "node.js", "js": "javascript",
            "ts": "typescript", "nodejs": "node.js", "data modelling": "data modeling"}


def _canon(term: str) -> str:
    return SYNONYMS.get(term, term)


def job_keywords(job_text: str, limit: int = 25) -> list[str]:
    """Tech terms, known phrases, acronyms and repeated content words, most frequent first."""
    lower = job_text.lower()
    found = Counter()
    for phrase in PHRASES:
        found[phrase] += lower.count(phrase) * 2
    for raw in re.findall(r"[A-Za-z][A-Za-z0-9+#./-]*[A-Za-z0-9+#]|[A-Za-z]", job_text):
        word = raw.lower().rstrip(".")
        if word in TECH_TERMS:
            found[_canon(word)] += 3
        elif raw.isupper() and 2 <= len(raw) <= 6 and word not in STOP:
            found[word] += 2  # acronyms: SRE, SLA, ETL
        elif re.search(r"[a-z][A-Z]|\d|[+#]", raw) and word not in STOP:
            found[word] += 2  # camelCase or versioned names: GitHub, S3, C++
        elif len(word) > 3 and word not in STOP and word.isalpha():
            found[word] += 1
    keep = [(k, v) for k, v in found.items() if v >= 2]
    return [k for k, _ in sorted(keep, key=lambda kv: (-kv[1], kv[0]))][:limit]


def _mentions(resume_lower: str, keyword: str) -> bool:
    variants = {keyword} | {k for k, v in SYNONYMS.items() if v == keyword}
    return any(re.search(r"(?<![a-z0-9])" + re.escape(v) + r"(?![a-z0-9])", resume_lower) for v in variants)


def bullets(resume_text: str) -> list[tuple[int, str]]:
    """(line number, text) of bullet lines; long lines when there are no bullet markers."""
    lines = resume_text.splitlines()
    marked = [(n, BULLET.sub("", l).strip()) for n, l in enumerate(lines, 1) if BULLET.match(l)]
    if marked:
        return [(n, t) for n, t in marked if t]
    return [(n, l.strip()) for n, l in enumerate(lines, 1) if len(l.split()) >= 6]


def check_resume(resume_text: str, job_text: str | None = None) -> list[Finding]:
    findings = []
    for line, text in bullets(resume_text):
        quote = f"line {line}: {text[:90]}"
        duty = next((p for p in DUTY_PHRASES if re.search(r"\b" + re.escape(p) + r"\b", text, re.I)), None)
        if duty:
            findings.append(Finding("resume.duty_phrase", "warning",
                                    f"Line {line} says {duty!r}: lead with what you achieved, not the duty.", None, quote))
        if not QUANTIFIED.search(text):
            findings.append(Finding("resume.no_impact", "suggestion",
                                    f"Line {line} has no number: add the impact (time, money, users, percent).", None, quote))
    if job_text:
        lower = resume_text.lower()
        for kw in job_keywords(job_text):
            if not _mentions(lower, kw):
                findings.append(Finding("resume.missing_keyword", "suggestion",
                                        f"The job mentions {kw!r} but the resume does not.", None, kw))
    return findings
