"""Follow-up forms (opfølgningsskemaer): questions as data, answers checked against them.

A template is a list of questions; a municipality edits it as plain lines, one
question per line, with an optional kind in brackets:

    [1-5] Hvordan udvikler borgerens faglige kompetencer sig?
    [ja/nej] Er der talt om ordinær ansættelse?
    Hvad skal borgeren blive bedre til?            (free text)

Editing makes a new version; answers keep the version they were given against, so
old conversations still read correctly.
"""

import re
from dataclasses import asdict, dataclass

TEXT, SCALE, YES_NO = "text", "scale", "yes_no"
KIND_MARKERS = {"[1-5]": SCALE, "[ja/nej]": YES_NO, "[tekst]": TEXT}
MAX_QUESTIONS = 30
MAX_ANSWER_LENGTH = 4000


class TemplateError(ValueError):
    """A template's lines cannot be read; the message names the line."""


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    kind: str = TEXT
    required: bool = False

    def as_line(self) -> str:
        marker = {SCALE: "[1-5] ", YES_NO: "[ja/nej] "}.get(self.kind, "")
        return f"{'* ' if self.required else ''}{marker}{self.text}"


def parse_lines(text: str) -> list[Question]:
    """Read an edited template: one question a line; '*' first makes it required."""
    questions: list[Question] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        required = line.startswith("*")
        line = line.lstrip("*").strip()
        kind = TEXT
        match = re.match(r"^(\[[^\]]*\])\s*(.*)$", line)
        if match:
            marker = match.group(1).lower()
            if marker not in KIND_MARKERS:
                raise TemplateError(
                    f"Linje {number}: {match.group(1)} er ikke en kendt type; "
                    "brug [1-5], [ja/nej] eller ingen for fritekst."
                )
            kind, line = KIND_MARKERS[marker], match.group(2).strip()
        if len(line) < 3:
            raise TemplateError(f"Linje {number}: skriv selve spørgsmålet.")
        questions.append(Question(f"q{len(questions) + 1}", line, kind, required))
    if not questions:
        raise TemplateError("Skemaet skal have mindst ét spørgsmål.")
    if len(questions) > MAX_QUESTIONS:
        raise TemplateError(f"Højst {MAX_QUESTIONS} spørgsmål i et skema.")
    return questions


def as_lines(questions: list[Question]) -> str:
    return "\n".join(question.as_line() for question in questions)


def to_data(questions: list[Question]) -> list[dict]:
    return [asdict(question) for question in questions]


def from_data(data: list[dict]) -> list[Question]:
    return [Question(**item) for item in data]


def validate_answers(questions: list[Question], raw: dict[str, str]) -> tuple[dict, dict]:
    """(answers, errors): answers keyed by question key; errors name the question."""
    answers: dict[str, object] = {}
    errors: dict[str, str] = {}
    for question in questions:
        value = (raw.get(question.key) or "").strip()
        if not value:
            if question.required:
                errors[question.key] = "Besvar spørgsmålet."
            continue
        if question.kind == SCALE:
            if value not in {"1", "2", "3", "4", "5"}:
                errors[question.key] = "Vælg et tal fra 1 til 5."
                continue
            answers[question.key] = int(value)
        elif question.kind == YES_NO:
            if value not in {"ja", "nej"}:
                errors[question.key] = "Svar ja eller nej."
                continue
            answers[question.key] = value == "ja"
        else:
            if len(value) > MAX_ANSWER_LENGTH:
                errors[question.key] = f"Højst {MAX_ANSWER_LENGTH} tegn."
                continue
            answers[question.key] = value
    unknown = set(raw) - {q.key for q in questions}
    for key in sorted(unknown):
        errors[key] = "Spørgsmålet findes ikke i denne version af skemaet."
    return answers, errors


# The practice sheet's follow-up: how it goes, the tasks, professional and social
# progress, what to improve (possibly formal upskilling), the chance of ordinary
# employment, and next steps.
DEFAULT_TEMPLATES = {
    "start": """\
* Hvad er målet med praktikken for borgeren?
* Hvilke arbejdsopgaver starter borgeren med?
Hvordan og hvor ofte giver jobkontaktpersonen feedback?
Hvad er borgeren spændt eller bekymret for?
[ja/nej] Er forventningsafstemningen gennemgået og forstået af alle tre parter?
* Hvad er de næste skridt?""",
    "midway": """\
* [1-5] Hvordan går praktikken samlet set?
* Hvilke arbejdsopgaver løser borgeren nu?
* [1-5] Hvordan udvikler borgerens faglige kompetencer sig?
* [1-5] Hvordan udvikler borgerens sociale kompetencer sig?
Hvad skal borgeren blive bedre til – evt. gennem et opkvalificeringskursus?
[1-5] Hvor sandsynlig er ordinær ansættelse i virksomheden?
Er der problemer på arbejdspladsen, som skal løses?
* Hvad er de næste skridt?""",
    "final": """\
* [1-5] Hvordan er praktikken gået samlet set?
* [1-5] Hvor meget har borgeren udviklet sine faglige kompetencer?
* [1-5] Hvor meget har borgeren udviklet sine sociale kompetencer?
Hvad skal borgeren fortsat blive bedre til, og hvilke kurser anbefales?
* [ja/nej] Tilbyder virksomheden ordinær ansættelse?
[1-5] Hvor sandsynligt er det, at borgeren får job i branchen?
Hvilke andre virksomheder i branchen kan borgeren søge?
* Hvad er de næste skridt?""",
}
