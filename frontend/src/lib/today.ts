// Pure helpers for doing today's session from the offline pack: which activities are left,
// grading an answer with the pack's answer key, and walking a scenario's conversation.
import type { AnswerResult, AnswerKey, ResponseBody } from '../api/learn';
import type { OfflinePack, PackNode, PackScenario, TodayItemView } from '../api/today';
import { matches } from './player';

/** Activities the PWA can run from the pack (coaching path steps are done elsewhere). */
export const RUNNABLE = ['review', 'lesson', 'scenario'] as const;

/** Whether an activity is done: the server says so, or this device did it today. */
export const isDone = (item: TodayItemView, localDone: readonly string[]) => item.done || localDone.includes(item.id);

/** The activities still to do, in order. */
export const remaining = (items: readonly TodayItemView[], localDone: readonly string[]) =>
  items.filter((i) => (RUNNABLE as readonly string[]).includes(i.kind) && !isDone(i, localDone));

/** Whether the pack carries what an activity needs to run offline. */
export function inPack(pack: OfflinePack, item: TodayItemView): boolean {
  if (item.kind === 'review') return pack.reviews.some((r) => r.id === item.id);
  if (item.kind === 'lesson') return pack.lessons.some((l) => l.lesson.version_id === item.id);
  if (item.kind === 'scenario') return pack.scenarios.some((s) => s.version_id === item.id);
  return false;
}

/** The result of an answer checked against the pack's key (the server grades it again). */
export function gradeLocally(response: ResponseBody, key: AnswerKey): AnswerResult {
  return {
    correct: matches(response, key.solution),
    explanation: key.explanation,
    solution: key.solution,
    already_answered: false,
  };
}

/** Where a conversation starts. */
export const startNode = (s: PackScenario): PackNode | null => s.nodes.find((n) => n.start) ?? s.nodes[0] ?? null;

/** The node a reply leads to for this agent, and whether it went over their limit. */
export function afterReply(s: PackScenario, node: PackNode, replyId: string): { next: PackNode; escalated: boolean } | null {
  const reply = node.replies.find((r) => r.id === replyId);
  const next = reply ? s.nodes.find((n) => n.id === reply.next) : undefined;
  return reply && next ? { next, escalated: reply.escalated } : null;
}

/** Minutes for display: at least one. */
export const wholeMinutes = (seconds: number) => Math.max(1, Math.round(seconds / 60));

/**
 * A plan's minutes: the sum of its activities' estimates as each is shown (the server's
 * `planned_seconds` is the sum of the same estimates), so the numbers on screen add up.
 */
export const planMinutes = (items: readonly { estimate_seconds: number }[]) =>
  items.reduce((sum, item) => sum + wholeMinutes(item.estimate_seconds), 0);

/** The activities "Start" runs, in order: what the plan lists (coaching path steps have cards of their own). */
export const planItems = <T extends { kind: string }>(items: readonly T[]) =>
  items.filter((i) => (RUNNABLE as readonly string[]).includes(i.kind));
