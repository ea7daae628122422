"""Shipped parameter sets, by 훈령 번호."""

from . import kcs_2427

PACK_PARAMETERS = {2427: kcs_2427.PARAMETERS}
