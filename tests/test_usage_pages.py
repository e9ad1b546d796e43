"""Hostile usage files on the Calibrate page and in Present's check: one clear message each,
never Streamlit's exception box (issue 20 §2). The readers' own cases are tests/test_usage_hostile.py."""

import gzip
import json

import duckdb
import pytest

from tests.app_helpers import shown, start_app
from tests.test_usage_hostile import HEADER, anthropic_page, anthropic_result

# Each of these once raised out of the reader (TypeError, OverflowError, csv.Error, ValueError).
HOSTILE = {
    "year_9999.json": (
        anthropic_page(
            ("9999-12-31T23:00:00-05:00", "9999-12-31T23:30:00-05:00", [anthropic_result()])
        ).encode(),
        "is outside 2015-01-01..2199-12-31",
    ),
    "digits.json": (
        json.dumps({"object": "page", "data": []})
        .replace("[]", '[{"start_time": ' + "9" * 400 + "}]")
        .encode(),
        "is too large for any price or count",
    ),
    "bc.csv": (f"{HEADER}-0044-03-15T00:00:00Z,m,1,1\n".encode(), "outside 2015-01-01..2199-12-31"),
    "usage.csv.gz": (
        gzip.compress(f"{HEADER}2026-01-05T10:00:00Z,m,1,1\n".encode(), mtime=0),
        "decompress it",
    ),
}


def nan_parquet(tmp_path) -> bytes:
    path = tmp_path / "nan.parquet"
    duckdb.execute(
        f"COPY (SELECT TIMESTAMP '2026-01-05' AS timestamp, [1] AS model, 1 AS prompt_tokens, "
        f"1 AS completion_tokens) TO '{path}' (FORMAT parquet)"
    )
    return path.read_bytes()


@pytest.mark.parametrize(
    ("page", "key"), [("pages/calibrate.py", "calibrate"), ("pages/present.py", "present.check")]
)
def test_each_hostile_file_is_one_message_on_the_page(store_path, tmp_path, page, key):
    at = start_app(page)
    files = {name: content for name, (content, _) in HOSTILE.items()} | {
        "model.parquet": nan_parquet(tmp_path)
    }
    expected = {name: words for name, (_, words) in HOSTILE.items()} | {"model.parquet": "not text"}
    for name, content in files.items():
        at.file_uploader(key=f"{key}.upload").set_value((name, content, "application/octet-stream")).run()
        assert not at.exception, name
        [error] = [shown(element.value) for element in at.error]
        assert error.startswith(f"{name}: "), error
        assert expected[name] in error
        assert "\n" not in error


def test_the_check_on_present_says_what_the_files_left_out(store_path):
    at = start_app("pages/present.py")
    rows = [
        {
            "startTime": f"2026-01-05T10:0{n}:00Z",
            "model": "gpt-4o",
            "prompt_tokens": 900,
            "completion_tokens": 90,
        }
        | {"status": "failure" if n == 0 else "success", "call_type": "acompletion"}
        for n in range(3)
    ]
    content = json.dumps(rows).encode()
    at.file_uploader(key="present.check.upload").set_value(
        ("spend_logs.json", content, "application/json")
    ).run()
    assert not at.exception
    captions = " ".join(shown(caption.value) for caption in at.caption)
    assert "1 failed requests (status) in spend_logs.json are not counted as calls." in captions
