"""Seed the activities of general interest of Art. 5, c. 1, D.Lgs. 117/2017 (Codice del
Terzo Settore), letters a) to z); the legal text is kept faithful but shortened
(references to laws by number and year)."""

from django.db import migrations

ACTIVITIES = [
    (
        "a",
        "Interventi e servizi sociali",
        "Social services",
        "Interventi e servizi sociali ai sensi dell'art. 1, commi 1 e 2, della legge 328/2000, e interventi, servizi e prestazioni di cui alla legge 104/1992 e alla legge 112/2016.",
        'Social services under Law 328/2000, and services and benefits under Laws 104/1992 (disability) and 112/2016 ("after us").',
    ),
    (
        "b",
        "Interventi e prestazioni sanitarie",
        "Health care",
        "Interventi e prestazioni sanitarie.",
        "Health care services.",
    ),
    (
        "c",
        "Prestazioni socio-sanitarie",
        "Social and health care",
        "Prestazioni socio-sanitarie di cui al d.P.C.M. 14 febbraio 2001.",
        "Integrated social and health care services as defined by the Prime Ministerial Decree of 14 February 2001.",
    ),
    (
        "d",
        "Educazione, istruzione e formazione professionale",
        "Education and vocational training",
        "Educazione, istruzione e formazione professionale ai sensi della legge 53/2003, nonché attività culturali di interesse sociale con finalità educativa.",
        "Education, schooling and vocational training under Law 53/2003, and cultural activities of social interest with an educational purpose.",
    ),
    (
        "e",
        "Ambiente e risorse naturali",
        "Environment and natural resources",
        "Interventi e servizi per la salvaguardia e il miglioramento dell'ambiente e l'utilizzazione accorta e razionale delle risorse naturali, esclusa la raccolta e il riciclaggio abituali dei rifiuti urbani, speciali e pericolosi; tutela degli animali e prevenzione del randagismo (legge 281/1991).",
        "Protecting and improving the environment and the careful use of natural resources, excluding the habitual collection and recycling of waste; animal welfare and prevention of stray animals (Law 281/1991).",
    ),
    (
        "f",
        "Patrimonio culturale e paesaggio",
        "Cultural heritage and landscape",
        "Interventi di tutela e valorizzazione del patrimonio culturale e del paesaggio ai sensi del d.lgs. 42/2004.",
        "Protection and enhancement of cultural heritage and landscape under Legislative Decree 42/2004.",
    ),
    (
        "g",
        "Formazione universitaria e post-universitaria",
        "University and postgraduate education",
        "Formazione universitaria e post-universitaria.",
        "University and postgraduate education.",
    ),
    (
        "h",
        "Ricerca scientifica di interesse sociale",
        "Research of social interest",
        "Ricerca scientifica di particolare interesse sociale.",
        "Scientific research of particular social interest.",
    ),
    (
        "i",
        "Attività culturali, artistiche e ricreative",
        "Cultural, artistic and recreational activities",
        "Organizzazione e gestione di attività culturali, artistiche o ricreative di interesse sociale, incluse attività, anche editoriali, di promozione e diffusione della cultura e della pratica del volontariato e delle attività di interesse generale.",
        "Organising and running cultural, artistic or recreational activities of social interest, including publishing, and promoting volunteering and activities of general interest.",
    ),
    (
        "j",
        "Radiodiffusione comunitaria",
        "Community radio",
        "Radiodiffusione sonora a carattere comunitario, ai sensi dell'art. 16, comma 5, della legge 223/1990.",
        "Community radio broadcasting under art. 16(5) of Law 223/1990.",
    ),
    (
        "k",
        "Turismo sociale, culturale o religioso",
        "Social, cultural or religious tourism",
        "Organizzazione e gestione di attività turistiche di interesse sociale, culturale o religioso.",
        "Organising and running tourism of social, cultural or religious interest.",
    ),
    (
        "l",
        "Formazione extra-scolastica e povertà educativa",
        "Out-of-school education and educational poverty",
        "Formazione extra-scolastica, finalizzata alla prevenzione della dispersione scolastica e al successo scolastico e formativo, alla prevenzione del bullismo e al contrasto della povertà educativa.",
        "Out-of-school education to prevent early school leaving and bullying, support success at school and fight educational poverty.",
    ),
    (
        "m",
        "Servizi strumentali a enti del Terzo Settore",
        "Support services to third-sector bodies",
        "Servizi strumentali ad enti del Terzo settore resi da enti composti in misura non inferiore al settanta per cento da enti del Terzo settore.",
        "Support services to third-sector bodies provided by entities at least seventy per cent made up of third-sector bodies.",
    ),
    (
        "n",
        "Cooperazione allo sviluppo",
        "Development cooperation",
        "Cooperazione allo sviluppo ai sensi della legge 125/2014.",
        "Development cooperation under Law 125/2014.",
    ),
    (
        "o",
        "Commercio equo e solidale",
        "Fair trade",
        "Attività commerciali, produttive, di educazione e informazione, di promozione, di rappresentanza e di concessione in licenza di marchi di certificazione svolte nell'ambito o a favore di filiere del commercio equo e solidale.",
        "Trade, production, education, information, promotion, representation and certification-mark licensing within or for fair-trade supply chains.",
    ),
    (
        "p",
        "Inserimento lavorativo",
        "Work integration",
        "Servizi finalizzati all'inserimento o al reinserimento nel mercato del lavoro dei lavoratori e delle persone svantaggiate di cui all'art. 2, comma 4, del d.lgs. 112/2017.",
        "Services for the (re)integration into the labour market of the disadvantaged workers and people defined by art. 2(4) of Legislative Decree 112/2017.",
    ),
    (
        "q",
        "Alloggio sociale",
        "Social housing",
        "Alloggio sociale ai sensi del decreto ministeriale 22 aprile 2008, e ogni altra attività di carattere residenziale temporaneo diretta a soddisfare bisogni sociali, sanitari, culturali, formativi o lavorativi.",
        "Social housing under the Ministerial Decree of 22 April 2008, and any temporary residential activity meeting social, health, cultural, educational or work needs.",
    ),
    (
        "r",
        "Accoglienza e integrazione dei migranti",
        "Reception and integration of migrants",
        "Accoglienza umanitaria ed integrazione sociale dei migranti.",
        "Humanitarian reception and social integration of migrants.",
    ),
    (
        "s",
        "Agricoltura sociale",
        "Social farming",
        "Agricoltura sociale ai sensi dell'art. 2 della legge 141/2015.",
        "Social farming under art. 2 of Law 141/2015.",
    ),
    (
        "t",
        "Attività sportive dilettantistiche",
        "Amateur sport",
        "Organizzazione e gestione di attività sportive dilettantistiche.",
        "Organising and running amateur sport.",
    ),
    (
        "u",
        "Beneficenza e sostegno a distanza",
        "Charity and distance support",
        "Beneficenza, sostegno a distanza, cessione gratuita di alimenti o prodotti di cui alla legge 166/2016, o erogazione di denaro, beni o servizi a sostegno di persone svantaggiate o di attività di interesse generale.",
        "Charity, distance support, free donation of food or products under Law 166/2016, or grants of money, goods or services to disadvantaged people or activities of general interest.",
    ),
    (
        "v",
        "Legalità, pace e nonviolenza",
        "Legality, peace and non-violence",
        "Promozione della cultura della legalità, della pace tra i popoli, della nonviolenza e della difesa non armata.",
        "Promoting a culture of legality, peace among peoples, non-violence and unarmed defence.",
    ),
    (
        "w",
        "Diritti umani, civili, sociali e politici",
        "Human, civil, social and political rights",
        "Promozione e tutela dei diritti umani, civili, sociali e politici e dei diritti dei consumatori e degli utenti; promozione delle pari opportunità e delle iniziative di aiuto reciproco, incluse le banche dei tempi e i gruppi di acquisto solidale.",
        "Promoting and protecting human, civil, social and political rights and consumers' rights; promoting equal opportunities and mutual aid, including time banks and solidarity purchasing groups.",
    ),
    (
        "x",
        "Adozione internazionale",
        "International adoption",
        "Cura di procedure di adozione internazionale ai sensi della legge 184/1983.",
        "International adoption procedures under Law 184/1983.",
    ),
    (
        "y",
        "Protezione civile",
        "Civil protection",
        "Protezione civile ai sensi della legge 225/1992 e successive modificazioni.",
        "Civil protection under Law 225/1992 as amended.",
    ),
    (
        "z",
        "Riqualificazione di beni pubblici e confiscati",
        "Regeneration of public and confiscated assets",
        "Riqualificazione di beni pubblici inutilizzati o di beni confiscati alla criminalità organizzata.",
        "Regeneration of unused public assets or assets confiscated from organised crime.",
    ),
]


def create_activities(apps, schema_editor):
    CtsActivity = apps.get_model("taxonomy", "CtsActivity")
    for order, (code, name, name_en, description, description_en) in enumerate(ACTIVITIES, start=1):
        CtsActivity.objects.get_or_create(
            code=code,
            defaults={
                "slug": f"cts-{code}",
                "name": name,
                "name_en": name_en,
                "description": description,
                "description_en": description_en,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0006_default_target_groups")]
    operations = [migrations.RunPython(create_activities, migrations.RunPython.noop)]
