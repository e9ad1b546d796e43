"""The dated, sourced price catalog (SPEC §5) and its loaders."""

from pricing.apply import PricesApplied, apply_prices
from pricing.litellm import LiteLLMImport, import_litellm, read_litellm_file
from pricing.records import STALE_AFTER, PriceRecord, load_catalog

__all__ = [
    "STALE_AFTER",
    "LiteLLMImport",
    "PriceRecord",
    "PricesApplied",
    "apply_prices",
    "import_litellm",
    "load_catalog",
    "read_litellm_file",
]
