"""Quality from real eval runs: each variant's error rate with its Wilson interval, tokens,
latency and cost per call, read from promptfoo's outputs or a plain CSV.

Three shapes are read, detected from the content:

- promptfoo's `promptfoo eval -o results.json` (output version 3): `results.results[]`, each
  with `provider {id, label}`, `prompt {raw, label}`, `success`, `failureReason` (0 none,
  1 assertion, 2 error), `error`, `latencyMs`, `response.tokenUsage {prompt, completion}` and
  `cost` (promptfoo's `EvaluateResult`, src/types/index.ts, read 2026-12-01);
- promptfoo's `-o results.csv`: per prompt a column headed `[provider] prompt label` (the
  output) followed by `Status` (PASS, FAIL or ERROR), `Score`, ...; older versions wrote
  "[PASS] ", "[FAIL] " or "[ERROR] " before the output instead
  (src/util/eval/evalTableUtils.ts, read 2026-12-01). It holds no tokens, latency or cost;
- a plain CSV `variant,case,passed[,prompt_tokens,completion_tokens,latency_ms,cost]`, where
  `passed` is true/false (also 1/0, yes/no, pass/fail) or `error` for a call that errored.

A call that errored (no answer came back: timeout, rate limit) says nothing about quality:
it is counted under `errors` and left out of the error rate and of every per-call figure.
Nothing here imports Streamlit; bad input raises BadEvalFileError with one line.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any, Literal

import numpy as np

from costmodel.bounded import UnreadableInputError, load_json, one_line
from costmodel.scenario import Scenario

# A promptfoo run of a few thousand cases with long outputs stays well under this.
MAX_EVAL_FILE_BYTES = 50_000_000
# promptfoo keeps each provider's raw response, which nests deeper than our own files.
MAX_EVAL_JSON_DEPTH = 64
MAX_VARIANTS = 100
MAX_NAME_LENGTH = 200
# 95% two-sided: the Wilson interval and the sample size's significance level.
CONFIDENCE = 0.95
POWER = 0.80
Z_95 = NormalDist().inv_cdf(1 - (1 - CONFIDENCE) / 2)
Z_POWER = NormalDist().inv_cdf(POWER)
# The article: fine-tune on 100 or more high-quality examples.
ARTICLE_EXAMPLES = 100

Outcome = Literal["passed", "failed", "error"]
PLAIN_COLUMNS = ("variant", "case", "passed")
PLAIN_OPTIONAL = ("prompt_tokens", "completion_tokens", "latency_ms", "cost")
TRUE_WORDS = {"true", "1", "yes", "pass", "passed"}
FALSE_WORDS = {"false", "0", "no", "fail", "failed"}
ERROR_WORDS = {"error", "errored"}
PROMPTFOO_STATUS = {"PASS": "passed", "FAIL": "failed", "ERROR": "error"}
_OLD_CELL = re.compile(r"^\[(PASS|FAIL|ERROR)\]")
_PROVIDER_HEADER = re.compile(r"^\[(?P<provider>[^\]]*)\] (?P<prompt>.*)$", re.DOTALL)


class BadEvalFileError(ValueError):
    """An eval file that cannot be read; the message is one line naming the file."""


@dataclass(frozen=True)
class Call:
    """One case run on one variant."""

    variant: str
    outcome: Outcome
    prompt_tokens: float | None = None
    completion_tokens: float | None = None
    latency_ms: float | None = None
    cost: float | None = None


def wilson_interval(failures: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion, as shares 0..1.

    Notes
    -----
    p = failures / trials;
    centre = (p + z² / 2n) / (1 + z² / n),
    half width = z / (1 + z² / n) × sqrt(p (1 − p) / n + z² / 4n²).
    Unlike p ± z sqrt(p (1 − p) / n) it stays within 0..1 and is not empty at 0 failures.

    >>> [round(x, 4) for x in wilson_interval(0, 20)]
    [0.0, 0.1611]
    """
    if trials <= 0:
        raise ValueError("an interval needs at least one trial")
    p = failures / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return max(0.0, centre - half), min(1.0, centre + half)


