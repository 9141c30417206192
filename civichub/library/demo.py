"""Demo library: the Strumenti page with a believable catalogue of every kind.

Guides, documents with real PDFs, webinars, a podcast with short generated audio,
toolkits with PDF and CSV templates, method sheets for the participatory methods of the
taxonomy and case studies of the demo experiences; two monthly programmes, a starter
collection, featured resources, «È stato utile?» answers and download counts. People,
figures and quotes are fictitious; laws and public bodies are real.

Idempotent: resources, the series and collections are looked up by slug; answers and
downloads are added only to the resources created by the same run. Files and pictures
are made on the spot (fpdf2, Pillow, ``wave``, ``csv``): nothing is downloaded.
"""

import csv
import datetime
import io
import math
import random
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from fpdf import FPDF
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents.models import Document
from wagtail.images import get_image_model

from civichub.accounts.models import User
from civichub.accounts.permissions import is_member
from civichub.cms.models import HomePage
from civichub.core.images import illustration
from civichub.experiences.models import Experience, State
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import ParticipatoryMethod, Theme

from .engagement import resource_feedback_record
from .models import (
    CaseStudyPage,
    CollectionItem,
    CollectionPage,
    CostBand,
    DocumentPage,
    FeaturedResource,
    GuidePage,
    Language,
    Level,
    LibraryIndexPage,
    MethodSheetPage,
    Phase,
    PodcastCategory,
    PodcastEpisodePage,
    PodcastSeriesPage,
    ResourceFile,
    ResourceKind,
    ResourcePage,
    Speaker,
    ToolkitPage,
    WebinarPage,
)
from .tasks import refresh_derivatives

G, D, W, P, T, M, C = (
    ResourceKind.GUIDE,
    ResourceKind.DOCUMENT,
    ResourceKind.WEBINAR,
    ResourceKind.PODCAST,
    ResourceKind.TOOLKIT,
    ResourceKind.METHOD,
    ResourceKind.CASE_STUDY,
)
ANALYSIS, DESIGN, IMPLEMENTATION, EVALUATION = (
    Phase.ANALYSIS,
    Phase.DESIGN,
    Phase.IMPLEMENTATION,
    Phase.EVALUATION,
)
ADVANCED = Level.ADVANCED
EN = Language.ENGLISH
MONTHS = [
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
]  # fmt: skip
MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
DISCLAIMER = "Documento dimostrativo generato da Civic Hub: persone, dati e contatti sono fittizi."
SERIES_SLUG = "voci-della-partecipazione"
COVER_SIZE = (1200, 675)

# --- publication dates, relative to the day the demo is loaded ---------------------------

When = Callable[[datetime.date], datetime.date]


def ago(days: int) -> When:
    return lambda today: today - datetime.timedelta(days=days)


def this_month(days: int) -> When:
    """``days`` before today, but never before the first of the month."""
    return lambda today: max(today.replace(day=1), today - datetime.timedelta(days=days))


def last_month(day: int) -> When:
    def when(today: datetime.date) -> datetime.date:
        first = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        return first.replace(day=min(day, 28))

    return when


