import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autosave, slot, type KeptDraft, type SaveState } from './autosave';
import type { ApiResult } from '../../api/client';
import { emptyLesson } from './lesson';

type Sent = ApiResult<{ id: string; estimate_seconds: number }>;

function setup(answers: Sent[], online = { up: true }) {
  const sent: string[] = [];
  const keptOnPhone = new Map<string, KeptDraft>();
  const states: SaveState[] = [];
  const saver = autosave({
    send: async (doc) => {
      sent.push(doc.title ?? '');
      return answers.shift() ?? { ok: true, data: { id: 'v1', estimate_seconds: 1 }, status: 200 };
    },
    keep: async (name, draft) => void keptOnPhone.set(name, draft),
    onstate: (state) => states.push(state),
    isOnline: () => online.up,
    delayMs: 500,
  });
  return { saver, sent, keptOnPhone, states };
}

const lesson = (title: string) => ({ ...emptyLesson('en'), key: 'a-lesson', title });

describe('saving as you go', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps every change on the phone at once and sends the last one after a pause', async () => {
    const { saver, sent, keptOnPhone, states } = setup([]);
    await saver.change(lesson('O'));
    await saver.change(lesson('On'));
    await saver.change(lesson('One'));
    expect(keptOnPhone.get('a-lesson.en')).toMatchObject({ synced: false, document: { title: 'One' } });
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toEqual(['One']);
    expect(states).toEqual(['saving', 'saved']);
    expect(keptOnPhone.get('a-lesson.en')).toMatchObject({ synced: true, versionId: 'v1' });
  });

  it('offline, keeps the lesson on the phone and sends it when the network returns', async () => {
    const online = { up: false };
    const { saver, sent, keptOnPhone, states } = setup([], online);
    await saver.change(lesson('Written offline'));
    await vi.advanceTimersByTimeAsync(500);
    expect(states).toEqual(['offline']);
    expect(sent).toEqual([]);
    expect(keptOnPhone.get('a-lesson.en')?.synced).toBe(false);
    online.up = true;
    await saver.flush();
    expect(sent).toEqual(['Written offline']);
    expect(states.at(-1)).toBe('saved');
  });

  it('a request that never arrives is offline; a refused lesson is invalid and stays on the phone', async () => {
    const { saver, states, keptOnPhone } = setup([
      { ok: false, error: { kind: 'network' } },
      { ok: false, error: { kind: 'problem', status: 422, title: null, detail: null, errors: [{ field: 'blocks[0].text', code: 'required', message: 'x' }] } },
    ]);
    await saver.change(lesson('A'));
    await saver.flush();
    expect(states.at(-1)).toBe('offline');
    await saver.change(lesson('B'));
    await saver.flush();
    expect(states.at(-1)).toBe('invalid');
    expect(keptOnPhone.get('a-lesson.en')?.synced).toBe(false);
  });

  it('keeps a lesson without a key under `new`', () => {
    expect(slot({ key: '', locale: 'es' })).toBe('new');
    expect(slot({ key: 'k', locale: 'es' })).toBe('k.es');
  });
});
