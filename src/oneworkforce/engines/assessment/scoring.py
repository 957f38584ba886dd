"""Scoring one attempt at the pre-employment assessment, and a checker beside it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction

from oneworkforce.engines.assessment.errors import AnswersError
from oneworkforce.engines.assessment.types import (
    CARE_VALUES,
    MEASURES,
    Band,
    Bank,
    Level,
    MeasureScore,
    Reason,
    Recommendations,
    Result,
)

__all__ = ["check_result", "score"]

_BAND_ORDER = {Band.CONCERN: 0, Band.DEVELOPING: 1, Band.STRONG: 2}


def _band(points: int, maximum: int, *, strong_percent: int, concern_percent: int) -> Band:
    # Whole numbers on both sides: a share compared in floating point could put a measure
    # exactly on a threshold into the band below it.
    if points * 100 >= strong_percent * maximum:
        return Band.STRONG
    if points * 100 < concern_percent * maximum:
        return Band.CONCERN
    return Band.DEVELOPING


def _level(scores: Iterable[MeasureScore]) -> Level:
    scores = list(scores)
    values = [score for score in scores if score.measure in CARE_VALUES]
    if any(score.band is Band.CONCERN for score in values):
        return Level.NEEDS_PREPARATION
    if all(score.band is Band.STRONG for score in scores):
        return Level.READY_NOW
    return Level.READY_WITH_SUPPORT


def _unique(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))


def score(bank: Bank, answers: Mapping[str, str]) -> Result:
    """Score ``answers`` (question key to option key) against ``bank``.

    Each chosen option adds its points to the measures it names. A measure's band compares
    its points with the most the bank could give it: ``strong`` at or above
    ``strong_percent`` of that maximum, ``concern`` below ``concern_percent``,
    ``developing`` between. A measure no question scores is left out. The level:

    - ``needs_preparation`` if any care value is a concern (values come first: skills and
      documents can be learnt or fetched before a first shift, values are harder to teach);
    - ``ready_now`` if every measure is strong;
    - ``ready_with_support`` otherwise.

    Reasons list concerns, then developing measures, then strengths, each in the order of
    ``MEASURES``. Recommendations gather the bank's training and next steps for every measure
    that is not strong, and its placements and roles for the level, without repeats.

    Worked example: two situational questions and one skills question, each option scoring
    one or more measures.

    >>> from oneworkforce.engines.assessment.types import Option, Question, Scoring, Section
    >>> bank = Bank(
    ...     questions=(
    ...         Question("refuses-wash", Section.VALUES, (
    ...             Option("insist", {"reliability": 1}),
    ...             Option("ask-why", {"dignity": 2, "respect": 2, "communication": 1}),
    ...         )),
    ...         Question("late-colleague", Section.VALUES, (
    ...             Option("leave", {}),
    ...             Option("stay-and-tell", {"reliability": 2, "teamwork": 2}),
    ...         )),
    ...         Question("read-care-plan", Section.SKILLS, (
    ...             Option("easily", {"english": 2}),
    ...             Option("with-help", {"english": 1}),
    ...         )),
    ...     ),
    ...     scoring=Scoring(
    ...         strong_percent=75, concern_percent=40,
    ...         training={"english": ("care-certificate-06",)},
    ...         next_steps={"english": ("esol-course",)},
    ...         placements={Level.READY_WITH_SUPPORT: ("shadow-shifts",)},
    ...         roles={Level.READY_WITH_SUPPORT: ("care-worker",)},
    ...     ),
    ... )
    >>> result = score(bank, {
    ...     "refuses-wash": "ask-why", "late-colleague": "stay-and-tell",
    ...     "read-care-plan": "with-help",
    ... })

    Dignity got 2 of 2. Reliability got 2 of 3: the best options of the two questions give
    it 1 and 2, and the first answer chose dignity over it. English got 1 of 2:

    >>> [(s.measure, s.points, s.maximum, s.band.value) for s in result.scores]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('respect', 2, 2, 'strong'), ('dignity', 2, 2, 'strong'),
     ('communication', 1, 1, 'strong'), ('reliability', 2, 3, 'developing'),
     ('teamwork', 2, 2, 'strong'), ('english', 1, 2, 'developing')]
    >>> result.level.value
    'ready_with_support'
    >>> recommended = result.recommendations
    >>> recommended.training, recommended.next_steps, recommended.placements, recommended.roles
    (('care-certificate-06',), ('esol-course',), ('shadow-shifts',), ('care-worker',))

    Complexity: O(Q·O·M) for Q questions of at most O options over M measures (the maxima);
    the assessment's banks have tens of questions, so this is immediate.

    Raises :class:`AnswersError` if a question is unanswered or an answer names no option of
    its question, and for answers to questions the bank does not hold.
    """
    unknown = sorted(set(answers) - {question.key for question in bank.questions})
    if unknown:
        raise AnswersError(AnswersError.UNKNOWN_QUESTION.format(keys=", ".join(unknown)))
    points = dict.fromkeys(MEASURES, 0)
    for question in bank.questions:
        chosen = answers.get(question.key)
        if chosen is None:
            raise AnswersError(AnswersError.UNANSWERED.format(key=question.key))
        option = question.option(chosen)
        if option is None:
            raise AnswersError(AnswersError.UNKNOWN_OPTION.format(key=question.key, option=chosen))
        for measure, value in option.scores.items():
            points[measure] += value
    scoring = bank.scoring
    scores = tuple(
        MeasureScore(
            measure=measure,
            points=points[measure],
            maximum=maximum,
            band=_band(
                points[measure],
                maximum,
                strong_percent=scoring.strong_percent,
                concern_percent=scoring.concern_percent,
            ),
        )
        for measure in MEASURES
        if (maximum := bank.maximum(measure)) > 0
    )
    level = _level(scores)
    reasons = tuple(
        Reason(measure=score.measure, band=score.band)
        for score in sorted(scores, key=lambda score: _BAND_ORDER[score.band])
    )
    gaps = [score.measure for score in scores if score.band is not Band.STRONG]
    recommendations = Recommendations(
        training=_unique(key for measure in gaps for key in scoring.training.get(measure, ())),
        next_steps=_unique(key for measure in gaps for key in scoring.next_steps.get(measure, ())),
        placements=_unique(scoring.placements.get(level, ())),
        roles=_unique(scoring.roles.get(level, ())),
    )
    return Result(level=level, scores=scores, reasons=reasons, recommendations=recommendations)


def check_result(bank: Bank, answers: Mapping[str, str], result: Result) -> list[str]:
    """Everything wrong with ``result`` as the score of ``answers``: an empty list if it is
    right. Recounts each measure option by option and re-derives bands and the level from
    their definitions, without calling :func:`score`.

    >>> from oneworkforce.engines.assessment.types import Option, Question, Scoring, Section
    >>> bank = Bank((Question("q", Section.VALUES, (Option("a", {"courage": 1}),)),),
    ...             Scoring(strong_percent=75, concern_percent=40))
    >>> check_result(bank, {"q": "a"}, score(bank, {"q": "a"}))
    []
    """
    problems = []
    scoring = bank.scoring
    for measure_score in result.scores:
        measure = measure_score.measure
        counted = 0
        best = 0
        for question in bank.questions:
            chosen = question.option(answers[question.key])
            counted += chosen.scores.get(measure, 0) if chosen else 0
            best += max((option.scores.get(measure, 0) for option in question.options), default=0)
        if (measure_score.points, measure_score.maximum) != (counted, best):
            problems.append(
                f"{measure}: {measure_score.points} of {measure_score.maximum}, "
                f"but the answers give {counted} of {best}"
            )
        share = Fraction(counted, best) if best else Fraction(0)
        if share >= Fraction(scoring.strong_percent, 100):
            expected = Band.STRONG
        elif share < Fraction(scoring.concern_percent, 100):
            expected = Band.CONCERN
        else:
            expected = Band.DEVELOPING
        if measure_score.band is not expected:
            problems.append(f"{measure}: band {measure_score.band} where {expected} is due")
    scored = {measure_score.measure for measure_score in result.scores}
    missed = [measure for measure in MEASURES if measure not in scored and bank.maximum(measure)]
    if missed:
        problems.append(f"measures left out: {missed}")
    values_concern = any(s.band is Band.CONCERN for s in result.scores if s.measure in CARE_VALUES)
    all_strong = all(s.band is Band.STRONG for s in result.scores)
    due = (
        Level.NEEDS_PREPARATION
        if values_concern
        else Level.READY_NOW
        if all_strong
        else Level.READY_WITH_SUPPORT
    )
    if result.level is not due:
        problems.append(f"level {result.level} where {due} is due")
    if {(reason.measure, reason.band) for reason in result.reasons} != {
        (s.measure, s.band) for s in result.scores
    }:
        problems.append("the reasons do not give every measure's band once")
    return problems