def cases_to_tell_apart(p1: float, p2: float) -> int | None:
    """Cases per variant for a two-sided test at 5% to detect the difference between two error
    rates (shares 0..1) with 80% power; None when they are equal (no number of cases will do).

    Notes
    -----
    The normal-approximation sample size for two independent proportions (Fleiss, Levin and
    Paik, *Statistical Methods for Rates and Proportions*, 3rd ed., eq. 4.14, without the
    continuity correction):
    n = (z_α/2 sqrt(2 p̄ (1 − p̄)) + z_β sqrt(p1 (1 − p1) + p2 (1 − p2)))² / (p1 − p2)²,
    p̄ = (p1 + p2) / 2, rounded up.

    >>> cases_to_tell_apart(0.10, 0.05)
    435
    """
    if p1 == p2:
        return None
    mean = (p1 + p2) / 2
    root = Z_95 * math.sqrt(2 * mean * (1 - mean)) + Z_POWER * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(root * root / (p1 - p2) ** 2)


@dataclass(frozen=True)
class VariantResult:
    """One variant's quality and per-call figures over its cases."""

    name: str
    cases: int
    passed: int
    failed: int
    errors: int
    prompt_tokens_per_call: float | None
    completion_tokens_per_call: float | None
    latency_ms_p50: float | None
    latency_ms_p95: float | None
    cost_per_call: float | None

    @property
    def graded(self) -> int:
        """Cases that came back with an answer and were graded (errors left out)."""
        return self.passed + self.failed

    @property
    def error_rate_percent(self) -> float | None:
        return None if self.graded == 0 else 100 * self.failed / self.graded

    @property
    def error_rate_interval_percent(self) -> tuple[float, float] | None:
        if self.graded == 0:
            return None
        low, high = wilson_interval(self.failed, self.graded)
        return 100 * low, 100 * high

    @property
    def cost_per_correct_answer(self) -> float | None:
        """What the graded calls cost, per call that passed; None without costs or passes."""
        if self.cost_per_call is None or self.passed == 0:
            return None
        return self.cost_per_call * self.graded / self.passed

    def to_json(self) -> dict[str, Any]:
        interval = self.error_rate_interval_percent
        return {
            "name": self.name,
            "cases": self.cases,
            "passed": self.passed,
            "failed": self.failed,
            "errors": self.errors,
            "error_rate_percent": self.error_rate_percent,
            "error_rate_low_percent": None if interval is None else interval[0],
            "error_rate_high_percent": None if interval is None else interval[1],
            "prompt_tokens_per_call": self.prompt_tokens_per_call,
            "completion_tokens_per_call": self.completion_tokens_per_call,
            "latency_ms_p50": self.latency_ms_p50,
            "latency_ms_p95": self.latency_ms_p95,
            "cost_per_call": self.cost_per_call,
        }


