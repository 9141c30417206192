"""Courses for tests: a published course with selection (two criteria) or open
enrolment, a cohort open for applications now, 10 seats, one tutor."""

import datetime
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from civichub.accounts.tests.factories import ContributorFactory, UserFactory

from ..models import (
    Admission,
    Application,
    ApplicationCriterion,
    Assignment,
    Cohort,
    CohortState,
    Course,
    CourseModule,
    CourseState,
    Enrolment,
)

# The smallest file that filetype recognises as a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "cv.pdf", *, size: int = 0) -> SimpleUploadedFile:
    content = PDF_BYTES + b"0" * max(size - len(PDF_BYTES), 0)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def text_upload(name: str = "cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"not a pdf at all, just text", content_type="application/pdf")


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Scuola di co-progettazione {n}")
    slug = factory.Sequence(lambda n: f"percorso-{n}")
    summary = "Un percorso per chi guida processi di co-progettazione tra PA e Terzo Settore."
    admission = Admission.SELECTION
    state = CourseState.PUBLISHED
    coordinator = factory.SubFactory(ContributorFactory)

    @factory.post_generation
    def criteria(course: Course, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is None and course.admission == Admission.SELECTION:
            ApplicationCriterion.objects.create(
                course=course, name="Esperienza", weight=2, max_score=10, sort_order=0
            )
            ApplicationCriterion.objects.create(
                course=course, name="Motivazione", weight=1, max_score=10, sort_order=1
            )


class OpenCourseFactory(CourseFactory):
    admission = Admission.OPEN


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseModule

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Modulo {n}")
    sort_order = factory.Sequence(lambda n: n)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    slug = factory.Sequence(lambda n: f"edizione-{n}")
    name = factory.Sequence(lambda n: f"Edizione {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=20))
    ends_on = factory.LazyAttribute(lambda c: c.starts_on + datetime.timedelta(days=60))
    capacity = 10
    applications_open_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    applications_close_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=10)
    )
    state = CohortState.OPEN

    @factory.post_generation
    def tutors(cohort: Cohort, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            cohort.tutors.set(extracted if extracted is not None else [ContributorFactory.create()])


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    cohort = factory.SubFactory(CohortFactory)
    applicant = factory.SubFactory(UserFactory)
    motivation = "Lavoro in un ufficio di piano e vorrei imparare a co-progettare."
    cv = factory.LazyFunction(lambda: pdf_upload())


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Consegna {n}")
    instructions = "Descrivi in una pagina un processo partecipativo del tuo territorio."
    due_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
