"""`python -m costmodel ...`, as the README shows it.

This file is the program's entry, not part of the domain: no costmodel module imports it.
`deck` renders slides, so it is handed to the face above the renderers (commands/deck.py),
imported only when asked for; the domain's own commands run from costmodel.
"""

import sys

if sys.argv[1:2] == ["deck"]:
    from commands.deck import main as deck_main

    sys.exit(deck_main(sys.argv[2:]))
if sys.argv[1:2] == ["calibrate"]:
    from costmodel.calibrate_cli import main as calibrate

    sys.exit(calibrate(sys.argv[2:]))

if sys.argv[1:2] == ["evals"]:
    from costmodel.evals_cli import main as evals

    sys.exit(evals(sys.argv[2:]))

if sys.argv[1:2] == ["training-file"]:
    from costmodel.training_file_cli import main as training_file

    sys.exit(training_file(sys.argv[2:]))

from costmodel.cli import main

sys.exit(main())
