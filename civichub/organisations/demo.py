"""Demo organisations: comuni, a region, ETS of every main RUNTS section, foundations, a
university lab, informal groups and companies, with members and pending requests.

Names of public bodies are real; every codice fiscale, IPA code, address detail, phone
number and website is fictitious (tax codes are valid but generated).
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from civichub.accounts.models import User
from civichub.taxonomy.models import Theme
from civichub.territories.models import Municipality, Region

from .models import ContributorApplication, Kind, Membership, Organisation

DEMO_DOMAIN = "@civichub.example"
CONTRIBUTOR_LOGIN = "contributore@civichub.example"
PARTICIPANT_LOGIN = "partecipante@civichub.example"


@dataclass(frozen=True)
class Demo:
    slug: str
    name: str
    kind: str
    seat: str  # ISTAT code of the comune
    address: str
    summary: str
    description: str
    competences: str
    themes: tuple[str, ...]
    pa_kind: str = ""
    runts_section: str = ""
    runts_number: str = ""
    regions: tuple[str, ...] = ()
    contributor: bool = False
    verified: bool = False
    tax_code: bool = True
    phone: str = ""
    extra_members: int = 1


def tax_code(slug: str, seat: str) -> str:
    """A valid, fictitious 11-digit codice fiscale (partita IVA algorithm): "9" marks a
    non-commercial body, then six digits from the slug and a provincial office code."""
    body = "9" + f"{int(hashlib.sha256(slug.encode()).hexdigest(), 16) % 10**6:06d}"
    office = int(seat[:3])
    body += f"{office if 1 <= office <= 100 else 99:03d}"
    total = 0
    for index, char in enumerate(body):
        digit = int(char)
        if index % 2:
            digit = digit * 2 - (9 if digit * 2 > 9 else 0)
        total += digit
    return body + str((10 - total % 10) % 10)


ORGANISATIONS: tuple[Demo, ...] = (
    Demo(
        slug="comune-di-bologna",
        name="Comune di Bologna",
        kind=Kind.PUBLIC_ADMINISTRATION,
        pa_kind="comune",
        seat="037006",
        address="Piazza Maggiore 6",
        summary="Patti di collaborazione, bilancio partecipativo e laboratori di quartiere.",
        description="L'amministrazione comunale promuove da anni la cura condivisa dei beni comuni con i patti di collaborazione e il bilancio partecipativo nei sei quartieri della città.\nL'ufficio partecipazione accompagna cittadini e associazioni dalla proposta alla firma del patto.",
        competences="Patti di collaborazione, bilancio partecipativo, laboratori di quartiere, co-progettazione con il Terzo Settore (art. 55 CTS).",
        themes=("beni-comuni", "rigenerazione-urbana", "welfare-e-inclusione"),
        regions=("08",),
        contributor=True,
        verified=True,
        phone="+39 051 555 0101",
        extra_members=2,
    ),
    Demo(
        slug="comune-di-reggio-emilia",
        name="Comune di Reggio Emilia",
        kind=Kind.PUBLIC_ADMINISTRATION,
        pa_kind="comune",
        seat="035033",
        address="Piazza Prampolini 1",
        summary="Laboratori di cittadinanza e accordi di quartiere.",
        description="Il Comune sperimenta gli accordi di cittadinanza: percorsi in cui abitanti, associazioni e amministrazione definiscono insieme progetti per ciascun quartiere e si impegnano a realizzarli.",
        competences="Architetti di quartiere, accordi di cittadinanza, facilitazione di assemblee pubbliche.",
        themes=("beni-comuni", "educazione", "giovani"),
        verified=True,
        phone="+39 0522 555 0102",
    ),
    Demo(
        slug="comune-di-ascoli-piceno",
        name="Comune di Ascoli Piceno",
        kind=Kind.PUBLIC_ADMINISTRATION,
        pa_kind="comune",
        seat="044007",
        address="Piazza Arringo 7",
        summary="Regolamento per l'amministrazione condivisa e consulta dei giovani.",
        description="Il Comune ha adottato un regolamento per l'amministrazione condivisa dei beni comuni urbani e sostiene la consulta giovanile nella progettazione degli spazi del centro storico.",
        competences="Amministrazione condivisa, consulte giovanili, rigenerazione del centro storico.",
        themes=("beni-comuni", "giovani", "cultura"),
        verified=True,
        phone="+39 0736 555 0103",
    ),
    Demo(
        slug="comune-di-pesaro",
        name="Comune di Pesaro",
        kind=Kind.PUBLIC_ADMINISTRATION,
        pa_kind="comune",
        seat="041044",
        address="Piazza del Popolo 1",
        summary="Consigli di quartiere e percorsi partecipati sulla mobilità.",
        description="Con i consigli di quartiere il Comune raccoglie proposte sulla mobilità dolce e sugli spazi pubblici, e le discute in passeggiate e assemblee aperte.",
        competences="Passeggiate di quartiere, piani della mobilità sostenibile partecipati.",
        themes=("mobilita", "rigenerazione-urbana"),
        phone="+39 0721 555 0104",
    ),
    Demo(
        slug="comune-di-torino",
        name="Comune di Torino",
        kind=Kind.PUBLIC_ADMINISTRATION,
        pa_kind="comune",
        seat="001272",
        address="Piazza Palazzo di Città 1",
        summary="Case del quartiere e regolamento dei beni comuni.",
        description="La Città sostiene la rete delle case del quartiere e applica il regolamento per il governo dei beni comuni urbani, con patti di collaborazione e co-progettazioni.",
        competences="Case del quartiere, patti di collaborazione, co-progettazione di servizi di prossimità.",
        themes=("beni-comuni", "welfare-e-inclusione", "abitare"),
        verified=True,
        phone="+39 011 555 0105",
        extra_members=2,
    ),
    Demo(
        slug="comune-di-milano",
        name="Comune di Milano",
        kind=Kind.PUBLIC_ADMINISTRATION,
        pa_kind="comune",
        seat="015146",
        address="Piazza della Scala 2",
        summary="Bilancio partecipativo e piani di quartiere.",
        description="L'amministrazione coinvolge i municipi e le reti civiche nel bilancio partecipativo e nella progettazione dei servizi di quartiere.",
        competences="Bilancio partecipativo, piattaforme di partecipazione online, piani di quartiere.",
        themes=("rigenerazione-urbana", "digitale", "mobilita"),
        phone="+39 02 555 0106",
    ),
    Demo(
        slug="comune-di-napoli",
        name="Comune di Napoli",
        kind=Kind.PUBLIC_ADMINISTRATION,
        pa_kind="comune",
        seat="063049",
        address="Piazza Municipio 1",
        summary="Usi civici e beni comuni emergenti.",
        description="Il Comune riconosce gli usi civici di alcuni immobili pubblici, gestiti da comunità di abitanti con dichiarazioni d'uso collettivo.",
        competences="Usi civici urbani, gestione collettiva di immobili pubblici.",
        themes=("beni-comuni", "cultura", "legalita"),
        phone="+39 081 555 0107",
    ),
    Demo(
        slug="comune-di-bari",
        name="Comune di Bari",
        kind=Kind.PUBLIC_ADMINISTRATION,
        pa_kind="comune",
        seat="072006",
        address="Corso Vittorio Emanuele II 84",
        summary="Laboratori urbani e co-progettazione dei servizi sociali.",
        description="Il Comune affida con procedure di co-progettazione i servizi di welfare di comunità e apre laboratori urbani nei quartieri periferici.",
        competences="Co-progettazione ai sensi dell'art. 55 CTS, laboratori urbani, welfare di comunità.",
        themes=("welfare-e-inclusione", "rigenerazione-urbana", "lavoro"),
        verified=True,
        phone="+39 080 555 0108",
    ),
    Demo(
        slug="comune-di-lecce",
        name="Comune di Lecce",
        kind=Kind.PUBLIC_ADMINISTRATION,
        pa_kind="comune",
        seat="075035",
        address="Via Rubichi 16",
        summary="Percorsi partecipati sul verde urbano e sulle marine.",
        description="Il Comune accompagna comitati e associazioni nella cura del verde pubblico e nella progettazione partecipata delle marine leccesi.",
        competences="Progettazione partecipata del verde, adozione di aree pubbliche.",
        themes=("transizione-ecologica", "beni-comuni"),
        phone="+39 0832 555 0109",
    ),
    Demo(
        slug="comune-di-palermo",
        name="Comune di Palermo",
        kind=Kind.PUBLIC_ADMINISTRATION,
        pa_kind="comune",
        seat="082053",
        address="Piazza Pretoria 1",
        summary="Beni confiscati restituiti alla comunità.",
        description="Il Comune assegna beni confiscati alla criminalità organizzata a enti del Terzo Settore con procedure trasparenti e percorsi di ascolto dei quartieri.",
        competences="Riuso sociale dei beni confiscati, tavoli di quartiere.",
        themes=("legalita", "beni-comuni", "welfare-e-inclusione"),
        phone="+39 091 555 0110",
    ),
    Demo(
        slug="unione-dei-comuni-della-bassa-romagna",
        name="Unione dei Comuni della Bassa Romagna",
        kind=Kind.PUBLIC_ADMINISTRATION,
        pa_kind="unione_comuni",
        seat="039012",
        address="Piazza dei Martiri 1, Lugo",
        summary="Nove comuni che progettano insieme welfare e partecipazione.",
        description="L'Unione gestisce in forma associata i servizi sociali e la partecipazione dei nove comuni aderenti, con percorsi comuni di co-progettazione con il Terzo Settore.",
        competences="Gestione associata dei servizi, percorsi partecipativi intercomunali.",
        themes=("welfare-e-inclusione", "aree-interne", "invecchiamento-attivo"),
        regions=("08",),
        verified=True,
        phone="+39 0545 555 0111",
    ),
    Demo(
        slug="regione-emilia-romagna",
        name="Regione Emilia-Romagna",
        kind=Kind.PUBLIC_ADMINISTRATION,
        pa_kind="regione",
        seat="037006",
        address="Viale Aldo Moro 52, Bologna",
        summary="Legge regionale sulla partecipazione e comunità di pratiche.",
        description="La Regione sostiene con un bando annuale i processi partecipativi degli enti locali e anima la comunità di pratiche partecipative che riunisce amministratori, funzionari e facilitatori.",
        competences="Finanziamento di processi partecipativi, formazione dei facilitatori, valutazione della partecipazione.",
        themes=("beni-comuni", "transizione-ecologica", "digitale"),
        regions=("08",),
        contributor=True,
        verified=True,
        phone="+39 051 555 0112",
        extra_members=2,
    ),
    Demo(
        slug="quartieri-in-rete-aps",
        name="Quartieri in Rete APS",
        kind=Kind.THIRD_SECTOR,
        runts_section="aps",
        runts_number="101234",
        seat="037006",
        address="Via del Pratello 21",
        summary="Facilitazione di comunità e laboratori di quartiere a Bologna.",
        description="Un'associazione di promozione sociale nata dall'esperienza dei laboratori di quartiere: facilita assemblee, world café e percorsi di co-progettazione con scuole, parrocchie e comitati.\nCura la formazione di facilitatori volontari.",
        competences="World café, open space technology, facilitazione di assemblee, formazione di facilitatori.",
        themes=("beni-comuni", "giovani", "welfare-e-inclusione"),
        regions=("08",),
        contributor=True,
        verified=True,
        phone="+39 051 555 0113",
        extra_members=2,
    ),
    Demo(
        slug="orti-in-comune-aps",
        name="Orti in Comune APS",
        kind=Kind.THIRD_SECTOR,
        runts_section="aps",
        runts_number="102877",
        seat="035033",
        address="Via Emilia all'Angelo 30",
        summary="Orti urbani condivisi e educazione ambientale.",
        description="L'associazione gestisce orti urbani condivisi affidati dal Comune con patti di collaborazione e organizza attività di educazione ambientale con le scuole primarie.",
        competences="Gestione di orti condivisi, educazione ambientale, patti di collaborazione.",
        themes=("transizione-ecologica", "educazione", "invecchiamento-attivo"),
        phone="+39 0522 555 0114",
    ),
    Demo(
        slug="volontari-del-tronto-odv",
        name="Volontari del Tronto ODV",
        kind=Kind.THIRD_SECTOR,
        runts_section="odv",
        runts_number="87512",
        seat="044007",
        address="Corso Mazzini 140",
        summary="Trasporto sociale e compagnia alle persone anziane sole.",
        description="Un'organizzazione di volontariato che accompagna le persone anziane alle visite mediche, consegna la spesa a domicilio e organizza pomeriggi di compagnia nei quartieri.",
        competences="Trasporto sociale, reti di vicinato, coordinamento di volontari.",
        themes=("invecchiamento-attivo", "welfare-e-inclusione", "salute"),
        regions=("11",),
        verified=True,
        phone="+39 0736 555 0115",
    ),
    Demo(
        slug="pronto-soccorso-sociale-odv",
        name="Pronto Soccorso Sociale ODV",
        kind=Kind.THIRD_SECTOR,
        runts_section="odv",
        runts_number="91423",
        seat="063049",
        address="Via dei Tribunali 210",
        summary="Sportello di ascolto e orientamento ai servizi nel centro storico.",
        description="Volontarie e volontari offrono ascolto, orientamento ai servizi sociali e sanitari e accompagnamento alle pratiche per famiglie in difficoltà.",
        competences="Sportelli di ascolto, orientamento ai servizi, mediazione linguistica.",
        themes=("welfare-e-inclusione", "salute"),
        phone="+39 081 555 0116",
    ),
    Demo(
        slug="cooperativa-sociale-la-tessitura",
        name="Cooperativa sociale La Tessitura",
        kind=Kind.THIRD_SECTOR,
        runts_section="impresa_sociale",
        runts_number="55310",
        seat="001272",
        address="Via Nizza 150",
        summary="Cooperativa sociale di tipo A: servizi educativi e case del quartiere.",
        description="La cooperativa gestisce servizi educativi per l'infanzia e l'adolescenza e co-progetta con la Città due case del quartiere, aperte a gruppi e associazioni.",
        competences="Co-progettazione di servizi educativi, gestione di spazi di comunità.",
        themes=("educazione", "giovani", "welfare-e-inclusione"),
        regions=("01",),
        contributor=True,
        verified=True,
        phone="+39 011 555 0117",
        extra_members=2,
    ),
    Demo(
        slug="cooperativa-sociale-mare-aperto",
        name="Cooperativa sociale Mare Aperto",
        kind=Kind.THIRD_SECTOR,
        runts_section="impresa_sociale",
        runts_number="60728",
        seat="072006",
        address="Lungomare Nazario Sauro 33",
        summary="Cooperativa sociale di tipo B: inserimento lavorativo nella filiera del mare.",
        description="La cooperativa offre percorsi di inserimento lavorativo a persone svantaggiate nella manutenzione delle spiagge libere e nella ristorazione sociale.",
        competences="Inserimento lavorativo, gestione di beni demaniali, ristorazione sociale.",
        themes=("lavoro", "welfare-e-inclusione", "transizione-ecologica"),
        phone="+39 080 555 0118",
    ),
    Demo(
        slug="fondazione-comunita-picena",
        name="Fondazione di Comunità Picena ETS",
        kind=Kind.THIRD_SECTOR,
        runts_section="filantropico",
        runts_number="70045",
        seat="044007",
        address="Via delle Torri 12",
        summary="Fondazione di comunità: raccoglie e distribuisce risorse per il territorio.",
        description="Un ente filantropico che raccoglie donazioni da cittadini e imprese del Piceno e le restituisce con bandi per progetti di coesione sociale co-progettati con le comunità locali.",
        competences="Bandi di comunità, raccolta fondi, valutazione d'impatto.",
        themes=("welfare-e-inclusione", "aree-interne", "cultura"),
        regions=("11",),
        contributor=True,
        verified=True,
        phone="+39 0736 555 0119",
    ),
    Demo(
        slug="rete-italiana-partecipazione-civica",
        name="Rete Italiana per la Partecipazione Civica",
        kind=Kind.THIRD_SECTOR,
        runts_section="rete_associativa",
        runts_number="30211",
        seat="058091",
        address="Via dei Volsci 48",
        summary="Rete associativa nazionale di facilitatori e organizzazioni civiche.",
        description="La rete riunisce più di cento associazioni e professionisti della facilitazione: promuove standard di qualità dei processi partecipativi e offre formazione alle amministrazioni.",
        competences="Standard di qualità della partecipazione, formazione, assemblee di cittadini.",
        themes=("beni-comuni", "digitale", "legalita"),
        regions=("12", "08", "11", "01", "16"),
        contributor=True,
        verified=True,
        phone="+39 06 555 0120",
        extra_members=2,
    ),
    Demo(
        slug="soms-fratellanza-artigiana",
        name="Società di Mutuo Soccorso Fratellanza Artigiana",
        kind=Kind.THIRD_SECTOR,
        runts_section="mutuo_soccorso",
        runts_number="12098",
        seat="048017",
        address="Via San Frediano 8",
        summary="Mutualità sanitaria e circolo culturale in Oltrarno dal 1878.",
        description="Una società di mutuo soccorso che eroga sussidi sanitari ai soci e apre la propria sede a incontri, corsi e assemblee del quartiere.",
        competences="Mutualità integrativa, gestione di spazi associativi.",
        themes=("salute", "cultura", "invecchiamento-attivo"),
        phone="+39 055 555 0121",
    ),
    Demo(
        slug="centro-studi-beni-comuni",
        name="Centro Studi Beni Comuni ETS",
        kind=Kind.THIRD_SECTOR,
        runts_section="altri_ets",
        runts_number="44590",
        seat="054039",
        address="Corso Vannucci 19",
        summary="Ricerca e formazione sull'amministrazione condivisa.",
        description="Il centro studia i regolamenti per l'amministrazione condivisa e accompagna i comuni umbri nella loro adozione, con formazione per funzionari e amministratori.",
        competences="Regolamenti sui beni comuni, formazione dei funzionari, ricerca-azione.",
        themes=("beni-comuni", "legalita"),
        regions=("10",),
        phone="+39 075 555 0122",
    ),
    Demo(
        slug="laboratorio-urbano-salento-aps",
        name="Laboratorio Urbano Salento APS",
        kind=Kind.THIRD_SECTOR,
        runts_section="aps",
        runts_number="83320",
        seat="075035",
        address="Viale Gallipoli 27",
        summary="Giovani, cultura e riuso di spazi abbandonati nel Salento.",
        description="L'associazione restituisce alla comunità spazi pubblici in disuso con laboratori artistici, residenze creative e percorsi di planning for real con gli abitanti.",
        competences="Planning for real, riuso temporaneo di spazi, progettazione culturale.",
        themes=("giovani", "cultura", "rigenerazione-urbana"),
        regions=("16",),
        phone="+39 0832 555 0123",
    ),
    Demo(
        slug="pesaro-partecipa-aps",
        name="Pesaro Partecipa APS",
        kind=Kind.THIRD_SECTOR,
        runts_section="aps",
        runts_number="86011",
        seat="041044",
        address="Via Branca 5",
        summary="Facilitazione e sondaggi deliberativi per i comuni marchigiani.",
        description="Un gruppo di facilitatrici e facilitatori che affianca i comuni della provincia nei processi partecipativi, dalla progettazione del percorso al report finale.",
        competences="Sondaggi deliberativi, focus group, progettazione di percorsi partecipativi.",
        themes=("beni-comuni", "mobilita", "giovani"),
        regions=("11",),
        phone="+39 0721 555 0124",
    ),
    Demo(
        slug="fondazione-carisp-due-valli",
        name="Fondazione Cassa di Risparmio delle Due Valli",
        kind=Kind.FOUNDATION,
        seat="109006",
        address="Corso Cefalonia 45",
        summary="Fondazione di origine bancaria: bandi per il welfare di comunità.",
        description="La Fondazione sostiene con bandi pluriennali progetti di welfare di comunità costruiti insieme da enti locali e Terzo Settore, e accompagna i partenariati con percorsi di formazione.",
        competences="Erogazioni, accompagnamento dei partenariati, valutazione dei progetti.",
        themes=("welfare-e-inclusione", "aree-interne", "lavoro"),
        regions=("11",),
        contributor=True,
        verified=True,
        phone="+39 0734 555 0125",
    ),
    Demo(
        slug="fondazione-ponti-di-comunita",
        name="Fondazione Ponti di Comunità",
        kind=Kind.FOUNDATION,
        seat="015146",
        address="Via Padova 36",
        summary="Spazi di comunità e accompagnamento di reti di quartiere.",
        description="La Fondazione promuove spazi di comunità nelle periferie milanesi e sostiene le reti di quartiere con formazione e piccoli contributi.",
        competences="Sviluppo di comunità, formazione di reti locali.",
        themes=("abitare", "welfare-e-inclusione"),
        phone="+39 02 555 0126",
    ),
    Demo(
        slug="laboratorio-studi-partecipazione-urbino",
        name="Laboratorio di studi sulla partecipazione, Università di Urbino",
        kind=Kind.UNIVERSITY,
        seat="041067",
        address="Via Saffi 2",
        summary="Ricerca e formazione su democrazia deliberativa e valutazione.",
        description="Il laboratorio del dipartimento di scienze politiche studia i processi deliberativi promossi dalle amministrazioni e ne valuta la qualità con metodi misti.",
        competences="Valutazione dei processi partecipativi, assemblee di cittadini, formazione universitaria.",
        themes=("educazione", "digitale", "beni-comuni"),
        regions=("11",),
        contributor=True,
        phone="+39 0722 555 0127",
    ),
    Demo(
        slug="centro-ricerca-democrazia-locale-bari",
        name="Centro di ricerca sulla democrazia locale, Università di Bari",
        kind=Kind.UNIVERSITY,
        seat="072006",
        address="Piazza Umberto I 1",
        summary="Osservatorio sulla co-progettazione tra enti locali e Terzo Settore.",
        description="Il centro raccoglie e analizza le procedure di co-programmazione e co-progettazione avviate dai comuni pugliesi e pubblica rapporti annuali.",
        competences="Analisi delle procedure art. 55 CTS, ricerca comparata.",
        themes=("welfare-e-inclusione", "lavoro"),
        regions=("16",),
        phone="+39 080 555 0128",
    ),
    Demo(
        slug="genitori-di-borgo-panigale",
        name="Genitori di Borgo Panigale",
        kind=Kind.INFORMAL_GROUP,
        seat="037006",
        address="",
        summary="Un gruppo informale di genitori per scuole e cortili più vivibili.",
        description="Il gruppo è nato durante un laboratorio di quartiere: organizza pulizie dei cortili scolastici, pedibus e feste di strada con il sostegno del Quartiere.",
        competences="Pedibus, feste di strada, cura dei cortili scolastici.",
        themes=("educazione", "mobilita"),
        tax_code=False,
    ),
    Demo(
        slug="comitato-san-salvario-vivo",
        name="Comitato San Salvario Vivo",
        kind=Kind.INFORMAL_GROUP,
        seat="001272",
        address="",
        summary="Abitanti che si prendono cura delle piazze del quartiere.",
        description="Un comitato di abitanti che con un patto di collaborazione cura due piazze del quartiere e organizza incontri pubblici sulla convivenza notturna.",
        competences="Patti di collaborazione, mediazione dei conflitti di quartiere.",
        themes=("beni-comuni", "legalita"),
        tax_code=False,
    ),
    Demo(
        slug="partecipa-lab-srl",
        name="Partecipa Lab S.r.l.",
        kind=Kind.COMPANY,
        seat="015146",
        address="Viale Monza 120",
        summary="Società di consulenza per la progettazione di processi partecipativi.",
        description="Una piccola impresa di facilitatori, urbanisti e designer di servizi che progetta e conduce processi partecipativi per amministrazioni e fondazioni.",
        competences="Design dei servizi, town meeting, piattaforme di consultazione online.",
        themes=("digitale", "rigenerazione-urbana"),
        phone="+39 02 555 0129",
    ),
    Demo(
        slug="fabbrica-di-idee-societa-benefit",
        name="Fabbrica di Idee Società Benefit",
        kind=Kind.COMPANY,
        seat="028060",
        address="Via Venezia 59",
        summary="Società benefit: laboratori di co-design con imprese e comunità.",
        description="La società benefit accompagna imprese e comunità locali in laboratori di co-design su transizione energetica e mobilità aziendale.",
        competences="Laboratori di co-design, comunità energetiche rinnovabili.",
        themes=("transizione-ecologica", "lavoro", "mobilita"),
        regions=("05",),
        phone="+39 049 555 0130",
    ),
)

ADMIN_OF = {CONTRIBUTOR_LOGIN: "quartieri-in-rete-aps"}
MEMBER_OF = {PARTICIPANT_LOGIN: "comune-di-ascoli-piceno"}
PENDING_REQUESTS_TO = "quartieri-in-rete-aps"
PENDING_APPLICATIONS = ("laboratorio-urbano-salento-aps", "pesaro-partecipa-aps")
APPLICATION_MOTIVATION = (
    "Da anni facilitiamo percorsi partecipativi con i comuni del nostro territorio e vorremmo "
    "condividere nell'hub le nostre esperienze, gli strumenti che usiamo e organizzare "
    "webinar per altre associazioni."
)


def _website(slug: str) -> str:
    return f"https://{slug}.example.org"


def _organisations(log: Callable[[str], None]) -> dict[str, Organisation]:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    regions = {region.istat_code: region for region in Region.objects.defer("boundary")}
    seats = {
        m.istat_code: m
        for m in Municipality.objects.defer("boundary").filter(
            istat_code__in={demo.seat for demo in ORGANISATIONS}
        )
    }
    created = seated = 0
    missing: set[str] = set()
    result = {}
    for demo in ORGANISATIONS:
        seat = seats.get(demo.seat)
        organisation = Organisation.objects.filter(slug=demo.slug).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                slug=demo.slug,
                name=demo.name,
                kind=demo.kind,
                pa_kind=demo.pa_kind,
                ipa_code=f"demo_{demo.slug.replace('-', '')[:15]}" if demo.pa_kind else "",
                runts_section=demo.runts_section,
                runts_number=demo.runts_number,
                tax_code=tax_code(demo.slug, demo.seat) if demo.tax_code else None,
                summary=demo.summary,
                description=demo.description,
                competences=demo.competences,
                website=_website(demo.slug),
                email=f"info@{demo.slug}.example.org",
                phone=demo.phone,
                address=demo.address,
                municipality=seat,
                region=seat.region if seat else None,
                is_contributor=demo.contributor,
                is_verified=demo.verified,
            )
            organisation.themes.set([themes[slug] for slug in demo.themes if slug in themes])
            organisation.operating_regions.set(
                [regions[code] for code in demo.regions if code in regions]
            )
            created += 1
        elif organisation.municipality_id is None and seat is not None:
            # Territories loaded after an earlier run: complete the seat now.
            organisation.municipality, organisation.region = seat, seat.region
            organisation.save(update_fields=["municipality", "region"])
            seated += 1
        if seat is None:
            missing.add(demo.seat)
        result[demo.slug] = organisation
    log(
        f"organizzazioni: {created} create, {len(ORGANISATIONS) - created} già presenti"
        + (f", {seated} sedi completate" if seated else "")
    )
    if missing:
        log(
            f"organizzazioni: {len(missing)} comuni non caricati ({', '.join(sorted(missing))}): "
            "sedi lasciate vuote; esegui load_territories e di nuovo seed_demo"
        )
    return result


def _memberships(organisations: dict[str, Organisation], log: Callable[[str], None]) -> None:
    people = list(
        User.objects.filter(email__endswith=DEMO_DOMAIN, is_active=True, is_staff=False)
        .exclude(email__in=[CONTRIBUTOR_LOGIN, PARTICIPANT_LOGIN])
        .order_by("email")
    )
    by_email = {
        u.email: u for u in User.objects.filter(email__in=[CONTRIBUTOR_LOGIN, PARTICIPANT_LOGIN])
    }
    now = timezone.now()
    created = 0

    def join(organisation: Organisation, user: User, role: str, status: str) -> None:
        nonlocal created
        _, is_new = Membership.objects.get_or_create(
            organisation=organisation,
            user=user,
            defaults={
                "role": role,
                "status": status,
                "decided_at": now if status == Membership.Status.ACTIVE else None,
            },
        )
        created += is_new

    if people:
        cursor = 0
        for demo in ORGANISATIONS:
            organisation = organisations[demo.slug]
            for position in range(1 + demo.extra_members):
                role = Membership.Role.ADMIN if position == 0 else Membership.Role.MEMBER
                join(organisation, people[cursor % len(people)], role, Membership.Status.ACTIVE)
                cursor += 1
    for email, slug in ADMIN_OF.items():
        if email in by_email:
            join(
                organisations[slug],
                by_email[email],
                Membership.Role.ADMIN,
                Membership.Status.ACTIVE,
            )
    for email, slug in MEMBER_OF.items():
        if email in by_email:
            join(
                organisations[slug],
                by_email[email],
                Membership.Role.MEMBER,
                Membership.Status.ACTIVE,
            )
    # Two requests waiting for the demo contributor, admin of the organisation.
    requesters = [by_email[PARTICIPANT_LOGIN]] if PARTICIPANT_LOGIN in by_email else []
    requesters += people[-1:]
    for user in requesters:
        join(
            organisations[PENDING_REQUESTS_TO],
            user,
            Membership.Role.MEMBER,
            Membership.Status.PENDING,
        )
    if not people and not by_email:
        log("appartenenze: nessuna persona dimostrativa trovata, nessuna appartenenza creata")
    else:
        log(f"appartenenze: {created} create")


def _applications(organisations: dict[str, Organisation], log: Callable[[str], None]) -> None:
    created = 0
    for slug in PENDING_APPLICATIONS:
        organisation = organisations[slug]
        if organisation.contributor_applications.exists():
            continue
        admin = (
            Membership.objects.filter(
                organisation=organisation,
                role=Membership.Role.ADMIN,
                status=Membership.Status.ACTIVE,
            )
            .select_related("user")
            .first()
        )
        ContributorApplication.objects.create(
            organisation=organisation,
            submitted_by=admin.user if admin else None,
            motivation=APPLICATION_MOTIVATION,
        )
        created += 1
    log(f"candidature a contributrice: {created} create")


def seed(log: Callable[[str], None]) -> None:
    organisations = _organisations(log)
    _memberships(organisations, log)
    _applications(organisations, log)
