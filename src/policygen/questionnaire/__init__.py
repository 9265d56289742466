"""The questionnaire: its model, safe loading with line numbers, and consistency checks."""

from policygen.questionnaire.checks import consistency_warnings
from policygen.questionnaire.loader import LoadedQuestionnaire, load, load_text
from policygen.questionnaire.model import Questionnaire

__all__ = ["LoadedQuestionnaire", "Questionnaire", "consistency_warnings", "load", "load_text"]
