"""Usage files as an attacker, or an unlucky export, writes them (issue 20 §2).

Each case is a file that once gave a traceback, tied up the reader, read more than the
file named or counted the same traffic twice; each now reads right or is one sentence.
"""

import gzip
import json
import os
import threading
from pathlib import Path

import duckdb
import pytest

from costmodel import usage
from costmodel.calibrate import calibrate
from costmodel.usage import BadUsageFileError, read_usage
from tests.test_calibrate import FIXTURES

HEADER = "timestamp,model,prompt_tokens,completion_tokens\n"
CONSTANT_ROWS = FIXTURES / "constant_20m_rows.parquet"  # 988 bytes: 20 million identical requests


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, newline="")
    return path


def refused(*paths: Path, **options) -> str:
    with pytest.raises(BadUsageFileError) as refusal:
        read_usage(list(paths), **options)
    message = str(refusal.value)
    assert "\n" not in message
    return message


def parquet(folder: Path, name: str, select: str) -> Path:
    path = folder / name
    duckdb.execute(f"COPY ({select}) TO '{path}' (FORMAT parquet)")  # the test's own SQL and temporary path
    return path


def anthropic_page(*buckets: tuple[str, str, list[dict]]) -> str:
    return json.dumps(
        {
            "data": [
                {"starting_at": start, "ending_at": end, "results": results}
                for start, end, results in buckets
            ],
            "has_more": False,
            "next_page": None,
        }
    )


def anthropic_result(**fields) -> dict:
    return {"uncached_input_tokens": 1_000, "cache_read_input_tokens": 0, "output_tokens": 100} | fields


def openai_bucket(start: int, end: int, *results: dict) -> dict:
    return {"object": "bucket", "start_time": start, "end_time": end, "results": list(results)}


def openai_result(**fields) -> dict:
    return {
        "object": "organization.usage.completions.result",
        "input_tokens": 1_000,
        "output_tokens": 100,
        "input_cached_tokens": 0,
        "num_model_requests": 10,
        "project_id": None,
        "user_id": None,
        "api_key_id": None,
        "model": None,
        "batch": None,
    } | fields


def openai_page(*buckets: dict) -> str:
    return json.dumps({"object": "page", "data": list(buckets), "has_more": False, "next_page": None})


JAN_5 = 1_767_571_200  # 2026-01-05 00:00 UTC, a Monday
HOUR, DAY = 3_600, 86_400


class TestTracebacksBecomeMessages:
    def test_an_anthropic_bucket_with_a_zone_on_its_start_only_is_read_as_utc(self, tmp_path):
        page = anthropic_page(("2026-01-05T00:00:00Z", "2026-01-06T00:00:00", [anthropic_result()]))
        daily = read_usage([write(tmp_path, "zone.json", page)])
        assert (str(daily.first_day), daily.days, daily.input_tokens.sum()) == ("2026-01-05", 1, 1_000)

    def test_year_9999_with_an_offset_is_outside_the_days_read(self, tmp_path):
        page = anthropic_page(
            ("9999-12-31T23:00:00-05:00", "9999-12-31T23:30:00-05:00", [anthropic_result()])
        )
        assert "is outside 2015-01-01..2199-12-31" in refused(write(tmp_path, "far.json", page))

    def test_a_400_digit_integer_in_an_openai_page_is_too_large(self, tmp_path):
        page = openai_page(openai_bucket(JAN_5, JAN_5 + DAY, openai_result())).replace(
            "1000,", "9" * 400 + ",", 1
        )
        assert "is too large for any price or count" in refused(write(tmp_path, "digits.json", page))

    @pytest.mark.parametrize("stamp", ["-0044-03-15T00:00:00Z", "0044-03-15 BC"])
    def test_a_bc_date_in_a_csv_is_a_message(self, tmp_path, stamp):
        message = refused(write(tmp_path, "bc.csv", HEADER + f"{stamp},m,1,1\n"))
        assert "outside 2015-01-01..2199-12-31" in message or "invalid timestamp" in message

    def test_cr_only_line_ends_as_old_excel_writes_them_are_read(self, tmp_path):
        lines = [HEADER.strip(), "2026-01-05T10:00:00Z,m,100,10", "2026-01-05T11:00:00Z,m,300,30"]
        daily = read_usage([write(tmp_path, "excel.csv", "\r".join(lines) + "\r")])
        assert (daily.calls.sum(), daily.input_tokens.sum()) == (2, 400)

    def test_a_gzip_file_says_to_decompress_it(self, tmp_path):
        rows = "".join(f"2026-01-05T{hour:02}:00:00Z,gpt-4o,{hour}1,{hour}\n" for hour in range(24))
        content = gzip.compress((HEADER + rows).encode(), mtime=0)
        assert "gzip-compressed file; decompress it first" in refused(
            write(tmp_path, "usage.csv.gz", content)
        )

    def test_nan_tokens_in_parquet_are_a_message(self, tmp_path):
        path = parquet(
            tmp_path,
            "nan.parquet",
            "SELECT TIMESTAMP '2026-01-05' AS timestamp, 'm' AS model, "
            "'nan'::DOUBLE AS prompt_tokens, 1 AS completion_tokens",
        )
        assert "1 rows have a token count that is not a whole number" in refused(path)

    @pytest.mark.parametrize(
        ("model", "held"), [("[1, 2]", "INTEGER[]"), ("{'a': 1}", "STRUCT(a INTEGER)"), ("7", "INTEGER")]
    )
    def test_a_model_column_that_is_not_text_in_parquet_is_a_message(self, tmp_path, model, held):
        path = parquet(
            tmp_path,
            "model.parquet",
            f"SELECT TIMESTAMP '2026-01-05' AS timestamp, {model} AS model, "
            "1 AS prompt_tokens, 1 AS completion_tokens",
        )
        assert refused(path).endswith(f"the model column holds {held}, not text")


