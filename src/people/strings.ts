/** The languages of the pages for people (accounts, classes, assignments), as URL prefixes name them. */
export type PeopleLang = 'en' | 'zh-cn';

type Role = 'instructor' | 'learner';
type Grading = 'highest' | 'last' | 'first' | 'average';

/** "1 submission", "2 submissions". */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en = {
  noDueDate: 'no due date',
  account: {
    title: 'Your account',
    description: 'Sign in to Quayside, or create a learner account.',
    signedInAs: 'Signed in as ',
    /** `email` is null for an account a learning platform made: it has none of its own. */
    who: (email: string | null, role: Role) =>
      `${email ? ` (${email})` : ''}, ${role === 'instructor' ? 'an instructor' : 'a learner'}.`,
    anonymous:
      "Every lesson, lab and practice quiz works without an account, and your progress stays in this browser either way. An account lets you join your instructor's class and hand in assignments.",
  },
  forms: {
    signIn: 'Sign in',
    signOut: 'Sign out',
    email: 'Email',
    password: 'Password',
    name: 'Name',
    newPassword: 'Password (at least 10 characters)',
    createHeading: 'Create a learner account',
    create: 'Create account',
    notSignedIn:
      'Could not sign you in. If this email already has an account, sign in above with its password.',
  },
  classes: {
    title: 'Your classes',
    description: 'Classes you teach or have joined, and your assignments.',
    signedInAs: (name: string) => `Signed in as ${name}.`,
    accountLink: 'Account',
    taught: 'Classes you teach',
    class: 'Class',
    learners: 'Learners',
    joinCode: 'Join code',
    closed: ' (closed)',
    noClasses: 'You have no classes yet.',
    newClass: 'New class',
    createClass: 'Create class',
    name: 'Name',
    yourAssignments: 'Your assignments',
    noAssignments: 'No assignments yet.',
    assignment: 'Assignment',
    due: 'Due',
    attempts: 'Attempts',
    grade: 'Grade',
    of: (max: number) => ` of ${max}`,
    late: ' (late)',
    joined: 'Classes you have joined',
    noneJoined: 'None yet: ask your instructor for a join code.',
    joinTitle: 'Join a class',
    joinDescription: 'Join your instructor’s class with its code.',
    join: 'Join',
    archivedClasses: 'Archived classes',
    archivedNote: 'Their learners no longer see them; their gradebooks and CSV downloads stay.',
  },
  klass: {
    description: 'Roster, assignments and gradebook.',
    notFound: 'No such class among yours.',
    allClasses: 'All your classes',
    joinCode: 'Join code:',
    closed: ' (closed to new learners)',
    expires: (at: string) => ` · expires ${at}`,
    joinLink: 'Join link:',
    rotate: 'New code',
    disable: 'Close joining',
    enable: 'Open joining',
    gradebook: 'Gradebook',
    noLearners: 'No learners yet: give them the join code.',
    learner: 'Learner',
    late: ' late',
    attempts: (n: number) => ` · ${n} ${n === 1 ? 'attempt' : 'attempts'}`,
    download: 'Download:',
    csvWide: 'CSV, one row per learner',
    csvLong: 'CSV, one row per grade',
    csvMoodle: 'CSV for Moodle’s grade import',
    csvCanvas: 'CSV for Canvas’s gradebook import',
    assignments: 'Assignments',
    open: '(',
    comma: ', ',
    close: ')',
    kind: { exercise: 'exercise', quiz: 'quiz' },
    version: (n: number) => `version ${n}`,
    due: (at: string | null) => (at ? ` · due ${at}` : ' · no due date'),
    maxAttempts: (n: number) => ` · ${n} attempts`,
    gradedBy: (method: string) => ` · grade: ${method}`,
    latePolicy: (perDay: number, floor: number) => ` · late: −${perDay}% a day, at least ${floor}%`,
    newAssignment: 'New assignment',
    assign: 'Assign',
    content: 'Exercise or quiz',
    exercise: (title: string) => `Exercise: ${title}`,
    quiz: (title: string) => `Quiz: ${title}`,
    title: 'Title (optional)',
    opensField: 'Opens (empty: now)',
    dueField: 'Due',
    maxAttemptsField: 'Attempts allowed (empty: no limit)',
    gradeField: 'Grade',
    latePerDay: 'Late penalty, % per day',
    lateFloor: 'Late floor, %',
    archived:
      'This class is archived: its learners no longer see it or its assignments, and nobody can join it. Its gradebook stays here and in the CSV downloads.',
    archivedTag: ' · archived',
    opened: (n: number) => `opened ${count(n, 'solution', 'solutions')}`,
    settings: 'Class settings',
    rename: 'Rename the class',
    name: 'Name',
    save: 'Save',
    archive: 'Archive class',
    archiveQuestion:
      'Archive this class? Its learners will no longer see it or its assignments. Its gradebook stays, and you can restore the class.',
    restore: 'Restore class',
    delete: 'Delete class',
    deleteQuestion: (submissions: number) =>
      submissions > 0
        ? `Delete this class for good, with its ${count(submissions, 'submission', 'submissions')}? This cannot be undone.`
        : 'Delete this class for good? This cannot be undone.',
    archiveFirst: (submissions: number) =>
      `To delete this class, archive it first: it holds ${count(submissions, 'submission', 'submissions')}.`,
    cancel: 'Cancel',
  },
  grading: {
    highest: 'highest attempt',
    last: 'last attempt',
    first: 'first attempt',
    average: 'average of attempts',
  } satisfies Record<Grading, string>,
  assignment: {
    description: 'An assignment: graded on the server from your work.',
    notFound: 'No such assignment in your classes.',
    due: (at: string | null) => (at ? `Due ${at}` : 'No due date'),
    opens: (at: string) => ` · opens ${at}`,
    allowed: (max: number | null) =>
      max === 1 ? ' · 1 attempt allowed' : max ? ` · ${max} attempts allowed` : ' · any number of attempts',
    gradedBy: (method: Grading) =>
      ` · graded by the ${method === 'average' ? 'average of your attempts' : `${method} attempt`}`,
    latePolicy: (perDay: number, floor: number) => ` · late work loses ${perDay}% a day, down to ${floor}%`,
    used: (n: number, max: number | null, grade: string) =>
      `Attempts used: ${n}${max ? ` of ${max}` : ''} · grade: ${grade}`,
    scoreLater: 'shown once the assignment closes',
    attempt: (score: string, at: string) => `${score} on ${at}`,
    lateBy: (days: number, before: string) =>
      ` (${days} ${days === 1 ? 'day' : 'days'} late; ${before} before the penalty)`,
    usedUp: 'You have used every attempt.',
    backToClass: 'Back to the class',
    exportQuiz: 'Export this quiz, answers included, for an LMS:',
    qti: 'QTI 3.0 package',
    moodleXml: 'Moodle XML',
    learners: 'Learners',
    learner: 'Learner',
    grade: 'Grade',
    attempts: 'Attempts',
    late: ' (late)',
    questions: "Questions, over each learner's latest attempt",
    question: 'Question',
    answered: 'Answered',
    facility: 'Facility',
    discrimination: 'Discrimination',
    picks: 'Under a choice question: how many learners picked each option; ✓ marks a right one.',
    extension: 'Extension',
    giveExtension: 'Give extension',
    newDue: 'New due date',
    varies: ' (worded differently for different learners)',
    facilityMeans:
      'Facility: the average score on the question, from 0% (nobody got it) to 100% (everybody did). Low means hard.',
    discriminationMeans:
      'Discrimination: whether the learners who did well on the rest of the quiz also did well on this question, from −1 to 1. Near 0 or below, the question may be ambiguous or its key wrong. It needs at least three learners.',
    attemptOf: (n: number, max: number | null) => (max ? `Attempt ${n} of ${max}` : `Attempt ${n}`),
    startAttempt: (n: number, max: number | null) =>
      max ? `Start attempt ${n} of ${max}` : `Start attempt ${n}`,
    submittedAt: (at: string) => `Submitted ${at}`,
    scoreIs: (score: string) => ` · score: ${score}`,
    archived: 'This assignment is archived: its learners no longer see it. Its grades stay in the gradebook.',
    edit: 'Edit the assignment',
    titleField: 'Title',
    opensField: 'Opens',
    dueField: 'Due (empty: no due date)',
    save: 'Save changes',
    archive: 'Archive assignment',
    archiveQuestion:
      'Archive this assignment? Its learners will no longer see it or submit to it. Its grades stay in the gradebook, and you can restore it.',
    restore: 'Restore assignment',
    delete: 'Delete assignment',
    deleteQuestion: (submissions: number) =>
      submissions > 0
        ? `Delete this assignment for good, with its ${count(submissions, 'submission', 'submissions')}? This cannot be undone.`
        : 'Delete this assignment for good? This cannot be undone.',
    archiveFirst: (submissions: number) =>
      `To delete this assignment, archive it first: it holds ${count(submissions, 'submission', 'submissions')}.`,
  },
  /** Labels end with their own space, or none after a full-width colon. */
  review: {
    yourAnswer: 'Your answer: ',
    answerGiven: 'Answer given: ',
    noAnswer: 'none',
    correct: 'Correct',
    partly: 'Partly right',
    wrong: 'Not quite',
    rightAnswer: 'Right answer: ',
    true: 'True',
    false: 'False',
    separator: '; ',
    shownAfter: (at: string) =>
      `Each question’s result and the right answers are shown after ${at}, when the assignment closes for the whole class.`,
    shownAtClose:
      'Each question’s result and the right answers are shown once the assignment closes; it has no due date yet.',
    neverShown: 'This quiz does not show its right answers.',
  },
  attempts: {
    description: 'One learner’s attempts.',
    notFound: 'No such assignment or learner among your classes.',
    someone: 'learner',
    back: 'Back to the assignment',
    none: 'No attempts yet.',
    heading: (n: number, score: string) => `Attempt ${n}: ${score}`,
    submitted: (at: string) => `Submitted ${at}`,
    lateBy: (days: number, before: string) =>
      ` · ${days} ${days === 1 ? 'day' : 'days'} late, ${before} before the penalty`,
    showReplay: 'Replay this attempt step by step',
    solutionsOpened: (tasks: string) => `Opened the reference solution of: ${tasks} (recorded by the server)`,
    solutionViews: 'Reference solutions opened',
    solutionViewsNote:
      'Recorded by the server when the learner asked to see one, before or after any attempt.',
    task: 'Task',
    openedAt: 'Opened',
    noSolutions: 'No reference solution opened.',
  },
};

