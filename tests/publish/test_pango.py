"""Where Pango is missing, setup and the PDF step say in one line what to install."""

import sys

import cffi
import pytest

from eastwest.publish import pango, pdf

PACKAGES = "apt-get install libpango-1.0-0 libpangoft2-1.0-0"


@pytest.fixture
def without_pango(monkeypatch):
    """WeasyPrint imported afresh on a system where no Pango library loads."""
    real_dlopen = cffi.FFI.dlopen

    def dlopen(self, name, *args, **kwargs):
        if "pango" in str(name):
            raise OSError(f"cannot load library '{name}': {name}: cannot open shared object file")
        return real_dlopen(self, name, *args, **kwargs)

    monkeypatch.setattr(cffi.FFI, "dlopen", dlopen)
    loaded = [name for name in sys.modules if name.split(".")[0] == "weasyprint"]
    for name in loaded:
        monkeypatch.delitem(sys.modules, name)
    yield
    # Forget the half-imported modules; monkeypatch then restores the ones loaded before.
    for name in [name for name in sys.modules if name.split(".")[0] == "weasyprint"]:
        del sys.modules[name]


def test_pdf_step_names_the_package_in_one_line(without_pango, capsys):
    with pytest.raises(SystemExit) as stop:
        pdf.render_pdf("<p>东西扶贫协作</p>")
    message = str(stop.value.code)
    assert message.startswith("error: ") and "\n" not in message
    assert "Pango" in message and PACKAGES in message
    # WeasyPrint's own multi-line banner is not shown.
    assert capsys.readouterr().out == ""


def test_setup_warns_in_one_line_and_carries_on(without_pango, capsys):
    assert pango.main() == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: ") and PACKAGES in lines[0]


def test_nothing_to_say_where_pango_loads(capsys):
    assert pango.pango_problem() is None
    assert pango.main() == 0
    assert capsys.readouterr().err == ""
