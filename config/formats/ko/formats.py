# Korean official style: 2026. 1. 31.(토) — the weekday comes from the ko locale. The short formats (the
# default of django-tables2's date columns and of Django's admin) keep the weekday too: one form everywhere.
DATE_FORMAT = "Y. n. j.(D)"
SHORT_DATE_FORMAT = "Y. n. j.(D)"
DATETIME_FORMAT = "Y. n. j.(D) H:i"
SHORT_DATETIME_FORMAT = "Y. n. j.(D) H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "n월 j일"
YEAR_MONTH_FORMAT = "Y년 n월"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y. %m. %d.", "%Y.%m.%d", "%Y/%m/%d", "%Y%m%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 0
