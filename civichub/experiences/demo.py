"""Demo experiences: a believable catalogue spread over the whole country.

Every experience is invented, inspired by kinds of practice common in Italy (bilanci
partecipativi, patti di collaborazione, co-progettazione art. 55 CTS, assemblee
cittadine, percorsi under regional participation laws...). Places, laws and public
bodies are real; people, figures, quotes, addresses and contacts are fictitious.

Idempotent: experiences are looked up by slug. One whose comuni, province, region or
author is missing (tests load two regions only) is postponed to a later run, after
``load_territories``; links to it are added when it appears.
"""

import datetime
import hashlib
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.base import ContentFile
from django.db.models import Count, Q
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import Revision
from wagtail.search import index as search_index

from civichub.accounts.models import Role, User
from civichub.core.html import sanitise_html
from civichub.core.images import illustration
from civichub.notifications.models import Follow
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import IAP2Level, ParticipatoryMethod, TargetGroup, Theme
from civichub.territories.models import Municipality, Province, Region, Scale

from .models import (
    Experience,
    ExperienceCoauthor,
    ExperienceDocument,
    ExperienceFeedback,
    ExperienceImage,
    ExperienceLink,
    ExperienceOrganisation,
    ExperienceReview,
    Recruitment,
    ReviewAction,
    State,
    Status,
    Testimonial,
)
from .services import experience_refresh_derived

DOMAIN = "@civichub.example"
REVIEWERS = ("promotore", "staff")  # the first who is not the author approves
IMAGE_SIZE = (1200, 675)
DISCLAIMER = "Documento dimostrativo generato da Civic Hub: persone, dati e contatti sono fittizi."

PROMOTER, PARTNER, FUNDER, FACILITATOR = "promoter", "partner", "funder", "facilitator"
N, M, IM, PV, RG, NA, INT = (
    Scale.NEIGHBOURHOOD,
    Scale.MUNICIPAL,
    Scale.INTER_MUNICIPAL,
    Scale.PROVINCIAL,
    Scale.REGIONAL,
    Scale.NATIONAL,
    Scale.INTERNATIONAL,
)
PLANNED, ONGOING, CONCLUDED = Status.PLANNED, Status.ONGOING, Status.CONCLUDED


@dataclass(frozen=True)
class Quote:
    text: str
    name: str
    role: str
    organisation: str = ""


@dataclass(frozen=True)
class English:
    title: str
    summary: str
    narrative: tuple[str, ...]
    outcomes: str
    lessons: str
    quotes: tuple[str, ...]  # in the order of the Italian quotes


@dataclass(frozen=True)
class Demo:
    slug: str
    title: str
    summary: str
    narrative: tuple[str, ...]
    author: str  # local part of a demo e-mail
    scale: str
    status: str
    themes: tuple[str, ...]
    organisations: tuple[tuple[str, str], ...]  # (slug, role)
    start: str = ""  # ISO date; planned experiences use ``starts_in``
    end: str = ""
    starts_in: int = 0  # days from the seed, for planned experiences
    places: tuple[str, ...] = ()  # ISTAT codes of comuni
    province: str = ""
    region: str = ""
    point: tuple[float, float] | None = None  # inside a city, for neighbourhoods
    methods: tuple[str, ...] = ()
    iap2: str = ""
    targets: tuple[str, ...] = ()
    participants: int | None = None
    recruitment: str = ""
    recruitment_notes: str = ""
    budget: str = ""
    funding: str = ""
    outcomes: str = ""
    evidence: str = ""
    lessons: str = ""
    replicability: str = ""
    quotes: tuple[Quote, ...] = ()
    contact: tuple[str, str] = ("", "")  # name, e-mail
    website: str = ""
    links: tuple[tuple[str, str], ...] = ()
    video: tuple[str, str] | None = None
    images: int = 1
    evaluation: bool = False
    report: str = ""  # who wrote the evaluation report (a PDF is generated)
    document: str = ""  # title of an attached PDF
    days_ago: int = 30  # last workflow step: publication, submission or review
    state: str = State.PUBLISHED
    review: str = ""  # reviewer's comment for changes requested or rejected
    related: tuple[str, ...] = ()
    replicates: str = ""
    coauthors: tuple[tuple[str, bool], ...] = ()  # (local part, accepted)
    english: English | None = None


