/** The words of Quayside's LTI pages, in both languages. */
export const LTI_STRINGS = {
  en: {
    pickTitle: 'Add Quayside to your course',
    pickIntro:
      'Choose what to add. Lessons open in a window of their own; exercises and quizzes are graded by Quayside, and their scores go to your course gradebook.',
    groups: { lesson: 'Lessons', exercise: 'Exercises (graded)', quiz: 'Quizzes (graded)' },
    due: 'Due date (optional, end of the day, UTC):',
    add: 'Add to the course',
    attempts: 'Attempts allowed:',
    unlimited: 'no limit',
    attemptsHelp:
      'A quiz that allows more than one attempt sends its score to the course gradebook only once its due date has passed for everyone; until then the platform shows it as pending.',
    expired: 'This request to add content has expired or was already answered. Start again from your course.',
    nothingPicked: 'Choose at least one lesson, exercise or quiz.',
    oneOnly: 'Your platform accepts one item at a time here.',
    lmsTitle: (name: string) => `${name}: learning platform`,
    lmsIntro: (platform: string, course: string) =>
      `This class is the course “${course}” on ${platform}. Scores of linked exercises and quizzes are sent there as the gradebook shows them.`,
    notLinked: 'This class is not linked to a learning platform.',
    syncRoster: 'Sync the roster',
    syncHelp:
      'Enrols every learner of the platform course now, so the gradebook lists those who have not opened Quayside yet.',
    noRoster: 'The platform does not offer its roster to Quayside.',
    posts: 'Scores sent to the platform',
    noPosts: 'No scores have been owed to the platform yet.',
    retry: 'Send failed scores again',
    columns: ['Learner', 'Assignment', 'Why', 'State', 'Tries', 'Score', 'Sent or next try', 'Last error'],
    status: { queued: 'waiting', sending: 'sending', sent: 'acknowledged', failed: 'failed' },
    reason: (r: string) =>
      r.startsWith('submission:')
        ? 'attempt'
        : r.startsWith('extension:')
          ? 'extension'
          : r.startsWith('closes:')
            ? 'assignment closed'
            : r,
    back: 'Back to the class',
    linked: (platform: string) => `This class is a course on ${platform}: its learners arrive from there.`,
    lmsLink: 'Roster and scores sent to the platform',
  },
  'zh-cn': {
    pickTitle: '把 Quayside 添加到课程',
    pickIntro:
      '请选择要添加的内容。课文会在单独的窗口中打开；练习和测验由 Quayside 评分，成绩会写入课程的成绩册。',
    groups: { lesson: '课文', exercise: '练习（计分）', quiz: '测验（计分）' },
    due: '截止日期（可选，按 UTC 当天结束计）：',
    add: '添加到课程',
    attempts: '允许提交的次数：',
    unlimited: '不限',
    attemptsHelp:
      '允许多次提交的测验，要等所有人的截止时间都过了，才会把成绩发送到课程成绩册；在此之前，平台上显示为“待评分”。',
    expired: '这次添加内容的请求已过期或已经处理过，请回到课程页面重新开始。',
    nothingPicked: '请至少选择一篇课文、一个练习或一个测验。',
    oneOnly: '你的平台在这里一次只接受一项内容。',
    lmsTitle: (name: string) => `${name}：学习平台`,
    lmsIntro: (platform: string, course: string) =>
      `本班级对应 ${platform} 上的课程“${course}”。已关联的练习和测验的成绩，会按成绩册显示的分数发送到那里。`,
    notLinked: '本班级没有关联学习平台。',
    syncRoster: '同步名单',
    syncHelp: '立即把平台课程中的所有学员加入本班级，尚未打开 Quayside 的学员也会出现在成绩册里。',
    noRoster: '该平台没有向 Quayside 提供课程名单。',
    posts: '发送到平台的成绩',
    noPosts: '目前还没有需要发送到平台的成绩。',
    retry: '重新发送失败的成绩',
    columns: ['学员', '作业', '原因', '状态', '尝试次数', '分数', '发送时间或下次重试', '最近的错误'],
    status: { queued: '等待中', sending: '发送中', sent: '已确认', failed: '失败' },
    reason: (r: string) =>
      r.startsWith('submission:')
        ? '提交'
        : r.startsWith('extension:')
          ? '延期'
          : r.startsWith('closes:')
            ? '作业截止'
            : r,
    back: '返回班级',
    linked: (platform: string) => `本班级对应 ${platform} 上的一门课程，学员从那里进入。`,
    lmsLink: '课程名单与发送到平台的成绩',
  },
} as const;
