"""`python -m caseworker` runs the command line."""

import sys

from caseworker.cli import main

sys.exit(main())
