"""Demo editorial content: hub identity, footer pages, a believable news archive."""

import datetime
import json
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from civichub.core.images import illustration
from civichub.taxonomy.models import Theme

from .models import ContentPage, HomePage, HubSettings, NewsIndexPage, NewsPage


def _image(title: str, description: str):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    return Image.objects.create(title=title, description=description, file=illustration(title))


def _paragraphs(*texts: str) -> str:
    return json.dumps([{"type": "paragraph", "value": f"<p>{t}</p>"} for t in texts])


def _add_child(parent: Page, page: Page) -> Page:
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _settings(home: HomePage, pages: dict[str, Page]) -> None:
    hub = HubSettings.load()
    if hub.contact_email:
        return
    hub.name = "Civic Hub"
    hub.tagline = "Partecipazione e co-progettazione tra PA, Terzo Settore e cittadini"
    hub.tagline_en = "Participation and co-design between public bodies, third sector and citizens"
    hub.owner_name = "Rete per la partecipazione pubblica"
    hub.contact_email = "redazione@civichub.example"
    hub.contact_phone = "+39 051 000 0000"
    hub.address = "Viale Aldo Moro 52, 40127 Bologna"
    hub.dpo_email = "dpo@civichub.example"
    hub.accessibility_statement_url = "https://form.agid.gov.it/"
    hub.about_page = pages["chi-siamo"]
    hub.privacy_page = pages["privacy"]
    hub.legal_page = pages["note-legali"]
    hub.accessibility_page = pages["accessibilita"]
    hub.linkedin_url = "https://www.linkedin.com/"
    hub.youtube_url = "https://www.youtube.com/"
    hub.save()


HOME_BODY_IT = [
    {
        "type": "features",
        "value": {
            "title": "Cosa trovi nell'hub",
            "intro": "Uno spazio unico per imparare insieme, mettere in comune ciò che funziona e progettare politiche e servizi con chi li vive.",
            "cards": [
                {
                    "icon": "it-map-marker-circle",
                    "title": "Esperienze",
                    "text": "La mappa dei percorsi partecipativi e di co-progettazione realizzati nei territori, con risultati e lezioni apprese.",
                },
                {
                    "icon": "it-files",
                    "title": "Strumenti",
                    "text": "Guide operative, webinar, podcast e modelli pronti all'uso per chi organizza processi partecipativi.",
                },
                {
                    "icon": "it-comment",
                    "title": "Comunità di pratiche",
                    "text": "Aree di lavoro tematiche per confrontarsi su metodi e casi, con facilitatori esperti.",
                },
                {
                    "icon": "it-calendar",
                    "title": "Eventi e formazione",
                    "text": "Webinar, giornate formative e tavoli di facilitazione, gratuiti e aperti a tutta la comunità.",
                },
                {
                    "icon": "it-pa",
                    "title": "Co-progettazione",
                    "text": "Procedure di co-programmazione e co-progettazione ai sensi dell'art. 55 del Codice del Terzo Settore, trasparenti dall'avviso al monitoraggio.",
                },
                {
                    "icon": "it-horn",
                    "title": "Notizie",
                    "text": "Aggiornamenti dalla rete, bandi, nuove esperienze e appuntamenti del mese.",
                    "url": "/notizie/",
                },
            ],
        },
    },
    {
        "type": "figures",
        "value": {
            "title": "La rete in numeri",
            "figures": [
                {"value": "214", "label": "persone iscritte"},
                {"value": "48", "label": "organizzazioni aderenti"},
                {"value": "12", "label": "regioni rappresentate"},
                {"value": "31", "label": "eventi formativi nel 2026"},
            ],
        },
    },
    {"type": "latest_experiences", "value": {"title": "Esperienze dai territori", "count": 3}},
    {"type": "upcoming_events", "value": {"title": "Prossimi eventi", "count": 3}},
    {"type": "latest_news", "value": {"title": "Ultime notizie", "count": 3}},
    {
        "type": "call_to_action",
        "value": {
            "title": "Aderisci alla comunità",
            "text": "Basta un indirizzo e-mail: amministrazioni, enti del Terzo Settore, università, gruppi informali e cittadini sono i benvenuti.",
            "link": {"label": "Scopri come partecipare", "page": None, "url": "/chi-siamo/"},
        },
    },
]

