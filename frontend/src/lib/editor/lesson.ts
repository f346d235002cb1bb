// The block editor's pure logic: new blocks, moving and removing them, the five-minute
// estimate (the server's rule, pinned by estimate.test.ts), a key from a title, and where a
// refused field's message goes.
import type { components } from '../../api/schema';

type Schemas = components['schemas'];
export type LessonDocument = Schemas['LessonDocument'];
export type DocumentBlock = Schemas['DocumentBlock'];
export type BlockType = DocumentBlock['type'];

/** Content blocks, then knowledge checks: the order the "add" menu offers them in. */
export const BLOCK_TYPES: readonly BlockType[] = [
  'text',
  'tip',
  'checklist',
  'dialogue',
  'image',
  'single',
  'multiple',
  'true_false',
  'ordering',
];

export const isCheck = (block: DocumentBlock): boolean =>
  block.type === 'single' || block.type === 'multiple' || block.type === 'true_false' || block.type === 'ordering';

/** An empty block of a type, with the fewest parts the lesson file takes. */
export function newBlock(type: BlockType): DocumentBlock {
  switch (type) {
    case 'text':
    case 'tip':
      return { type, text: '' };
    case 'checklist':
      return { type, items: [''] };
    case 'dialogue':
      return {
        type,
        lines: [
          { speaker: 'customer', text: '' },
          { speaker: 'agent', text: '' },
        ],
      };
    case 'image':
      return { type, src: '', alt: '' };
    case 'single':
    case 'multiple':
      return {
        type,
        prompt: '',
        options: [
          { text: '', correct: true },
          { text: '', correct: false },
        ],
        explanation: '',
      };
    case 'true_false':
      return { type, prompt: '', answer: true, explanation: '' };
    case 'ordering':
      return { type, prompt: '', steps: ['', '', ''], explanation: '' };
  }
}

/** A copy of `list` with the entry at `index` moved by `delta` (nothing moves past an end). */
export function move<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  const out = [...list];
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return out;
  [out[index], out[to]] = [out[to] as T, out[index] as T];
  return out;
}

/** A copy of `list` without the entry at `index`. */
export function remove<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export const WORDS_PER_MINUTE = 180;
export const SECONDS_PER_CHECK = 20;
export const FIVE_MINUTES = 300;

const words = (text: string | null | undefined): number => (text ?? '').split(/\s+/).filter(Boolean).length;

function blockWords(block: DocumentBlock): number {
  switch (block.type) {
    case 'text':
    case 'tip':
      return words(block.text);
    case 'checklist':
      return (block.items ?? []).reduce((n, i) => n + words(i), 0);
    case 'dialogue':
      return (block.lines ?? []).reduce((n, l) => n + words(l.text), 0);
    case 'image':
      return words(block.alt);
    case 'single':
    case 'multiple':
      return words(block.prompt) + (block.options ?? []).reduce((n, o) => n + words(o.text), 0) + words(block.explanation);
    case 'true_false':
      return words(block.prompt) + words(block.explanation);
    case 'ordering':
      return words(block.prompt) + (block.steps ?? []).reduce((n, s) => n + words(s), 0) + words(block.explanation);
  }
}

/**
 * The server's five-minute rule (crates/domain/src/lesson/estimate.rs): each card's words ÷ 180
 * per minute, rounded up to a second, + 20 s per knowledge check, + a third of a second per
 * word of the title.
 */
export function estimateSeconds(doc: Pick<LessonDocument, 'title' | 'blocks'>): number {
  const cards = (doc.blocks ?? []).reduce(
    (sum, block) => sum + Math.ceil((blockWords(block) * 60) / WORDS_PER_MINUTE) + (isCheck(block) ? SECONDS_PER_CHECK : 0),
    0,
  );
  return cards + Math.floor(words(doc.title) / 3);
}

/** A lesson key from a title: lowercase ASCII words joined by dashes, 2 to 64 characters. */
export function keyFromTitle(title: string): string {
  const key = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
  return key.length >= 2 ? key : '';
}

/** Whether a refused field (`blocks[2].options[1].text`) is inside block `index`. */
export function inBlock(field: string, index: number): boolean {
  return field === `blocks[${index}]` || field.startsWith(`blocks[${index}].`);
}

/** An empty lesson to start from. */
export function emptyLesson(locale: string): LessonDocument {
  return {
    key: '',
    locale: locale as LessonDocument['locale'],
    title: '',
    summary: null,
    competencies: [],
    blocks: [newBlock('text')],
  };
}
