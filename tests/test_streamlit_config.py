"""The app's Streamlit settings, as Streamlit itself reads them from .streamlit/config.toml."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What each browser session is told (Streamlit's NewSession message), read in a fresh
# process so that no other test's settings leak in.
READ_SESSION_CONFIG = """
from streamlit import config
from streamlit.runtime.app_session import _get_show_error_links
from streamlit.proto.NewSession_pb2 import Config
config.get_config_options(force_reparse=True)
print(Config.ShowErrorLinks.Name(_get_show_error_links()), config.get_option("client.showErrorDetails"))
"""


def test_an_error_box_never_links_to_outside_services():
    shown = subprocess.run(
        [sys.executable, "-c", READ_SESSION_CONFIG],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.split()
    assert shown == ["SHOW_ERROR_LINKS_FALSE", "none"]
