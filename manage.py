#!/usr/bin/env python
"""Django's command-line utility for Civic Hub."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civichub.settings.dev")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except (ImproperlyConfigured, OperationalError) as exc:
        # A misconfiguration is explained in one line, not with a traceback.
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        sys.stderr.write(f"civichub: configuration error: {first_line}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
