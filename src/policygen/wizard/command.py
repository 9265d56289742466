"""``policygen init``: earlier answers in, the interview, the written file out.

Nothing is written unless every answer is valid and the written text loads back to exactly the
answers given; an existing file is replaced only with consent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from policygen.build import write_files
from policygen.errors import OutputError, PolicygenError, QuestionnaireError
from policygen.questionnaire import LoadedQuestionnaire, consistency_warnings, load_text
from policygen.questionnaire.choices import Language
from policygen.questionnaire.loader import ParsedFile, parse_file, validate_data
from policygen.questionnaire.messages import file_message, reason
from policygen.questionnaire.model import Questionnaire
from policygen.questionnaire.values import reading_in
from policygen.wizard.answers import chosen
from policygen.wizard.conversation import Conversation
from policygen.wizard.interview import Interview, ask_yes_no
from policygen.wizard.questions import PLACEHOLDERS, State
from policygen.wizard.shapes import Answers, plain
from policygen.wizard.update import updated_text
from policygen.wizard.wording import Wording, wording
from policygen.wizard.writer import render_questionnaire


@dataclass(frozen=True)
class InitOptions:
    """What ``policygen init`` was asked to do."""

    target: Path
    use_defaults: bool = False
    answers: Path | None = None
    update: bool = False
    force: bool = False
    full: bool = False


def _ask_language(
    conversation: Conversation, given: Answers, can_ask: bool, ask_given: bool
) -> str:
    choices = [language.value for language in Language]
    current = given.get("language", Language.nl.value)
    if not can_ask or ("language" in given and not ask_given):
        return str(current)
    names = [str(wording(language).data["language_name"]) for language in choices]
    conversation.say("Taal van het beleid / Language of the policy", bold=True)
    for number, (language, name) in enumerate(zip(choices, names, strict=True), start=1):
        conversation.say(f"  {number}. {name} ({language})")
    default = choices.index(current) + 1
    while True:
        typed = conversation.ask(f"Kies / choose 1-{len(choices)} [{default}]: ").strip()
        if typed == "":
            return str(current)
        found = chosen(typed, choices, names)
        if found is not None:
            return found
        conversation.say(f"  ! 1-{len(choices)}: {', '.join(names)}")


_ALWAYS_REPORTED = {"extra_forbidden", "model_type", "dict_type", "list_type"}
"""Problems of shape: reported at once, as nobody could answer them at a prompt."""


def _check_answers(parsed: ParsedFile, can_ask: bool) -> None:
    """An answers file may leave anything out; what it does say must fit.

    Unknown keys and sections that are not sections are errors at once, with their lines. A
    wrong value is asked again at a terminal; without one it is an error too.
    """
    data = parsed.data
    try:
        with reading_in(data.get("language") if isinstance(data, dict) else None):
            Questionnaire.model_validate(data)
    except ValidationError as error:
        wrong = [
            parsed.source.problem(
                tuple(detail["loc"]),
                file_message(reason(detail, parsed.source.scalars.get(tuple(detail["loc"])))),
            )
            for detail in error.errors(include_url=False)
            if detail["type"] in _ALWAYS_REPORTED
            or detail["loc"][:1] == ("language",)
            or (not can_ask and detail["type"] != "missing")
        ]
        if wrong:
            raise QuestionnaireError(wrong) from None


def _given(options: InitOptions, can_ask: bool) -> tuple[Answers, str | None]:
    """Earlier answers, and the original text when updating a file."""
    if options.update:
        parsed = parse_file(options.target)
        validate_data(parsed.data, parsed.source)  # a file to update must be valid, with lines
        return parsed.data, parsed.text
    if options.answers is None:
        return {}, None
    parsed = parse_file(options.answers)
    _check_answers(parsed, can_ask)
    return parsed.data, None


def _may_write(
    options: InitOptions, conversation: Conversation, words: Wording, can_ask: bool
) -> None:
    """An existing file is replaced only with --force or a yes (asked before the interview)."""
    target = options.target
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name")
    if options.update or options.force or not target.exists():
        return
    refusal = OutputError(
        f"{target} exists and was left as it is; give another file name or use --force"
    )
    if not can_ask:
        raise refusal
    conversation.say()
    if not ask_yes_no(conversation, words, words.ui("overwrite", file=target), False):
        raise refusal


def _report(conversation: Conversation, words: Wording, loaded: LoadedQuestionnaire) -> None:
    """Warnings, sample answers still to replace, and what to do next."""
    target = loaded.source.file
    for warning in consistency_warnings(loaded):
        conversation.say(words.ui("warning", message=f"{warning.field}: {warning.message}"))
    answers = State(plain(loaded.questionnaire), {})
    placeholders = [
        ".".join(path)
        for path in PLACEHOLDERS
        if answers.get(".".join(path)) == words.field(path)["placeholder"]
    ]
    if placeholders:
        conversation.say(words.ui("replace_placeholders", fields=", ".join(placeholders)))
    conversation.say(words.ui("next_steps"))
    for step in ("step_build", "step_validate", "step_update"):
        conversation.say(f"  {words.ui(step, file=target)}")


def run_init(options: InitOptions, conversation: Conversation, *, interactive: bool) -> Path:
    """Ask, validate, write; returns the file. Nothing is written unless everything succeeds.

    KeyboardInterrupt and EOFError pass through untouched: the caller reports them.
    """
    target = options.target
    can_ask = interactive and not options.use_defaults
    given, original = _given(options, can_ask)
    language = _ask_language(conversation, given, can_ask, options.update)
    words = wording(language)
    _may_write(options, conversation, words, can_ask)
    if can_ask:
        conversation.say()
        conversation.say(words.ui("welcome"))
        conversation.say(words.ui("keys"))
    interview = Interview(
        conversation,
        words,
        given,
        can_ask,
        options.update,
        full=options.full,
        source=options.answers,
    )
    with reading_in(language):
        questionnaire = Questionnaire.model_validate(interview.run(language))
    if original is None:
        text = render_questionnaire(plain(questionnaire), target, words)
    else:
        before = Questionnaire.model_validate(given)
        text = (
            original if questionnaire == before else updated_text(original, before, questionnaire)
        )
    loaded = load_text(text, target)
    if loaded.questionnaire != questionnaire:  # the writer lost an answer: never write that file
        raise PolicygenError(
            f"{target}: the written text does not hold every answer; please report this"
        )
    conversation.say()
    if text == original:
        conversation.say(words.ui("unchanged", file=target))
    else:
        files = {target.name: text.encode("utf-8")}
        if original is not None:
            backup = target.with_name(f"{target.name}.bak")
            files = {backup.name: original.encode("utf-8"), **files}
        write_files(target.parent, files)
        conversation.say(words.ui("wrote", file=target))
        if original is not None:
            conversation.say(words.ui("backup", file=backup))
    _report(conversation, words, loaded)
    return target