HOME_BODY_EN = [
    {
        "type": "features",
        "value": {
            "title": "What you will find",
            "intro": "One place to learn together, share what works and design public policies and services with the people who use them.",
            "cards": [
                {
                    "icon": "it-map-marker-circle",
                    "title": "Experiences",
                    "text": "A map of participatory and co-design processes run across Italy, with outcomes and lessons learned.",
                },
                {
                    "icon": "it-files",
                    "title": "Tools",
                    "text": "Practical guides, webinars, podcasts and ready-to-use templates for whoever runs participatory processes.",
                },
                {
                    "icon": "it-comment",
                    "title": "Communities of practice",
                    "text": "Thematic working areas to compare methods and cases, with experienced facilitators.",
                },
                {
                    "icon": "it-calendar",
                    "title": "Events and training",
                    "text": "Webinars, training days and facilitation tables, free and open to the whole community.",
                },
                {
                    "icon": "it-pa",
                    "title": "Co-design",
                    "text": "Co-programming and co-design procedures under Article 55 of the Italian Third Sector Code, transparent from notice to monitoring.",
                },
                {
                    "icon": "it-horn",
                    "title": "News",
                    "text": "Updates from the network, calls, new experiences and this month's appointments.",
                    "url": "/notizie/",
                },
            ],
        },
    },
    {
        "type": "figures",
        "value": {
            "title": "The network in figures",
            "figures": [
                {"value": "214", "label": "members"},
                {"value": "48", "label": "member organisations"},
                {"value": "12", "label": "regions represented"},
                {"value": "31", "label": "training events in 2026"},
            ],
        },
    },
    {"type": "latest_experiences", "value": {"title": "Experiences from the regions", "count": 3}},
    {"type": "upcoming_events", "value": {"title": "Upcoming events", "count": 3}},
    {"type": "latest_news", "value": {"title": "Latest news", "count": 3}},
    {
        "type": "call_to_action",
        "value": {
            "title": "Join the community",
            "text": "All it takes is an e-mail address: public bodies, third-sector organisations, universities, informal groups and citizens are welcome.",
            "link": {"label": "How to take part", "page": None, "url": "/chi-siamo/"},
        },
    },
]

PAGES = [
    (
        "chi-siamo",
        "Chi siamo",
        "About us",
        "Civic Hub è la piattaforma della rete per la partecipazione pubblica: un luogo di scambio, apprendimento e collaborazione tra amministrazioni, Terzo Settore, esperti e cittadini.",
        (
            "La rete nasce per promuovere competenze avanzate nelle amministrazioni pubbliche, far emergere e mappare le esperienze partecipative esistenti nei territori e sostenere la co-progettazione tra enti pubblici ed enti del Terzo Settore.",
            "Possono aderire amministratori locali, funzionari, professionisti, accademici, organizzazioni della società civile, gruppi informali e cittadine e cittadini interessati. Per partecipare basta un indirizzo e-mail e la compilazione del modulo di adesione.",
            "I promotori coordinano le attività in uno spazio di lavoro riservato; i contributori pubblicano esperienze e strumenti e animano le aree di lavoro; i partecipanti prendono parte alle discussioni, agli eventi e alle consultazioni.",
            "I dati territoriali (confini e codici ISTAT di regioni, province e comuni) sono rielaborati da dati Openpolis e ISTAT, con licenza CC BY 4.0.",
        ),
    ),
    (
        "privacy",
        "Informativa sul trattamento dei dati personali",
        "Privacy notice",
        "Come trattiamo i tuoi dati personali ai sensi del Regolamento (UE) 2016/679 (GDPR).",
        (
            "Titolare del trattamento è l'ente promotore dell'hub, contattabile all'indirizzo indicato in fondo alla pagina. Il responsabile della protezione dei dati (DPO) è raggiungibile all'indirizzo e-mail dedicato.",
            "Trattiamo i dati che fornisci con l'iscrizione (nome, e-mail, organizzazione, territorio, interessi) per consentirti di partecipare alla comunità, e i dati tecnici strettamente necessari al funzionamento del sito. Non usiamo cookie di profilazione.",
            "Puoi in ogni momento scaricare i tuoi dati, correggerli o chiedere la cancellazione del tuo account. I contenuti pubblicati come atti pubblici restano disponibili in forma anonima.",
        ),
    ),
    (
        "note-legali",
        "Note legali",
        "Legal notice",
        "Condizioni d'uso del sito e licenza dei contenuti.",
        (
            "Salvo diversa indicazione, i contenuti pubblicati su questo sito sono rilasciati con licenza Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0).",
            "Il software Civic Hub è libero e distribuito con licenza GNU Affero General Public License, versione 3 o successiva.",
        ),
    ),
    (
        "accessibilita",
        "Accessibilità",
        "Accessibility",
        "Il nostro impegno per un sito utilizzabile da tutte e tutti, secondo le Linee guida AgID e le WCAG 2.1 livello AA.",
        (
            "Il sito è realizzato con Bootstrap Italia, il sistema di design dei siti della Pubblica Amministrazione, ed è verificato con strumenti automatici di controllo dell'accessibilità a ogni modifica.",
            "La dichiarazione di accessibilità è pubblicata sulla piattaforma AgID. Se incontri una difficoltà nell'uso del sito, scrivi all'indirizzo di contatto indicato in fondo alla pagina: risponderemo entro 30 giorni. In caso di risposta insoddisfacente puoi rivolgerti al Difensore civico per il digitale di AgID.",
        ),
    ),
]

