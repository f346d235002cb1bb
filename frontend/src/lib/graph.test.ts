import { describe, expect, it } from 'vitest';
import { edges, freshId, layout } from './graph';

const node = (id: string, next: string[], start = false, escalation?: string) => ({
  id,
  start,
  choices: next.map((n, i) => ({ id: `c${i}`, next: n, action: i === 0 && escalation ? { escalation } : null })),
});

describe('scenario graph layout', () => {
  it('puts every node right of the nodes that lead to it', () => {
    const nodes = [node('start', ['a', 'b'], true, 'approval'), node('a', ['end']), node('b', ['a']), node('approval', ['end']), node('end', [])];
    const placed = Object.fromEntries(layout(nodes).map((p) => [p.id, p]));
    expect(placed.start.column).toBe(0);
    expect(placed.b.column).toBe(1);
    expect(placed.a.column).toBe(2);
    expect(placed.end.column).toBe(3);
    expect(placed.approval.column).toBe(1);
    expect(edges(nodes).filter((e) => e.escalation)).toEqual([{ from: 'start', choice: 'c0', to: 'approval', escalation: true }]);
  });

  it('survives loops, dangling replies and unreachable nodes', () => {
    const nodes = [node('start', ['a'], true), node('a', ['start', 'ghost']), node('island', [])];
    const placed = layout(nodes);
    expect(placed).toHaveLength(3);
    expect(Math.max(...placed.map((p) => p.column))).toBeLessThan(10);
    expect(placed.find((p) => p.id === 'island')?.column).toBe(Math.max(...placed.map((p) => p.column)));
    expect(edges(nodes).some((e) => e.to === 'ghost')).toBe(false);
  });

  it('finds a free id', () => {
    expect(freshId([{ id: 'n1' }, { id: 'n3' }])).toBe('n2');
  });
});