def html(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


# --- what a demo resource is --------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    slug: str
    kind: str
    title: str
    summary: str
    when: When
    themes: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    phase: str = ""
    # Letters of the audiences: p(ubbliche amministrazioni), t(erzo settore), c(ittadini),
    # f(acilitatori).
    audiences: str = ""
    level: str = Level.INTRODUCTORY
    language: str = Language.ITALIAN
    authors: str = ""
    organisation: str = ""
    title_en: str = ""
    summary_en: str = ""
    # The fields of the kind (see _specific).
    content: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PdfFile:
    name: str
    title: str
    sections: Sequence[tuple[str, str]]
    title_en: str = ""


@dataclass(frozen=True)
class CsvFile:
    name: str
    title: str
    rows: Sequence[Sequence[str]]
    title_en: str = ""


# --- guides ---------------------------------------------------------------------------------

ART55_BODY: list[tuple] = [
    ("h2", "Perché l'amministrazione condivisa"),
    ("p", "L'articolo 55 del Codice del Terzo Settore (d.lgs. 117/2017) chiede alle amministrazioni pubbliche di assicurare il coinvolgimento attivo degli enti del Terzo Settore nella programmazione e nell'organizzazione degli interventi di interesse generale. Con la sentenza n. 131 del 2020 la Corte costituzionale ha chiarito che si tratta di un modello alternativo al mercato, fondato sulla collaborazione e non sulla competizione."),
    ("p", "<b>Co-programmare</b> significa individuare insieme i bisogni da soddisfare, gli interventi necessari, le modalità di realizzazione e le risorse disponibili. <b>Co-progettare</b> significa definire e realizzare insieme specifici progetti di servizio o di intervento, in coerenza con quanto programmato."),
    ("quote", "La co-progettazione non è una gara al ribasso: è un tavolo in cui si mettono in comune competenze, dati e risorse per rispondere a un bisogno che nessuno risolve da solo.", "Giulia Ferraresi", "facilitatrice, Rete per la partecipazione pubblica"),
    ("h2", "Le fasi del procedimento"),
    ("h3", "1. L'atto di indirizzo"),
    ("p", "La giunta o il dirigente competente definisce l'ambito, gli obiettivi e le risorse che l'ente mette a disposizione: budget, spazi, personale, beni strumentali. L'atto richiama il regolamento o le linee guida dell'ente, se esistono, e individua il responsabile del procedimento."),
    ("h3", "2. L'avviso pubblico"),
    ("p", "L'avviso è rivolto a tutti gli enti del Terzo Settore interessati e indica requisiti di partecipazione, criteri di valutazione delle proposte, tempi e modalità del tavolo. Resta pubblicato per un tempo congruo, di norma non meno di quindici giorni."),
    ("tip", "Un avviso che si legge in cinque minuti", "Allegate una scheda di sintesi di due pagine con il calendario degli incontri: molti piccoli enti decidono se partecipare leggendo soltanto quella."),
    ("h3", "3. Il tavolo di co-progettazione"),
    ("p", "Gli enti ammessi lavorano con gli uffici in incontri facilitati, a partire da un documento progettuale di base predisposto dall'amministrazione. Ogni incontro si chiude con un verbale che registra proposte, accordi e questioni aperte."),
    ("ul", ["un facilitatore terzo, che non valuta le proposte;", "un calendario fissato in anticipo e rispettato;", "documenti condivisi prima di ogni incontro, non durante."]),
    ("h3", "4. Il progetto definitivo e la convenzione"),
    ("p", "Il tavolo produce un progetto definitivo con attività, risultati attesi, piano economico e ripartizione delle responsabilità. La convenzione regola rapporti, rendicontazione, monitoraggio e modalità di revisione del progetto nel tempo."),
    ("warning", "Rimborsi, non corrispettivi", "Le risorse pubbliche trasferite agli enti rimborsano le spese sostenute: il piano economico distingue con chiarezza costi diretti, costi indiretti e apporti propri degli enti, in denaro, volontariato e beni."),
    ("h2", "Dopo la firma: monitoraggio e valutazione"),
    ("p", "La co-progettazione non finisce con la convenzione. Un tavolo di monitoraggio, convocato almeno ogni tre mesi, verifica l'andamento delle attività e può modificare il progetto quando cambiano i bisogni. Gli indicatori si scelgono insieme all'inizio, non alla fine."),
    ("check", "Prima di pubblicare l'avviso", ["L'atto di indirizzo indica ambito, obiettivi e risorse", "I criteri di valutazione sono pubblici e misurabili", "Il calendario del tavolo è fissato", "È individuato un facilitatore", "Il modello di piano economico è allegato all'avviso", "Sono previsti momenti di restituzione pubblica"]),
    ("example", "Un Comune di 12.000 abitanti", "Con 180.000 euro in tre anni l'ufficio servizi sociali ha co-progettato con quattro cooperative e due associazioni di volontariato un servizio di trasporto sociale e compagnia per le persone anziane sole, con i volontari inseriti nei turni."),
    ("h2", "Per approfondire"),
    ("p", "Il decreto ministeriale n. 72 del 2021 contiene le Linee guida sul rapporto tra pubbliche amministrazioni ed enti del Terzo Settore. Nella sezione Strumenti trovate il kit con il fac-simile dell'avviso e il modello di piano economico."),
]  # fmt: skip

ART55_BODY_EN: list[tuple] = [
    ("h2", "Why shared administration"),
    ("p", "Article 55 of the Italian Third Sector Code (Legislative Decree 117/2017) requires public bodies to involve third-sector organisations actively in planning and organising services of general interest. In ruling 131/2020 the Constitutional Court described it as an alternative to the market, based on collaboration rather than competition."),
    ("h2", "The steps of the procedure"),
    ("h3", "1. The policy decision"),
    ("p", "The executive or the competent manager sets the scope, the goals and the resources the public body makes available: budget, premises, staff, equipment."),
    ("h3", "2. The public notice"),
    ("p", "The notice is open to every interested third-sector organisation and states the requirements, the assessment criteria, the timetable and how the co-design table works."),
    ("h3", "3. The co-design table"),
    ("p", "The admitted organisations work with the council offices in facilitated meetings, starting from a draft project prepared by the public body. Every meeting ends with shared minutes."),
    ("h3", "4. Final project and agreement"),
    ("p", "The table produces a final project with activities, expected results, a budget and who is responsible for what. The agreement governs reporting, monitoring and how the project can be revised."),
    ("check", "Before publishing the notice", ["The policy decision states scope, goals and resources", "The assessment criteria are public and measurable", "The meeting calendar is set", "A facilitator has been appointed", "The budget template is attached to the notice"]),
    ("h2", "After signing"),
    ("p", "A monitoring table meets at least every three months and can change the project when needs change. Indicators are chosen together at the start, not at the end."),
]  # fmt: skip

PATTI_BODY: list[tuple] = [
    ("h2", "Che cos'è un patto di collaborazione"),
    ("p", "Il patto di collaborazione è l'accordo con cui cittadini, associazioni o imprese e il Comune si impegnano a curare insieme un bene comune urbano: un giardino, una scuola aperta il pomeriggio, una piazza, un muro da dipingere. È previsto dai regolamenti per l'amministrazione condivisa che oltre trecento Comuni italiani hanno adottato."),
    ("h2", "Dalla proposta all'istruttoria"),
    ("h3", "Chi può proporre"),
    ("p", "Chiunque: singoli residenti, gruppi informali, associazioni, scuole, commercianti. Non servono iscrizioni a registri né forme giuridiche particolari. La proposta descrive il bene, le attività, chi le svolge e con quale frequenza."),
    ("h3", "L'istruttoria dell'ufficio"),
    ("p", "L'ufficio per l'amministrazione condivisa verifica la fattibilità con i settori competenti (verde, lavori pubblici, patrimonio) entro trenta giorni e convoca i proponenti. La proposta si migliora insieme: l'istruttoria è già co-progettazione."),
    ("tip", "Un referente, non uno sportello", "I patti che durano hanno nell'ente una persona di riferimento stabile, che risponde al telefono e conosce i proponenti per nome."),
    ("h2", "Scrivere il patto"),
    ("p", "Il testo del patto è breve e concreto. Di solito contiene:"),
    ("ul", ["il bene comune e la sua mappa;", "le attività di cura e il calendario;", "gli impegni del Comune (materiali, attrezzi, formazione, assicurazione);", "le regole di sicurezza;", "la durata e le modalità di rinnovo;", "come si rende conto di ciò che si è fatto."]),
    ("warning", "Sicurezza e assicurazione", "Prima di cominciare le attività verificate la copertura assicurativa dei volontari: molti Comuni la estendono ai firmatari dei patti con una polizza dedicata."),
    ("h2", "La vita del patto"),
    ("p", "Un patto vive se chi lo firma si sente riconosciuto. Una festa di avvio, un incontro pubblico annuale di restituzione e una pagina sul sito del Comune che racconta i patti attivi fanno la differenza."),
    ("check", "Prima della firma", ["Il bene è individuato su una mappa", "Le attività sono descritte con la loro frequenza", "Gli impegni del Comune sono scritti", "I volontari sono assicurati", "È fissata la data del primo incontro di verifica"]),
]  # fmt: skip

BILANCIO_BODY: list[tuple] = [
    ("h2", "Prima di cominciare"),
    ("p", "Un bilancio partecipativo affida ai cittadini la scelta di come spendere una parte del bilancio pubblico. Funziona se la quota è certa, le regole sono scritte prima e l'amministrazione si impegna a realizzare i progetti vincitori entro tempi dichiarati."),
    ("h2", "I dieci passi"),
    ("ol", ["Decidere la quota di bilancio e l'ambito (città intera, quartieri, giovani).", "Scrivere il regolamento con i consigli di quartiere e le associazioni.", "Presentare il percorso con una campagna nelle scuole, nei mercati e online.", "Raccogliere le proposte in assemblee e su una piattaforma digitale.", "Verificare la fattibilità tecnica e i costi insieme ai proponenti.", "Discutere le proposte ammesse in incontri pubblici facilitati.", "Votare, online e in seggi fisici, con regole chiare sull'età minima.", "Pubblicare i risultati e il cronoprogramma di realizzazione.", "Realizzare i progetti e raccontarne l'avanzamento.", "Valutare il ciclo e migliorare il regolamento per l'anno successivo."]),
    ("tip", "Seggi dove le persone già vanno", "Un gazebo al mercato del sabato o all'uscita di scuola raccoglie più voti di qualunque seggio in municipio."),
    ("h2", "Quanto costa"),
    ("p", "Oltre alla quota per i progetti, servono risorse per la facilitazione, la comunicazione e la piattaforma di voto: in media tra il 10 e il 15 per cento della quota messa a bilancio."),
    ("example", "Il Navile di Bologna", "Nel quartiere Navile 300.000 euro sono stati assegnati a tre progetti scelti dagli abitanti; tutti sono stati realizzati entro un anno dal voto. Il caso completo è nella sezione Strumenti."),
]  # fmt: skip

FACILITAZIONE_BODY: list[tuple] = [
    ("h2", "Preparare"),
    ("h3", "La domanda giusta"),
    ("p", "Un incontro pubblico ruota attorno a una domanda aperta, concreta e su cui le persone possono davvero influire. «Come rendiamo il parco più sicuro la sera?» funziona meglio di «Che cosa pensate del parco?»."),
    ("h3", "Lo spazio"),
    ("p", "Sedie in cerchio o tavoli da sei-otto persone, non platea. Un muro libero per i cartelloni, acqua, un angolo per i bambini, accessibilità verificata prima, non il giorno stesso."),
    ("h2", "Condurre"),
    ("p", "Chi facilita non prende posizione sul merito: cura i tempi, dà la parola, riformula, tiene traccia. All'inizio propone poche regole e le fa approvare dal gruppo."),
    ("ul", ["si parla uno alla volta;", "ogni intervento dura al massimo due minuti;", "si critica l'idea, non la persona;", "ciò che viene detto finisce nel verbale, senza nomi se qualcuno lo chiede."]),
    ("tip", "Il giro di apertura", "Chiedete a tutti di dire nome e una parola su come arrivano: in tre minuti sapete chi c'è e ognuno ha già preso la parola una volta."),
    ("h2", "Chiudere e restituire"),
    ("p", "Gli ultimi quindici minuti servono a riassumere ciò che è emerso, dire che cosa succederà dopo e quando. Entro una settimana il verbale torna ai partecipanti, con le risposte dell'amministrazione appena possibile."),
    ("check", "La borsa del facilitatore", ["Pennarelli e post-it di tre colori", "Cartelloni e nastro di carta", "Un timer visibile", "Il foglio presenze e l'informativa privacy", "Cartellini per i nomi"]),
]  # fmt: skip

VALUTARE_BODY: list[tuple] = [
    ("h2", "Che cosa valutare"),
    ("p", "Valutare un processo partecipativo non significa contare i presenti. Le domande utili sono quattro:"),
    ("ul", ["<b>inclusione</b>: chi ha partecipato, e chi mancava?", "<b>qualità della discussione</b>: le persone hanno avuto informazioni, tempo e ascolto?", "<b>influenza</b>: che cosa è cambiato nelle decisioni grazie al processo?", "<b>apprendimento</b>: che cosa hanno imparato amministrazione e partecipanti?"]),
    ("h2", "Gli indicatori"),
    ("h3", "Inclusione"),
    ("p", "Confrontate il profilo dei partecipanti (età, genere, quartiere, titolo di studio) con quello della popolazione: lo scarto dice chi invitare meglio la volta successiva."),
    ("h3", "Influenza"),
    ("p", "Per ogni proposta registrate la risposta dell'amministrazione: accolta, accolta in parte, respinta con motivazione, senza risposta. La quota di proposte senza risposta è l'indicatore più eloquente."),
    ("h3", "Soddisfazione e fiducia"),
    ("p", "Un breve questionario alla fine di ogni incontro e uno a sei mesi misurano come cambia la fiducia nell'ente."),
    ("example", "Otto enti locali", "Il kit di indicatori presentato in questa guida è stato sperimentato da otto Comuni tra Emilia-Romagna e Marche: bastano due ore di lavoro per ogni incontro."),
    ("h2", "Strumenti"),
    ("p", "Nella sezione Strumenti trovate il questionario per i partecipanti e il webinar in cui gli enti raccontano come lo hanno usato."),
    ("check", "Il piano di valutazione", ["Domande di valutazione scritte prima di cominciare", "Indicatori scelti con i partecipanti", "Strumenti di raccolta pronti", "Un responsabile della valutazione", "Una data per la restituzione dei risultati"]),
]  # fmt: skip

REGOLAMENTO_BODY: list[tuple] = [
    ("h2", "A che cosa serve"),
    ("p", "Il regolamento per l'amministrazione condivisa dei beni comuni dà attuazione al principio di sussidiarietà orizzontale dell'articolo 118 della Costituzione: stabilisce come cittadini e Comune collaborano per curare e rigenerare i beni comuni, attraverso i patti di collaborazione."),
    ("h2", "Gli articoli essenziali"),
    ("ul", ["definizioni: beni comuni, cittadini attivi, patti ordinari e complessi;", "l'ufficio e il referente per l'amministrazione condivisa;", "la procedura per proporre un patto e i tempi dell'istruttoria;", "le forme di sostegno: materiali, formazione, assicurazione, agevolazioni;", "la comunicazione e la rendicontazione;", "la prevenzione dei conflitti di interesse."]),
    ("tip", "Partite da un modello, poi adattatelo", "Esistono modelli di regolamento collaudati: conviene usarli come base e dedicare il tempo alle parti che dipendono dalla vostra città, come gli uffici coinvolti e i beni prioritari."),
    ("h2", "Scriverlo con la città"),
    ("p", "Un regolamento sui beni comuni scritto solo negli uffici nasce debole. Un open space di apertura, alcuni laboratori sugli articoli più delicati e una consultazione online sulla bozza richiedono tre o quattro mesi e producono un testo che i cittadini sentono proprio."),
    ("quote", "Abbiamo accolto 46 modifiche proposte dai cittadini: il regolamento è più lungo di una pagina, ma ogni articolo ha qualcuno che lo conosce e lo difende.", "Chiara Bellandi", "funzionaria, ufficio partecipazione"),
    ("h2", "Dopo l'approvazione"),
    ("p", "Il regolamento vive con i primi patti. Conviene accompagnare l'approvazione con tre o quattro patti pilota su beni visibili e con un'agenda pubblica di incontri per chi vuole proporne di nuovi."),
    ("check", "Per partire bene", ["Referente nominato", "Pagina web con modulo di proposta", "Polizza assicurativa per i volontari", "Primi patti pilota individuati", "Incontro pubblico annuale in calendario"]),
]  # fmt: skip

GIOVANI_BODY: list[tuple] = [
    ("h2", "Perché i giovani non vengono"),
    ("p", "Orari scomodi, linguaggio tecnico, decisioni già prese: gli incontri pubblici tradizionali sono pensati per chi ha tempo e dimestichezza con le istituzioni. Coinvolgere ragazze e ragazzi chiede di cambiare formato, luogo e tempi."),
    ("h2", "Cinque principi"),
    ("ol", ["Andare dove sono: scuole, centri giovanili, società sportive, spazi online.", "Dare un potere reale: una quota di bilancio, una decisione vincolante.", "Tempi brevi: dalla proposta alla realizzazione in pochi mesi.", "Linguaggio diretto e materiali visivi.", "Restituire sempre: che cosa è successo alle loro idee."]),
    ("h2", "Formati che funzionano"),
    ("h3", "Consulte e consigli"),
    ("p", "Organi stabili eletti o sorteggiati, con un budget proprio e il diritto di essere ascoltati dalla giunta sui temi che li riguardano."),
    ("h3", "Bilanci partecipativi under 30"),
    ("p", "Proposte e voto aperti dai 14 anni, con una campagna nelle scuole superiori: a Reggio Emilia la terza edizione ha raccolto oltre 3.400 voti."),
    ("h3", "Laboratori nelle scuole"),
    ("p", "Percorsi di educazione civica in cui una classe lavora su un problema reale del quartiere e presenta le proposte al consiglio comunale."),
    ("warning", "Non fare promesse che non potete mantenere", "Una proposta ignorata insegna a un sedicenne che partecipare non serve. Meglio un perimetro stretto e rispettato che uno ampio e disatteso."),
    ("check", "Prima di lanciare il percorso", ["Budget e perimetro decisionale definiti", "Scuole e associazioni giovanili coinvolte nella progettazione", "Calendario compatibile con la scuola", "Canali social e chat di gruppo pronti", "Data della restituzione fissata"]),
]  # fmt: skip

ASSEMBLIES_BODY: list[tuple] = [
    ("h2", "What a citizens' assembly is"),
    ("p", "A citizens' assembly brings together a group of residents selected by lot to reflect the make-up of the population. Over several weekends they hear from experts and stakeholders, deliberate in facilitated small groups and agree on recommendations to the council."),
    ("h2", "Before you start"),
    ("h3", "A clear remit"),
    ("p", "Write the question the assembly will answer in one sentence, and state in advance what the council will do with the recommendations: debate them in a public session and answer each one within a set time."),
    ("h3", "Selection by lot"),
    ("p", "Send invitations to several thousand randomly chosen households, then draw the members among those who accept, stratifying by age, gender, area and education. Paying members for their time makes the assembly more diverse."),
    ("tip", "Budget for the lottery", "Printing and posting invitations and a small allowance for members usually take a third of the budget, and they are what makes the assembly credible."),
    ("h2", "Running the sessions"),
    ("ul", ["a learning phase with balanced evidence;", "a consultation phase with stakeholders and the public;", "a deliberation phase in small groups;", "a decision phase with votes on every recommendation."]),
    ("warning", "Avoid a pre-cooked outcome", "If officers draft the recommendations, members notice. Facilitators support the process; the content is the members' own."),
    ("h2", "After the assembly"),
    ("p", "Publish the recommendations, the council's answer to each of them and a progress report a year later. Members who see their work taken seriously become ambassadors of the process."),
    ("check", "Checklist", ["Remit agreed by the council", "Independent oversight group appointed", "Invitations and stratification plan ready", "Expert panel balanced", "Council response procedure written down"]),
]  # fmt: skip

DIGITALE_BODY: list[tuple] = [
    ("h2", "Online e in presenza"),
    ("p", "Le piattaforme digitali allargano la partecipazione a chi non può venire agli incontri, ma non la sostituiscono: i percorsi migliori alternano momenti in presenza, in cui si discute, e fasi online, in cui si raccolgono proposte e si vota."),
    ("h2", "Criteri di scelta"),
    ("ul", ["accessibilità secondo le linee guida AgID e le WCAG 2.1 livello AA;", "software libero, per poter riusare e adattare la piattaforma;", "dati conservati nell'Unione europea e informativa privacy chiara;", "accesso con SPID o CIE quando il voto deve essere verificabile;", "esportazione dei dati in formati aperti."]),
    ("tip", "Provate con chi farà più fatica", "Prima del lancio, chiedete a cinque persone anziane e a una persona che usa un lettore di schermo di inviare una proposta: ciò che le blocca bloccherà molti altri."),
    ("h2", "Accessibilità non è un dettaglio"),
    ("p", "Testi semplici, contrasto sufficiente, moduli con etichette, video sottotitolati e trascrizioni rendono la partecipazione possibile a tutte e tutti, e migliorano l'esperienza di chiunque usi il telefono."),
    ("check", "Prima di aprire la piattaforma", ["Verifica di accessibilità completata", "Informativa privacy pubblicata", "Regole di moderazione scritte", "Canale di assistenza attivo", "Punti di facilitazione digitale in biblioteca"]),
]  # fmt: skip

GUIDES: list[Resource] = [
    Resource(
        slug="guida-co-programmazione-co-progettazione-art-55",
        kind=G,
        title="Co-programmazione e co-progettazione: guida operativa all'art. 55 del Codice del Terzo Settore",
        title_en="Co-programming and co-design: a practical guide to Article 55 of the Third Sector Code",
        summary="Dall'atto di indirizzo alla convenzione: le fasi del procedimento, i documenti da preparare, i ruoli di uffici ed enti del Terzo Settore e gli errori da evitare, con esempi tratti da Comuni di diverse dimensioni.",
        summary_en="From the policy decision to the agreement: the steps of the procedure, the documents to prepare, the roles of council offices and third-sector organisations and the mistakes to avoid.",
        when=ago(40),
        themes=("welfare-e-inclusione",),
        methods=("laboratorio-di-co-progettazione",),
        phase=DESIGN,
        audiences="pt",
        level=ADVANCED,
        authors="Giulia Ferraresi, Marco Santini",
        organisation="regione-emilia-romagna",
        content={"body": ART55_BODY, "body_en": ART55_BODY_EN},
    ),
    Resource(
        slug="patti-di-collaborazione-dalla-proposta-alla-firma",
        kind=G,
        title="Patti di collaborazione: dalla proposta alla firma",
        summary="Come nasce un patto di collaborazione tra cittadini e Comune per la cura di un bene comune: la proposta, l'istruttoria, la scrittura del patto e la sua vita, con le domande più frequenti.",
        when=this_month(2),
        themes=("beni-comuni", "rigenerazione-urbana"),
        phase=IMPLEMENTATION,
        audiences="pc",
        authors="Elena Bortolotti",
        organisation="centro-studi-beni-comuni",
        content={"body": PATTI_BODY},
    ),
    Resource(
        slug="bilancio-partecipativo-in-dieci-passi",
        kind=G,
        title="Bilancio partecipativo in dieci passi",
        title_en="Participatory budgeting in ten steps",
        summary="Dalla scelta della quota di bilancio alla valutazione del ciclo: i dieci passi di un bilancio partecipativo che funziona, con tempi, costi e gli accorgimenti per far votare anche chi di solito non partecipa.",
        summary_en="From setting the budget share to evaluating the cycle: the ten steps of participatory budgeting that works, with timings, costs and tips to reach people who seldom take part.",
        when=ago(200),
        themes=("beni-comuni", "giovani"),
        methods=("bilancio-partecipativo",),
        phase=DESIGN,
        audiences="pc",
        authors="Luca Marchetti",
        organisation="pesaro-partecipa-aps",
        content={"body": BILANCIO_BODY},
    ),
    Resource(
        slug="facilitare-un-incontro-pubblico",
        kind=G,
        title="Facilitare un incontro pubblico: la guida di base",
        summary="Preparare la domanda e lo spazio, condurre la discussione con poche regole condivise, chiudere con una restituzione puntuale: l'essenziale per chi facilita il suo primo incontro pubblico.",
        when=last_month(6),
        themes=("beni-comuni",),
        methods=("world-cafe", "focus-group"),
        audiences="f",
        authors="Sara Pellegrini",
        organisation="quartieri-in-rete-aps",
        content={"body": FACILITAZIONE_BODY},
    ),
    Resource(
        slug="valutare-un-processo-partecipativo",
        kind=G,
        title="Valutare un processo partecipativo: indicatori e strumenti",
        summary="Inclusione, qualità della discussione, influenza sulle decisioni, apprendimento: quattro domande, un set di indicatori semplici e gli strumenti per raccoglierli, sperimentati in otto enti locali.",
        when=ago(120),
        themes=("digitale", "legalita"),
        phase=EVALUATION,
        audiences="ptf",
        level=ADVANCED,
        authors="Paolo Venturi, Anna Rinaldi",
        organisation="laboratorio-studi-partecipazione-urbino",
        content={"body": VALUTARE_BODY},
    ),
    Resource(
        slug="regolamento-amministrazione-condivisa-beni-comuni",
        kind=G,
        title="Il regolamento per l'amministrazione condivisa dei beni comuni: scriverlo e farlo vivere",
        summary="Gli articoli essenziali di un regolamento sui beni comuni, come scriverlo insieme alla città e come accompagnarne i primi mesi con patti pilota e un referente stabile.",
        when=ago(330),
        themes=("beni-comuni", "legalita"),
        methods=("open-space-technology",),
        phase=DESIGN,
        audiences="p",
        level=ADVANCED,
        authors="Chiara Bellandi",
        organisation="comune-di-ascoli-piceno",
        content={"body": REGOLAMENTO_BODY},
    ),
    Resource(
        slug="coinvolgere-i-giovani-nelle-decisioni-pubbliche",
        kind=G,
        title="Coinvolgere i giovani nelle decisioni pubbliche",
        summary="Perché ragazze e ragazzi non vengono agli incontri pubblici e che cosa funziona invece: consulte, bilanci partecipativi under 30, laboratori nelle scuole, con cinque principi e una lista di controllo.",
        when=this_month(5),
        themes=("giovani", "educazione"),
        phase=DESIGN,
        audiences="ptc",
        authors="Davide Colombo",
        organisation="comune-di-reggio-emilia",
        content={"body": GIOVANI_BODY},
    ),
    Resource(
        slug="citizens-assemblies-practical-guide",
        kind=G,
        title="Citizens' assemblies: a practical guide for local authorities",
        summary="How to set the remit, select members by lot, run learning and deliberation sessions and respond to the recommendations: a step-by-step guide for councils planning their first citizens' assembly.",
        when=ago(260),
        themes=("transizione-ecologica",),
        methods=("assemblea-di-cittadini",),
        phase=DESIGN,
        audiences="pf",
        level=ADVANCED,
        language=EN,
        authors="Marco Santini",
        organisation="rete-italiana-partecipazione-civica",
        content={"body": ASSEMBLIES_BODY},
    ),
    Resource(
        slug="partecipazione-digitale-accessibile",
        kind=G,
        title="Partecipazione digitale accessibile: scegliere e usare le piattaforme",
        summary="Come integrare incontri in presenza e piattaforme online, quali criteri usare nella scelta (accessibilità, software libero, dati, identità digitale) e come verificare che nessuno resti escluso.",
        when=ago(480),
        themes=("digitale",),
        methods=("questionario",),
        audiences="pf",
        authors="Anna Rinaldi",
        organisation="fabbrica-di-idee-societa-benefit",
        content={"body": DIGITALE_BODY},
    ),
]

# --- documents and analyses -------------------------------------------------------------------

DOCUMENTS: list[Resource] = [
    Resource(
        slug="rapporto-amministrazione-condivisa-2025",
        kind=D,
        title="Rapporto 2025 sull'amministrazione condivisa: patti, regolamenti, risultati",
        title_en="2025 report on shared administration: pacts, regulations, results",
        summary="I dati di 18 Comuni su patti di collaborazione, regolamenti dei beni comuni e procedimenti di co-progettazione: quanti sono, chi li promuove, quanto durano e che cosa li fa funzionare.",
        summary_en="Data from 18 municipalities on collaboration pacts, commons regulations and co-design procedures: how many there are, who promotes them, how long they last and what makes them work.",
        when=ago(75),
        themes=("beni-comuni", "rigenerazione-urbana"),
        phase=EVALUATION,
        audiences="ptc",
        level=ADVANCED,
        authors="Elena Bortolotti, Paolo Venturi",
        organisation="centro-studi-beni-comuni",
        content={
            "description": html(
                "Il rapporto analizza 412 patti di collaborazione e 37 procedimenti di co-progettazione attivati tra il 2023 e il 2025 in 18 Comuni di Emilia-Romagna e Marche.",
                "Contiene le schede per Comune, l'analisi della durata dei patti e dieci raccomandazioni per gli uffici.",
            ),
            "description_en": html(
                "The report analyses 412 collaboration pacts and 37 co-design procedures started between 2023 and 2025 in 18 municipalities of Emilia-Romagna and Marche."
            ),
            "pdf": [
                (
                    "Sintesi",
                    "Tra il 2023 e il 2025 i 18 Comuni del campione hanno firmato 412 patti di collaborazione, il 38 per cento in più rispetto al triennio precedente. Giardini e aree verdi restano il bene più curato, ma crescono i patti su scuole aperte, spazi culturali e beni confiscati. I patti rinnovati almeno una volta sono il 61 per cento.",
                ),
                (
                    "Metodologia",
                    "I dati provengono dai registri dei patti pubblicati dai Comuni e da 54 interviste a referenti comunali e firmatari. Per ogni patto sono stati rilevati il bene, i firmatari, la durata, le attività e le forme di sostegno del Comune. Le interviste hanno approfondito i fattori che favoriscono il rinnovo.",
                ),
                (
                    "I patti di collaborazione",
                    "I gruppi informali firmano quasi la metà dei patti, seguiti dalle associazioni di promozione sociale. La durata media è di due anni. I patti con un referente comunale stabile durano in media undici mesi di più e vengono rinnovati con maggiore frequenza. La copertura assicurativa dei volontari è il sostegno più richiesto.",
                ),
                (
                    "La co-progettazione",
                    "I 37 procedimenti di co-progettazione riguardano soprattutto welfare di comunità, contrasto alla povertà educativa e inclusione lavorativa. I tavoli durano in media quattro mesi. Dove è stato previsto un facilitatore terzo, gli enti partecipanti giudicano il processo più equo e trasparente.",
                ),
                (
                    "Raccomandazioni",
                    "Nominare un referente stabile per l'amministrazione condivisa; pubblicare i patti attivi in formato aperto; prevedere sempre una restituzione pubblica annuale; estendere la polizza assicurativa a tutti i firmatari; formare gli uffici tecnici, che sono il principale collo di bottiglia dell'istruttoria.",
                ),
            ],
        },
    ),
    Resource(
        slug="analisi-bisogni-welfare-comunita-aree-interne",
        kind=D,
        title="Analisi dei bisogni: welfare di comunità nelle aree interne del Piceno",
        summary="Un'indagine con 320 interviste e sei focus group nei comuni montani colpiti dal sisma del 2016: isolamento delle persone anziane, trasporti, servizi di prossimità e il ruolo del volontariato.",
        when=last_month(12),
        themes=("aree-interne", "welfare-e-inclusione", "invecchiamento-attivo"),
        methods=("focus-group", "questionario"),
        phase=ANALYSIS,
        audiences="pt",
        authors="Sara Pellegrini, Luca Marchetti",
        organisation="fondazione-comunita-picena",
        content={
            "description": html(
                "L'analisi è stata realizzata per preparare la co-programmazione dei servizi di prossimità dell'Ambito sociale: descrive i bisogni emersi paese per paese e le risorse della comunità."
            ),
            "pdf": [
                (
                    "Il contesto",
                    "Nei dodici comuni dell'alto Tronto vivono poco più di diecimila persone, un terzo delle quali ha più di 65 anni. Dopo il sisma del 2016 molti servizi si sono spostati a valle e numerosi abitanti vivono ancora in soluzioni abitative temporanee, lontani dalla rete di relazioni di prima.",
                ),
                (
                    "Il metodo",
                    "Sono state condotte 320 interviste porta a porta da volontari formati e sei focus group con amministratori, medici di base, parroci, commercianti e giovani. I risultati sono stati discussi in due assemblee pubbliche di restituzione.",
                ),
                (
                    "I bisogni emersi",
                    "Il trasporto verso i servizi sanitari è il bisogno più citato, seguito dalla solitudine delle persone anziane e dalla difficoltà di fare la spesa nei paesi senza negozi. I giovani segnalano la mancanza di spazi di incontro e di connessione internet affidabile.",
                ),
                (
                    "Le risorse della comunità",
                    "Quattordici associazioni di volontariato, due cooperative di comunità e una fondazione sono già attive sul territorio. La disponibilità a impegnarsi in un servizio di trasporto sociale e di compagnia è alta, a condizione di avere un coordinamento stabile.",
                ),
            ],
        },
    ),
    Resource(
        slug="linee-guida-co-progettazione-dm-72-2021-commentate",
        kind=D,
        title="Le linee guida ministeriali sulla co-progettazione (DM 72/2021): testo commentato",
        summary="Il decreto ministeriale n. 72 del 2021 letto articolo per articolo, con il commento di funzionari ed esperti: principi, fasi del procedimento, trasparenza, rendicontazione e rapporto con il Codice dei contratti pubblici.",
        when=ago(150),
        themes=("welfare-e-inclusione",),
        phase=DESIGN,
        audiences="pt",
        level=ADVANCED,
        authors="Marco Santini",
        organisation="rete-italiana-partecipazione-civica",
        content={
            "description": html(
                "Un commento pratico alle Linee guida sul rapporto tra pubbliche amministrazioni ed enti del Terzo Settore negli articoli 55-57 del Codice del Terzo Settore."
            ),
            "pdf": [
                (
                    "Premessa",
                    "Le Linee guida adottate con il decreto ministeriale n. 72 del 31 marzo 2021 offrono alle amministrazioni un quadro condiviso per applicare gli istituti dell'amministrazione condivisa. Questo commento ne segue la struttura e segnala, per ogni passaggio, le scelte che restano agli enti.",
                ),
                (
                    "I principi",
                    "Le Linee guida richiamano i principi di trasparenza, imparzialità, partecipazione e parità di trattamento. La co-progettazione non è una procedura di affidamento: il rapporto si fonda sulla convergenza di obiettivi e sulla messa in comune di risorse pubbliche e private.",
                ),
                (
                    "Le fasi",
                    "Il procedimento di co-progettazione si articola in avvio d'ufficio o su istanza di parte, pubblicazione dell'avviso, individuazione degli enti, tavolo di co-progettazione, definizione del progetto e stipula della convenzione. Ogni fase deve essere documentata e pubblicata.",
                ),
                (
                    "Rendicontazione",
                    "Le risorse messe a disposizione dall'amministrazione sono rimborsi delle spese effettivamente sostenute. Le Linee guida raccomandano di definire in convenzione le voci ammissibili, le modalità di rendicontazione e i controlli, evitando oneri sproporzionati per gli enti più piccoli.",
                ),
            ],
        },
    ),
    Resource(
        slug="indagine-giovani-e-partecipazione",
        kind=D,
        title="Giovani e partecipazione: indagine su 1.200 studenti delle scuole superiori",
        summary="Che cosa pensano ragazze e ragazzi tra i 15 e i 19 anni della politica locale, come si informano, a quali forme di partecipazione sono disposti a dedicare tempo: i risultati di un questionario in 14 istituti.",
        when=this_month(8),
        themes=("giovani", "educazione"),
        methods=("questionario",),
        phase=ANALYSIS,
        audiences="ptc",
        authors="Davide Colombo, Anna Rinaldi",
        organisation="laboratorio-studi-partecipazione-urbino",
        content={
            "description": html(
                "L'indagine è stata condotta in 14 istituti superiori di Emilia-Romagna e Marche con un questionario anonimo compilato in classe."
            ),
            "pdf": [
                (
                    "Il campione",
                    "Hanno risposto 1.213 studenti tra i 15 e i 19 anni, iscritti a licei, istituti tecnici e professionali. Il questionario, anonimo, è stato compilato in classe durante l'ora di educazione civica tra febbraio e aprile.",
                ),
                (
                    "Fiducia e informazione",
                    "Solo il 18 per cento degli studenti dichiara di fidarsi del proprio Comune, ma il 64 per cento vorrebbe essere consultato sulle decisioni che riguardano scuola, trasporti e spazi per i giovani. Le informazioni arrivano soprattutto dai social network e dagli insegnanti.",
                ),
                (
                    "Le forme preferite",
                    "Le forme di partecipazione più gradite sono il voto su progetti concreti, i laboratori a scuola e le consulte con un budget proprio. Le assemblee serali in municipio sono indicate come la forma meno attraente.",
                ),
                (
                    "Indicazioni per gli enti",
                    "Portare la partecipazione a scuola, garantire tempi brevi tra proposta e realizzazione e restituire sempre l'esito delle proposte sono le tre condizioni che gli studenti pongono per impegnarsi.",
                ),
            ],
        },
    ),
    Resource(
        slug="participatory-budgeting-europe-comparative-note",
        kind=D,
        title="Participatory budgeting in Europe: a comparative note",
        summary="Budget shares, voting rules, age thresholds and implementation rates of participatory budgeting in twelve European cities, with lessons for Italian municipalities.",
        when=ago(400),
        themes=("beni-comuni",),
        methods=("bilancio-partecipativo",),
        phase=DESIGN,
        audiences="pf",
        level=ADVANCED,
        language=EN,
        authors="Paolo Venturi",
        organisation="centro-ricerca-democrazia-locale-bari",
        content={
            "description": html(
                "A short comparative note prepared for the network's training school on participatory budgeting."
            ),
            "pdf": [
                (
                    "Purpose",
                    "This note compares participatory budgeting in twelve European cities of different sizes, looking at the share of the budget involved, who can propose and vote, how proposals are checked and how many winning projects are actually built.",
                ),
                (
                    "Budget shares",
                    "The share of the capital budget allocated through participatory budgeting ranges from 0.5 to 5 per cent. Larger shares attract more proposals but require stronger technical support to assess feasibility and costs.",
                ),
                (
                    "Voting rules",
                    "Most cities allow residents from 14 or 16 years of age to vote. Cities that combine online voting with polling stations in markets and schools reach a more diverse electorate than those relying on online voting alone.",
                ),
                (
                    "Implementation",
                    "Implementation rates are the best predictor of trust: where more than 80 per cent of winning projects are built within two years, turnout grows from one cycle to the next.",
                ),
            ],
        },
    ),
    Resource(
        slug="valutazione-impatto-bilancio-partecipativo-pesaro",
        kind=D,
        title="Valutazione d'impatto del bilancio partecipativo di Pesaro",
        summary="Chi ha votato, quali progetti sono stati realizzati e con quali effetti su fiducia, partecipazione e relazioni nei quartieri: la valutazione indipendente di tre cicli del bilancio partecipativo.",
        when=ago(230),
        themes=("beni-comuni", "rigenerazione-urbana"),
        methods=("bilancio-partecipativo",),
        phase=EVALUATION,
        audiences="pf",
        level=ADVANCED,
        authors="Luca Marchetti, Giulia Ferraresi",
        organisation="pesaro-partecipa-aps",
        content={
            "description": html(
                "La valutazione, commissionata dal Comune, usa dati amministrativi, un questionario a 900 votanti e interviste ai proponenti."
            ),
            "pdf": [
                (
                    "Il bilancio partecipativo a Pesaro",
                    "In tre cicli i cittadini hanno scelto come spendere 600.000 euro in progetti di quartiere: aree gioco, piste ciclabili, arredi urbani, attività culturali. Il voto si è svolto online e in seggi allestiti nei mercati e nelle scuole.",
                ),
                (
                    "Chi ha votato",
                    "I votanti sono passati da 2.100 a 5.400. La quota di giovani sotto i 25 anni è triplicata dopo l'apertura del voto ai quattordicenni, mentre restano sottorappresentati i residenti stranieri.",
                ),
                (
                    "Gli effetti",
                    "Tra chi ha votato, il 57 per cento dichiara di avere più fiducia nel Comune rispetto a prima. Undici progetti su quattordici sono stati completati nei tempi previsti; i ritardi dei restanti sono stati spiegati in incontri pubblici.",
                ),
            ],
        },
    ),
]

# --- webinars -------------------------------------------------------------------------------

WEBINARS: list[Resource] = [
    Resource(
        slug="webinar-co-progettazione-art-55-domande-e-risposte",
        kind=W,
        title="Co-progettazione art. 55: domande e risposte con tre Comuni",
        summary="Tre funzionarie e funzionari di Comuni di diverse dimensioni rispondono alle domande più frequenti sulla co-progettazione con il Terzo Settore: avviso, tavolo, piano economico, rendicontazione.",
        when=ago(35),
        themes=("welfare-e-inclusione",),
        methods=("laboratorio-di-co-progettazione",),
        phase=DESIGN,
        audiences="pt",
        authors="Rete per la partecipazione pubblica",
        organisation="unione-dei-comuni-della-bassa-romagna",
        content={
            "video": "https://www.youtube.com/watch?v=Qm7r2TfXk4A",
            "minutes": 92,
            "description": html(
                "Il webinar di presentazione delle nuove linee guida regionali, con esempi dalla Bassa Romagna, da Reggio Emilia e da Ascoli Piceno.",
                "Le domande sono state raccolte in anticipo tra gli iscritti alla rete.",
            ),
            "speakers": [
                (
                    "Elisa Marchetti",
                    "responsabile servizi sociali, Unione dei Comuni della Bassa Romagna",
                    "Coordina da dieci anni i tavoli di co-programmazione dell'ambito sociale.",
                ),
                (
                    "Antonio De Santis",
                    "dirigente, Comune di Ascoli Piceno",
                    "Ha seguito la scrittura del regolamento per l'amministrazione condivisa.",
                ),
                (
                    "Giulia Ferraresi",
                    "facilitatrice",
                    "Facilita tavoli di co-progettazione per enti locali in tutta Italia.",
                ),
            ],
            "transcript": (
                "Giulia Ferraresi: Buongiorno a tutte e a tutti e benvenuti. Oggi parliamo di co-progettazione ai sensi dell'articolo 55 del Codice del Terzo Settore, partendo dalle vostre domande.\n\n"
                "Elisa Marchetti: La domanda che ci fanno più spesso è da dove cominciare. Noi siamo partiti dalla co-programmazione: prima di progettare un servizio abbiamo messo intorno al tavolo tutti gli enti dell'ambito per capire insieme quali erano i bisogni delle persone anziane che vivono sole.\n\n"
                "Antonio De Santis: Per un Comune capoluogo il punto critico è l'avviso. Deve essere chiaro, con criteri pubblici e un calendario del tavolo già fissato, altrimenti i piccoli enti non riescono a organizzarsi.\n\n"
                "Giulia Ferraresi: Arriva una domanda in chat sul piano economico. Come distinguete i rimborsi dagli apporti degli enti?\n\n"
                "Elisa Marchetti: Nel modello di piano economico ogni voce ha tre colonne: la quota a carico dell'Unione, la quota a carico degli enti e gli apporti in volontariato valorizzati. Così la rendicontazione diventa semplice.\n\n"
                "Antonio De Santis: E il monitoraggio non è un adempimento: il tavolo si riunisce ogni tre mesi e può modificare il progetto. È lì che si vede se la collaborazione è reale."
            ),
        },
    ),
    Resource(
        slug="webinar-world-cafe-online",
        kind=W,
        title="Il world café online: come adattarlo alle piattaforme digitali",
        summary="Tavoli virtuali, cambi di stanza, ospiti e restituzione in plenaria: una dimostrazione pratica del world café in videoconferenza, con i consigli per mantenere l'atmosfera informale del metodo.",
        when=last_month(18),
        themes=("digitale",),
        methods=("world-cafe",),
        audiences="f",
        authors="Sara Pellegrini",
        organisation="partecipa-lab-srl",
        content={
            "video": "https://www.youtube.com/watch?v=Lp4sW8dNc1E",
            "minutes": 75,
            "description": html(
                "Una sessione dimostrativa con 40 partecipanti divisi in otto tavoli virtuali, commentata passo passo."
            ),
            "speakers": [
                (
                    "Sara Pellegrini",
                    "facilitatrice, Partecipa Lab",
                    "Progetta percorsi partecipativi ibridi per enti locali e fondazioni.",
                ),
                (
                    "Matteo Barbieri",
                    "esperto di piattaforme digitali",
                    "Si occupa di strumenti online per la partecipazione accessibili.",
                ),
            ],
            "transcript": (
                "Sara Pellegrini: Il world café nasce per essere informale: tavoli piccoli, conversazioni brevi, idee che viaggiano da un tavolo all'altro. Online dobbiamo ricreare proprio questo.\n\n"
                "Matteo Barbieri: Le stanze separate della videoconferenza sono i nostri tavoli. Ogni stanza ha un ospite che resta e prende appunti su una lavagna condivisa, mentre gli altri cambiano stanza a ogni giro.\n\n"
                "Sara Pellegrini: Tre giri da venti minuti sono il massimo: online ci si stanca prima. Tra un giro e l'altro lasciamo due minuti di pausa.\n\n"
                "Matteo Barbieri: Per la restituzione in plenaria gli ospiti presentano le tre idee più forti del loro tavolo, e la lavagna condivisa diventa il verbale."
            ),
        },
    ),
    Resource(
        slug="webinar-assemblee-cittadini-clima",
        kind=W,
        title="Assemblee di cittadini sul clima: che cosa abbiamo imparato",
        title_en="Citizens' assemblies on climate: what we have learned",
        summary="Le assemblee di Reggio Emilia e Torino a confronto: sorteggio, mandato, ruolo degli esperti, raccomandazioni e risposta del Consiglio comunale, raccontati da chi le ha organizzate.",
        summary_en="The Reggio Emilia and Turin assemblies compared: selection by lot, remit, experts, recommendations and the council's response, told by the people who organised them.",
        when=ago(95),
        themes=("transizione-ecologica",),
        methods=("assemblea-di-cittadini",),
        phase=IMPLEMENTATION,
        audiences="pcf",
        level=ADVANCED,
        authors="Rete per la partecipazione pubblica",
        organisation="comune-di-reggio-emilia",
        content={
            "video": "https://www.youtube.com/watch?v=Hv9cT3mZq8B",
            "minutes": 88,
            "description": html(
                "Due assemblee cittadine sul clima, due mandati diversi: un confronto tra chi le ha progettate, facilitate e ricevute in Consiglio comunale."
            ),
            "speakers": [
                (
                    "Federica Sala",
                    "ricercatrice, Università di Bologna",
                    "Studia i processi deliberativi e le assemblee di cittadini in Europa.",
                ),
                (
                    "Davide Mancini",
                    "consigliere comunale",
                    "Ha presieduto la commissione che ha discusso le raccomandazioni dell'assemblea.",
                ),
            ],
            "transcript": (
                "Federica Sala: Un'assemblea di cittadini funziona se il mandato è chiaro. A Reggio Emilia la domanda era come ridurre le emissioni della città del 55 per cento entro il 2030.\n\n"
                "Davide Mancini: Il Consiglio si era impegnato a discutere ogni raccomandazione in seduta pubblica e a rispondere entro sei mesi. Lo abbiamo fatto, e questo ha cambiato il rapporto con i cittadini.\n\n"
                "Federica Sala: Il sorteggio stratificato ha portato nell'assemblea persone che non avevano mai partecipato a nulla. Molte di loro oggi sono attive nel quartiere."
            ),
        },
    ),
    Resource(
        slug="webinar-kit-indicatori-valutazione",
        kind=W,
        title="Il kit di indicatori per valutare la partecipazione, in pratica",
        summary="Come otto enti locali hanno usato il kit di indicatori: il questionario ai partecipanti, la griglia per i facilitatori e la relazione finale, con i risultati e le difficoltà incontrate.",
        when=this_month(1),
        themes=("digitale", "legalita"),
        methods=("questionario",),
        phase=EVALUATION,
        audiences="ptf",
        authors="Paolo Venturi",
        organisation="laboratorio-studi-partecipazione-urbino",
        content={
            "video": "https://www.youtube.com/watch?v=Zt2nR6yPw0C",
            "minutes": 60,
            "description": html(
                "Un'ora di lavoro sul kit di indicatori pubblicato nella sezione Strumenti, con le esperienze di due Comuni."
            ),
            "speakers": [
                (
                    "Paolo Venturi",
                    "Laboratorio di studi sulla partecipazione, Urbino",
                    "Coordina la sperimentazione del kit di indicatori.",
                ),
                (
                    "Lorenzo Costa",
                    "funzionario, Comune di Pesaro",
                    "Ha applicato il kit al bilancio partecipativo.",
                ),
            ],
            "transcript": (
                "Paolo Venturi: Il kit nasce da una domanda semplice: come facciamo a sapere se un processo partecipativo ha funzionato? Abbiamo scelto pochi indicatori, raccolti con strumenti leggeri.\n\n"
                "Lorenzo Costa: Il questionario di fine incontro richiede due minuti ai partecipanti. Dopo tre incontri avevamo già un quadro chiaro di chi mancava: i residenti stranieri e i ragazzi.\n\n"
                "Paolo Venturi: L'indicatore più eloquente è la quota di proposte rimaste senza risposta da parte dell'amministrazione. Se è alta, la fiducia crolla."
            ),
        },
    ),
    Resource(
        slug="webinar-patti-collaborazione-assicurazioni",
        kind=W,
        title="Patti di collaborazione: assicurazioni, sicurezza e responsabilità",
        summary="Chi risponde se un volontario si fa male mentre cura un'aiuola? Un'ora con un'avvocata e un funzionario comunale sulle coperture assicurative, la formazione alla sicurezza e le responsabilità nei patti.",
        when=ago(290),
        themes=("beni-comuni", "legalita"),
        phase=IMPLEMENTATION,
        audiences="pc",
        authors="Rete per la partecipazione pubblica",
        organisation="comune-di-bologna",
        content={
            "video": "https://www.youtube.com/watch?v=Bf6kN1sVe3D",
            "minutes": 58,
            "description": html(
                "Le domande più frequenti dei firmatari dei patti su assicurazione, sicurezza e responsabilità civile."
            ),
            "speakers": [
                (
                    "Martina Conti",
                    "avvocata",
                    "Si occupa di diritto degli enti del Terzo Settore e di amministrazione condivisa.",
                ),
                (
                    "Roberto Galli",
                    "funzionario, ufficio beni comuni",
                    "Segue l'istruttoria dei patti di collaborazione.",
                ),
            ],
            "transcript": (
                "Martina Conti: La prima regola è che nessun volontario comincia le attività senza essere coperto. Molti Comuni hanno una polizza che si estende automaticamente ai firmatari dei patti.\n\n"
                "Roberto Galli: Nel patto scriviamo quali attività sono ammesse: la manutenzione leggera sì, l'uso di attrezzi a motore no, a meno di una formazione specifica."
            ),
        },
    ),
    Resource(
        slug="designing-inclusive-consultations",
        kind=W,
        title="Designing inclusive consultations",
        summary="How to reach people who never come to public meetings: outreach, easy-read materials, interpreters, childcare and online options, with examples from Italian and European cities.",
        when=ago(510),
        themes=("welfare-e-inclusione", "digitale"),
        methods=("focus-group", "questionario"),
        phase=ANALYSIS,
        audiences="pf",
        language=EN,
        authors="Rete per la partecipazione pubblica",
        organisation="rete-italiana-partecipazione-civica",
        content={
            "video": "https://www.youtube.com/watch?v=Ky3pD7uTa5E",
            "minutes": 65,
            "description": html(
                "An international webinar of the network's training school, in English with Italian captions."
            ),
            "speakers": [
                (
                    "Emanuele Santoro",
                    "researcher",
                    "Works on inclusive participation and migrant communities.",
                ),
                (
                    "Francesca Moretti",
                    "public health officer",
                    "Runs community consultations on health services.",
                ),
            ],
            "transcript": (
                "Emanuele Santoro: Inclusion starts before the first meeting. Who did you invite, in which language, at what time of day?\n\n"
                "Francesca Moretti: We moved our consultations to the places people already go: the health centre waiting room, the school gate, the mosque on Friday afternoon. Attendance tripled."
            ),
        },
    ),
]

# --- the podcast ----------------------------------------------------------------------------

SERIES: dict[str, Any] = {
    "title": "Voci della partecipazione",
    "title_en": "Voices of participation",
    "summary": "Ogni mese una conversazione con chi facilita processi partecipativi e di co-progettazione nei territori.",
    "summary_en": "Every month a conversation with people who facilitate participation and co-design across Italy.",
    "description": (
        "Voci della partecipazione è il podcast della Rete per la partecipazione pubblica. "
        "In ogni puntata una facilitatrice, un funzionario, una volontaria o un amministratore "
        "racconta un percorso partecipativo: com'è nato, che cosa ha funzionato, che cosa rifarebbe "
        "diversamente. Per chi lavora nella pubblica amministrazione, nel Terzo Settore o è "
        "semplicemente curioso di come si decide insieme."
    ),
    "author_name": "Rete per la partecipazione pubblica",
    "owner_email": "podcast@civichub.example",
}

EPISODES: list[Resource] = [
    Resource(
        slug="estratti-a-sorte",
        kind=P,
        title="Estratti a sorte: la democrazia delle assemblee di cittadini",
        title_en="Drawn by lot: the democracy of citizens' assemblies",
        summary="Una cittadina sorteggiata per l'assemblea sul clima di Reggio Emilia racconta cinque fine settimana passati a studiare, discutere e votare raccomandazioni per la sua città.",
        summary_en="A resident drawn by lot for the Reggio Emilia climate assembly tells of five weekends spent studying, debating and voting on recommendations for her city.",
        when=ago(300),
        themes=("transizione-ecologica",),
        methods=("assemblea-di-cittadini",),
        audiences="c",
        authors="Marco Santini",
        content={
            "season": 1,
            "episode": 1,
            "show_notes": html(
                "Ospite della puntata è Laura, insegnante in pensione, estratta a sorte per l'assemblea cittadina sul clima.",
                "Nella puntata: la lettera di invito, il primo weekend, il rapporto con gli esperti, il voto finale e la seduta del Consiglio comunale.",
            ),
            "show_notes_en": html(
                "Our guest is Laura, a retired teacher drawn by lot for the citizens' assembly on climate."
            ),
            "transcript": (
                "Quando è arrivata la lettera ho pensato a uno scherzo. Poi ho letto bene: il Comune mi invitava a far parte di un'assemblea di sessanta persone estratte a sorte. "
                "Il primo weekend eravamo tutti un po' intimiditi, ma i facilitatori sono stati bravissimi. Alla fine abbiamo votato trentadue raccomandazioni, e il Consiglio le ha discusse una per una."
            ),
            "tone": 392.0,
        },
    ),
    Resource(
        slug="il-terzo-settore-al-tavolo",
        kind=P,
        title="Il Terzo Settore al tavolo: co-progettare dopo la sentenza 131",
        summary="Una presidente di cooperativa sociale e un dirigente comunale raccontano come è cambiato il rapporto tra enti pubblici e Terzo Settore da quando la co-progettazione ha sostituito le gare.",
        when=ago(240),
        themes=("welfare-e-inclusione",),
        methods=("laboratorio-di-co-progettazione",),
        phase=DESIGN,
        audiences="pt",
        authors="Giulia Ferraresi",
        organisation="cooperativa-sociale-la-tessitura",
        content={
            "season": 1,
            "episode": 2,
            "show_notes": html(
                "Con Silvia Fontana, presidente della cooperativa sociale La Tessitura, e un dirigente dei servizi sociali.",
                "Si parla di fiducia, di piani economici condivisi e di che cosa significa sedersi allo stesso tavolo dopo anni di gare al ribasso.",
            ),
            "transcript": (
                "Per anni ci siamo incontrati solo nelle gare: noi a fare l'offerta più bassa, il Comune a controllare. Con la co-progettazione ci siamo seduti allo stesso tavolo e abbiamo scoperto che conoscevamo bisogni diversi delle stesse famiglie."
            ),
            "tone": 440.0,
        },
    ),
    Resource(
        slug="beni-comuni-e-patti",
        kind=P,
        title="Beni comuni e patti: storie dai giardini di quartiere",
        summary="Residenti, commercianti e un'associazione curano due giardini del centro di Bologna con un patto di collaborazione: manutenzione, aperture serali e feste per i bambini.",
        when=ago(180),
        themes=("beni-comuni", "rigenerazione-urbana"),
        audiences="c",
        authors="Elena Bortolotti",
        organisation="quartieri-in-rete-aps",
        content={
            "season": 1,
            "episode": 3,
            "show_notes": html(
                "Una passeggiata sonora nei giardini del Pratello con chi li cura ogni settimana."
            ),
            "transcript": (
                "Il giardino era chiuso la sera e pieno di rifiuti. Abbiamo scritto una proposta di patto in tre pagine, il Comune ci ha dato attrezzi e assicurazione, e adesso il giovedì sera qui c'è il cinema all'aperto."
            ),
            "tone": 349.2,
        },
    ),
    Resource(
        slug="facilitare-il-conflitto",
        kind=P,
        title="Facilitare il conflitto",
        summary="Quando un incontro pubblico si accende: una facilitatrice con vent'anni di esperienza spiega come accogliere la rabbia, separare le persone dai problemi e trasformare uno scontro in proposte.",
        when=ago(110),
        themes=("legalita",),
        methods=("town-meeting",),
        audiences="f",
        level=ADVANCED,
        authors="Sara Pellegrini",
        content={
            "season": 1,
            "episode": 4,
            "show_notes": html(
                "Con Valentina Romano, facilitatrice. Tecniche, errori e qualche storia vera di assemblee difficili."
            ),
            "transcript": (
                "Il conflitto non è un fallimento dell'incontro: spesso è il segno che le persone ci tengono. Il compito di chi facilita è dare alla rabbia un posto, e poi chiedere: che cosa proponi?"
            ),
            "tone": 329.6,
        },
    ),
    Resource(
        slug="giovani-che-decidono",
        kind=P,
        title="Giovani che decidono",
        summary="Tre ragazze e ragazzi della consulta giovani di Ascoli Piceno raccontano come hanno gestito un budget vero e che cosa hanno imparato sulle istituzioni.",
        when=last_month(20),
        themes=("giovani",),
        audiences="ptc",
        authors="Davide Colombo",
        organisation="comune-di-ascoli-piceno",
        content={
            "season": 1,
            "episode": 5,
            "show_notes": html(
                "La consulta giovani, il suo budget di 30.000 euro e i tre progetti realizzati in un anno."
            ),
            "transcript": (
                "All'inizio pensavamo che fosse una cosa di facciata. Poi ci hanno detto: avete trentamila euro, decidete voi. Abbiamo fatto un sondaggio nelle scuole e il progetto più votato è stato una sala prove per le band."
            ),
            "tone": 493.9,
        },
    ),
    Resource(
        slug="misurare-la-partecipazione",
        kind=P,
        title="Misurare la partecipazione",
        summary="Si può misurare un processo partecipativo senza ridurlo a un numero? Un ricercatore e un funzionario discutono di indicatori, questionari e del coraggio di pubblicare anche i risultati deludenti.",
        when=this_month(3),
        themes=("digitale",),
        phase=EVALUATION,
        audiences="pf",
        authors="Paolo Venturi",
        organisation="laboratorio-studi-partecipazione-urbino",
        content={
            "season": 2,
            "episode": 1,
            "show_notes": html(
                "La seconda stagione si apre con la valutazione: il kit di indicatori, gli errori più comuni e perché la restituzione conta quanto i dati."
            ),
            "transcript": (
                "Contare i partecipanti è facile, ma non ci dice nulla. Le domande vere sono chi mancava, che cosa è cambiato nelle decisioni, che cosa abbiamo imparato. E i risultati vanno pubblicati, anche quando non ci piacciono."
            ),
            "tone": 440.0,
        },
    ),
]

# --- toolkits -------------------------------------------------------------------------------

BUDGET_ROWS = [
    ["Voce di spesa", "Unità", "Quantità", "Costo unitario (euro)", "Totale (euro)", "Quota ente pubblico (euro)", "Quota enti del Terzo Settore (euro)", "Valorizzazione volontariato (euro)"],
    ["Coordinamento del progetto", "ore", "200", "28,00", "5600,00", "4480,00", "1120,00", "0,00"],
    ["Operatori dei servizi", "ore", "1500", "22,50", "33750,00", "30375,00", "3375,00", "0,00"],
    ["Volontari (valorizzazione)", "ore", "800", "15,00", "12000,00", "0,00", "0,00", "12000,00"],
    ["Facilitazione del tavolo di monitoraggio", "incontri", "8", "350,00", "2800,00", "2800,00", "0,00", "0,00"],
    ["Rimborsi chilometrici", "km", "12000", "0,35", "4200,00", "3360,00", "840,00", "0,00"],
    ["Materiali e attrezzature", "a corpo", "1", "2500,00", "2500,00", "1500,00", "1000,00", "0,00"],
    ["Comunicazione e restituzione pubblica", "a corpo", "1", "1800,00", "1800,00", "1800,00", "0,00", "0,00"],
    ["Assicurazione volontari", "a corpo", "1", "900,00", "900,00", "900,00", "0,00", "0,00"],
    ["Costi indiretti (max 7%)", "a corpo", "1", "3430,00", "3430,00", "2744,00", "686,00", "0,00"],
]  # fmt: skip

SCHEDULE_ROWS = [
    ["Fase", "Attività", "Responsabile", "Inizio (settimana)", "Fine (settimana)", "Prodotto"],
    ["Avvio", "Atto di indirizzo e nomina del responsabile del procedimento", "Ente pubblico", "1", "2", "Determina"],
    ["Avviso", "Pubblicazione dell'avviso e incontro informativo", "Ente pubblico", "3", "6", "Avviso pubblico"],
    ["Ammissione", "Verifica dei requisiti degli enti", "Commissione", "7", "8", "Elenco degli ammessi"],
    ["Tavolo", "Quattro incontri facilitati di co-progettazione", "Facilitatore", "9", "16", "Verbali"],
    ["Progetto", "Stesura del progetto definitivo e del piano economico", "Tavolo", "17", "19", "Progetto definitivo"],
    ["Convenzione", "Approvazione e firma della convenzione", "Ente pubblico ed enti", "20", "22", "Convenzione"],
    ["Monitoraggio", "Tavolo di monitoraggio trimestrale", "Tavolo", "23", "", "Relazioni trimestrali"],
]  # fmt: skip

PACT_ACTIVITY_ROWS = [
    ["Attività", "Frequenza", "Chi la svolge", "Materiali forniti dal Comune", "Note di sicurezza"],
    ["Raccolta dei rifiuti leggeri", "settimanale", "Volontari del patto", "Guanti, pinze, sacchi", "Non raccogliere siringhe: segnalarle"],
    ["Irrigazione delle aiuole", "da maggio a settembre, due volte a settimana", "Residenti", "Tubo e attacco all'idrante", ""],
    ["Apertura e chiusura serale del cancello", "giornaliera", "Esercenti della via", "Chiavi", "Rispettare gli orari del patto"],
    ["Attività per bambini", "mensile", "Associazione di quartiere", "Tavoli e panche", "Comunicare le date al Comune"],
]  # fmt: skip

ATTENDANCE_ROWS = [
    ["Data", "Incontro", "Nome e cognome", "Organizzazione (facoltativo)", "Comune di residenza", "Consenso alle foto (sì/no)", "Consenso ai contatti successivi (sì/no)"],
    ["", "", "", "", "", "", ""],
]  # fmt: skip

SURVEY_ROWS = [
    ["Domanda", "Tipo di risposta", "Indicatore"],
    ["Quanto sei soddisfatto/a dell'incontro di oggi?", "scala da 1 a 5", "Soddisfazione"],
    ["Hai avuto abbastanza tempo per esprimere la tua opinione?", "sì / in parte / no", "Qualità della discussione"],
    ["Le informazioni ricevute erano chiare e sufficienti?", "scala da 1 a 5", "Qualità dell'informazione"],
    ["Pensi che le proposte di oggi saranno prese in considerazione?", "scala da 1 a 5", "Fiducia nell'influenza"],
    ["È la prima volta che partecipi a un incontro come questo?", "sì / no", "Inclusione"],
    ["Età, quartiere, genere (facoltativi)", "scelta multipla", "Inclusione"],
]  # fmt: skip

TOOLKITS: list[Resource] = [
    Resource(
        slug="kit-avviso-co-progettazione",
        kind=T,
        title="Kit per l'avviso di co-progettazione: fac-simile e cronoprogramma",
        summary="Il fac-simile di un avviso pubblico di co-progettazione ai sensi dell'art. 55 del Codice del Terzo Settore, con la domanda di partecipazione e un cronoprogramma del procedimento da adattare.",
        when=ago(60),
        themes=("welfare-e-inclusione",),
        methods=("laboratorio-di-co-progettazione",),
        phase=DESIGN,
        audiences="pt",
        level=ADVANCED,
        authors="Marco Santini, Giulia Ferraresi",
        organisation="unione-dei-comuni-della-bassa-romagna",
        content={
            "instructions": html(
                "Scaricate il fac-simile e sostituite le parti tra parentesi quadre con i dati del vostro ente. Il cronoprogramma si apre con qualsiasi foglio di calcolo.",
                "Prima della pubblicazione fate rileggere l'avviso a un ente del Terzo Settore che non parteciperà: vi dirà che cosa non è chiaro.",
            ),
            "files": [
                PdfFile(
                    "fac-simile-avviso-co-progettazione.pdf",
                    "Fac-simile dell'avviso pubblico",
                    [
                        (
                            "Oggetto dell'avviso",
                            "Il Comune di [nome dell'ente] intende avviare un procedimento di co-progettazione, ai sensi dell'articolo 55 del decreto legislativo 3 luglio 2017, n. 117, per la definizione e la realizzazione di [oggetto dell'intervento], invitando gli enti del Terzo Settore interessati a manifestare la propria disponibilità a partecipare al tavolo.",
                        ),
                        (
                            "Requisiti di partecipazione",
                            "Possono partecipare gli enti del Terzo Settore iscritti al Registro unico nazionale del Terzo Settore, singolarmente o in raggruppamento, in possesso dei requisiti di moralità professionale e di esperienza nel settore di intervento indicati all'articolo 4.",
                        ),
                        (
                            "Risorse messe a disposizione",
                            "L'amministrazione mette a disposizione risorse pari a [importo] euro per [durata], a titolo di rimborso delle spese sostenute, oltre a [spazi, beni strumentali, personale]. Gli enti partecipanti indicano gli apporti propri in denaro, beni e volontariato.",
                        ),
                        (
                            "Il tavolo di co-progettazione",
                            "Il tavolo si svolge in quattro incontri facilitati secondo il calendario allegato. Ogni incontro si chiude con un verbale pubblicato sul sito dell'ente. Il progetto definitivo è approvato con determina e regolato da una convenzione.",
                        ),
                    ],
                ),
                CsvFile(
                    "cronoprogramma-co-progettazione.csv",
                    "Cronoprogramma del procedimento",
                    SCHEDULE_ROWS,
                ),
            ],
        },
    ),
    Resource(
        slug="modello-patto-di-collaborazione",
        kind=T,
        title="Modello di patto di collaborazione e scheda delle attività",
        summary="Un modello di patto di collaborazione ordinario pronto da compilare, con la scheda delle attività di cura, le frequenze, i materiali forniti dal Comune e le note di sicurezza.",
        when=ago(210),
        themes=("beni-comuni",),
        phase=IMPLEMENTATION,
        audiences="pc",
        authors="Elena Bortolotti",
        organisation="centro-studi-beni-comuni",
        content={
            "instructions": html(
                "Il modello segue la struttura dei regolamenti per l'amministrazione condivisa più diffusi. Compilate la scheda delle attività insieme ai proponenti durante l'istruttoria."
            ),
            "files": [
                PdfFile(
                    "modello-patto-di-collaborazione.pdf",
                    "Modello di patto di collaborazione",
                    [
                        (
                            "Le parti",
                            "Tra il Comune di [nome], rappresentato da [nome e ruolo], e [nome dei cittadini attivi o dell'associazione], di seguito i proponenti, si conviene quanto segue.",
                        ),
                        (
                            "Il bene comune e le attività",
                            "Il patto riguarda la cura di [bene comune], individuato nella planimetria allegata. Le attività, la loro frequenza e chi le svolge sono descritte nella scheda delle attività, che fa parte integrante del patto.",
                        ),
                        (
                            "Impegni del Comune",
                            "Il Comune fornisce i materiali e gli attrezzi indicati nella scheda, la copertura assicurativa dei volontari, la formazione sulla sicurezza e un referente per tutta la durata del patto.",
                        ),
                        (
                            "Durata e verifica",
                            "Il patto ha durata di [numero] anni ed è rinnovabile. Le parti si incontrano almeno una volta all'anno per verificare le attività e rendere conto pubblicamente di quanto realizzato.",
                        ),
                    ],
                ),
                CsvFile("scheda-attivita-patto.csv", "Scheda delle attività", PACT_ACTIVITY_ROWS),
            ],
        },
    ),
    Resource(
        slug="modello-piano-economico-co-progettazione",
        kind=T,
        title="Modello di piano economico per la co-progettazione",
        title_en="Budget template for co-design projects",
        summary="Il foglio di calcolo per il piano economico di un progetto co-progettato: voci di spesa, quote dell'ente pubblico e degli enti del Terzo Settore, valorizzazione del volontariato e costi indiretti.",
        summary_en="A spreadsheet for the budget of a co-designed project: cost items, shares of the public body and of third-sector organisations, volunteer time and indirect costs.",
        when=this_month(4),
        themes=("welfare-e-inclusione", "lavoro"),
        phase=DESIGN,
        audiences="pt",
        level=ADVANCED,
        authors="Luca Marchetti",
        organisation="fondazione-ponti-di-comunita",
        content={
            "instructions": html(
                "Il file CSV si apre con qualsiasi foglio di calcolo (separatore punto e virgola). Le righe sono un esempio per un servizio di prossimità di un anno: sostituitele con le vostre voci.",
                "Le istruzioni in PDF spiegano come distinguere rimborsi, apporti propri e volontariato valorizzato.",
            ),
            "instructions_en": html(
                "The CSV file opens in any spreadsheet (semicolon separated). The rows are an example for a one-year community service: replace them with your own items."
            ),
            "files": [
                CsvFile(
                    "piano-economico-co-progettazione.csv",
                    "Piano economico (foglio di calcolo)",
                    BUDGET_ROWS,
                    title_en="Budget (spreadsheet)",
                ),
                PdfFile(
                    "istruzioni-piano-economico.pdf",
                    "Istruzioni per la compilazione",
                    [
                        (
                            "A che cosa serve",
                            "Il piano economico rende visibile che cosa mette ciascuno nel progetto. Nella co-progettazione le risorse pubbliche rimborsano spese effettivamente sostenute: non sono un prezzo.",
                        ),
                        (
                            "Le colonne",
                            "Per ogni voce indicate unità, quantità e costo unitario. Il totale si ripartisce tra la quota dell'ente pubblico, la quota degli enti del Terzo Settore e la valorizzazione del volontariato, calcolata con un costo orario convenzionale.",
                        ),
                        (
                            "Costi indiretti",
                            "I costi indiretti, come la quota di affitto della sede o la contabilità, si indicano a corpo entro la percentuale fissata dall'avviso, di solito tra il 5 e il 10 per cento dei costi diretti.",
                        ),
                    ],
                    title_en="How to fill it in",
                ),
            ],
        },
    ),
    Resource(
        slug="questionario-valutazione-partecipanti",
        kind=T,
        title="Questionario di valutazione per i partecipanti",
        summary="Sette domande da proporre alla fine di ogni incontro per misurare soddisfazione, qualità della discussione, fiducia e inclusione, con la griglia di codifica delle risposte.",
        when=last_month(9),
        themes=("digitale",),
        methods=("questionario",),
        phase=EVALUATION,
        audiences="pf",
        authors="Paolo Venturi, Anna Rinaldi",
        organisation="laboratorio-studi-partecipazione-urbino",
        content={
            "instructions": html(
                "Stampate il questionario in PDF o copiatelo in un modulo online. Il file CSV elenca domande, tipi di risposta e l'indicatore a cui ciascuna contribuisce."
            ),
            "files": [
                PdfFile(
                    "questionario-partecipanti.pdf",
                    "Questionario (da stampare)",
                    [
                        (
                            "Come è andato l'incontro?",
                            "1. Quanto sei soddisfatto o soddisfatta dell'incontro di oggi? (da 1 a 5)\n2. Hai avuto abbastanza tempo per esprimere la tua opinione? (sì, in parte, no)\n3. Le informazioni ricevute erano chiare e sufficienti? (da 1 a 5)",
                        ),
                        (
                            "E dopo?",
                            "4. Pensi che le proposte di oggi saranno prese in considerazione? (da 1 a 5)\n5. È la prima volta che partecipi a un incontro come questo? (sì, no)\n6. Età, quartiere e genere (facoltativi)\n7. Un suggerimento per il prossimo incontro",
                        ),
                    ],
                ),
                CsvFile("griglia-codifica-questionario.csv", "Griglia di codifica", SURVEY_ROWS),
            ],
        },
    ),
    Resource(
        slug="kit-facilitazione-tavoli",
        kind=T,
        title="Kit di facilitazione: schede per i tavoli e lista del materiale",
        summary="Le schede da stampare per condurre tavoli di lavoro in un incontro pubblico: domanda guida, regole, tempi, spazio per le idee e per le proposte, più la lista del materiale da portare.",
        when=ago(140),
        themes=("beni-comuni",),
        methods=("world-cafe", "open-space-technology"),
        phase=IMPLEMENTATION,
        audiences="fc",
        authors="Sara Pellegrini",
        organisation="partecipa-lab-srl",
        content={
            "instructions": html(
                "Stampate una scheda per tavolo in formato A3. La lista del materiale è pensata per un incontro di 40 persone."
            ),
            "files": [
                PdfFile(
                    "schede-tavoli-facilitazione.pdf",
                    "Schede per i tavoli",
                    [
                        (
                            "Scheda del tavolo",
                            "Domanda guida: [scrivete qui la domanda]. Tempo: 40 minuti. Regole: si parla uno alla volta, ogni idea va scritta, si critica l'idea e non la persona. Chi tiene il tempo: [nome]. Chi scrive: [nome].",
                        ),
                        (
                            "Idee e proposte",
                            "Le idee emerse al tavolo. Le tre proposte più condivise, con chi potrebbe realizzarle e che cosa serve. Le domande rimaste aperte da riportare in plenaria.",
                        ),
                        (
                            "Lista del materiale",
                            "Pennarelli di tre colori, post-it, cartelloni A1, nastro di carta, un timer, cartellini per i nomi, il foglio presenze, l'informativa privacy, acqua e bicchieri, una prolunga elettrica.",
                        ),
                    ],
                ),
            ],
        },
    ),
    Resource(
        slug="registro-presenze-consenso-informato",
        kind=T,
        title="Registro delle presenze e informativa per gli incontri pubblici",
        summary="Il registro delle presenze con i consensi per foto e contatti successivi e un'informativa privacy semplice da adattare, conformi al Regolamento (UE) 2016/679.",
        when=ago(440),
        themes=("legalita", "digitale"),
        audiences="ptf",
        authors="Martina Conti",
        organisation="rete-italiana-partecipazione-civica",
        content={
            "instructions": html(
                "Raccogliete solo i dati che vi servono davvero: il nome e il comune bastano per contare le presenze. I consensi sono facoltativi e separati."
            ),
            "files": [
                CsvFile("registro-presenze.csv", "Registro delle presenze", ATTENDANCE_ROWS),
                PdfFile(
                    "informativa-incontri-pubblici.pdf",
                    "Informativa privacy per gli incontri",
                    [
                        (
                            "Chi tratta i tuoi dati",
                            "Titolare del trattamento è [ente organizzatore], contattabile all'indirizzo [e-mail]. I dati raccolti nel registro servono a documentare la partecipazione all'incontro e, solo se acconsenti, a inviarti gli aggiornamenti sul percorso.",
                        ),
                        (
                            "I tuoi diritti",
                            "Puoi chiedere in ogni momento di accedere ai tuoi dati, correggerli o cancellarli, e revocare i consensi dati. Le foto dell'incontro sono pubblicate solo con il tuo consenso.",
                        ),
                    ],
                ),
            ],
        },
    ),
]

# --- method sheets --------------------------------------------------------------------------


def sheet(
    method: str,
    title: str,
    summary: str,
    when: When,
    *,
    themes: tuple[str, ...],
    phase: str = "",
    audiences: str = "f",
    level: str = Level.INTRODUCTORY,
    authors: str = "",
    organisation: str = "",
    title_en: str = "",
    summary_en: str = "",
    **content: Any,
) -> Resource:
    return Resource(
        slug=f"scheda-{method}",
        kind=M,
        title=title,
        summary=summary,
        when=when,
        themes=themes,
        methods=(method,),
        phase=phase,
        audiences=audiences,
        level=level,
        authors=authors,
        organisation=organisation,
        title_en=title_en,
        summary_en=summary_en,
        content=content,
    )


METHOD_SHEETS: list[Resource] = [
    sheet(
        "world-cafe",
        "World café",
        "Conversazioni informali a piccoli tavoli che si rimescolano a ogni giro: come preparare le domande, il ruolo degli ospiti di tavolo e la restituzione in plenaria.",
        ago(160),
        title_en="World café",
        summary_en="Informal conversations at small tables that reshuffle at every round: preparing the questions, the role of table hosts and the plenary harvest.",
        themes=("beni-comuni", "cultura"),
        phase=ANALYSIS,
        audiences="fpc",
        authors="Sara Pellegrini",
        organisation="partecipa-lab-srl",
        when_to_use="Quando si vogliono far emergere idee ed esperienze da un gruppo numeroso (da 20 a 200 persone) su una domanda aperta, in un clima informale che metta tutti a proprio agio.",
        when_not_to_use="Quando bisogna prendere una decisione vincolante o negoziare tra posizioni molto conflittuali: il world café esplora, non delibera.",
        steps=[
            (
                "Preparare le domande",
                "Scegliete due o tre domande aperte, una per giro, che si costruiscono l'una sull'altra.",
                "2 settimane prima",
            ),
            (
                "Allestire la sala",
                "Tavoli da quattro-sei persone con tovaglie di carta, pennarelli e un fiore: l'atmosfera di un caffè.",
                "1 ora",
            ),
            (
                "Primo giro",
                "Ogni tavolo discute la prima domanda; tutti scrivono e disegnano sulla tovaglia.",
                "20 minuti",
            ),
            (
                "Cambiare tavolo",
                "Tutti cambiano tavolo tranne l'ospite, che riassume ai nuovi arrivati la conversazione precedente.",
                "20 minuti per giro",
            ),
            (
                "Restituzione in plenaria",
                "Gli ospiti presentano le idee ricorrenti; il facilitatore le raccoglie su un cartellone.",
                "30 minuti",
            ),
        ],
        duration="Mezza giornata (3-4 ore)",
        group_size="da 20 a 200",
        cost_band=CostBand.LOW,
        roles="Un facilitatore principale, un ospite per tavolo, una persona che documenta.",
        materials="Tavoli, tovaglie di carta, pennarelli, cartelloni, post-it.",
        risks="Domande troppo vaghe producono conversazioni generiche: provate le domande prima con un piccolo gruppo. Senza una restituzione scritta entro pochi giorni, il lavoro si disperde.",
    ),
    sheet(
        "open-space-technology",
        "Open space technology",
        "Un incontro auto-organizzato in cui sono i partecipanti a proporre i temi e formare i gruppi: come scrivere la domanda, aprire il mercato dei temi e produrre l'instant report.",
        ago(350),
        themes=("rigenerazione-urbana", "beni-comuni"),
        phase=ANALYSIS,
        audiences="fpt",
        level=ADVANCED,
        authors="Giulia Ferraresi",
        organisation="quartieri-in-rete-aps",
        when_to_use="Per questioni complesse e urgenti che stanno a cuore a molti, quando le soluzioni non sono note e serve l'energia e la competenza di tutti i portatori di interesse.",
        when_not_to_use="Quando l'esito è già deciso o quando chi ha il potere di decidere non è disposto a tenere conto dei risultati.",
        steps=[
            (
                "La domanda generale",
                "Una domanda ampia e sentita, ad esempio «Quale futuro per l'ex mercato coperto?».",
                "con il committente",
            ),
            (
                "Il cerchio di apertura",
                "I partecipanti siedono in cerchio; il facilitatore spiega i quattro principi e la legge dei due piedi.",
                "30 minuti",
            ),
            (
                "Il mercato dei temi",
                "Chi vuole propone un tema, lo scrive su un foglio e sceglie un orario e uno spazio.",
                "45 minuti",
            ),
            (
                "Le sessioni",
                "I gruppi lavorano in parallelo; ogni gruppo scrive un breve resoconto.",
                "2-3 sessioni da 75 minuti",
            ),
            (
                "L'instant report",
                "I resoconti vengono raccolti e stampati prima della chiusura, poi si scelgono le priorità.",
                "1 ora",
            ),
        ],
        duration="Una o due giornate",
        group_size="da 30 a 500",
        cost_band=CostBand.MEDIUM,
        roles="Un facilitatore esperto, uno staff per l'instant report, il committente presente in apertura e chiusura.",
        materials="Una sala ampia e spazi per i gruppi, fogli A3, pennarelli, una bacheca, computer e stampante.",
        risks="Se il committente non si impegna pubblicamente a usare i risultati, la fiducia si perde. Serve molto spazio: una sala troppo piccola soffoca l'auto-organizzazione.",
    ),
    sheet(
        "assemblea-di-cittadini",
        "Assemblea di cittadini",
        "Un gruppo di residenti estratti a sorte che si informa, delibera e formula raccomandazioni: mandato, sorteggio stratificato, fasi di lavoro, ruolo del comitato di garanzia e risposta delle istituzioni.",
        last_month(3),
        themes=("transizione-ecologica",),
        phase=DESIGN,
        audiences="pf",
        level=ADVANCED,
        authors="Marco Santini",
        organisation="rete-italiana-partecipazione-civica",
        when_to_use="Per questioni controverse di lungo periodo (clima, urbanistica, fine vita) su cui le istituzioni vogliono un parere informato e rappresentativo della popolazione.",
        when_not_to_use="Per decisioni urgenti o tecniche, o quando non ci sono risorse per retribuire i partecipanti e garantire un sorteggio serio.",
        steps=[
            (
                "Il mandato",
                "Il Consiglio approva la domanda e si impegna a rispondere a ogni raccomandazione.",
                "1 mese",
            ),
            (
                "Il sorteggio",
                "Inviti a migliaia di famiglie estratte a caso, poi sorteggio stratificato tra chi accetta.",
                "2 mesi",
            ),
            (
                "Apprendimento",
                "Esperti e portatori di interesse presentano informazioni bilanciate.",
                "2 fine settimana",
            ),
            (
                "Deliberazione",
                "Lavoro in piccoli gruppi facilitati sulle possibili azioni.",
                "2 fine settimana",
            ),
            (
                "Decisione",
                "Voto sulle raccomandazioni e consegna al Consiglio.",
                "1 fine settimana",
            ),
        ],
        duration="Da 3 a 6 mesi, con 4-6 fine settimana di lavoro",
        group_size="da 40 a 150",
        cost_band=CostBand.HIGH,
        roles="Un comitato di garanzia indipendente, un gruppo di facilitazione, un comitato scientifico, una segreteria organizzativa.",
        materials="Sede accessibile, materiali informativi, rimborsi e gettoni per i partecipanti, servizi di cura per chi ha figli.",
        risks="Raccomandazioni ignorate: fissate prima come e quando l'istituzione risponderà. Esperti sbilanciati: fate validare il programma al comitato di garanzia.",
    ),
    sheet(
        "bilancio-partecipativo",
        "Bilancio partecipativo",
        "I cittadini propongono, discutono e votano i progetti su cui investire una parte del bilancio: regolamento, raccolta delle proposte, verifica di fattibilità, voto e realizzazione.",
        ago(270),
        themes=("beni-comuni", "giovani"),
        phase=DESIGN,
        audiences="pc",
        authors="Luca Marchetti",
        organisation="pesaro-partecipa-aps",
        when_to_use="Quando l'ente può destinare stabilmente una quota certa del bilancio alle scelte dei cittadini e impegnarsi a realizzare i progetti vincitori in tempi brevi.",
        when_not_to_use="Quando la quota è simbolica o non c'è la capacità tecnica di realizzare i progetti votati entro un anno o due.",
        steps=[
            (
                "Regolamento",
                "Quota, ambiti, età per votare e regole scritti con i quartieri.",
                "2 mesi",
            ),
            ("Proposte", "Assemblee e piattaforma online per raccogliere le idee.", "6 settimane"),
            (
                "Fattibilità",
                "Gli uffici verificano costi e fattibilità insieme ai proponenti.",
                "6 settimane",
            ),
            (
                "Voto",
                "Online e nei seggi di quartiere, con una campagna nelle scuole.",
                "2 settimane",
            ),
            ("Realizzazione", "Cronoprogramma pubblico e aggiornamenti periodici.", "12-18 mesi"),
        ],
        duration="Un ciclo annuale",
        group_size="tutta la popolazione",
        cost_band=CostBand.HIGH,
        roles="Un ufficio di coordinamento, i tecnici dei settori coinvolti, facilitatori per le assemblee, un gestore della piattaforma di voto.",
        materials="Piattaforma online, materiali di comunicazione, seggi mobili.",
        risks="Progetti votati e mai realizzati distruggono la fiducia: non mettete al voto ciò che non siete sicuri di poter fare.",
    ),
    sheet(
        "focus-group",
        "Focus group",
        "Una discussione guidata con sei-dodici persone scelte per le loro caratteristiche: come comporre il gruppo, scrivere la traccia, moderare e analizzare ciò che emerge.",
        ago(420),
        themes=("salute", "welfare-e-inclusione"),
        phase=ANALYSIS,
        audiences="fpt",
        authors="Francesca Moretti",
        organisation="cooperativa-sociale-la-tessitura",
        when_to_use="Per esplorare in profondità bisogni, opinioni ed esperienze di un gruppo specifico prima di progettare un servizio.",
        when_not_to_use="Per misurare quanto è diffusa un'opinione nella popolazione: servono un questionario o un sondaggio.",
        steps=[
            (
                "Comporre il gruppo",
                "Sei-dodici persone omogenee per la caratteristica che interessa, diverse per il resto.",
                "3 settimane",
            ),
            (
                "La traccia",
                "Cinque-sei domande aperte, dalla più generale alla più specifica.",
                "1 settimana",
            ),
            (
                "La discussione",
                "Il moderatore facilita, un osservatore prende appunti e registra, con il consenso.",
                "90 minuti",
            ),
            (
                "L'analisi",
                "Trascrizione, individuazione dei temi ricorrenti e delle citazioni significative.",
                "2 settimane",
            ),
        ],
        duration="Un incontro di 90 minuti, più preparazione e analisi",
        group_size="da 6 a 12",
        cost_band=CostBand.LOW,
        roles="Un moderatore, un osservatore, chi recluta i partecipanti.",
        materials="Una sala tranquilla, un registratore, la traccia, un piccolo rinfresco.",
        risks="Una persona dominante può orientare il gruppo: il moderatore deve dare la parola a tutti. Non generalizzate i risultati a tutta la popolazione.",
    ),
    sheet(
        "laboratorio-di-co-progettazione",
        "Laboratorio di co-progettazione",
        "Sessioni in cui ente pubblico, Terzo Settore e cittadini progettano insieme un servizio: dalla definizione del problema ai prototipi, con strumenti visuali e ruoli chiari.",
        this_month(6),
        themes=("welfare-e-inclusione", "lavoro"),
        phase=DESIGN,
        audiences="ptf",
        authors="Giulia Ferraresi",
        organisation="fabbrica-di-idee-societa-benefit",
        when_to_use="Quando un servizio o un intervento va progettato da zero o ripensato e le competenze necessarie sono distribuite tra uffici, enti e cittadini.",
        when_not_to_use="Quando il progetto è già scritto e si cerca solo un consenso: i partecipanti se ne accorgono.",
        steps=[
            (
                "Inquadrare il problema",
                "Mappa dei bisogni e degli attori, con dati e storie.",
                "1 incontro",
            ),
            ("Generare idee", "Lavoro in gruppi misti con schede e persone tipo.", "1 incontro"),
            (
                "Prototipare",
                "Le idee migliori diventano prototipi semplici: un volantino, un percorso, un calendario.",
                "1-2 incontri",
            ),
            (
                "Provare e correggere",
                "I prototipi si provano con i destinatari e si migliorano.",
                "2-4 settimane",
            ),
            (
                "Il progetto",
                "Il gruppo scrive il progetto con attività, ruoli e risorse.",
                "1 incontro",
            ),
        ],
        duration="4-6 incontri da 3 ore in due-tre mesi",
        group_size="da 12 a 30",
        cost_band=CostBand.MEDIUM,
        roles="Un facilitatore, un referente dell'ente con potere decisionale, i rappresentanti degli enti, alcuni destinatari del servizio.",
        materials="Cartelloni, schede di lavoro, materiali per prototipi, spazio con tavoli mobili.",
        risks="Senza un referente dell'ente che possa decidere, il laboratorio produce idee che si fermano negli uffici.",
    ),
    sheet(
        "passeggiata-di-quartiere",
        "Passeggiata di quartiere",
        "Un percorso a piedi con abitanti, tecnici e amministratori per osservare insieme luoghi, problemi e risorse di un quartiere e raccogliere proposte sul posto.",
        ago(85),
        themes=("rigenerazione-urbana", "mobilita"),
        phase=ANALYSIS,
        audiences="cpf",
        authors="Elena Bortolotti",
        organisation="comune-di-bologna",
        when_to_use="All'inizio di un progetto di rigenerazione urbana, di mobilità o di cura dello spazio pubblico, per vedere il quartiere con gli occhi di chi lo vive.",
        when_not_to_use="Con persone che non possono camminare a lungo, se il percorso non è pensato per loro; con il maltempo, senza un piano alternativo.",
        steps=[
            (
                "Disegnare il percorso",
                "Con alcuni abitanti, tappe di 5-10 minuti nei luoghi significativi.",
                "2 settimane",
            ),
            (
                "Le tappe",
                "A ogni tappa un abitante racconta, i partecipanti osservano e annotano su schede.",
                "1 ora e mezza",
            ),
            (
                "Il momento finale",
                "In uno spazio al chiuso si mettono in comune osservazioni e proposte su una mappa.",
                "1 ora",
            ),
        ],
        duration="Mezza giornata",
        group_size="da 10 a 40",
        cost_band=CostBand.FREE,
        roles="Un facilitatore, abitanti che guidano le tappe, un tecnico comunale, chi fotografa e annota.",
        materials="Mappa stampata, schede di osservazione, cartelline rigide, macchina fotografica.",
        risks="Percorsi non accessibili escludono persone anziane e con disabilità: verificate il percorso prima.",
    ),
    sheet(
        "planning-for-real",
        "Planning for real",
        "Un plastico del quartiere su cui gli abitanti posano proposte con cartellini colorati: come costruirlo con le scuole, dove esporlo e come trasformare i cartellini in priorità.",
        ago(380),
        themes=("rigenerazione-urbana", "educazione"),
        phase=DESIGN,
        audiences="cpf",
        authors="Davide Colombo",
        organisation="comune-di-pesaro",
        when_to_use="Per coinvolgere molte persone, anche chi non parla in pubblico, nella progettazione di spazi urbani: piazze, percorsi casa-scuola, parchi.",
        when_not_to_use="Per temi non legati a un luogo fisico, o quando non c'è tempo per costruire ed esporre il plastico.",
        steps=[
            (
                "Costruire il plastico",
                "Con una scuola o un gruppo di volontari, in scala, con le case e le strade.",
                "3-4 settimane",
            ),
            ("Esporlo", "In scuole, mercati, biblioteche: dove passano le persone.", "3 settimane"),
            (
                "Le proposte",
                "I visitatori posano cartellini colorati con proposte e problemi.",
                "durante l'esposizione",
            ),
            (
                "Le priorità",
                "Un incontro finale raggruppa i cartellini e sceglie le priorità.",
                "1 incontro",
            ),
        ],
        duration="Due mesi",
        group_size="centinaia di persone",
        cost_band=CostBand.LOW,
        roles="Un facilitatore, le scuole o i volontari che costruiscono il plastico, chi presidia l'esposizione.",
        materials="Cartone, colla, colori, cartellini di proposta prestampati, una base rigida.",
        risks="Un plastico esposto senza presidio raccoglie pochi cartellini: servono persone che accolgano e spieghino.",
    ),
]

# --- case studies ---------------------------------------------------------------------------


def case(
    slug: str,
    experience: str,
    title: str,
    summary: str,
    when: When,
    *,
    themes: tuple[str, ...],
    methods: tuple[str, ...] = (),
    phase: str = "",
    audiences: str = "pt",
    level: str = Level.INTRODUCTORY,
    authors: str = "",
    organisation: str = "",
    title_en: str = "",
    summary_en: str = "",
    context: str,
    approach: str,
    results: str,
    lessons: str,
) -> Resource:
    return Resource(
        slug=slug,
        kind=C,
        title=title,
        summary=summary,
        when=when,
        themes=themes,
        methods=methods,
        phase=phase,
        audiences=audiences,
        level=level,
        authors=authors,
        organisation=organisation,
        title_en=title_en,
        summary_en=summary_en,
        content={
            "experience": experience,
            "context": context,
            "approach": approach,
            "results": results,
            "lessons": lessons,
        },
    )


CASE_STUDIES: list[Resource] = [
    case(
        "caso-bilancio-partecipativo-navile",
        "bilancio-partecipativo-quartiere-navile",
        "Il bilancio partecipativo del Navile: come 300.000 euro sono diventati tre progetti",
        "Analisi del bilancio partecipativo del quartiere Navile di Bologna: regole, campagna nelle scuole, verifica di fattibilità con i proponenti e i tempi di realizzazione che hanno costruito fiducia.",
        ago(130),
        themes=("beni-comuni", "rigenerazione-urbana"),
        methods=("bilancio-partecipativo",),
        phase=IMPLEMENTATION,
        audiences="pc",
        authors="Luca Marchetti",
        organisation="comune-di-bologna",
        context=html(
            "Il Navile è il quartiere più popoloso di Bologna, con forti differenze tra le sue zone e molti residenti di origine straniera. Il Comune ha destinato 300.000 euro alle scelte degli abitanti."
        ),
        approach=html(
            "Assemblee in ogni zona, una piattaforma online e un lavoro con le scuole medie. Le proposte sono state verificate con i proponenti in incontri tecnici aperti, così che nessuna fosse esclusa senza spiegazione."
        ),
        results=html(
            "Oltre 4.000 votanti, tre progetti vincitori (un'area gioco inclusiva, un percorso ciclabile, un cortile scolastico aperto) realizzati entro un anno dal voto."
        ),
        lessons=html(
            "La verifica di fattibilità fatta insieme ai proponenti trasforma un possibile conflitto in un apprendimento reciproco. Realizzare in fretta i progetti vale più di qualunque campagna di comunicazione."
        ),
    ),
    case(
        "caso-patto-giardini-pratello",
        "patto-collaborazione-giardini-pratello",
        "I giardini del Pratello: un patto di collaborazione che dura",
        "Residenti, commercianti e un'associazione curano due giardini del centro storico di Bologna: perché il patto è stato rinnovato tre volte e che cosa ha fatto il Comune per sostenerlo.",
        ago(310),
        themes=("beni-comuni", "rigenerazione-urbana"),
        phase=IMPLEMENTATION,
        audiences="pc",
        authors="Elena Bortolotti",
        organisation="quartieri-in-rete-aps",
        context=html(
            "Due piccoli giardini pubblici chiusi la sera, poco curati e percepiti come insicuri, in una via vivace del centro storico."
        ),
        approach=html(
            "Un patto di collaborazione tra Comune, residenti, esercenti e un'associazione di quartiere: manutenzione leggera, aperture serali affidate ai commercianti, un calendario di attività per bambini."
        ),
        results=html(
            "I giardini sono aperti la sera da maggio a settembre, con cinema all'aperto e feste; il patto è stato rinnovato tre volte e i firmatari sono passati da 6 a 22."
        ),
        lessons=html(
            "Un referente comunale stabile e regole semplici fanno durare un patto. La festa annuale di restituzione è il momento in cui nuovi residenti decidono di aderire."
        ),
    ),
    case(
        "caso-assemblea-clima-reggio-emilia",
        "assemblea-cittadina-clima-reggio-emilia",
        "L'assemblea cittadina sul clima di Reggio Emilia: dal sorteggio alle 32 raccomandazioni",
        "Come sessanta cittadine e cittadini estratti a sorte hanno lavorato cinque fine settimana sulle azioni per ridurre le emissioni, e come il Consiglio comunale ha risposto a ogni raccomandazione.",
        last_month(25),
        title_en="The Reggio Emilia citizens' assembly on climate: from the lottery to 32 recommendations",
        summary_en="How sixty residents drawn by lot worked for five weekends on actions to cut emissions, and how the city council answered every recommendation.",
        themes=("transizione-ecologica",),
        methods=("assemblea-di-cittadini",),
        phase=DESIGN,
        audiences="pcf",
        level=ADVANCED,
        authors="Marco Santini, Giulia Ferraresi",
        organisation="comune-di-reggio-emilia",
        context=html(
            "La città aveva approvato un piano per il clima ma faticava a coinvolgere la popolazione nelle scelte più difficili: mobilità, riscaldamento, consumo di suolo."
        ),
        approach=html(
            "Sorteggio stratificato tra 8.000 famiglie invitate, un comitato di garanzia indipendente, esperti scelti per rappresentare posizioni diverse e un gettone di presenza per i partecipanti."
        ),
        results=html(
            "Trentadue raccomandazioni, di cui ventisei accolte in tutto o in parte dal Consiglio comunale con una risposta motivata pubblicata sei mesi dopo."
        ),
        lessons=html(
            "L'impegno preso in anticipo dal Consiglio di rispondere a ogni raccomandazione è stato decisivo. Il gettone di presenza ha portato persone che non avevano mai partecipato."
        ),
    ),
    case(
        "caso-domiciliarita-bassa-romagna",
        "co-progettazione-domiciliarita-bassa-romagna",
        "Co-progettare la domiciliarità nella Bassa Romagna",
        "Nove comuni e dodici enti del Terzo Settore hanno co-programmato e co-progettato una rete di servizi per le persone anziane sole: tempi, piano economico, governance e monitoraggio.",
        ago(65),
        themes=("welfare-e-inclusione", "invecchiamento-attivo"),
        methods=("laboratorio-di-co-progettazione",),
        phase=DESIGN,
        audiences="pt",
        level=ADVANCED,
        authors="Giulia Ferraresi",
        organisation="unione-dei-comuni-della-bassa-romagna",
        context=html(
            "Nella Bassa Romagna un anziano su quattro vive solo. I servizi erano frammentati tra comuni, cooperative e volontariato, senza un coordinamento."
        ),
        approach=html(
            "Una co-programmazione aperta a tutti gli enti dell'ambito ha individuato i bisogni; un avviso di co-progettazione ha poi costruito il servizio in quattro incontri facilitati."
        ),
        results=html(
            "Una rete di trasporto sociale, compagnia e spesa a domicilio che raggiunge 640 persone, con un tavolo di monitoraggio trimestrale."
        ),
        lessons=html(
            "La co-programmazione ha creato la fiducia che ha reso rapida la co-progettazione. Un piano economico trasparente ha evitato tensioni tra enti di dimensioni diverse."
        ),
    ),
    case(
        "caso-regolamento-beni-comuni-ascoli",
        "regolamento-beni-comuni-ascoli-piceno",
        "Ascoli Piceno: un regolamento dei beni comuni scritto con i cittadini",
        "Prima di approvarlo, il Comune ha discusso la bozza del regolamento in un open space e in tre laboratori: 46 modifiche proposte dai cittadini sono entrate nel testo finale.",
        ago(190),
        themes=("beni-comuni", "legalita"),
        methods=("open-space-technology",),
        phase=DESIGN,
        audiences="pc",
        authors="Chiara Bellandi",
        organisation="comune-di-ascoli-piceno",
        context=html(
            "Il Comune voleva dotarsi di un regolamento per l'amministrazione condivisa, ma molte associazioni temevano una procedura burocratica che scoraggiasse i gruppi informali."
        ),
        approach=html(
            "Un open space di apertura con 140 partecipanti, tre laboratori sugli articoli più delicati e una consultazione online sulla bozza, con la risposta a ogni osservazione."
        ),
        results=html(
            "Un regolamento approvato all'unanimità, 46 modifiche dei cittadini accolte, undici patti firmati nel primo anno."
        ),
        lessons=html(
            "Scrivere il regolamento con la città costa qualche mese ma lo rende conosciuto e difeso. Rispondere a ogni osservazione, anche per dire di no, costruisce credibilità."
        ),
    ),
    case(
        "caso-welfare-comunita-piceno",
        "welfare-di-comunita-piceno-dopo-il-sisma",
        "Welfare di comunità nei paesi del Piceno dopo il sisma",
        "Una fondazione di comunità, i volontari e i comuni montani hanno costruito insieme servizi di prossimità per chi è rimasto: trasporto sociale, spesa a domicilio e un community hub in ogni paese.",
        this_month(7),
        themes=("aree-interne", "welfare-e-inclusione"),
        methods=("focus-group",),
        phase=IMPLEMENTATION,
        audiences="ptc",
        authors="Sara Pellegrini",
        organisation="fondazione-comunita-picena",
        context=html(
            "Dopo il terremoto del 2016 molti abitanti dei paesi dell'alto Tronto vivono lontani dai servizi e dalla loro rete di relazioni; le persone anziane sono le più esposte all'isolamento."
        ),
        approach=html(
            "Un'analisi dei bisogni con interviste porta a porta, poi una co-programmazione con l'Ambito sociale e la nascita di un community hub gestito da volontari in ogni paese."
        ),
        results=html(
            "Sette community hub aperti, un servizio di trasporto sociale con 35 autisti volontari, la spesa a domicilio per 180 famiglie."
        ),
        lessons=html(
            "Partire dall'ascolto casa per casa ha fatto emergere risorse che nessuno conosceva. I volontari restano se hanno un coordinamento stabile e un luogo in cui incontrarsi."
        ),
    ),
]

ALL_RESOURCES: list[Resource] = [
    *GUIDES,
    *DOCUMENTS,
    *WEBINARS,
    *TOOLKITS,
    *METHOD_SHEETS,
    *CASE_STUDIES,
]

# --- the index, collections, featured resources, answers ------------------------------------

INDEX = {
    "title": "Strumenti",
    "title_en": "Tools",
    "intro": (
        "Guide operative, schede metodo, webinar, podcast, modelli pronti all'uso e casi di "
        "studio per chi organizza processi partecipativi e percorsi di co-programmazione e "
        "co-progettazione. I materiali sono liberi: riusali citando la fonte."
    ),
    "intro_en": (
        "Practical guides, method sheets, webinars, podcasts, ready-to-use templates and case "
        "studies for whoever runs participatory processes, co-programming and co-design. "
        "Everything is free to reuse with attribution."
    ),
}

FEATURED = [
    "guida-co-programmazione-co-progettazione-art-55",
    "rapporto-amministrazione-condivisa-2025",
    "scheda-world-cafe",
    "estratti-a-sorte",
]

# (slug, note) of the monthly programmes: the month's own resources first.
THIS_MONTH_ITEMS = [
    ("patti-di-collaborazione-dalla-proposta-alla-firma", "La guida aggiornata con le domande arrivate dai Comuni."),
    ("indagine-giovani-e-partecipazione", "I dati per preparare le consulte giovani d'autunno."),
    ("webinar-kit-indicatori-valutazione", "Il webinar del mese: la valutazione raccontata da chi l'ha fatta."),
    ("modello-piano-economico-co-progettazione", "Il modello più richiesto dagli enti del Terzo Settore."),
    ("scheda-laboratorio-di-co-progettazione", "Per chi prepara un tavolo di co-progettazione."),
    ("misurare-la-partecipazione", "Si apre la seconda stagione del podcast."),
]  # fmt: skip
LAST_MONTH_ITEMS = [
    ("facilitare-un-incontro-pubblico", "Per chi facilita il suo primo incontro."),
    ("analisi-bisogni-welfare-comunita-aree-interne", "Un esempio di analisi dei bisogni prima della co-programmazione."),
    ("webinar-world-cafe-online", "Il world café anche a distanza."),
    ("giovani-che-decidono", "La consulta giovani di Ascoli Piceno raccontata dai protagonisti."),
    ("caso-assemblea-clima-reggio-emilia", "Dal sorteggio alle raccomandazioni, passo per passo."),
]  # fmt: skip
STARTER: dict[str, Any] = {
    "slug": "per-cominciare-con-la-co-progettazione",
    "title": "Per cominciare con la co-progettazione",
    "title_en": "Getting started with co-design",
    "intro": "Cinque strumenti per chi avvia il primo procedimento di co-progettazione con il Terzo Settore: la guida, il webinar, i modelli e un caso da cui imparare.",
    "intro_en": "Five resources for a first co-design procedure with third-sector organisations.",
    "items": [
        ("guida-co-programmazione-co-progettazione-art-55", "Da leggere per prima: le fasi del procedimento."),
        ("webinar-co-progettazione-art-55-domande-e-risposte", "Le domande più frequenti, con le risposte di tre Comuni."),
        ("kit-avviso-co-progettazione", "Il fac-simile dell'avviso da adattare."),
        ("scheda-laboratorio-di-co-progettazione", "Come condurre gli incontri del tavolo."),
        ("caso-domiciliarita-bassa-romagna", "Un procedimento completo, dalla co-programmazione al monitoraggio."),
    ],
}  # fmt: skip

POSITIVE_COMMENTS = [
    "Chiaro e concreto: l'abbiamo usato per preparare il nostro primo tavolo.",
    "Finalmente un modello che si può adattare senza riscriverlo da capo.",
    "Utilissimo per spiegare il percorso ai colleghi degli uffici tecnici.",
    "Lo abbiamo condiviso con tutta la consulta: ottimi gli esempi.",
    "Le liste di controllo sono la parte più preziosa.",
]
NEGATIVE_COMMENTS = [
    "Mi sarebbe servito un esempio per un Comune molto piccolo.",
    "Manca la parte sulla rendicontazione.",
    "Interessante ma troppo sintetico per chi comincia.",
]


# --- files and pictures, made on the spot ---------------------------------------------------

# What the PDF's core fonts cannot draw, replaced (the documents' text is ours).
_PDF_REPLACEMENTS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u20ac": "euro",
    }
)


