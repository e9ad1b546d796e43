import sys

if sys.argv[1:2] == ["calibrate"]:
    from costmodel.calibrate_cli import main as calibrate

    sys.exit(calibrate(sys.argv[2:]))

from costmodel.cli import main

sys.exit(main())
