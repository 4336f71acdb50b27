"""An example third-party plugin for asesorlab, as an LSP's developer would write one.

It is a normal installable package whose entry points (group ``asesorlab``) name
modules with ``@hookimpl`` functions: :mod:`asesorlab_example.outline` adds a
scheme file type (``.outline``) with its own CLI command; :mod:`asesorlab_example.cohort`
a stricter qualification rule and a case selector.
"""
