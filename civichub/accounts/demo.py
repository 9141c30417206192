"""Demo people: the four demo logins and about sixty believable members in every role,
with verified e-mail, a completed membership form (profile, themes, consents) and a
few requests to become contributor. Idempotent: people already there are completed,
never duplicated. The demo logins share the password printed by `demo_logins`."""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from civichub.taxonomy.models import Theme
from civichub.territories.models import Municipality

from .models import (
    Consent,
    ConsentKind,
    ContributorRequest,
    Profile,
    Role,
    RoleChange,
    User,
    Visibility,
)
from .services import promoter_group_sync

DEMO_PASSWORD = "partecipa-2026"  # noqa: S105 - public demo credential, printed on start-up

DEMO_LOGINS = [
    # e-mail, first name, last name, role, staff
    ("staff@civichub.example", "Giulia", "Ferrari", Role.PROMOTER, True),
    ("promotore@civichub.example", "Marco", "Rinaldi", Role.PROMOTER, False),
    ("contributore@civichub.example", "Chiara", "Esposito", Role.CONTRIBUTOR, False),
    ("partecipante@civichub.example", "Luca", "Colombo", Role.PARTICIPANT, False),
]

DOMAIN = "civichub.example"


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    role: str
    actor_kind: str
    comune: str  # ISTAT code
    themes: tuple[str, ...]
    bio: str
    participation: tuple[str, ...] = ("working_areas", "sharing")
    visibility: str = Visibility.PUBLIC
    newsletter: bool = True
    language: str = "it"

    @property
    def email(self) -> str:
        local = f"{self.first_name}.{self.last_name}".lower()
        for accented, plain in (("à", "a"), ("è", "e"), ("é", "e"), ("ì", "i"), ("ò", "o")):
            local = local.replace(accented, plain)
        return f"{local.replace(' ', '').replace(chr(39), '')}@{DOMAIN}"


P, C, PR = Role.PARTICIPANT, Role.CONTRIBUTOR, Role.PROMOTER

LOGIN_PROFILES = {
    "staff@civichub.example": Person(
        "Giulia",
        "Ferrari",
        PR,
        "pa",
        "037006",
        ("beni-comuni", "digitale"),
        "Coordino la redazione dell'hub e il supporto tecnico alla piattaforma. Mi scrivete "
        "quando qualcosa non funziona o quando volete aprire una nuova area di lavoro.",
        ("working_areas", "helpdesk"),
    ),
    "promotore@civichub.example": Person(
        "Marco",
        "Rinaldi",
        PR,
        "pa",
        "037006",
        ("welfare-e-inclusione", "beni-comuni"),
        "Lavoro nell'ufficio partecipazione della Regione e accompagno i comuni che avviano "
        "percorsi di co-programmazione con il Terzo Settore.",
        ("codesign", "training"),
    ),
    "contributore@civichub.example": Person(
        "Chiara",
        "Esposito",
        C,
        "third_sector",
        "037006",
        ("rigenerazione-urbana", "giovani"),
        "Presidente di un'associazione di promozione sociale che cura laboratori di quartiere "
        "e patti di collaborazione per la cura degli spazi pubblici.",
        ("sharing", "codesign", "training"),
    ),
    "partecipante@civichub.example": Person(
        "Luca",
        "Colombo",
        P,
        "citizen",
        "044007",
        ("mobilita", "transizione-ecologica"),
        "Ingegnere ambientale, faccio parte del comitato di quartiere e voglio capire come "
        "proporre al Comune un percorso partecipato sulla mobilità scolastica.",
        ("working_areas", "training"),
    ),
}

