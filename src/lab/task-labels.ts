import type { TaskListLabels } from './TaskList.tsx';

/** The task list's words in the page's language, from Starlight's UI strings (`Astro.locals.t`). */
export function taskListLabels(t: (key: `quayside.task.${keyof TaskListLabels}`) => string): TaskListLabels {
  return {
    exercise: t('quayside.task.exercise'),
    done: t('quayside.task.done'),
    todo: t('quayside.task.todo'),
    hint: t('quayside.task.hint'),
    showSolution: t('quayside.task.showSolution'),
    confirmSolution: t('quayside.task.confirmSolution'),
    cancel: t('quayside.task.cancel'),
    submit: t('quayside.task.submit'),
    verified: t('quayside.task.verified'),
    rejected: t('quayside.task.rejected'),
    sealed: t('quayside.task.sealed'),
    serverPassed: t('quayside.task.serverPassed'),
    serverFailed: t('quayside.task.serverFailed'),
    differsChanged: t('quayside.task.differsChanged'),
    differsReplay: t('quayside.task.differsReplay'),
    allDone: t('quayside.task.allDone'),
    complete: t('quayside.task.complete'),
    practised: t('quayside.task.practised'),
    nextLesson: t('quayside.task.nextLesson'),
    quiz: t('quayside.task.quiz'),
  };
}
