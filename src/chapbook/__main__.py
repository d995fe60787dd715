import sys

from chapbook.cli import main

sys.exit(main())