PEOPLE = [
    # Promoters: the hub's coordinating bodies.
    Person("Elisa", "Marchetti", PR, "pa", "041044", ("welfare-e-inclusione", "invecchiamento-attivo"),
           "Funzionaria dei servizi sociali, seguo i tavoli di co-progettazione sull'invecchiamento attivo e la domiciliarità."),
    Person("Roberto", "Galli", PR, "third_sector", "058091", ("lavoro", "legalita"),
           "Referente nazionale di una rete associativa: mi occupo di formazione dei quadri e di amministrazione condivisa."),
    Person("Federica", "Sala", PR, "university", "015146", ("educazione", "digitale"),
           "Ricercatrice in scienze politiche, coordino il comitato scientifico dell'hub e la scuola di alta formazione."),
    Person("Antonio", "De Santis", PR, "pa", "063049", ("rigenerazione-urbana", "beni-comuni"),
           "Dirigente comunale, ho seguito il regolamento dei beni comuni e oggi aiuto altri enti ad adottarlo."),
    # Contributors: experts and members of approved organisations.
    Person("Valentina", "Romano", C, "third_sector", "072006", ("giovani", "educazione"),
           "Educatrice in una cooperativa sociale, progetto con le scuole percorsi di cittadinanza attiva per adolescenti.",
           ("sharing", "training", "codesign")),
    Person("Stefano", "Bruno", C, "third_sector", "075035", ("cultura", "rigenerazione-urbana"),
           "Animatore culturale, ho aperto con altri un centro civico in un'ex scuola e lo gestiamo con un patto di collaborazione."),
    Person("Francesca", "Moretti", C, "university", "048017", ("salute", "welfare-e-inclusione"),
           "Sociologa della salute, studio le case di comunità e come coinvolgere i cittadini nella loro progettazione."),
    Person("Matteo", "Barbieri", C, "company", "001272", ("digitale", "lavoro"),
           "Sviluppatore in una piccola impresa di software civico: costruiamo strumenti aperti per le consultazioni online."),
    Person("Silvia", "Fontana", C, "third_sector", "035033", ("abitare", "welfare-e-inclusione"),
           "Coordino un progetto di coabitazione solidale tra giovani e anziani e le sue reti di vicinato."),
    Person("Davide", "Mancini", C, "pa", "054039", ("aree-interne", "mobilita"),
           "Tecnico di un'unione di comuni montani, seguo la strategia per le aree interne e il trasporto a chiamata."),
    Person("Martina", "Conti", C, "third_sector", "082053", ("legalita", "giovani"),
           "Lavoro in un'associazione antimafia che riusa beni confiscati con laboratori per ragazze e ragazzi del quartiere."),
    Person("Giorgio", "Ferri", C, "third_sector", "037006", ("transizione-ecologica", "beni-comuni"),
           "Ho fondato una comunità energetica rinnovabile con parrocchia, scuola e condominio del mio quartiere."),
    Person("Alessia", "Rizzo", C, "university", "028060", ("educazione", "cultura"),
           "Pedagogista, accompagno le biblioteche che vogliono diventare luoghi di partecipazione e di apprendimento."),
    Person("Paolo", "Greco", C, "informal_group", "063049", ("beni-comuni", "rigenerazione-urbana"),
           "Facilitatore volontario: con un gruppo di abitanti curiamo un giardino condiviso e organizziamo assemblee di strada."),
    Person("Sara", "Lombardi", C, "third_sector", "041067", ("cultura", "aree-interne"),
           "Progettista culturale, lavoro con i piccoli borghi su residenze artistiche e ospitalità diffusa."),
    Person("Lorenzo", "Costa", C, "pa", "109006", ("lavoro", "digitale"),
           "Responsabile dei servizi digitali del mio comune, mi interessa la co-progettazione dei servizi con chi li usa.",
           ("codesign", "helpdesk")),
    Person("Beatrice", "Villa", C, "third_sector", "015146", ("welfare-e-inclusione", "salute"),
           "Assistente sociale in una fondazione di comunità, seguo i bandi per il welfare di prossimità."),
    Person("Emanuele", "Santoro", C, "university", "058091", ("legalita", "lavoro"),
           "Giurista, studio l'articolo 55 del Codice del Terzo Settore e tengo webinar sulle procedure di co-programmazione.",
           ("training", "helpdesk")),
    # Participants.
    Person("Anna", "Neri", P, "citizen", "037006", ("abitare", "beni-comuni"),
           "Abito in una casa popolare e faccio parte del comitato inquilini: vorrei imparare a portare le nostre proposte al Comune."),
    Person("Giovanni", "Ricci", P, "pa", "044007", ("mobilita", "aree-interne"),
           "Consigliere comunale in un piccolo paese, cerco esempi di bilancio partecipativo adatti a comunità piccole."),
    Person("Laura", "Gallo", P, "third_sector", "041044", ("cultura", "giovani"),
           "Volontaria in un'associazione musicale, organizziamo corsi gratuiti per ragazzi e un festival di quartiere."),
    Person("Simone", "Marino", P, "citizen", "063049", ("transizione-ecologica", "mobilita"),
           "Studente di urbanistica, mi interessano i percorsi partecipati sulle piste ciclabili e lo spazio pubblico."),
    Person("Giulia", "Caruso", P, "third_sector", "072006", ("welfare-e-inclusione", "lavoro"),
           "Lavoro in una cooperativa di inserimento lavorativo e vorrei conoscere altre esperienze di agricoltura sociale."),
    Person("Andrea", "Bianchi", P, "company", "015146", ("digitale", "educazione"),
           "Consulente per le imprese sociali, seguo soprattutto la trasformazione digitale delle piccole associazioni."),
    Person("Elena", "Russo", P, "pa", "075035", ("salute", "invecchiamento-attivo"),
           "Infermiera di comunità, mi occupo di prevenzione e di gruppi di cammino con le persone anziane."),
    Person("Riccardo", "Colonna", P, "citizen", "082053", ("legalita", "cultura"),
           "Insegnante di lettere, con i miei studenti raccontiamo la storia del quartiere attraverso interviste e mappe."),
    Person("Chiara", "Bellini", P, "third_sector", "048017", ("abitare", "rigenerazione-urbana"),
           "Architetta volontaria in un'associazione che ristruttura spazi abbandonati insieme agli abitanti."),
    Person("Federico", "Pellegrini", P, "university", "054039", ("transizione-ecologica", "educazione"),
           "Dottorando in scienze ambientali, studio come coinvolgere le scuole nel monitoraggio della qualità dell'aria."),
    Person("Marta", "Giordano", P, "informal_group", "001272", ("giovani", "beni-comuni"),
           "Con altri genitori abbiamo trasformato il cortile della scuola in uno spazio aperto al quartiere il pomeriggio."),
    Person("Nicola", "Rinaldi", P, "pa", "035033", ("lavoro", "digitale"),
           "Lavoro all'ufficio europa del Comune e cerco partner per progetti di innovazione sociale."),
    Person("Irene", "Mariani", P, "citizen", "028060", ("salute", "welfare-e-inclusione"),
           "Caregiver familiare, vorrei contribuire a un servizio di sollievo per chi assiste un parente malato."),
    Person("Tommaso", "Ferrara", P, "third_sector", "058091", ("cultura", "educazione"),
           "Bibliotecario volontario in un'associazione di lettura ad alta voce per bambini e famiglie."),
    Person("Camilla", "Longo", P, "company", "037006", ("transizione-ecologica", "lavoro"),
           "Lavoro in un'impresa di costruzioni che vuole collaborare con le comunità energetiche del territorio."),
    Person("Filippo", "Gentile", P, "citizen", "041044", ("mobilita", "giovani"),
           "Allenatore di una squadra giovanile, vorrei più spazi sportivi aperti e sicuri nei quartieri periferici."),
    Person("Alice", "Martini", P, "third_sector", "044007", ("welfare-e-inclusione", "legalita"),
           "Mediatrice culturale in uno sportello per persone migranti, mi interessano i percorsi di cittadinanza."),
    Person("Michele", "Leone", P, "pa", "063049", ("rigenerazione-urbana", "abitare"),
           "Architetto dell'ufficio tecnico comunale, seguo un progetto di rigenerazione di un ex mercato coperto."),
    Person("Sofia", "Vitale", P, "citizen", "072006", ("cultura", "giovani"),
           "Studentessa universitaria, faccio parte di un collettivo che organizza eventi culturali negli spazi pubblici."),
    Person("Gabriele", "Lombardo", P, "informal_group", "082053", ("beni-comuni", "transizione-ecologica"),
           "Con il mio gruppo di quartiere puliamo e curiamo una spiaggia urbana: cerchiamo un patto con il Comune."),
    Person("Eleonora", "Serra", P, "university", "015146", ("digitale", "welfare-e-inclusione"),
           "Designer dei servizi, lavoro con un laboratorio universitario sulla co-progettazione dei servizi pubblici.",
           ("codesign", "sharing")),
    Person("Daniele", "Coppola", P, "third_sector", "075035", ("invecchiamento-attivo", "cultura"),
           "Presidente di un centro sociale per anziani che organizza corsi di informatica e di teatro."),
    Person("Giorgia", "Orlando", P, "pa", "048017", ("educazione", "giovani"),
           "Lavoro nelle politiche giovanili del Comune e curo il consiglio comunale delle ragazze e dei ragazzi."),
    Person("Pietro", "Fabbri", P, "citizen", "037006", ("aree-interne", "lavoro"),
           "Agricoltore in collina, vorrei far nascere una cooperativa di comunità per tenere aperto il negozio del paese."),
    Person("Noemi", "Sartori", P, "third_sector", "028060", ("salute", "giovani"),
           "Psicologa in un consultorio del privato sociale, mi occupo di benessere degli adolescenti."),
    Person("Marco", "Benedetti", P, "company", "001272", ("mobilita", "digitale"),
           "Lavoro per un'azienda di trasporto pubblico e seguo le indagini sulla soddisfazione dei passeggeri."),
    Person("Veronica", "Testa", P, "citizen", "054039", ("abitare", "invecchiamento-attivo"),
           "Pensionata, ex maestra elementare: faccio volontariato nel doposcuola della parrocchia."),
    Person("Alessandro", "Monti", P, "pa", "109006", ("cultura", "aree-interne"),
           "Assessore alla cultura di un piccolo comune, cerco modelli di gestione partecipata dei musei civici."),
    Person("Ilaria", "D'Amico", P, "third_sector", "063049", ("legalita", "welfare-e-inclusione"),
           "Operatrice in un centro antiviolenza, mi interessano le reti territoriali tra servizi pubblici e associazioni."),
    Person("Jacopo", "Guerra", P, "citizen", "041067", ("digitale", "beni-comuni"),
           "Informatico, contribuisco a progetti open data e vorrei che i dati del mio comune fossero più accessibili."),
    Person("Rebecca", "Palumbo", P, "university", "072006", ("transizione-ecologica", "rigenerazione-urbana"),
           "Studio pianificazione territoriale e sto scrivendo la tesi sui laboratori di quartiere in Puglia."),
    Person("Claudio", "Marchi", P, "third_sector", "035033", ("lavoro", "welfare-e-inclusione"),
           "Direttore di una cooperativa sociale di tipo B, vorrei condividere il nostro modello di inserimento lavorativo."),
    Person("Cristina", "Fiore", P, "pa", "041067", ("educazione", "aree-interne"),
           "Dirigente scolastica di un istituto comprensivo di montagna, cerco alleanze con le associazioni del territorio."),
    Person("Vittorio", "Sanna", P, "citizen", "054039", ("invecchiamento-attivo", "salute"),
           "Medico di famiglia in pensione, animo un gruppo di cammino e incontri sulla salute nel mio quartiere."),
    Person("Giada", "Morelli", P, "third_sector", "109006", ("giovani", "lavoro"),
           "Orientatrice in un'associazione che accompagna i giovani che non studiano e non lavorano verso il primo impiego."),
    Person("Luigi", "Esposito", P, "informal_group", "063049", ("rigenerazione-urbana", "legalita"),
           "Portavoce di un comitato di residenti che chiede di riaprire un parco chiuso da anni."),
    Person("Ludovica", "Bassi", P, "citizen", "015146", ("giovani", "cultura"),
           "Fotografa, racconto con le immagini i percorsi partecipativi e le persone che li animano.",
           ("sharing",), Visibility.MEMBERS),
    Person("Emma", "Parisi", P, "pa", "058091", ("welfare-e-inclusione", "salute"),
           "Funzionaria di un'azienda sanitaria, seguo la co-progettazione dei servizi per la salute mentale.",
           ("codesign", "training"), Visibility.MEMBERS),
    Person("Samuele", "Cattaneo", P, "citizen", "048017", ("abitare", "mobilita"),
           "Faccio parte di un'assemblea cittadina sul clima e voglio capire come dare seguito alle sue proposte.",
           ("working_areas",), Visibility.MEMBERS, False),
    Person("Aurora", "Ruggiero", P, "third_sector", "075035", ("educazione", "welfare-e-inclusione"),
           "Educatrice in una ludoteca di quartiere, mi interessano i patti educativi di comunità.",
           ("working_areas", "training"), Visibility.PRIVATE, False),
    Person("Thomas", "Weber", P, "university", "037006", ("digitale", "beni-comuni"),
           "Visiting researcher from Germany working on civic tech and participatory budgeting in Italian cities.",
           ("sharing", "training"), Visibility.PUBLIC, True, "en"),
    Person("Hannah", "Clarke", P, "third_sector", "058091", ("cultura", "giovani"),
           "I work for a European youth network and follow Italian projects on youth participation.",
           ("working_areas",), Visibility.PUBLIC, False, "en"),
]  # fmt: skip

