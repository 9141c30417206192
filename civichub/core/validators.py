"""Upload checks by content, not by file name."""

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

IMAGE_MIME_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
DOCUMENT_MIME_TYPES = {"application/pdf"}


def _sniff(upload: UploadedFile) -> str | None:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(position)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def validate_upload(upload: UploadedFile, *, allowed: set[str], max_bytes: int) -> None:
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("Il file è troppo grande (%(size)s): il massimo è %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="file_too_large",
        )
    if _sniff(upload) not in allowed:
        raise ValidationError(
            _("Il contenuto del file non è di un tipo ammesso."), code="file_type"
        )


def validate_image(upload: UploadedFile, *, max_bytes: int = 5 * 1024 * 1024) -> None:
    validate_upload(upload, allowed=IMAGE_MIME_TYPES, max_bytes=max_bytes)
