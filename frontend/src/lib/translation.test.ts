import { describe, expect, it } from 'vitest';
import { blankWords, checkWords, formFieldOf, startWords } from './translation';

const source = {
  title: 'Empowerment basics',
  description: 'What you may decide.',
  steps: [{ title: 'Read' }, { title: 'Solve one call', instructions: 'On your next shift.' }, { title: 'Teach back', rubric: ['Clear', 'Checks understanding'] }],
};

describe('translation', () => {
  it('starts from an empty form shaped like the source', () => {
    expect(blankWords(source)).toEqual({
      title: '',
      description: '',
      steps: [{ title: '' }, { title: '', instructions: '' }, { title: '', rubric: ['', ''] }],
    });
  });

  it('keeps what was written, with a field for each part the source gained since', () => {
    const old = { title: 'Basi', description: 'Cosa decidi.', steps: [{ title: 'Leggi' }, { title: 'Risolvi' }] };
    expect(startWords(source, old)).toEqual({
      title: 'Basi',
      description: 'Cosa decidi.',
      steps: [{ title: 'Leggi' }, { title: 'Risolvi', instructions: '' }, { title: '', rubric: ['', ''] }],
    });
  });

  it('names the server’s refusals as the form does', () => {
    expect(formFieldOf('steps[2]')).toBe('steps.2.title');
    expect(formFieldOf('steps[0].instructions')).toBe('steps.0.instructions');
    expect(formFieldOf('steps[1].rubric')).toBe('steps.1.rubric');
    expect(formFieldOf('title')).toBe('title');
  });

  it('asks for every title, instruction and criterion the source has', () => {
    expect(checkWords(blankWords(source), source)).toEqual({
      title: 'required',
      description: 'required',
      'steps.0.title': 'required',
      'steps.1.title': 'required',
      'steps.1.instructions': 'required',
      'steps.2.title': 'required',
      'steps.2.rubric.0': 'required',
      'steps.2.rubric.1': 'required',
    });
    const done = {
      title: 'Basi',
      description: 'Cosa puoi decidere.',
      steps: [{ title: 'Leggi' }, { title: 'Risolvi', instructions: 'Nel prossimo turno.' }, { title: 'Spiega', rubric: ['Chiaro', 'Verifica'] }],
    };
    expect(checkWords(done, source)).toEqual({});
  });
});
