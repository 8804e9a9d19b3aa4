"""The registry's models, one module per concept."""

from registry.models.access import PetugasProfile, RoleGroup, UserArea, display_name, profile_of
from registry.models.api import ApiScope, ApiToken, IdempotentRequest
from registry.models.attachment import Attachment, AttachmentKind, MediaType
from registry.models.drafts import KeptForm
from registry.models.forms import FormSubmission
from registry.models.forum import ForumAttendance, ForumKomunikasi, ForumMeeting, ForumMember, ForumPengurus
from registry.models.imports import ImportBatch
from registry.models.kps import Kps, KpsMembership
from registry.models.network import Jejaring, Mitra, MitraContact
from registry.models.notification import Notification, NotificationKind
from registry.models.office import OfficeSettings
from registry.models.pemutakhiran import PemutakhiranCheck, PemutakhiranPeriod
from registry.models.reference import (
    ActivityKind,
    AidPurpose,
    FundSource,
    JejaringKind,
    KpsKind,
    MitraKind,
    PengurusRole,
)
from registry.models.report import ActivityReport, AidDistribution, FundCollection
from registry.models.snapshot import RekapSnapshot
from registry.models.verification import ChangeKind, VerificationItem, VerifiedRecord
from registry.models.wilayah import Wilayah
from registry.models.wksbm import Pengurus, Wksbm

__all__ = [
    "ApiScope",
    "ApiToken",
    "IdempotentRequest",
    "ActivityKind",
    "ActivityReport",
    "Attachment",
    "AttachmentKind",
    "AidDistribution",
    "AidPurpose",
    "FormSubmission",
    "ForumAttendance",
    "ForumKomunikasi",
    "ForumMeeting",
    "ForumMember",
    "ForumPengurus",
    "FundCollection",
    "FundSource",
    "ImportBatch",
    "Jejaring",
    "JejaringKind",
    "KeptForm",
    "Kps",
    "KpsKind",
    "KpsMembership",
    "MediaType",
    "Mitra",
    "MitraContact",
    "MitraKind",
    "Notification",
    "NotificationKind",
    "OfficeSettings",
    "Pengurus",
    "PemutakhiranCheck",
    "PemutakhiranPeriod",
    "PengurusRole",
    "PetugasProfile",
    "RekapSnapshot",
    "RoleGroup",
    "UserArea",
    "VerificationItem",
    "VerifiedRecord",
    "ChangeKind",
    "Wilayah",
    "Wksbm",
    "display_name",
    "profile_of",
]
