"""Dependencies run one way: `trainings` builds on `registry`, and `registry` never imports `trainings`, in Python
(any import, inside functions too) or in its templates. `make lint` checks the same with import-linter's contract
(pyproject.toml); these tests say which module or template broke it."""

import re
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
# A registry template depends on trainings when it loads trainings' template tags, includes or extends one of
# trainings' templates, or reverses one of its URLs (namespaced, or the field's `penyuluhan_…` pages).
TEMPLATE_DEPENDENCY = re.compile(
    r"{%\s*load\b[^%]*\btrainings\b[^%]*%}|{%\s*(?:include|extends)\s+[\"']trainings/"
    r"|{%\s*url\s+[\"'](?:trainings:|penyuluhan_)"
)


def test_registry_imports_nothing_of_trainings():
    graph = grimp.build_graph("registry", "trainings", "wksbm")
    importers = {
        module
        for module in graph.find_descendants("registry") | {"registry"}
        if any(imported.split(".")[0] == "trainings" for imported in graph.find_modules_directly_imported_by(module))
    }

    assert importers == set()
    assert graph.chain_exists(importer="registry", imported="trainings", as_packages=True) is False
    # The other way round is the design: trainings builds on the registry.
    assert graph.chain_exists(importer="trainings", imported="registry", as_packages=True) is True


def test_no_registry_template_reaches_into_trainings():
    templates = sorted((ROOT / "templates" / "registry").rglob("*.html"))
    offending = {
        str(path.relative_to(ROOT)): TEMPLATE_DEPENDENCY.findall(path.read_text(encoding="utf-8")) for path in templates
    }

    assert len(templates) > 20
    assert {path: found for path, found in offending.items() if found} == {}
