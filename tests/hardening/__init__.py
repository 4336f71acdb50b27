"""Hardening tests: start-up, hostile files, the papermill engine."""
