"""The guide's two example sets of questions, offered when a campaign is created."""

from __future__ import annotations

COMMUNITY_QUESTIONS: tuple[str, ...] = (
    "What is the most significant thing happening in the lives of you and your family?",
    "What are your concerns about living and working in your community?",
    "What would you most like to see changed?",
    "What do you think the council, your branch, school etc should be prioritising?",
)
"""For a community or a branch."""

WORKPLACE_QUESTIONS: tuple[str, ...] = (
    "What impact will pay freezes and job losses have on your income and ability to make "
    "ends meet?",
    "What will you have to give up?",
    "What are the implications for your family, health, children's education, and "
    "community participation?",
    "What will the loss of specific services mean to you?",
    "What about cuts in benefits?",
    "Where do you spend your money now and how will this change?",
)
"""For a workplace facing cuts."""

QUESTION_SETS: dict[str, tuple[str, ...]] = {
    "community": COMMUNITY_QUESTIONS,
    "workplace": WORKPLACE_QUESTIONS,
    "own": (),
}
