"""Settings: one class, read from `TUTOR_*` environment variables and the user's config.toml.

Environment variables win over the file; nested sections use a double underscore,
e.g. `TUTOR_EVAL__MCQ_ACCURACY=0.9`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from tutor import paths


class EvalThresholds(BaseModel):
    """Minimum scores for `tutor eval`; a suite below its threshold makes the exit code non-zero."""

    recall_at_5: float = 0.95
    key_fact_recall: float = 0.85
    out_of_scope_abstention: float = 0.90
    false_abstention_max: float = 0.05
    mcq_accuracy: float = 0.90
    iam_agreement: float = 1.0
    quiz_validity: float = 1.0
    policy_routing_accuracy: float = 0.95
    policy_decision_accuracy: float = 0.95


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TUTOR_", env_nested_delimiter="__", extra="ignore")

    embedding_model: str | None = None
    """Path of a sentence-transformers model; unset means the bundled all-MiniLM-L6-v2."""

    chroma_url: str | None = None
    """URL of a Chroma server (`chroma run`); unset means an on-disk database in the data dir."""

    retrieval_k: int = Field(default=5, ge=1, le=50)
    """How many chunks `ask` retrieves."""

    max_ingest_bytes: int = 20 * 1024 * 1024
    """Files larger than this are refused by `tutor ingest`."""

    max_ingest_chars: int = 1_000_000
    """Extracted text longer than this (about 170,000 words) is refused: embedding it on a laptop CPU
    would take many minutes, and the next command would pick up the work again if interrupted."""

    scenario: str = "coffee-shop"
    """The scenario that permission questions in conversation are asked against."""

    llm_provider: Literal["none", "ollama", "openai"] = "none"
    """An optional LLM backend; `none` keeps the tutor fully offline."""

    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    """Read from the environment or config.toml; never printed or stored."""

    eval: EvalThresholds = EvalThresholds()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=paths.config_file())
        return (init_settings, env_settings, toml)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests call `get_settings.cache_clear()` after changing the env."""
    return Settings()
