"""Tests of the instruments area: FR forms, bank, exporters, CLI, builder, print."""
