"""Load an algorithm's results as the Processing toolbox does (its own result handling), on every
QGIS version: the layers, their names, and the algorithm's post-processors (style, group)."""
from __future__ import annotations

import inspect


def load_results(alg, context, feedback, parameters: dict) -> bool:
    """processing.gui.Postprocessing.handleAlgorithmResults; its signature changed in QGIS 3.32."""
    from processing.gui.Postprocessing import handleAlgorithmResults

    accepted = inspect.signature(handleAlgorithmResults).parameters
    kwargs = {"feedback": feedback, "parameters": parameters}
    if "showResults" in accepted:
        kwargs["showResults"] = False  # no HTML result viewer from the panel
    return bool(handleAlgorithmResults(alg, context, **kwargs))
