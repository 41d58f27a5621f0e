"""Keep third-party banners out of paperviz's own output: transformers' weight-loading
report and bars, and the progress bars model2vec draws while it distils. Only for the
duration of one model load or build; the user's own settings are restored after."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator

__all__ = ["quiet_model_loading"]


@contextlib.contextmanager
def quiet_model_loading() -> Iterator[None]:
    """Silence transformers' logging and progress bars, and whatever a library writes to
    stderr (model2vec's "Encoding tokens" bar), while a model is loaded or built. What was
    written is shown after all if the block fails, so an error keeps its context."""
    from transformers.utils import logging as hf_logging

    verbosity, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    captured = io.StringIO()
    try:
        with contextlib.redirect_stderr(captured):
            yield
    except BaseException:
        sys.stderr.write(captured.getvalue())
        raise
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()
