"""Every parameter of every algorithm has a help text (the toolbox tooltip), in English and Swedish."""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOW_TO_FIX = ("Add a help text for each to serviceperspektiv/processing/parameter_help.py (HELP['NAME'], or "
              "HELP['<algorithm id>:NAME'] where the name means something else there) and its Swedish "
              "translation to serviceperspektiv/i18n/parameters_sv.ts.")




class Parameter(NamedTuple):
    """What a parameter definition shows (copied: the algorithm instances are short-lived)."""

    name: str
    description: str
    help: str
    tooltip: str


@pytest.fixture()
def parameters(registered):
    """(algorithm id, parameter definition) of every registered algorithm, created as QGIS does."""
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    found = []
    for algorithm in registered.algorithms():
        instance = registry.createAlgorithmById(algorithm.id())  # createInstance + initAlgorithm
        found.extend((instance.name(), Parameter(d.name(), d.description(), d.help(), d.toolTip()))
                     for d in instance.parameterDefinitions())
    assert len({alg for alg, _ in found}) >= 10 and len(found) > 100
    return found


@pytest.fixture()
def swedish():
    """tr() with every *_sv.qm installed, as the plugin loads them (QTranslator.translate itself is ASCII-only in PyQt5)."""
    from serviceperspektiv.i18n import install_translator, tr

    assert list((ROOT / "serviceperspektiv" / "i18n").glob("parameters_sv.qm")), "run 'make translations'"
    assert install_translator("sv") == "sv"
    yield tr
    install_translator("en")  # back to no translator: English source strings


def test_every_parameter_has_help(parameters):
    missing = [f"{alg}:{d.name} ({d.description})" for alg, d in parameters if not d.help.strip()]
    assert not missing, f"Parameters without help text: {', '.join(missing)}. {HOW_TO_FIX}"


def test_help_is_in_the_tooltip(parameters):
    """The toolbox shows toolTip() on the parameter's label; it carries the help text."""
    for alg, definition in parameters:
        assert definition.help in definition.tooltip, f"{alg}:{definition.name}"


def test_every_help_has_a_swedish_translation(parameters, swedish):
    from serviceperspektiv.processing.parameter_help import help_source

    untranslated = []
    for alg, definition in parameters:
        source = help_source(alg, definition.name)
        if source is None:
            continue  # reported by test_every_parameter_has_help
        translation = swedish(source)
        if not translation or translation == source:
            untranslated.append(f"{alg}:{definition.name}")
    assert not untranslated, f"Help texts without a Swedish translation: {', '.join(untranslated)}. {HOW_TO_FIX}"


def test_swedish_help_reaches_the_parameters(registered):
    """With the Swedish translator installed, a new instance carries the Swedish text (as in QGIS desktop)."""
    from qgis.core import QgsApplication

    from serviceperspektiv.i18n import install_translator

    try:
        assert install_translator("sv") == "sv"
        alg = QgsApplication.processingRegistry().createAlgorithmById("serviceperspektiv:nearestservice")
        assert alg.parameterDefinition("MODE").help().startswith("Bil, cykel eller gång")
        assert "vägnät" in alg.parameterDefinition("MAX_SNAP_DISTANCE").help()
    finally:
        install_translator("en")
    alg = QgsApplication.processingRegistry().createAlgorithmById("serviceperspektiv:nearestservice")
    assert alg.parameterDefinition("MODE").help().startswith("Car, bike or walk")


def test_no_stale_help_entries(parameters):
    """Each entry of the table belongs to a parameter that exists (renamed parameters take their text along)."""
    from serviceperspektiv.processing.parameter_help import HELP

    used = {d.name for _, d in parameters} | {f"{alg}:{d.name}" for alg, d in parameters}
    stale = sorted(set(HELP) - used)
    assert not stale, f"Help entries for parameters that no algorithm has: {stale}"


def test_a_new_parameter_without_help_is_caught():
    """The failure a new algorithm meets: an unknown parameter name gets no help text."""
    from qgis.core import QgsProcessingParameterString

    from serviceperspektiv.processing.base import ServiceperspektivAlgorithm

    class Probe(ServiceperspektivAlgorithm):
        ALG_ID = "probe"

        def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
            self.addParameter(QgsProcessingParameterString("ROADS", "Roads"))
            self.addParameter(QgsProcessingParameterString("SOMETHING_NEW", "Something new"))

    probe = Probe()
    probe.initAlgorithm()
    assert probe.parameterDefinition("ROADS").help()
    assert probe.parameterDefinition("SOMETHING_NEW").help() == ""
