from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from inspections.devdata.demo import load_demo


class Command(BaseCommand):
    help = "Load the Warwickshire data and the demo users (embedded mode only)."

    def handle(self, *args, **options):
        try:
            load_demo(stdout=self.stdout)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
