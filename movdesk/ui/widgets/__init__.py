"""Shared form widgets: the form frame and French date, time, money and choice fields."""

from .fields import ChoiceCombo, DateField, EnumCombo, MoneyField, TimeField
from .form import FormDialog, ProblemForm, sentence

__all__ = [
    "ChoiceCombo",
    "DateField",
    "EnumCombo",
    "FormDialog",
    "MoneyField",
    "ProblemForm",
    "TimeField",
    "sentence",
]
