import { describe, expect, it } from 'vitest';
import type { PublicQuestion } from '../../src/grading/quiz-public';
import { answerText } from '../../src/people/answer-text';

const words = { true: 'True', false: 'False', separator: '; ' };
const options = [
  { id: 'a', text: 'The host kernel' },
  { id: 'b', text: 'Its own kernel' },
];

describe('answerText', () => {
  it('names options by their text, in the order picked, and keeps an unknown id as it is', () => {
    const single: PublicQuestion = { id: 'k', prompt: 'Which kernel?', type: 'single', options };
    expect(answerText(single, { choice: 'b' }, words)).toBe('Its own kernel');
    const multiple: PublicQuestion = { ...single, type: 'multiple' };
    expect(answerText(multiple, { choices: ['b', 'a', 'ghost'] }, words)).toBe(
      'Its own kernel; The host kernel; ghost',
    );
  });

  it('says true and false, orders with arrows, and numbers with their unit', () => {
    expect(answerText({ id: 't', prompt: '?', type: 'true-false' }, { value: false }, words)).toBe('False');
    const ordering: PublicQuestion = {
      id: 'o',
      prompt: 'Order',
      type: 'ordering',
      items: [
        { id: 'hw', text: 'Hardware' },
        { id: 'os', text: 'Host OS' },
      ],
    };
    expect(answerText(ordering, { order: ['os', 'hw'] }, words)).toBe('Host OS → Hardware');
    const numeric: PublicQuestion = { id: 'n', prompt: 'How big?', type: 'numeric', unit: 'GiB' };
    expect(answerText(numeric, { number: 7.5 }, words)).toBe('7.5 GiB');
    expect(answerText({ id: 'n', prompt: '?', type: 'numeric' }, { number: 3 }, words)).toBe('3');
  });

  it('pairs items with targets in the question’s order of items, whatever order they came in', () => {
    const matching: PublicQuestion = {
      id: 'm',
      prompt: 'Match',
      type: 'matching',
      items: [
        { id: 'esxi', text: 'ESXi' },
        { id: 'vbox', text: 'VirtualBox' },
      ],
      targets: [
        { id: 'one', text: 'Type 1' },
        { id: 'two', text: 'Type 2' },
      ],
    };
    expect(answerText(matching, { pairs: { vbox: 'two', esxi: 'one' } }, { ...words, separator: '；' })).toBe(
      'ESXi → Type 1；VirtualBox → Type 2',
    );
  });

  it('gives a typed answer as typed', () => {
    expect(answerText({ id: 'c', prompt: 'Run', type: 'command' }, { text: 'docker ps -a' }, words)).toBe(
      'docker ps -a',
    );
  });
});
