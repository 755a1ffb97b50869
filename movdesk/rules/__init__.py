"""The MOV contract (MOV-RULES.md) as pure functions: no Qt, no database session.

Functions take entities (or small value objects with the same attribute names) and a
``today`` when time matters, and return values.
"""
