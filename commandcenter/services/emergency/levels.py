"""What a response level asks for, and what changes when it is raised or lowered.

Pure functions over a plan: a plan lists, per level, what that level adds to the
ones below it (Ⅳ first; Ⅲ adds to Ⅳ, and so on). The tasks of an incident at a
level are the templates of that level and every lower one; raising adds the
templates of the levels passed, lowering stands down the open tasks of the
levels left. The commander sees this diff before confirming (the preview) and
the service applies the same diff, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from commandcenter.services.emergency.plans import Level, Notification, TaskTemplate

if TYPE_CHECKING:
    from collections.abc import Iterable

    from commandcenter.services.emergency.plans import PlanFile

ORDER: tuple[Level, ...] = (Level.IV, Level.III, Level.II, Level.I)
"""The levels from the lowest (一般) to the highest (特别重大)."""


def rank(level: Level) -> int:
    return ORDER.index(level)


@dataclass(frozen=True, slots=True)
class PlannedTask:
    """A template of the plan with its place: `key` is `<level>.<index>`."""

    key: str
    level: Level
    template: TaskTemplate


@dataclass(frozen=True, slots=True)
class LevelDiff:
    """What changing from one level to another does."""

    before: Level
    after: Level
    added: tuple[PlannedTask, ...]
    """Templates whose tasks are created (raising)."""
    stood_down: tuple[str, ...]
    """Template keys whose open tasks are cancelled (lowering)."""
    notify: tuple[Notification, ...]
    """Who is told, from the levels passed when raising."""

    @property
    def raising(self) -> bool:
        return rank(self.after) > rank(self.before)


def levels_between(before: Level, after: Level) -> tuple[Level, ...]:
    """The levels passed going from `before` to `after` (excluding `before`)."""
    low, high = sorted((rank(before), rank(after)))
    return ORDER[low + 1 : high + 1]


def planned_tasks(plan: PlanFile, levels: Iterable[Level]) -> tuple[PlannedTask, ...]:
    """The templates of `levels` that the plan has, in level then file order."""
    wanted = set(levels)
    return tuple(
        PlannedTask(f"{level.value}.{index}", level, template)
        for level in ORDER
        if level in wanted and level in plan.levels
        for index, template in enumerate(plan.levels[level].tasks)
    )


def at_level(plan: PlanFile, level: Level) -> tuple[PlannedTask, ...]:
    """Every task an incident at `level` has: that level's and the lower ones'."""
    return planned_tasks(plan, ORDER[: rank(level) + 1])


def notifications(plan: PlanFile, levels: Iterable[Level]) -> tuple[Notification, ...]:
    wanted = set(levels)
    return tuple(
        notification
        for level in ORDER
        if level in wanted and level in plan.levels
        for notification in plan.levels[level].notify
    )


def diff(plan: PlanFile, before: Level, after: Level) -> LevelDiff:
    """Raising adds the passed levels' tasks and notifications; lowering stands
    down the tasks of the levels above the new one."""
    passed = levels_between(before, after)
    if rank(after) > rank(before):
        return LevelDiff(
            before, after, planned_tasks(plan, passed), (), notifications(plan, passed)
        )
    left = tuple(task.key for task in planned_tasks(plan, passed))
    return LevelDiff(before, after, (), left, ())
