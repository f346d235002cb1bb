// Saving the block editor's lesson as the person writes: every change is kept on the phone
// (IndexedDB) at once, and sent to the server after a pause in typing. Offline, or when the
// server cannot be reached, the copy on the phone waits and is sent when the network returns.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { ApiError } from '../../api/problem';
import type { ApiResult } from '../../api/client';
import type { LessonDocument } from './lesson';

/** What the person is told, next to the lesson. */
export type SaveState = 'idle' | 'saving' | 'saved' | 'offline' | 'invalid' | 'error';

/** A lesson kept on the phone, and whether the server has it. */
export interface KeptDraft {
  document: LessonDocument;
  synced: boolean;
  /** The server's version once saved. */
  versionId: string | null;
}

let store: UseStore | null = null;
const drafts = () => (store ??= createStore('cinco-editor', 'drafts'));

/** Where a lesson is kept: by key and language, or `new` before it has a key. */
export const slot = (doc: Pick<LessonDocument, 'key' | 'locale'>) => (doc.key ? `${doc.key}.${doc.locale}` : 'new');

export const keep = (name: string, draft: KeptDraft, at: UseStore = drafts()) => set(name, draft, at);
export const kept = (name: string, at: UseStore = drafts()) => get<KeptDraft>(name, at);
export const forget = (name: string, at: UseStore = drafts()) => del(name, at);

export interface AutosaveOptions {
  /** Sends the lesson to the server. */
  send: (doc: LessonDocument) => Promise<ApiResult<{ id: string; estimate_seconds: number }>>;
  /** Keeps a copy on the phone. */
  keep: (name: string, draft: KeptDraft) => Promise<void>;
  /** Told of every change of state. */
  onstate: (state: SaveState, error: ApiError | null, versionId: string | null) => void;
  isOnline: () => boolean;
  /** Where a lesson is kept on the phone; by default its key and language. */
  slotFor?: (doc: LessonDocument) => string;
  delayMs?: number;
}

/** The autosave of one editor: `change` on every edit, `flush` to save now, `retry` when back online. */
export function autosave(options: AutosaveOptions) {
  const delay = options.delayMs ?? 1200;
  const where = options.slotFor ?? slot;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest: LessonDocument | null = null;
  let versionId: string | null = null;
  let sending: Promise<void> | null = null;
  let again = false;

  async function push(): Promise<void> {
    if (!latest) return;
    if (sending) {
      again = true;
      return sending;
    }
    const doc = latest;
    if (!options.isOnline()) {
      options.onstate('offline', null, versionId);
      return;
    }
    options.onstate('saving', null, versionId);
    sending = (async () => {
      const result = await options.send(doc);
      if (result.ok) {
        versionId = result.data.id;
        if (doc === latest) await options.keep(where(doc), { document: doc, synced: true, versionId });
        options.onstate('saved', null, versionId);
      } else if (result.error.kind === 'network') {
        options.onstate('offline', null, versionId);
      } else if (result.error.kind === 'problem' && result.error.status === 422) {
        options.onstate('invalid', result.error, versionId);
      } else {
        options.onstate('error', result.error, versionId);
      }
    })();
    await sending;
    sending = null;
    if (again) {
      again = false;
      await push();
    }
  }

  return {
    /** A change: kept on the phone now, sent after a pause. */
    async change(doc: LessonDocument) {
      latest = doc;
      clearTimeout(timer);
      await options.keep(where(doc), { document: doc, synced: false, versionId });
      timer = setTimeout(() => void push(), delay);
    },
    /** Sends what is waiting now (leaving the screen, preview, publish). */
    flush(): Promise<void> {
      clearTimeout(timer);
      return push();
    },
    /** The version the server keeps, once known. */
    setVersion(id: string | null) {
      versionId = id;
    },
    stop() {
      clearTimeout(timer);
    },
  };
}