# People who asked to become contributors and are waiting for the promoters.
PENDING_REQUESTS = {
    "chiara.bellini@civichub.example": (
        "Da tre anni coordino i cantieri di autocostruzione della nostra associazione e vorrei "
        "condividere nell'hub le schede di metodo e le esperienze con gli abitanti."
    ),
    "claudio.marchi@civichub.example": (
        "La nostra cooperativa ha un modello di inserimento lavorativo che altri enti ci "
        "chiedono spesso: vorrei pubblicarlo come strumento e organizzare un webinar."
    ),
}
# A decided request, so that a contributor's history is not empty.
APPROVED_REQUEST = (
    "martina.conti@civichub.example",
    "Vorrei raccontare come riusiamo i beni confiscati e facilitare un'area di lavoro sulla "
    "legalità con altre associazioni.",
)


def _complete(
    user: User,
    person: Person,
    themes: dict[str, Theme],
    comuni: dict[str, Municipality],
) -> bool:
    """Verified address, membership form and consents; False if already complete."""
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if Profile.objects.filter(user=user).exists():
        return False
    now = timezone.now()
    user.joined_at = user.joined_at or now
    user.save(update_fields=["joined_at"])
    profile = Profile.objects.create(
        user=user,
        bio=person.bio,
        actor_kind=person.actor_kind,
        municipality=comuni.get(person.comune),
        participation=list(person.participation),
        visibility=person.visibility,
        bio_visibility=person.visibility,
        organisations_visibility=person.visibility,
        territory_visibility=person.visibility,
        themes_visibility=person.visibility,
    )
    profile.themes.set([themes[slug] for slug in person.themes if slug in themes])
    kinds = [ConsentKind.TERMS, ConsentKind.PRIVACY]
    if person.newsletter:
        kinds.append(ConsentKind.NEWSLETTER)
    Consent.objects.bulk_create(
        Consent(user=user, kind=kind, version=settings.CONSENT_VERSIONS[kind], given=True)
        for kind in kinds
    )
    return True


