"""Pure business rules: money, schedules, allocation, late fees, agreement state.

Standard library only (plus ``phonenumbers`` for phone parsing), so the rules
can be tested and reused with neither Qt nor peewee installed.
"""
