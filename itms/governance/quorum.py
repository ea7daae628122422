"""Quorum and majority arithmetic for committee votes (a4.8, a5.8, a4.11, a5.9; a15.5 for evaluations).

Pure functions over counts, so every rule is visible and testable on its own.
How recusal and proxies count is decided in docs/adr/0011-quorum-recusal-proxies.md:

- 재적위원 (registered): the voting members of the body on the meeting date — or the
  participants the chair chose for the meeting (a5.6). Advisers without a vote are not members.
- A proxy (a4.7 subordinate official, a5.3/a5.7 staff member) exercises the member's
  authority: the member counts as present and the proxy's vote is the member's.
- A recused member (제척·기피·회피) takes no part in that item: they are left out of the
  registered and present counts for it, so the item's quorum is judged on those who may vote.
- Quorum: present > registered × quorum ratio ("과반수" = more than half; 2/3 for a15.5 is
  "이상", at least). The meeting also needs its chair or the acting chair present (a4.7).
- Passing: votes for > present × majority ratio ("출석위원 과반수의 찬성"): an abstention is
  present but not for; a tie fails.
- Written deliberation (서면 심의): the members who returned a vote by the close are "present".
- Before anyone has voted, a tally names no outcome (no 가결/부결), only the votes it will take.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Tally:
    registered: int
    present: int
    recused: int
    votes_for: int
    votes_against: int
    abstentions: int
    quorum_ratio: Fraction
    majority_ratio: Fraction
    quorum_inclusive: bool = False  # True for "이상" (a15.5's 2/3), False for "과반수"
    presiding: bool = True  # the chair or acting chair is present (a4.7)

    @property
    def quorum_needed(self) -> int:
        """The smallest number present that satisfies the quorum."""
        exact = self.registered * self.quorum_ratio
        if self.quorum_inclusive:
            return _ceil(exact)
        return int(exact) + 1  # strictly more than

    @property
    def has_quorum(self) -> bool:
        return self.registered > 0 and self.present >= self.quorum_needed and self.presiding

    @property
    def votes_needed(self) -> int:
        """The smallest number of votes for that carries the resolution: more than half of those present."""
        return int(self.present * self.majority_ratio) + 1

    @property
    def votes_cast(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions

    @property
    def passes(self) -> bool:
        return self.has_quorum and self.votes_for >= self.votes_needed

    @property
    def is_tie(self) -> bool:
        return self.votes_for == self.votes_against and self.votes_for > 0

    def quorum_explanation(self) -> str:
        """Whether the meeting (or the item) has its quorum, in Korean — no vote result."""
        recused = f" (제척·기피·회피 {self.recused}명 제외)" if self.recused else ""
        kind = "이상" if self.quorum_inclusive else "초과"
        text = (
            f"재적 {self.registered}명{recused}, 출석 {self.present}명 — 의사정족수 {self.quorum_needed}명"
            f"(재적의 {self.quorum_ratio} {kind}) {'충족' if self.present >= self.quorum_needed else '미달'}"
        )
        return text if self.presiding else f"{text}, 위원장(직무대행) 불참"

    @property
    def has_votes(self) -> bool:
        return self.votes_cast > 0

    def explanation(self) -> str:
        """The arithmetic of an item's vote in Korean, as the live panel and the minutes show it.

        Before anyone has voted there is no result to show: no "가결" or "부결", only what it will take.
        """
        quorum = self.quorum_explanation()
        if not self.has_quorum:
            return f"{quorum} → 의결할 수 없음"
        if not self.has_votes:
            return f"{quorum}; 아직 표결한 위원이 없습니다 — 가결에 찬성 {self.votes_needed}명 필요"
        outcome = "가결" if self.passes else "부결"
        tie = " (가부동수는 부결)" if self.is_tie else ""
        return (
            f"{quorum}; 찬성 {self.votes_for}, 반대 {self.votes_against}, 기권 {self.abstentions} — "
            f"의결정족수 찬성 {self.votes_needed}명(출석의 {self.majority_ratio} 초과) → {outcome}{tie}"
        )

    def snapshot(self) -> dict:
        data = asdict(self)
        data["quorum_ratio"] = str(self.quorum_ratio)
        data["majority_ratio"] = str(self.majority_ratio)
        data.update(
            quorum_needed=self.quorum_needed,
            has_quorum=self.has_quorum,
            votes_needed=self.votes_needed,
            passes=self.passes,
            explanation=self.explanation(),
        )
        return data


def _ceil(value: Fraction) -> int:
    return -(-value.numerator // value.denominator)
