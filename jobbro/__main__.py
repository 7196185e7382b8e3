"""The ``jobbro`` console script: Django's manage command for this project."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobbro.settings")
    from django.core.management import execute_from_command_line

    from jobbro.env import ConfigError

    try:
        execute_from_command_line(sys.argv)
    except ConfigError as exc:
        # Bad configuration is an operator's mistake, not a bug: one sentence, no traceback.
        sys.stderr.write(f"Configuration error: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
