"""Demo events: webinars, workshops, training days, conferences, facilitation tables and
community meetings from six months ago to four months ahead, with agendas, speakers,
registration questions, registrations, waitlists, check-ins and survey answers.

Places, laws and public bodies are real; people, venues, addresses and links are
fictitious. Dates are relative to the first run: an event is placed ``day`` days from
that day, so a fresh demo always has a past and a future.

Idempotent: events are looked up by slug. One whose comune or organiser is missing
(tests load two regions only) is postponed to a later run, after ``load_territories``.
Registrations are written as rows with the counters that the services would keep
(confirmed, waitlisted, cancelled; no e-mail is sent), the past ones with check-ins and
survey answers.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from wagtail.images import get_image_model

from civichub.accounts.models import User
from civichub.core.images import illustration
from civichub.experiences.demo import describe_illustration
from civichub.library.models import ResourcePage, WebinarPage
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import AUDIENCES, Theme
from civichub.territories.models import Municipality

from .models import (
    Event,
    EventFeedback,
    EventKind,
    EventSession,
    EventSpeaker,
    EventState,
    Format,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)

DOMAIN = "@civichub.example"
COVER_SIZE = (1200, 675)
WEBINAR, WORKSHOP, TRAINING, CONFERENCE, TABLE, MEETING = (
    EventKind.WEBINAR,
    EventKind.WORKSHOP,
    EventKind.TRAINING_DAY,
    EventKind.CONFERENCE,
    EventKind.TABLE,
    EventKind.MEETING,
)
ONLINE, IN_PERSON, HYBRID = Format.ONLINE, Format.IN_PERSON, Format.HYBRID
PUBLISHED, DRAFT, CANCELLED = EventState.PUBLISHED, EventState.DRAFT, EventState.CANCELLED
PA, ETS, CITIZENS, FACILITATORS = "pa", "terzo-settore", "cittadini", "facilitatori"

# What a demo login does at an event (``Demo.logins``).
CONFIRMED, WAITLISTED, ATTENDED, RATED = "confirmed", "waitlisted", "attended", "rated"

ONLINE_INSTRUCTIONS = (
    "Il collegamento si apre dal browser, senza installare nulla. Entra cinque minuti "
    "prima per provare audio e microfono; le domande si scrivono nella chat."
)
NEEDS_RETENTION_DAYS = 30


@dataclass(frozen=True)
class Session:
    offset: int  # minutes after the start of the event
    minutes: int
    title: str
    speakers: str = ""
    description: str = ""


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str
    bio: str = ""
    login: str = ""  # local part of a demo e-mail, when the speaker is a member


@dataclass(frozen=True)
class Question:
    label: str
    kind: str = QuestionKind.TEXT
    choices: tuple[str, ...] = ()
    required: bool = False


ORGANISATION_QUESTION = Question("Ente o organizzazione di appartenenza", required=True)
ROLE_QUESTION = Question("Di cosa ti occupi?")
NEEDS_QUESTION = Question("Esigenze alimentari o di accessibilità", QuestionKind.NEEDS)


def attendance_question(*options: str) -> Question:
    return Question("Come parteciperai?", QuestionKind.CHOICE, options, required=True)


@dataclass(frozen=True)
class Demo:
    slug: str
    title: str
    summary: str
    description: tuple[str, ...]
    kind: str
    format: str
    day: int  # days from the seed: negative in the past
    start: tuple[int, int]  # local time
    minutes: int
    organiser: str  # local part of a demo e-mail
    themes: tuple[str, ...]
    audiences: tuple[str, ...] = ()
    organisation: str = ""  # slug
    comune: str = ""  # ISTAT code
    venue: str = ""
    address: str = ""
    accessibility: str = ""
    capacity: int | None = None
    registered: int = 0  # demo people who registered; beyond capacity they wait
    waitlist: bool = True
    registration_required: bool = True
    opens_in: int | None = None  # registration opens this many days from the seed
    state: str = PUBLISHED
    cancellation_reason: str = ""
    agenda: tuple[Session, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    questions: tuple[Question, ...] = ()
    logins: tuple[tuple[str, str], ...] = ()  # (demo login, what they did)
    materials: bool = False  # library resources sharing a theme
    recording: bool = False  # a library webinar
    language: str = "it"
    english: tuple[str, str] | None = None  # title, summary
    closes_before_days: int | None = None  # registration closes this long before the start


EVENTS: tuple[Demo, ...] = (
    # --- the past six months ---------------------------------------------------------------
    Demo(
        slug="webinar-valutare-processi-partecipativi",
        title="Webinar: valutare un processo partecipativo, indicatori e metodi",
        summary="Come capire se un percorso partecipativo ha funzionato: indicatori di processo e di esito, questionari, interviste e restituzione.",
        description=(
            "Valutare un processo partecipativo non significa solo contare i presenti agli incontri. Il webinar presenta un quadro di indicatori di processo (inclusività, qualità della discussione, trasparenza) e di esito (decisioni prese, proposte realizzate, fiducia nelle istituzioni).",
            "Vedremo esempi di questionari di fine incontro, tracce di intervista e tabelle di monitoraggio usate da comuni ed enti del Terzo Settore, con attenzione ai costi e ai tempi della valutazione.",
            "Il webinar è registrato: la registrazione e le slide restano disponibili nella biblioteca dell'hub.",
        ),
        kind=WEBINAR,
        format=ONLINE,
        day=-168,
        start=(17, 0),
        minutes=90,
        organiser="federica.sala",
        organisation="laboratorio-studi-partecipazione-urbino",
        themes=("digitale", "educazione"),
        audiences=(PA, ETS, FACILITATORS),
        capacity=300,
        registered=34,
        speakers=(
            Speaker(
                "Federica Sala",
                "Ricercatrice in scienze politiche",
                "Coordina il comitato scientifico dell'hub e la scuola di alta formazione.",
                login="federica.sala",
            ),
            Speaker(
                "Giacomo Bernardi",
                "Valutatore indipendente",
                "Da quindici anni valuta politiche pubbliche e programmi di sviluppo locale.",
            ),
        ),
        questions=(ORGANISATION_QUESTION, ROLE_QUESTION),
        materials=True,
        recording=True,
        english=(
            "Webinar: evaluating a participatory process, indicators and methods",
            "How to tell whether a participatory process worked: process and outcome indicators, surveys, interviews and feedback to participants.",
        ),
    ),
    Demo(
        slug="webinar-coprogrammazione-dopo-dm-72-2021",
        title="Webinar: la co-programmazione dopo il DM 72/2021",
        summary="Le linee guida del Ministero del Lavoro sul rapporto tra pubbliche amministrazioni ed enti del Terzo Settore, lette con chi le applica.",
        description=(
            "Il decreto ministeriale 72 del 31 marzo 2021 ha adottato le linee guida sugli articoli 55, 56 e 57 del Codice del Terzo Settore. A qualche anno di distanza, cosa è cambiato nei bandi e negli avvisi dei comuni?",
            "Un giurista e una funzionaria comunale ripercorrono le fasi della co-programmazione (avvio, istruttoria partecipata, documento finale) e rispondono alle domande più frequenti: chi può partecipare, come si verbalizzano i tavoli, che rapporto c'è con la co-progettazione.",
        ),
        kind=WEBINAR,
        format=ONLINE,
        day=-147,
        start=(17, 30),
        minutes=90,
        organiser="emanuele.santoro",
        organisation="rete-italiana-partecipazione-civica",
        themes=("welfare-e-inclusione", "legalita"),
        audiences=(PA, ETS),
        capacity=250,
        registered=41,
        speakers=(
            Speaker(
                "Emanuele Santoro",
                "Giurista, Rete italiana per la partecipazione civica",
                "Studia l'articolo 55 del Codice del Terzo Settore e accompagna gli enti nelle procedure.",
                login="emanuele.santoro",
            ),
            Speaker(
                "Elisa Marchetti",
                "Funzionaria dei servizi sociali, Comune di Pesaro",
                login="elisa.marchetti",
            ),
        ),
        questions=(ORGANISATION_QUESTION,),
        logins=(("partecipante", RATED),),
        materials=True,
        recording=True,
        english=(
            "Webinar: co-programming after Ministerial Decree 72/2021",
            "The Ministry of Labour's guidelines on public bodies and third-sector organisations, read with those who apply them.",
        ),
    ),
    Demo(
        slug="giornata-formativa-patti-di-collaborazione",
        title="Giornata formativa sui patti di collaborazione",
        summary="Una giornata per imparare a proporre, scrivere e gestire un patto di collaborazione per la cura dei beni comuni urbani.",
        description=(
            "Il regolamento per l'amministrazione condivisa dei beni comuni permette a cittadini e associazioni di prendersi cura di spazi e servizi insieme al Comune. La giornata segue un patto dalla proposta alla firma, fino al rendiconto finale.",
            "Al mattino gli interventi degli uffici e di chi ha già firmato un patto; al pomeriggio il lavoro a gruppi su proposte vere portate dai partecipanti.",
            "Pranzo condiviso offerto dall'associazione. La sala è al piano terra e senza barriere.",
        ),
        kind=TRAINING,
        format=IN_PERSON,
        day=-121,
        start=(9, 30),
        minutes=450,
        organiser="contributore",
        organisation="quartieri-in-rete-aps",
        comune="037006",
        venue="Casa di quartiere Katia Bertasi",
        address="Via Fioravanti 18/3, Bologna",
        accessibility="Sala al piano terra, servizi igienici accessibili, fermata dell'autobus a 100 metri.",
        themes=("beni-comuni", "rigenerazione-urbana"),
        audiences=(CITIZENS, ETS, PA),
        capacity=40,
        registered=36,
        agenda=(
            Session(0, 30, "Accoglienza e presentazioni"),
            Session(30, 60, "Che cos'è un patto di collaborazione", "Chiara Esposito"),
            Session(90, 60, "Il punto di vista degli uffici comunali", "Antonio De Santis"),
            Session(150, 60, "Pranzo condiviso"),
            Session(210, 150, "Laboratorio: scriviamo un patto", "Paolo Greco, Chiara Esposito"),
            Session(360, 30, "Restituzione e saluti"),
        ),
        speakers=(
            Speaker(
                "Chiara Esposito",
                "Presidente, Quartieri in rete APS",
                "Cura laboratori di quartiere e patti di collaborazione per gli spazi pubblici.",
                login="contributore",
            ),
            Speaker(
                "Antonio De Santis",
                "Dirigente comunale",
                "Ha seguito l'adozione del regolamento dei beni comuni nel suo ente.",
                login="antonio.desantis",
            ),
            Speaker("Paolo Greco", "Facilitatore volontario", login="paolo.greco"),
        ),
        questions=(ORGANISATION_QUESTION, NEEDS_QUESTION),
        logins=(("partecipante", ATTENDED),),
        materials=True,
        english=(
            "Training day on collaboration pacts",
            "A day to learn how to propose, write and run a collaboration pact for the care of urban commons.",
        ),
    ),
    Demo(
        slug="incontro-riuso-sociale-beni-confiscati-palermo",
        title="Incontro pubblico: il riuso sociale dei beni confiscati a Palermo",
        summary="Associazioni, scuole e Comune raccontano come i beni sottratti alla mafia diventano spazi per il quartiere.",
        description=(
            "Un pomeriggio di racconti e di domande su come funziona l'assegnazione dei beni confiscati alle associazioni, quali costi comporta e come coinvolgere il quartiere nella gestione.",
            "Interverranno le ragazze e i ragazzi dei laboratori estivi, che presenteranno la mappa dei beni riutilizzati costruita durante l'anno.",
        ),
        kind=MEETING,
        format=IN_PERSON,
        day=-104,
        start=(17, 0),
        minutes=120,
        organiser="martina.conti",
        comune="082053",
        venue="Bene confiscato di via Maqueda",
        address="Via Maqueda 210, Palermo",
        themes=("legalita", "giovani"),
        audiences=(CITIZENS, ETS),
        capacity=80,
        registered=22,
    ),
    Demo(
        slug="tavolo-welfare-di-comunita-ascoli-piceno",
        title="Tavolo di co-progettazione sul welfare di comunità – Ascoli Piceno",
        summary="Il primo incontro del tavolo tra Comune, ambito sociale ed enti del Terzo Settore sui servizi di prossimità per anziani e famiglie.",
        description=(
            "Il tavolo apre la fase di co-progettazione prevista dall'avviso pubblico dell'ambito territoriale sociale. Al primo incontro si condividono i bisogni emersi dall'istruttoria e si formano i gruppi di lavoro.",
            "Partecipano gli enti che hanno risposto all'avviso; l'incontro è aperto in ascolto anche ad altri enti e ai cittadini interessati, fino a esaurimento posti.",
        ),
        kind=TABLE,
        format=IN_PERSON,
        day=-93,
        start=(15, 0),
        minutes=180,
        organiser="promotore",
        organisation="comune-di-ascoli-piceno",
        comune="044007",
        venue="Sala della Ragione, Palazzo dei Capitani",
        address="Piazza del Popolo, Ascoli Piceno",
        accessibility="Ascensore dal cortile interno; segnalateci esigenze particolari nel modulo.",
        themes=("welfare-e-inclusione", "invecchiamento-attivo"),
        audiences=(PA, ETS),
        capacity=35,
        registered=28,
        agenda=(
            Session(0, 30, "I bisogni emersi dall'istruttoria", "Marco Rinaldi"),
            Session(30, 90, "Lavoro a gruppi: domiciliarità, sollievo, reti di vicinato"),
            Session(120, 45, "Plenaria e calendario dei prossimi incontri"),
        ),
        speakers=(
            Speaker(
                "Marco Rinaldi",
                "Ufficio partecipazione della Regione",
                "Accompagna i comuni nei percorsi di co-programmazione con il Terzo Settore.",
                login="promotore",
            ),
        ),
        questions=(ORGANISATION_QUESTION, NEEDS_QUESTION),
    ),
    Demo(
        slug="laboratorio-piazza-dell-unita-bologna",
        title="Laboratorio di quartiere: ridisegniamo piazza dell'Unità",
        summary="Un sabato mattina con mappe, plastici e sopralluoghi per raccogliere le idee degli abitanti sulla piazza.",
        description=(
            "La piazza sarà riqualificata nei prossimi due anni. Prima del progetto, il Quartiere chiede agli abitanti come la usano oggi e come vorrebbero usarla domani.",
            "Il laboratorio alterna un sopralluogo guidato, il lavoro su mappe e plastici e una restituzione finale. Sono benvenuti bambini e ragazzi: c'è un tavolo tutto per loro.",
        ),
        kind=WORKSHOP,
        format=IN_PERSON,
        day=-80,
        start=(10, 0),
        minutes=180,
        organiser="giorgio.ferri",
        organisation="quartieri-in-rete-aps",
        comune="037006",
        venue="Centro civico di piazza dell'Unità",
        address="Piazza dell'Unità 4, Bologna",
        themes=("rigenerazione-urbana", "beni-comuni"),
        audiences=(CITIZENS,),
        capacity=30,
        registered=27,
        questions=(ROLE_QUESTION,),
    ),
    Demo(
        slug="tavolo-aree-interne-appennino-umbro",
        title="Tavolo di facilitazione sulle aree interne dell'Appennino umbro",
        summary="Sindaci, associazioni e imprese dei piccoli comuni discutono di servizi, trasporti e lavoro per chi resta e chi torna.",
        description=(
            "Il tavolo riunisce i comuni dell'area interna e le realtà che vi lavorano per costruire priorità comuni per la strategia d'area.",
            "La facilitazione usa il metodo dell'Open Space Technology: i temi li propongono i partecipanti all'inizio della giornata.",
        ),
        kind=TABLE,
        format=IN_PERSON,
        day=-70,
        start=(9, 30),
        minutes=360,
        organiser="davide.mancini",
        organisation="centro-studi-beni-comuni",
        comune="054039",
        venue="Sala dei Notari",
        address="Corso Vannucci 19, Perugia",
        themes=("aree-interne", "mobilita"),
        audiences=(PA, ETS),
        capacity=60,
        registered=24,
    ),
    Demo(
        slug="webinar-case-di-comunita",
        title="Webinar: le case di comunità, cosa sono e come si progettano con i cittadini",
        summary="Le case di comunità previste dal PNRR raccontate da chi le studia e da chi le sta aprendo, con attenzione al coinvolgimento degli abitanti.",
        description=(
            "Le case di comunità sono il luogo in cui l'assistenza sanitaria di base incontra i servizi sociali e il volontariato. Quali esperienze stanno funzionando e come si coinvolgono gli abitanti fin dalla progettazione?",
            "Il webinar presenta i primi risultati di una ricerca in tre regioni e lascia ampio spazio alle domande.",
        ),
        kind=WEBINAR,
        format=ONLINE,
        day=-58,
        start=(18, 0),
        minutes=75,
        organiser="francesca.moretti",
        themes=("salute", "welfare-e-inclusione"),
        audiences=(PA, ETS, CITIZENS),
        capacity=200,
        registered=30,
        speakers=(
            Speaker(
                "Francesca Moretti",
                "Sociologa della salute",
                "Studia le case di comunità e come coinvolgere i cittadini nella loro progettazione.",
                login="francesca.moretti",
            ),
        ),
        materials=True,
    ),
    Demo(
        slug="convegno-amministrazione-condivisa-sentenza-131",
        title="Convegno nazionale: l'amministrazione condivisa dopo la sentenza 131/2020",
        summary="Una giornata con amministratori, giuristi ed enti del Terzo Settore sul principio di sussidiarietà orizzontale riconosciuto dalla Corte costituzionale.",
        description=(
            "Con la sentenza 131 del 2020 la Corte costituzionale ha riconosciuto nell'articolo 55 del Codice del Terzo Settore una delle più significative attuazioni del principio di sussidiarietà orizzontale. Cosa è cambiato da allora nelle amministrazioni?",
            "Il convegno si svolge in presenza e in diretta streaming: chi si iscrive online riceve il collegamento il giorno prima.",
        ),
        kind=CONFERENCE,
        format=HYBRID,
        day=-62,
        start=(9, 30),
        minutes=420,
        organiser="roberto.galli",
        organisation="rete-italiana-partecipazione-civica",
        comune="058091",
        venue="Auditorium della Rete",
        address="Via dei Volsci 32, Roma",
        accessibility="Auditorium accessibile; interpretazione LIS nella sessione plenaria del mattino.",
        themes=("legalita", "welfare-e-inclusione"),
        audiences=(PA, ETS, FACILITATORS),
        capacity=150,
        registered=40,
        agenda=(
            Session(0, 30, "Saluti istituzionali"),
            Session(
                30, 90, "Sussidiarietà orizzontale: la lezione della Corte", "Emanuele Santoro"
            ),
            Session(120, 60, "Tavola rotonda: comuni e Terzo Settore a confronto"),
            Session(240, 120, "Sessioni parallele su welfare, cultura e ambiente"),
            Session(360, 60, "Conclusioni", "Roberto Galli"),
        ),
        speakers=(
            Speaker("Emanuele Santoro", "Giurista", login="emanuele.santoro"),
            Speaker(
                "Roberto Galli",
                "Referente nazionale, Rete italiana per la partecipazione civica",
                login="roberto.galli",
            ),
        ),
        questions=(ORGANISATION_QUESTION, attendance_question("In presenza", "Online")),
    ),
    Demo(
        slug="webinar-bilancio-partecipativo-piccoli-comuni",
        title="Webinar: il bilancio partecipativo nei piccoli comuni",
        summary="Regole semplici, budget piccoli, grande partecipazione: tre esperienze di comuni sotto i cinquemila abitanti.",
        description=(
            "Nei comuni più piccoli il bilancio partecipativo può coinvolgere una quota di abitanti impensabile in città. Servono però regole semplici, tempi brevi e una restituzione puntuale.",
            "Tre amministratori raccontano come hanno organizzato la raccolta delle proposte, il voto e la realizzazione dei progetti vincitori.",
        ),
        kind=WEBINAR,
        format=ONLINE,
        day=-45,
        start=(18, 0),
        minutes=90,
        organiser="antonio.desantis",
        themes=("aree-interne", "beni-comuni"),
        audiences=(PA, CITIZENS),
        capacity=150,
        registered=26,
        logins=(("partecipante", ATTENDED),),
        recording=True,
    ),
    Demo(
        slug="assemblea-centro-storico-macerata",
        title="Assemblea pubblica sul centro storico di Macerata",
        summary="Residenti, commercianti e studenti a confronto su spazi, orari e servizi del centro storico. Ingresso libero.",
        description=(
            "L'assemblea chiude la prima fase di ascolto sul centro storico: si presentano i risultati del questionario e le proposte raccolte nei punti di ascolto.",
            "Non serve iscriversi: basta presentarsi in sala. Chi non può esserci può inviare un contributo scritto all'indirizzo indicato nella pagina del percorso.",
        ),
        kind=MEETING,
        format=IN_PERSON,
        day=-40,
        start=(18, 0),
        minutes=150,
        organiser="alessia.rizzo",
        comune="043023",
        venue="Teatro Lauro Rossi",
        address="Piazza della Libertà, Macerata",
        themes=("cultura", "rigenerazione-urbana"),
        audiences=(CITIZENS,),
        registration_required=False,
    ),
    Demo(
        slug="incontro-comunita-energetica-san-donato",
        title="Incontro di comunità: nasce la comunità energetica di San Donato",
        summary="Come funziona una comunità energetica rinnovabile, chi può aderire e quanto si risparmia: un incontro per famiglie, condomini e piccole imprese.",
        description=(
            "La parrocchia, la scuola e due condomini del quartiere hanno installato i primi impianti fotovoltaici. Ora la comunità energetica si apre a nuove adesioni.",
            "Spiegheremo in parole semplici come funzionano gli incentivi sull'energia condivisa, come si entra e come si esce dalla comunità e come vengono usati i benefici per il quartiere.",
        ),
        kind=MEETING,
        format=IN_PERSON,
        day=-31,
        start=(20, 45),
        minutes=90,
        organiser="giorgio.ferri",
        comune="037006",
        venue="Salone parrocchiale di San Donato",
        address="Via San Donato 38, Bologna",
        themes=("transizione-ecologica", "beni-comuni"),
        audiences=(CITIZENS,),
        capacity=100,
        registered=33,
    ),
    Demo(
        slug="workshop-facilitazione-visuale-pesaro",
        title="Workshop di facilitazione visuale per chi conduce assemblee",
        summary="Lavagne, mappe e disegni per rendere visibile una discussione: tecniche di base per facilitatori e facilitatrici alle prime armi.",
        description=(
            "La facilitazione visuale aiuta un gruppo a vedere dove sta andando la discussione. Non serve saper disegnare: servono poche forme, un po' di pratica e qualche regola di composizione.",
            "Il workshop è pratico: porta un quaderno, al resto pensiamo noi. I posti sono limitati per permettere a tutti di esercitarsi.",
        ),
        kind=WORKSHOP,
        format=IN_PERSON,
        day=-20,
        start=(9, 30),
        minutes=240,
        organiser="elisa.marchetti",
        organisation="pesaro-partecipa-aps",
        comune="041044",
        venue="Biblioteca San Giovanni",
        address="Via Passeri 102, Pesaro",
        accessibility="Sala al primo piano con ascensore.",
        themes=("educazione", "cultura"),
        audiences=(FACILITATORS,),
        capacity=20,
        registered=20,
        questions=(ROLE_QUESTION, NEEDS_QUESTION),
        materials=True,
    ),
    Demo(
        slug="giornata-formativa-art-55-cts-ancona",
        title="Giornata formativa: le procedure dell'art. 55 del Codice del Terzo Settore",
        summary="Avviso, istruttoria, tavoli e convenzione: una giornata per funzionari ed enti che vogliono avviare la prima co-progettazione.",
        description=(
            "La giornata ripercorre una procedura di co-progettazione dall'avviso pubblico alla convenzione finale, con modelli di atti, errori frequenti e suggerimenti pratici.",
            "Si può partecipare in aula oppure online: il materiale didattico è lo stesso e viene inviato a tutti gli iscritti dopo la giornata.",
        ),
        kind=TRAINING,
        format=HYBRID,
        day=-12,
        start=(9, 0),
        minutes=420,
        organiser="emanuele.santoro",
        organisation="fondazione-carisp-due-valli",
        comune="042002",
        venue="Aula magna della Facoltà di Economia",
        address="Piazzale Martelli 8, Ancona",
        accessibility="Aula accessibile, parcheggio riservato all'ingresso.",
        themes=("welfare-e-inclusione", "legalita"),
        audiences=(PA, ETS),
        capacity=80,
        registered=45,
        agenda=(
            Session(
                0, 60, "Co-programmazione e co-progettazione: le differenze", "Emanuele Santoro"
            ),
            Session(60, 120, "L'avviso pubblico e l'istruttoria"),
            Session(240, 120, "Esercitazione: costruiamo un tavolo di co-progettazione"),
            Session(360, 60, "Domande e chiusura"),
        ),
        speakers=(
            Speaker("Emanuele Santoro", "Giurista", login="emanuele.santoro"),
            Speaker(
                "Laura Pieroni",
                "Segretaria comunale",
                "Segue gli atti di co-progettazione di tre comuni.",
            ),
        ),
        questions=(
            ORGANISATION_QUESTION,
            attendance_question("In aula ad Ancona", "Online"),
            NEEDS_QUESTION,
        ),
    ),
    # --- the next four months ----------------------------------------------------------
    Demo(
        slug="webinar-patti-educativi-di-comunita",
        title="Webinar: patti educativi di comunità, come costruirli con le scuole",
        summary="Scuole, associazioni ed enti locali alleati contro la povertà educativa: esempi, modelli di accordo e primi passi.",
        description=(
            "Un patto educativo di comunità è un accordo tra scuole, enti locali, associazioni e famiglie per ampliare le occasioni educative di un territorio. Nel webinar vediamo come nasce, chi lo firma e come si tiene vivo nel tempo.",
            "Porteremo tre esperienze: un quartiere di una grande città, un comune di provincia e una rete di piccoli comuni montani.",
        ),
        kind=WEBINAR,
        format=ONLINE,
        day=3,
        start=(17, 30),
        minutes=90,
        organiser="valentina.romano",
        organisation="cooperativa-sociale-mare-aperto",
        themes=("educazione", "giovani"),
        audiences=(PA, ETS, CITIZENS),
        capacity=200,
        registered=24,
        logins=(("partecipante", CONFIRMED),),
        questions=(ROLE_QUESTION,),
        english=(
            "Webinar: community education pacts, building them with schools",
            "Schools, associations and local authorities together against educational poverty: examples, model agreements and first steps.",
        ),
    ),
    Demo(
        slug="webinar-consultazioni-online-accessibili",
        title="Webinar: consultazioni online accessibili a tutti",
        summary="Moduli, mappe e votazioni online che tutti possono usare: requisiti di accessibilità, linguaggio chiaro e canali alternativi.",
        description=(
            "Una consultazione online esclude chi non riesce a usarla. Nel webinar vediamo i requisiti di accessibilità che una piattaforma deve rispettare, come scrivere domande in linguaggio chiaro e come affiancare canali non digitali.",
            "Posti limitati per lasciare spazio alle domande: chi resta in lista d'attesa riceve il posto se qualcuno disdice.",
        ),
        kind=WEBINAR,
        format=ONLINE,
        day=7,
        start=(11, 0),
        minutes=60,
        organiser="matteo.barbieri",
        organisation="partecipa-lab-srl",
        themes=("digitale",),
        audiences=(PA, FACILITATORS),
        capacity=25,
        registered=31,
    ),
    Demo(
        slug="giornata-formativa-facilitare-assemblea-cittadina",
        title="Giornata formativa: facilitare un'assemblea cittadina",
        summary="Sorteggio, informazione equilibrata, deliberazione in piccoli gruppi e raccomandazioni finali: il ciclo di un'assemblea cittadina, in pratica.",
        description=(
            "Le assemblee cittadine sorteggiate sono sempre più usate da comuni e regioni su clima, mobilità e urbanistica. La giornata mostra come si progetta e si facilita ogni fase.",
            "Il pomeriggio è dedicato a una simulazione: i partecipanti vestono i panni di cittadini sorteggiati, esperti e facilitatori.",
            "I posti sono esauriti: iscrivendoti entri in lista d'attesa e ricevi un'e-mail se si libera un posto.",
        ),
        kind=TRAINING,
        format=IN_PERSON,
        day=9,
        start=(9, 30),
        minutes=450,
        organiser="contributore",
        organisation="quartieri-in-rete-aps",
        comune="037006",
        venue="Sala Borsa, Sala Atelier",
        address="Piazza del Nettuno 3, Bologna",
        accessibility="Ingresso accessibile da piazza del Nettuno; servizi igienici al piano.",
        themes=("beni-comuni", "transizione-ecologica"),
        audiences=(FACILITATORS, PA, ETS),
        capacity=25,
        registered=32,
        agenda=(
            Session(0, 45, "Perché un'assemblea cittadina", "Chiara Esposito"),
            Session(45, 90, "Sorteggio stratificato e informazione equilibrata", "Federica Sala"),
            Session(135, 45, "Esperienze in Italia e in Europa"),
            Session(240, 180, "Simulazione di un'assemblea"),
            Session(420, 30, "Restituzione e valutazione della giornata"),
        ),
        speakers=(
            Speaker("Chiara Esposito", "Presidente, Quartieri in rete APS", login="contributore"),
            Speaker("Federica Sala", "Ricercatrice in scienze politiche", login="federica.sala"),
        ),
        questions=(ORGANISATION_QUESTION, NEEDS_QUESTION),
        logins=(("partecipante", WAITLISTED),),
        materials=True,
        english=(
            "Training day: facilitating a citizens' assembly",
            "Sortition, balanced information, small-group deliberation and final recommendations: the cycle of a citizens' assembly, in practice.",
        ),
    ),
    Demo(
        slug="laboratorio-orti-condivisi-reggio-emilia",
        title="Laboratorio sugli orti condivisi di via Gorizia",
        summary="Un pomeriggio per progettare con gli abitanti le regole e gli spazi del nuovo orto condiviso del quartiere.",
        description=(
            "L'associazione e il Comune hanno firmato un patto per trasformare l'area verde di via Gorizia in un orto condiviso. Il laboratorio doveva raccogliere le idee degli abitanti sulle regole di gestione.",
        ),
        kind=WORKSHOP,
        format=IN_PERSON,
        day=11,
        start=(15, 0),
        minutes=150,
        organiser="silvia.fontana",
        organisation="orti-in-comune-aps",
        comune="035033",
        venue="Centro sociale Orologio",
        address="Via Gorizia 12, Reggio Emilia",
        themes=("beni-comuni", "transizione-ecologica"),
        audiences=(CITIZENS,),
        capacity=30,
        registered=14,
        state=CANCELLED,
        cancellation_reason=(
            "La sala del centro sociale non è agibile dopo i lavori di manutenzione. "
            "Il laboratorio sarà riprogrammato in primavera: chi era iscritto riceverà "
            "la nuova data per e-mail."
        ),
    ),
    Demo(
        slug="incontro-giardino-condiviso-materdei",
        title="Incontro di comunità al giardino condiviso di Materdei",
        summary="Gli abitanti che curano il giardino presentano il calendario delle attività e cercano nuovi volontari.",
        description=(
            "Da tre anni un gruppo di abitanti cura il giardino con un patto di collaborazione. All'incontro si presenta il calendario delle attività e si raccolgono nuove disponibilità.",
        ),
        kind=MEETING,
        format=IN_PERSON,
        day=12,
        start=(17, 30),
        minutes=120,
        organiser="paolo.greco",
        comune="063049",
        venue="Giardino condiviso di Materdei",
        address="Salita Pontecorvo 5, Napoli",
        themes=("beni-comuni", "rigenerazione-urbana"),
        audiences=(CITIZENS,),
        capacity=60,
        registered=12,
    ),
    Demo(
        slug="tavolo-welfare-ascoli-piceno-secondo-incontro",
        title="Tavolo di co-progettazione sul welfare di comunità – Ascoli Piceno, secondo incontro",
        summary="I gruppi di lavoro presentano le prime ipotesi di servizio su domiciliarità, sollievo e reti di vicinato.",
        description=(
            "Il secondo incontro del tavolo discute le ipotesi di servizio elaborate dai gruppi di lavoro e definisce il budget di massima di ciascuna azione.",
            "Chi non ha partecipato al primo incontro può iscriversi: il verbale è disponibile tra i materiali.",
        ),
        kind=TABLE,
        format=HYBRID,
        day=14,
        start=(15, 0),
        minutes=180,
        organiser="promotore",
        organisation="comune-di-ascoli-piceno",
        comune="044007",
        venue="Sala della Ragione, Palazzo dei Capitani",
        address="Piazza del Popolo, Ascoli Piceno",
        accessibility="Ascensore dal cortile interno.",
        themes=("welfare-e-inclusione", "invecchiamento-attivo"),
        audiences=(PA, ETS),
        capacity=35,
        registered=21,
        agenda=(
            Session(0, 30, "Sintesi del primo incontro", "Marco Rinaldi"),
            Session(30, 105, "Le ipotesi di servizio dei tre gruppi"),
            Session(135, 45, "Budget e prossimi passi"),
        ),
        questions=(ORGANISATION_QUESTION, attendance_question("In sala", "Online")),
        logins=(("partecipante", CONFIRMED),),
    ),
    Demo(
        slug="incontro-abitare-tra-generazioni-reggio-emilia",
        title="Incontro di comunità: abitare insieme tra generazioni",
        summary="Studenti e persone anziane che condividono casa raccontano com'è andata; come aderire al progetto di coabitazione solidale.",
        description=(
            "Il progetto di coabitazione solidale mette in contatto persone anziane che hanno una stanza libera e giovani in cerca di casa. Dopo due anni, le coppie raccontano la loro esperienza.",
            "Seguirà un rinfresco preparato dalle volontarie del centro sociale.",
        ),
        kind=MEETING,
        format=IN_PERSON,
        day=18,
        start=(17, 0),
        minutes=120,
        organiser="silvia.fontana",
        comune="035033",
        venue="Centro sociale Buco Magico",
        address="Via Martiri di Cervarolo 46, Reggio Emilia",
        themes=("abitare", "invecchiamento-attivo"),
        audiences=(CITIZENS, ETS),
        capacity=70,
        registered=19,
    ),
    Demo(
        slug="workshop-co-design-servizi-digitali-fermo",
        title="Workshop di co-design dei servizi digitali comunali",
        summary="Cittadini e uffici ridisegnano insieme il servizio online di iscrizione alla mensa scolastica, dallo schizzo al prototipo.",
        description=(
            "Il Comune sta rifacendo i servizi online per le famiglie. Nel workshop si parte dalle difficoltà di chi li usa e si arriva a un prototipo cliccabile, da provare con altri genitori.",
            "Non servono competenze tecniche: servono esperienze, anche negative, con i servizi online.",
        ),
        kind=WORKSHOP,
        format=IN_PERSON,
        day=21,
        start=(9, 30),
        minutes=210,
        organiser="lorenzo.costa",
        organisation="fondazione-carisp-due-valli",
        comune="109006",
        venue="Sala dei Ritratti, Palazzo dei Priori",
        address="Piazza del Popolo 1, Fermo",
        themes=("digitale", "educazione"),
        audiences=(CITIZENS, PA),
        capacity=24,
        registered=15,
        questions=(ROLE_QUESTION,),
    ),
    Demo(
        slug="tavolo-salute-mentale-di-comunita-milano",
        title="Tavolo di co-progettazione sui servizi per la salute mentale di comunità",
        summary="Servizi sanitari, cooperative e associazioni di familiari costruiscono insieme i progetti di abitare supportato.",
        description=(
            "Il tavolo è promosso dalla fondazione di comunità con l'azienda sanitaria: obiettivo è un programma di abitare supportato per persone in carico ai servizi di salute mentale.",
        ),
        kind=TABLE,
        format=IN_PERSON,
        day=25,
        start=(14, 30),
        minutes=180,
        organiser="beatrice.villa",
        organisation="fondazione-ponti-di-comunita",
        comune="015146",
        venue="Sala riunioni della Fondazione",
        address="Via Padova 36, Milano",
        themes=("salute", "abitare"),
        audiences=(PA, ETS),
        capacity=30,
        registered=16,
        questions=(ORGANISATION_QUESTION,),
    ),
    Demo(
        slug="tavolo-mobilita-scolastica-ascoli-piceno",
        title="Tavolo sulla mobilità scolastica sostenibile – Ascoli Piceno",
        summary="Genitori, scuole e uffici tecnici progettano percorsi sicuri casa-scuola a piedi e in bicicletta.",
        description=(
            "Il tavolo prepara la sperimentazione delle strade scolastiche davanti a tre plessi: chiusura al traffico negli orari di ingresso e uscita, pedibus e parcheggi per le biciclette.",
            "Si partecipa in sala o online.",
        ),
        kind=TABLE,
        format=HYBRID,
        day=28,
        start=(17, 30),
        minutes=120,
        organiser="promotore",
        organisation="comune-di-ascoli-piceno",
        comune="044007",
        venue="Sala consiliare",
        address="Piazza Arringo 7, Ascoli Piceno",
        themes=("mobilita", "educazione"),
        audiences=(CITIZENS, PA),
        capacity=50,
        registered=17,
        questions=(attendance_question("In sala", "Online"),),
    ),
    Demo(
        slug="webinar-crowdfunding-civico",
        title="Webinar: il crowdfunding civico per i progetti di quartiere",
        summary="Come si prepara una campagna di raccolta fondi dal basso, come si coinvolge la comunità e come funziona il raddoppio dei fondi da parte di una fondazione.",
        description=(
            "Il crowdfunding civico permette a una comunità di finanziare un progetto di interesse generale. Nel webinar vediamo come si scrive la pagina della campagna, come si scelgono le ricompense e come si comunica durante la raccolta.",
        ),
        kind=WEBINAR,
        format=ONLINE,
        day=30,
        start=(18, 0),
        minutes=75,
        organiser="matteo.barbieri",
        organisation="partecipa-lab-srl",
        themes=("lavoro", "beni-comuni"),
        audiences=(ETS, CITIZENS),
        capacity=150,
        registered=18,
    ),
    Demo(
        slug="workshop-consulta-giovani-bassa-romagna",
        title="Workshop: una consulta dei giovani per la Bassa Romagna",
        summary="Ragazze e ragazzi dai 16 ai 25 anni scrivono con l'Unione dei comuni il regolamento della nuova consulta.",
        description=(
            "L'Unione dei comuni della Bassa Romagna vuole una consulta dei giovani che conti davvero. Il workshop è il momento in cui i giovani ne scrivono insieme le regole: chi ne fa parte, come si elegge, che poteri ha.",
            "Pizza offerta a fine lavori.",
        ),
        kind=WORKSHOP,
        format=IN_PERSON,
        day=35,
        start=(15, 0),
        minutes=180,
        organiser="valentina.romano",
        organisation="unione-dei-comuni-della-bassa-romagna",
        comune="039012",
        venue="Centro giovani Il Granaio",
        address="Via Manzoni 2, Lugo",
        themes=("giovani", "educazione"),
        audiences=(CITIZENS,),
        capacity=40,
        registered=13,
    ),
    Demo(
        slug="convegno-partecipazione-emilia-romagna-legge-15-2018",
        title="Convegno regionale: la partecipazione in Emilia-Romagna dopo la legge 15/2018",
        summary="Bilancio di cinque anni di bandi regionali per i processi partecipativi: risultati, valutazioni e proposte per il futuro.",
        description=(
            "La legge regionale 15 del 2018 sostiene con bandi annuali i processi partecipativi di enti locali e associazioni. Il convegno presenta il rapporto di valutazione e ascolta chi quei processi li ha condotti.",
            "In presenza e in diretta: chi sceglie di seguire online riceve il collegamento con la conferma dell'iscrizione. Le iscrizioni chiudono due giorni prima.",
        ),
        kind=CONFERENCE,
        format=HYBRID,
        day=40,
        start=(9, 30),
        minutes=480,
        organiser="promotore",
        organisation="regione-emilia-romagna",
        comune="037006",
        venue="Sala 20 maggio 2012, Terza Torre",
        address="Viale della Fiera 8, Bologna",
        accessibility="Sala accessibile; sottotitolazione in diretta dello streaming.",
        themes=("beni-comuni", "digitale"),
        audiences=(PA, ETS, FACILITATORS, CITIZENS),
        capacity=180,
        registered=38,
        agenda=(
            Session(0, 30, "Apertura dei lavori", "Marco Rinaldi"),
            Session(30, 60, "Il rapporto di valutazione", "Federica Sala"),
            Session(90, 90, "Tavola rotonda con i comuni"),
            Session(240, 120, "Laboratori paralleli: scuole, ambiente, welfare"),
            Session(360, 90, "Proposte per il nuovo bando e chiusura"),
        ),
        speakers=(
            Speaker("Marco Rinaldi", "Ufficio partecipazione della Regione", login="promotore"),
            Speaker("Federica Sala", "Ricercatrice in scienze politiche", login="federica.sala"),
            Speaker(
                "Giulia Ferrari",
                "Redazione dell'hub",
                "Coordina la redazione dell'hub e il supporto alla piattaforma.",
                login="staff",
            ),
        ),
        questions=(
            ORGANISATION_QUESTION,
            attendance_question("In presenza", "Online"),
            NEEDS_QUESTION,
        ),
        closes_before_days=2,
        english=(
            "Regional conference: participation in Emilia-Romagna after Law 15/2018",
            "Five years of regional calls for participatory processes: results, evaluations and proposals for the future.",
        ),
    ),
    Demo(
        slug="webinar-participatory-budgeting-europe",
        title="Webinar (in inglese): il bilancio partecipativo nelle città europee",
        summary="Lisbona, Parigi e Danzica a confronto: regole, budget, voto online e valutazione. Il webinar si tiene in inglese.",
        description=(
            "Un confronto tra tre delle esperienze europee più note di bilancio partecipativo, con chi le ha seguite dall'interno delle amministrazioni.",
            "Il webinar si tiene in inglese, senza traduzione.",
        ),
        kind=WEBINAR,
        format=ONLINE,
        day=45,
        start=(16, 0),
        minutes=90,
        organiser="federica.sala",
        organisation="laboratorio-studi-partecipazione-urbino",
        themes=("beni-comuni", "digitale"),
        audiences=(PA, FACILITATORS),
        capacity=120,
        registered=16,
        language="en",
        english=(
            "Webinar: participatory budgeting in European cities",
            "Lisbon, Paris and Gdańsk compared: rules, budgets, online voting and evaluation. The webinar is held in English.",
        ),
    ),
    Demo(
        slug="workshop-mappatura-beni-comuni-lecce",
        title="Workshop di mappatura partecipata dei beni comuni",
        summary="Camminate di quartiere e mappe digitali per censire gli spazi abbandonati e le risorse nascoste del centro di Lecce.",
        description=(
            "Il workshop insegna a costruire una mappa partecipata dei beni comuni: come si raccolgono i dati, come si verificano, come si pubblicano come dati aperti.",
        ),
        kind=WORKSHOP,
        format=IN_PERSON,
        day=50,
        start=(10, 0),
        minutes=240,
        organiser="stefano.bruno",
        organisation="laboratorio-urbano-salento-aps",
        comune="075035",
        venue="Ex convitto Palmieri",
        address="Piazzetta Carducci, Lecce",
        themes=("beni-comuni", "cultura"),
        audiences=(CITIZENS, ETS),
        capacity=30,
        registered=11,
    ),
    Demo(
        slug="giornata-formativa-impatto-sociale-urbino",
        title="Giornata formativa: rendicontare l'impatto sociale dei progetti di comunità",
        summary="Teoria del cambiamento, indicatori e bilancio sociale per associazioni e cooperative, con esercitazioni sui progetti dei partecipanti.",
        description=(
            "Sempre più spesso fondazioni e amministrazioni chiedono di rendicontare l'impatto sociale dei progetti. La giornata introduce la teoria del cambiamento e mostra come scegliere pochi indicatori utili.",
            "Porta il tuo progetto: il pomeriggio lavoreremo sui casi dei partecipanti.",
        ),
        kind=TRAINING,
        format=IN_PERSON,
        day=60,
        start=(9, 30),
        minutes=420,
        organiser="federica.sala",
        organisation="laboratorio-studi-partecipazione-urbino",
        comune="041067",
        venue="Palazzo Battiferri, aula 5",
        address="Via Saffi 42, Urbino",
        themes=("lavoro", "welfare-e-inclusione"),
        audiences=(ETS,),
        capacity=35,
        registered=12,
        agenda=(
            Session(0, 90, "La teoria del cambiamento", "Federica Sala"),
            Session(90, 90, "Scegliere gli indicatori"),
            Session(240, 150, "Esercitazione sui progetti dei partecipanti"),
        ),
        questions=(ORGANISATION_QUESTION, NEEDS_QUESTION),
        materials=True,
    ),
    Demo(
        slug="giornata-formativa-progettazione-europea-bari",
        title="Giornata formativa sulla progettazione europea per l'innovazione sociale",
        summary="Programmi, partenariati e budget: come un ente del Terzo Settore prepara la prima candidatura a un bando europeo.",
        description=(
            "La giornata presenta i programmi europei più adatti all'innovazione sociale e accompagna i partecipanti nella costruzione di un partenariato e di un budget.",
        ),
        kind=TRAINING,
        format=IN_PERSON,
        day=80,
        start=(9, 30),
        minutes=420,
        organiser="valentina.romano",
        organisation="centro-ricerca-democrazia-locale-bari",
        comune="072006",
        venue="Spazio Murat",
        address="Piazza del Ferrarese, Bari",
        themes=("lavoro", "digitale"),
        audiences=(ETS, PA),
        capacity=40,
        registered=9,
    ),
    Demo(
        slug="scuola-alta-formazione-giornata-inaugurale",
        title="Scuola di alta formazione sull'amministrazione condivisa: giornata inaugurale",
        summary="La giornata di apertura della scuola per funzionari pubblici ed enti del Terzo Settore, con la lezione inaugurale e la presentazione del programma.",
        description=(
            "La scuola di alta formazione accompagna per sei mesi una classe di funzionari pubblici e operatori del Terzo Settore. La giornata inaugurale è aperta a tutti, in presenza e in diretta.",
            "Le iscrizioni aprono un mese prima della giornata.",
        ),
        kind=CONFERENCE,
        format=HYBRID,
        day=100,
        start=(10, 0),
        minutes=300,
        organiser="roberto.galli",
        organisation="rete-italiana-partecipazione-civica",
        comune="058091",
        venue="Aula magna del Rettorato",
        address="Piazzale Aldo Moro 5, Roma",
        themes=("legalita", "educazione"),
        audiences=(PA, ETS, FACILITATORS),
        capacity=300,
        opens_in=70,
    ),
    Demo(
        slug="laboratorio-spazi-pubblici-bolognina",
        title="Laboratorio sugli spazi pubblici della Bolognina",
        summary="Bozza: un laboratorio per raccogliere proposte sugli spazi pubblici del quartiere, da definire con il Quartiere Navile.",
        description=("Programma da definire con gli uffici del Quartiere.",),
        kind=WORKSHOP,
        format=IN_PERSON,
        day=75,
        start=(10, 0),
        minutes=180,
        organiser="contributore",
        organisation="quartieri-in-rete-aps",
        comune="037006",
        venue="Da definire",
        themes=("rigenerazione-urbana",),
        audiences=(CITIZENS,),
        capacity=40,
        state=DRAFT,
    ),
    Demo(
        slug="webinar-raccolta-fondi-piccole-associazioni",
        title="Webinar: la raccolta fondi per le piccole associazioni",
        summary="Bozza: strumenti semplici di raccolta fondi per associazioni senza personale dedicato.",
        description=("Relatori da confermare.",),
        kind=WEBINAR,
        format=ONLINE,
        day=90,
        start=(18, 0),
        minutes=60,
        organiser="valentina.romano",
        themes=("lavoro",),
        audiences=(ETS,),
        state=DRAFT,
    ),
)

FEEDBACK_COMMENTS = (
    "Molto utile, soprattutto gli esempi concreti.",
    "Ben organizzato, avrei voluto più tempo per le domande.",
    "Relatori chiari e preparati. Grazie!",
    "Ho trovato spunti da portare subito nel mio ente.",
    "Interessante, ma la parte pratica era troppo breve.",
    "Ottimo il lavoro a gruppi.",
    "Materiali chiari, li userò con i colleghi.",
    "L'audio a tratti non si sentiva bene.",
)
ORGANISATION_ANSWERS = (
    "Comune",
    "Associazione di promozione sociale",
    "Cooperativa sociale",
    "Organizzazione di volontariato",
    "Università",
    "Nessuna, partecipo come cittadina/o",
    "Fondazione",
    "Azienda sanitaria",
)
ROLE_ANSWERS = (
    "Servizi sociali",
    "Progettazione",
    "Volontariato",
    "Facilitazione",
    "Comunicazione",
    "Insegno",
    "Ricerca",
)
NEEDS_ANSWERS = (
    "Vegetariano",
    "Senza glutine",
    "Accesso in sedia a rotelle",
    "Intolleranza al lattosio",
)


@dataclass
class _Context:
    """Everything the events point at, loaded once by natural key."""

    users: dict[str, User]
    organisations: dict[str, Organisation]
    themes: dict[str, Theme]
    comuni: dict[str, Municipality]
    existing: set[str]

    @classmethod
    def load(cls) -> "_Context":
        return cls(
            users={
                user.email.removesuffix(DOMAIN): user
                for user in User.objects.filter(email__endswith=DOMAIN, is_active=True).order_by(
                    "email"
                )
            },
            organisations={
                organisation.slug: organisation
                for organisation in Organisation.objects.filter(
                    slug__in={demo.organisation for demo in EVENTS if demo.organisation}
                ).only("pk", "slug", "name")
            },
            themes={theme.slug: theme for theme in Theme.objects.all()},
            comuni={
                comune.istat_code: comune
                for comune in Municipality.objects.filter(
                    istat_code__in={demo.comune for demo in EVENTS if demo.comune}
                )
                .select_related("region")
                .defer("boundary", "region__boundary")
            },
            existing=set(
                Event.objects.filter(slug__in=[demo.slug for demo in EVENTS]).values_list(
                    "slug", flat=True
                )
            ),
        )

    def ready(self, demo: Demo) -> bool:
        """Whether this database has the comune and the organiser the event needs."""
        return (not demo.comune or demo.comune in self.comuni) and demo.organiser in self.users


def _at(today: datetime.date, demo: Demo) -> datetime.datetime:
    day = today + datetime.timedelta(days=demo.day)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(*demo.start)))


def _cover(demo: Demo) -> Any:
    Image = get_image_model()
    title = f"Evento: {demo.title}"[:255]
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    picture = illustration(f"evento-{demo.slug}", width=COVER_SIZE[0], height=COVER_SIZE[1])
    return Image.objects.create(
        title=title, description=describe_illustration(picture), file=picture
    )


def _library(demo: Demo) -> tuple[list[ResourcePage], WebinarPage | None]:
    """Materials: up to three live library resources sharing a theme with the event;
    the recording: a live webinar, sharing a theme if possible."""
    materials: list[ResourcePage] = []
    if demo.materials:
        materials = list(
            ResourcePage.objects.live()
            .public()
            .filter(themes__slug__in=demo.themes)
            .distinct()
            .order_by("-publication_date", "pk")[:3]
        )
    recording = None
    if demo.recording:
        webinars = WebinarPage.objects.live().public().order_by("pk")
        recording = webinars.filter(themes__slug__in=demo.themes).first() or webinars.first()
    return materials, recording


def _children(demo: Demo, starts: datetime.datetime, context: _Context) -> dict[str, list]:
    sessions = [
        EventSession(
            starts_at=starts + datetime.timedelta(minutes=item.offset),
            ends_at=starts + datetime.timedelta(minutes=item.offset + item.minutes),
            title=item.title,
            description=item.description,
            speakers=item.speakers,
            sort_order=n,
        )
        for n, item in enumerate(demo.agenda)
    ]
    speakers = [
        EventSpeaker(
            user=context.users.get(item.login) if item.login else None,
            name=item.name,
            role=item.role,
            bio=item.bio,
            sort_order=n,
        )
        for n, item in enumerate(demo.speakers)
    ]
    questions = [
        RegistrationQuestion(
            label=item.label,
            kind=item.kind,
            choices="\n".join(item.choices),
            required=item.required,
            sort_order=n,
        )
        for n, item in enumerate(demo.questions)
    ]
    return {"sessions": sessions, "speakers": speakers, "questions": questions}


def _create(demo: Demo, context: _Context, now: datetime.datetime) -> Event:
    starts = _at(timezone.localdate(now), demo)
    ends = starts + datetime.timedelta(minutes=demo.minutes)
    comune = context.comuni.get(demo.comune)
    # Announced a few weeks before the start, never later than now.
    created = min(starts - datetime.timedelta(days=40), now - datetime.timedelta(days=2))
    published = demo.state != DRAFT
    audiences = {AUDIENCES[slug][0]: True for slug in demo.audiences}
    materials, recording = _library(demo)
    event = Event(
        slug=demo.slug,
        title=demo.title,
        title_en=demo.english[0] if demo.english else "",
        summary=demo.summary,
        summary_en=demo.english[1] if demo.english else "",
        description="\n\n".join(demo.description),
        kind=demo.kind,
        format=demo.format,
        starts_at=starts,
        ends_at=ends,
        municipality=comune,
        region=comune.region if comune else None,
        venue_name=demo.venue,
        address=demo.address,
        accessibility_notes=demo.accessibility,
        online_url=(
            f"https://videoconferenza.example.org/{demo.slug}" if demo.format != IN_PERSON else ""
        ),
        online_instructions=ONLINE_INSTRUCTIONS if demo.format != IN_PERSON else "",
        organisation=context.organisations.get(demo.organisation),
        organiser=context.users[demo.organiser],
        language=demo.language,
        cover=_cover(demo),
        recording=recording,
        state=demo.state,
        published_at=created + datetime.timedelta(days=1) if published else None,
        cancelled_at=now - datetime.timedelta(days=2) if demo.state == CANCELLED else None,
        cancellation_reason=demo.cancellation_reason,
        registration_required=demo.registration_required,
        capacity=demo.capacity,
        registration_opens_at=(
            timezone.make_aware(
                datetime.datetime.combine(
                    timezone.localdate(now) + datetime.timedelta(days=demo.opens_in),
                    datetime.time(9),
                )
            )
            if demo.opens_in is not None
            else None
        ),
        registration_closes_at=(
            starts - datetime.timedelta(days=demo.closes_before_days)
            if demo.closes_before_days
            else None
        ),
        waitlist_enabled=demo.waitlist,
        # The survey of past events went out the day after: housekeeping sends nothing.
        feedback_requested_at=ends + datetime.timedelta(days=1) if ends < now else None,
        created_at=created,
        themes=[context.themes[slug] for slug in demo.themes if slug in context.themes],
        materials=materials,
        **audiences,
        **_children(demo, starts, context),
    )
    event.save()
    return event


def _answers(
    questions: list[RegistrationQuestion], rng: random.Random, keep_needs: bool
) -> dict[str, str]:
    answers = {}
    for question in questions:
        if question.kind == QuestionKind.CHOICE:
            answer = rng.choice(question.options)
        elif question.kind == QuestionKind.NEEDS:
            answer = rng.choice(NEEDS_ANSWERS) if keep_needs and rng.random() < 0.15 else ""
        elif question.label == ORGANISATION_QUESTION.label:
            answer = rng.choice(ORGANISATION_ANSWERS)
        else:
            answer = rng.choice(ROLE_ANSWERS) if question.required or rng.random() < 0.7 else ""
        if answer:
            answers[str(question.pk)] = answer
    return answers


def _registrations(event: Event, demo: Demo, context: _Context, now: datetime.datetime) -> int:
    """Rows as the services would have left them; counters to match. Returns how many."""
    if demo.state == DRAFT or not demo.registration_required or not demo.registered:
        return 0
    rng = random.Random(demo.slug)
    logins = {name: what for name, what in demo.logins if name in context.users}
    pool = [
        user
        for name, user in context.users.items()
        if name not in logins and user.pk != event.organiser_id and not user.is_staff
    ]
    chosen = rng.sample(pool, k=min(len(pool), max(demo.registered - len(logins), 0)))
    # Demo logins with a seat come first; one who waits joins the end of the queue.
    people: list[tuple[User, str]] = [
        (context.users[name], what) for name, what in logins.items() if what != WAITLISTED
    ]
    people += [(user, "") for user in chosen]
    people += [(context.users[name], what) for name, what in logins.items() if what == WAITLISTED]

    questions = list(event.questions.all())
    past = event.ends_at < now
    keep_needs = now - event.ends_at < datetime.timedelta(days=NEEDS_RETENTION_DAYS)
    opened = event.published_at or now
    closed = min(event.starts_at, now, event.cancelled_at or now)
    window = max(closed - opened, datetime.timedelta(hours=1))
    capacity = demo.capacity if demo.capacity is not None else len(people)
    rows: list[Registration] = []
    feedback: list[tuple[int, int, str]] = []  # (row index, rating, comment)
    confirmed = 0
    for n, (user, what) in enumerate(people):
        queued = opened + window * (n + 1) / (len(people) + 1)
        row = Registration(
            event=event,
            user=user,
            answers=_answers(questions, rng, keep_needs),
            queued_at=queued,
            created_at=queued,
        )
        if demo.state == CANCELLED:
            row.status = RegistrationStatus.CANCELLED
            row.cancelled_at = event.cancelled_at
            row.cancelled_by_organiser = True
        elif not what and rng.random() < 0.08:
            row.status = RegistrationStatus.CANCELLED
            row.cancelled_at = queued + (closed - queued) / 2
        elif what != WAITLISTED and confirmed < capacity:
            row.status = RegistrationStatus.CONFIRMED
            confirmed += 1
        elif demo.waitlist and not past:
            row.status = RegistrationStatus.WAITLISTED
        else:
            continue
        if past and row.status == RegistrationStatus.CONFIRMED:
            row.reminded_day_at = event.starts_at - datetime.timedelta(days=1)
            row.reminded_hour_at = event.starts_at - datetime.timedelta(hours=1)
            if what in (ATTENDED, RATED) or (not what and rng.random() < 0.8):
                row.checked_in_at = event.starts_at + datetime.timedelta(
                    minutes=rng.randint(-20, 25)
                )
                row.checked_in_by = event.organiser
                row.feedback_requested_at = event.feedback_requested_at
                if demo.kind != EventKind.MEETING and (
                    what == RATED or (not what and rng.random() < 0.55)
                ):
                    rating = rng.choice((3, 4, 4, 4, 5, 5, 5))
                    comment = rng.choice(FEEDBACK_COMMENTS) if rng.random() < 0.5 else ""
                    feedback.append((len(rows), rating, comment))
        rows.append(row)
    Registration.objects.bulk_create(rows)
    EventFeedback.objects.bulk_create(
        [
            EventFeedback(
                registration=rows[index],
                rating=rating,
                comment=comment,
                created_at=(event.feedback_requested_at or now)
                + datetime.timedelta(hours=rng.randint(1, 72)),
            )
            for index, rating, comment in feedback
        ]
    )
    Event.objects.filter(pk=event.pk).update(
        confirmed_count=sum(row.status == RegistrationStatus.CONFIRMED for row in rows),
        waitlist_count=sum(row.status == RegistrationStatus.WAITLISTED for row in rows),
    )
    return len(rows)


def seed(log: Callable[[str], None]) -> None:
    context = _Context.load()
    now = timezone.now()
    created = registrations = 0
    postponed: list[str] = []
    for demo in EVENTS:
        if demo.slug in context.existing:
            continue
        if not context.ready(demo):
            postponed.append(demo.slug)
            continue
        event = _create(demo, context, now)
        registrations += _registrations(event, demo, context, now)
        created += 1
    log(
        f"eventi: {created} creati ({registrations} iscrizioni), "
        f"{len(context.existing)} già presenti"
    )
    if postponed:
        log(
            f"eventi: {len(postponed)} rimandati perché mancano comuni o persone "
            "dimostrative; esegui load_territories e di nuovo seed_demo"
        )
    seed_courses(log)


# --- courses (the "Scuola") --------------------------------------------------------------------
#
# Two courses of seed 002: the "Scuola di Alta Formazione" with selection (one edition
# running: about twenty applications scored by two reviewers and decided, sessions as
# events with check-ins, assignments with feedback, completions by the course's rule)
# and a short open course (one edition ended and completed, one open for enrolment).
# Rows are written as the services would leave them (no e-mail); each edition gets its
# private working area through ``course_services.cohort_area_ensure``. Idempotent: a
# course whose slug exists is left alone.


@dataclass(frozen=True)
class CourseSession:
    day: int  # days from the seed
    module: int  # index in the course's modules
    title: str
    kind: str = EventKind.TRAINING_DAY


@dataclass(frozen=True)
class CourseEdition:
    slug: str
    name: str
    starts: int  # days from the seed
    ends: int
    state: str
    capacity: int
    tutors: tuple[str, ...]
    sessions: tuple[CourseSession, ...]
    applicants: int = 0  # selection: how many apply (top ``admitted`` are admitted)
    admitted: int = 0
    enrolled: int = 0  # open enrolment: how many enrolled
    assignments: tuple[tuple[str, str, int], ...] = ()  # title, instructions, due day


@dataclass(frozen=True)
class DemoCourse:
    slug: str
    title: str
    summary: str
    description: tuple[str, ...]
    admission: str
    coordinator: str
    organisation: str
    themes: tuple[str, ...]
    audiences: tuple[str, ...]
    modules: tuple[tuple[str, str], ...]
    criteria: tuple[tuple[str, int], ...]
    editions: tuple[CourseEdition, ...]


SCHOOL_SLUG = "scuola-alta-formazione-co-progettazione"
TABLE_COURSE_SLUG = "facilitare-un-tavolo-di-co-progettazione"
COURSES = (
    DemoCourse(
        slug=SCHOOL_SLUG,
        title="Scuola di Alta Formazione sulla co-progettazione",
        summary=(
            "Un percorso formativo per dirigenti, amministratori pubblici e responsabili "
            "di organizzazioni del Terzo Settore che guidano processi di "
            "co-programmazione e co-progettazione."
        ),
        description=(
            "La Scuola accompagna chi ha responsabilità di governo dei processi "
            "collaborativi: dal quadro normativo dell'articolo 55 del Codice del Terzo "
            "Settore e del DM 72/2021 alla costruzione di un tavolo, fino alla "
            "valutazione d'impatto.",
            "Gli incontri alternano lezioni, studio di casi reali e lavoro di gruppo. "
            "Ogni edizione ha un'area di lavoro riservata per lo scambio tra pari e per "
            "avviare partenariati su obiettivi comuni.",
        ),
        admission="selection",
        coordinator="federica.sala",
        organisation="rete-italiana-partecipazione-civica",
        themes=("welfare-e-inclusione", "beni-comuni"),
        audiences=(PA, ETS),
        modules=(
            ("Il quadro normativo", "Articolo 55 del CTS, sentenza 131/2020, DM 72/2021."),
            ("Co-programmare", "Leggere i bisogni del territorio insieme agli enti."),
            ("Co-progettare", "Dal bando al tavolo: ruoli, regole, risorse condivise."),
            ("Valutare l'impatto", "Indicatori, rendicontazione e apprendimento."),
        ),
        criteria=(
            ("Esperienza nel ruolo", 3),
            ("Motivazione", 2),
            ("Ricaduta sul territorio", 1),
        ),
        editions=(
            CourseEdition(
                slug="edizione-2025",
                name="Edizione 2025",
                starts=-40,
                ends=50,
                state="running",
                capacity=14,
                tutors=("emanuele.santoro", "contributore"),
                applicants=20,
                admitted=12,
                sessions=(
                    CourseSession(-40, 0, "Il quadro normativo della co-progettazione"),
                    CourseSession(-26, 1, "Co-programmare: leggere i bisogni insieme"),
                    CourseSession(-12, 1, "Laboratorio: la mappa degli attori", EventKind.WORKSHOP),
                    CourseSession(2, 2, "Co-progettare: dal bando al tavolo"),
                    CourseSession(
                        16, 2, "Studio di casi: tre tavoli a confronto", EventKind.WEBINAR
                    ),
                    CourseSession(44, 3, "Valutare l'impatto dei partenariati"),
                ),
                assignments=(
                    (
                        "Mappa degli attori del tuo territorio",
                        "Disegna la mappa degli enti pubblici e del Terzo Settore coinvolti "
                        "in un servizio del tuo territorio e indica chi manca al tavolo.",
                        -5,
                    ),
                    (
                        "Proposta di avviso di co-progettazione",
                        "Scrivi in due pagine l'ossatura di un avviso di co-progettazione: "
                        "oggetto, risorse condivise, regole del tavolo.",
                        20,
                    ),
                ),
            ),
        ),
    ),
    DemoCourse(
        slug=TABLE_COURSE_SLUG,
        title="Facilitare un tavolo di co-progettazione",
        summary=(
            "Tre incontri pratici per chi conduce tavoli tra enti e associazioni: "
            "preparare, condurre e chiudere un incontro che decide."
        ),
        description=(
            "Un percorso breve e pratico, aperto a chi facilita o vuole facilitare "
            "tavoli di co-progettazione: strumenti, esercitazioni e simulazioni.",
        ),
        admission="open",
        coordinator="contributore",
        organisation="quartieri-in-rete-aps",
        themes=("beni-comuni", "rigenerazione-urbana"),
        audiences=(FACILITATORS, ETS, CITIZENS),
        modules=(
            ("Preparare il tavolo", "Chi invitare, l'ordine del giorno, le regole."),
            ("Condurre l'incontro", "Tecniche di facilitazione e gestione dei conflitti."),
            ("Chiudere e restituire", "Decisioni, verbale, restituzione pubblica."),
        ),
        criteria=(),
        editions=(
            CourseEdition(
                slug="primavera",
                name="Edizione di primavera",
                starts=-120,
                ends=-92,
                state="closed",
                capacity=20,
                tutors=("paolo.greco",),
                enrolled=14,
                sessions=(
                    CourseSession(-120, 0, "Preparare un tavolo di co-progettazione", WORKSHOP),
                    CourseSession(
                        -106, 1, "Condurre l'incontro: tecniche di facilitazione", WORKSHOP
                    ),
                    CourseSession(-92, 2, "Chiudere e restituire le decisioni", WORKSHOP),
                ),
            ),
            CourseEdition(
                slug="autunno",
                name="Edizione d'autunno",
                starts=30,
                ends=58,
                state="open",
                capacity=20,
                tutors=("paolo.greco", "valentina.romano"),
                enrolled=6,
                sessions=(
                    CourseSession(30, 0, "Preparare un tavolo: chi invitare e perché", WORKSHOP),
                    CourseSession(44, 1, "Condurre l'incontro che decide", WORKSHOP),
                    CourseSession(58, 2, "Restituire le decisioni al territorio", WORKSHOP),
                ),
            ),
        ),
    ),
)

MOTIVATIONS = (
    "Coordino l'ufficio di piano di un ambito sociale e dobbiamo avviare il primo "
    "avviso di co-progettazione: vorrei farlo con metodo.",
    "Sono presidente di una cooperativa sociale che partecipa a molti tavoli: vorrei "
    "imparare a proporre e non solo a rispondere.",
    "Lavoro nel settore politiche giovanili del mio comune e cerco strumenti per "
    "coinvolgere le associazioni fin dalla programmazione.",
    "Dirigo una fondazione di comunità e vorrei costruire partenariati più stabili con "
    "gli enti locali del territorio.",
    "Come assessora ai servizi sociali voglio capire come cambiano le procedure dopo il "
    "DM 72/2021 e come spiegarle alla mia giunta.",
)
SUBMISSION_TEXTS = (
    "Nel nostro distretto il servizio di assistenza domiciliare coinvolge il Comune, "
    "l'ASL, due cooperative e un'associazione di volontariato; mancano al tavolo i "
    "medici di base e i rappresentanti dei familiari.",
    "La mappa mostra una rete fitta nel capoluogo e quasi assente nei comuni montani: "
    "proponiamo un tavolo itinerante tra le sedi delle unioni dei comuni.",
)
FEEDBACKS = (
    "Mappa chiara e ben argomentata. Prova a indicare anche le risorse che ciascun "
    "attore può mettere in comune.",
    "Buona analisi: manca il ruolo degli enti del Terzo Settore più piccoli, che spesso "
    "restano fuori dai tavoli.",
)


def _course_people(names: tuple[str, ...], users: dict[str, User]) -> list[User]:
    return [users[name] for name in names if name in users]


def _session_event(
    course: "Any",
    cohort: "Any",
    session: CourseSession,
    modules: list["Any"],
    *,
    cover: Any,
    organiser: User,
    themes: list[Theme],
    today: datetime.date,
    now: datetime.datetime,
) -> Event:
    starts = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=session.day), datetime.time(14))
    )
    ends = starts + datetime.timedelta(hours=3)
    slug = f"{course.slug[:60]}-{cohort.slug}-{session.day + 1000}"
    created = min(starts - datetime.timedelta(days=30), now - datetime.timedelta(days=2))
    event = Event(
        slug=slug,
        title=session.title,
        summary=f"Incontro del percorso «{course.title}» ({cohort.name}).",
        kind=session.kind,
        format=ONLINE,
        starts_at=starts,
        ends_at=ends,
        online_url=f"https://videoconferenza.example.org/{slug}",
        online_instructions=ONLINE_INSTRUCTIONS,
        organisation=course.organisation,
        organiser=organiser,
        cover=cover,
        state=PUBLISHED,
        published_at=created + datetime.timedelta(days=1),
        registration_required=True,
        waitlist_enabled=False,
        feedback_requested_at=ends + datetime.timedelta(days=1) if ends < now else None,
        created_at=created,
        cohort=cohort,
        module=modules[session.module],
        for_public_bodies=course.for_public_bodies,
        for_third_sector=course.for_third_sector,
        for_citizens=course.for_citizens,
        for_facilitators=course.for_facilitators,
        themes=themes,
    )
    event.save()
    return event


def _seed_course(demo: DemoCourse, context: _Context, now: datetime.datetime) -> dict[str, int]:
    from .course_services import (
        _area_add,
        attendance,
        cohort_area_ensure,
        meets_attendance,
        score_total,
    )
    from .models import (
        Application,
        ApplicationCriterion,
        ApplicationScore,
        ApplicationStatus,
        Assignment,
        Cohort,
        Course,
        CourseModule,
        Enrolment,
        EnrolmentState,
        Submission,
    )

    rng = random.Random(demo.slug)
    today = timezone.localdate(now)
    users = context.users
    coordinator = users[demo.coordinator]
    themes = [context.themes[slug] for slug in demo.themes if slug in context.themes]
    organisation = Organisation.objects.filter(slug=demo.organisation).first()
    course = Course(
        slug=demo.slug,
        title=demo.title,
        summary=demo.summary,
        description="\n\n".join(demo.description),
        organisation=organisation,
        coordinator=coordinator,
        admission=demo.admission,
        state="published",
        created_at=now - datetime.timedelta(days=150),
        **{AUDIENCES[slug][0]: True for slug in demo.audiences},
    )
    course.save()
    course.themes.set(themes)
    modules = []
    for n, (title, description) in enumerate(demo.modules):
        module = CourseModule.objects.create(
            course=course, title=title, description=description, sort_order=n
        )
        materials = list(
            ResourcePage.objects.live()
            .public()
            .filter(themes__slug__in=demo.themes)
            .distinct()
            .order_by("-publication_date", "pk")[n : n + 2]
        )
        module.materials.set(materials)
        modules.append(module)
    criteria = [
        ApplicationCriterion.objects.create(
            course=course, name=name, weight=weight, max_score=10, sort_order=n
        )
        for n, (name, weight) in enumerate(demo.criteria)
    ]
    cover = _cover(
        Demo(
            slug=f"percorso-{demo.slug}"[:120],
            title=demo.title,
            summary="",
            description=(),
            kind=TRAINING,
            format=ONLINE,
            day=0,
            start=(14, 0),
            minutes=180,
            organiser=demo.coordinator,
            themes=demo.themes,
        )
    )
    counts = {"applications": 0, "enrolments": 0, "sessions": 0, "completed": 0}
    staff_like = {user.pk for user in users.values() if user.is_staff}
    for edition in demo.editions:
        tutors = _course_people(edition.tutors, users)
        cohort = Cohort.objects.create(
            course=course,
            slug=edition.slug,
            name=edition.name,
            starts_on=today + datetime.timedelta(days=edition.starts),
            ends_on=today + datetime.timedelta(days=edition.ends),
            capacity=edition.capacity,
            applications_open_at=timezone.make_aware(
                datetime.datetime.combine(
                    today + datetime.timedelta(days=min(edition.starts - 45, -10)),
                    datetime.time(9),
                )
            ),
            applications_close_at=timezone.make_aware(
                datetime.datetime.combine(
                    today + datetime.timedelta(days=edition.starts - 3), datetime.time(18)
                )
            ),
            state=edition.state,
            created_at=now - datetime.timedelta(days=max(60 - edition.starts, 60)),
        )
        cohort.tutors.set(tutors)
        cohort_area_ensure(cohort=cohort)
        sessions = [
            _session_event(
                course,
                cohort,
                session,
                modules,
                cover=cover,
                organiser=coordinator,
                themes=themes,
                today=today,
                now=now,
            )
            for session in edition.sessions
        ]
        counts["sessions"] += len(sessions)
        taken = {coordinator.pk, *(tutor.pk for tutor in tutors)} | staff_like
        pool = [
            user
            for name, user in users.items()
            if user.pk not in taken and name != "partecipante" and user.joined_at
        ]
        wanted = edition.applicants or edition.enrolled
        people = rng.sample(pool, k=min(len(pool), max(wanted - 1, 0)))
        if "partecipante" in users and edition.state != "closed":
            people.insert(0, users["partecipante"])  # the demo login takes part
        enrolled: list[User] = []
        if edition.applicants:
            opened = cohort.applications_open_at or now
            reviewers = tutors[:2]
            applications = []
            for n, person in enumerate(people):
                application = Application.objects.create(
                    cohort=cohort,
                    applicant=person,
                    motivation=rng.choice(MOTIVATIONS),
                    submitted_at=opened + datetime.timedelta(days=1 + n),
                )
                for criterion in criteria:
                    for reviewer in reviewers:
                        base = 9 if person == users.get("partecipante") else rng.randint(4, 9)
                        ApplicationScore.objects.create(
                            application=application,
                            criterion=criterion,
                            reviewer=reviewer,
                            score=min(10, max(0, base + rng.randint(-1, 1))),
                        )
                application.score_total = score_total(application)
                application.save(update_fields=["score_total"])
                applications.append(application)
            ranking = sorted(applications, key=lambda item: (-(item.score_total or 0), item.pk))
            decided_at = timezone.make_aware(
                datetime.datetime.combine(
                    today + datetime.timedelta(days=edition.starts - 2), datetime.time(12)
                )
            )
            for position, application in enumerate(ranking):
                if position < edition.admitted:
                    status = ApplicationStatus.ADMITTED
                elif position < edition.admitted + 4:
                    status = ApplicationStatus.WAITLISTED
                else:
                    status = ApplicationStatus.REFUSED
                application.status = status
                application.decided_by = coordinator
                application.decided_at = decided_at
                application.decision_note = (
                    "Ti aspettiamo al primo incontro."
                    if status == ApplicationStatus.ADMITTED
                    else ""
                )
                application.save(
                    update_fields=["status", "decided_by", "decided_at", "decision_note"]
                )
                if status == ApplicationStatus.ADMITTED:
                    enrolled.append(application.applicant)
            counts["applications"] += len(applications)
        else:
            enrolled = people[: edition.enrolled]
        enrolments = []
        for n, person in enumerate(enrolled):
            admission = (
                Application.objects.filter(cohort=cohort, applicant=person).first()
                if edition.applicants
                else None
            )
            enrolments.append(
                Enrolment.objects.create(
                    cohort=cohort,
                    user=person,
                    application=admission,
                    created_at=now - datetime.timedelta(days=max(5, -edition.starts + 5 - n)),
                )
            )
            _area_add(cohort, person)
        counts["enrolments"] += len(enrolments)
        # Every enrolled person is registered to every session; past ones with check-ins.
        for event in sessions:
            past = event.ends_at < now
            rows = []
            for enrolment in enrolments:
                row = Registration(
                    event=event,
                    user=enrolment.user,
                    status=RegistrationStatus.CONFIRMED,
                    queued_at=enrolment.created_at,
                    created_at=enrolment.created_at,
                )
                if past:
                    row.reminded_day_at = event.starts_at - datetime.timedelta(days=1)
                    row.reminded_hour_at = event.starts_at - datetime.timedelta(hours=1)
                    if enrolment.user == users.get("partecipante") or rng.random() < 0.8:
                        row.checked_in_at = event.starts_at + datetime.timedelta(
                            minutes=rng.randint(-10, 15)
                        )
                        row.checked_in_by = coordinator
                        row.feedback_requested_at = event.feedback_requested_at
                rows.append(row)
            Registration.objects.bulk_create(rows)
            Event.objects.filter(pk=event.pk).update(confirmed_count=len(rows))
        for title, instructions, due in edition.assignments:
            due_at = timezone.make_aware(
                datetime.datetime.combine(today + datetime.timedelta(days=due), datetime.time(23))
            )
            assignment = Assignment.objects.create(
                cohort=cohort,
                module=modules[min(len(modules) - 1, 1 if due < 0 else 2)],
                title=title,
                instructions=instructions,
                due_at=due_at,
            )
            for enrolment in enrolments:
                if due < 0 and rng.random() < 0.85:
                    reviewed = rng.random() < 0.8
                    Submission.objects.create(
                        assignment=assignment,
                        enrolment=enrolment,
                        text=rng.choice(SUBMISSION_TEXTS),
                        submitted_at=due_at - datetime.timedelta(days=rng.randint(1, 4)),
                        feedback=rng.choice(FEEDBACKS) if reviewed else "",
                        feedback_by=tutors[0] if reviewed and tutors else None,
                        feedback_at=due_at + datetime.timedelta(days=2) if reviewed else None,
                        accepted=reviewed,
                    )
                elif due >= 0 and rng.random() < 0.25:
                    Submission.objects.create(
                        assignment=assignment,
                        enrolment=enrolment,
                        text=rng.choice(SUBMISSION_TEXTS),
                        submitted_at=now - datetime.timedelta(days=1),
                    )
        # Completions by the course's rule, as ``completion_check`` would have left them.
        for enrolment in enrolments:
            attended, held = attendance(enrolment, now)
            if meets_attendance(attended, held, course.completion_attendance):
                enrolment.state = EnrolmentState.COMPLETED
                enrolment.completed_at = min(now, sessions[-1].ends_at + datetime.timedelta(days=1))
                enrolment.save(update_fields=["state", "completed_at"])
                counts["completed"] += 1
        Cohort.objects.filter(pk=cohort.pk).update(
            enrolled_count=len(enrolments),
            applications_count=Application.objects.filter(cohort=cohort).count(),
        )
    return counts


def seed_courses(log: Callable[[str], None]) -> None:
    from .models import Course

    context = _Context.load()
    now = timezone.now()
    existing = set(
        Course.objects.filter(slug__in=[c.slug for c in COURSES]).values_list("slug", flat=True)
    )
    created: list[str] = []
    totals = {"applications": 0, "enrolments": 0, "sessions": 0, "completed": 0}
    for demo in COURSES:
        if demo.slug in existing or demo.coordinator not in context.users:
            continue
        counts = _seed_course(demo, context, now)
        created.append(demo.slug)
        totals = {key: totals[key] + counts[key] for key in totals}
    log(
        f"percorsi: {len(created)} creati ({totals['sessions']} incontri, "
        f"{totals['applications']} candidature, {totals['enrolments']} iscrizioni, "
        f"{totals['completed']} completati), {len(existing)} già presenti"
    )
