"""`python -m ui`: the kiosk app itself (what `kiosk run` hands over to once the display is
known to work). Takes the same options as `kiosk run` (kiosk.launch)."""

import argparse
import sys

from kiosk.launch import add_run_arguments
from ui.app import run

parser = argparse.ArgumentParser(prog="kiosk run", description="the kiosk app")
add_run_arguments(parser)
args = parser.parse_args()
sys.exit(run(demo=args.demo, windowed=args.windowed, role=args.role, config_path=args.config,
             screenshot_dir=args.screenshots, quit_after_s=args.quit_after))