def _pdf_text(text: str) -> str:
    return text.translate(_PDF_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("helvetica", "", 8)
        self.cell(0, 5, f"{self.page_no()}", align="C")


def pdf_bytes(title: str, sections: Sequence[tuple[str, str]], *, subtitle: str = "") -> bytes:
    """A real PDF: a title page, then one page per section, with page numbers."""
    pdf = _Pdf(format="A4")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(_pdf_text(title))
    pdf.set_author("Civic Hub")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 22)
    pdf.ln(50)
    pdf.multi_cell(0, 11, _pdf_text(title), new_x="LMARGIN", new_y="NEXT", align="L")
    if subtitle:
        pdf.ln(6)
        pdf.set_font("helvetica", "", 13)
        pdf.multi_cell(0, 7, _pdf_text(subtitle), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(12)
    pdf.set_font("helvetica", "I", 9)
    pdf.multi_cell(0, 5, _pdf_text(DISCLAIMER), new_x="LMARGIN", new_y="NEXT", align="L")
    for number, (heading, text) in enumerate(sections, start=1):
        pdf.add_page()
        pdf.set_font("helvetica", "B", 15)
        pdf.multi_cell(
            0, 9, _pdf_text(f"{number}. {heading}"), new_x="LMARGIN", new_y="NEXT", align="L"
        )
        pdf.ln(3)
        pdf.set_font("helvetica", "", 11)
        for paragraph in text.split("\n"):
            pdf.multi_cell(0, 6, _pdf_text(paragraph), new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(2)
    return bytes(pdf.output())


def csv_bytes(rows: Sequence[Sequence[str]]) -> bytes:
    """Semicolon-separated with a byte-order mark, as spreadsheets in Italian expect."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def wav_bytes(seconds: float, frequency: float, rate: int = 8000) -> bytes:
    """A quiet tone that fades in and out: 8 kHz, 8-bit mono, a few kilobytes a second."""
    frames = int(seconds * rate)
    fade = rate // 4
    samples = bytearray()
    for n in range(frames):
        envelope = min(1.0, n / fade, (frames - n) / fade)
        samples.append(128 + round(30 * envelope * math.sin(2 * math.pi * frequency * n / rate)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(bytes(samples))
    return buffer.getvalue()


def podcast_cover() -> ContentFile:
    """The series' square cover: sound waves and the title, 1400 pixels square as podcast apps ask."""
    size = 1400
    image = PILImage.new("RGB", (size, size), "#00264d")
    draw = ImageDraw.Draw(image)
    centre = (size // 2, 520)
    for number, radius in enumerate(range(90, 450, 70)):
        colour = "#0066cc" if number % 2 else "#f2f7fc"
        box = (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius)
        draw.arc(box, start=200, end=340, fill=colour, width=22)
        draw.arc(box, start=20, end=160, fill=colour, width=22)
    draw.ellipse((centre[0] - 60, centre[1] - 60, centre[0] + 60, centre[1] + 60), fill="#ffb300")
    font = ImageFont.load_default(size=120)
    draw.text((size // 2, 1130), "Voci della", fill="#ffffff", font=font, anchor="mm")
    draw.text((size // 2, 1270), "partecipazione", fill="#ffffff", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="voci-della-partecipazione.jpg")


def _document(title: str, name: str, content: bytes) -> Document:
    return Document.objects.create(title=title[:255], file=ContentFile(content, name=name))


def _cover(demo: Resource) -> Any:
    Image = get_image_model()
    title = f"Copertina: {demo.title}"[:255]
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    return Image.objects.create(
        title=title,
        description=f"Illustrazione astratta per «{demo.title}»"[:255],
        file=illustration(f"strumento-{demo.slug}", width=COVER_SIZE[0], height=COVER_SIZE[1]),
    )


# --- building the pages ---------------------------------------------------------------------


def _block(item: tuple) -> dict[str, Any]:
    kind = item[0]
    if kind in ("h2", "h3"):
        return {"type": "heading", "value": {"text": item[1], "level": kind}}
    if kind == "p":
        return {"type": "paragraph", "value": f"<p>{item[1]}</p>"}
    if kind in ("ul", "ol"):
        entries = "".join(f"<li>{entry}</li>" for entry in item[1])
        return {"type": "paragraph", "value": f"<{kind}>{entries}</{kind}>"}
    if kind in ("tip", "warning", "example"):
        return {"type": "callout", "value": {"kind": kind, "title": item[1], "text": item[2]}}
    if kind == "check":
        return {"type": "checklist", "value": {"title": item[1], "items": list(item[2])}}
    if kind == "quote":
        return {"type": "quote", "value": {"text": item[1], "author": item[2], "role": item[3]}}
    raise ValueError(f"unknown guide block {kind!r}")


def _files(specs: Sequence[PdfFile | CsvFile], title: str) -> list[ResourceFile]:
    files = []
    for order, spec in enumerate(specs):
        if isinstance(spec, PdfFile):
            content = pdf_bytes(spec.title, spec.sections, subtitle=title)
        else:
            content = csv_bytes(spec.rows)
        files.append(
            ResourceFile(
                document=_document(spec.title, spec.name, content),
                title=spec.title,
                title_en=spec.title_en,
                sort_order=order,
            )
        )
    return files


class _Context:
    """What the resources point to, loaded once."""

    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.methods = {method.slug: method for method in ParticipatoryMethod.objects.all()}
        self.organisations = {
            organisation.slug: organisation
            for organisation in Organisation.objects.only("pk", "slug", "name")
        }
        self.experiences = {
            experience.slug: experience
            for experience in Experience.objects.filter(state=State.PUBLISHED).only("pk", "slug")
        }


def _specific(demo: Resource, context: _Context, date: datetime.date) -> dict[str, Any] | None:
    """The fields of the kind's own model; None when a required one is missing."""
    content = demo.content
    if demo.kind == G:
        return {
            "body": [_block(item) for item in content["body"]],
            "body_en": [_block(item) for item in content.get("body_en", [])],
        }
    if demo.kind == D:
        pdf = pdf_bytes(demo.title, content["pdf"], subtitle=demo.authors)
        return {
            "document": _document(demo.title, f"{demo.slug}.pdf", pdf),
            "description": content["description"],
            "description_en": content.get("description_en", ""),
        }
    if demo.kind == W:
        return {
            "video_url": content["video"],
            "duration_minutes": content["minutes"],
            "recorded_on": date - datetime.timedelta(days=12),
            "description": content["description"],
            "transcript": content["transcript"],
            "speakers": [
                Speaker(name=name, role=role, bio=bio, sort_order=order)
                for order, (name, role, bio) in enumerate(content["speakers"])
            ],
        }
    if demo.kind == P:
        audio = wav_bytes(3, content["tone"])
        return {
            "audio": _document(f"Audio: {demo.title}", f"{demo.slug}.wav", audio),
            "season": content["season"],
            "episode_number": content["episode"],
            "show_notes": content["show_notes"],
            "show_notes_en": content.get("show_notes_en", ""),
            "transcript": content["transcript"],
        }
    if demo.kind == T:
        return {
            "instructions": content["instructions"],
            "instructions_en": content.get("instructions_en", ""),
            "files": _files(content["files"], demo.title),
        }
    if demo.kind == M:
        method = context.methods.get(demo.methods[0])
        if method is None:
            return None
        return {
            "method": method,
            "steps": [
                {"type": "step", "value": {"title": title, "text": text, "duration": duration}}
                for title, text, duration in content["steps"]
            ],
            **{
                name: content[name]
                for name in (
                    "when_to_use",
                    "when_not_to_use",
                    "duration",
                    "group_size",
                    "cost_band",
                    "roles",
                    "materials",
                    "risks",
                )
            },
        }
    return {
        "experience": context.experiences.get(content["experience"]),
        **{name: content[name] for name in ("context", "approach", "results", "lessons")},
    }


MODELS: dict[str, type[ResourcePage]] = {
    G: GuidePage,
    D: DocumentPage,
    W: WebinarPage,
    P: PodcastEpisodePage,
    T: ToolkitPage,
    M: MethodSheetPage,
    C: CaseStudyPage,
}
_RELATIONS = ("speakers", "files")


def _create(demo: Resource, parent: Any, context: _Context) -> ResourcePage | None:
    date = demo.when(context.today)
    specific = _specific(demo, context, date)
    if specific is None:
        return None
    relations = {name: specific.pop(name) for name in _RELATIONS if name in specific}
    published = timezone.make_aware(datetime.datetime.combine(date, datetime.time(10, 0)))
    page = MODELS[demo.kind](
        slug=demo.slug,
        title=demo.title,
        title_en=demo.title_en,
        summary=demo.summary,
        summary_en=demo.summary_en,
        cover=None if demo.kind == P else _cover(demo),
        phase=demo.phase,
        for_public_bodies="p" in demo.audiences,
        for_third_sector="t" in demo.audiences,
        for_citizens="c" in demo.audiences,
        for_facilitators="f" in demo.audiences,
        level=demo.level,
        language=demo.language,
        authors=demo.authors,
        organisation=context.organisations.get(demo.organisation),
        publication_date=date,
        first_published_at=published,
        **specific,
    )
    page.themes = [context.themes[slug] for slug in demo.themes if slug in context.themes]
    page.methods = [context.methods[slug] for slug in demo.methods if slug in context.methods]
    for name, rows in relations.items():
        setattr(page, name, rows)
    parent.add_child(instance=page)
    page.save_revision().publish()
    if demo.kind in (D, P):
        # Publishing queues this task after the commit; the demo wants it now (it is
        # idempotent, so the queued run finds nothing left to do).
        refresh_derivatives.call(page_id=page.pk)
    return page


def _index(home: HomePage) -> LibraryIndexPage:
    index = LibraryIndexPage.objects.first()
    if index is not None:
        return index
    index = LibraryIndexPage(slug="strumenti", **INDEX)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _series(index: LibraryIndexPage) -> PodcastSeriesPage:
    series = PodcastSeriesPage.objects.filter(slug=SERIES_SLUG).first()
    if series is not None:
        return series
    cover = get_image_model().objects.create(
        title="Copertina del podcast «Voci della partecipazione»",
        description="Onde sonore concentriche su fondo blu e il titolo del podcast.",
        file=podcast_cover(),
    )
    series = PodcastSeriesPage(
        slug=SERIES_SLUG, cover=cover, category=PodcastCategory.SOCIETY, **SERIES
    )
    index.add_child(instance=series)
    series.save_revision().publish()
    return series


def _members() -> list[User]:
    people = User.objects.filter(email__endswith="@civichub.example").order_by("pk")
    return [person for person in people if is_member(person)]


def _engagement(created: list[tuple[Resource, ResourcePage]]) -> int:
    """«È stato utile?» answers and download counts on the resources just created."""
    members = _members()
    answers = 0
    for demo, page in created:
        rng = random.Random(demo.slug)
        if rng.random() < 0.8:
            votes = [True] * rng.randint(2, 12) + [False] * rng.randint(0, 3)
            rng.shuffle(votes)
            for number, useful in enumerate(votes):
                member = members[number] if number < len(members) and rng.random() < 0.4 else None
                comment = ""
                if member is not None and rng.random() < 0.5:
                    comment = rng.choice(POSITIVE_COMMENTS if useful else NEGATIVE_COMMENTS)
                resource_feedback_record(
                    resource=page,
                    user=member,
                    visitor_key="" if member else f"demo-{demo.slug}-{number}",
                    useful=useful,
                    comment=comment,
                )
                answers += 1
        downloads = 0
        for file in ResourceFile.objects.filter(resource_id=page.pk):
            count = rng.randint(12, 260)
            ResourceFile.objects.filter(pk=file.pk).update(download_count=count)
            downloads += count
        if demo.kind == D:
            downloads += rng.randint(40, 480)
        if downloads:
            ResourcePage.objects.filter(pk=page.pk).update(download_count=downloads)
    return answers


def _month_title(month: datetime.date) -> tuple[str, str]:
    return (
        f"Programma di {MONTHS[month.month - 1]} {month.year}",
        f"{MONTHS_EN[month.month - 1]} {month.year} programme",
    )


def _collections(index: LibraryIndexPage, today: datetime.date) -> int:
    this_first = today.replace(day=1)
    last_first = (this_first - datetime.timedelta(days=1)).replace(day=1)
    specs: list[dict[str, Any]] = []
    for month, items in ((this_first, THIS_MONTH_ITEMS), (last_first, LAST_MONTH_ITEMS)):
        title, title_en = _month_title(month)
        specs.append(
            {
                "slug": f"programma-{MONTHS[month.month - 1]}-{month.year}",
                "title": title,
                "title_en": title_en,
                "month": month,
                "intro": (
                    f"Gli strumenti scelti dalla redazione per {MONTHS[month.month - 1]}: "
                    "novità, approfondimenti e un appuntamento da non perdere."
                ),
                "intro_en": f"The editors' picks for {MONTHS_EN[month.month - 1]}.",
                "items": items,
            }
        )
    specs.append(STARTER)
    resources = {
        page.slug: page
        for page in ResourcePage.objects.filter(
            slug__in=[slug for spec in specs for slug, _ in spec["items"]]
        )
    }
    created = 0
    for spec in specs:
        if index.get_children().filter(slug=spec["slug"]).exists():
            continue
        fields = {name: value for name, value in spec.items() if name != "items"}
        page = CollectionPage(**fields)
        page.items = [
            CollectionItem(resource=resources[slug], note=note, sort_order=order)
            for order, (slug, note) in enumerate(spec["items"])
            if slug in resources
        ]
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


def _featured(index: LibraryIndexPage) -> bool:
    if index.featured_items.exists():
        return False
    resources = {page.slug: page for page in ResourcePage.objects.filter(slug__in=FEATURED)}
    index.featured_items = [
        FeaturedResource(resource=resources[slug], sort_order=order)
        for order, slug in enumerate(FEATURED)
        if slug in resources
    ]
    if not index.intro:
        index.intro, index.intro_en = INDEX["intro"], INDEX["intro_en"]
    index.save_revision().publish()
    return True


def seed(log: Callable[[str], None]) -> None:
    home = HomePage.objects.first()
    if home is None:
        log("home page assente: esegui prima le migrazioni")
        return
    index = _index(home)
    series = _series(index)
    context = _Context()
    wanted = [(demo, index) for demo in ALL_RESOURCES] + [(demo, series) for demo in EPISODES]
    existing = set(
        ResourcePage.objects.filter(slug__in=[demo.slug for demo, _ in wanted]).values_list(
            "slug", flat=True
        )
    )
    created: list[tuple[Resource, ResourcePage]] = []
    skipped = 0
    for demo, parent in wanted:
        if demo.slug in existing:
            continue
        page = _create(demo, parent, context)
        if page is None:
            skipped += 1
        else:
            created.append((demo, page))
    answers = _engagement(created)
    collections = _collections(index, context.today)
    featured = _featured(index)
    log(
        f"strumenti: {len(created)} creati ({answers} risposte «È stato utile?»), "
        f"{len(existing)} già presenti"
        + (f", {skipped} saltati perché manca il metodo" if skipped else "")
    )
    log(
        f"strumenti: {collections} raccolte create"
        + (", strumenti in evidenza scelti" if featured else "")
    )
