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

/** Field → error code (`required`) for what is missing against the source. */
export function checkWords(words: WordsBody, source: WordsBody): Record<string, string> {
  const out: Record<string, string> = {};
  if (!words.title.trim()) out.title = 'required';
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
