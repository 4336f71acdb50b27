"""Tests of batch runs and training packs (training/batch, training/pack)."""
