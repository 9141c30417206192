"""Seed the participatory methods every hub starts with (editable afterwards)."""

from django.db import migrations

METHODS = [
    (
        "world-cafe",
        "World café",
        "World café",
        "Conversazioni informali a piccoli tavoli su domande preparate: a ogni giro i partecipanti cambiano tavolo portando con sé le idee emerse, mentre un ospite per tavolo collega i contributi; i risultati si condividono in plenaria.",
        "Informal conversations at small tables around prepared questions: at each round participants move to another table carrying the ideas with them while a host links the contributions; results are shared in plenary.",
    ),
    (
        "open-space-technology",
        "Open space technology",
        "Open space technology",
        "Incontro auto-organizzato attorno a una domanda generale: i partecipanti propongono i temi, formano liberamente i gruppi di discussione e scrivono un instant report. Adatto a gruppi numerosi e a questioni complesse.",
        "A self-organised meeting around one broad question: participants put forward the topics, form discussion groups freely and write an instant report. Suited to large groups and complex issues.",
    ),
    (
        "assemblea-di-cittadini",
        "Assemblea di cittadini",
        "Citizens' assembly",
        "Un gruppo di cittadini estratti a sorte, rappresentativo della popolazione, si informa ascoltando esperti e portatori di interesse, delibera in più sessioni facilitate e formula raccomandazioni alle istituzioni.",
        "A group of citizens drawn by lot to reflect the population learns from experts and stakeholders, deliberates over several facilitated sessions and makes recommendations to the institutions.",
    ),
    (
        "sondaggio-deliberativo",
        "Sondaggio deliberativo",
        "Deliberative poll",
        "Un campione casuale di cittadini risponde a un questionario prima e dopo un percorso di informazione bilanciata e di discussione in piccoli gruppi con esperti, per misurare come cambiano le opinioni quando sono informate.",
        "A random sample of citizens answers a questionnaire before and after balanced briefings and small-group discussions with experts, showing how opinions change once people are informed.",
    ),
    (
        "bilancio-partecipativo",
        "Bilancio partecipativo",
        "Participatory budgeting",
        "I cittadini propongono, discutono e votano i progetti su cui destinare una parte del bilancio pubblico; l'amministrazione si impegna a realizzare quelli scelti e a renderne conto.",
        "Citizens propose, discuss and vote on projects for a share of the public budget; the administration commits to carrying out the chosen ones and to reporting on them.",
    ),
    (
        "focus-group",
        "Focus group",
        "Focus group",
        "Discussione guidata da un moderatore con un piccolo gruppo di persone (6-12) scelte per le loro caratteristiche, per esplorare in profondità opinioni, bisogni ed esperienze su un tema.",
        "A moderated discussion with a small group of people (6-12) chosen for their characteristics, to explore opinions, needs and experiences on a topic in depth.",
    ),
    (
        "laboratorio-di-co-progettazione",
        "Laboratorio di co-progettazione",
        "Co-design workshop",
        "Sessioni di lavoro in cui amministrazione, enti del Terzo Settore e cittadini progettano insieme un servizio o un intervento, con strumenti visuali e prototipi, dalla definizione del problema alle soluzioni.",
        "Working sessions in which public bodies, third-sector organisations and citizens design a service or an intervention together, with visual tools and prototypes, from framing the problem to the solutions.",
    ),
    (
        "questionario",
        "Questionario",
        "Survey",
        "Raccolta strutturata di opinioni e bisogni, online o su carta, rivolta a molte persone: utile per consultare e per conoscere una popolazione, meno per deliberare.",
        "A structured collection of opinions and needs, online or on paper, addressed to many people: useful to consult and to get to know a population, less so to deliberate.",
    ),
    (
        "town-meeting",
        "Town meeting",
        "Town meeting",
        "Assemblea pubblica di grandi dimensioni (anche nella forma del 21st Century Town Meeting) in cui centinaia di persone discutono a tavoli facilitati e votano in tempo reale le priorità emerse.",
        "A large public meeting (also in the 21st Century Town Meeting format) in which hundreds of people discuss at facilitated tables and vote on the emerging priorities in real time.",
    ),
    (
        "planning-for-real",
        "Planning for real",
        "Planning for real",
        "Gli abitanti lavorano su un plastico o una grande mappa del quartiere, collocando proposte e segnalazioni; le idee vengono poi ordinate per priorità e tradotte in un piano d'azione.",
        "Residents work on a model or a large map of their neighbourhood, placing suggestions and reports on it; the ideas are then prioritised and turned into an action plan.",
    ),
    (
        "passeggiata-di-quartiere",
        "Passeggiata di quartiere",
        "Neighbourhood walk",
        "Esplorazione a piedi di un'area con abitanti, tecnici e amministratori per osservare insieme luoghi, problemi e risorse e raccogliere segnalazioni e proposte sul posto.",
        "A walk through an area with residents, officers and elected members to look together at places, problems and resources and to collect reports and ideas on the spot.",
    ),
    (
        "future-search",
        "Future search",
        "Future search",
        "Conferenza di due o tre giorni che riunisce i portatori di interesse di un sistema per ripercorrerne il passato, leggere il presente e costruire una visione condivisa del futuro con impegni concreti.",
        "A two- or three-day conference bringing together the stakeholders of a whole system to review its past, explore the present and build a shared vision of the future with concrete commitments.",
    ),
    (
        "appreciative-inquiry",
        "Appreciative inquiry",
        "Appreciative inquiry",
        "Percorso che parte da ciò che funziona, non dai problemi: con interviste e racconti si individuano i punti di forza di una comunità o di un'organizzazione per immaginare e realizzare il cambiamento (ciclo delle 4D).",
        "A process that starts from what works rather than from problems: interviews and stories bring out the strengths of a community or organisation to imagine and deliver change (the 4-D cycle).",
    ),
    (
        "giuria-di-cittadini",
        "Giuria di cittadini",
        "Citizens' jury",
        "Un piccolo gruppo di cittadini (12-25) estratti a sorte ascolta testimoni ed esperti su una questione precisa, delibera e consegna un verdetto motivato con raccomandazioni.",
        "A small group of citizens (12-25) drawn by lot hears witnesses and experts on a specific question, deliberates and delivers a reasoned verdict with recommendations.",
    ),
    (
        "dibattito-pubblico",
        "Dibattito pubblico",
        "Public debate",
        "Procedura di informazione e confronto sulle grandi opere prevista dal Codice dei contratti pubblici (art. 40 D.Lgs. 36/2023): il proponente presenta il progetto e raccoglie osservazioni e proposte prima delle decisioni definitive.",
        "The information and consultation procedure on major infrastructure required by the Italian Public Contracts Code (art. 40, Legislative Decree 36/2023): the proponent presents the project and gathers comments and proposals before final decisions.",
    ),
    (
        "consensus-conference",
        "Consensus conference",
        "Consensus conference",
        "Un panel di cittadini non esperti prepara le domande, interroga in un'udienza pubblica esperti di diverso orientamento su un tema scientifico o tecnologico controverso e redige un documento di posizione condiviso.",
        "A panel of lay citizens prepares questions, cross-examines experts of differing views on a controversial scientific or technological issue in a public hearing and writes a shared position paper.",
    ),
]


def create_methods(apps, schema_editor):
    ParticipatoryMethod = apps.get_model("taxonomy", "ParticipatoryMethod")
    for order, (slug, name, name_en, description, description_en) in enumerate(METHODS):
        ParticipatoryMethod.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "description_en": description_en,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_vocabularies")]
    operations = [migrations.RunPython(create_methods, migrations.RunPython.noop)]
