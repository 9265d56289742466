"""policygen: an organisation's social media policy, written from a YAML questionnaire."""

__version__ = "0.1.0"