/** What the pages for people say, in each language. */
export type PeopleStrings = typeof en;

const zhGrading: Record<Grading, string> = {
  highest: '取最高一次',
  last: '取最后一次',
  first: '取第一次',
  average: '取各次平均',
};

const zhCn: PeopleStrings = {
  noDueDate: '无截止日期',
  account: {
    title: '我的账户',
    description: '登录 Quayside，或注册一个学员账户。',
    signedInAs: '当前登录：',
    who: (email, role) =>
      `${email ? `（${email}）` : ''}，身份是${role === 'instructor' ? '教师' : '学员'}。`,
    anonymous:
      '所有课程、实验和练习测验都无需账户即可使用，学习进度始终保存在这台浏览器里。有了账户，就能加入老师的班级并提交作业。',
  },
  forms: {
    signIn: '登录',
    signOut: '退出登录',
    email: '电子邮箱',
    password: '密码',
    name: '姓名',
    newPassword: '密码（至少 10 个字符）',
    createHeading: '注册学员账户',
    create: '注册',
    notSignedIn: '未能登录。如果这个邮箱已有账户，请在上方用它的密码登录。',
  },
  classes: {
    title: '我的班级',
    description: '你执教或已加入的班级，以及你的作业。',
    signedInAs: (name) => `当前登录：${name}。`,
    accountLink: '账户',
    taught: '我执教的班级',
    class: '班级',
    learners: '学员数',
    joinCode: '班级码',
    closed: '（已停止加入）',
    noClasses: '你还没有班级。',
    newClass: '新建班级',
    createClass: '创建班级',
    name: '名称',
    yourAssignments: '我的作业',
    noAssignments: '暂时没有作业。',
    assignment: '作业',
    due: '截止时间',
    attempts: '提交次数',
    grade: '成绩',
    of: (max) => ` / ${max}`,
    late: '（迟交）',
    joined: '已加入的班级',
    noneJoined: '还没有加入任何班级，请向老师要班级码。',
    joinTitle: '加入班级',
    joinDescription: '用老师给的班级码加入班级。',
    join: '加入',
    archivedClasses: '已归档的班级',
    archivedNote: '学员已看不到这些班级，成绩册和 CSV 下载仍然保留。',
  },
  klass: {
    description: '学员名单、作业与成绩册。',
    notFound: '你的班级中没有这个班级。',
    allClasses: '返回我的全部班级',
    joinCode: '班级码：',
    closed: '（已停止接收新学员）',
    expires: (at) => ` · ${at} 失效`,
    joinLink: '加入链接：',
    rotate: '换一个班级码',
    disable: '停止加入',
    enable: '开放加入',
    gradebook: '成绩册',
    noLearners: '还没有学员，把班级码发给他们吧。',
    learner: '学员',
    late: '（迟交）',
    attempts: (n) => ` · 提交 ${n} 次`,
    download: '下载：',
    csvWide: 'CSV，每位学员一行',
    csvLong: 'CSV，每项成绩一行',
    csvMoodle: 'CSV，供 Moodle 导入成绩',
    csvCanvas: 'CSV，供 Canvas 导入成绩册',
    assignments: '作业',
    open: '（',
    comma: '，',
    close: '）',
    kind: { exercise: '实验练习', quiz: '测验' },
    version: (n) => `第 ${n} 版`,
    due: (at) => (at ? ` · 截止 ${at}` : ' · 无截止日期'),
    maxAttempts: (n) => ` · 限 ${n} 次`,
    gradedBy: (method) => ` · 计分：${method}`,
    latePolicy: (perDay, floor) => ` · 迟交每天扣 ${perDay}%，最低保留 ${floor}%`,
    newAssignment: '布置作业',
    assign: '布置',
    content: '实验练习或测验',
    exercise: (title) => `实验练习：${title}`,
    quiz: (title) => `测验：${title}`,
    title: '标题（可选）',
    opensField: '开放时间（留空表示立即开放）',
    dueField: '截止时间',
    maxAttemptsField: '允许提交次数（留空表示不限）',
    gradeField: '计分方式',
    latePerDay: '迟交每天扣分（%）',
    lateFloor: '迟交最低保留（%）',
    archived: '这个班级已归档：学员看不到它和其中的作业，也无法再加入。成绩册仍保留在这里，也可以下载 CSV。',
    archivedTag: ' · 已归档',
    opened: (n) => `看过 ${n} 个参考答案`,
    settings: '班级设置',
    rename: '修改班级名称',
    name: '名称',
    save: '保存',
    archive: '归档班级',
    archiveQuestion: '确定归档这个班级吗？学员将看不到它和其中的作业。成绩册会保留，之后也可以恢复这个班级。',
    restore: '恢复班级',
    delete: '删除班级',
    deleteQuestion: (submissions) =>
      submissions > 0
        ? `确定永久删除这个班级及其 ${submissions} 份提交吗？删除后无法恢复。`
        : '确定永久删除这个班级吗？删除后无法恢复。',
    archiveFirst: (submissions) => `这个班级有 ${submissions} 份提交，需要先归档才能删除。`,
    cancel: '取消',
  },
  grading: zhGrading,
  assignment: {
    description: '作业：由服务器根据你的操作评分。',
    notFound: '你的班级中没有这项作业。',
    due: (at) => (at ? `截止 ${at}` : '无截止日期'),
    opens: (at) => ` · ${at} 开放`,
    allowed: (max) => (max ? ` · 可提交 ${max} 次` : ' · 提交次数不限'),
    gradedBy: (method) => ` · 成绩${zhGrading[method]}`,
    latePolicy: (perDay, floor) => ` · 迟交每天扣 ${perDay}%，最低保留 ${floor}%`,
    used: (n, max, grade) => `已提交 ${n}${max ? ` / ${max}` : ''} 次 · 成绩：${grade}`,
    scoreLater: '作业截止后公布',
    attempt: (score, at) => `${at}：${score}`,
    lateBy: (days, before) => `（迟交 ${days} 天；扣分前为 ${before}）`,
    usedUp: '提交次数已用完。',
    backToClass: '返回班级',
    exportQuiz: '导出这份测验（含答案），供其他学习平台导入：',
    qti: 'QTI 3.0 压缩包',
    moodleXml: 'Moodle XML 文件',
    learners: '学员成绩',
    learner: '学员',
    grade: '成绩',
    attempts: '提交次数',
    late: '（迟交）',
    questions: '各题统计（取每位学员最近一次提交）',
    question: '题目',
    answered: '作答人数',
    facility: '通过率',
    discrimination: '区分度',
    picks: '选择题下方列出每个选项有多少位学员选了；✓ 表示正确选项。',
    extension: '延期',
    giveExtension: '批准延期',
    newDue: '新的截止时间',
    varies: '（不同学员拿到的题面不同）',
    facilityMeans: '通过率：这道题的平均得分，0% 表示没有人答对，100% 表示人人答对；越低说明题目越难。',
    discriminationMeans:
      '区分度：测验其余部分答得好的学员，这道题是否也答得好，取值从 −1 到 1；接近 0 或为负数，说明题目可能有歧义或答案有误。至少要有三位学员才能计算。',
    attemptOf: (n, max) => (max ? `第 ${n} 次作答（共 ${max} 次）` : `第 ${n} 次作答`),
    startAttempt: (n, max) => (max ? `开始第 ${n} 次作答（共 ${max} 次）` : `开始第 ${n} 次作答`),
    submittedAt: (at) => `提交于 ${at}`,
    scoreIs: (score) => ` · 得分 ${score}`,
    archived: '这项作业已归档：学员看不到它。成绩仍保留在成绩册中。',
    edit: '修改作业',
    titleField: '标题',
    opensField: '开放时间',
    dueField: '截止时间（留空表示无截止日期）',
    save: '保存修改',
    archive: '归档作业',
    archiveQuestion:
      '确定归档这项作业吗？学员将看不到它，也无法再提交。成绩会保留在成绩册中，之后也可以恢复。',
    restore: '恢复作业',
    delete: '删除作业',
    deleteQuestion: (submissions) =>
      submissions > 0
        ? `确定永久删除这项作业及其 ${submissions} 份提交吗？删除后无法恢复。`
        : '确定永久删除这项作业吗？删除后无法恢复。',
    archiveFirst: (submissions) => `这项作业有 ${submissions} 份提交，需要先归档才能删除。`,
  },
  review: {
    yourAnswer: '你的答案：',
    answerGiven: '所填答案：',
    noAnswer: '未作答',
    correct: '正确',
    partly: '部分正确',
    wrong: '不正确',
    rightAnswer: '正确答案：',
    true: '对',
    false: '错',
    separator: '；',
    shownAfter: (at) => `每道题的对错和正确答案将在 ${at} 之后公布，届时全班的作业都已截止。`,
    shownAtClose: '每道题的对错和正确答案将在作业截止后公布；这项作业目前还没有截止日期。',
    neverShown: '这份测验不公布正确答案。',
  },
  attempts: {
    description: '一位学员的全部提交。',
    notFound: '你的班级中没有这项作业或这位学员。',
    someone: '学员',
    back: '返回作业',
    none: '还没有提交。',
    heading: (n, score) => `第 ${n} 次提交：${score}`,
    submitted: (at) => `提交于 ${at}`,
    lateBy: (days, before) => ` · 迟交 ${days} 天，扣分前为 ${before}`,
    showReplay: '逐步重放这次提交',
    solutionsOpened: (tasks) => `看过参考答案的任务：${tasks}（由服务器记录）`,
    solutionViews: '查看过的参考答案',
    solutionViewsNote: '学员每次请求查看参考答案时由服务器记录，与是否提交无关。',
    task: '任务',
    openedAt: '查看时间',
    noSolutions: '没有查看过参考答案。',
  },
};

const strings: Record<PeopleLang, PeopleStrings> = { en, 'zh-cn': zhCn };

/**
 * The language a route's optional locale segment names: none is English, `zh-cn` is Chinese, and
 * anything else is no page at all.
 */
export function peopleLang(segment: string | undefined): PeopleLang | undefined {
  if (segment === undefined) return 'en';
  return segment === 'zh-cn' ? 'zh-cn' : undefined;
}

/** What the pages say in `lang`. */
export function peopleStrings(lang: PeopleLang): PeopleStrings {
  return strings[lang];
}

/** A site path in `lang`: `/classes/` stays as it is in English and gains `/zh-cn` in Chinese. */
export function localPath(lang: PeopleLang, path: string): string {
  return lang === 'en' ? path : `/${lang}${path}`;
}
