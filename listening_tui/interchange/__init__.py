"""Bundles (spec/bundle.md), CSV and reports: files that travel between laptops."""