class TestBounds:
    def test_a_tiny_parquet_of_many_identical_rows_is_refused_unread(self, monkeypatch):
        monkeypatch.setattr(usage, "MAX_ROWS", 1_000_000)
        assert CONSTANT_ROWS.stat().st_size < 2_000
        assert "20,000,000 rows, more than the 1,000,000 requests this reads" in refused(CONSTANT_ROWS)

    def test_a_csv_past_the_row_bound_is_refused_after_it(self, tmp_path, monkeypatch):
        monkeypatch.setattr(usage, "MAX_ROWS", 1_000)
        path = write(tmp_path, "rows.csv", HEADER + "2026-01-05T10:00:00Z,m,1,1\n" * 1_001)
        assert "more than 1,000 rows" in refused(path)

    def test_a_read_past_its_time_is_stopped(self, monkeypatch):
        # 20 million rows take seconds; the read is stopped after a tenth of one.
        monkeypatch.setattr(usage, "MAX_READ_SECONDS", 0.1)
        assert "still reading after 0.1 s, so it was stopped" in refused(CONSTANT_ROWS)

    def test_many_distinct_models_are_refused_inside_duckdb(self, tmp_path, monkeypatch):
        monkeypatch.setattr(usage, "MAX_GROUPS", 1_000)
        rows = "".join(f"2026-01-05T10:00:00Z,model-{number},1,1\n" for number in range(1_001))
        assert "more than 1,000 day-and-model groups" in refused(write(tmp_path, "models.csv", HEADER + rows))

    def test_many_distinct_groups_of_a_usage_page_are_refused(self, tmp_path, monkeypatch):
        monkeypatch.setattr(usage, "MAX_ENTRIES", 100)
        results = [openai_result(user_id=f"user-{number}") for number in range(100)]
        page = openai_page(openai_bucket(JAN_5, JAN_5 + DAY, *results))
        assert "more than 100 buckets and results" in refused(write(tmp_path, "users.json", page))

    def test_a_usage_page_over_the_byte_bound_is_refused(self, tmp_path):
        results = [openai_result(user_id=f"user-{number:09}") for number in range(41_000)]
        page = openai_page(openai_bucket(JAN_5, JAN_5 + DAY, *results))
        assert len(page) > usage.MAX_JSON_BYTES
        assert "more than the 10,000,000 bytes this reads from one usage file" in refused(
            write(tmp_path, "big.json", page)
        )


