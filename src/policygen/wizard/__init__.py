"""``policygen init``: the interview that writes a commented questionnaire which validates.

Along its seams: ``shapes`` (questions from the model), ``questions`` (which apply, defaults,
the essential ones), ``interview`` and ``detail`` (asking and re-asking), ``answers`` (reading a
typed value), ``writer`` (the one YAML writer), ``update`` (``--update`` in place), ``command``
(the command itself). Wording lives in ``templates/wizard/<lang>.yaml``.
"""

from policygen.wizard.command import InitOptions, run_init
from policygen.wizard.conversation import Conversation, TerminalConversation, stdin_is_terminal
from policygen.wizard.wording import wording
from policygen.wizard.writer import schema_reference

__all__ = [
    "Conversation",
    "InitOptions",
    "TerminalConversation",
    "run_init",
    "schema_reference",
    "stdin_is_terminal",
    "wording",
]