def pdf(title: str, lines: Iterable[str]) -> bytes:
    """A small valid PDF built by hand, no library needed: one A4 page of Helvetica text,
    about fifty lines, enough for the short demo reports. Text is encoded in WinAnsi,
    which covers Italian accented letters."""

    def text(value: str) -> bytes:
        raw = value.encode("cp1252", errors="replace")
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    rows = [b"BT /F1 16 Tf 56 780 Td " + text(title) + b" Tj ET"]
    y = 750
    for line in _wrap(lines, 95):
        rows.append(b"BT /F1 10 Tf 56 %d Td " % y + text(line) + b" Tj ET")
        y -= 14
    stream = b"\n".join(rows)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _wrap(paragraphs: Iterable[str], width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in paragraphs:
        current = ""
        for word in paragraph.split():
            if current and len(current) + 1 + len(word) > width:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        lines += [current, ""]
    return lines


EXPERIENCES: tuple[Demo, ...] = (
    # --- Emilia-Romagna ----------------------------------------------------------------
    Demo(
        slug="bilancio-partecipativo-quartiere-navile",
        title="Bilancio partecipativo nel quartiere Navile",
        summary="Abitanti, scuole e associazioni del Navile hanno proposto, discusso e votato i progetti su cui investire 300.000 euro del bilancio comunale: tre sono stati realizzati entro un anno dal voto.",
        narrative=(
            "Il Navile è il quartiere più popoloso di Bologna e mette insieme zone molto diverse: la Bolognina, Corticella, Lame. L'edizione del bilancio partecipativo raccontata qui ha destinato al quartiere 300.000 euro di spesa per investimenti, da assegnare a progetti proposti e scelti dagli abitanti.",
            "Nella prima fase i laboratori di zona, organizzati come world café in biblioteche, centri sociali e scuole, hanno raccolto 84 proposte. I tecnici comunali ne hanno verificato la fattibilità insieme ai proponenti, che hanno potuto riformularle invece di vederle semplicemente escluse: dodici progetti sono arrivati al voto.",
            "Hanno votato 2.140 persone dai 16 anni in su, online e ai seggi allestiti nei mercati rionali e davanti alle scuole. Hanno vinto la trasformazione di un giardino della Bolognina in spazio gioco inclusivo, una rete di depositi bici coperti vicino alle scuole e l'illuminazione di un sottopasso pedonale verso la stazione.",
        ),
        author="contributore",
        scale=N,
        status=CONCLUDED,
        start="2023-09-15",
        end="2024-05-31",
        places=("037006",),
        point=(44.5155, 11.3441),
        themes=("rigenerazione-urbana", "beni-comuni", "mobilita"),
        methods=("bilancio-partecipativo", "world-cafe"),
        iap2="potenziare",
        targets=("cittadinanza", "famiglie", "giovani"),
        participants=2140,
        recruitment=Recruitment.OPEN,
        recruitment_notes="Voto aperto a chi vive, studia o lavora nel quartiere dai 16 anni in su; seggi mobili nei mercati e all'uscita delle scuole.",
        budget="150k-500k",
        funding="Bilancio comunale, spesa per investimenti",
        outcomes="Tre progetti finanziati e realizzati entro dodici mesi dal voto. Delle 84 proposte raccolte, il 40% è arrivato da persone che non avevano mai partecipato a un'iniziativa del quartiere. Due gruppi di proponenti non vincitori hanno poi firmato un patto di collaborazione per realizzare parte delle loro idee.",
        evidence="Delibera di giunta sui progetti vincitori; verbali dei laboratori di zona; dati di voto per fascia d'età e zona pubblicati in formato aperto; rapporto di valutazione indipendente.",
        lessons="I seggi nei mercati e davanti alle scuole hanno portato al voto molte più persone della piattaforma online, soprattutto donne di origine straniera e anziani. La co-progettazione con i tecnici è stata decisiva: le proposte riformulate insieme erano più realistiche e nessuno si è sentito escluso senza spiegazioni. Il punto debole è stato il tempo tra voto e cantiere, da raccontare meglio.",
        replicability="Replicabile in qualunque comune con un ufficio tecnico disposto a verificare le proposte insieme ai cittadini. Servono un regolamento che fissi la quota di bilancio, un calendario pubblico delle fasi e l'impegno scritto a rendere conto della realizzazione.",
        quotes=(
            Quote(
                "Pensavo che il bilancio partecipativo fosse una cosa per chi ha tempo. Ho votato al mercato del sabato e ora i miei figli giocano nel giardino che abbiamo scelto.",
                "Samira El Idrissi",
                "Abitante della Bolognina",
            ),
            Quote(
                "Riformulare la proposta con i tecnici è stato faticoso ma utile: la nostra idea di deposito bici è diventata un progetto vero, con un costo e un cantiere.",
                "Davide Lolli",
                "Proponente",
                "Comitato genitori di una scuola primaria",
            ),
            Quote(
                "La sfida per l'amministrazione è rendere conto: ogni sei mesi pubblichiamo lo stato di avanzamento di ciascun progetto votato.",
                "Paola Guidi",
                "Ufficio partecipazione",
                "Comune di Bologna",
            ),
        ),
        organisations=(("comune-di-bologna", PROMOTER), ("quartieri-in-rete-aps", FACILITATOR)),
        contact=("Paola Guidi", "partecipazione@comune-di-bologna.example.org"),
        website="https://partecipa.comune-di-bologna.example.org/bilancio-navile",
        links=(
            (
                "Risultati del voto e stato dei progetti",
                "https://partecipa.comune-di-bologna.example.org/bilancio-navile/risultati",
            ),
        ),
        video=("Il racconto dei laboratori di zona", "https://video.example.org/bilancio-navile"),
        images=2,
        evaluation=True,
        report="Quartieri in Rete APS",
        days_ago=610,
        related=(
            "patto-collaborazione-giardini-pratello",
            "laboratorio-quartiere-borgo-panigale-reno",
        ),
        english=English(
            title="Participatory budgeting in the Navile neighbourhood",
            summary="Residents, schools and associations in Navile proposed, discussed and voted on the projects for 300,000 euros of the city budget: three were built within a year of the vote.",
            narrative=(
                "Navile is the most populous neighbourhood of Bologna and brings together very different areas: Bolognina, Corticella, Lame. This edition of participatory budgeting gave the neighbourhood 300,000 euros of capital spending, to be allocated to projects proposed and chosen by residents.",
                "In the first phase, area workshops run as world cafés in libraries, community centres and schools collected 84 proposals. City officers checked their feasibility together with the proponents, who could reshape them instead of simply seeing them excluded: twelve projects went to the vote.",
                "2,140 people aged 16 and over voted, online and at polling stations set up in local markets and outside schools. The winners were an inclusive playground in a Bolognina garden, covered bike shelters near schools and lighting for a pedestrian underpass towards the station.",
            ),
            outcomes="Three projects funded and built within twelve months of the vote. Of the 84 proposals, 40% came from people who had never taken part in a neighbourhood initiative. Two groups whose proposals did not win later signed a collaboration pact to carry out part of their ideas themselves.",
            lessons="Polling stations at markets and schools brought many more people to vote than the online platform, especially women of foreign origin and older people. Co-design with the city's officers was decisive: proposals reshaped together were more realistic and nobody felt excluded without an explanation. The weak point was the time between vote and building site, which needed better communication.",
            quotes=(
                "I thought participatory budgeting was for people with time on their hands. I voted at the Saturday market and now my children play in the garden we chose.",
                "Reshaping our proposal with the officers was hard work but useful: our bike shelter idea became a real project, with a cost and a building site.",
                "The challenge for the administration is accountability: every six months we publish the progress of each project that was voted.",
            ),
        ),
    ),
    Demo(
        slug="patto-collaborazione-giardini-pratello",
        title="Un patto di collaborazione per i giardini del Pratello",
        summary="Residenti, commercianti e un'associazione di quartiere curano due giardini pubblici del centro storico di Bologna con un patto di collaborazione: manutenzione leggera, aperture serali e un calendario di attività per bambini.",
        narrative=(
            "I due piccoli giardini tra via del Pratello e le mura erano diventati luoghi di passaggio, poco curati e poco frequentati dalle famiglie. Un gruppo di residenti ha chiesto al Comune di potersene occupare, usando lo strumento previsto dal regolamento sulla collaborazione per la cura dei beni comuni urbani.",
            "Dopo due passeggiate di quartiere con i tecnici del verde e un laboratorio di co-progettazione aperto a tutti, è stato firmato un patto di collaborazione complesso: i cittadini curano aiuole e arredi, il Comune fornisce attrezzi, formazione sulla sicurezza e copertura assicurativa, l'associazione coordina i volontari e il calendario.",
        ),
        author="contributore",
        scale=N,
        status=ONGOING,
        start="2024-03-01",
        places=("037006",),
        point=(44.4947, 11.3318),
        themes=("beni-comuni", "rigenerazione-urbana"),
        methods=("passeggiata-di-quartiere", "laboratorio-di-co-progettazione"),
        iap2="collaborare",
        targets=("cittadinanza", "famiglie", "imprese"),
        participants=65,
        recruitment=Recruitment.OPEN,
        recruitment_notes="Inviti porta a porta, locandine nei negozi e un gruppo di messaggistica del quartiere.",
        budget="lt5k",
        funding="Comune di Bologna (materiali e assicurazione); autofinanziamento dei residenti",
        outcomes="Giardini aperti e curati da due anni; quaranta volontari attivi a rotazione; venti appuntamenti all'anno per bambini e famiglie. Le segnalazioni di degrado al Comune sono calate sensibilmente.",
        evidence="Testo del patto pubblicato sul sito del Comune; registro delle attività; rapporto annuale del patto.",
        lessons="Il patto funziona quando i compiti sono chiari e piccoli: meglio un'ora a settimana garantita che grandi giornate occasionali. La presenza dei commercianti ha aiutato a tenere aperti i giardini la sera.",
        replicability="Richiede un regolamento per l'amministrazione condivisa dei beni comuni e un ufficio che accompagni i cittadini nella stesura del patto. Facile da replicare in altri spazi verdi di piccole dimensioni.",
        quotes=(
            Quote(
                "Prima attraversavo il giardino di corsa, ora ci passo il tempo. E conosco i miei vicini per nome.",
                "Anna Neri",
                "Volontaria del patto",
            ),
            Quote(
                "Il patto ci ha dato un modo semplice per fare la nostra parte, senza aspettare che qualcuno lo facesse al posto nostro.",
                "Marco Tinti",
                "Titolare di una libreria del Pratello",
            ),
        ),
        organisations=(("comune-di-bologna", PROMOTER), ("quartieri-in-rete-aps", PARTNER)),
        contact=("Chiara Esposito", "patti@quartieri-in-rete-aps.example.org"),
        days_ago=480,
        related=("bilancio-partecipativo-quartiere-navile",),
        coauthors=(("giorgio.ferri", True),),
    ),
    Demo(
        slug="laboratorio-quartiere-borgo-panigale-reno",
        title="Laboratorio di quartiere a Borgo Panigale-Reno: scuole e cortili aperti",
        summary="Un laboratorio di quartiere ha riunito genitori, insegnanti e associazioni per aprire i cortili scolastici il pomeriggio e rendere più sicuri i percorsi casa-scuola.",
        narrative=(
            "Il laboratorio è nato dalla richiesta di un gruppo di genitori: i cortili delle scuole restavano chiusi dopo le lezioni, mentre nel quartiere mancavano spazi gioco sicuri. Il Comune ha avviato un percorso di ascolto con scuole, associazioni sportive e abitanti, facilitato da un'associazione di promozione sociale.",
            "In sei incontri, alternati a sopralluoghi nei cortili e lungo i percorsi casa-scuola, i partecipanti hanno mappato ostacoli e opportunità e scritto insieme un regolamento d'uso pomeridiano dei cortili. Due scuole lo hanno sperimentato dall'anno scolastico successivo, con i genitori come custodi volontari.",
        ),
        author="contributore",
        scale=N,
        status=CONCLUDED,
        start="2023-01-20",
        end="2023-10-31",
        places=("037006",),
        point=(44.5128, 11.2853),
        themes=("educazione", "mobilita", "giovani"),
        methods=("laboratorio-di-co-progettazione", "passeggiata-di-quartiere"),
        iap2="coinvolgere",
        targets=("famiglie", "bambini-e-ragazzi", "associazioni"),
        participants=120,
        recruitment=Recruitment.MIXED,
        recruitment_notes="Inviti attraverso le scuole e incontri aperti nel centro civico del quartiere.",
        budget="5k-20k",
        funding="Quartiere Borgo Panigale-Reno",
        outcomes="Due cortili scolastici aperti tre pomeriggi a settimana; un pedibus attivo su due linee; un regolamento d'uso dei cortili adottato dal Quartiere.",
        evidence="Regolamento d'uso approvato dal consiglio di quartiere; registro delle presenze pomeridiane.",
        lessons="Coinvolgere i dirigenti scolastici dall'inizio è indispensabile: la questione della responsabilità sugli spazi va risolta prima di parlare di attività.",
        replicability="Adatto a quartieri con scuole primarie dotate di cortile; serve un accordo scritto tra Comune, scuola e genitori volontari.",
        quotes=(
            Quote(
                "Il cortile era lì, a cento metri da casa, e per anni l'abbiamo guardato attraverso il cancello.",
                "Marta Giordano",
                "Genitrice",
            ),
        ),
        organisations=(
            ("comune-di-bologna", PROMOTER),
            ("genitori-di-borgo-panigale", PARTNER),
            ("quartieri-in-rete-aps", FACILITATOR),
        ),
        contact=("Chiara Esposito", "laboratori@quartieri-in-rete-aps.example.org"),
        days_ago=700,
    ),
    Demo(
        slug="assemblea-cittadina-clima-reggio-emilia",
        title="Assemblea cittadina sul clima di Reggio Emilia",
        summary="Sessanta cittadine e cittadini estratti a sorte hanno lavorato per cinque fine settimana sulle azioni per ridurre le emissioni della città, consegnando al Consiglio comunale 32 raccomandazioni.",
        narrative=(
            "Il Comune ha affidato a un'assemblea di cittadini estratti a sorte una domanda precisa: come può Reggio Emilia ridurre le proprie emissioni del 55% entro il 2030 in modo equo? Il sorteggio, stratificato per età, genere, titolo di studio e zona di residenza, ha composto un gruppo simile alla popolazione della città.",
            "Nei primi due fine settimana i partecipanti hanno ascoltato esperti di energia, mobilità e agricoltura, insieme a rappresentanti di imprese, sindacati e associazioni ambientaliste. Nei tre successivi hanno discusso in piccoli gruppi facilitati e votato le raccomandazioni, ciascuna con la percentuale di consenso raggiunta.",
            "Il Consiglio comunale ha discusso le raccomandazioni in una seduta dedicata e ha risposto per iscritto a ciascuna, indicando quali sarebbero entrate nel Piano d'azione per l'energia sostenibile e il clima e quali no, con le motivazioni.",
        ),
        author="federica.sala",
        scale=M,
        status=CONCLUDED,
        start="2024-09-01",
        end="2025-02-28",
        places=("035033",),
        themes=("transizione-ecologica", "mobilita"),
        methods=("assemblea-di-cittadini",),
        iap2="collaborare",
        targets=("cittadinanza",),
        participants=60,
        recruitment=Recruitment.STRATIFIED,
        recruitment_notes="Lettere di invito a 6.000 residenti estratti dall'anagrafe; tra i 640 disponibili, sorteggio stratificato. Rimborso spese e servizio di babysitting per garantire la presenza di tutti.",
        budget="50k-150k",
        funding="Comune di Reggio Emilia; contributo della Regione Emilia-Romagna (L.R. 15/2018)",
        outcomes="32 raccomandazioni approvate con un consenso medio dell'84%; 21 accolte nel piano per il clima, tra cui una rete di comunità energetiche nei quartieri e il potenziamento del trasporto pubblico serale. Il 91% dei partecipanti si dichiara disposto a ripetere l'esperienza.",
        evidence="Rapporto finale dell'assemblea; risposta scritta del Consiglio comunale; questionari ai partecipanti prima e dopo il percorso; rapporto di valutazione indipendente.",
        lessons="La risposta scritta del Consiglio, raccomandazione per raccomandazione, è stata la parte più apprezzata: ha reso visibile che cosa è cambiato grazie all'assemblea. Il rimborso e la cura dei figli hanno permesso di partecipare a persone che di solito restano fuori.",
        replicability="Richiede un mandato politico chiaro e l'impegno a rispondere pubblicamente, un comitato di garanzia indipendente per il materiale informativo e un budget per sorteggio, rimborsi e facilitazione professionale.",
        quotes=(
            Quote(
                "Non sapevo niente di comunità energetiche. Dopo cinque fine settimana ne ho spiegato il funzionamento ai miei colleghi in pausa pranzo.",
                "Graziella Bonini",
                "Componente dell'assemblea, operaia",
            ),
            Quote(
                "Abbiamo discusso con persone lontanissime da noi e alla fine abbiamo votato insieme proposte concrete. Non me lo aspettavo.",
                "Youssef Amrani",
                "Componente dell'assemblea, studente",
            ),
            Quote(
                "Il valore sta nella risposta: ogni raccomandazione ha avuto un sì o un no motivato dal Consiglio.",
                "Elena Ferretti",
                "Coordinatrice del comitato di garanzia",
            ),
        ),
        organisations=(
            ("comune-di-reggio-emilia", PROMOTER),
            ("partecipa-lab-srl", FACILITATOR),
            ("laboratorio-studi-partecipazione-urbino", PARTNER),
            ("regione-emilia-romagna", FUNDER),
        ),
        contact=("Elena Ferretti", "assemblea.clima@comune-di-reggio-emilia.example.org"),
        website="https://assembleaclima.comune-di-reggio-emilia.example.org",
        links=(
            (
                "Rapporto finale e risposta del Consiglio comunale",
                "https://assembleaclima.comune-di-reggio-emilia.example.org/rapporto",
            ),
        ),
        images=2,
        evaluation=True,
        report="Laboratorio di studi sulla partecipazione, Università di Urbino",
        days_ago=540,
        related=("programma-regionale-partecipazione-emilia-romagna",),
        english=English(
            title="Citizens' climate assembly of Reggio Emilia",
            summary="Sixty citizens drawn by lot worked over five weekends on actions to cut the city's emissions, handing 32 recommendations to the City Council.",
            narrative=(
                "The city gave an assembly of citizens drawn by lot a precise question: how can Reggio Emilia cut its emissions by 55% by 2030 in a fair way? The lottery, stratified by age, gender, education and area of residence, produced a group resembling the city's population.",
                "In the first two weekends participants heard experts on energy, mobility and farming, together with representatives of businesses, trade unions and environmental groups. In the following three they discussed in small facilitated groups and voted on the recommendations, each with the level of support it reached.",
                "The City Council discussed the recommendations in a dedicated session and answered each one in writing, stating which would enter the Sustainable Energy and Climate Action Plan and which would not, with reasons.",
            ),
            outcomes="32 recommendations approved with an average support of 84%; 21 adopted in the climate plan, including a network of neighbourhood energy communities and more evening public transport. 91% of participants say they would do it again.",
            lessons="The Council's written answer, recommendation by recommendation, was the most appreciated part: it showed what changed thanks to the assembly. Expenses and childcare allowed people who are usually left out to take part.",
            quotes=(
                "I knew nothing about energy communities. After five weekends I explained how they work to my colleagues during lunch break.",
                "We argued with people very different from us and in the end we voted together on concrete proposals. I did not expect that.",
                "The value lies in the answer: every recommendation got a reasoned yes or no from the Council.",
            ),
        ),
    ),
    Demo(
        slug="piazza-partecipata-lugo",
        title="Piazza partecipata: il nuovo volto del mercato coperto di Lugo",
        summary="Un percorso partecipativo finanziato dalla legge regionale 15/2018 ha raccolto idee e priorità di abitanti, commercianti e giovani per il riuso dell'ex mercato coperto e della piazza che lo circonda.",
        narrative=(
            "L'ex mercato coperto, chiuso da anni, è uno degli edifici più riconoscibili del centro di Lugo. Prima di bandire il concorso di progettazione, l'Unione dei Comuni della Bassa Romagna ha chiesto agli abitanti che cosa avrebbero voluto trovarci, con un percorso sostenuto dal bando regionale per la partecipazione.",
            "Il percorso ha alternato un planning for real su un grande plastico dell'area, esposto per tre settimane nella piazza, a passeggiate serali e a un tavolo di negoziazione con commercianti, associazioni e consulta dei giovani. Il tecnico di garanzia regionale ne ha seguito le fasi.",
            "Il documento di proposta partecipata, consegnato all'Unione, è diventato parte integrante del bando di concorso: i progettisti hanno dovuto tenere conto delle priorità indicate dagli abitanti.",
        ),
        author="promotore",
        scale=M,
        status=CONCLUDED,
        start="2022-03-01",
        end="2022-10-15",
        places=("039012",),
        themes=("rigenerazione-urbana", "cultura", "giovani"),
        methods=("planning-for-real", "passeggiata-di-quartiere"),
        iap2="coinvolgere",
        targets=("cittadinanza", "imprese", "giovani"),
        participants=430,
        recruitment=Recruitment.OPEN,
        budget="20k-50k",
        funding="Bando regionale per la partecipazione (L.R. 15/2018); cofinanziamento dell'Unione",
        outcomes="Documento di proposta partecipata con sette priorità, recepito nel bando di concorso di progettazione; il progetto vincitore prevede una sala studio aperta la sera, un mercato contadino settimanale e spazi per le associazioni giovanili.",
        evidence="Documento di proposta partecipata; delibera di presa d'atto dell'Unione; bando di concorso che lo richiama.",
        lessons="Il plastico in piazza ha attirato persone che non sarebbero mai venute a un'assemblea. Legare il documento finale al bando di concorso ha reso credibile il percorso.",
        replicability="Ogni comune dell'Emilia-Romagna può candidare un percorso simile al bando annuale della legge 15/2018; la scelta decisiva è farlo prima della progettazione, non dopo.",
        quotes=(
            Quote(
                "Ho lasciato la mia idea su un bigliettino attaccato al plastico. Un anno dopo l'ho ritrovata nel bando.",
                "Roberta Masotti",
                "Commerciante del centro",
            ),
            Quote(
                "Per noi giovani era la prima volta che qualcuno chiedeva la nostra opinione su un edificio così importante.",
                "Luca Baldini",
                "Consulta dei giovani",
            ),
        ),
        organisations=(
            ("unione-dei-comuni-della-bassa-romagna", PROMOTER),
            ("regione-emilia-romagna", FUNDER),
            ("quartieri-in-rete-aps", FACILITATOR),
        ),
        contact=(
            "Ufficio partecipazione dell'Unione",
            "partecipazione@unione-dei-comuni-della-bassa-romagna.example.org",
        ),
        document="Documento di proposta partecipata",
        days_ago=1200,
        related=("programma-regionale-partecipazione-emilia-romagna",),
    ),
    Demo(
        slug="co-progettazione-domiciliarita-bassa-romagna",
        title="Co-progettazione dei servizi per la domiciliarità nella Bassa Romagna",
        summary="Nove comuni e dodici enti del Terzo Settore hanno co-programmato e poi co-progettato, ai sensi dell'art. 55 del Codice del Terzo Settore, una rete di servizi per le persone anziane che vivono sole.",
        narrative=(
            "Nella Bassa Romagna una persona su quattro ha più di 65 anni e molte vivono sole, spesso in frazioni lontane dai servizi. L'Unione dei Comuni ha scelto di non affidare il servizio con una gara, ma di costruirlo insieme agli enti del Terzo Settore del territorio con le procedure dell'articolo 55 del Codice.",
            "La co-programmazione, aperta con un avviso pubblico, ha coinvolto associazioni di volontariato, cooperative sociali, sindacati dei pensionati e medici di medicina generale in quattro tavoli tematici. Ne è uscita una lettura condivisa dei bisogni. La successiva co-progettazione ha definito servizi, ruoli e budget di un partenariato di dodici enti.",
        ),
        author="elisa.marchetti",
        scale=IM,
        status=ONGOING,
        start="2023-02-01",
        places=(
            "039001",
            "039002",
            "039003",
            "039008",
            "039009",
            "039011",
            "039012",
            "039013",
            "039017",
        ),
        themes=("welfare-e-inclusione", "invecchiamento-attivo"),
        methods=("laboratorio-di-co-progettazione", "focus-group"),
        iap2="collaborare",
        targets=("anziani", "caregiver", "associazioni"),
        participants=85,
        recruitment=Recruitment.REPRESENTATIVES,
        recruitment_notes="Avviso pubblico di co-programmazione aperto a tutti gli enti del Terzo Settore iscritti al RUNTS con sede o attività nel distretto.",
        budget="gt500k",
        funding="Fondo sociale distrettuale; Fondo nazionale per la non autosufficienza",
        outcomes="Una rete di custodi sociali di frazione, un servizio di trasporto sociale coordinato e un numero unico per le famiglie; 640 persone anziane seguite nel primo anno.",
        evidence="Verbali dei tavoli di co-programmazione; convenzione con il partenariato; report di monitoraggio semestrale.",
        lessons="La co-programmazione richiede tempo ma evita di progettare servizi per bisogni supposti. Serve un ufficio di piano che sappia facilitare, non solo amministrare.",
        replicability="Replicabile in ogni ambito distrettuale; è utile partire dalle linee guida ministeriali sul rapporto tra PA ed enti del Terzo Settore (DM 72/2021).",
        quotes=(
            Quote(
                "Da concorrenti nelle gare siamo diventati partner: ci dividiamo le frazioni, non ce le contendiamo.",
                "Giovanna Ricci Lucchi",
                "Presidente di una cooperativa sociale",
            ),
            Quote(
                "Mia madre ora ha una persona di riferimento che passa due volte a settimana. Per noi figli è un sollievo enorme.",
                "Stefano Emiliani",
                "Caregiver familiare",
            ),
        ),
        organisations=(
            ("unione-dei-comuni-della-bassa-romagna", PROMOTER),
            ("regione-emilia-romagna", FUNDER),
        ),
        contact=(
            "Ufficio di piano distrettuale",
            "ufficiodipiano@unione-dei-comuni-della-bassa-romagna.example.org",
        ),
        days_ago=300,
        related=("co-progettazione-welfare-bari",),
    ),
    Demo(
        slug="scuole-di-montagna-appennino-reggiano",
        title="Scuole di montagna: un patto educativo per l'Appennino reggiano",
        summary="Sette comuni dell'Appennino reggiano, le scuole e le famiglie hanno costruito con una future search un patto educativo di comunità per tenere aperte le scuole di montagna e ridurre i tempi di viaggio degli studenti.",
        narrative=(
            "Nell'area interna dell'Appennino reggiano il numero di studenti cala da anni e alcune pluriclassi rischiavano la chiusura. Nell'ambito della Strategia nazionale per le aree interne, la Regione ha sostenuto un percorso per decidere insieme il futuro della rete scolastica.",
            "Una future search di due giorni ha riunito insegnanti, dirigenti, sindaci, genitori, studenti delle superiori, trasportatori e associazioni. Ne è nato un patto educativo di comunità con tre impegni: mantenere i plessi di frazione con la didattica in rete, riorganizzare gli orari del trasporto scolastico e aprire le scuole al pomeriggio come presidi culturali.",
        ),
        author="federica.sala",
        scale=IM,
        status=CONCLUDED,
        start="2022-09-01",
        end="2023-06-30",
        places=("035016", "035046", "035045", "035041", "035011", "035013", "035042"),
        themes=("aree-interne", "educazione"),
        methods=("future-search",),
        iap2="collaborare",
        targets=("studenti", "famiglie", "amministratori-locali"),
        participants=96,
        recruitment=Recruitment.TARGETED,
        recruitment_notes="Inviti mirati per rappresentare tutti i gruppi interessati: ogni comune ha indicato genitori, studenti e associazioni.",
        budget="50k-150k",
        funding="Strategia nazionale per le aree interne; Regione Emilia-Romagna",
        outcomes="Nessun plesso chiuso nei due anni successivi; tempi medi di viaggio degli studenti ridotti di 18 minuti; quattro scuole aperte il pomeriggio con attività gestite dalle associazioni.",
        evidence="Patto educativo di comunità sottoscritto da comuni, istituti comprensivi e associazioni; orari del trasporto scolastico rivisti.",
        lessons="Mettere nella stessa stanza chi guida gli scuolabus e chi fa gli orari scolastici ha risolto in un pomeriggio problemi rimasti aperti per anni.",
        replicability="Adatto ad aree interne con pluriclassi e trasporto scolastico complesso; la future search va preparata con cura per avere tutti i soggetti del sistema.",
        quotes=(
            Quote(
                "Il patto ci ha fatto capire che la scuola di frazione non è solo un edificio: è l'ultimo luogo dove il paese si incontra.",
                "Maria Grazia Ferrari",
                "Insegnante di una pluriclasse",
            ),
            Quote(
                "Ora il pullman parte venti minuti dopo e mia figlia fa colazione a casa.",
                "Corrado Bertolini",
                "Genitore",
            ),
        ),
        organisations=(
            ("regione-emilia-romagna", PROMOTER),
            ("rete-italiana-partecipazione-civica", FACILITATOR),
        ),
        contact=(
            "Segreteria della strategia d'area",
            "aree.interne@regione-emilia-romagna.example.org",
        ),
        days_ago=900,
    ),
    Demo(
        slug="programma-regionale-partecipazione-emilia-romagna",
        title="Il programma regionale per la partecipazione in Emilia-Romagna",
        summary="Con il bando annuale previsto dalla legge regionale 15/2018 la Regione sostiene ogni anno decine di percorsi partecipativi di comuni, unioni e associazioni, e anima una comunità di pratiche per chi li conduce.",
        narrative=(
            "La legge regionale 15/2018 riconosce la partecipazione all'elaborazione delle politiche pubbliche come diritto e prevede un bando annuale di contributi per i processi partecipativi promossi da enti locali, associazioni e cittadini. Ogni processo deve concludersi con un documento di proposta partecipata consegnato all'ente che decide.",
            "Accanto al bando, la Regione cura la formazione di facilitatori e funzionari, un tecnico di garanzia che verifica la qualità dei processi e una comunità di pratiche che si incontra più volte l'anno per confrontare metodi, errori e risultati. I rapporti annuali e i dati dei processi finanziati sono pubblicati in formato aperto.",
        ),
        author="promotore",
        scale=RG,
        status=ONGOING,
        start="2019-01-01",
        region="08",
        themes=("beni-comuni", "digitale"),
        methods=("laboratorio-di-co-progettazione", "open-space-technology"),
        iap2="coinvolgere",
        targets=("amministratori-locali", "dipendenti-pubblici", "associazioni"),
        participants=1800,
        recruitment=Recruitment.OPEN,
        budget="gt500k",
        funding="Bilancio regionale",
        outcomes="Oltre 250 percorsi finanziati dall'avvio della legge; più di 600 funzionari e facilitatori formati; una comunità di pratiche con 400 iscritti.",
        evidence="Rapporti annuali al Consiglio regionale; dataset aperto dei processi finanziati; valutazione della qualità dei processi a cura del tecnico di garanzia.",
        lessons="Il contributo economico conta, ma conta di più l'accompagnamento: i processi seguiti dal tecnico di garanzia arrivano più spesso a decisioni concrete.",
        replicability="Altre regioni hanno leggi simili (Toscana, Puglia): il modello è trasferibile se la legge prevede un presidio tecnico e non solo un fondo.",
        quotes=(
            Quote(
                "Per un piccolo comune come il nostro il bando è stato la prima occasione per sperimentare. Oggi la partecipazione fa parte del nostro modo di lavorare.",
                "Lucia Montanari",
                "Sindaca di un comune dell'Appennino",
            ),
            Quote(
                "Nella comunità di pratiche ho imparato più dagli errori degli altri che da qualunque manuale.",
                "Roberto Cavalli",
                "Facilitatore",
            ),
        ),
        organisations=(
            ("regione-emilia-romagna", PROMOTER),
            ("rete-italiana-partecipazione-civica", PARTNER),
        ),
        contact=("Marco Rinaldi", "partecipazione@regione-emilia-romagna.example.org"),
        website="https://partecipazione.regione-emilia-romagna.example.org",
        links=(
            (
                "Dati aperti dei processi finanziati",
                "https://dati.regione-emilia-romagna.example.org/partecipazione",
            ),
        ),
        images=2,
        evaluation=True,
        days_ago=820,
        related=("piazza-partecipata-lugo", "assemblea-cittadina-clima-reggio-emilia"),
        english=English(
            title="The regional participation programme of Emilia-Romagna",
            summary="Through the yearly call set by regional law 15/2018, the Region supports dozens of participatory processes of municipalities, unions and associations every year, and runs a community of practice for the people who lead them.",
            narrative=(
                "Regional law 15/2018 recognises participation in public policy-making as a right and sets a yearly call for grants to participatory processes promoted by local authorities, associations and citizens. Every process must end with a participatory proposal document handed to the body that decides.",
                "Besides the call, the Region trains facilitators and officers, appoints a guarantor who checks the quality of the processes, and runs a community of practice that meets several times a year to compare methods, mistakes and results. Yearly reports and data on funded processes are published as open data.",
            ),
            outcomes="Over 250 processes funded since the law came into force; more than 600 officers and facilitators trained; a community of practice with 400 members.",
            lessons="The grant matters, but support matters more: the processes followed by the guarantor more often lead to concrete decisions.",
            quotes=(
                "For a small municipality like ours the call was the first chance to experiment. Today participation is part of the way we work.",
                "In the community of practice I learnt more from other people's mistakes than from any handbook.",
            ),
        ),
    ),
    Demo(
        slug="orti-condivisi-reggio-emilia",
        title="Orti condivisi al quartiere Ospizio",
        summary="Un'area verde abbandonata del quartiere Ospizio è diventata un orto condiviso con quaranta parcelle, curato con un patto di collaborazione da pensionati, famiglie e classi della scuola primaria vicina.",
        narrative=(
            "L'area, un ex vivaio comunale, era recintata e inutilizzata da più di dieci anni. Un'associazione di promozione sociale ha proposto al Comune di trasformarla in orto condiviso, coinvolgendo il centro sociale anziani e la scuola primaria del quartiere.",
            "Il patto di collaborazione definisce le regole d'uso, i turni di irrigazione e gli impegni delle parti: il Comune ha portato l'acqua e sistemato la recinzione, l'associazione gestisce le assegnazioni e organizza attività di educazione ambientale con le classi.",
        ),
        author="giorgio.ferri",
        scale=N,
        status=ONGOING,
        start="2023-04-01",
        places=("035033",),
        point=(44.7027, 10.6501),
        themes=("transizione-ecologica", "invecchiamento-attivo", "educazione"),
        methods=("laboratorio-di-co-progettazione",),
        iap2="collaborare",
        targets=("anziani", "bambini-e-ragazzi", "famiglie"),
        participants=140,
        recruitment=Recruitment.OPEN,
        budget="5k-20k",
        funding="Comune di Reggio Emilia; raccolta fondi dell'associazione",
        outcomes="Quaranta parcelle assegnate, di cui otto a famiglie di origine straniera; sei classi coinvolte ogni anno; un mercatino mensile dei prodotti dell'orto.",
        evidence="Patto di collaborazione; registro delle assegnazioni; programma delle attività con le scuole.",
        lessons="Le regole scritte insieme sono rispettate più di quelle calate dall'alto. La presenza dei bambini ha cambiato il clima tra gli ortisti.",
        replicability="Facilmente replicabile in aree verdi pubbliche inutilizzate, con un regolamento sui beni comuni e un'associazione capace di gestire le assegnazioni.",
        quotes=(
            Quote(
                "Ho lavorato la terra da ragazzo e poi per quarant'anni in fabbrica. Adesso insegno ai bambini a piantare i pomodori.",
                "Ivano Ferrari",
                "Ortista, pensionato",
            ),
        ),
        organisations=(("comune-di-reggio-emilia", PROMOTER), ("orti-in-comune-aps", PARTNER)),
        contact=("Orti in Comune APS", "info@orti-in-comune-aps.example.org"),
        days_ago=260,
        coauthors=(("contributore", False),),
    ),
    Demo(
        slug="architetti-di-quartiere-rosta-nuova",
        title="Accordo di cittadinanza nel quartiere Rosta Nuova",
        summary="Con la figura dell'architetto di quartiere, abitanti e associazioni di Rosta Nuova hanno scritto un accordo di cittadinanza con il Comune: dieci progetti condivisi, ciascuno con chi si impegna a realizzarlo.",
        narrative=(
            "Rosta Nuova è un quartiere di edilizia popolare degli anni Settanta con molte associazioni ma pochi luoghi di incontro. Il Comune vi ha inviato un architetto di quartiere, una funzionaria che per un anno ha lavorato sul posto ascoltando abitanti, negozianti e associazioni.",
            "Dagli incontri, dalle interviste e da una serie di assemblee pubbliche è nato un accordo di cittadinanza: un documento firmato da Comune e cittadini che elenca dieci progetti, dalla riapertura di una sala civica alla cura delle aree verdi, indicando per ciascuno che cosa fa il Comune e che cosa fanno gli abitanti.",
        ),
        author="silvia.fontana",
        scale=N,
        status=ONGOING,
        start="2024-01-15",
        places=("035033",),
        point=(44.6905, 10.6143),
        themes=("abitare", "beni-comuni", "welfare-e-inclusione"),
        methods=("focus-group", "town-meeting"),
        iap2="collaborare",
        targets=("cittadinanza", "persone-migranti", "associazioni"),
        participants=310,
        recruitment=Recruitment.MIXED,
        budget="50k-150k",
        funding="Comune di Reggio Emilia",
        outcomes="Accordo firmato da 27 tra associazioni e gruppi informali; sei progetti su dieci già avviati, tra cui la sala civica aperta cinque sere a settimana.",
        evidence="Testo dell'accordo di cittadinanza; verbali delle assemblee; monitoraggio pubblico dei dieci progetti.",
        lessons="Una persona dell'amministrazione presente nel quartiere tutte le settimane costruisce una fiducia che nessun incontro pubblico può dare.",
        replicability="Richiede di dedicare personale comunale al lavoro di prossimità per almeno un anno; il modello dell'accordo è facilmente adattabile.",
        quotes=(
            Quote(
                "L'architetta di quartiere era al bar alle otto del mattino. Alla fine anche i più scettici le raccontavano che cosa non andava.",
                "Nadia Reggiani",
                "Presidente del comitato inquilini",
            ),
            Quote(
                "Per la prima volta abbiamo firmato un impegno reciproco con il Comune, non una lista di richieste.",
                "Kwame Mensah",
                "Associazione culturale del quartiere",
            ),
        ),
        organisations=(("comune-di-reggio-emilia", PROMOTER),),
        contact=(
            "Servizio quartieri e partecipazione",
            "quartieri@comune-di-reggio-emilia.example.org",
        ),
        days_ago=120,
        related=("orti-condivisi-reggio-emilia",),
    ),
    Demo(
        slug="dibattito-pubblico-cassa-espansione-senio",
        title="Dibattito pubblico sulla cassa di espansione del Senio",
        summary="Prima di approvare il progetto di una cassa di espansione sul fiume Senio, la Regione ha aperto un dibattito pubblico: quattro mesi di incontri, sopralluoghi e quaderni degli attori con agricoltori, abitanti e comuni.",
        narrative=(
            "Dopo le alluvioni del 2023 la Regione ha progettato una cassa di espansione per ridurre il rischio idraulico lungo il Senio. L'opera occupa terreni agricoli e cambia il paesaggio di tre comuni: per questo, prima delle scelte definitive, è stato avviato un dibattito pubblico secondo il Codice dei contratti pubblici.",
            "Un coordinatore indipendente ha organizzato incontri di presentazione, sopralluoghi sull'argine, tavoli tecnici con le associazioni agricole e un sito con tutti i documenti. Cittadini, imprese e associazioni hanno potuto presentare quaderni degli attori con osservazioni e proposte alternative.",
            "La relazione conclusiva del coordinatore riassume le posizioni emerse; la Regione ha pubblicato un documento in cui spiega quali modifiche al progetto accoglie e perché.",
        ),
        author="promotore",
        scale=IM,
        status=CONCLUDED,
        start="2024-10-01",
        end="2025-01-31",
        places=("039009", "039011", "039001"),
        themes=("transizione-ecologica", "aree-interne"),
        methods=("dibattito-pubblico",),
        iap2="consultare",
        targets=("cittadinanza", "imprese", "amministratori-locali"),
        participants=870,
        recruitment=Recruitment.OPEN,
        budget="50k-150k",
        funding="Regione Emilia-Romagna, nel quadro economico dell'opera",
        outcomes="Il progetto definitivo riduce del 18% la superficie agricola occupata, sposta l'accesso dei mezzi di cantiere lontano dalle frazioni e prevede un percorso ciclopedonale sull'argine; 14 quaderni degli attori presentati.",
        evidence="Relazione conclusiva del coordinatore del dibattito; documento di risposta della Regione; quaderni degli attori pubblicati.",
        lessons="I sopralluoghi sull'argine con i tecnici hanno chiarito più delle slide. Gli agricoltori hanno partecipato quando si è parlato di indennizzi e di accessi ai campi, non di principi generali.",
        replicability="Obbligatorio per le grandi opere sopra le soglie di legge, il dibattito pubblico può essere usato volontariamente anche per opere più piccole ma controverse.",
        quotes=(
            Quote(
                "Non eravamo contrari all'opera: volevamo che non tagliasse in due le nostre aziende. Nel progetto finale l'accesso è cambiato.",
                "Gianni Bartolotti",
                "Agricoltore, associazione di categoria",
            ),
            Quote(
                "Il compito del coordinatore è garantire che tutte le domande abbiano una risposta, anche quelle scomode.",
                "Lorenza Ricci",
                "Coordinatrice del dibattito pubblico",
            ),
        ),
        organisations=(
            ("regione-emilia-romagna", PROMOTER),
            ("unione-dei-comuni-della-bassa-romagna", PARTNER),
        ),
        contact=(
            "Segreteria del dibattito pubblico",
            "dibattito.senio@regione-emilia-romagna.example.org",
        ),
        website="https://dibattitosenio.regione-emilia-romagna.example.org",
        links=(
            (
                "Relazione conclusiva e quaderni degli attori",
                "https://dibattitosenio.regione-emilia-romagna.example.org/documenti",
            ),
        ),
        days_ago=560,
        related=("co-progettazione-domiciliarita-bassa-romagna",),
    ),
    Demo(
        slug="consiglio-ragazzi-bassa-romagna",
        title="Il consiglio delle ragazze e dei ragazzi della Bassa Romagna",
        summary="Un consiglio intercomunale di studenti delle scuole medie, eletto nelle classi dei nove comuni dell'Unione, avrà un budget proprio per progetti sugli spazi pubblici e la mobilità dei più giovani.",
        narrative=(
            "L'Unione dei Comuni della Bassa Romagna vuole dare ai più giovani un luogo stabile in cui proporre e decidere. Il consiglio sarà composto da due rappresentanti per ogni scuola secondaria di primo grado dei nove comuni, eletti dopo una campagna nelle classi.",
            "Il consiglio avrà a disposizione 15.000 euro l'anno e il sostegno di educatori per trasformare le proposte in progetti. Il percorso di avvio, progettato con insegnanti e studenti, parte con laboratori di educazione civica nelle classi.",
        ),
        author="alessia.rizzo",
        scale=IM,
        status=PLANNED,
        starts_in=75,
        places=(
            "039001",
            "039002",
            "039003",
            "039008",
            "039009",
            "039011",
            "039012",
            "039013",
            "039017",
        ),
        themes=("giovani", "educazione"),
        methods=("laboratorio-di-co-progettazione",),
        iap2="potenziare",
        targets=("bambini-e-ragazzi", "studenti"),
        participants=36,
        recruitment=Recruitment.REPRESENTATIVES,
        recruitment_notes="Elezioni nelle classi seconde e terze delle scuole medie.",
        budget="5k-20k",
        funding="Unione dei Comuni della Bassa Romagna",
        outcomes="Il percorso non è ancora iniziato: l'obiettivo è realizzare almeno due progetti proposti dai ragazzi nel primo anno.",
        lessons="Dalla fase di progettazione: gli studenti hanno chiesto che il consiglio si riunisca in orario scolastico, per non escludere chi abita lontano.",
        replicability="Il regolamento del consiglio è pensato per essere adottato anche da altri comuni o unioni.",
        quotes=(
            Quote(
                "Vorremmo piste ciclabili per andare a scuola da soli, senza che i genitori ci accompagnino in macchina.",
                "Sofia B.",
                "Studentessa di seconda media",
            ),
        ),
        organisations=(("unione-dei-comuni-della-bassa-romagna", PROMOTER),),
        contact=(
            "Servizio politiche giovanili",
            "giovani@unione-dei-comuni-della-bassa-romagna.example.org",
        ),
        days_ago=20,
    ),
    # --- Marche ------------------------------------------------------------------------
    Demo(
        slug="regolamento-beni-comuni-ascoli-piceno",
        title="Il regolamento per l'amministrazione condivisa di Ascoli Piceno, scritto con i cittadini",
        summary="Prima di approvare il regolamento sui beni comuni, il Comune di Ascoli Piceno ne ha discusso la bozza con associazioni, comitati e cittadini in un open space e in tre laboratori: 46 modifiche sono entrate nel testo finale.",
        narrative=(
            "Dopo il terremoto del 2016 molte associazioni ascolane si erano prese cura in modo informale di spazi pubblici del centro storico e delle frazioni. Mancava però uno strumento che desse a questa collaborazione regole chiare, tutele e riconoscimento.",
            "Il Comune ha scelto di scrivere il regolamento per l'amministrazione condivisa insieme a chi avrebbe dovuto usarlo. Un open space technology ha fatto emergere domande e timori; tre laboratori tematici (spazi verdi, immobili inutilizzati, cultura) hanno lavorato sulla bozza articolo per articolo, con il supporto di un centro studi specializzato.",
            "Il testo approvato dal Consiglio comunale prevede patti ordinari, per interventi semplici, e patti complessi, per beni di maggior valore o durata. Nel primo anno ne sono stati firmati diciannove.",
        ),
        author="lorenzo.costa",
        scale=M,
        status=CONCLUDED,
        start="2022-10-01",
        end="2023-05-31",
        places=("044007",),
        themes=("beni-comuni", "legalita"),
        methods=("open-space-technology", "laboratorio-di-co-progettazione"),
        iap2="collaborare",
        targets=("cittadinanza", "associazioni", "dipendenti-pubblici"),
        participants=180,
        recruitment=Recruitment.OPEN,
        budget="5k-20k",
        funding="Comune di Ascoli Piceno",
        outcomes="Regolamento approvato all'unanimità dal Consiglio comunale con 46 modifiche proposte dai partecipanti; 19 patti di collaborazione firmati nel primo anno, 7 dei quali nelle frazioni colpite dal sisma.",
        evidence="Delibera di approvazione del regolamento; tabella delle modifiche proposte e accolte; registro pubblico dei patti.",
        lessons="Discutere la bozza con chi già si prendeva cura degli spazi ha evitato regole pensate a tavolino. Formare i funzionari è stato importante quanto scrivere il regolamento: senza un ufficio che accompagna, i patti non partono.",
        replicability="Il testo è pubblicato con licenza aperta e può essere adattato da altri comuni; il percorso richiede circa sei mesi e un piccolo budget per la facilitazione.",
        quotes=(
            Quote(
                "Curavamo quel giardino da anni senza che nessuno lo sapesse. Ora c'è un patto firmato e il Comune ci fornisce attrezzi e assicurazione.",
                "Franca Cappelli",
                "Associazione di frazione",
            ),
            Quote(
                "Il laboratorio sugli immobili inutilizzati ci ha fatto capire quanto fosse complesso, e quanto fosse utile un regolamento chiaro.",
                "Giacomo Marini",
                "Architetto, partecipante ai laboratori",
            ),
        ),
        organisations=(
            ("comune-di-ascoli-piceno", PROMOTER),
            ("centro-studi-beni-comuni", PARTNER),
        ),
        contact=("Ufficio beni comuni", "benicomuni@comune-di-ascoli-piceno.example.org"),
        website="https://www.comune-di-ascoli-piceno.example.org/beni-comuni",
        document="Regolamento per l'amministrazione condivisa dei beni comuni",
        images=2,
        days_ago=1150,
        english=English(
            title="Ascoli Piceno's shared administration regulation, written with citizens",
            summary="Before adopting its regulation on the commons, the city of Ascoli Piceno discussed the draft with associations, committees and citizens in an open space and three workshops: 46 amendments made it into the final text.",
            narrative=(
                "After the 2016 earthquake many associations in Ascoli had informally taken care of public spaces in the old town and in the hamlets. What was missing was a tool giving this collaboration clear rules, protection and recognition.",
                "The city chose to write the shared administration regulation together with the people who would use it. An open space technology event brought out questions and fears; three thematic workshops (green spaces, unused buildings, culture) worked on the draft article by article, supported by a specialised research centre.",
                "The text adopted by the City Council provides for simple pacts, for light interventions, and complex pacts, for assets of greater value or longer duration. Nineteen were signed in the first year.",
            ),
            outcomes="Regulation adopted unanimously by the City Council with 46 amendments proposed by participants; 19 collaboration pacts signed in the first year, 7 of them in hamlets hit by the earthquake.",
            lessons="Discussing the draft with the people already caring for public spaces avoided rules designed at a desk. Training officers mattered as much as writing the regulation: without an office to support them, pacts do not start.",
            quotes=(
                "We had been looking after that garden for years without anyone knowing. Now there is a signed pact and the city gives us tools and insurance.",
                "The workshop on unused buildings made us see how complex it was, and how useful a clear regulation would be.",
            ),
        ),
    ),
    Demo(
        slug="consulta-giovani-ascoli-piceno",
        title="La consulta dei giovani di Ascoli Piceno e gli spazi del centro storico",
        summary="La consulta comunale dei giovani sta progettando con il Comune il riuso di tre spazi del centro storico come sale studio e luoghi di produzione culturale, con un budget dedicato e l'accompagnamento di una fondazione di comunità.",
        narrative=(
            "La consulta riunisce ragazze e ragazzi tra i 16 e i 29 anni, eletti dalle scuole superiori e dalle associazioni giovanili o candidati individualmente. Dal suo rinnovo ha scelto di concentrarsi su un problema concreto: la mancanza di spazi aperti la sera per studiare, suonare, incontrarsi.",
            "Con un questionario diffuso nelle scuole e sui social, e tre serate di lavoro a tavoli, la consulta ha individuato tre locali comunali inutilizzati e ne sta progettando gli usi con i tecnici, con un budget messo a disposizione dalla fondazione di comunità del territorio.",
        ),
        author="lorenzo.costa",
        scale=M,
        status=ONGOING,
        start="2024-10-01",
        places=("044007",),
        themes=("giovani", "cultura", "rigenerazione-urbana"),
        methods=("questionario", "world-cafe"),
        iap2="coinvolgere",
        targets=("giovani", "studenti"),
        participants=720,
        recruitment=Recruitment.MIXED,
        recruitment_notes="La consulta è eletta; al questionario hanno risposto 690 giovani.",
        budget="20k-50k",
        funding="Fondazione di Comunità Picena; Comune di Ascoli Piceno",
        outcomes="La prima sala studio serale ha aperto dopo sei mesi, gestita da un'associazione giovanile con un patto di collaborazione.",
        evidence="Risultati del questionario; verbali della consulta; patto di collaborazione per la sala studio.",
        lessons="Dare alla consulta un budget vero e un problema preciso ha trasformato un organo consultivo in un gruppo di lavoro.",
        replicability="Ogni comune con una consulta giovanile può adottare il metodo; il contributo di una fondazione di comunità rende più rapido il passaggio dalle idee ai lavori.",
        quotes=(
            Quote(
                "Per anni abbiamo chiesto uno spazio. Stavolta ci hanno chiesto di progettarlo noi.",
                "Tommaso Cicconi",
                "Presidente della consulta dei giovani",
            ),
            Quote(
                "Per una fondazione di comunità è il modo migliore di investire: i ragazzi sanno esattamente che cosa manca.",
                "Rita Vagnoni",
                "Fondazione di Comunità Picena",
            ),
        ),
        organisations=(
            ("comune-di-ascoli-piceno", PROMOTER),
            ("fondazione-comunita-picena", FUNDER),
        ),
        contact=("Ufficio politiche giovanili", "giovani@comune-di-ascoli-piceno.example.org"),
        days_ago=90,
        related=("regolamento-beni-comuni-ascoli-piceno",),
    ),
    Demo(
        slug="pums-partecipato-pesaro",
        title="Il piano urbano della mobilità sostenibile di Pesaro, partecipato",
        summary="Per il nuovo PUMS il Comune di Pesaro ha raccolto oltre 3.000 questionari, organizzato passeggiate in tutti i quartieri e focus group con chi si muove a piedi, in bici o con disabilità, prima di scegliere lo scenario di piano.",
        narrative=(
            "Le linee guida nazionali sui piani urbani della mobilità sostenibile chiedono che i cittadini siano coinvolti fin dalla definizione degli obiettivi. Il Comune di Pesaro ha organizzato la partecipazione in tre fasi, affidandone la facilitazione a un'associazione locale.",
            "Un questionario online e cartaceo ha raccolto abitudini di spostamento e priorità. Le passeggiate nei consigli di quartiere hanno individuato i punti critici casa-scuola e casa-lavoro. Infine, focus group con ciclisti, genitori, commercianti, persone anziane e persone con disabilità hanno discusso i tre scenari alternativi elaborati dai tecnici.",
        ),
        author="federica.sala",
        scale=M,
        status=CONCLUDED,
        start="2023-03-01",
        end="2023-12-15",
        places=("041044",),
        themes=("mobilita", "transizione-ecologica"),
        methods=("questionario", "passeggiata-di-quartiere", "focus-group"),
        iap2="consultare",
        targets=("cittadinanza", "persone-con-disabilita", "anziani"),
        participants=3460,
        recruitment=Recruitment.MIXED,
        budget="20k-50k",
        funding="Comune di Pesaro; fondi regionali per la pianificazione della mobilità",
        outcomes="Lo scenario scelto integra 14 richieste emerse dalla partecipazione, tra cui le zone 30 davanti a tutte le scuole e il collegamento ciclabile tra i quartieri collinari e il mare.",
        evidence="Rapporto sulla partecipazione allegato al PUMS adottato; risultati del questionario in formato aperto; rapporto di valutazione.",
        lessons="I focus group con persone con disabilità hanno cambiato le priorità sui marciapiedi più di qualunque indagine. Il questionario da solo avrebbe dato voce quasi solo a chi si muove in auto.",
        replicability="Ogni comune tenuto a redigere il PUMS può usare la stessa sequenza; il costo principale è la facilitazione dei focus group.",
        quotes=(
            Quote(
                "Ho portato i tecnici sul marciapiede sotto casa con la mia carrozzina. Hanno capito in cinque minuti.",
                "Mauro Gennari",
                "Partecipante ai focus group",
            ),
            Quote(
                "Le passeggiate hanno fatto parlare i vicini tra loro, non solo con il Comune.",
                "Laura Gallo",
                "Consiglio di quartiere",
            ),
        ),
        organisations=(
            ("comune-di-pesaro", PROMOTER),
            ("pesaro-partecipa-aps", FACILITATOR),
            ("laboratorio-studi-partecipazione-urbino", PARTNER),
        ),
        contact=("Ufficio mobilità", "pums@comune-di-pesaro.example.org"),
        website="https://pums.comune-di-pesaro.example.org",
        images=2,
        evaluation=True,
        report="Laboratorio di studi sulla partecipazione, Università di Urbino",
        days_ago=980,
    ),
    Demo(
        slug="bilancio-partecipativo-pesaro",
        title="Bilancio partecipativo nei quartieri di Pesaro",
        summary="Sul modello del bilancio partecipativo del Navile di Bologna, Pesaro ha affidato ai consigli di quartiere e agli abitanti la scelta di progetti per 200.000 euro, con seggi nei mercati e nelle scuole.",
        narrative=(
            "Dopo aver visitato l'esperienza bolognese, il Comune di Pesaro ha adattato il modello del bilancio partecipativo ai propri consigli di quartiere. Ogni quartiere ha avuto una quota proporzionale agli abitanti per progetti di piccola manutenzione e arredo urbano.",
            "Come a Bologna, le proposte sono state verificate insieme ai proponenti e il voto si è svolto online e in seggi mobili. Una novità: il voto era aperto anche ai ragazzi dai 14 anni, con una campagna nelle scuole medie e superiori.",
        ),
        author="lorenzo.costa",
        scale=M,
        status=CONCLUDED,
        start="2024-10-01",
        end="2025-06-30",
        places=("041044",),
        themes=("rigenerazione-urbana", "beni-comuni"),
        methods=("bilancio-partecipativo",),
        iap2="potenziare",
        targets=("cittadinanza", "studenti"),
        participants=4120,
        recruitment=Recruitment.OPEN,
        budget="150k-500k",
        funding="Bilancio comunale",
        outcomes="Undici progetti vincitori, uno per quartiere; 4.120 votanti, di cui 900 sotto i 18 anni; otto progetti già realizzati.",
        evidence="Delibera sui progetti vincitori; dati di voto in formato aperto.",
        lessons="Aprire il voto ai quattordicenni ha portato nelle famiglie una discussione che da sola valeva il percorso.",
        replicability="Una replica riuscita: il modello si adatta bene a città medie con consigli di quartiere attivi.",
        quotes=(
            Quote(
                "Abbiamo copiato senza vergogna, poi abbiamo aggiunto il voto dei ragazzi. È stata la scelta migliore.",
                "Giulia Rossini",
                "Assessora alla partecipazione",
            ),
        ),
        organisations=(("comune-di-pesaro", PROMOTER), ("pesaro-partecipa-aps", FACILITATOR)),
        contact=("Ufficio partecipazione", "partecipazione@comune-di-pesaro.example.org"),
        days_ago=400,
        replicates="bilancio-partecipativo-quartiere-navile",
        related=("pums-partecipato-pesaro",),
    ),
    Demo(
        slug="welfare-di-comunita-piceno-dopo-il-sisma",
        title="Welfare di comunità nei paesi del Piceno dopo il sisma",
        summary="Nei comuni montani colpiti dal terremoto del 2016 una fondazione di comunità, i volontari e i comuni hanno costruito insieme una rete di servizi di prossimità: trasporto sociale, spesa a domicilio e un community hub in ogni paese.",
        narrative=(
            "Dopo il terremoto molti abitanti dei paesi dell'alto Tronto sono rimasti nelle soluzioni abitative di emergenza, lontani dai servizi e dalla loro rete di relazioni. Le persone anziane sono state le più colpite dall'isolamento.",
            "La fondazione di comunità ha promosso un percorso di co-progettazione con i quattro comuni, l'organizzazione di volontariato che già garantiva il trasporto sociale, le parrocchie e i medici di base. Una serie di incontri nei paesi, anche nelle casette, ha permesso di ascoltare direttamente chi vi abita.",
            "Ne è nata una rete di servizi condivisa: un trasporto sociale coordinato tra i comuni, la consegna di spesa e farmaci, e un community hub in ciascun paese, aperto in locali ricostruiti o in moduli temporanei, con attività animate dagli stessi abitanti.",
        ),
        author="elisa.marchetti",
        scale=IM,
        status=ONGOING,
        start="2021-05-01",
        places=("044001", "044006", "044044", "044015"),
        themes=("welfare-e-inclusione", "aree-interne", "invecchiamento-attivo"),
        methods=("laboratorio-di-co-progettazione", "appreciative-inquiry"),
        iap2="collaborare",
        targets=("anziani", "caregiver", "famiglie"),
        participants=410,
        recruitment=Recruitment.OPEN,
        recruitment_notes="Incontri in ogni paese e nelle aree delle soluzioni abitative di emergenza, con il passaparola dei volontari.",
        budget="150k-500k",
        funding="Fondazione di Comunità Picena; donazioni di cittadini e imprese; fondi per la ricostruzione sociale",
        outcomes="Quattro community hub aperti; 5.200 accompagnamenti di trasporto sociale all'anno; una rete di 70 volontari, un terzo dei quali sotto i 40 anni.",
        evidence="Rapporto sociale annuale della fondazione; registro dei servizi; valutazione partecipata con gli utenti.",
        lessons="Partire da ciò che funzionava già, con l'appreciative inquiry, ha valorizzato i volontari invece di sostituirli. Nei paesi piccoli la fiducia passa dalle persone, non dai servizi.",
        replicability="Adatto ad aree interne e territori colpiti da calamità; richiede un soggetto terzo, come una fondazione di comunità, capace di tenere insieme comuni e associazioni.",
        quotes=(
            Quote(
                "Nella casetta mi sentivo sola. Adesso il giovedì c'è la tombola al centro e il ragazzo del pulmino mi porta alle visite.",
                "Ines Pompei",
                "Abitante di Arquata del Tronto",
            ),
            Quote(
                "Non abbiamo inventato niente: abbiamo messo in rete quello che i paesi facevano già, e l'abbiamo reso stabile.",
                "Rita Vagnoni",
                "Fondazione di Comunità Picena",
            ),
        ),
        organisations=(
            ("fondazione-comunita-picena", PROMOTER),
            ("volontari-del-tronto-odv", PARTNER),
        ),
        contact=("Rita Vagnoni", "progetti@fondazione-comunita-picena.example.org"),
        images=2,
        evaluation=True,
        days_ago=700,
        related=("trasporto-sociale-volontari-ascoli",),
        english=English(
            title="Community welfare in the villages of Piceno after the earthquake",
            summary="In the mountain municipalities hit by the 2016 earthquake a community foundation, volunteers and municipalities built together a network of local services: social transport, home delivery of shopping and a community hub in every village.",
            narrative=(
                "After the earthquake many residents of the upper Tronto valley stayed in emergency housing, far from services and from their network of relationships. Older people were the hardest hit by isolation.",
                "The community foundation promoted a co-design process with the four municipalities, the volunteer organisation already providing social transport, the parishes and the family doctors. Meetings in the villages, including in the emergency housing areas, gave a direct voice to the people living there.",
                "The result is a shared network of services: social transport coordinated between municipalities, delivery of shopping and medicines, and a community hub in each village, opened in rebuilt premises or temporary modules, with activities run by the residents themselves.",
            ),
            outcomes="Four community hubs open; 5,200 social transport trips a year; a network of 70 volunteers, a third of them under 40.",
            lessons="Starting from what already worked, with appreciative inquiry, valued the volunteers instead of replacing them. In small villages trust travels through people, not services.",
            quotes=(
                "In the emergency house I felt lonely. Now on Thursdays there is bingo at the centre and the young man with the minibus takes me to my appointments.",
                "We invented nothing: we connected what the villages were already doing and made it last.",
            ),
        ),
    ),
    Demo(
        slug="trasporto-sociale-volontari-ascoli",
        title="Trasporto sociale co-progettato con i volontari ad Ascoli Piceno",
        summary="Un'organizzazione di volontariato e il Comune hanno ridisegnato insieme il servizio di accompagnamento alle visite mediche per le persone anziane sole, con un'unica centrale di prenotazione e turni condivisi.",
        narrative=(
            "Il trasporto delle persone anziane alle visite mediche era garantito da tre associazioni diverse, senza coordinamento: alcune richieste restavano senza risposta, altre venivano servite due volte.",
            "Con due focus group con i volontari e uno con le famiglie, il Comune e l'organizzazione di volontariato hanno progettato una centrale unica di prenotazione, regole comuni per i rimborsi e un calendario condiviso. L'accordo è stato formalizzato con una convenzione.",
        ),
        author="elisa.marchetti",
        scale=M,
        status=CONCLUDED,
        start="2023-01-09",
        end="2023-07-31",
        places=("044007",),
        themes=("invecchiamento-attivo", "salute", "welfare-e-inclusione"),
        methods=("focus-group",),
        iap2="coinvolgere",
        targets=("anziani", "caregiver"),
        participants=48,
        recruitment=Recruitment.TARGETED,
        budget="lt5k",
        funding="Comune di Ascoli Piceno",
        outcomes="Richieste senza risposta scese dal 15% al 2%; tempo medio di prenotazione dimezzato.",
        evidence="Convenzione tra Comune e associazioni; dati della centrale di prenotazione.",
        lessons="Un problema di coordinamento si risolve meglio ascoltando chi guida i pulmini che scrivendo un nuovo regolamento.",
        replicability="Semplice e poco costoso; utile ovunque più associazioni offrano lo stesso servizio.",
        quotes=(
            Quote(
                "Ora so chi va a prendere la signora del terzo piano e a che ora. Sembra poco, ma prima non lo sapeva nessuno.",
                "Aldo Fioravanti",
                "Volontario autista",
            ),
        ),
        organisations=(
            ("comune-di-ascoli-piceno", PROMOTER),
            ("volontari-del-tronto-odv", PARTNER),
        ),
        contact=("Volontari del Tronto ODV", "trasporto@volontari-del-tronto-odv.example.org"),
        days_ago=1000,
    ),
    Demo(
        slug="sondaggio-deliberativo-urbino",
        title="Studenti e residenti: un sondaggio deliberativo a Urbino",
        summary="Un campione casuale di residenti e studenti fuori sede ha discusso per un fine settimana di affitti, vita notturna e servizi nel centro storico: le opinioni informate hanno orientato il nuovo piano per la città universitaria.",
        narrative=(
            "A Urbino gli studenti universitari sono quasi quanti i residenti, e nel centro storico la convivenza è spesso difficile: affitti alti, rumore notturno, negozi che cambiano. Il laboratorio universitario sulla partecipazione ha proposto al Comune un sondaggio deliberativo per capire che cosa pensano davvero le due comunità, quando sono informate.",
            "Un campione casuale di 150 persone, metà residenti e metà studenti, ha risposto a un questionario, ricevuto materiali informativi bilanciati e discusso in piccoli gruppi e in sessioni plenarie con esperti e amministratori. Alla fine ha compilato di nuovo lo stesso questionario.",
        ),
        author="sara.lombardi",
        scale=M,
        status=CONCLUDED,
        start="2024-02-01",
        end="2024-06-30",
        places=("041067",),
        themes=("giovani", "abitare", "educazione"),
        methods=("sondaggio-deliberativo",),
        iap2="consultare",
        targets=("studenti", "cittadinanza"),
        participants=150,
        recruitment=Recruitment.RANDOM,
        recruitment_notes="Campione estratto dalle liste anagrafiche e dagli iscritti all'università; gettone di presenza di 50 euro.",
        budget="20k-50k",
        funding="Università; Comune di Urbino",
        outcomes="Dopo la discussione il sostegno a un'agenzia pubblica per gli affitti agli studenti è salito dal 41% al 73%. Il Comune l'ha inserita nel piano per la città universitaria.",
        evidence="Rapporto di ricerca con i risultati del questionario prima e dopo; delibera sul piano per la città universitaria.",
        lessons="Residenti e studenti sono risultati molto più d'accordo di quanto pensassero: il conflitto era soprattutto di percezione.",
        replicability="Adatto a questioni divisive; richiede competenze di ricerca per il campionamento e materiali informativi validati da un comitato con posizioni diverse.",
        quotes=(
            Quote(
                "Pensavo che i residenti ci odiassero. Al tavolo abbiamo scoperto di volere le stesse cose: case decenti e un centro vivo.",
                "Giorgia Pieri",
                "Studentessa fuori sede",
            ),
            Quote(
                "Il sondaggio deliberativo ci ha dato un dato che nessuna assemblea ci avrebbe dato: che cosa pensa chi ha potuto informarsi.",
                "Federico Serra",
                "Ricercatore",
            ),
        ),
        organisations=(("laboratorio-studi-partecipazione-urbino", PROMOTER),),
        contact=(
            "Laboratorio di studi sulla partecipazione",
            "lab@laboratorio-studi-partecipazione-urbino.example.org",
        ),
        evaluation=True,
        days_ago=760,
    ),
    Demo(
        slug="agricoltura-sociale-fermano",
        title="Una rete di agricoltura sociale nella provincia di Fermo",
        summary="Aziende agricole, cooperative sociali, servizi per la disabilità e centri per l'impiego della provincia di Fermo hanno co-progettato una rete di agricoltura sociale che offre tirocini e inserimenti lavorativi.",
        narrative=(
            "Nel Fermano molte piccole aziende agricole cercano manodopera, mentre i servizi sociali faticano a trovare percorsi di inserimento per persone con disabilità o in uscita da percorsi di cura. Una fondazione di origine bancaria ha proposto di farli incontrare.",
            "Il percorso è partito con una mappatura delle aziende interessate e una serie di laboratori di co-progettazione con i servizi sociali, i centri per l'impiego e le cooperative. La rete ha adottato una carta dei valori comune e un modello di tirocinio condiviso, riconosciuto ai sensi della legge sull'agricoltura sociale.",
        ),
        author="lorenzo.costa",
        scale=PV,
        status=ONGOING,
        start="2022-06-01",
        province="109",
        places=("109006", "109017", "109033"),
        themes=("lavoro", "welfare-e-inclusione", "aree-interne"),
        methods=("laboratorio-di-co-progettazione",),
        iap2="collaborare",
        targets=("persone-con-disabilita", "imprese", "associazioni"),
        participants=75,
        recruitment=Recruitment.TARGETED,
        budget="50k-150k",
        funding="Fondazione Cassa di Risparmio delle Due Valli; fondi regionali per l'inclusione lavorativa",
        outcomes="23 aziende agricole in rete; 41 tirocini avviati in tre anni, 12 trasformati in assunzioni.",
        evidence="Protocollo d'intesa della rete; registro dei tirocini; rapporto annuale della fondazione.",
        lessons="Gli agricoltori hanno chiesto soprattutto un tutor di riferimento: l'accompagnamento conta più dell'incentivo economico.",
        replicability="Replicabile in aree rurali con aziende piccole; un ente terzo che coordini la rete è indispensabile.",
        quotes=(
            Quote(
                "Marco lavora con noi da due anni. All'inizio avevo paura di non saperlo seguire, il tutor mi ha aiutato molto.",
                "Rosanna Properzi",
                "Titolare di un'azienda agricola",
            ),
        ),
        organisations=(("fondazione-carisp-due-valli", PROMOTER),),
        contact=(
            "Area progetti della Fondazione",
            "progetti@fondazione-carisp-due-valli.example.org",
        ),
        days_ago=500,
    ),
    Demo(
        slug="mappa-di-comunita-montefortino",
        title="La mappa di comunità di Montefortino",
        summary="Gli abitanti di Montefortino, ai piedi dei Sibillini, hanno disegnato insieme la mappa di ciò che considerano il patrimonio del loro paese: luoghi, saperi, feste e sentieri, per orientare la ricostruzione e il turismo lento.",
        narrative=(
            "Dopo il sisma, la ricostruzione di Montefortino rischiava di procedere edificio per edificio, senza uno sguardo d'insieme. Una fondazione di comunità ha proposto agli abitanti di chiedersi, prima di tutto, che cosa rende il paese riconoscibile e che cosa vorrebbero trasmettere.",
            "Per un anno, con interviste, passeggiate e serate di racconto, gli abitanti hanno raccolto storie, fotografie e segnalazioni. Un gruppo di lavoro ha disegnato la mappa con un illustratore, che è stata presentata in una festa di paese e donata al Comune.",
        ),
        author="sara.lombardi",
        scale=M,
        status=CONCLUDED,
        start="2023-03-01",
        end="2024-03-31",
        places=("109015",),
        themes=("cultura", "aree-interne"),
        methods=("appreciative-inquiry", "passeggiata-di-quartiere"),
        iap2="coinvolgere",
        targets=("cittadinanza", "anziani", "bambini-e-ragazzi"),
        participants=160,
        recruitment=Recruitment.OPEN,
        budget="5k-20k",
        funding="Fondazione di Comunità Picena",
        outcomes="Una mappa illustrata distribuita in tutte le case e ai visitatori; tre sentieri segnalati dalla comunità inseriti nella rete escursionistica; un archivio di 90 interviste.",
        evidence="Mappa pubblicata; archivio delle interviste depositato in biblioteca.",
        lessons="Le persone anziane sono state le principali fonti e i ragazzi i principali intervistatori: la mappa ha unito le generazioni.",
        replicability="Un metodo semplice e poco costoso, adatto ai piccoli comuni; serve qualcuno che tenga il filo per almeno un anno.",
        quotes=(
            Quote(
                "Mio nonno mi ha raccontato del mulino. Non sapevo neanche che ci fosse stato.",
                "Alessio R.",
                "Studente di 14 anni, intervistatore",
            ),
            Quote(
                "Questa mappa dice a chi ricostruisce che cosa per noi non si può perdere.",
                "Elvira Ciaffoni",
                "Abitante",
            ),
        ),
        organisations=(
            ("fondazione-comunita-picena", PROMOTER),
            ("pesaro-partecipa-aps", FACILITATOR),
        ),
        contact=("Fondazione di Comunità Picena", "mappa@fondazione-comunita-picena.example.org"),
        days_ago=600,
        related=("welfare-di-comunita-piceno-dopo-il-sisma",),
    ),
    # --- Toscana and Umbria -------------------------------------------------------------
    Demo(
        slug="casa-di-comunita-oltrarno",
        title="Verso la Casa della Comunità dell'Oltrarno",
        summary="Una società di mutuo soccorso ha promosso, con il sostegno della legge regionale toscana sulla partecipazione, un percorso per dire la sua sulla nuova Casa della Comunità del quartiere: orari, servizi, spazi per le associazioni.",
        narrative=(
            "Con i fondi del PNRR l'azienda sanitaria ha programmato una Casa della Comunità nell'Oltrarno fiorentino. Una storica società di mutuo soccorso del quartiere ha chiesto che gli abitanti potessero contribuire a definirne i servizi, e ha ottenuto il sostegno dell'Autorità regionale per la partecipazione prevista dalla legge 46/2013.",
            "Il percorso ha combinato un world café in sede, focus group con persone anziane, famiglie con bambini piccoli e persone con malattie croniche, e una giornata di lavoro con medici di famiglia, infermieri di comunità e assistenti sociali.",
            "Il documento finale, consegnato all'azienda sanitaria e al Comune, chiede orari serali per il punto prelievi, uno sportello sociale integrato e una sala per i gruppi di auto-mutuo aiuto gestita dalle associazioni.",
        ),
        author="francesca.moretti",
        scale=N,
        status=ONGOING,
        start="2025-01-15",
        places=("048017",),
        point=(43.7664, 11.2468),
        themes=("salute", "welfare-e-inclusione", "invecchiamento-attivo"),
        methods=("world-cafe", "focus-group"),
        iap2="coinvolgere",
        targets=("anziani", "famiglie", "caregiver"),
        participants=260,
        recruitment=Recruitment.MIXED,
        budget="20k-50k",
        funding="Autorità regionale per la garanzia e la promozione della partecipazione (L.R. Toscana 46/2013); società di mutuo soccorso",
        outcomes="L'azienda sanitaria ha accolto l'apertura serale del punto prelievi due giorni a settimana e la sala per le associazioni; lo sportello sociale integrato è in discussione.",
        evidence="Documento finale del percorso; risposta scritta dell'azienda sanitaria.",
        lessons="Un ente radicato nel quartiere da più di un secolo ha dato credibilità al percorso con gli abitanti e con l'azienda sanitaria. Coinvolgere i medici di famiglia è stato difficile per gli orari: meglio incontri brevi e mirati.",
        replicability="Le Case della Comunità sono in programma in tutta Italia: il percorso è replicabile ovunque, meglio se prima della progettazione degli spazi.",
        quotes=(
            Quote(
                "Abbiamo chiesto una cosa sola: poter fare gli esami del sangue dopo il lavoro. Ce l'hanno data.",
                "Cristina Baldi",
                "Abitante di San Frediano",
            ),
            Quote(
                "La mutualità è nata per questo: organizzarsi per la salute di tutti. Centocinquant'anni dopo lo facciamo con l'azienda sanitaria.",
                "Piero Landi",
                "Presidente della società di mutuo soccorso",
            ),
        ),
        organisations=(("soms-fratellanza-artigiana", PROMOTER),),
        contact=("Piero Landi", "casacomunita@soms-fratellanza-artigiana.example.org"),
        images=2,
        days_ago=150,
        english=English(
            title="Towards the Oltrarno Community Health Centre",
            summary="A mutual aid society, supported by Tuscany's regional participation law, ran a process for residents to have a say on the neighbourhood's new Community Health Centre: opening hours, services, rooms for associations.",
            narrative=(
                "With recovery plan funds the local health authority planned a Community Health Centre in Florence's Oltrarno. A historic mutual aid society of the neighbourhood asked for residents to help define its services, and obtained support from the regional participation authority set up by law 46/2013.",
                "The process combined a world café at the society's premises, focus groups with older people, families with young children and people with chronic illnesses, and a working day with family doctors, community nurses and social workers.",
                "The final document, handed to the health authority and the city, asks for evening hours for blood tests, an integrated social help desk and a room for self-help groups run by associations.",
            ),
            outcomes="The health authority accepted evening opening of blood tests two days a week and the room for associations; the integrated social desk is under discussion.",
            lessons="An organisation rooted in the neighbourhood for more than a century gave the process credibility with residents and with the health authority. Involving family doctors was hard because of their hours: short, focused meetings work better.",
            quotes=(
                "We asked for one thing only: to have blood tests after work. We got it.",
                "Mutual aid was born for this: organising for everybody's health. A hundred and fifty years later we do it with the health authority.",
            ),
        ),
    ),
    Demo(
        slug="regolamento-beni-comuni-foligno",
        title="Foligno adotta il regolamento sui beni comuni",
        summary="Seguendo il percorso di Ascoli Piceno, Foligno ha scritto il proprio regolamento per l'amministrazione condivisa con associazioni e cittadini, accompagnata da un centro studi umbro.",
        narrative=(
            "Il centro studi che aveva accompagnato Ascoli Piceno ha proposto al Comune di Foligno lo stesso percorso, adattato a una città con molte associazioni sportive e culturali e numerose frazioni.",
            "Un open space iniziale e due laboratori hanno lavorato sulla bozza; la novità rispetto all'esperienza marchigiana è stata una sessione dedicata alle frazioni, dove la cura dei beni comuni è spesso affidata alle pro loco.",
        ),
        author="antonio.desantis",
        scale=M,
        status=CONCLUDED,
        start="2024-02-01",
        end="2024-09-30",
        places=("054018",),
        themes=("beni-comuni",),
        methods=("open-space-technology", "laboratorio-di-co-progettazione"),
        iap2="collaborare",
        targets=("associazioni", "cittadinanza"),
        participants=110,
        recruitment=Recruitment.OPEN,
        budget="5k-20k",
        funding="Comune di Foligno",
        outcomes="Regolamento approvato dal Consiglio comunale; otto patti firmati nei primi sei mesi, cinque con pro loco delle frazioni.",
        evidence="Delibera di approvazione; registro dei patti.",
        lessons="Replicare un percorso riuscito accorcia i tempi, ma le differenze locali (qui le pro loco) vanno ascoltate dall'inizio.",
        replicability="Un esempio di replica: il kit del percorso di Ascoli è stato riusato quasi senza modifiche.",
        quotes=(
            Quote(
                "Le pro loco curavano già le frazioni. Il regolamento ci ha dato finalmente una cornice.",
                "Sandro Menichelli",
                "Presidente di una pro loco",
            ),
        ),
        organisations=(("centro-studi-beni-comuni", PROMOTER),),
        contact=("Centro Studi Beni Comuni", "regolamenti@centro-studi-beni-comuni.example.org"),
        days_ago=640,
        replicates="regolamento-beni-comuni-ascoli-piceno",
    ),
    Demo(
        slug="scuola-amministrazione-condivisa-umbria",
        title="Una scuola dell'amministrazione condivisa per i comuni umbri",
        summary="Un ciclo di formazione per funzionari e amministratori dei comuni umbri su regolamenti, patti di collaborazione e co-progettazione con il Terzo Settore, con casi pratici e visite sul campo.",
        narrative=(
            "Molti comuni umbri hanno adottato un regolamento sui beni comuni ma non riescono ad applicarlo: mancano competenze e tempo negli uffici. Il centro studi ha organizzato una scuola annuale di sei giornate, gratuita per i partecipanti.",
            "Ogni giornata alterna lezioni brevi, analisi di casi e lavoro su un patto o un avviso reale portato dai partecipanti. Le visite sul campo permettono di incontrare chi ha già firmato patti di collaborazione.",
        ),
        author="davide.mancini",
        scale=RG,
        status=ONGOING,
        start="2023-10-01",
        region="10",
        themes=("beni-comuni", "legalita"),
        methods=("laboratorio-di-co-progettazione",),
        iap2="informare",
        targets=("dipendenti-pubblici", "amministratori-locali"),
        participants=140,
        recruitment=Recruitment.OPEN,
        budget="20k-50k",
        funding="Centro Studi Beni Comuni; quote simboliche dei comuni aderenti",
        outcomes="Tre edizioni, 140 partecipanti da 41 comuni; 27 patti di collaborazione firmati da comuni che prima non ne avevano.",
        evidence="Registro dei partecipanti; questionario di follow-up a sei mesi.",
        lessons="Lavorare su atti reali dei partecipanti è la parte più utile: tornano in ufficio con un documento quasi pronto.",
        replicability="Formato adattabile a qualsiasi regione; servono docenti che abbiano esperienza diretta negli uffici comunali.",
        quotes=(
            Quote(
                "Sono arrivata con una bozza di patto ferma da un anno e sono ripartita con un testo pronto per la giunta.",
                "Patrizia Rosi",
                "Funzionaria comunale",
            ),
        ),
        organisations=(("centro-studi-beni-comuni", PROMOTER),),
        contact=("Centro Studi Beni Comuni", "scuola@centro-studi-beni-comuni.example.org"),
        days_ago=330,
        related=("regolamento-beni-comuni-foligno",),
    ),
    # --- Piemonte, Lombardia, Veneto ----------------------------------------------------
    Demo(
        slug="casa-del-quartiere-barriera-di-milano",
        title="Una casa del quartiere a Barriera di Milano",
        summary="In un ex bagno pubblico di Barriera di Milano, Comune e cooperativa sociale hanno co-progettato con gli abitanti una casa del quartiere: spazi per associazioni, sportelli, corsi e un caffè sociale.",
        narrative=(
            "Barriera di Milano è uno dei quartieri più giovani e multiculturali di Torino, con molte associazioni e pochi spazi. L'edificio dei vecchi bagni pubblici, ancora usato per le docce da alcune persone, era in gran parte vuoto.",
            "Il Comune ha avviato una co-progettazione con una cooperativa sociale, che per sei mesi ha organizzato laboratori con abitanti e associazioni per decidere funzioni, orari e regole di gestione. Le docce pubbliche sono rimaste, accanto a sale per corsi, un caffè sociale e uno sportello per il lavoro e la casa.",
        ),
        author="matteo.barbieri",
        scale=N,
        status=ONGOING,
        start="2022-01-10",
        places=("001272",),
        point=(45.0888, 7.6961),
        themes=("welfare-e-inclusione", "beni-comuni", "abitare"),
        methods=("laboratorio-di-co-progettazione", "world-cafe"),
        iap2="collaborare",
        targets=("persone-migranti", "persone-in-difficolta-economica", "associazioni"),
        participants=380,
        recruitment=Recruitment.OPEN,
        budget="150k-500k",
        funding="Comune di Torino; fondi europei per lo sviluppo urbano; fondazione di origine bancaria",
        outcomes="Una casa aperta sei giorni su sette con 45 associazioni ospitate; 9.000 passaggi al mese; lo sportello lavoro ha accompagnato 300 persone nel primo anno.",
        evidence="Convenzione di co-progettazione; rapporto annuale della casa del quartiere.",
        lessons="Mantenere le docce pubbliche è stata una scelta nata dai laboratori: la casa è di tutti, anche di chi ha meno.",
        replicability="Il modello delle case del quartiere è diffuso a Torino; richiede un edificio pubblico e un gestore con esperienza di sviluppo di comunità.",
        quotes=(
            Quote(
                "Vengo per la doccia, resto per il caffè. Qui nessuno mi guarda storto.",
                "Giuseppe",
                "Frequentatore della casa",
            ),
            Quote(
                "La casa del quartiere non l'abbiamo progettata noi: l'hanno progettata le persone che la usano.",
                "Valeria Gallo",
                "Coordinatrice, cooperativa sociale",
            ),
        ),
        organisations=(
            ("comune-di-torino", PROMOTER),
            ("cooperativa-sociale-la-tessitura", PARTNER),
        ),
        contact=(
            "Cooperativa sociale La Tessitura",
            "casaquartiere@cooperativa-sociale-la-tessitura.example.org",
        ),
        images=2,
        days_ago=820,
        related=("patto-piazze-san-salvario",),
    ),
    Demo(
        slug="patto-piazze-san-salvario",
        title="Un patto per le piazze di San Salvario",
        summary="Abitanti, locali notturni e Comune hanno firmato un patto di collaborazione per la cura di due piazze di San Salvario e per una convivenza serena tra residenti e movida.",
        narrative=(
            "San Salvario è il quartiere della movida torinese e il conflitto tra chi ci vive e chi ci passa la sera era diventato aspro. Un comitato di abitanti ha proposto di provare un'altra strada: un patto di collaborazione che coinvolgesse anche i gestori dei locali.",
            "Dopo tre incontri facilitati e una passeggiata notturna con la polizia locale, il patto ha definito impegni precisi: pulizia delle piazze la mattina a cura dei locali, steward volontari nel fine settimana, eventi culturali di giorno per restituire le piazze alle famiglie.",
        ),
        author="matteo.barbieri",
        scale=N,
        status=ONGOING,
        start="2023-05-01",
        places=("001272",),
        point=(45.0571, 7.6823),
        themes=("beni-comuni", "legalita"),
        methods=("passeggiata-di-quartiere", "laboratorio-di-co-progettazione"),
        iap2="collaborare",
        targets=("cittadinanza", "imprese", "giovani"),
        participants=90,
        recruitment=Recruitment.REPRESENTATIVES,
        budget="lt5k",
        funding="Contributi dei locali aderenti; Comune di Torino",
        outcomes="Esposti per rumore e sporcizia ridotti di un terzo; 18 locali aderenti; un calendario di 30 eventi diurni l'anno.",
        evidence="Testo del patto; dati delle segnalazioni alla polizia locale.",
        lessons="Mettere allo stesso tavolo residenti e gestori dei locali ha funzionato solo con una facilitazione esterna e impegni misurabili.",
        replicability="Utile nei quartieri con conflitti legati alla vita notturna; il patto va rivisto ogni anno.",
        quotes=(
            Quote(
                "Abbiamo smesso di scriverci esposti e abbiamo cominciato a parlarci.",
                "Elena Cerutti",
                "Comitato San Salvario Vivo",
            ),
            Quote(
                "Pulire la piazza la mattina ci costa poco e ci ha fatto guadagnare la fiducia dei vicini.",
                "Ahmed Ben Salah",
                "Gestore di un locale",
            ),
        ),
        organisations=(("comune-di-torino", PROMOTER), ("comitato-san-salvario-vivo", PARTNER)),
        contact=("Comitato San Salvario Vivo", "patto@comitato-san-salvario-vivo.example.org"),
        days_ago=560,
    ),
    Demo(
        slug="assemblea-cittadina-clima-torino",
        title="Un'assemblea cittadina sul clima a Torino",
        summary="Replicando l'esperienza di Reggio Emilia, Torino ha riunito cento cittadini sorteggiati per proporre misure di adattamento al caldo estremo nei quartieri più esposti.",
        narrative=(
            "Le ondate di calore colpiscono soprattutto i quartieri densi e con poco verde. Il Comune ha chiesto a un'assemblea di cittadini sorteggiati di indicare come adattare la città, ispirandosi all'assemblea sul clima di Reggio Emilia.",
            "Rispetto al modello originale, il mandato era più stretto (l'adattamento al caldo) e i componenti sono stati sorteggiati con una quota maggiore nei quartieri più esposti. Le raccomandazioni sono state discusse in Consiglio comunale.",
        ),
        author="roberto.galli",
        scale=M,
        status=CONCLUDED,
        start="2025-03-01",
        end="2025-07-15",
        places=("001272",),
        themes=("transizione-ecologica", "salute"),
        methods=("assemblea-di-cittadini",),
        iap2="collaborare",
        targets=("cittadinanza",),
        participants=100,
        recruitment=Recruitment.STRATIFIED,
        budget="50k-150k",
        funding="Comune di Torino; fondi europei per l'adattamento climatico",
        outcomes="25 raccomandazioni; il Comune ne ha adottate 17, tra cui i rifugi climatici nelle biblioteche e la depavimentazione di dieci cortili scolastici.",
        evidence="Rapporto dell'assemblea; delibera di risposta del Consiglio comunale.",
        lessons="Un mandato stretto ha prodotto raccomandazioni più concrete e più facili da adottare.",
        replicability="Una replica: il kit di Reggio Emilia ha ridotto i tempi di preparazione di due mesi.",
        quotes=(
            Quote(
                "Vivo al quarto piano senza aria condizionata. Finalmente qualcuno ha chiesto a noi che cosa serve.",
                "Rosa Lombardi",
                "Componente dell'assemblea",
            ),
        ),
        organisations=(("comune-di-torino", PROMOTER), ("partecipa-lab-srl", FACILITATOR)),
        contact=("Ufficio ambiente", "assemblea.clima@comune-di-torino.example.org"),
        days_ago=380,
        replicates="assemblea-cittadina-clima-reggio-emilia",
    ),
    Demo(
        slug="piattaforma-aperta-consultazioni-torino",
        title="Una piattaforma aperta per le consultazioni di Torino",
        summary="Il Comune di Torino ha scelto e configurato con cittadini, associazioni e dipendenti un software libero per le consultazioni online, con test di usabilità e accessibilità prima dell'avvio.",
        narrative=(
            "Il Comune voleva un unico strumento per consultazioni, proposte e bilancio partecipativo, basato su software libero e riusabile da altre amministrazioni. Prima di sceglierlo ha chiesto a chi lo avrebbe usato di provarlo.",
            "Sei focus group con cittadini di età e competenze digitali diverse, persone con disabilità visiva e dipendenti comunali hanno testato tre piattaforme. Un questionario aperto a tutti ha raccolto ulteriori osservazioni. La piattaforma scelta è stata modificata per rispondere ai problemi emersi.",
        ),
        author="matteo.barbieri",
        scale=M,
        status=CONCLUDED,
        start="2023-09-01",
        end="2024-02-29",
        places=("001272",),
        themes=("digitale",),
        methods=("focus-group", "questionario"),
        iap2="consultare",
        targets=("cittadinanza", "persone-con-disabilita", "dipendenti-pubblici"),
        participants=950,
        recruitment=Recruitment.MIXED,
        budget="50k-150k",
        funding="Fondi europei per la transizione digitale",
        outcomes="Piattaforma in uso dal 2024 per quattro consultazioni; 23 problemi di usabilità e accessibilità risolti prima dell'avvio; codice pubblicato nel catalogo del riuso.",
        evidence="Rapporto dei test di usabilità; dichiarazione di accessibilità della piattaforma.",
        lessons="I test con persone con disabilità visiva hanno rivelato problemi che nessuna verifica automatica aveva segnalato.",
        replicability="Il codice e la configurazione sono riusabili; i test con gli utenti vanno ripetuti in ogni contesto.",
        quotes=(
            Quote(
                "Per la prima volta un sito del Comune funziona bene con il mio lettore di schermo.",
                "Gianni Rosso",
                "Partecipante ai test",
            ),
        ),
        organisations=(("comune-di-torino", PROMOTER),),
        contact=("Servizio innovazione digitale", "partecipa@comune-di-torino.example.org"),
        links=(
            (
                "Codice sorgente nel catalogo del riuso",
                "https://codice.example.org/comune-di-torino/partecipa",
            ),
        ),
        days_ago=900,
    ),
    Demo(
        slug="laboratorio-di-quartiere-via-padova",
        title="Laboratorio di quartiere in via Padova",
        summary="In via Padova, a Milano, un laboratorio di quartiere con comune, fondazione e abitanti di trenta nazionalità ha trasformato un cortile e un negozio sfitto in spazi comuni, e aperto un tavolo permanente tra residenti e commercianti.",
        narrative=(
            "Via Padova è una delle strade più multiculturali di Milano: negozi, associazioni e comunità di molte origini convivono, non sempre facilmente. Un laboratorio di quartiere è stato aperto in un negozio sfitto, con orari fissi e mediatori culturali.",
            "Per due anni il laboratorio ha ospitato incontri, corsi di italiano, feste e sessioni di co-progettazione. Ne sono nati il recupero di un cortile condominiale come spazio gioco aperto, un tavolo tra commercianti e residenti sulla pulizia e sull'illuminazione, e un calendario di feste di strada.",
        ),
        author="beatrice.villa",
        scale=N,
        status=ONGOING,
        start="2023-06-01",
        places=("015146",),
        point=(45.4979, 9.2276),
        themes=("welfare-e-inclusione", "abitare", "rigenerazione-urbana"),
        methods=("laboratorio-di-co-progettazione", "world-cafe"),
        iap2="coinvolgere",
        targets=("persone-migranti", "donne", "famiglie", "imprese"),
        participants=520,
        recruitment=Recruitment.OPEN,
        recruitment_notes="Mediatori culturali di sei lingue; inviti nelle scuole, nei luoghi di culto e nei negozi.",
        budget="50k-150k",
        funding="Comune di Milano; Fondazione Ponti di Comunità",
        outcomes="Un cortile aperto al quartiere, 14 corsi di italiano, un tavolo residenti-commercianti che si riunisce ogni mese; le segnalazioni per rifiuti abbandonati sono calate.",
        evidence="Registro delle attività del laboratorio; verbali del tavolo.",
        lessons="Un luogo fisico sempre aperto vale più di qualunque assemblea: le persone passano, tornano, si fidano.",
        replicability="Adatto a quartieri multiculturali; la presenza di mediatori culturali è indispensabile.",
        quotes=(
            Quote(
                "Al laboratorio ho imparato l'italiano e ho conosciuto le mamme del cortile. Ora organizziamo le feste insieme.",
                "Fatima Zahra",
                "Abitante",
            ),
            Quote(
                "Il tavolo con i residenti ci ha fatto capire che i problemi erano comuni, non una guerra tra noi e loro.",
                "Wei Chen",
                "Commerciante",
            ),
        ),
        organisations=(
            ("comune-di-milano", PROMOTER),
            ("fondazione-ponti-di-comunita", PARTNER),
            ("partecipa-lab-srl", FACILITATOR),
        ),
        contact=(
            "Fondazione Ponti di Comunità",
            "viapadova@fondazione-ponti-di-comunita.example.org",
        ),
        images=2,
        days_ago=210,
        related=("portineria-di-comunita-giambellino",),
        english=English(
            title="Neighbourhood workshop in via Padova",
            summary="In Milan's via Padova, a neighbourhood workshop run by the city, a foundation and residents of thirty nationalities turned a courtyard and an empty shop into shared spaces, and opened a standing table between residents and shopkeepers.",
            narrative=(
                "Via Padova is one of the most multicultural streets in Milan: shops, associations and communities of many origins live side by side, not always easily. A neighbourhood workshop opened in an empty shop, with regular hours and cultural mediators.",
                "For two years the workshop hosted meetings, Italian classes, parties and co-design sessions. The results include a residential courtyard reopened as a play area, a monthly table between shopkeepers and residents on cleaning and lighting, and a calendar of street parties.",
            ),
            outcomes="A courtyard open to the neighbourhood, 14 Italian classes, a residents-shopkeepers table meeting every month; reports of dumped rubbish have fallen.",
            lessons="A physical place that is always open is worth more than any assembly: people drop in, come back, trust grows.",
            quotes=(
                "At the workshop I learnt Italian and met the mothers from the courtyard. Now we organise the parties together.",
                "The table with residents made us see that the problems were shared, not a war between us and them.",
            ),
        ),
    ),
    Demo(
        slug="portineria-di-comunita-giambellino",
        title="La portineria di comunità del Giambellino",
        summary="Una portineria di quartiere, nata da un percorso con gli abitanti delle case popolari, offre piccoli servizi, ritira pacchi, presta attrezzi e mette in contatto chi ha bisogno con chi può aiutare.",
        narrative=(
            "Nelle case popolari del Giambellino molte persone anziane vivono sole e i servizi sono lontani. Una fondazione ha proposto agli abitanti di immaginare insieme un presidio di prossimità, partendo da un questionario porta a porta e da tre assemblee di cortile.",
            "La portineria, aperta in un locale a piano terra, è gestita da due portinai sociali e da volontari del quartiere. Offre un punto di ritiro pacchi, una biblioteca degli attrezzi, aiuto con le pratiche online e un servizio di piccole commissioni per chi non può uscire.",
        ),
        author="beatrice.villa",
        scale=N,
        status=ONGOING,
        start="2024-02-01",
        places=("015146",),
        point=(45.4501, 9.1459),
        themes=("abitare", "welfare-e-inclusione", "invecchiamento-attivo"),
        methods=("questionario", "town-meeting"),
        iap2="collaborare",
        targets=("anziani", "persone-in-difficolta-economica"),
        participants=230,
        recruitment=Recruitment.OPEN,
        budget="50k-150k",
        funding="Fondazione Ponti di Comunità; bando comunale per i servizi di prossimità",
        outcomes="Seicento persone registrate; 1.200 commissioni l'anno per persone anziane; una banca del tempo con 80 iscritti.",
        evidence="Registro dei servizi della portineria; rapporto annuale della fondazione.",
        lessons="Le assemblee di cortile hanno funzionato meglio di quelle in sala: le persone partecipano dove vivono.",
        replicability="Il modello delle portinerie di comunità è replicabile in grandi complessi di edilizia pubblica.",
        quotes=(
            Quote(
                "La portinaia mi porta il giornale e mi aiuta con il fascicolo sanitario. Mi sembra di avere una nipote in più.",
                "Lidia Marchesi",
                "Abitante, 84 anni",
            ),
        ),
        organisations=(("fondazione-ponti-di-comunita", PROMOTER), ("comune-di-milano", PARTNER)),
        contact=(
            "Fondazione Ponti di Comunità",
            "portineria@fondazione-ponti-di-comunita.example.org",
        ),
        days_ago=180,
    ),
    Demo(
        slug="consultazione-piano-del-verde-milano",
        title="Una consultazione pubblica sul piano del verde di Milano",
        summary="Prima di adottare il piano del verde il Comune di Milano ha raccolto online e in nove town meeting, uno per municipio, oltre 6.000 contributi su alberi, parchi e cortili scolastici.",
        narrative=(
            "Il piano del verde stabilisce dove piantare nuovi alberi, come gestire i parchi e come rendere più verdi cortili e strade. Il Comune ne ha pubblicato la bozza e aperto una consultazione di due mesi.",
            "Oltre al questionario online, ogni municipio ha ospitato un town meeting con tavoli facilitati e voto elettronico delle priorità. Un rapporto finale ha spiegato per ogni tema quali contributi sono stati accolti e perché altri no.",
        ),
        author="federica.sala",
        scale=M,
        status=CONCLUDED,
        start="2024-04-01",
        end="2024-06-30",
        places=("015146",),
        themes=("transizione-ecologica", "rigenerazione-urbana"),
        methods=("questionario", "town-meeting"),
        iap2="consultare",
        targets=("cittadinanza", "associazioni"),
        participants=6300,
        recruitment=Recruitment.OPEN,
        budget="50k-150k",
        funding="Comune di Milano",
        outcomes="6.300 contributi; la versione finale del piano include 120 nuovi siti di piantumazione segnalati dai cittadini e un programma di depavimentazione dei cortili scolastici.",
        evidence="Rapporto sulla consultazione con le risposte tema per tema.",
        lessons="Un rapporto finale che spiega anche i no è ciò che rende credibile una consultazione.",
        replicability="Metodo replicabile per qualunque piano di settore; il voto elettronico nei town meeting richiede un fornitore esperto.",
        quotes=(
            Quote(
                "Ho segnalato un'aiuola vuota davanti a casa. Nel piano c'è un albero, proprio lì.",
                "Paolo Invernizzi",
                "Partecipante alla consultazione",
            ),
        ),
        organisations=(("comune-di-milano", PROMOTER), ("partecipa-lab-srl", FACILITATOR)),
        contact=("Area verde e ambiente", "pianoverde@comune-di-milano.example.org"),
        days_ago=720,
    ),
    Demo(
        slug="consensus-conference-intelligenza-artificiale-milano",
        title="Consensus conference sull'intelligenza artificiale nei servizi comunali",
        summary="Sedici cittadini milanesi senza competenze tecniche hanno interrogato esperti di diverso orientamento sull'uso dell'intelligenza artificiale nei servizi del Comune e hanno scritto un documento di posizione condiviso.",
        narrative=(
            "Il Comune stava valutando l'uso di sistemi di intelligenza artificiale per rispondere alle richieste dei cittadini e per programmare i controlli. Prima di decidere ha chiesto a un panel di cittadini di esprimersi sui benefici, i rischi e le garanzie necessarie.",
            "Il panel, composto da sedici persone scelte per rappresentare età, genere e familiarità con la tecnologia diverse, ha partecipato a due fine settimana di preparazione, ha formulato le domande e le ha poste in un'udienza pubblica a sei esperti: informatici, giuristi, sindacalisti e rappresentanti dei consumatori. Il documento finale è stato presentato alla giunta.",
        ),
        author="federica.sala",
        scale=M,
        status=CONCLUDED,
        start="2025-02-01",
        end="2025-04-30",
        places=("015146",),
        themes=("digitale", "legalita"),
        methods=("consensus-conference",),
        iap2="consultare",
        targets=("cittadinanza", "donne", "anziani"),
        participants=16,
        recruitment=Recruitment.STRATIFIED,
        recruitment_notes="Candidature aperte, poi selezione per età, genere e familiarità con la tecnologia; metà dei posti riservata a donne, un quarto a persone con più di 65 anni.",
        budget="20k-50k",
        funding="Comune di Milano",
        outcomes="Il documento di posizione chiede un registro pubblico degli algoritmi usati dal Comune, la possibilità di parlare sempre con una persona e una valutazione d'impatto prima di ogni nuovo sistema: la giunta ha adottato il registro e la valutazione d'impatto.",
        evidence="Documento di posizione del panel; registrazione dell'udienza pubblica; delibera sul registro degli algoritmi.",
        lessons="Un panel di non esperti ha posto le domande che gli esperti non si facevano, soprattutto sul diritto di parlare con una persona.",
        replicability="Adatto a decisioni tecnologiche controverse; serve un comitato di garanzia che scelga esperti di orientamenti diversi.",
        quotes=(
            Quote(
                "Non sapevo cosa fosse un algoritmo. Alla fine ho chiesto a un ingegnere chi risponde se sbaglia, e non aveva una risposta pronta.",
                "Carla Brambilla",
                "Componente del panel, pensionata",
            ),
        ),
        organisations=(("comune-di-milano", PROMOTER), ("partecipa-lab-srl", FACILITATOR)),
        contact=("Direzione innovazione", "consensus.ia@comune-di-milano.example.org"),
        days_ago=480,
        related=("piattaforma-aperta-consultazioni-torino",),
    ),
    Demo(
        slug="comunita-energetica-arcella-padova",
        title="Una comunità energetica rinnovabile all'Arcella",
        summary="Una parrocchia, una scuola, due condomini e trenta famiglie dell'Arcella, a Padova, hanno costituito una comunità energetica rinnovabile dopo un percorso di co-design che ha deciso anche come usare gli incentivi.",
        narrative=(
            "L'idea è nata dopo un incontro in parrocchia sul caro bollette. Una società benefit esperta di transizione energetica ha accompagnato il gruppo in un percorso di co-design: prima informare, poi decidere insieme forma giuridica, impianti e regole.",
            "Sei laboratori hanno affrontato i temi tecnici e le scelte di valore. La decisione più discussa è stata come usare gli incentivi: la comunità ha scelto di destinarne una parte a un fondo per le famiglie in povertà energetica del quartiere.",
        ),
        author="giorgio.ferri",
        scale=N,
        status=ONGOING,
        start="2024-01-15",
        places=("028060",),
        point=(45.4226, 11.8852),
        themes=("transizione-ecologica", "beni-comuni", "welfare-e-inclusione"),
        methods=("laboratorio-di-co-progettazione",),
        iap2="potenziare",
        targets=("famiglie", "persone-in-difficolta-economica", "imprese"),
        participants=85,
        recruitment=Recruitment.OPEN,
        budget="150k-500k",
        funding="Contributo PNRR per le comunità energetiche; quote dei soci; fondazione di origine bancaria",
        outcomes="Associazione costituita con 34 soci; due impianti fotovoltaici da 180 kW complessivi su parrocchia e scuola; fondo di solidarietà che aiuta 15 famiglie.",
        evidence="Statuto della comunità energetica; contratti con il GSE; rendiconto del fondo di solidarietà.",
        lessons="Dedicare i primi incontri solo all'informazione ha evitato che le decisioni fossero prese da chi sapeva già tutto.",
        replicability="Il percorso è replicabile con il supporto di un facilitatore tecnico; la parte più lunga sono le pratiche con il gestore della rete.",
        quotes=(
            Quote(
                "Non capivo niente di kilowatt. Adesso faccio parte del consiglio direttivo della comunità.",
                "Mirella Zanon",
                "Socia della comunità energetica",
            ),
            Quote(
                "La decisione sul fondo di solidarietà l'hanno presa le famiglie, non i tecnici. È stata la più bella.",
                "Don Paolo Sartori",
                "Parroco",
            ),
        ),
        organisations=(("fabbrica-di-idee-societa-benefit", PROMOTER),),
        contact=("Fabbrica di Idee", "cer.arcella@fabbrica-di-idee-societa-benefit.example.org"),
        images=2,
        days_ago=240,
        english=English(
            title="A renewable energy community in Arcella",
            summary="A parish, a school, two blocks of flats and thirty families in Padua's Arcella district set up a renewable energy community after a co-design process that also decided how to use the incentives.",
            narrative=(
                "The idea came up at a parish meeting on soaring energy bills. A benefit corporation with expertise in the energy transition supported the group in a co-design process: first inform, then decide together on legal form, installations and rules.",
                "Six workshops dealt with technical issues and value choices. The most debated decision was how to use the incentives: the community chose to put part of them into a fund for families in energy poverty in the neighbourhood.",
            ),
            outcomes="Association set up with 34 members; two photovoltaic plants totalling 180 kW on the parish and the school; a solidarity fund helping 15 families.",
            lessons="Devoting the first meetings to information only prevented decisions being taken by those who already knew everything.",
            quotes=(
                "I understood nothing about kilowatts. Now I sit on the community's board.",
                "The decision on the solidarity fund was taken by the families, not by the experts. It was the best one.",
            ),
        ),
    ),
    # --- National and international ----------------------------------------------------
    Demo(
        slug="scuola-nazionale-facilitazione",
        title="Scuola nazionale di facilitazione per le amministrazioni",
        summary="Una scuola itinerante di facilitazione per funzionari pubblici e operatori del Terzo Settore, con edizioni locali in otto città da Aosta a Cagliari e una comunità di pratica online.",
        narrative=(
            "Molti percorsi partecipativi falliscono non per mancanza di volontà ma di competenze: conduzione di gruppi, gestione dei conflitti, restituzione dei risultati. La rete nazionale ha costruito una scuola di facilitazione pensata per chi lavora nelle amministrazioni e negli enti del Terzo Settore.",
            "Ogni edizione locale dura cinque giornate e si chiude con un tirocinio su un percorso reale dell'ente ospitante. I facilitatori formati entrano in una comunità di pratica online e possono affiancare le edizioni successive.",
        ),
        author="roberto.galli",
        scale=NA,
        status=ONGOING,
        start="2022-02-01",
        places=("058091", "007003", "010025", "092009", "076063", "078045", "022205", "037006"),
        themes=("beni-comuni", "educazione"),
        methods=("world-cafe", "open-space-technology"),
        iap2="informare",
        targets=("dipendenti-pubblici", "associazioni"),
        participants=620,
        recruitment=Recruitment.OPEN,
        budget="150k-500k",
        funding="Quote di iscrizione degli enti; fondazioni di origine bancaria; fondi europei per la capacità amministrativa",
        outcomes="Otto edizioni locali, 620 persone formate, 48 percorsi partecipativi avviati come tirocinio.",
        evidence="Registro dei partecipanti; questionari a sei e dodici mesi; rapporto di valutazione.",
        lessons="Il tirocinio su un caso reale dell'ente ospitante fa la differenza: la formazione diventa subito un percorso.",
        replicability="Il programma e i materiali sono pubblicati con licenza aperta; ogni rete regionale può organizzare un'edizione.",
        quotes=(
            Quote(
                "Ho imparato a stare zitta al momento giusto. Sembra poco, ma in un'assemblea cambia tutto.",
                "Daniela Pinna",
                "Funzionaria comunale, edizione di Cagliari",
            ),
            Quote(
                "Dopo la scuola il nostro comune ha avviato il primo percorso partecipativo della sua storia.",
                "Franco Bonomi",
                "Segretario comunale, edizione di Trento",
            ),
        ),
        organisations=(("rete-italiana-partecipazione-civica", PROMOTER),),
        contact=(
            "Segreteria della scuola",
            "scuola@rete-italiana-partecipazione-civica.example.org",
        ),
        website="https://scuola.rete-italiana-partecipazione-civica.example.org",
        evaluation=True,
        report="Rete Italiana per la Partecipazione Civica",
        days_ago=450,
    ),
    Demo(
        slug="giovani-oltre-il-confine-gorizia-trieste",
        title="Giovani oltre il confine: spazi comuni tra Gorizia, Trieste e la Slovenia",
        summary="Un progetto europeo di cooperazione transfrontaliera ha coinvolto giovani italiani e sloveni nella co-progettazione di spazi pubblici lungo il confine, con laboratori bilingui e un festival finale.",
        narrative=(
            "Gorizia e Nova Gorica sono due città divise da un confine che oggi si attraversa a piedi. Il progetto, finanziato dal programma di cooperazione tra Italia e Slovenia, ha chiesto a ragazze e ragazzi delle due parti di immaginare insieme gli spazi pubblici che le uniscono.",
            "Laboratori bilingui, passeggiate lungo il confine e un campo estivo hanno portato a tre interventi temporanei in piazze e parchi, progettati e realizzati dai giovani con architetti e artisti. A Trieste un laboratorio gemello ha lavorato sul lungomare.",
        ),
        author="roberto.galli",
        scale=INT,
        status=CONCLUDED,
        start="2023-09-01",
        end="2025-06-30",
        places=("031007", "032006"),
        themes=("giovani", "cultura", "rigenerazione-urbana"),
        methods=("laboratorio-di-co-progettazione", "passeggiata-di-quartiere"),
        iap2="coinvolgere",
        targets=("giovani", "studenti"),
        participants=340,
        recruitment=Recruitment.MIXED,
        budget="gt500k",
        funding="Programma europeo di cooperazione territoriale Italia-Slovenia",
        outcomes="Tre interventi temporanei realizzati, di cui due resi permanenti dai comuni; 340 giovani coinvolti, metà sloveni; una rete di associazioni giovanili transfrontaliera.",
        evidence="Rapporto finale al programma europeo; documentazione fotografica degli interventi.",
        lessons="La lingua non è stata un ostacolo: i ragazzi hanno usato l'inglese, i disegni e le mani. Gli ostacoli veri sono stati amministrativi.",
        replicability="Adatto a tutte le aree di confine; servono partner amministrativi su entrambi i lati fin dalla candidatura.",
        quotes=(
            Quote(
                "Prima il confine era una linea sulla mappa. Ora è il posto dove ci vediamo il venerdì.",
                "Nika Kovač",
                "Partecipante, Nova Gorica",
            ),
            Quote(
                "Abbiamo progettato una panchina lunga trenta metri che attraversa la piazza. Ci sediamo italiani e sloveni insieme.",
                "Matteo Furlan",
                "Partecipante, Gorizia",
            ),
        ),
        organisations=(
            ("rete-italiana-partecipazione-civica", PROMOTER),
            ("partecipa-lab-srl", FACILITATOR),
        ),
        contact=(
            "Rete Italiana per la Partecipazione Civica",
            "oltreilconfine@rete-italiana-partecipazione-civica.example.org",
        ),
        website="https://oltreilconfine.example.org",
        video=("Il festival finale in piazza", "https://video.example.org/oltre-il-confine"),
        images=2,
        days_ago=420,
        english=English(
            title="Youth across the border: shared spaces between Gorizia, Trieste and Slovenia",
            summary="A European cross-border cooperation project involved Italian and Slovenian young people in co-designing public spaces along the border, with bilingual workshops and a final festival.",
            narrative=(
                "Gorizia and Nova Gorica are two towns divided by a border that today you cross on foot. The project, funded by the Italy-Slovenia cooperation programme, asked young people from both sides to imagine together the public spaces that connect them.",
                "Bilingual workshops, walks along the border and a summer camp led to three temporary interventions in squares and parks, designed and built by the young people with architects and artists. In Trieste a twin workshop worked on the seafront.",
            ),
            outcomes="Three temporary interventions built, two of them made permanent by the municipalities; 340 young people involved, half of them Slovenian; a cross-border network of youth associations.",
            lessons="Language was not an obstacle: the young people used English, drawings and their hands. The real obstacles were administrative.",
            quotes=(
                "The border used to be a line on the map. Now it is where we meet on Fridays.",
                "We designed a thirty-metre bench running across the square. Italians and Slovenians sit on it together.",
            ),
        ),
    ),
    # --- South and islands ---------------------------------------------------------------
    Demo(
        slug="uso-civico-ex-convento-napoli",
        title="Uso civico e collettivo di un ex convento nel centro storico di Napoli",
        summary="Un ex convento del centro storico di Napoli è gestito da una comunità aperta di abitanti e associazioni con una dichiarazione d'uso civico riconosciuta dal Comune: assemblee pubbliche decidono attività e regole.",
        narrative=(
            "L'edificio, di proprietà comunale, era abbandonato da decenni. Un gruppo di abitanti, artisti e associazioni lo ha riaperto con attività gratuite e ha chiesto al Comune di riconoscerne la gestione collettiva.",
            "Il riconoscimento è avvenuto con una delibera che prende atto della dichiarazione d'uso civico scritta dalla comunità: un regolamento che stabilisce chi può usare gli spazi, come si decide (in assemblee pubbliche e aperte a tutti) e quali impegni si prendono per la cura dell'edificio. Il Comune mantiene la proprietà e sostiene le utenze.",
        ),
        author="paolo.greco",
        scale=M,
        status=ONGOING,
        start="2021-04-01",
        places=("063049",),
        themes=("beni-comuni", "cultura", "legalita"),
        methods=("open-space-technology",),
        iap2="potenziare",
        targets=("cittadinanza", "associazioni", "giovani"),
        participants=1500,
        recruitment=Recruitment.OPEN,
        budget="20k-50k",
        funding="Autofinanziamento della comunità; Comune di Napoli (utenze e manutenzione straordinaria)",
        outcomes="Oltre 200 attività gratuite all'anno, dal doposcuola alle prove teatrali; un ambulatorio popolare aperto due giorni a settimana; 40 associazioni che usano gli spazi.",
        evidence="Delibera di riconoscimento; dichiarazione d'uso civico; verbali delle assemblee pubblicati online.",
        lessons="Le assemblee aperte sono faticose ma garantiscono che nessuno si appropri dello spazio. Serve un rapporto stabile con gli uffici tecnici per la sicurezza dell'edificio.",
        replicability="Il modello dell'uso civico urbano richiede una volontà politica esplicita e un atto di riconoscimento; è adatto a beni pubblici di grande valore simbolico.",
        quotes=(
            Quote(
                "Qui nessuno è padrone: le decisioni si prendono in assemblea, il martedì sera, e chiunque può venire.",
                "Rosaria Iovine",
                "Componente dell'assemblea di gestione",
            ),
            Quote(
                "Il doposcuola nel chiostro ha tenuto a scuola ragazzi che l'avrebbero lasciata.",
                "Ciro Esposito",
                "Educatore volontario",
            ),
        ),
        organisations=(("comune-di-napoli", PROMOTER), ("pronto-soccorso-sociale-odv", PARTNER)),
        contact=("Assemblea di gestione", "assemblea@ex-convento.example.org"),
        images=2,
        days_ago=870,
        english=English(
            title="Civic and collective use of a former convent in Naples' old town",
            summary="A former convent in the old town of Naples is run by an open community of residents and associations under a declaration of civic use recognised by the city: public assemblies decide activities and rules.",
            narrative=(
                "The building, owned by the city, had been abandoned for decades. A group of residents, artists and associations reopened it with free activities and asked the city to recognise its collective management.",
                "Recognition came with a council resolution acknowledging the declaration of civic use written by the community: a set of rules stating who may use the spaces, how decisions are taken (in public assemblies open to all) and what commitments are made to look after the building. The city keeps ownership and pays the utilities.",
            ),
            outcomes="Over 200 free activities a year, from after-school support to theatre rehearsals; a people's clinic open two days a week; 40 associations using the spaces.",
            lessons="Open assemblies are tiring but make sure nobody takes the space over. A stable relationship with the city's technical offices is needed for the building's safety.",
            quotes=(
                "Nobody owns this place: decisions are taken in the assembly, on Tuesday evenings, and anyone can come.",
                "After-school support in the cloister kept at school kids who would have dropped out.",
            ),
        ),
    ),
    Demo(
        slug="giardino-condiviso-rione-sanita",
        title="Un giardino condiviso nel Rione Sanità",
        summary="Un gruppo informale di abitanti cura un giardino ricavato da un lotto abbandonato del Rione Sanità e vi organizza assemblee di strada, laboratori per bambini e un orto di erbe aromatiche.",
        narrative=(
            "Il lotto, tra due palazzi, era una discarica a cielo aperto. Un gruppo di vicini ha cominciato a pulirlo nei fine settimana e ha chiesto all'organizzazione di volontariato del quartiere di aiutarli a trasformarlo in giardino.",
            "Le decisioni si prendono in assemblee di strada, all'aperto, una volta al mese. I bambini della scuola vicina curano l'orto di aromatiche; i vicini più anziani hanno insegnato come si innestano gli agrumi.",
        ),
        author="paolo.greco",
        scale=N,
        status=ONGOING,
        start="2022-05-01",
        places=("063049",),
        point=(40.8603, 14.2497),
        themes=("beni-comuni", "rigenerazione-urbana", "educazione"),
        methods=("town-meeting",),
        iap2="potenziare",
        targets=("cittadinanza", "bambini-e-ragazzi"),
        participants=70,
        recruitment=Recruitment.OPEN,
        budget="none",
        funding="Nessun finanziamento: materiali donati dagli abitanti e dai commercianti",
        outcomes="Un giardino aperto tutti i giorni; una festa di strada all'anno; l'orto usato da tre classi della primaria.",
        evidence="Diario fotografico del giardino; verbali delle assemblee di strada.",
        lessons="Si può cominciare senza un euro. Il passo successivo è un accordo formale con il Comune, che il gruppo sta chiedendo.",
        replicability="Replicabile ovunque ci sia un lotto abbandonato e un gruppo di vicini motivati; un ente del Terzo Settore aiuta con assicurazione e attrezzi.",
        quotes=(
            Quote(
                "Mio figlio prima giocava in strada tra i motorini. Ora ha un giardino sotto casa.",
                "Anna Russo",
                "Abitante",
            ),
        ),
        organisations=(("pronto-soccorso-sociale-odv", PROMOTER),),
        contact=("Paolo Greco", "giardino.sanita@example.org"),
        days_ago=190,
        related=("uso-civico-ex-convento-napoli",),
    ),
    Demo(
        slug="patto-educativo-napoli-est",
        title="Un patto educativo di comunità a Napoli Est",
        summary="Scuole, parrocchie, associazioni sportive e servizi sociali di Napoli Est hanno firmato un patto educativo di comunità contro la dispersione scolastica, con un calendario comune di attività pomeridiane.",
        narrative=(
            "Nei quartieri orientali di Napoli la dispersione scolastica è tra le più alte d'Italia. Il Comune ha promosso un tavolo con tre istituti comprensivi e le realtà educative del territorio per coordinare ciò che ciascuno già faceva.",
            "Un percorso di sei incontri di co-progettazione ha prodotto il patto: un calendario unico di attività pomeridiane, un sistema di segnalazione condiviso per le assenze prolungate e un educatore di strada per ogni quartiere.",
        ),
        author="antonio.desantis",
        scale=M,
        status=ONGOING,
        start="2023-09-01",
        places=("063049",),
        themes=("educazione", "giovani", "legalita"),
        methods=("laboratorio-di-co-progettazione", "focus-group"),
        iap2="collaborare",
        targets=("bambini-e-ragazzi", "famiglie", "associazioni"),
        participants=95,
        recruitment=Recruitment.REPRESENTATIVES,
        budget="150k-500k",
        funding="Fondi nazionali per il contrasto alla povertà educativa; Comune di Napoli",
        outcomes="Le assenze prolungate nelle scuole aderenti sono scese del 22% in due anni; 600 ragazzi seguiti nelle attività pomeridiane.",
        evidence="Patto educativo sottoscritto; dati sulle assenze forniti dagli istituti.",
        lessons="La segnalazione condivisa delle assenze ha funzionato perché gli educatori di strada conoscevano le famiglie.",
        replicability="Il patto educativo di comunità è uno strumento riconosciuto dal Ministero; il modello è replicabile in qualunque quartiere con più scuole.",
        quotes=(
            Quote(
                "Prima ognuno faceva la sua parte da solo. Adesso se un ragazzo sparisce da scuola, qualcuno bussa alla sua porta entro una settimana.",
                "Carmela Di Lorenzo",
                "Dirigente scolastica",
            ),
        ),
        organisations=(("comune-di-napoli", PROMOTER), ("pronto-soccorso-sociale-odv", PARTNER)),
        contact=("Servizio politiche educative", "pattoeducativo@comune-di-napoli.example.org"),
        days_ago=280,
    ),
    Demo(
        slug="co-progettazione-welfare-bari",
        title="Co-progettazione dei servizi di welfare di comunità a Bari",
        summary="Il Comune di Bari ha affidato i centri di ascolto per le famiglie dei quartieri periferici con una co-progettazione ai sensi dell'art. 55 del Codice del Terzo Settore, valutata da un centro di ricerca universitario.",
        narrative=(
            "I centri di ascolto per le famiglie erano affidati con gare d'appalto annuali, con continui cambi di gestore e di operatori. Il Comune ha scelto di passare alla co-progettazione: un avviso pubblico ha selezionato un partenariato di enti del Terzo Settore con cui definire insieme servizi, obiettivi e budget.",
            "Il tavolo di co-progettazione, facilitato e verbalizzato, si è riunito otto volte. Il progetto definitivo prevede centri aperti anche il sabato, un'équipe integrata con i servizi sociali e un fondo per le piccole emergenze delle famiglie. Un centro di ricerca universitario ha valutato il processo e i primi risultati.",
        ),
        author="valentina.romano",
        scale=M,
        status=CONCLUDED,
        start="2022-11-01",
        end="2024-12-31",
        places=("072006",),
        themes=("welfare-e-inclusione", "lavoro"),
        methods=("laboratorio-di-co-progettazione",),
        iap2="collaborare",
        targets=("famiglie", "persone-in-difficolta-economica", "associazioni"),
        participants=40,
        recruitment=Recruitment.REPRESENTATIVES,
        recruitment_notes="Avviso pubblico per la selezione del partenariato, aperto agli enti iscritti al RUNTS.",
        budget="gt500k",
        funding="Fondo povertà; Programma nazionale inclusione; bilancio comunale",
        outcomes="Continuità degli operatori per tre anni; 2.300 famiglie accompagnate; tempo di presa in carico ridotto da 40 a 12 giorni.",
        evidence="Avviso e verbali del tavolo di co-progettazione; convenzione; rapporto di valutazione del centro di ricerca.",
        lessons="La co-progettazione richiede funzionari formati e tempi certi. Il valore aggiunto principale è la continuità: le famiglie ritrovano le stesse persone.",
        replicability="Replicabile da ogni comune o ambito sociale; conviene partire da un servizio con bisogni chiari e un partenariato già esistente.",
        quotes=(
            Quote(
                "Finalmente possiamo programmare su tre anni invece che rincorrere la gara successiva.",
                "Antonella Lorusso",
                "Coordinatrice di un centro di ascolto",
            ),
            Quote(
                "Ho trovato la stessa operatrice per due anni. Per mio figlio è stato importante.",
                "Maria Colonna",
                "Madre seguita dal centro",
            ),
        ),
        organisations=(
            ("comune-di-bari", PROMOTER),
            ("cooperativa-sociale-mare-aperto", PARTNER),
            ("centro-ricerca-democrazia-locale-bari", PARTNER),
        ),
        contact=("Ripartizione welfare", "coprogettazione@comune-di-bari.example.org"),
        images=2,
        evaluation=True,
        report="Centro di ricerca sulla democrazia locale, Università di Bari",
        days_ago=650,
        related=("co-progettazione-domiciliarita-bassa-romagna",),
    ),
    Demo(
        slug="spiagge-libere-inclusive-bari",
        title="Spiagge libere inclusive sul lungomare di Bari",
        summary="Una cooperativa sociale di inserimento lavorativo gestisce due spiagge libere attrezzate per persone con disabilità, progettate con associazioni di famiglie e con il Comune.",
        narrative=(
            "Le spiagge libere del lungomare erano difficilmente accessibili per chi usa la carrozzina. Una cooperativa sociale di tipo B ha proposto al Comune di attrezzarle e gestirle, offrendo lavoro a persone svantaggiate.",
            "La progettazione è partita da due focus group con associazioni di famiglie di persone con disabilità, che hanno indicato passerelle, sedie da mare, ombreggiature e servizi igienici necessari. La gestione impiega ogni estate otto persone in inserimento lavorativo.",
        ),
        author="valentina.romano",
        scale=M,
        status=ONGOING,
        start="2023-05-15",
        places=("072006",),
        themes=("lavoro", "welfare-e-inclusione"),
        methods=("focus-group",),
        iap2="coinvolgere",
        targets=("persone-con-disabilita", "famiglie"),
        participants=55,
        recruitment=Recruitment.TARGETED,
        budget="50k-150k",
        funding="Comune di Bari; fondi regionali per l'accessibilità; ricavi dei servizi",
        outcomes="Due spiagge accessibili aperte tutta l'estate; 3.400 ingressi di persone con disabilità nella prima stagione; otto inserimenti lavorativi all'anno.",
        evidence="Convenzione con il Comune; registro degli accessi.",
        lessons="Le famiglie conoscevano dettagli che nessun progettista avrebbe previsto, come la pendenza delle passerelle con la sabbia bagnata.",
        replicability="Replicabile su qualunque litorale; serve una concessione demaniale adatta e un gestore con esperienza di inserimento lavorativo.",
        quotes=(
            Quote(
                "Per la prima volta mia figlia ha fatto il bagno in mare con le sue amiche, senza che dovessimo portarla in braccio.",
                "Rocco Pellegrino",
                "Padre",
            ),
        ),
        organisations=(("cooperativa-sociale-mare-aperto", PROMOTER), ("comune-di-bari", PARTNER)),
        contact=(
            "Cooperativa sociale Mare Aperto",
            "spiagge@cooperativa-sociale-mare-aperto.example.org",
        ),
        days_ago=160,
    ),
    Demo(
        slug="marine-leccesi-legge-regionale-partecipazione",
        title="Le marine leccesi, un percorso sostenuto dalla legge pugliese sulla partecipazione",
        summary="Abitanti stagionali e residenti delle marine di Lecce hanno discusso con il Comune accessi al mare, dune e servizi, in un percorso finanziato dalla legge regionale pugliese 28/2017.",
        narrative=(
            "Le marine di Lecce si popolano d'estate e si svuotano d'inverno, con servizi pensati solo per i mesi caldi e dune minacciate dal calpestio. Il Comune ha candidato un percorso partecipativo al programma annuale della legge regionale sulla partecipazione.",
            "Il percorso ha alternato incontri d'estate, con i villeggianti, e d'inverno, con i residenti stabili, e un planning for real su una mappa delle marine. Un'associazione locale ha curato la facilitazione e il documento finale.",
        ),
        author="stefano.bruno",
        scale=M,
        status=CONCLUDED,
        start="2023-06-01",
        end="2024-02-29",
        places=("075035",),
        themes=("transizione-ecologica", "beni-comuni"),
        methods=("planning-for-real", "town-meeting"),
        iap2="coinvolgere",
        targets=("cittadinanza", "imprese"),
        participants=640,
        recruitment=Recruitment.OPEN,
        budget="20k-50k",
        funding="Programma annuale della partecipazione della Regione Puglia (L.R. 28/2017); Comune di Lecce",
        outcomes="Documento di proposta con 22 azioni; il Comune ha realizzato passerelle sulle dune in tre punti e un presidio di servizi aperto tutto l'anno.",
        evidence="Documento finale del percorso; delibera di presa d'atto; rapporto alla Regione.",
        lessons="Fare incontri in due stagioni diverse ha fatto emergere due comunità con bisogni diversi, entrambe legittime.",
        replicability="Replicabile in località turistiche stagionali; in Puglia il programma regionale ne sostiene i costi.",
        quotes=(
            Quote(
                "D'inverno qui restiamo in pochi. Per una volta il Comune ha ascoltato anche noi.",
                "Addolorata Miglietta",
                "Residente a San Cataldo",
            ),
        ),
        organisations=(
            ("comune-di-lecce", PROMOTER),
            ("laboratorio-urbano-salento-aps", FACILITATOR),
        ),
        contact=("Ufficio partecipazione", "marine@comune-di-lecce.example.org"),
        document="Documento finale del percorso partecipativo",
        days_ago=760,
        related=("centro-civico-ex-scuola-lecce",),
    ),
    Demo(
        slug="centro-civico-ex-scuola-lecce",
        title="Un centro civico in un'ex scuola di Lecce",
        summary="Un'ex scuola elementare chiusa da dieci anni è diventata un centro civico gestito da un'associazione con un patto di collaborazione: sale prova, laboratori, una biblioteca di quartiere.",
        narrative=(
            "L'edificio, in un quartiere residenziale senza luoghi di ritrovo, era chiuso e vandalizzato. Un'associazione di giovani ha proposto un riuso temporaneo, cominciando con un planning for real nel cortile per capire che cosa volessero gli abitanti.",
            "Il Comune ha sistemato il tetto e gli impianti; l'associazione gestisce gli spazi con un patto di collaborazione di cinque anni e un comitato di quartiere che decide il calendario.",
        ),
        author="stefano.bruno",
        scale=N,
        status=ONGOING,
        start="2022-09-15",
        places=("075035",),
        point=(40.3461, 18.1604),
        themes=("cultura", "giovani", "rigenerazione-urbana"),
        methods=("planning-for-real",),
        iap2="collaborare",
        targets=("giovani", "cittadinanza"),
        participants=300,
        recruitment=Recruitment.OPEN,
        budget="50k-150k",
        funding="Comune di Lecce; bandi regionali per le politiche giovanili",
        outcomes="Centro aperto cinque giorni su sette; tre sale prova; una biblioteca di quartiere con 4.000 libri donati.",
        evidence="Patto di collaborazione; rendiconto annuale dell'associazione.",
        lessons="Partire con attività temporanee ha permesso di dimostrare che il progetto funzionava prima di chiedere investimenti.",
        replicability="Adatto a edifici pubblici dismessi; la sicurezza degli impianti va risolta dal Comune prima dell'affidamento.",
        quotes=(
            Quote(
                "In questa scuola ho fatto le elementari. Adesso ci suono con la mia band.",
                "Stefano Bruno",
                "Presidente dell'associazione",
            ),
        ),
        organisations=(("comune-di-lecce", PROMOTER), ("laboratorio-urbano-salento-aps", PARTNER)),
        contact=(
            "Laboratorio Urbano Salento APS",
            "centrocivico@laboratorio-urbano-salento-aps.example.org",
        ),
        days_ago=520,
    ),
    Demo(
        slug="bene-confiscato-ballaro-palermo",
        title="Un bene confiscato restituito al quartiere di Ballarò",
        summary="Un palazzo confiscato alla mafia nel quartiere di Ballarò è diventato, dopo un percorso di ascolto degli abitanti, un centro per ragazze e ragazzi con doposcuola, laboratori di artigianato e una cucina di comunità.",
        narrative=(
            "Il palazzo, confiscato a un clan del quartiere, era stato assegnato al Comune ma restava vuoto. Prima di pubblicare l'avviso per l'assegnazione a un ente del Terzo Settore, il Comune ha chiesto agli abitanti di Ballarò che cosa ne avrebbero voluto fare.",
            "Il percorso si è svolto nelle strade del mercato e nelle scuole, con interviste, focus group con i giovani e un'assemblea pubblica nella piazza. Le indicazioni emerse sono diventate criteri dell'avviso pubblico, vinto da un'associazione antimafia insieme a una cooperativa di cucina sociale.",
            "Oggi il palazzo ospita un doposcuola, laboratori di artigianato con i maestri del quartiere e una cucina di comunità che prepara pasti per le famiglie in difficoltà e forma giovani cuochi.",
        ),
        author="martina.conti",
        scale=N,
        status=ONGOING,
        start="2022-02-01",
        places=("082053",),
        point=(38.1122, 13.3575),
        themes=("legalita", "giovani", "welfare-e-inclusione"),
        methods=("focus-group", "town-meeting"),
        iap2="coinvolgere",
        targets=("giovani", "bambini-e-ragazzi", "persone-in-difficolta-economica"),
        participants=420,
        recruitment=Recruitment.OPEN,
        budget="150k-500k",
        funding="Fondi per la valorizzazione dei beni confiscati; fondazione di origine bancaria; Comune di Palermo",
        outcomes="Centro aperto dal 2023; 150 ragazzi al doposcuola ogni anno; 30 giovani formati in cucina, 11 assunti nella ristorazione.",
        evidence="Avviso pubblico con i criteri emersi dall'ascolto; convenzione di assegnazione; rapporto annuale.",
        lessons="Chiedere agli abitanti prima dell'avviso ha cambiato il senso del bene confiscato: da simbolo del potere del clan a luogo del quartiere.",
        replicability="Replicabile per ogni bene confiscato assegnato a un comune; l'ascolto va fatto nei luoghi di vita, non negli uffici.",
        quotes=(
            Quote(
                "Da bambina passavo davanti a quel portone abbassando gli occhi. Adesso ci entro ogni giorno a insegnare.",
                "Giusi Lo Piccolo",
                "Educatrice",
            ),
            Quote(
                "In cucina ho imparato un mestiere. E ho imparato che questo posto adesso è nostro.",
                "Emmanuel Okafor",
                "Giovane cuoco",
            ),
        ),
        organisations=(("comune-di-palermo", PROMOTER),),
        contact=("Martina Conti", "ballaro@example.org"),
        images=2,
        days_ago=340,
        english=English(
            title="A confiscated building given back to the Ballarò neighbourhood",
            summary="A building confiscated from the mafia in Palermo's Ballarò district became, after listening to residents, a centre for young people with after-school support, craft workshops and a community kitchen.",
            narrative=(
                "The building, confiscated from a local clan, had been assigned to the city but stood empty. Before publishing the call to assign it to a third-sector organisation, the city asked Ballarò residents what they would like to do with it.",
                "The process took place in the market streets and in schools, with interviews, focus groups with young people and a public assembly in the square. The indications that emerged became criteria of the public call, won by an anti-mafia association together with a social catering cooperative.",
                "Today the building hosts after-school support, craft workshops with the neighbourhood's artisans and a community kitchen that cooks meals for families in need and trains young cooks.",
            ),
            outcomes="Centre open since 2023; 150 children in after-school support every year; 30 young people trained as cooks, 11 hired by restaurants.",
            lessons="Asking residents before the call changed the meaning of the confiscated building: from a symbol of the clan's power to a place of the neighbourhood.",
            quotes=(
                "As a girl I walked past that door looking down. Now I go in every day to teach.",
                "In the kitchen I learnt a trade. And I learnt that this place is ours now.",
            ),
        ),
    ),
    Demo(
        slug="patto-spiaggia-urbana-sferracavallo",
        title="Un patto di collaborazione per la spiaggia urbana di Sferracavallo",
        summary="Un gruppo di abitanti che da anni pulisce una piccola spiaggia della borgata di Sferracavallo sta preparando con il Comune di Palermo un patto di collaborazione per curarla e renderla accessibile.",
        narrative=(
            "Ogni domenica mattina, da tre anni, un gruppo di abitanti raccoglie rifiuti sulla piccola spiaggia della borgata. Ora vuole fare un passo in più: un accordo con il Comune per la cura stabile dell'area, nuove rastrelliere, cestini e una passerella.",
            "Il percorso, appena avviato, prevede una passeggiata con i tecnici comunali e due incontri aperti per scrivere la proposta di patto.",
        ),
        author="martina.conti",
        scale=N,
        status=PLANNED,
        starts_in=40,
        places=("082053",),
        point=(38.2009, 13.2780),
        themes=("beni-comuni", "transizione-ecologica"),
        methods=("passeggiata-di-quartiere",),
        iap2="collaborare",
        targets=("cittadinanza", "famiglie"),
        participants=30,
        recruitment=Recruitment.OPEN,
        budget="lt5k",
        funding="Autofinanziamento; materiali dal Comune di Palermo",
        outcomes="Il percorso deve ancora iniziare: l'obiettivo è firmare il patto prima della prossima estate.",
        lessons="Già dalla preparazione: documentare tre anni di pulizie con foto e pesi dei rifiuti raccolti ha convinto gli uffici a incontrarci.",
        replicability="Un esempio di come un gruppo informale possa arrivare a un patto partendo da un'attività volontaria.",
        quotes=(
            Quote(
                "Abbiamo raccolto più di due tonnellate di rifiuti. Ora vogliamo che la spiaggia resti pulita anche quando non ci siamo noi.",
                "Gabriele Lombardo",
                "Portavoce del gruppo",
            ),
        ),
        organisations=(("comune-di-palermo", PROMOTER),),
        contact=("Gabriele Lombardo", "spiaggia.sferracavallo@example.org"),
        days_ago=15,
        related=("bene-confiscato-ballaro-palermo",),
    ),
    Demo(
        slug="cooperative-di-comunita-appennino-centrale",
        title="Cooperative di comunità nei piccoli paesi dell'Appennino centrale",
        summary="Una ricerca-azione universitaria ha accompagnato gli abitanti di tre piccoli paesi dell'Abruzzo e del Molise nella nascita di cooperative di comunità per tenere aperti bar, negozio e servizi turistici.",
        narrative=(
            "Nei paesi sotto i mille abitanti la chiusura dell'ultimo negozio o del bar segna spesso l'inizio dello spopolamento. Un laboratorio universitario ha proposto a tre comunità dell'Appennino centrale un percorso per capire se una cooperativa di comunità potesse gestire insieme questi servizi.",
            "Con il metodo dell'appreciative inquiry, gli abitanti hanno raccolto le risorse del paese: competenze, edifici, prodotti, storie. Laboratori di co-progettazione hanno poi definito i piani d'impresa. In due paesi la cooperativa è nata, nel terzo il percorso ha prodotto un'associazione.",
        ),
        author="davide.mancini",
        scale=IM,
        status=CONCLUDED,
        start="2022-04-01",
        end="2024-03-31",
        places=("066045", "094006", "094009"),
        themes=("aree-interne", "lavoro", "welfare-e-inclusione"),
        methods=("appreciative-inquiry", "laboratorio-di-co-progettazione"),
        iap2="potenziare",
        targets=("cittadinanza", "anziani", "giovani"),
        participants=210,
        recruitment=Recruitment.OPEN,
        budget="50k-150k",
        funding="Fondi di ricerca universitari; fondazione di origine bancaria; Strategia nazionale per le aree interne",
        outcomes="Due cooperative di comunità costituite, con 140 soci complessivi; un bar-emporio e un servizio di ospitalità diffusa aperti; sei posti di lavoro per giovani del posto.",
        evidence="Atti costitutivi delle cooperative; rapporto della ricerca-azione.",
        lessons="Dove la comunità era divisa la cooperativa non è nata: il percorso ha però lasciato un'associazione e relazioni nuove.",
        replicability="Replicabile nei piccoli comuni delle aree interne; servono almeno due anni e un accompagnamento gestionale nei primi esercizi.",
        quotes=(
            Quote(
                "Il bar stava per chiudere. Ora è nostro: siamo in novanta soci su trecento abitanti.",
                "Nicola Di Iorio",
                "Presidente di una cooperativa di comunità",
            ),
            Quote(
                "Sono tornata dopo l'università per lavorare nella cooperativa. Qualche anno fa non l'avrei immaginato.",
                "Ilenia Sciullo",
                "Socia lavoratrice",
            ),
        ),
        organisations=(
            ("laboratorio-studi-partecipazione-urbino", PROMOTER),
            ("rete-italiana-partecipazione-civica", PARTNER),
        ),
        contact=(
            "Laboratorio di studi sulla partecipazione",
            "cooperative@laboratorio-studi-partecipazione-urbino.example.org",
        ),
        evaluation=True,
        days_ago=590,
    ),
    Demo(
        slug="giuria-cittadini-acqua-basilicata",
        title="Una giuria di cittadini sulla gestione dell'acqua in Basilicata",
        summary="Venticinque cittadini lucani estratti a sorte ascolteranno esperti, gestori e associazioni e formuleranno raccomandazioni sulla gestione dell'acqua in una regione che la esporta ma ne soffre la scarsità.",
        narrative=(
            "La Basilicata fornisce acqua anche alle regioni vicine, ma negli ultimi anni ha vissuto crisi idriche e razionamenti. Un centro di ricerca universitario e una rete nazionale di facilitatori hanno proposto una giuria di cittadini per dare voce agli abitanti su priorità e tariffe.",
            "La giuria, composta da 25 persone estratte a sorte da tutte le province, si riunirà in quattro sessioni. Le raccomandazioni saranno consegnate al Consiglio regionale e all'ente di governo dell'ambito idrico.",
        ),
        author="emanuele.santoro",
        scale=RG,
        status=PLANNED,
        starts_in=120,
        region="17",
        themes=("transizione-ecologica", "beni-comuni"),
        methods=("giuria-di-cittadini",),
        iap2="collaborare",
        targets=("cittadinanza",),
        participants=25,
        recruitment=Recruitment.RANDOM,
        budget="20k-50k",
        funding="Fondi di ricerca; fondazione di origine bancaria",
        outcomes="Il percorso deve ancora iniziare: il risultato atteso è un verdetto motivato consegnato alla Regione.",
        replicability="Il protocollo della giuria sarà pubblicato per essere riusato su altri beni comuni regionali.",
        quotes=(
            Quote(
                "Una questione così tecnica ha bisogno di cittadini informati, non di sondaggi.",
                "Giuseppina Laurenzana",
                "Ricercatrice",
            ),
        ),
        organisations=(
            ("centro-ricerca-democrazia-locale-bari", PROMOTER),
            ("rete-italiana-partecipazione-civica", FACILITATOR),
        ),
        contact=(
            "Centro di ricerca sulla democrazia locale",
            "giuria.acqua@centro-ricerca-democrazia-locale-bari.example.org",
        ),
        days_ago=10,
    ),
    # --- The workflow at work: in review, sent back, drafts, rejected --------------------
    Demo(
        slug="residenze-artistiche-borghi-montefeltro",
        title="Residenze artistiche nei borghi del Montefeltro",
        summary="Tre piccoli comuni del Montefeltro ospitano artisti in residenza che lavorano con gli abitanti su memorie, mestieri e paesaggio: ogni residenza si chiude con un'opera restituita al paese.",
        narrative=(
            "Cagli, Apecchio e Piobbico perdono abitanti da decenni, ma conservano saperi e luoghi che rischiano di essere dimenticati. Il progetto invita ogni anno sei artisti a vivere per un mese in uno dei paesi, ospitati dalle famiglie.",
            "Gli artisti lavorano con gli abitanti in laboratori aperti: raccolgono storie, imparano mestieri, esplorano il paesaggio. Ogni residenza si conclude con un'opera (un murale, un'installazione, uno spettacolo) che resta al paese.",
        ),
        author="sara.lombardi",
        scale=IM,
        status=ONGOING,
        start="2025-04-01",
        places=("041007", "041002", "041049"),
        themes=("cultura", "aree-interne"),
        methods=("appreciative-inquiry",),
        iap2="coinvolgere",
        targets=("cittadinanza", "anziani"),
        participants=180,
        recruitment=Recruitment.OPEN,
        budget="20k-50k",
        funding="Fondazione Cassa di Risparmio delle Due Valli; comuni aderenti",
        outcomes="Sei residenze nel primo anno, quattro opere permanenti, 180 abitanti coinvolti nei laboratori.",
        lessons="L'ospitalità in famiglia è il cuore del progetto: gli artisti diventano parte della comunità.",
        replicability="Adatto a piccoli comuni con case disponibili e una rete di associazioni culturali.",
        quotes=(
            Quote(
                "Ho ospitato una pittrice per un mese. Mi ha insegnato a guardare il mio paese con occhi nuovi.",
                "Adriana Fabbri",
                "Abitante di Piobbico",
            ),
        ),
        organisations=(("pesaro-partecipa-aps", PROMOTER), ("fondazione-carisp-due-valli", FUNDER)),
        contact=("Sara Lombardi", "residenze@pesaro-partecipa-aps.example.org"),
        days_ago=3,
        state=State.SUBMITTED,
    ),
    Demo(
        slug="coabitazione-solidale-reggio-emilia",
        title="Coabitazione solidale tra giovani e anziani a Reggio Emilia",
        summary="Studenti e giovani lavoratori vivono in casa di persone anziane sole, in cambio di compagnia e piccoli aiuti: le regole dell'abbinamento e dell'accompagnamento sono state scritte con le famiglie.",
        narrative=(
            "Molte persone anziane vivono sole in case troppo grandi, mentre studenti e giovani lavoratori non trovano affitti sostenibili. Il progetto li fa incontrare, con un accompagnamento professionale.",
            "Prima di partire, tre focus group con persone anziane, figli e giovani hanno definito i criteri di abbinamento, un patto di convivenza tipo e il ruolo dell'operatrice che segue ogni coppia.",
        ),
        author="silvia.fontana",
        scale=M,
        status=ONGOING,
        start="2024-09-01",
        places=("035033",),
        themes=("abitare", "invecchiamento-attivo", "giovani"),
        methods=("focus-group",),
        iap2="coinvolgere",
        targets=("anziani", "giovani", "famiglie"),
        participants=45,
        recruitment=Recruitment.TARGETED,
        budget="20k-50k",
        funding="Comune di Reggio Emilia; bando regionale per l'invecchiamento attivo",
        outcomes="Quattordici coabitazioni avviate nel primo anno, dodici ancora in corso.",
        lessons="Il patto di convivenza scritto insieme evita la maggior parte dei conflitti.",
        replicability="Replicabile in città universitarie; serve un'operatrice dedicata.",
        quotes=(
            Quote(
                "La sera ceniamo insieme e mi racconta dell'università. La casa non è più silenziosa.",
                "Bruna Manfredi",
                "Padrona di casa, 81 anni",
            ),
        ),
        organisations=(("comune-di-reggio-emilia", PROMOTER),),
        contact=("Silvia Fontana", "coabitare@comune-di-reggio-emilia.example.org"),
        days_ago=6,
        state=State.SUBMITTED,
        related=("architetti-di-quartiere-rosta-nuova",),
    ),
    Demo(
        slug="comunita-energetica-quartiere-san-donato",
        title="Comunità energetica a San Donato",
        summary="Il percorso per costituire una comunità energetica con la parrocchia, la scuola e i condomini di San Donato: la più bella iniziativa di transizione ecologica della città!",
        narrative=(
            "Un gruppo di abitanti di San Donato vuole costituire una comunità energetica rinnovabile con la parrocchia, la scuola media e tre condomini, sul modello dell'Arcella di Padova.",
            "Sono previsti incontri informativi e laboratori per decidere forma giuridica e regole di ripartizione degli incentivi.",
        ),
        author="giorgio.ferri",
        scale=N,
        status=PLANNED,
        starts_in=90,
        places=("037006",),
        point=(44.5029, 11.3722),
        themes=("transizione-ecologica",),
        methods=("laboratorio-di-co-progettazione",),
        iap2="potenziare",
        targets=("famiglie",),
        recruitment=Recruitment.OPEN,
        organisations=(("quartieri-in-rete-aps", PROMOTER),),
        contact=("Giorgio Ferri", "cer.sandonato@example.org"),
        days_ago=4,
        state=State.CHANGES_REQUESTED,
        review="Grazie per la scheda, il percorso è interessante. Prima della pubblicazione: riscrivi la sintesi in modo descrittivo (non promozionale), indica quante persone pensate di coinvolgere e come, e una stima del budget. Se possibile aggiungi una testimonianza di chi ha già partecipato agli incontri preparatori.",
    ),
    Demo(
        slug="scuola-aperta-pomeriggio-bolognina",
        title="Scuola aperta il pomeriggio in Bolognina",
        summary="Una scuola media della Bolognina apre gli spazi il pomeriggio ad associazioni e famiglie, con un calendario deciso insieme da studenti, genitori e insegnanti.",
        narrative=(
            "Dopo il laboratorio di Borgo Panigale, vorremmo provare lo stesso percorso con una scuola media della Bolognina. Da completare: calendario degli incontri e associazioni coinvolte.",
        ),
        author="contributore",
        scale=N,
        status=PLANNED,
        starts_in=60,
        places=("037006",),
        themes=("educazione", "giovani"),
        methods=("laboratorio-di-co-progettazione",),
        organisations=(("quartieri-in-rete-aps", PROMOTER),),
        days_ago=2,
        state=State.DRAFT,
        replicates="laboratorio-quartiere-borgo-panigale-reno",
    ),
    Demo(
        slug="tavolo-giovani-santo-stefano",
        title="Tavolo dei giovani del quartiere Santo Stefano",
        summary="Idea in preparazione: un tavolo permanente tra gruppi giovanili, quartiere e associazioni sportive.",
        narrative=(),
        author="contributore",
        scale=N,
        status=PLANNED,
        places=("037006",),
        themes=("giovani",),
        organisations=(),
        days_ago=8,
        state=State.DRAFT,
    ),
    Demo(
        slug="presentazione-piano-commercio-ascoli",
        title="Presentazione del piano del commercio di Ascoli Piceno",
        summary="Un convegno pubblico in cui l'amministrazione ha illustrato a commercianti e cittadini il nuovo piano del commercio del centro storico.",
        narrative=(
            "Il convegno si è svolto nella sala consiliare con la partecipazione di circa cento persone. Dopo la relazione dell'assessore e dei tecnici, il piano è stato pubblicato sul sito del Comune.",
        ),
        author="lorenzo.costa",
        scale=M,
        status=CONCLUDED,
        start="2025-05-20",
        end="2025-05-20",
        places=("044007",),
        themes=("lavoro",),
        iap2="informare",
        targets=("imprese",),
        participants=100,
        recruitment=Recruitment.OPEN,
        organisations=(("comune-di-ascoli-piceno", PROMOTER),),
        contact=("Lorenzo Costa", "commercio@comune-di-ascoli-piceno.example.org"),
        days_ago=25,
        state=State.REJECTED,
        review="La scheda descrive un singolo convegno di presentazione, senza momenti di ascolto o di confronto e senza un seguito: non rientra nel catalogo delle esperienze partecipative. Se il Comune avvierà la consultazione sul piano annunciata durante il convegno, potrai proporla come nuova esperienza.",
    ),
)

# Whom the demo logins follow, so that their lists are not empty.
FOLLOWS = {
    "partecipante": (
        "pums-partecipato-pesaro",
        "consulta-giovani-ascoli-piceno",
        "bilancio-partecipativo-quartiere-navile",
    ),
    "contributore": (
        "assemblea-cittadina-clima-reggio-emilia",
        "regolamento-beni-comuni-ascoli-piceno",
    ),
}
FEEDBACK_COMMENTS_YES = (
    "Molto chiara, la useremo per proporre qualcosa di simile nel nostro comune.",
    "Utile soprattutto la parte sulle lezioni apprese.",
    "Ottimo esempio, grazie per aver condiviso i documenti.",
)
FEEDBACK_COMMENTS_NO = (
    "Mancano i costi dettagliati delle singole fasi.",
    "Vorrei sapere di più su come sono stati scelti i partecipanti.",
)


@dataclass
class _Context:
    """Everything the experiences point at, loaded once by natural key."""

    users: dict[str, User]
    organisations: dict[str, Organisation]
    themes: dict[str, Theme]
    methods: dict[str, ParticipatoryMethod]
    levels: dict[str, IAP2Level]
    targets: dict[str, TargetGroup]
    comuni: dict[str, Municipality]
    provinces: dict[str, Province]
    regions: dict[str, Region]
    experiences: dict[str, Experience]

    @classmethod
    def load(cls) -> "_Context":
        codes = {code for demo in EXPERIENCES for code in demo.places}
        return cls(
            users={
                user.email.removesuffix(DOMAIN): user
                for user in User.objects.filter(email__endswith=DOMAIN, is_active=True)
            },
            organisations={
                organisation.slug: organisation
                for organisation in Organisation.objects.filter(
                    slug__in={slug for demo in EXPERIENCES for slug, _role in demo.organisations}
                ).only("pk", "slug", "name")
            },
            themes={theme.slug: theme for theme in Theme.objects.all()},
            methods={method.slug: method for method in ParticipatoryMethod.objects.all()},
            levels={level.slug: level for level in IAP2Level.objects.all()},
            targets={group.slug: group for group in TargetGroup.objects.all()},
            comuni={
                comune.istat_code: comune
                for comune in Municipality.objects.filter(istat_code__in=codes).only(
                    "pk", "istat_code", "name"
                )
            },
            provinces={
                province.istat_code: province
                for province in Province.objects.filter(
                    istat_code__in={demo.province for demo in EXPERIENCES if demo.province}
                ).only("pk", "istat_code", "name")
            },
            regions={
                region.istat_code: region
                for region in Region.objects.filter(
                    istat_code__in={demo.region for demo in EXPERIENCES if demo.region}
                ).only("pk", "istat_code", "name")
            },
            experiences={
                experience.slug: experience
                for experience in Experience.objects.filter(
                    slug__in=[demo.slug for demo in EXPERIENCES]
                ).only(
                    "pk", "slug", "state", "author_id", "replicated_from_id", "replication_count"
                )
            },
        )

    def ready(self, demo: Demo) -> bool:
        """Whether this database has the places and the author the experience needs."""
        return (
            all(code in self.comuni for code in demo.places)
            and (not demo.province or demo.province in self.provinces)
            and (not demo.region or demo.region in self.regions)
            and demo.author in self.users
        )

    def reviewer(self, author: User) -> User | None:
        return next(
            (
                self.users[name]
                for name in REVIEWERS
                if name in self.users and self.users[name] != author
            ),
            None,
        )


def _paragraphs(texts: Iterable[str]) -> str:
    return sanitise_html("".join(f"<p>{text}</p>" for text in texts))


# Names for the colours of the generated illustrations: (singular, plural, RGB).
COLOURS = (
    ("blu notte", "blu notte", (0, 38, 77)),
    ("blu", "blu", (0, 51, 102)),
    ("azzurro", "azzurri", (0, 102, 204)),
    ("viola", "viola", (92, 45, 145)),
    ("verde", "verdi", (0, 128, 85)),
    ("verde petrolio", "verde petrolio", (0, 77, 64)),
    ("verde acqua", "verde acqua", (0, 137, 123)),
    ("ocra", "ocra", (153, 92, 0)),
    ("arancione", "arancioni", (204, 51, 0)),
    ("rosso", "rossi", (183, 25, 24)),
    ("nero", "neri", (26, 26, 26)),
    ("bianco", "bianchi", (250, 250, 250)),
)


# The colours above as a palette (repeated to 256 entries, so that no pixel falls on
# the black padding of a short palette): the image is mapped onto it in C.
PALETTE = PILImage.new("P", (1, 1))
PALETTE.putpalette([value for n in range(256) for value in COLOURS[n % len(COLOURS)][2]])


def describe_illustration(file: File) -> str:
    """Alt text read from the picture's pixels: the background is the commonest colour,
    the shapes are the others covering a visible share of it."""
    file.seek(0)
    with PILImage.open(file) as picture:
        mapped = picture.convert("RGB").quantize(palette=PALETTE, dither=PILImage.Dither.NONE)
        histogram = mapped.histogram()
    file.seek(0)
    shares = [sum(histogram[n :: len(COLOURS)]) for n in range(len(COLOURS))]
    ranked = sorted(range(len(COLOURS)), key=shares.__getitem__, reverse=True)
    shapes = [COLOURS[n][1] for n in ranked[1:] if shares[n] >= sum(shares) * 0.005]
    return (
        f"Illustrazione astratta: cerchi e rettangoli {' e '.join(shapes) or 'in tinta'} "
        f"su fondo {COLOURS[ranked[0]][0]}."
    )


def _image(demo: Demo, n: int) -> ExperienceImage:
    picture = illustration(f"{demo.slug}-{n}", width=IMAGE_SIZE[0], height=IMAGE_SIZE[1])
    return ExperienceImage(
        image=picture,
        alt_text=describe_illustration(picture),
        caption=("Illustrazione di copertina" if n == 0 else "Illustrazione di repertorio")
        + ", generata automaticamente per l'hub dimostrativo.",
        sort_order=n,
    )


def _children(demo: Demo, context: _Context) -> dict[str, list]:
    english = demo.english
    quotes_en = english.quotes if english else ()
    images = [_image(demo, n) for n in range(demo.images)]
    links = [
        ExperienceLink(title=title, url=url, kind=ExperienceLink.Kind.LINK, sort_order=n)
        for n, (title, url) in enumerate(demo.links)
    ]
    if demo.video:
        links.append(
            ExperienceLink(
                title=demo.video[0],
                url=demo.video[1],
                kind=ExperienceLink.Kind.VIDEO,
                sort_order=len(links),
            )
        )
    documents = []
    if demo.document:
        documents.append(
            ExperienceDocument(
                title=demo.document,
                file=ContentFile(
                    pdf(demo.document, [demo.title, demo.summary, demo.outcomes, DISCLAIMER]),
                    name=f"{demo.slug[:50]}.pdf",
                ),
            )
        )
    return {
        "organisations": [
            ExperienceOrganisation(
                organisation=context.organisations[slug], role=role, sort_order=n
            )
            for n, (slug, role) in enumerate(demo.organisations)
            if slug in context.organisations
        ],
        "testimonials": [
            Testimonial(
                quote=quote.text,
                quote_en=quotes_en[n] if n < len(quotes_en) else "",
                person_name=quote.name,
                role=quote.role,
                organisation_name=quote.organisation,
                sort_order=n,
            )
            for n, quote in enumerate(demo.quotes)
        ],
        "images": images,
        "links": links,
        "documents": documents,
    }


def _reviews(
    demo: Demo,
    author: User,
    reviewer: User | None,
    submitted: datetime.datetime | None,
    last: datetime.datetime,
) -> list[ExperienceReview]:
    if submitted is None:
        return []
    steps = [ExperienceReview(action=ReviewAction.SUBMITTED, actor=author, created_at=submitted)]
    decision = {
        State.PUBLISHED: ReviewAction.APPROVED,
        State.CHANGES_REQUESTED: ReviewAction.CHANGES_REQUESTED,
        State.REJECTED: ReviewAction.REJECTED,
    }.get(State(demo.state))
    if decision:
        steps.append(
            ExperienceReview(action=decision, actor=reviewer, comment=demo.review, created_at=last)
        )
    return steps


def _create(demo: Demo, context: _Context, now: datetime.datetime) -> Experience:
    author = context.users[demo.author]
    english = demo.english
    last = now - datetime.timedelta(days=demo.days_ago)
    # Published a few days after being sent; sent back or rejected a few days after.
    submitted = {
        State.PUBLISHED: last - datetime.timedelta(days=5),
        State.SUBMITTED: last,
        State.CHANGES_REQUESTED: last - datetime.timedelta(days=3),
        State.REJECTED: last - datetime.timedelta(days=4),
    }.get(State(demo.state))
    start = (
        datetime.date.fromisoformat(demo.start)
        if demo.start
        else (now.date() + datetime.timedelta(days=demo.starts_in) if demo.starts_in else None)
    )
    experience = Experience(
        slug=demo.slug,
        title=demo.title,
        title_en=english.title if english else "",
        summary=demo.summary,
        summary_en=english.summary if english else "",
        narrative=_paragraphs(demo.narrative),
        narrative_en=_paragraphs(english.narrative) if english else "",
        scale=demo.scale,
        province=context.provinces.get(demo.province),
        region=context.regions.get(demo.region),
        latitude=Decimal(f"{demo.point[0]:.5f}") if demo.point else None,
        longitude=Decimal(f"{demo.point[1]:.5f}") if demo.point else None,
        start_date=start,
        end_date=datetime.date.fromisoformat(demo.end) if demo.end else None,
        status=demo.status,
        iap2_level=context.levels.get(demo.iap2),
        participants_count=demo.participants,
        recruitment=demo.recruitment,
        recruitment_notes=demo.recruitment_notes,
        budget_band=demo.budget,
        funding_sources=demo.funding,
        outcomes=demo.outcomes,
        outcomes_en=english.outcomes if english else "",
        evidence=demo.evidence,
        has_evaluation=demo.evaluation,
        lessons=demo.lessons,
        lessons_en=english.lessons if english else "",
        replicability=demo.replicability,
        contact_name=demo.contact[0],
        contact_email=demo.contact[1],
        website=demo.website,
        replicated_from=context.experiences.get(demo.replicates),
        state=demo.state,
        author=author,
        review_comment=demo.review,
        created_at=(submitted or last) - datetime.timedelta(days=21),
        updated_at=last,
        submitted_at=submitted,
        published_at=last if demo.state == State.PUBLISHED else None,
    )
    if demo.report:
        experience.evaluation_report = ContentFile(
            pdf(
                "Rapporto di valutazione",
                [
                    demo.title,
                    f"A cura di: {demo.report}",
                    f"Sintesi. {demo.summary}",
                    f"Risultati. {demo.outcomes}",
                    f"Evidenze. {demo.evidence}",
                    f"Lezioni apprese. {demo.lessons}",
                    DISCLAIMER,
                ],
            ),
            name=f"valutazione-{demo.slug[:40]}.pdf",
        )
    experience.municipalities = [context.comuni[code] for code in demo.places]
    experience.themes = [context.themes[slug] for slug in demo.themes if slug in context.themes]
    experience.methods = [context.methods[slug] for slug in demo.methods if slug in context.methods]
    experience.target_groups = [
        context.targets[slug] for slug in demo.targets if slug in context.targets
    ]
    for name, rows in _children(demo, context).items():
        setattr(experience, name, rows)
    experience.reviews = _reviews(demo, author, context.reviewer(author), submitted, last)
    experience.save()  # children, parental many-to-many and the search index
    experience_refresh_derived(experience)
    revision = experience.save_revision(user=author)
    # The index task is queued for the worker; seed_demo may run without one.
    search_index.insert_or_update_object(experience)
    # The back-office history dates the version to the last edit, not to the seed.
    Revision.objects.filter(pk=revision.pk).update(created_at=last)
    return experience


def _relations(context: _Context) -> None:
    """Links to experiences created in this or a later run (places loaded since)."""
    experiences = context.experiences
    for demo in EXPERIENCES:
        experience = experiences.get(demo.slug)
        if experience is None:
            continue
        targets = [experiences[slug] for slug in demo.related if slug in experiences]
        if targets:
            experience.related_experiences.add(*targets)
        original = experiences.get(demo.replicates)
        if original and experience.replicated_from_id is None:
            Experience.objects.filter(pk=experience.pk).update(replicated_from=original)
            experience.replicated_from_id = original.pk
        for name, accepted in demo.coauthors:
            if name in context.users:
                ExperienceCoauthor.objects.get_or_create(
                    experience=experience,
                    user=context.users[name],
                    defaults={
                        "invited_by_id": experience.author_id,
                        "accepted_at": timezone.now() if accepted else None,
                    },
                )
    counts = dict(
        Experience.objects.filter(pk__in=[e.pk for e in experiences.values()])
        .annotate(
            published_replications=Count(
                "replications", filter=Q(replications__state=State.PUBLISHED)
            )
        )
        .values_list("pk", "published_replications")
    )
    for experience in experiences.values():
        if experience.replication_count != counts[experience.pk]:
            Experience.objects.filter(pk=experience.pk).update(
                replication_count=counts[experience.pk]
            )


def _engagement(created: list[Experience], context: _Context, now: datetime.datetime) -> int:
    """«È stata utile?» answers and followers for newly published experiences, with the
    counters matching the rows; the demo logins follow a few experiences."""
    people = sorted(
        (user for user in context.users.values() if user.role != Role.PROMOTER),
        key=lambda user: user.email,
    )
    answers = 0
    experience_type = ContentType.objects.get_for_model(Experience)
    for experience in created:
        if experience.state != State.PUBLISHED or experience.published_at is None:
            continue
        rng = random.Random(experience.slug)
        others = [user for user in people if user.pk != experience.author_id]
        age = max((now - experience.published_at).days, 1)
        rows = []
        for user in rng.sample(others, k=min(len(others), rng.randint(2, 9))):
            useful = rng.random() < 0.85
            comments = FEEDBACK_COMMENTS_YES if useful else FEEDBACK_COMMENTS_NO
            rows.append(
                ExperienceFeedback(
                    experience=experience,
                    user=user,
                    useful=useful,
                    comment=rng.choice(comments) if rng.random() < 0.3 else "",
                    created_at=now - datetime.timedelta(days=rng.randrange(age)),
                )
            )
        for n in range(rng.randint(0, 4)):
            rows.append(
                ExperienceFeedback(
                    experience=experience,
                    visitor_key=hashlib.sha256(f"{experience.slug}:{n}".encode()).hexdigest(),
                    useful=rng.random() < 0.8,
                    created_at=now - datetime.timedelta(days=rng.randrange(age)),
                )
            )
        ExperienceFeedback.objects.bulk_create(rows)
        yes = sum(row.useful for row in rows)
        Experience.objects.filter(pk=experience.pk).update(
            useful_yes=yes, useful_no=len(rows) - yes
        )
        answers += len(rows)
        Follow.objects.bulk_create(
            [
                Follow(user=user, content_type=experience_type, object_id=experience.pk)
                for user in rng.sample(others, k=min(len(others), rng.randint(0, 5)))
            ],
            ignore_conflicts=True,
        )
    for name, slugs in FOLLOWS.items():
        follower = context.users.get(name)
        for slug in slugs:
            followed = context.experiences.get(slug)
            if follower and followed and followed.state == State.PUBLISHED:
                Follow.objects.get_or_create(
                    user=follower, content_type=experience_type, object_id=followed.pk
                )
    return answers


def seed(log: Callable[[str], None]) -> None:
    context = _Context.load()
    now = timezone.now()
    created: list[Experience] = []
    postponed: list[str] = []
    for demo in EXPERIENCES:
        if demo.slug in context.experiences:
            continue
        if not context.ready(demo):
            postponed.append(demo.slug)
            continue
        experience = _create(demo, context, now)
        context.experiences[demo.slug] = experience
        created.append(experience)
    _relations(context)
    answers = _engagement(created, context, now)
    published = sum(experience.state == State.PUBLISHED for experience in created)
    log(
        f"esperienze: {len(created)} create ({published} pubblicate, {answers} riscontri), "
        f"{len(context.experiences) - len(created)} già presenti"
    )
    if postponed:
        log(
            f"esperienze: {len(postponed)} rimandate perché mancano comuni, regioni o persone "
            "dimostrative; esegui load_territories e di nuovo seed_demo"
        )