class TestBytesAreCountedAsRead:
    @pytest.mark.parametrize("format", ["openai", "requests"])
    def test_dev_zero_ends_at_the_byte_bound(self, monkeypatch, format):
        monkeypatch.setattr(usage, "MAX_REQUEST_FILE_BYTES", 5_000_000)
        limit = usage.MAX_JSON_BYTES if format == "openai" else 5_000_000
        assert f"more than the {limit:,} bytes" in refused(Path("/dev/zero"), format=format)

    def test_a_fifo_is_read_once_and_within_the_bound(self, tmp_path):
        fifo = tmp_path / "usage.csv"
        os.mkfifo(fifo)
        content = HEADER + "2026-01-05T10:00:00Z,m,100,10\n" * 3

        def feed() -> None:
            with fifo.open("w") as writer:
                writer.write(content)

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        daily = read_usage([fifo])
        writer.join(timeout=10)
        assert (daily.calls.sum(), daily.input_tokens.sum()) == (3, 300)

    def test_an_endless_fifo_stops_at_the_byte_bound(self, tmp_path, monkeypatch):
        monkeypatch.setattr(usage, "MAX_REQUEST_FILE_BYTES", 1_000_000)
        fifo = tmp_path / "endless.csv"
        os.mkfifo(fifo)
        stop = threading.Event()

        def feed() -> None:
            try:
                with fifo.open("w") as writer:
                    writer.write(HEADER)
                    while not stop.is_set():
                        writer.write("2026-01-05T10:00:00Z,m,100,10\n" * 1_000)
            except BrokenPipeError:
                pass  # the reader stopped reading: what the bound is for

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        try:
            assert "more than the 1,000,000 bytes" in refused(fifo)
        finally:
            stop.set()


class TestFileNamesAreLiteral:
    def test_a_file_named_star_csv_reads_only_itself(self, tmp_path):
        write(tmp_path, "other.csv", HEADER + "2026-01-05T10:00:00Z,m,100,10\n" * 5)
        star = write(tmp_path, "*.csv", HEADER + "2026-01-05T10:00:00Z,m,100,10\n")
        assert read_usage([star]).calls.sum() == 1

    def test_brackets_in_a_name_are_not_a_pattern(self, tmp_path):
        write(tmp_path, "d1.csv", HEADER + "2026-01-05T10:00:00Z,m,100,10\n" * 5)
        brackets = write(tmp_path, "d[1].csv", HEADER + "2026-01-05T10:00:00Z,m,100,10\n" * 2)
        assert read_usage([brackets]).calls.sum() == 2


