"""Shared form widgets: the form frame and French date, time, money and choice fields."""

from .fields import (
    ChoiceCombo,
    DateField,
    DirectoryCombo,
    EnumCombo,
    HoursField,
    MoneyField,
    TimeField,
    YesNoCombo,
)
from .form import FormDialog, ProblemForm, sentence

__all__ = [
    "ChoiceCombo",
    "DateField",
    "DirectoryCombo",
    "EnumCombo",
    "FormDialog",
    "HoursField",
    "MoneyField",
    "ProblemForm",
    "TimeField",
    "YesNoCombo",
    "sentence",
]
