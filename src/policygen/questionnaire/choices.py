"""The fixed choices a questionnaire offers; each value is what the YAML file says."""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    """The language of every generated document."""

    nl = "nl"
    en = "en"


class Sector(StrEnum):
    healthcare = "healthcare"
    public_sector = "public_sector"
    education = "education"
    business = "business"
    nonprofit = "nonprofit"


class EducationLevel(StrEnum):
    """The level taught: minors and parents exist only below higher education."""

    primary = "primary"
    secondary = "secondary"
    vocational = "vocational"
    higher = "higher"


class ImageConsent(StrEnum):
    """Whose consent a picture of a pupil or patient needs before it is posted."""

    by_age = "by_age"
    always = "always"


class Platform(StrEnum):
    linkedin = "linkedin"
    instagram = "instagram"
    facebook = "facebook"
    x = "x"
    youtube = "youtube"
    tiktok = "tiktok"
    mastodon = "mastodon"
    bluesky = "bluesky"
    threads = "threads"
    whatsapp = "whatsapp"
    signal = "signal"
    telegram = "telegram"
    pinterest = "pinterest"
    other = "other"


class Approval(StrEnum):
    none = "none"
    four_eyes = "four_eyes"
    communication_department = "communication_department"
    management = "management"


class WorkHoursUse(StrEnum):
    allowed = "allowed"
    limited = "limited"
    breaks_only = "breaks_only"
    work_related_only = "work_related_only"


class MentionEmployer(StrEnum):
    allowed = "allowed"
    with_disclaimer = "with_disclaimer"
    discouraged = "discouraged"


class EncouragementLevel(StrEnum):
    restrained = "restrained"
    neutral = "neutral"
    encouraged = "encouraged"
    ambassadors = "ambassadors"


class ConditionStatus(StrEnum):
    met = "met"
    partly_met = "partly_met"
    not_met = "not_met"
    unknown = "unknown"


class LegalBasis(StrEnum):
    legitimate_interest = "legitimate_interest"
    legal_obligation = "legal_obligation"
    public_task = "public_task"


class RelatedKind(StrEnum):
    crisis_communication = "crisis_communication"
    press_policy = "press_policy"
    house_style = "house_style"
    code_of_conduct = "code_of_conduct"
    privacy_policy = "privacy_policy"
    integrity_code = "integrity_code"
    other = "other"


class AcknowledgementPlacement(StrEnum):
    form = "form"
    last_page = "last_page"
    online = "online"


class IntroductionKind(StrEnum):
    kickoff = "kickoff"
    video = "video"
    intranet = "intranet"
    team_meetings = "team_meetings"
    training = "training"
    acknowledgement = "acknowledgement"
    newsletter = "newsletter"
