"""The training-file reader on a 100 MB chat JSONL file: time and peak memory, in a fresh process.

The file is made in a temporary folder (never kept): support conversations of a system,
a user and an assistant message of varied length, every 50th an exact duplicate and every
1,000th line broken, as a real first draft has them.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Figure

ROOT = Path(__file__).resolve().parents[1]
MEGABYTES = 100
SYSTEM = "You are the support assistant of Acme Parcel. Answer politely, in at most three sentences."
WORDS = (
    "parcel",
    "order",
    "refund",
    "delivery",
    "tracking",
    "number",
    "address",
    "customer",
    "invoice",
    "delayed",
    "weekend",
    "courier",
    "please",
    "thanks",
    "sorry",
    "today",
    "tomorrow",
    "warehouse",
    "label",
    "return",
    "damaged",
    "replacement",
    "account",
    "email",
    "the",
    "a",
    "to",
    "of",
    "and",
    "we",
    "you",
    "your",
    "our",
    "is",
    "was",
    "will",
    "can",
    "could",
    "would",
    "be",
    "have",
    "has",
)

# One run of the reader in a fresh process: wall and CPU seconds, and peak memory over the start.
PROBE = """
import json, os, resource, sys, time
from pathlib import Path
from costmodel.training_file import read_training_file, training_data_figures
from costmodel.tokens import count_text_tokens
# The encoding loaded and the counter's Unicode table built (about 100 MB at its peak, once
# per process, whatever it counts): what remains is what the file adds.
count_text_tokens("warm up " * 100, "o200k_base")
resident = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
Path("/proc/self/clear_refs").write_text("5")  # the peak resident size starts again from here
def peak():
    line = next(l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
start, start_cpu = time.perf_counter(), cpu()
with open(sys.argv[1], "rb") as stream:
    read = read_training_file(stream, "bench.jsonl", "o200k_base")
figures = training_data_figures(read, model="gpt-4o-mini", price_per_million=3)
seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "added_mb": (peak() - resident) / 1e6,
                  "examples": read.examples, "billed_tokens": figures.billed_tokens}))
"""


def write_training_file(path: Path, megabytes: int = MEGABYTES) -> int:
    """A chat JSONL file of about `megabytes` MB; returns its number of lines."""
    pick = random.Random(23)
    target = megabytes * 1_000_000
    size = lines = 0
    with path.open("w", encoding="utf-8") as file:
        previous = ""
        while size < target:
            lines += 1
            if lines % 1_000 == 0:
                line = '{"messages": [{"role": "user", "content": "cut off'
            elif lines % 50 == 0:
                line = previous
            else:
                question = " ".join(pick.choices(WORDS, k=pick.randint(10, 120)))
                answer = " ".join(pick.choices(WORDS, k=pick.randint(20, 250)))
                line = json.dumps(
                    {
                        "messages": [
                            {"role": "system", "content": SYSTEM},
                            {"role": "user", "content": f"Ticket {lines}: {question}"},
                            {"role": "assistant", "content": answer},
                        ]
                    }
                )
                previous = line
            file.write(line + "\n")
            size += len(line) + 1
    return lines


def training_file_figures() -> list[Figure]:
    from bench.run import Figure

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "train.jsonl"
        lines = write_training_file(path)
        size = path.stat().st_size
        probe = subprocess.run(
            [sys.executable, "-c", PROBE, str(path)], cwd=ROOT, capture_output=True, text=True, check=True
        )
    measured = json.loads(probe.stdout)
    assert measured["examples"] == lines
    load = os.getloadavg()[0]
    return [
        Figure(
            "training_file_100mb_cpu",
            measured["cpu_seconds"],
            "CPU s",
            f"< 30 CPU s ({size / 1e6:,.0f} MB, {lines:,} lines; one thread: on an idle core, the wall time)",
            30,
        ),
        Figure(
            "training_file_100mb",
            measured["seconds"],
            "s",
            f"(reported: wall time, load average {load:.1f} on {os.cpu_count()} cores)",
        ),
        Figure(
            "training_file_100mb_memory_added",
            measured["added_mb"],
            "MB",
            "< 256 MB (what is kept grows with the examples, not their length)",
            256,
        ),
    ]