def _requests(promoter: User | None) -> int:
    created = 0
    for email, motivation in PENDING_REQUESTS.items():
        user = User.objects.filter(email=email, role=Role.PARTICIPANT).first()
        if user and not user.contributor_requests.exists():
            ContributorRequest.objects.create(user=user, requested_by=user, motivation=motivation)
            created += 1
    email, motivation = APPROVED_REQUEST
    user = User.objects.filter(email=email).first()
    if user and not user.contributor_requests.exists():
        ContributorRequest.objects.create(
            user=user,
            requested_by=user,
            motivation=motivation,
            status=ContributorRequest.Status.APPROVED,
            decided_by=promoter,
            decided_at=timezone.now(),
        )
        RoleChange.objects.create(
            user=user,
            old_role=Role.PARTICIPANT,
            new_role=Role.CONTRIBUTOR,
            changed_by=promoter,
            reason="Richiesta approvata",
        )
        created += 1
    return created


def seed(log: Callable[[str], None]) -> None:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    codes = {person.comune for person in [*PEOPLE, *LOGIN_PROFILES.values()]}
    comuni = {m.istat_code: m for m in Municipality.objects.filter(istat_code__in=codes)}
    password = make_password(DEMO_PASSWORD)  # hashed once for everybody
    created = completed = 0
    people = [(email, LOGIN_PROFILES[email], staff) for email, *_rest, staff in DEMO_LOGINS]
    people += [(person.email, person, False) for person in PEOPLE]
    for email, person, staff in people:
        user, is_new = User.objects.get_or_create(
            email=email,
            defaults={
                "password": password,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "role": person.role,
                "language": person.language,
                "is_staff": staff,
                "is_superuser": staff,
            },
        )
        created += is_new
        completed += _complete(user, person, themes, comuni)
        if user.role == Role.PROMOTER:
            promoter_group_sync(user=user)  # their back-office access
    requests = _requests(User.objects.filter(email="promotore@civichub.example").first())
    missing = codes - set(comuni)
    log(
        f"persone dimostrative: {created} create, {completed} profili completati, "
        f"{requests} richieste per diventare contributore"
        + (f"; {len(missing)} comuni non caricati, territorio lasciato vuoto" if missing else "")
    )