NEWS: list[dict[str, Any]] = [
    {
        "slug": "al-via-la-comunita-di-pratiche",
        "days_ago": 3,
        "title": "Al via la Comunità di pratiche partecipative: cinque aree di lavoro per il 2027",
        "title_en": "The Community of Participatory Practice starts: five working areas for 2027",
        "summary": "Facilitazione, co-progettazione, valutazione, partecipazione digitale e giovani: le aree tematiche in cui la rete lavorerà nel prossimo anno.",
        "summary_en": "Facilitation, co-design, evaluation, digital participation and young people: the thematic areas the network will work on next year.",
        "themes": ["beni-comuni", "giovani"],
        "body": (
            "Dopo la consultazione dei mesi scorsi, a cui hanno risposto oltre 200 tra amministratori, funzionari ed enti del Terzo Settore, la rete ha definito cinque aree di lavoro tematiche.",
            "Ogni area avrà due facilitatori, un calendario di incontri online e uno spazio per condividere materiali e bozze di progetto. L'adesione è libera e si può partecipare a più aree.",
        ),
        "body_en": (
            "After last months' consultation, answered by more than 200 administrators, civil servants and third-sector organisations, the network has defined five thematic working areas.",
            "Each area will have two facilitators, a calendar of online meetings and a space to share materials and draft projects. Membership is free and you can join several areas.",
        ),
    },
    {
        "slug": "coprogettazione-art-55-nuove-linee-guida",
        "days_ago": 9,
        "title": "Co-progettazione e art. 55: cosa cambia con le nuove linee guida regionali",
        "title_en": "Co-design and Article 55: what changes with the new regional guidelines",
        "summary": "Un vademecum in dieci punti per gli uffici comunali che avviano procedimenti di co-programmazione e co-progettazione con gli enti del Terzo Settore.",
        "summary_en": "A ten-point handbook for municipal offices starting co-programming and co-design procedures with third-sector organisations.",
        "themes": ["welfare-e-inclusione"],
        "body": (
            "Le linee guida chiariscono le fasi del procedimento: avviso pubblico, manifestazioni di interesse, tavolo di co-progettazione, progetto definitivo e convenzione.",
            "Il webinar di presentazione, con la partecipazione di funzionari di tre Comuni capoluogo, è disponibile in registrazione nella sezione Strumenti.",
        ),
        "body_en": (
            "The guidelines clarify the phases of the procedure: public notice, expressions of interest, co-design table, final project and agreement.",
            "The presentation webinar, with officers from three provincial capitals, is available as a recording in the Tools section.",
        ),
    },
    {
        "slug": "bilancio-partecipativo-giovani-reggio-emilia",
        "days_ago": 16,
        "title": "Bilancio partecipativo under 30: i progetti scelti dai giovani di Reggio Emilia",
        "summary": "Oltre 3.400 voti per sei proposte su spazi di aggregazione, mobilità notturna e cultura diffusa. Ora la fase di realizzazione con le associazioni del territorio.",
        "themes": ["giovani", "cultura"],
        "body": (
            "La terza edizione ha visto una partecipazione record, con assemblee nei quartieri e un voto online aperto dai 14 anni.",
            "Le proposte vincitrici saranno realizzate entro l'estate con un patto di collaborazione tra Comune e gruppi proponenti.",
        ),
    },
    {
        "slug": "scuola-alta-formazione-seconda-edizione",
        "days_ago": 22,
        "title": "Scuola di alta formazione sulla co-progettazione: aperte le candidature per la seconda edizione",
        "title_en": "Advanced school on co-design: applications open for the second edition",
        "summary": "Un percorso di sei moduli per dirigenti pubblici e responsabili di enti del Terzo Settore, con laboratori sulle politiche orientate alle missioni.",
        "summary_en": "A six-module programme for public managers and leaders of third-sector organisations, with labs on mission-oriented policy.",
        "themes": ["lavoro", "welfare-e-inclusione"],
        "body": (
            "La scuola alterna lezioni con esperti, studi di caso internazionali e lavoro in gruppo su sfide portate dai partecipanti.",
            "Sono disponibili 30 posti; la selezione avviene su motivazione e curriculum. Il percorso è gratuito per gli enti aderenti alla rete.",
        ),
        "body_en": (
            "The school combines lectures by experts, international case studies and group work on challenges brought by participants.",
            "There are 30 places; selection is based on motivation and CV. The programme is free for member organisations.",
        ),
    },
    {
        "slug": "comunita-energetiche-aree-interne",
        "days_ago": 30,
        "title": "Comunità energetiche nelle aree interne: tre esperienze a confronto",
        "summary": "Dall'Appennino marchigiano alla Val di Vara, come piccoli Comuni e cooperative di comunità stanno costruendo comunità energetiche rinnovabili.",
        "themes": ["transizione-ecologica", "aree-interne"],
        "body": (
            "Le tre esperienze hanno in comune un lungo lavoro di ascolto con gli abitanti e il coinvolgimento delle imprese locali fin dalla fase di progettazione.",
            "Le schede complete, con i documenti di governance e i costi, saranno pubblicate nel catalogo delle esperienze.",
        ),
    },
    {
        "slug": "patti-di-collaborazione-beni-comuni",
        "days_ago": 37,
        "title": "Patti di collaborazione: 120 beni comuni curati dai cittadini in un anno",
        "summary": "Il rapporto annuale sui patti di collaborazione racconta giardini, scuole aperte e spazi di quartiere gestiti insieme da amministrazioni e comunità.",
        "themes": ["beni-comuni", "rigenerazione-urbana"],
        "body": (
            "Il rapporto analizza i patti attivati in 18 Comuni e individua i fattori che ne favoriscono la durata: un referente stabile nell'ente, regole semplici e momenti pubblici di restituzione.",
        ),
    },
    {
        "slug": "podcast-voci-della-partecipazione",
        "days_ago": 45,
        "title": "«Voci della partecipazione»: il nuovo podcast della rete",
        "title_en": '"Voices of participation": the network\'s new podcast',
        "summary": "Ogni mese una conversazione con chi facilita processi partecipativi nei territori. Il primo episodio è dedicato alle assemblee di cittadini estratti a sorte.",
        "summary_en": "Every month a conversation with people who facilitate participatory processes. The first episode is about citizens' assemblies selected by lot.",
        "themes": ["digitale"],
        "body": (
            "Il podcast è disponibile nella sezione Strumenti e sulle principali piattaforme di ascolto.",
        ),
        "body_en": (
            "The podcast is available in the Tools section and on the main listening platforms.",
        ),
    },
    {
        "slug": "invecchiamento-attivo-consultazione",
        "days_ago": 52,
        "title": "Invecchiamento attivo: conclusa la consultazione con 40 centri sociali anziani",
        "summary": "I risultati dell'ascolto diventano proposte per il nuovo piano regionale: mobilità, solitudine e accesso ai servizi digitali le priorità emerse.",
        "themes": ["invecchiamento-attivo", "salute"],
        "body": (
            "La consultazione si è svolta con focus group in presenza e un questionario cartaceo, per raggiungere anche chi non usa internet.",
        ),
    },
    {
        "slug": "mobilita-scolastica-piedibus",
        "days_ago": 61,
        "title": "Mobilità casa-scuola: le famiglie progettano i percorsi sicuri con il Comune",
        "summary": "A Pesaro un percorso di planning for real con genitori, insegnanti e polizia locale ha ridisegnato cinque percorsi pedonali verso le scuole primarie.",
        "themes": ["mobilita", "educazione"],
        "body": (
            "I plastici dei quartieri sono stati esposti nelle scuole per tre settimane, raccogliendo oltre 600 segnalazioni.",
        ),
    },
    {
        "slug": "valutare-la-partecipazione",
        "days_ago": 70,
        "title": "Come si valuta un processo partecipativo? Un kit di indicatori per le amministrazioni",
        "summary": "Qualità dell'inclusione, influenza sulle decisioni, apprendimento: un set di indicatori semplici, sperimentato in otto enti locali.",
        "themes": ["digitale", "legalita"],
        "body": (
            "Il kit comprende un questionario per i partecipanti, una griglia per i facilitatori e un modello di relazione finale.",
        ),
    },
    {
        "slug": "abitare-collaborativo-bando",
        "days_ago": 84,
        "title": "Abitare collaborativo: un bando per progetti di co-housing sociale",
        "summary": "Contributi fino a 80.000 euro per progetti di abitare condiviso promossi da enti del Terzo Settore in partenariato con i Comuni.",
        "themes": ["abitare", "welfare-e-inclusione"],
        "body": (
            "Le domande si presentano entro il 31 gennaio 2027. Sono previsti due incontri online di accompagnamento alla progettazione.",
        ),
    },
    {
        "slug": "rigenerazione-ex-caserma",
        "days_ago": 95,
        "title": "Rigenerazione urbana: l'ex caserma diventa un polo civico progettato con il quartiere",
        "summary": "Dopo diciotto mesi di laboratori, il progetto definitivo accoglie una biblioteca, spazi per associazioni e un orto di comunità.",
        "themes": ["rigenerazione-urbana", "cultura"],
        "body": (
            "Il percorso ha coinvolto oltre 900 persone tra passeggiate di quartiere, laboratori e un'assemblea finale di restituzione.",
        ),
    },
]


