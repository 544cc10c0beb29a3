"""Use cases: one public function is one thing a person does at the dealership.

Each runs in one write transaction, checks the acting clerk's role itself,
appends one journal row, and returns plain frozen dataclasses. No Qt here.
"""
