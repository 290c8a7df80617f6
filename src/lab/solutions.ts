import { useCallback, useEffect, useState } from 'react';
import { postJson } from '../utils/post-json.ts';

export type FetchedSolution = string[] | { error: string };

/**
 * Reference solutions fetched from `url` (the exercise's solution endpoint) for the tasks whose
 * solution the learner chose to see; the page never holds one before that. Tasks revealed before a
 * reload are fetched again.
 */
export function useSolutions(url: string | undefined, revealed: string[]): Record<string, FetchedSolution> {
  const [solutions, setSolutions] = useState<Record<string, FetchedSolution>>({});
  const fetchOne = useCallback(
    async (task: string) => {
      if (!url) return;
      const answer = await postJson<{ solution: string[] }>(url, { task });
      setSolutions((all) => ({
        ...all,
        [task]: answer.ok ? answer.value.solution : { error: answer.error },
      }));
    },
    [url],
  );
  useEffect(() => {
    for (const task of revealed) if (!solutions[task]) void fetchOne(task);
  }, [revealed, solutions, fetchOne]);
  return solutions;
}
