"""What an experience still lacks, step by step of the contribution form.

Required items block the submission for review; recommended ones only lower the
percentage, so that the author knows what would make the page more useful. Relations
are read with ``.all()``, so a list that prefetches them (``COMPLETENESS_PREFETCH``)
computes every indicator without further queries.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from civichub.territories.models import Municipality, Scale

from .models import Experience, OrganisationRole, Status

# The steps of the contribution form, in order: (slug in the URL, title).
STEPS: tuple[tuple[str, Promise], ...] = (
    ("essenziale", _("L'essenziale")),
    ("territorio", _("Territorio")),
    ("metodo", _("Metodo e partecipanti")),
    ("racconto", _("Racconto e risultati")),
    ("organizzazioni", _("Organizzazioni e testimonianze")),
    ("media", _("Immagini, documenti e collegamenti")),
    ("contatti", _("Contatti e licenza")),
    ("invio", _("Verifica e invio")),
)
STEP_SLUGS = tuple(slug for slug, _title in STEPS)
FIRST_STEP = STEP_SLUGS[0]
REVIEW_STEP = STEP_SLUGS[-1]

# Only the count of comuni matters here: never load their boundaries.
COMPLETENESS_PREFETCH = (
    Prefetch("municipalities", queryset=Municipality.objects.only("pk")),
    "themes",
    "methods",
    "target_groups",
    "organisations",
    "testimonials",
    "images",
)

REQUIRED_WEIGHT = 2
RECOMMENDED_WEIGHT = 1


@dataclass(frozen=True)
class MissingItem:
    step: str
    label: Promise | str
    required: bool


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[MissingItem] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        """Nothing required is missing: the experience may be submitted."""
        return not self.required_missing

    @property
    def required_missing(self) -> list[MissingItem]:
        return [item for item in self.missing if item.required]

    @property
    def recommended_missing(self) -> list[MissingItem]:
        return [item for item in self.missing if not item.required]

    def step_state(self, step: str) -> str:
        """``missing`` (something required), ``partial`` (something recommended) or
        ``done``, for the marks of the step navigation."""
        items = [item for item in self.missing if item.step == step]
        if any(item.required for item in items):
            return "missing"
        return "partial" if items else "done"


def territory_requirement(experience: Experience) -> tuple[bool, Promise | None]:
    """Whether the territory fits the scale, and what to ask for when it does not."""
    comuni = len(experience.municipalities.all())
    scale = experience.scale
    if scale in (Scale.NATIONAL, Scale.INTERNATIONAL):
        return True, None
    if scale in (Scale.NEIGHBOURHOOD, Scale.MUNICIPAL):
        return comuni >= 1, _("Il comune in cui si è svolta")
    if scale == Scale.INTER_MUNICIPAL:
        return comuni >= 2, _("Almeno due comuni coinvolti")
    if scale == Scale.PROVINCIAL:
        return bool(experience.province_id or comuni), _("La provincia o i comuni coinvolti")
    if scale == Scale.REGIONAL:
        return bool(experience.region_id or experience.province_id or comuni), _(
            "La regione, la provincia o i comuni coinvolti"
        )
    return False, _("La scala dell'esperienza")


def experience_completeness(experience: Experience) -> Completeness:
    """The percentage filled in and the list of what is missing, in step order."""
    checks: list[tuple[bool, MissingItem]] = []

    def check(ok: bool, step: str, label: Promise | str, *, required: bool) -> None:
        checks.append((ok, MissingItem(step, label, required)))

    check(bool(experience.title.strip()), "essenziale", _("Il titolo"), required=True)
    check(bool(experience.summary.strip()), "essenziale", _("La sintesi"), required=True)
    check(bool(experience.scale), "essenziale", _("La scala"), required=True)
    check(bool(experience.status), "essenziale", _("Lo stato del percorso"), required=True)
    check(
        experience.status == Status.PLANNED or experience.start_date is not None,
        "essenziale",
        _("La data di inizio"),
        required=True,
    )
    territory_ok, territory_label = territory_requirement(experience)
    check(territory_ok, "territorio", territory_label or "", required=True)
    check(bool(experience.themes.all()), "metodo", _("Almeno un tema"), required=True)
    check(bool(experience.methods.all()), "metodo", _("I metodi partecipativi"), required=False)
    check(
        experience.iap2_level_id is not None,
        "metodo",
        _("Il livello di partecipazione (IAP2)"),
        required=False,
    )
    check(bool(experience.target_groups.all()), "metodo", _("I destinatari"), required=False)
    check(
        experience.participants_count is not None,
        "metodo",
        _("Il numero di partecipanti"),
        required=False,
    )
    check(bool(experience.narrative.strip()), "racconto", _("Il racconto"), required=True)
    check(bool(experience.outcomes.strip()), "racconto", _("Risultati e impatto"), required=False)
    check(
        experience.has_evaluation or bool(experience.evaluation_report),
        "racconto",
        _("Una valutazione del percorso"),
        required=False,
    )
    check(bool(experience.lessons.strip()), "racconto", _("Le lezioni apprese"), required=False)
    check(
        bool(experience.replicability.strip()),
        "racconto",
        _("Le condizioni per replicarla"),
        required=False,
    )
    check(
        any(link.role == OrganisationRole.PROMOTER for link in experience.organisations.all()),
        "organizzazioni",
        _("Almeno un'organizzazione con il ruolo di promotore"),
        required=True,
    )
    check(
        bool(experience.testimonials.all()),
        "organizzazioni",
        _("Almeno una testimonianza"),
        required=False,
    )
    check(bool(experience.images.all()), "media", _("Almeno un'immagine"), required=False)
    check(
        bool(experience.contact_email or experience.website),
        "contatti",
        _("Un contatto (e-mail del referente o sito web)"),
        required=False,
    )

    total = sum(REQUIRED_WEIGHT if item.required else RECOMMENDED_WEIGHT for _ok, item in checks)
    done = sum(
        REQUIRED_WEIGHT if item.required else RECOMMENDED_WEIGHT for ok, item in checks if ok
    )
    return Completeness(
        percent=round(100 * done / total),
        missing=[item for ok, item in checks if not ok],
    )
