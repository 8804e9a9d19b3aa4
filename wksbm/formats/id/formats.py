"""Indonesian formats as Dinsos staff write them: `17 Juni 2025`, `17/06/2025` (Django's own is `17 Jun 2025`)."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y, H.i"
SHORT_DATETIME_FORMAT = "d/m/Y H.i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%y"]
THOUSAND_SEPARATOR = "."
DECIMAL_SEPARATOR = ","
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
