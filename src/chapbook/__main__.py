from chapbook.cli import run

run()
