import factory

from civichub.accounts.models import Role, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    first_name = factory.Faker("first_name", locale="it_IT")
    last_name = factory.Faker("last_name", locale="it_IT")
    role = Role.PARTICIPANT
    password = factory.django.Password("password-di-prova-123")


class ContributorFactory(UserFactory):
    role = Role.CONTRIBUTOR


class PromoterFactory(UserFactory):
    role = Role.PROMOTER


class StaffFactory(UserFactory):
    role = Role.PROMOTER
    is_staff = True
    is_superuser = True
