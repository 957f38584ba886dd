from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "oneworkforce.recruitment.vacancies"
    label = "vacancies"
    verbose_name = "Vacancies and campaigns"
