import { describe, expect, it } from 'vitest';
import {
  assignmentColumns,
  canvasGradesCsv,
  gradePoints,
  moodleGradesCsv,
} from '../../src/interchange/lms-csv';
import type { Assignment } from '../../src/server/queries/assignments';
import type { Gradebook } from '../../src/server/queries/submissions';

const assignment = (id: string, title: string): Assignment => ({
  id,
  classId: 'c',
  kind: 'quiz',
  contentId: 'why-isolate',
  contentVersion: 1,
  title,
  opensAt: '2025-01-01T00:00:00Z',
  dueAt: null,
  maxAttempts: null,
  grading: 'highest',
  latePercentPerDay: 0,
  lateFloorPercent: 0,
  archivedAt: null,
});

const book: Gradebook = {
  assignments: [assignment('a1', 'Why isolate'), assignment('a2', 'Final, part 2')],
  learners: [
    { id: 'l1', name: 'Ada Lovelace', email: 'ada@example.com' },
    { id: 'l2', name: '=HYPERLINK("http://evil.example")', email: 'eve@example.com' },
  ],
  cells: {
    l1: {
      a1: { grade: 1, attempts: 1, late: false, solutionsOpened: 0 },
      a2: { grade: 0.8333, attempts: 2, late: true, solutionsOpened: 0 },
    },
    l2: {
      a1: { grade: null, attempts: 0, late: false, solutionsOpened: 0 },
      a2: { grade: 0, attempts: 1, late: false, solutionsOpened: 0 },
    },
  },
};

const lines = (text: string) => text.trimEnd().split('\r\n');

describe('gradePoints', () => {
  it('is the grade out of 100 to one decimal, and nothing before an attempt', () => {
    expect([
      gradePoints(1),
      gradePoints(0.8333),
      gradePoints(0),
      gradePoints(null),
      gradePoints(undefined),
    ]).toEqual([100, 83.3, 0, '', '']);
  });
});

describe('moodleGradesCsv', () => {
  it('has an email column to map learners by and a column per grade item', () => {
    expect(lines(moodleGradesCsv(book))).toEqual([
      'Full name,Email address,Why isolate,"Final, part 2"',
      'Ada Lovelace,ada@example.com,100,83.3',
      `"'=HYPERLINK(""http://evil.example"")",eve@example.com,,0`,
    ]);
  });
});

describe('canvasGradesCsv', () => {
  const rows = lines(canvasGradesCsv(book));

  // Canvas's importer wants Student then ID first, SIS User ID and SIS Login ID next, Section as the
  // last student column, and a row starting "Points Possible".
  it('has the student columns and the Points Possible row that Canvas’s importer looks for', () => {
    expect(rows[0]).toBe('Student,ID,SIS User ID,SIS Login ID,Section,Why isolate,"Final, part 2"');
    expect(rows[1]).toBe('Points Possible,,,,,100,100');
  });

  it('finds learners by login (their email) and leaves Canvas’s own ids empty', () => {
    expect(rows.slice(2)).toEqual([
      'Ada Lovelace,,,ada@example.com,,100,83.3',
      `"'=HYPERLINK(""http://evil.example"")",,,eve@example.com,,,0`,
    ]);
  });
});

describe('assignmentColumns', () => {
  it('keeps titles, numbering only those two assignments share or that Canvas would read as its own id', () => {
    expect(
      assignmentColumns([
        { title: 'Quiz' },
        { title: 'Lab (2)' },
        { title: 'Quiz' },
        { title: 'Lab (two)' },
        { title: 'Week 3' },
      ]),
    ).toEqual(['Quiz [1]', 'Lab (2) [2]', 'Quiz [3]', 'Lab (two)', 'Week 3']);
  });
});
