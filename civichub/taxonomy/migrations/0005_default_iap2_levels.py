"""Seed the five levels of the IAP2 Spectrum of Public Participation, with the public
goal as description and the standard promise to the public."""

from django.db import migrations

LEVELS = [
    (
        "informare",
        "Informare",
        "Inform",
        "Fornire al pubblico informazioni equilibrate e oggettive che lo aiutino a comprendere il problema, le alternative, le opportunità e le soluzioni.",
        "To provide the public with balanced and objective information to assist them in understanding the problem, alternatives, opportunities and/or solutions.",
        "Vi terremo informati.",
        "We will keep you informed.",
    ),
    (
        "consultare",
        "Consultare",
        "Consult",
        "Ottenere dal pubblico un riscontro su analisi, alternative e decisioni.",
        "To obtain public feedback on analysis, alternatives and/or decisions.",
        "Vi terremo informati, ascolteremo e terremo conto delle vostre preoccupazioni e aspirazioni e vi diremo come il vostro contributo ha influito sulla decisione.",
        "We will keep you informed, listen to and acknowledge concerns and aspirations, and provide feedback on how public input influenced the decision.",
    ),
    (
        "coinvolgere",
        "Coinvolgere",
        "Involve",
        "Lavorare direttamente con il pubblico lungo tutto il processo, perché preoccupazioni e aspirazioni siano costantemente comprese e considerate.",
        "To work directly with the public throughout the process to ensure that public concerns and aspirations are consistently understood and considered.",
        "Lavoreremo con voi perché le vostre preoccupazioni e aspirazioni si riflettano direttamente nelle alternative elaborate e vi diremo come il vostro contributo ha influito sulla decisione.",
        "We will work with you to ensure that your concerns and aspirations are directly reflected in the alternatives developed and provide feedback on how public input influenced the decision.",
    ),
    (
        "collaborare",
        "Collaborare",
        "Collaborate",
        "Essere partner del pubblico in ogni aspetto della decisione, compresi l'elaborazione delle alternative e l'individuazione della soluzione preferita.",
        "To partner with the public in each aspect of the decision including the development of alternatives and the identification of the preferred solution.",
        "Ci rivolgeremo a voi per consigli e idee innovative nel formulare le soluzioni e accoglieremo i vostri consigli e le vostre raccomandazioni nelle decisioni nella misura più ampia possibile.",
        "We will look to you for advice and innovation in formulating solutions and incorporate your advice and recommendations into the decisions to the maximum extent possible.",
    ),
    (
        "potenziare",
        "Potenziare (empower)",
        "Empower",
        "Affidare al pubblico la decisione finale.",
        "To place final decision making in the hands of the public.",
        "Realizzeremo ciò che deciderete.",
        "We will implement what you decide.",
    ),
]


def create_levels(apps, schema_editor):
    IAP2Level = apps.get_model("taxonomy", "IAP2Level")
    for order, (slug, name, name_en, goal, goal_en, promise, promise_en) in enumerate(
        LEVELS, start=1
    ):
        IAP2Level.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": goal,
                "description_en": goal_en,
                "promise": promise,
                "promise_en": promise_en,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0004_default_methods")]
    operations = [migrations.RunPython(create_levels, migrations.RunPython.noop)]
