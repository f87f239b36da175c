"""An optional library, imported when a function first needs it.

None of the engines' libraries (pyarrow, pandas, datasets, polars, pyspark) is a dependency of
embedfix: the modules that use one import it at the call, through `need`, so that ``import
embedfix`` stays light and a missing library is an `ImportError` that says what to install,
raised at the call rather than deep inside it.
"""

from __future__ import annotations

import importlib
from typing import Any


def need(module: str, caller: str, install: str) -> Any:
    """``module``, imported; if it is missing, an `ImportError` that names the caller and what to
    install.

    ``caller`` is the public function that needs it (``"embedfix.spark.result_type"``), and
    ``install`` the words after ``pip install``, as the user should type them (quote an extra:
    ``"'embedfix[spark]'"``). The message names the top-level package of ``module``.

    Examples:
        >>> need("json", "embedfix.schema.arrow", "'embedfix[arrow]'").__name__
        'json'
        >>> need("no_such_module_here", "embedfix.schema.arrow", "'embedfix[arrow]'")
        Traceback (most recent call last):
        ...
        ImportError: embedfix.schema.arrow() needs no_such_module_here: pip install 'embedfix[arrow]'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        msg = f"{caller}() needs {module.split('.')[0]}: pip install {install}"
        raise ImportError(msg) from exc
