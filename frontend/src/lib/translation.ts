// Writing a programme's words in another language: an empty form shaped like the source,
// and what the server would refuse (one title per step, instructions and criteria where the
// source has them).
import type { WordsBody } from '../api/coaching';

/** Empty words with the source's shape. */
export function blankWords(source: WordsBody): WordsBody {
  return {
    title: '',
    description: '',
    steps: source.steps.map((s) => ({
      title: '',
      ...(s.instructions ? { instructions: '' } : {}),
      ...(s.rubric?.length ? { rubric: s.rubric.map(() => '') } : {}),
    })),
  };
}

/**
 * The words to edit: those stored (`initial`) laid over an empty form shaped like the source,
 * step by step and criterion by criterion, so a translation written before the source
 * gained a step or a criterion still has a field for each.
 */
export function startWords(source: WordsBody, initial: WordsBody | null): WordsBody {
  const blank = blankWords(source);
  if (!initial) return blank;
  return {
    title: initial.title,
    description: source.description ? initial.description : '',
    steps: blank.steps.map((b, i) => {
      const had = initial.steps[i];
      return {
        title: had?.title ?? '',
        ...(b.instructions !== undefined ? { instructions: had?.instructions ?? '' } : {}),
        ...(b.rubric ? { rubric: b.rubric.map((_, c) => had?.rubric?.[c] ?? '') } : {}),
      };
    }),
  };
}

/** The server's refusal of a field (`steps[2].instructions`) under the form's name (`steps.2.instructions`). */
export function formFieldOf(field: string): string {
  const step = /^steps\[(\d+)\](?:\.(instructions|rubric))?$/.exec(field);
  if (!step) return field;
  return `steps.${step[1]}.${step[2] ?? 'title'}`;
}

/** Field → error code (`required`) for what is missing against the source. */
export function checkWords(words: WordsBody, source: WordsBody): Record<string, string> {
  const out: Record<string, string> = {};
  if (!words.title.trim()) out.title = 'required';
  if (source.description && !words.description?.trim()) out.description = 'required';
  source.steps.forEach((s, i) => {
    const mine = words.steps[i];
    if (!mine?.title.trim()) out[`steps.${i}.title`] = 'required';
    if (s.instructions && !mine?.instructions?.trim()) out[`steps.${i}.instructions`] = 'required';
    (s.rubric ?? []).forEach((_, c) => {
      if (!mine?.rubric?.[c]?.trim()) out[`steps.${i}.rubric.${c}`] = 'required';
    });
  });
  return out;
}
