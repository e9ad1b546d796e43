"""A throwaway PostgreSQL server for the tests: Debian's postgresql 15 on a free loopback port.

initdb refuses to run as root, so as root the server runs as the `postgres` user
(through runuser) in a data folder that user owns.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")


class PostgresUnavailableError(Exception):
    """Why no server could start here; tests that need one are skipped with this reason."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server, yield its SQLAlchemy URL, stop it and remove its files."""
    if not (POSTGRES_BIN / "initdb").exists():
        raise PostgresUnavailableError(f"{POSTGRES_BIN}/initdb is missing (./test.sh installs postgresql)")
    if os.geteuid() == 0:
        try:
            server_user = pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresUnavailableError("there is no 'postgres' user to run the server as") from None
    folder = Path(tempfile.mkdtemp(prefix="pg-tests-", dir="/tmp"))
    data = folder / "data"
    data.mkdir()
    if os.geteuid() == 0:
        for path in (folder, data):
            os.chown(path, server_user.pw_uid, server_user.pw_gid)
    port = _free_port()
    log = folder / "server.log"
    try:
        subprocess.run(
            _as_server_user(
                [
                    str(POSTGRES_BIN / "initdb"),
                    "-D",
                    str(data),
                    "--auth=trust",
                    "-U",
                    "postgres",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            _as_server_user(
                [
                    str(POSTGRES_BIN / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(log),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    f"-p {port} -k {folder} -c listen_addresses=127.0.0.1",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        detail = getattr(error, "stderr", b"") or b""
        raise PostgresUnavailableError(
            f"the test server did not start: {error} {detail.decode(errors='replace')[-300:]}"
        ) from None
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_server_user([str(POSTGRES_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)
