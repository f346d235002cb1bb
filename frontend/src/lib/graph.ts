// Laying out a scenario graph for the visual editor: columns by distance from the start
// (longest path, so every arrow points right), nodes stacked in each column; nodes no path
// reaches go in a last column so they are seen and fixed.

export interface GraphNode {
  id: string;
  start?: boolean;
  choices?: { id: string; next: string; action?: { escalation: string } | null }[] | null;
}

export interface Placed {
  id: string;
  column: number;
  row: number;
}

export interface Edge {
  from: string;
  /** The reply the arrow stands for. */
  choice: string;
  to: string;
  /** The branch taken when a grant is over the player's limit. */
  escalation: boolean;
}

export function edges(nodes: readonly GraphNode[]): Edge[] {
  const ids = new Set(nodes.map((n) => n.id));
  const out: Edge[] = [];
  for (const n of nodes) {
    for (const c of n.choices ?? []) {
      if (ids.has(c.next)) out.push({ from: n.id, choice: c.id, to: c.next, escalation: false });
      if (c.action && ids.has(c.action.escalation)) out.push({ from: n.id, choice: c.id, to: c.action.escalation, escalation: true });
    }
  }
  return out;
}

/** Column and row of every node. Loops do not hang it: a node is placed at most once per pass. */
export function layout(nodes: readonly GraphNode[]): Placed[] {
  const start = nodes.find((n) => n.start)?.id ?? nodes[0]?.id;
  const out = new Map<string, number>();
  const all = edges(nodes);
  const next = (id: string) => all.filter((e) => e.from === id).map((e) => e.to);
  if (start !== undefined) {
    // Longest distance from the start, relaxing at most |nodes| times (bounded for loops).
    out.set(start, 0);
    for (let pass = 0; pass < nodes.length; pass++) {
      let changed = false;
      for (const [id, column] of [...out]) {
        for (const to of next(id)) {
          if ((out.get(to) ?? -1) < column + 1 && column + 1 < nodes.length) {
            out.set(to, column + 1);
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
  }
  const last = Math.max(-1, ...out.values()) + 1;
  const rows = new Map<number, number>();
  return nodes.map((n) => {
    const column = out.get(n.id) ?? last;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    return { id: n.id, column, row };
  });
}

/** A node id not used yet: `n1`, `n2`, … */
export function freshId(nodes: readonly { id: string }[], prefix = 'n'): string {
  const taken = new Set(nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`${prefix}${i}`)) return `${prefix}${i}`;
}
