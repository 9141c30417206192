"""Demo communities: the five thematic working areas of the Hub Partecipazione (seed 001:
"spazio aperto di confronto dedicato alla partecipazione pubblica, suddiviso in cinque
aree di lavoro tematiche"; seed 004 for their aims) and the promoters' reserved
workspace, with members, discussions, accepted answers, a project space in progress and
shared files.

Everything goes through the services, so counters, follows and notifications are right.
The conversation is composed from hand-written Italian building blocks: for each area a
list of opening posts, and for each category a pool of replies, picked with a fixed
seed. While seeding, the moderation limits meant for real people (posts per hour, links
from new accounts, held first posts) are lifted and put back afterwards.

Idempotent: areas, files and projects are looked up by their natural keys, and the
discussions of an area are written only while it has none.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from civichub.accounts.models import Role, User
from civichub.moderation.models import ContentState, ModerationSettings
from civichub.taxonomy.models import Theme

from .models import (
    Area,
    AreaMembership,
    Category,
    JoinPolicy,
    MemberRole,
    MemberState,
    ProjectSpace,
    Reply,
    SharedFile,
    Thread,
    Visibility,
)


@dataclass(frozen=True)
class AreaSpec:
    slug: str
    name: str
    purpose: str
    welcome: str
    themes: tuple[str, ...]
    visibility: str = Visibility.PUBLIC
    join_policy: str = JoinPolicy.OPEN
    members: int = 20
    workspace: bool = False


AREAS = [
    AreaSpec(
        slug="amministrazione-condivisa",
        name="Partecipazione e amministrazione condivisa",
        purpose=(
            "Regolamenti dei beni comuni, patti di collaborazione, bilanci partecipativi: "
            "come le amministrazioni aprono le decisioni a cittadini e associazioni."
        ),
        welcome=(
            "Benvenute e benvenuti! Qui ci scambiamo regolamenti, patti e bilanci "
            "partecipativi che hanno funzionato (e quelli che no). Prima di aprire una "
            "discussione guardate le risorse in evidenza."
        ),
        themes=("beni-comuni", "rigenerazione-urbana"),
        members=34,
    ),
    AreaSpec(
        slug="co-programmazione-co-progettazione",
        name="Co-programmazione e co-progettazione",
        purpose=(
            "L'articolo 55 del Codice del Terzo settore nella pratica: avvisi, tavoli, "
            "istruttorie, convenzioni e rendicontazione tra enti pubblici ed ETS."
        ),
        welcome=(
            "Area di lavoro per chi scrive avvisi, partecipa ai tavoli di co-progettazione "
            "o li facilita. Condividete modelli e domande concrete: qualcuno ci è già passato."
        ),
        themes=("welfare-e-inclusione", "lavoro"),
        join_policy=JoinPolicy.REQUEST,
        members=28,
    ),
    AreaSpec(
        slug="valutazione-partecipazione",
        name="Valutazione dei processi partecipativi",
        purpose=(
            "Indicatori, questionari, valutazione d'impatto e restituzione dei risultati: "
            "capire che cosa cambia davvero dopo un percorso partecipativo."
        ),
        welcome=(
            "Qui parliamo di come si valuta un processo partecipativo: metodi, strumenti e "
            "dati. Le domande di chi comincia sono benvenute quanto i casi studio."
        ),
        themes=("legalita", "educazione"),
        visibility=Visibility.MEMBERS,
        join_policy=JoinPolicy.REQUEST,
        members=16,
    ),
    AreaSpec(
        slug="facilitazione-metodi",
        name="Facilitazione e metodi partecipativi",
        purpose=(
            "World café, Open Space Technology, giurie di cittadini, dibattito pubblico: "
            "scelta dei metodi, conduzione dei gruppi, creative problem solving."
        ),
        welcome=(
            "Lo spazio di chi facilita: raccontate come avete condotto un incontro, "
            "chiedete consiglio su un metodo, proponete esercizi da provare insieme."
        ),
        themes=("giovani", "cultura"),
        members=38,
    ),
    AreaSpec(
        slug="comunicazione-innovazione-digitale",
        name="Comunicazione e innovazione digitale",
        purpose=(
            "Piattaforme di partecipazione online, accessibilità, comunicazione dei "
            "percorsi, uso dei dati aperti e dei social da parte delle amministrazioni."
        ),
        welcome=(
            "Strumenti digitali e comunicazione pubblica al servizio della partecipazione. "
            "Condividete piattaforme, esempi di comunicazione chiara e problemi aperti."
        ),
        themes=("digitale",),
        join_policy=JoinPolicy.REQUEST,
        members=22,
    ),
    AreaSpec(
        slug="spazio-promotori",
        name="Spazio riservato dei promotori",
        purpose=(
            "Il coordinamento collegiale dei promotori dell'Hub: programma annuale, "
            "contributori, calendario editoriale, decisioni comuni."
        ),
        welcome="Spazio di lavoro riservato ai promotori dell'Hub.",
        themes=(),
        visibility=Visibility.PRIVATE,
        join_policy=JoinPolicy.INVITATION,
        members=0,
        workspace=True,
    ),
]

Q_, E_, P_, R_, A_ = (
    Category.QUESTION,
    Category.EXPERIENCE,
    Category.PROPOSAL,
    Category.RESOURCE,
    Category.ANNOUNCEMENT,
)

# (category, title, opening, tags) per area. ``{experience}`` and ``{resource}`` become
# links to a published experience and a library resource of the demo.
THREADS: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {
    "amministrazione-condivisa": [
        (
            Q_,
            "Regolamento beni comuni: meglio la versione Labsus o un testo nostro?",
            "Il nostro comune (circa 18.000 abitanti) deve approvare il regolamento entro "
            "l'anno. Partire dal prototipo Labsus è la via più rapida, ma temo che gli uffici "
            "lo sentano calato dall'alto. Come avete fatto voi?",
            ("regolamento", "beni comuni"),
        ),
        (
            E_,
            "Dodici patti di collaborazione in due anni: cosa abbiamo imparato",
            "Racconto la nostra esperienza: aiuole, una biblioteca di condominio, la cura di "
            "un parco giochi. I patti semplici funzionano, quelli complessi si arenano "
            "sull'assicurazione dei volontari.",
            ("patti di collaborazione",),
        ),
        (
            Q_,
            "Assicurazione dei volontari nei patti: chi la paga?",
            "Nei patti di collaborazione ordinari l'assicurazione dei cittadini attivi è a "
            "carico del Comune o dell'associazione capofila? Cerco esempi di delibere.",
            ("assicurazione", "patti di collaborazione"),
        ),
        (
            P_,
            "Proposta: una scheda comune per monitorare i patti",
            "Propongo di costruire insieme una scheda di monitoraggio dei patti (attività, "
            "ore di volontariato, spese, criticità) da usare in tutti i comuni dell'area.",
            ("monitoraggio",),
        ),
        (
            R_,
            "Una raccolta di esperienze di amministrazione condivisa",
            "Segnalo questa esperienza nel catalogo dell'Hub, molto utile per chi comincia: "
            "{experience}. Utile anche questa risorsa: {resource}",
            ("risorse",),
        ),
        (
            Q_,
            "Bilancio partecipativo: quanto budget per essere credibili?",
            "Stiamo progettando il primo bilancio partecipativo. La giunta propone 50.000 "
            "euro su un bilancio di 30 milioni: è una cifra che ha senso?",
            ("bilancio partecipativo",),
        ),
        (
            E_,
            "Il bilancio partecipativo nelle scuole superiori",
            "Abbiamo sperimentato un bilancio partecipativo con tre istituti superiori: gli "
            "studenti hanno proposto, votato e seguito la realizzazione dei progetti.",
            ("scuola", "giovani"),
        ),
        (
            Q_,
            "Patti complessi e codice dei contratti: come evitare l'affidamento diretto?",
            "Quando un patto prevede un contributo economico, la ragioneria chiede una "
            "procedura a evidenza pubblica. Come avete impostato l'avviso?",
            ("patti complessi",),
        ),
        (
            A_,
            "Webinar sul nuovo regolamento regionale della partecipazione",
            "Il mese prossimo organizziamo un webinar sul nuovo regolamento regionale: "
            "scrivete qui le domande che volete porre ai relatori.",
            ("webinar",),
        ),
        (
            P_,
            "Un glossario condiviso dell'amministrazione condivisa",
            "Ognuno usa parole diverse per le stesse cose: cittadini attivi, volontari, "
            "soggetti civici. Proviamo a scrivere un glossario comune?",
            ("glossario",),
        ),
        (
            Q_,
            "Come coinvolgere gli uffici tecnici nei patti?",
            "I patti che riguardano spazi verdi passano tutti dall'ufficio manutenzioni, "
            "che li vive come lavoro in più. Avete trovato un modo per coinvolgerli?",
            ("uffici tecnici",),
        ),
        (
            E_,
            "La casa di quartiere gestita con un patto",
            "Dal 2022 la casa di quartiere è gestita da una rete di associazioni con un "
            "patto complesso: racconto governance, costi e cosa rifarei diversamente.",
            ("case di quartiere",),
        ),
    ],
    "co-programmazione-co-progettazione": [
        (
            Q_,
            "Avviso di co-progettazione: quali criteri di valutazione usate?",
            "Stiamo scrivendo il primo avviso di co-progettazione per i servizi educativi. "
            "Quanto peso dare all'esperienza pregressa rispetto alla qualità della proposta?",
            ("avviso", "criteri"),
        ),
        (
            E_,
            "Co-programmazione del piano di zona: il nostro percorso",
            "Sei incontri con 40 enti del terzo settore per costruire il piano di zona: "
            "racconto come abbiamo organizzato i tavoli tematici e la restituzione.",
            ("piano di zona",),
        ),
        (
            Q_,
            "Rendicontazione a costi reali o a forfait nella co-progettazione?",
            "La convenzione prevede il rimborso delle spese sostenute: qualcuno ha "
            "sperimentato forme semplificate di rendicontazione?",
            ("rendicontazione",),
        ),
        (
            P_,
            "Modello di convenzione condiviso per l'articolo 55",
            "Propongo di raccogliere in un unico modello le convenzioni che abbiamo firmato, "
            "con le clausole che hanno funzionato e quelle da evitare.",
            ("convenzione",),
        ),
        (
            R_,
            "Materiali sulla co-progettazione pubblicati nell'Hub",
            "Due riferimenti che uso sempre con i colleghi: {resource} e l'esperienza "
            "{experience}.",
            ("risorse",),
        ),
        (
            Q_,
            "Il tavolo di co-progettazione può modificare il progetto iniziale?",
            "Durante il tavolo gli enti hanno proposto di cambiare metà delle azioni. Fino a "
            "che punto si può modificare senza violare la par condicio dell'avviso?",
            ("tavolo",),
        ),
        (
            E_,
            "Co-progettare con i piccoli enti: il caso dei comuni montani",
            "Nei comuni dell'Appennino gli enti sono piccoli e con pochi volontari: abbiamo "
            "costruito un'ATS leggera con un solo capofila amministrativo.",
            ("aree interne",),
        ),
        (
            Q_,
            "Quanto tempo deve restare aperto un avviso di co-progettazione?",
            "Trenta giorni ci sembrano pochi per enti che devono fare rete. Voi quanto tempo date?",
            ("avviso",),
        ),
        (
            A_,
            "Nuove linee guida ministeriali sul rapporto tra PA ed ETS",
            "Sono uscite le nuove linee guida: apro questa discussione per leggerle insieme "
            "e raccogliere i dubbi applicativi.",
            ("linee guida",),
        ),
        (
            P_,
            "Un calendario comune dei tavoli di co-progettazione",
            "Molti di noi partecipano a più tavoli negli stessi giorni. Propongo di "
            "pubblicare qui le date per evitare sovrapposizioni.",
            ("calendario",),
        ),
        (
            Q_,
            "Valutare l'impatto di un servizio co-progettato",
            "Dopo due anni di servizio co-progettato la giunta ci chiede se ha funzionato. "
            "Quali indicatori avete concordato con gli enti?",
            ("valutazione",),
        ),
        (
            E_,
            "Dall'appalto alla co-progettazione: il servizio di educativa di strada",
            "Abbiamo trasformato un appalto in un servizio co-progettato. Racconto i "
            "passaggi amministrativi e le resistenze interne.",
            ("educativa di strada",),
        ),
    ],
    "valutazione-partecipazione": [
        (
            Q_,
            "Quali indicatori per un percorso partecipativo di sei mesi?",
            "Devo proporre alla Regione un set di indicatori per il nostro percorso. Oltre "
            "al numero di partecipanti, che cosa misurate?",
            ("indicatori",),
        ),
        (
            E_,
            "Questionario di fine percorso: 312 risposte e cosa ci hanno detto",
            "Condivido i risultati del questionario: la soddisfazione è alta, ma metà dei "
            "partecipanti non sa che fine abbiano fatto le proposte.",
            ("questionario",),
        ),
        (
            Q_,
            "Valutazione ex post: chi la deve fare?",
            "È corretto che sia lo stesso facilitatore a valutare il percorso, o serve "
            "sempre un valutatore esterno?",
            ("valutatore",),
        ),
        (
            P_,
            "Un set minimo di indicatori comune a tutti i percorsi",
            "Propongo cinque indicatori minimi da raccogliere in ogni percorso, così da "
            "poter confrontare i dati tra territori.",
            ("indicatori",),
        ),
        (
            R_,
            "Una guida alla valutazione nel catalogo",
            "Ho trovato utile questa guida: {resource}. E un esempio di restituzione ben "
            "fatta: {experience}.",
            ("risorse",),
        ),
        (
            Q_,
            "Come misurare l'inclusione di chi di solito non partecipa?",
            "Raggiungiamo sempre le stesse persone. Come documentate la partecipazione dei "
            "gruppi difficili da raggiungere senza raccogliere troppi dati personali?",
            ("inclusione",),
        ),
        (
            E_,
            "La restituzione pubblica dopo un anno",
            "A un anno dalla chiusura abbiamo organizzato una serata di restituzione: cosa "
            "è stato realizzato, cosa no e perché. È stata la serata più partecipata.",
            ("restituzione",),
        ),
        (
            Q_,
            "Dati di partecipazione e GDPR: cosa possiamo conservare?",
            "Per valutare vorremmo incrociare le presenze ai vari incontri. Che base "
            "giuridica usate e per quanto tempo conservate i dati?",
            ("privacy",),
        ),
        (
            A_,
            "Gruppo di lettura: la valutazione dei processi deliberativi",
            "Propongo un gruppo di lettura online, un incontro al mese, su un testo "
            "dell'OCSE dedicato alla valutazione dei processi deliberativi.",
            ("OCSE",),
        ),
        (
            P_,
            "Una scheda di autovalutazione per le amministrazioni",
            "Potremmo adattare una scheda di autovalutazione per i comuni che avviano un "
            "percorso: dieci domande prima di partire.",
            ("autovalutazione",),
        ),
        (
            Q_,
            "Teoria del cambiamento per un bilancio partecipativo",
            "Qualcuno ha scritto una teoria del cambiamento per un bilancio partecipativo? "
            "Fatico a collegare le attività agli esiti di lungo periodo.",
            ("teoria del cambiamento",),
        ),
        (
            E_,
            "Valutazione partecipata con i ragazzi del consiglio comunale giovani",
            "I ragazzi hanno costruito con noi le domande del questionario: tassi di "
            "risposta triplicati rispetto all'anno prima.",
            ("giovani",),
        ),
    ],
    "facilitazione-metodi": [
        (
            Q_,
            "World café con 120 persone: quanti facilitatori servono?",
            "Il prossimo mese conduco un world café con circa 120 partecipanti in una "
            "palestra. Quanti facilitatori di tavolo mi servono e come li preparo?",
            ("world café",),
        ),
        (
            E_,
            "Open Space Technology in un piccolo comune: com'è andata",
            "Duecento abitanti, un sabato intero, 14 sessioni proposte dai partecipanti. "
            "Racconto cosa ha funzionato e cosa cambierei.",
            ("open space",),
        ),
        (
            Q_,
            "Come gestire chi monopolizza la discussione?",
            "In ogni incontro c'è qualcuno che parla per dieci minuti di fila. Quali "
            "tecniche usate per ridare spazio agli altri senza umiliare nessuno?",
            ("conduzione",),
        ),
        (
            P_,
            "Un laboratorio di pratica tra facilitatori ogni due mesi",
            "Propongo di trovarci online ogni due mesi per provare insieme una tecnica e "
            "darci un riscontro reciproco.",
            ("formazione",),
        ),
        (
            R_,
            "Schede di metodo nell'Hub",
            "Ottime schede pronte all'uso: {resource}. Un esempio di applicazione: {experience}.",
            ("risorse",),
        ),
        (
            Q_,
            "Giuria di cittadini: sorteggio stratificato con quali criteri?",
            "Stiamo organizzando una giuria di cittadini sul piano del traffico. Su quali "
            "variabili avete stratificato il sorteggio?",
            ("giuria", "sorteggio"),
        ),
        (
            E_,
            "Facilitazione online con Miro e breakout room",
            "Due anni di laboratori online: cosa funziona (lavagne semplici, gruppi da "
            "cinque) e cosa no (sessioni oltre i 90 minuti).",
            ("online",),
        ),
        (
            Q_,
            "Creative problem solving con gli uffici comunali",
            "Vorrei usare tecniche di creative problem solving con i dipendenti di un "
            "settore comunale. Da quali esercizi partire con persone scettiche?",
            ("creative problem solving",),
        ),
        (
            A_,
            "Corso base di facilitazione: aperte le iscrizioni",
            "Partono le iscrizioni al corso base di facilitazione (quattro incontri). "
            "Qui potete fare domande sul programma.",
            ("corso",),
        ),
        (
            P_,
            "Una biblioteca di energizer e attività di apertura",
            "Raccogliamo in un documento condiviso le attività di apertura che usiamo, "
            "con durata, numero di persone e materiali.",
            ("energizer",),
        ),
        (
            Q_,
            "Dibattito pubblico: quando conviene davvero?",
            "Per un'opera di media dimensione conviene un dibattito pubblico formale o un "
            "percorso più leggero di incontri e sopralluoghi?",
            ("dibattito pubblico",),
        ),
        (
            E_,
            "Facilitare un conflitto sul nuovo impianto di compostaggio",
            "Racconto un percorso in un clima molto conflittuale: incontri separati prima "
            "di quello plenario, un esperto terzo scelto da tutti.",
            ("conflitto",),
        ),
    ],
    "comunicazione-innovazione-digitale": [
        (
            Q_,
            "Quale piattaforma open source per la partecipazione online?",
            "Dobbiamo scegliere una piattaforma per consultazioni e proposte. Decidim, "
            "Consul o ParteciPa? Ci interessano costi di gestione e accessibilità.",
            ("piattaforme", "open source"),
        ),
        (
            E_,
            "Consultazione online sul piano urbano della mobilità",
            "Oltre 2.000 contributi in sei settimane: racconto come abbiamo moderato i "
            "commenti e restituito le risposte dell'amministrazione.",
            ("consultazione",),
        ),
        (
            Q_,
            "Accessibilità dei questionari online",
            "I nostri questionari sono stati segnalati come poco accessibili. Quali "
            "strumenti rispettano davvero le linee guida AgID?",
            ("accessibilità",),
        ),
        (
            P_,
            "Linee guida comuni per comunicare un percorso partecipativo",
            "Propongo di scrivere insieme poche regole per comunicare i percorsi: cosa si "
            "decide, chi decide, quando si saprà l'esito.",
            ("comunicazione",),
        ),
        (
            R_,
            "Strumenti digitali raccolti nell'Hub",
            "Segnalo questa risorsa: {resource}. E l'esperienza {experience}, che ha usato "
            "bene i canali social.",
            ("risorse",),
        ),
        (
            Q_,
            "Social network del Comune e partecipazione: regole di moderazione?",
            "Quando apriamo una consultazione i commenti su Facebook esplodono. Avete una "
            "social media policy da condividere?",
            ("social",),
        ),
        (
            E_,
            "Mappe partecipative con OpenStreetMap",
            "Con le scuole abbiamo mappato le barriere architettoniche del centro storico "
            "usando OpenStreetMap: 600 segnalazioni in un mese.",
            ("mappe",),
        ),
        (
            Q_,
            "Linguaggio chiaro negli avvisi pubblici",
            "Come convincere gli uffici a scrivere avvisi comprensibili? Avete esempi di "
            "prima e dopo?",
            ("linguaggio chiaro",),
        ),
        (
            A_,
            "Hackathon sui dati aperti della partecipazione",
            "A novembre organizziamo un hackathon sui dati aperti dei percorsi "
            "partecipativi regionali. Cerchiamo mentor.",
            ("open data",),
        ),
        (
            P_,
            "Un kit di comunicazione riutilizzabile",
            "Propongo un kit con modelli di locandina, post e comunicato stampa che ogni "
            "comune possa adattare.",
            ("kit",),
        ),
        (
            Q_,
            "SPID per votare i progetti del bilancio partecipativo?",
            "Chiedere SPID per votare garantisce l'identità ma riduce la partecipazione. "
            "Voi che cosa avete scelto?",
            ("SPID", "voto online"),
        ),
        (
            E_,
            "Newsletter del percorso partecipativo: numeri e lezioni",
            "Una newsletter mensile per tutto il percorso: tasso di apertura del 48% e "
            "molte risposte dirette.",
            ("newsletter",),
        ),
    ],
    "spazio-promotori": [
        (
            A_,
            "Programma delle attività del prossimo anno",
            "Ho caricato la bozza del programma annuale nei file condivisi: commentate qui "
            "entro fine mese.",
            ("programma",),
        ),
        (
            Q_,
            "Nuove richieste di contributori: come le valutiamo?",
            "Sono arrivate sei richieste di organizzazioni che vogliono diventare "
            "contributori. Proporrei criteri comuni prima di decidere.",
            ("contributori",),
        ),
        (
            P_,
            "Calendario editoriale condiviso",
            "Propongo di fissare ogni mese una risorsa in evidenza e un'esperienza del "
            "mese, a rotazione tra i promotori.",
            ("calendario editoriale",),
        ),
        (
            E_,
            "Com'è andato l'incontro annuale della comunità",
            "Sintesi dell'incontro annuale: presenze, temi emersi e proposte per le aree "
            "di lavoro.",
            ("incontro annuale",),
        ),
    ],
}

# Replies per category: short, plausible professional answers.
REPLIES: dict[str, list[str]] = {
    Q_: [
        "Noi ci siamo passati l'anno scorso: la cosa che ha fatto la differenza è stata "
        "coinvolgere subito il segretario comunale.",
        "Dipende molto dalle dimensioni dell'ente. In un comune piccolo semplificherei al massimo.",
        "Vi giro il nostro documento, è pubblicato nella sezione file dell'area.",
        "Domanda interessante: da noi la scelta è stata politica prima che tecnica.",
        "Ti consiglio di sentire l'ufficio legale prima di fissare i criteri, ci avrebbe "
        "risparmiato due mesi.",
        "Secondo me conviene partire in piccolo e allargare dopo il primo anno.",
        "Abbiamo avuto lo stesso problema. La soluzione è stata una delibera di indirizzo "
        "della giunta che chiariva i ruoli.",
        "Aggiungo una domanda: come avete gestito la comunicazione ai cittadini?",
        "Da noi ha funzionato un gruppo di lavoro misto tra uffici e associazioni, con "
        "incontri ogni due settimane.",
        "La Regione ha pubblicato un modello che risponde proprio a questo: lo trovi "
        "nella sezione Strumenti.",
        "Attenzione ai tempi: tra approvazione e avvio passano facilmente sei mesi.",
        "Concordo con chi mi ha preceduto, aggiungerei solo una verifica a metà percorso.",
        "Nel nostro caso la risposta è stata: dipende dal bilancio, ma mai meno dell'1% "
        "della spesa per investimenti.",
        "Posso raccontarti la nostra esperienza in una call, scrivimi pure.",
        "Grazie, risposta molto chiara: provo a proporlo in giunta.",
    ],
    E_: [
        "Grazie per il racconto, molto utile. Quante persone avete coinvolto in tutto?",
        "Esperienza bellissima. Avete documentato i costi? Servirebbero per convincere "
        "la nostra giunta.",
        "Anche noi abbiamo avuto difficoltà simili con gli uffici: il segreto è stato "
        "nominare un referente interno.",
        "Potresti caricare i materiali nei file dell'area? Li userei volentieri.",
        "Interessante il passaggio sulla restituzione: è quello che manca quasi sempre.",
        "Vi inviterei a raccontarla al prossimo incontro della comunità.",
        "Cosa rifareste esattamente allo stesso modo?",
        "Complimenti, soprattutto per la continuità nel tempo.",
        "Da noi lo stesso percorso si è fermato al cambio di giunta: come avete fatto a "
        "garantirne la continuità?",
        "Ottimo spunto, lo giro ai colleghi del settore sociale.",
        "Il dettaglio sui tempi è preziosissimo, grazie.",
        "Avete coinvolto anche le scuole? Da noi sono state decisive.",
    ],
    P_: [
        "Sono d'accordo, mi offro per la prima bozza.",
        "Ottima idea. Suggerisco di partire da tre comuni pilota.",
        "Favorevole, ma teniamolo semplice: una pagina al massimo.",
        "Potremmo usare lo spazio progetti dell'area per scriverla insieme.",
        "Proposta utile. Chi coordina? Serve un facilitatore di riferimento.",
        "Aggiungerei una sezione sulle criticità, è lì che si impara di più.",
        "Ci sto. Posso portare il modello che usiamo in Emilia-Romagna.",
        "Bene, ne parliamo al prossimo incontro online?",
        "Attenzione a non duplicare quello che c'è già nella sezione Strumenti.",
        "Sì, e mettiamola in consultazione tra i membri prima di pubblicarla.",
    ],
    R_: [
        "Grazie della segnalazione, la sto leggendo.",
        "Molto utile, l'abbiamo usata per la formazione interna.",
        "Aggiungo un'altra risorsa che ho trovato preziosa nella sezione Strumenti.",
        "Ottima scelta, soprattutto la parte sugli strumenti operativi.",
        "La consiglio anche a chi comincia: chiara e concreta.",
        "Esiste una versione aggiornata? Alcuni riferimenti normativi sono cambiati.",
        "Ne abbiamo fatto una sintesi di due pagine per gli amministratori.",
    ],
    A_: [
        "Grazie per l'avviso, ci sarò.",
        "Sarà registrato? Non riesco a partecipare in diretta.",
        "Ottimo, lo giro alla mia rete.",
        "Propongo una domanda: come si coordinano le diverse normative regionali?",
        "Iscritta! Ci saranno materiali da leggere prima?",
        "Grazie, molto atteso.",
        "È aperto anche a chi lavora nel terzo settore?",
    ],
}

PROJECT = {
    "title": "Laboratorio di quartiere per la piazza del mercato",
    "summary": (
        "Un percorso di sei mesi con abitanti, commercianti e scuole per riprogettare la "
        "piazza del mercato, da candidare al bando regionale sulla partecipazione."
    ),
    "objectives": (
        "Raccogliere bisogni e idee di chi vive e usa la piazza.\n\n"
        "Co-progettare con abitanti e commercianti gli arredi e gli usi temporanei."
    ),
    "partners": (
        "Comune (settore lavori pubblici e ufficio partecipazione); associazione dei "
        "commercianti; istituto comprensivo del quartiere."
    ),
    "next_steps": "Completare il budget e scrivere la lettera di adesione dei partner.",
    "status": "in_progress",
}
PROJECT_EDITS = [
    {
        "objectives": PROJECT["objectives"]
        + "\n\nSperimentare per tre mesi una chiusura al traffico il sabato.",
        "budget": [
            {"item": "Facilitazione dei laboratori", "amount": "6500", "funder": "Regione"},
            {"item": "Materiali e allestimenti", "amount": "1800", "funder": "Comune"},
        ],
    },
    {
        "partners": PROJECT["partners"] + " Cooperativa sociale che gestisce il centro giovani.",
        "next_steps": "Inviare la candidatura entro il 30 del mese; fissare il primo laboratorio.",
        "budget": [
            {"item": "Facilitazione dei laboratori", "amount": "6500", "funder": "Regione"},
            {"item": "Materiali e allestimenti", "amount": "1800", "funder": "Comune"},
            {"item": "Comunicazione e stampa", "amount": "1234.50", "funder": "Comune"},
        ],
    },
]
PROJECT_COMMENTS = [
    ("objectives", "La chiusura al traffico va concordata con i commercianti prima del bando."),
    ("budget", "La quota di cofinanziamento del Comune deve essere almeno il 20%: ci siamo?"),
    ("partners", "Possiamo chiedere anche alla parrocchia, che gestisce il cortile accanto."),
    ("", "Ottimo lavoro, propongo di rivederci giovedì per chiudere la candidatura."),
]
FILES = [
    (
        "amministrazione-condivisa",
        "Schema di patto di collaborazione ordinario",
        "Il modello che usiamo per i patti semplici, con le clausole su assicurazione e durata.",
        ("Prima bozza", "Aggiornate le clausole sull'assicurazione"),
    ),
    (
        "spazio-promotori",
        "Programma annuale delle attività",
        "Bozza del programma dell'Hub per il prossimo anno, da commentare.",
        ("Bozza per la riunione", "Integrati i commenti dei promotori"),
    ),
]


def _people() -> dict[str, list[User]]:
    users = list(
        User.objects.filter(is_active=True, joined_at__isnull=False, erased_at__isnull=True)
        .exclude(is_staff=True)
        .order_by("pk")
    )
    return {
        "contributors": [u for u in users if u.role == Role.CONTRIBUTOR],
        "promoters": [u for u in users if u.role == Role.PROMOTER],
        "participants": [u for u in users if u.role == Role.PARTICIPANT],
        "all": users,
    }


class _RelaxedModeration:
    """Lift the limits meant for real people while the demo writes its posts."""

    FIELDS = ("posts_per_hour", "new_account_max_links", "hold_first_posts", "new_account_days")

    def __enter__(self) -> "_RelaxedModeration":
        self.config = ModerationSettings.load()
        self.saved = {name: getattr(self.config, name) for name in self.FIELDS}
        self.set(posts_per_hour=0, new_account_max_links=100, hold_first_posts=0)
        return self

    def set(self, **values: Any) -> None:
        for name, value in values.items():
            setattr(self.config, name, value)
        self.config.save()

    def __exit__(self, *exc: Any) -> None:
        self.set(**self.saved)


def _links() -> dict[str, str]:
    from civichub.experiences.models import Experience, State
    from civichub.library.models import ResourcePage

    experience = Experience.objects.filter(state=State.PUBLISHED).order_by("pk").first()
    resource = ResourcePage.objects.live().public().order_by("pk").first()

    def link(obj: Any, title: str) -> str:
        if obj is None:
            return "la sezione Strumenti"
        return f'<a href="{obj.get_url() if hasattr(obj, "get_url") else obj.get_absolute_url()}">{title}</a>'

    return {
        "experience": link(experience, getattr(experience, "title", "")),
        "resource": link(resource, getattr(resource, "title", "")),
    }


def _areas(people: dict[str, list[User]], log: Callable[[str], None]) -> dict[str, Area]:
    from .services import areas as area_services

    rng = random.Random(6)
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    facilitator_pool = people["contributors"] or people["all"]
    created: dict[str, Area] = {}
    for index, spec in enumerate(AREAS):
        area = Area.objects.filter(slug=spec.slug).first()
        if area is None:
            facilitators = (
                people["promoters"][:1]
                if spec.workspace
                else [facilitator_pool[(index * 2 + k) % len(facilitator_pool)] for k in (0, 1)]
            )
            area = area_services.area_create(
                actor=None,
                name=spec.name,
                purpose=spec.purpose,
                visibility=spec.visibility,
                join_policy=spec.join_policy,
                themes=[themes[slug] for slug in spec.themes if slug in themes],
                facilitators=facilitators,
                slug=spec.slug,
                is_promoters_workspace=spec.workspace,
                welcome=spec.welcome,
            )
            pool = [u for u in people["all"] if u not in facilitators]
            if spec.workspace:
                members = [u for u in people["promoters"] if u not in facilitators]
            else:
                members = rng.sample(pool, min(spec.members, len(pool)))
            for user in members:
                area_services.member_add(area=area, user=user)
            log(f"communities: area «{area.name}» con {len(members)} membri")
        created[spec.slug] = area
    return created


def _members(area: Area) -> list[User]:
    return [
        row.user
        for row in AreaMembership.objects.filter(area=area, state=MemberState.ACTIVE)
        .select_related("user")
        .order_by("pk")
    ]


def _facilitator(area: Area) -> User:
    row = (
        AreaMembership.objects.filter(
            area=area, state=MemberState.ACTIVE, role=MemberRole.FACILITATOR
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    assert row is not None
    return row.user


def _discussions(areas: dict[str, Area], relaxed: _RelaxedModeration) -> tuple[int, int]:
    from .services import discussions

    rng = random.Random(2024)
    links = _links()
    threads_made = replies_made = 0
    for slug, specs in THREADS.items():
        area = areas[slug]
        if Thread.objects.filter(area=area).exists():
            continue
        members = _members(area)
        facilitator = _facilitator(area)
        for number, (category, title, opening, tags) in enumerate(specs):
            author = members[(number * 3) % len(members)]
            thread = discussions.thread_create(
                area=area,
                author=author,
                title=title,
                body=f"<p>{opening.format(**links)}</p>",
                category=category,
                tags=tags,
            )
            threads_made += 1
            pool = REPLIES[category]
            count = rng.randint(5, 9) if slug != "spazio-promotori" else rng.randint(3, 5)
            picks = rng.sample(pool, min(count, len(pool)))
            replies: list[Reply] = []
            for position, text in enumerate(picks):
                replier = members[(number * 5 + position * 7 + 1) % len(members)]
                if replier == author and len(members) > 1:
                    replier = members[(members.index(author) + 1) % len(members)]
                body = f"<p>{text}</p>"
                if position == 1 and category in (Q_, P_):
                    body = f"<p>@{author.public_id} {text}</p>"
                reply = discussions.reply_create(
                    thread=thread,
                    author=replier,
                    body=body,
                    quoted=replies[0] if position == 3 and replies else None,
                )
                replies.append(reply)
                replies_made += 1
            if category == Q_ and replies and number % 2 == 0:
                discussions.answer_accept(thread=thread, reply=replies[0], actor=author)
            if number in (0, 4):
                discussions.thread_pin(thread=thread, actor=facilitator)
            if number == 8 and slug == "facilitazione-metodi":
                discussions.thread_lock(thread=thread, actor=facilitator)
    return threads_made, replies_made


def _held_post_and_report(areas: dict[str, Area], relaxed: _RelaxedModeration) -> None:
    from civichub.moderation.services import report_create

    from .services import discussions

    area = areas["facilitazione-metodi"]
    thread = Thread.objects.filter(area=area, locked_at__isnull=True).order_by("pk").first()
    if (
        thread is None
        or Reply.objects.filter(thread__area=area, moderation_state=ContentState.HELD).exists()
    ):
        return
    from civichub.moderation.models import PostLog

    newcomer = next((u for u in _members(area) if u.pk != thread.author_id), None)
    if newcomer is not None:
        # Held as one of "the first posts of a new account", whatever they wrote before.
        earlier = PostLog.objects.filter(author=newcomer).count()
        relaxed.set(hold_first_posts=earlier + 1, new_account_days=30000)
        try:
            discussions.reply_create(
                thread=thread,
                author=newcomer,
                body="<p>Sono nuova nella comunità: da noi il metodo ha funzionato con "
                "gruppi di otto persone al massimo.</p>",
            )
        finally:
            relaxed.set(hold_first_posts=0, new_account_days=relaxed.saved["new_account_days"])
    target = Reply.objects.filter(thread=thread, moderation_state=ContentState.VISIBLE).last()
    reporter = next((u for u in _members(area) if target and u.pk != target.author_id), None)
    if target is not None and reporter is not None:
        report_create(
            reporter=reporter,
            target=target,
            reason="off_topic",
            note="Mi sembra fuori tema rispetto alla domanda iniziale.",
        )


def _files(areas: dict[str, Area]) -> int:
    from civichub.library.demo import pdf_bytes

    from .services.workspace import file_upload, file_version_add

    made = 0
    for slug, title, description, notes in FILES:
        area = areas[slug]
        if SharedFile.objects.filter(area=area, title=title).exists():
            continue
        members = _members(area)
        uploader, editor = members[0], members[min(1, len(members) - 1)]
        upload = SimpleUploadedFile(
            f"{slug}-v1.pdf",
            pdf_bytes(title, [(notes[0], description)], subtitle=area.name),
        )
        shared_file = file_upload(
            area=area,
            actor=uploader,
            upload=upload,
            title=title,
            description=description,
            note=notes[0],
        )
        second = SimpleUploadedFile(
            f"{slug}-v2.pdf",
            pdf_bytes(
                title, [(notes[0], description), (notes[1], description)], subtitle=area.name
            ),
        )
        file_version_add(shared_file=shared_file, actor=editor, upload=second, note=notes[1])
        made += 1
    return made


def _project(areas: dict[str, Area]) -> bool:
    from .services.workspace import project_comment_create, project_create, project_update

    area = areas["amministrazione-condivisa"]
    if ProjectSpace.objects.filter(area=area, title=PROJECT["title"]).exists():
        return False
    members = _members(area)
    project = project_create(area=area, actor=members[0], data=PROJECT)
    for position, edit in enumerate(PROJECT_EDITS, start=1):
        project = project_update(
            project=project,
            actor=members[position],
            data=edit,
            base_revision_id=project.latest_revision_id,
        )
    for position, (section, body) in enumerate(PROJECT_COMMENTS):
        project_comment_create(
            project=project, actor=members[3 + position], body=body, section=section
        )
    return True


def seed(log: Callable[[str], None]) -> None:
    people = _people()
    if not people["all"]:
        log("communities: nessuna persona nel demo, salto")
        return
    with _RelaxedModeration() as relaxed:
        areas = _areas(people, log)
        threads, replies = _discussions(areas, relaxed)
        _held_post_and_report(areas, relaxed)
        files = _files(areas)
        project = _project(areas)
    log(
        f"communities: {threads} discussioni, {replies} risposte, {files} file condivisi"
        + (", uno spazio progetto" if project else "")
    )