class TestNothingCountsTwice:
    def test_the_same_file_twice_is_refused(self, tmp_path):
        path = write(tmp_path, "requests.csv", HEADER + "2026-01-05T10:00:00Z,m,100,10\n")
        assert "the same content as" in refused(path, path)

    def test_the_same_content_under_two_names_is_refused(self, tmp_path):
        content = HEADER + "2026-01-05T10:00:00Z,m,100,10\n"
        first, second = write(tmp_path, "a.csv", content), write(tmp_path, "b.csv", content)
        assert refused(first, second).endswith(f"the same content as {first} (a file given twice?)")

    def test_a_grouped_and_an_ungrouped_export_of_one_bucket_are_refused(self, tmp_path):
        ungrouped = write(
            tmp_path, "all.json", openai_page(openai_bucket(JAN_5, JAN_5 + DAY, openai_result()))
        )
        grouped = write(
            tmp_path,
            "by_model.json",
            openai_page(openai_bucket(JAN_5, JAN_5 + DAY, openai_result(model="gpt-4o"))),
        )
        message = refused(ungrouped, grouped)
        assert "this bucket came already in an export ungrouped, and this one is grouped by model" in message

    def test_daily_and_hourly_buckets_of_the_same_day_are_refused(self, tmp_path):
        daily = write(tmp_path, "daily.json", openai_page(openai_bucket(JAN_5, JAN_5 + DAY, openai_result())))
        hourly = write(
            tmp_path,
            "hourly.json",
            openai_page(
                *(openai_bucket(JAN_5 + h * HOUR, JAN_5 + (h + 1) * HOUR, openai_result()) for h in (3, 4))
            ),
        )
        assert "overlaps one from 2026-01-05 00:00 UTC to 2026-01-06 00:00 UTC" in refused(daily, hourly)

    def test_an_anthropic_bucket_given_with_z_and_with_utc_offset_is_refused(self, tmp_path):
        with_z = anthropic_page(
            ("2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z", [anthropic_result(model="m")])
        )
        with_offset = with_z.replace("Z", "+00:00")
        assert "a page given twice?" in refused(
            write(tmp_path, "z.json", with_z), write(tmp_path, "offset.json", with_offset)
        )

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("fraction.csv", HEADER + "2026-01-05T10:00:00Z,m,0.4,1\n2026-01-05T11:00:00Z,m,0.4,1\n"),
            (
                "fraction.jsonl",
                '{"timestamp": "2026-01-05T10:00:00Z", "model": "m", "prompt_tokens": 0.4, '
                '"completion_tokens": 1}\n',
            ),
        ],
    )
    def test_fractional_tokens_are_refused_not_rounded(self, tmp_path, name, content):
        assert "rows have a token count that is not a whole number" in refused(write(tmp_path, name, content))

    def test_fractional_tokens_in_parquet_are_refused_not_truncated(self, tmp_path):
        path = parquet(
            tmp_path,
            "fraction.parquet",
            "SELECT TIMESTAMP '2026-01-05' AS timestamp, 'm' AS model, "
            "0.4::DOUBLE AS prompt_tokens, 1 AS completion_tokens FROM range(2)",
        )
        assert "2 rows have a token count that is not a whole number" in refused(path)

    @pytest.mark.parametrize("value", ["true", '"10"'])
    def test_json_lines_true_or_a_number_in_quotes_is_not_a_count(self, tmp_path, value):
        line = (
            f'{{"timestamp": "2026-01-05T10:00:00Z", "model": "m", "prompt_tokens": {value}, '
            '"completion_tokens": 1}\n'
        )
        assert "1 rows have a token count that is not a number" in refused(
            write(tmp_path, "typed.jsonl", line)
        )


class TestRealFormats:
    @pytest.mark.parametrize("group", ["inference_geo", "speed", "account_id", "service_account_id"])
    def test_anthropic_groups_documented_in_group_by_are_read(self, tmp_path, group):
        values = {"inference_geo": ("us", "global"), "speed": ("standard", "fast")}.get(group, ("a_1", "a_2"))
        results = [anthropic_result(model="claude-sonnet-4-5", **{group: value}) for value in values]
        page = anthropic_page(("2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z", results))
        assert read_usage([write(tmp_path, "grouped.json", page)]).input_tokens.sum() == 2_000

    def test_the_cookbooks_plain_list_of_buckets_is_read(self, tmp_path):
        buckets = [
            openai_bucket(JAN_5 + day * DAY, JAN_5 + (day + 1) * DAY, openai_result()) for day in range(2)
        ]
        daily = read_usage([write(tmp_path, "all_data.json", json.dumps(buckets))])
        assert (daily.days, daily.calls.sum(), daily.format) == (2, 20, "openai")

    def test_an_embeddings_usage_page_is_refused(self, tmp_path):
        result = {
            "object": "organization.usage.embeddings.result",
            "input_tokens": 500,
            "num_model_requests": 5,
        }
        page = openai_page(openai_bucket(JAN_5, JAN_5 + DAY, result))
        message = refused(write(tmp_path, "embeddings.json", page))
        assert "a usage page of 'organization.usage.embeddings.result', not completions" in message

    def test_a_first_day_covered_from_the_afternoon_is_said(self, tmp_path):
        hours = range(13, 24 + 24)  # 13:00 on the first day to the end of the second
        page = openai_page(
            *(openai_bucket(JAN_5 + h * HOUR, JAN_5 + (h + 1) * HOUR, openai_result()) for h in hours)
        )
        result = calibrate(read_usage([write(tmp_path, "hourly.json", page)]))
        assert "The first day, 2026-01-05, has buckets for 11 of its 24 hours only" in " ".join(result.notes)
        assert not any("The last day" in note for note in result.notes)

    def test_records_that_end_at_noon_are_said(self, tmp_path):
        rows = "2026-01-05T00:10:00Z,m,1,1\n2026-01-06T23:50:00Z,m,1,1\n2026-01-07T12:00:00Z,m,1,1\n"
        result = calibrate(read_usage([write(tmp_path, "requests.csv", HEADER + rows)]))
        assert any(note.startswith("The records end at 2026-01-07 12:00 UTC") for note in result.notes)
        assert not any("The records begin" in note for note in result.notes)

    def test_litellm_failed_and_embedding_rows_are_not_calls(self, tmp_path):
        rows = [
            {
                "startTime": "2026-01-05T10:00:00Z",
                "model": "gpt-4o",
                "prompt_tokens": 100,
                "completion_tokens": 10,
                "status": "success",
                "call_type": "acompletion",
            },
            {
                "startTime": "2026-01-05T10:01:00Z",
                "model": "gpt-4o",
                "prompt_tokens": 100,
                "completion_tokens": 0,
                "status": "failure",
                "call_type": "acompletion",
            },
            {
                "startTime": "2026-01-05T10:02:00Z",
                "model": "text-embedding-3-small",
                "prompt_tokens": 800,
                "completion_tokens": 0,
                "status": "success",
                "call_type": "aembedding",
            },
        ]
        result = calibrate(read_usage([write(tmp_path, "spend_logs.json", json.dumps(rows))]))
        assert (result.calls_per_day, result.input_tokens_per_call) == (1, 100)
        notes = " ".join(result.notes)
        assert "1 failed requests (status)" in notes
        assert "1 requests in" in notes
        assert "(call_type: embeddings and others) are not counted as calls" in notes


