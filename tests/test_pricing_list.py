"""`python -m pricing list` shows every price a record has, and its earlier prices."""

from pricing import load_catalog
from pricing.cli import PRICE_COLUMNS, main
from pricing.records import PRICE_FIELDS


def listed(capsys) -> list[str]:
    assert main(["list"]) == 0
    return capsys.readouterr().out.splitlines()


def test_every_price_field_has_a_column():
    assert set(PRICE_COLUMNS) == set(PRICE_FIELDS)


def test_every_known_price_of_every_record_is_listed(capsys):
    lines = listed(capsys)
    header = lines[0].split()
    for entry in load_catalog():
        [row] = [line for line in lines if f" {entry.model} " in f" {line} " and entry.provider in line]
        for field, value in entry.known().items():
            assert f"{value:g}" in row.split(), (entry.key, field)
    assert "train/GPU-h" in header


def test_the_self_hosted_gpu_hour_training_price_is_listed(capsys):
    [row] = [line for line in listed(capsys) if line.strip().startswith("Self-hosted")]
    # train/GPU-h and hosting/h: $2.50 each (was only in --json).
    assert row.split().count("2.5") == 2


def test_earlier_prices_are_listed_with_their_dates_and_sources(capsys):
    out = "\n".join(listed(capsys))
    assert (
        "OpenAI · gpt-3.5-turbo, 2023-08-22 to 2023-11-06: input 1.5, output 2, training 8, ft input 12, "
        "ft output 16 (https://openai.com/index/gpt-3-5-turbo-fine-tuning-and-api-updates/)"
    ) in out