def seed(log: Callable[[str], None]) -> None:
    home = HomePage.objects.first()
    if home is None:
        log("home page assente: esegui prima le migrazioni")
        return
    if not home.body:
        home.title = "Civic Hub"
        home.title_en = "Civic Hub"
        home.hero_title = "Partecipazione e co-progettazione, insieme"
        home.hero_title_en = "Participation and co-design, together"
        home.hero_intro = (
            "Pubbliche amministrazioni, Terzo Settore, esperti e cittadini condividono esperienze "
            "e strumenti, imparano insieme e co-progettano politiche e servizi pubblici."
        )
        home.hero_intro_en = (
            "Public administrations, the third sector, experts and citizens share experiences "
            "and tools, learn together and co-design public policies and services."
        )
        home.hero_image = _image(
            "Illustrazione: la rete della partecipazione",
            "Forme geometriche colorate che si intrecciano, a rappresentare la rete.",
        )
        home.hero_cta_label = "Leggi le notizie"
        home.hero_cta_label_en = "Read the news"
        home.hero_cta_url = "/notizie/"
        home.body = json.dumps(HOME_BODY_IT)
        home.body_en = json.dumps(HOME_BODY_EN)
        home.save_revision().publish()
        log("home page compilata")

    pages = {}
    for slug, title, title_en, intro, paragraphs in PAGES:
        pages[slug] = _add_child(
            home,
            ContentPage(
                slug=slug,
                title=title,
                title_en=title_en,
                intro=intro,
                body=_paragraphs(*paragraphs),
            ),
        )
    _settings(home, pages)

    index = _add_child(
        home,
        NewsIndexPage(
            slug="notizie",
            title="Notizie",
            title_en="News",
            intro="Aggiornamenti dalla rete: nuove esperienze, bandi, appuntamenti e strumenti.",
            intro_en="Updates from the network: new experiences, calls, events and tools.",
        ),
    )
    themes = {t.slug: t for t in Theme.objects.all()}
    today = timezone.localdate()
    created = 0
    for item in NEWS:
        if index.get_children().filter(slug=item["slug"]).exists():
            continue
        page = NewsPage(
            slug=item["slug"],
            title=item["title"],
            title_en=item.get("title_en", ""),
            date=today - datetime.timedelta(days=item["days_ago"]),
            summary=item["summary"],
            summary_en=item.get("summary_en", ""),
            body=_paragraphs(*item["body"]),
            body_en=_paragraphs(*item["body_en"]) if "body_en" in item else "[]",
            image=_image(
                f"Notizia: {item['slug']}",
                f"Illustrazione astratta per la notizia «{item['title']}».",
            ),
        )
        page.themes = [themes[s] for s in item["themes"] if s in themes]
        _add_child(index, page)
        created += 1
    log(f"notizie: {created} create, {len(NEWS) - created} già presenti")