def _mean(values: Sequence[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return float(np.mean(known)) if known else None


def _percentile(values: Sequence[float | None], q: float) -> float | None:
    """numpy's default (linear between the closest ranks) percentile of the known values."""
    known = [value for value in values if value is not None]
    return float(np.percentile(known, q)) if known else None


def summarize(calls: Iterable[Call]) -> list[VariantResult]:
    """Each variant's result, in the order variants first appear.

    Tokens, latency and cost are over the graded calls that report them: an errored call's
    latency is a timeout's, not the model's.
    """
    by_variant: dict[str, list[Call]] = {}
    for call in calls:
        by_variant.setdefault(call.variant, []).append(call)
    results = []
    for name, runs in by_variant.items():
        graded = [call for call in runs if call.outcome != "error"]
        latencies = [call.latency_ms for call in graded]
        results.append(
            VariantResult(
                name=name,
                cases=len(runs),
                passed=sum(call.outcome == "passed" for call in runs),
                failed=sum(call.outcome == "failed" for call in runs),
                errors=sum(call.outcome == "error" for call in runs),
                prompt_tokens_per_call=_mean([call.prompt_tokens for call in graded]),
                completion_tokens_per_call=_mean([call.completion_tokens for call in graded]),
                latency_ms_p50=_percentile(latencies, 50),
                latency_ms_p95=_percentile(latencies, 95),
                cost_per_call=_mean([call.cost for call in graded]),
            )
        )
    return results


def _amount(value: Any, what: str) -> float | None:
    """A count, time or cost from a file: None when absent, else a finite number >= 0."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a number, not {value!r}")
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise ValueError(f"{what} must be a number, not {one_line(value[:40])!r}") from None
    if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{what} must be a finite number of 0 or more, not {one_line(repr(value)[:40])}")
    return float(value)


def _name(text: str) -> str:
    """A variant name as the user will see it: one line, at most MAX_NAME_LENGTH characters."""
    name = one_line(text.strip())
    return name if len(name) <= MAX_NAME_LENGTH else name[: MAX_NAME_LENGTH - 3] + "..."


def _variant_names(pairs: list[tuple[str, str]]) -> list[str]:
    """ "provider / prompt" where one provider ran several prompts, else the provider."""
    prompts: dict[str, set[str]] = {}
    for provider, prompt in pairs:
        prompts.setdefault(provider, set()).add(prompt)
    return [
        _name(f"{provider} / {prompt}") if len(prompts[provider]) > 1 else _name(provider)
        for provider, prompt in pairs
    ]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _object(value: Any) -> dict[str, Any]:
    """A JSON object, or an empty one for anything else (a missing or null part)."""
    return value if isinstance(value, dict) else {}


def _promptfoo_json(data: Any) -> list[Call]:
    if not isinstance(data, dict) or not isinstance(data.get("results"), dict):
        raise ValueError("not a promptfoo output: no 'results' object (promptfoo eval -o results.json)")
    body = data["results"]
    version = body.get("version")
    if version is not None and version != 3:
        raise ValueError(f"promptfoo output version {one_line(repr(version)[:20])}; this reads version 3")
    rows = body.get("results")
    if not isinstance(rows, list):
        raise ValueError("not a promptfoo output: 'results.results' is not a list")
    pairs, outcomes = [], []
    for position, row in enumerate(rows, start=1):
        where = f"result {position}"
        if not isinstance(row, dict):
            raise ValueError(f"{where} is not an object")
        provider = row.get("provider")
        provider = _object(provider) if isinstance(provider, dict) else {"id": provider}
        name = _text(provider.get("label")) or _text(provider.get("id"))
        if not name:
            raise ValueError(f"{where} has no provider id or label")
        prompt = _object(row.get("prompt"))
        pairs.append((name, _text(prompt.get("label")) or _text(prompt.get("raw"))))
        reason, success = row.get("failureReason"), row.get("success")
        if reason not in (None, 0, 1, 2) or not isinstance(success, bool):
            raise ValueError(f"{where}: 'success' must be true or false and 'failureReason' 0, 1 or 2")
        outcome: Outcome = "error" if reason == 2 else "passed" if success else "failed"
        usage = _object(_object(row.get("response")).get("tokenUsage"))
        outcomes.append(
            (
                outcome,
                _amount(usage.get("prompt"), f"{where}: response.tokenUsage.prompt"),
                _amount(usage.get("completion"), f"{where}: response.tokenUsage.completion"),
                _amount(row.get("latencyMs"), f"{where}: latencyMs"),
                _amount(row.get("cost"), f"{where}: cost"),
            )
        )
    return [Call(name, *values) for name, values in zip(_variant_names(pairs), outcomes, strict=True)]


def _read_csv(text: str) -> list[list[str]]:
    csv.field_size_limit(MAX_EVAL_FILE_BYTES)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ValueError(f"not readable as CSV ({error})") from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ValueError("the file is empty")
    return rows


def _plain_csv(rows: list[list[str]]) -> list[Call]:
    header = [cell.strip().lower() for cell in rows[0]]
    unknown = [column for column in header if column not in PLAIN_COLUMNS + PLAIN_OPTIONAL]
    if unknown:
        raise ValueError(
            f"unknown column {one_line(unknown[0][:40])!r}; the columns are "
            f"{', '.join(PLAIN_COLUMNS + PLAIN_OPTIONAL)}"
        )
    calls = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise ValueError(f"line {line} has {len(row)} fields, the header {len(header)}")
        record = dict(zip(header, (cell.strip() for cell in row), strict=True))
        word = record["passed"].lower()
        if word in TRUE_WORDS | FALSE_WORDS | ERROR_WORDS:
            outcome: Outcome = (
                "passed" if word in TRUE_WORDS else "failed" if word in FALSE_WORDS else "error"
            )
        else:
            raise ValueError(f"line {line}: passed must be true, false or error, not {one_line(word[:20])!r}")
        if not record["variant"]:
            raise ValueError(f"line {line} names no variant")
        amounts = [_amount(record.get(column), f"line {line}: {column}") for column in PLAIN_OPTIONAL]
        calls.append(Call(_name(record["variant"]), outcome, *amounts))
    return calls


def _promptfoo_csv(rows: list[list[str]]) -> list[Call]:
    header = rows[0]
    columns = [
        (index, match["provider"], match["prompt"])
        for index, cell in enumerate(header)
        if (match := _PROVIDER_HEADER.match(cell))
    ]
    if not columns:
        raise ValueError(
            "not an eval CSV: neither the columns variant, case, passed nor promptfoo's "
            "'[provider] prompt' columns"
        )
    names = _variant_names([(provider, prompt) for _, provider, prompt in columns])
    calls = []
    for line, row in enumerate(rows[1:], start=2):
        for (index, _, _), name in zip(columns, names, strict=True):
            has_status = index + 1 < len(header) and header[index + 1] == "Status"
            if has_status:
                status = row[index + 1].strip() if index + 1 < len(row) else ""
            else:
                old = _OLD_CELL.match(row[index] if index < len(row) else "")
                status = old[1] if old else ""
            if status == "":
                continue  # promptfoo leaves a cell empty where a prompt did not run
            if status not in PROMPTFOO_STATUS:
                raise ValueError(
                    f"line {line}: status {one_line(status[:20])!r} for {name!r}; promptfoo writes "
                    "PASS, FAIL or ERROR"
                )
            calls.append(Call(name, PROMPTFOO_STATUS[status]))  # type: ignore[arg-type]
    return calls


def parse_eval(content: bytes, source: str) -> list[Call]:
    """The calls an eval file holds, or BadEvalFileError with one line naming `source`."""
    where = one_line(source)
    if len(content) > MAX_EVAL_FILE_BYTES:
        raise BadEvalFileError(
            f"{where}: larger than the {MAX_EVAL_FILE_BYTES:,} bytes an eval file may hold"
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadEvalFileError(f"{where}: not UTF-8 text") from None
    try:
        if text.lstrip().startswith(("{", "[")):
            calls = _promptfoo_json(load_json(text, max_depth=MAX_EVAL_JSON_DEPTH))
        else:
            rows = _read_csv(text)
            plain = {cell.strip().lower() for cell in rows[0]} >= set(PLAIN_COLUMNS)
            calls = _plain_csv(rows) if plain else _promptfoo_csv(rows)
    except (UnreadableInputError, ValueError) as error:
        raise BadEvalFileError(f"{where}: {one_line(str(error))}") from None
    if not calls:
        raise BadEvalFileError(f"{where}: holds no eval results")
    return calls


def read_evals(files: Sequence[tuple[str, bytes]]) -> list[VariantResult]:
    """Every variant of one or more eval files (runs of the same variant name combine)."""
    calls = [call for source, content in files for call in parse_eval(content, source)]
    results = summarize(calls)
    if len(results) > MAX_VARIANTS:
        raise BadEvalFileError(f"{len(results):,} variants; at most {MAX_VARIANTS} are read")
    return results


def find_variant(results: Sequence[VariantResult], name: str) -> VariantResult:
    """The variant called `name`, or BadEvalFileError listing the names there are."""
    for result in results:
        if result.name == name:
            return result
    names = ", ".join(repr(result.name) for result in results)
    raise BadEvalFileError(f"no variant {one_line(name)!r}; the files hold {names}")


def use_evals(
    scenario: Scenario, prompt: VariantResult, finetuned: VariantResult
) -> tuple[Scenario, list[str]]:
    """The scenario with each path's error rate (and, where the eval has them, tokens per call and
    latency) from its variant, and a sentence for each value set or left.

    An eval's prompt tokens are every input token of a call: the path's prompt and the user's
    input together. The user's input is the same on both paths, so the scenario's
    `input_tokens` is kept and each path's prompt is the rest (whole tokens, as the what-if page
    takes them). Raises ValueError (one line) when a variant has no graded case, and pydantic's
    ValidationError when a value is out of the model's bounds.
    """
    for variant in (prompt, finetuned):
        if variant.error_rate_percent is None:
            raise ValueError(f"{variant.name!r} has no graded case (every call errored): no error rate")
    assert prompt.error_rate_percent is not None
    assert finetuned.error_rate_percent is not None
    update: dict[str, Any] = {
        "prompt_error_percent": prompt.error_rate_percent,
        "finetune_error_percent": finetuned.error_rate_percent,
    }
    notes = [
        f"Error rates: prompt path {prompt.error_rate_percent:.1f}% ({prompt.failed:,} of {prompt.graded:,} "
        f"graded cases), fine-tuned path {finetuned.error_rate_percent:.1f}% ({finetuned.failed:,} of "
        f"{finetuned.graded:,})."
    ]
    errors = [f"{v.errors:,} of {v.name!r}" for v in (prompt, finetuned) if v.errors]
    if errors:
        notes.append(f"Calls that errored, left out of the error rates: {' and '.join(errors)}.")
    if prompt.prompt_tokens_per_call is not None and finetuned.prompt_tokens_per_call is not None:
        user_input = scenario.input_tokens
        kept = {}
        for field, variant in (("prompt_tokens", prompt), ("finetuned_prompt_tokens", finetuned)):
            assert variant.prompt_tokens_per_call is not None
            kept[field] = round(max(variant.prompt_tokens_per_call - user_input, 0.0))
            if variant.prompt_tokens_per_call < user_input:
                notes.append(
                    f"{variant.name!r} reads {variant.prompt_tokens_per_call:,.0f} input tokens a call, "
                    f"fewer than the scenario's {user_input:,.0f} of user input: its prompt is set to 0."
                )
        update |= kept
        notes.append(
            f"Prompt tokens per call {kept['prompt_tokens']:,} on the prompt path and "
            f"{kept['finetuned_prompt_tokens']:,} kept after fine-tuning: each variant's input tokens less "
            f"the scenario's {user_input:,.0f} of user input, rounded to whole tokens."
        )
    else:
        notes.append("Prompt tokens kept as they were: the eval does not report tokens for both variants.")
    if prompt.completion_tokens_per_call is not None:
        update["output_tokens"] = round(prompt.completion_tokens_per_call)
        notes.append(f"Output tokens per call {update['output_tokens']:,}, as the prompt path wrote them.")
    for path, variant in (("prompt", prompt), ("finetune", finetuned)):
        if variant.latency_ms_p50 is not None and variant.latency_ms_p95 is not None:
            update[f"{path}_latency_ms_p50"] = variant.latency_ms_p50
            update[f"{path}_latency_ms_p95"] = variant.latency_ms_p95
    return Scenario.model_validate(scenario.model_dump() | update), notes


def tell_apart_words(prompt: VariantResult, finetuned: VariantResult) -> str:
    """How many cases per path it would take to tell the two observed error rates apart, in words."""
    if prompt.error_rate_percent is None or finetuned.error_rate_percent is None:
        return "A variant has no graded case, so there is no difference to test."
    p1, p2 = prompt.error_rate_percent / 100, finetuned.error_rate_percent / 100
    needed = cases_to_tell_apart(p1, p2)
    observed = (
        f"These runs have {prompt.graded:,} and {finetuned.graded:,} graded cases. "
        f"The article asks for {ARTICLE_EXAMPLES} or more high-quality examples."
    )
    if needed is None:
        return f"Both error rates are {100 * p1:.1f}%: no number of cases tells them apart. {observed}"
    enough = "enough" if min(prompt.graded, finetuned.graded) >= needed else "not enough yet"
    return (
        f"Telling {100 * p1:.1f}% from {100 * p2:.1f}% apart takes about {needed:,} graded cases per path "
        f"({enough}): a two-sided test at 5% with 80% power, by the normal-approximation sample size for "
        f"two proportions (Fleiss, without continuity correction). {observed}"
    )