def test_a_file_name_with_a_line_break_is_one_line_on_stderr(tmp_path, capsys):
    from costmodel.calibrate_cli import main

    path = write(tmp_path, "two\nlines.csv", HEADER + "2026-01-05T10:00:00Z,m,-1,1\n")
    assert main([str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_bad_bucket_on_the_second_page_is_named_on_it(tmp_path):
    good = json.loads(openai_page(openai_bucket(JAN_5, JAN_5 + DAY, openai_result())))
    bad = json.loads(
        openai_page(openai_bucket(JAN_5 + DAY, JAN_5 + 2 * DAY, openai_result(output_tokens=-1)))
    )
    message = refused(write(tmp_path, "pages.json", json.dumps([good, bad])))
    assert "pages.json: page 2, bucket 1, result 1: output_tokens is negative" in message


class TestAnthropicAnalyticsReport:
    """/v1/organizations/analytics/usage_report: the messages report's buckets, with `requests`."""

    def page(self, results: list[dict], refreshed: str | None = "2026-01-07T00:00:00Z") -> str:
        buckets = [
            {
                "starting_at": f"2026-01-0{day}T00:00:00Z",
                "ending_at": f"2026-01-0{day + 1}T00:00:00Z",
                "results": results,
            }
            for day in (5, 6, 7)
        ]
        return json.dumps(
            {"data": buckets, "data_refreshed_at": refreshed, "has_more": False, "next_page": None}
        )

    def test_its_request_counts_are_calls(self, tmp_path):
        results = [
            anthropic_result(model="claude-opus-4-6", product=product, requests=4)
            for product in ("chat", "claude_code")
        ]
        result = calibrate(read_usage([write(tmp_path, "analytics.json", self.page(results))]))
        assert (result.days, result.calls_per_day, result.input_tokens_per_call) == (3, 8, 250)

    def test_days_past_the_data_refresh_are_said(self, tmp_path):
        result = calibrate(
            read_usage([write(tmp_path, "analytics.json", self.page([anthropic_result(requests=2)]))])
        )
        notes = [note for note in result.notes if "refreshed at 2026-01-07 00:00 UTC" in note]
        assert len(notes) == 1

    def test_rbac_groups_whose_rows_overlap_are_refused(self, tmp_path):
        results = [
            anthropic_result(rbac_group_id=group, requests=1) for group in ("rbac_group_a", "rbac_group_b")
        ]
        assert "grouped by rbac_group_id, whose rows overlap" in refused(
            write(tmp_path, "teams.json", self.page(results))
        )
