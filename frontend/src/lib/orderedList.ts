// Pure rules for a form's ordered list (a path's steps, a track's modules, an ordering
// question's answers): moving an entry, and finding the messages about one entry.

/** A copy of `list` with the entry at `from` moved `by` places (−1 up, +1 down); unchanged when it would leave the list. */
export function move<T>(list: readonly T[], from: number, by: number): T[] {
  const to = from + by;
  const copy = [...list];
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return copy;
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/**
 * The messages about entry `index` of the list called `list`, by field: from
 * `{ 'steps.2.title': … }` it gives `{ title: … }` for `entryErrors(errors, 'steps', 2)`.
 */
export function entryErrors<V>(errors: Readonly<Record<string, V>>, list: string, index: number): Record<string, V> {
  const prefix = `${list}.${index}.`;
  return Object.fromEntries(
    Object.entries(errors)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}

/**
 * A server's field name (`steps[2].title`) as the form names it (`steps.2.title`); a whole
 * entry (`steps[2]`) becomes `steps.2.<whole>`, so it shows at the top of that entry.
 */
export function formField(field: string, list: string, whole: string): string {
  const entry = new RegExp(`^${list}\\[(\\d+)\\]$`).exec(field);
  return entry ? `${list}.${entry[1]}.${whole}` : field.replace(/\[(\d+)\]/g, '.$1');
}
