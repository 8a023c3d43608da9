"""An import-linter contract of our own: features talk through their `api`.

ARCHITECTURE §1: inside `services`, each feature package (`cases`, `territory`, …)
has an `api.py`, and it is the only module of the feature that anything outside
the feature may import. The built-in contracts cannot say "every module of the
package but one", so `lint-imports` loads this type (pyproject.toml,
`contract_types`). Listed packages whose modules are all public (the kernel) are
simply not named in `features`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from importlinter import Contract, ContractCheck, fields, output

if TYPE_CHECKING:
    import grimp


class FeatureApiContract(Contract):
    """Options: `container` (the package holding the features) and `features`
    (their names); `api` names the public module (default `api`)."""

    type_name = "feature_api"

    container = fields.StringField()
    features = fields.ListField(subfield=fields.StringField())
    api = fields.StringField(required=False, default="api")

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        illegal: list[tuple[str, str, str]] = []
        for feature in self.features:  # type: ignore[attr-defined]
            package = f"{self.container}.{feature}"  # type: ignore[attr-defined]
            if package not in graph.modules:
                continue  # a feature not built yet
            public = {package, f"{package}.{self.api}"}  # type: ignore[attr-defined]
            for module in sorted(graph.find_descendants(package) - public):
                for importer in sorted(graph.find_modules_that_directly_import(module)):
                    if importer == package or importer.startswith(f"{package}."):
                        continue
                    details = graph.get_import_details(
                        importer=importer, imported=module
                    )
                    lines = ", ".join(str(d["line_number"]) for d in details)
                    illegal.append((importer, module, lines))
        return ContractCheck(
            kept=not illegal, warnings=[], metadata={"illegal": illegal}
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error(
            "Outside its feature, import a feature's api module only:", bold=False
        )
        output.new_line()
        for importer, imported, lines in check.metadata["illegal"]:
            output.print_error(f"- {importer} -> {imported} (l.{lines})", bold=False)
        output.new_line()
