import { escapeHtml } from '../../people/escape-title.ts';
import type { PeopleLang } from '../../people/strings.ts';

/** The language of an LTI page, as the pages for people name it: the launch's locale decides. */
export function pageLang(locale: string | undefined): PeopleLang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/**
 * The policy of a page Quayside answers an LTI request with: no script but the site's own, forms only
 * to `formOrigin` (the platform, for a deep-linking answer), and framed only by `frameOrigins`.
 */
function policy(frameOrigins: readonly string[], formOrigin?: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'unsafe-inline'",
    `form-action ${formOrigin ?? "'self'"}`,
    `frame-ancestors 'self' ${frameOrigins.join(' ')}`.trim(),
    "base-uri 'none'",
  ].join('; ');
}

function document(lang: PeopleLang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang === 'zh-cn' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#17181c;background:#fff}
@media (prefers-color-scheme:dark){body{color:#eceef2;background:#17181c}a{color:#9fc3ff}}
button{font:inherit;padding:.5rem 1rem}</style></head>
<body>${body}</body></html>`;
}

function html(status: number, content: string, csp: string): Response {
  return new Response(content, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'cache-control': 'no-store',
    },
  });
}

const REFUSED = { en: 'Quayside could not open this activity', 'zh-cn': 'Quayside 无法打开这项活动' };
const ASK = {
  en: 'Nothing was saved. Go back to your course and try again; if it happens again, tell your instructor what this page says.',
  'zh-cn': '没有保存任何内容。请回到课程页面重试；如果仍然出现，请把本页的说明告诉老师。',
};

/** A refused launch: what went wrong, in words a learner can pass on. */
export function errorPage(status: number, reason: string, lang: PeopleLang = 'en'): Response {
  return html(
    status,
    document(
      lang,
      REFUSED[lang],
      `<h1>${REFUSED[lang]}</h1><p><strong>${escapeHtml(reason.charAt(0).toUpperCase() + reason.slice(1))}.</strong></p><p>${ASK[lang]}</p>`,
    ),
    policy([]),
  );
}

/** A page that posts `fields` to `action` at once (an LTI message back to the platform). */
export function autoPostPage(
  action: string,
  fields: Record<string, string>,
  frameOrigins: string[],
): Response {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return html(
    200,
    document(
      'en',
      'Quayside',
      `<form method="post" action="${escapeHtml(action)}" data-autopost>${inputs}<noscript><button>Continue</button></noscript></form><script src="/lti/autopost.js"></script>`,
    ),
    policy(frameOrigins, new URL(action).origin),
  );
}

const BLOCKED = {
  en: {
    title: 'Open Quayside in a new window',
    text: 'Your browser keeps Quayside from remembering you inside this frame. Open it in a window of its own to go on.',
    button: 'Open in a new window',
  },
  'zh-cn': {
    title: '在新窗口中打开 Quayside',
    text: '浏览器不允许 Quayside 在这个框架里记住你的登录。请在单独的窗口中打开，继续学习。',
    button: '在新窗口中打开',
  },
};

/** Where the frame had no cookie: the same login, begun again from a window of its own. */
export function newWindowPage(loginUrl: string, lang: PeopleLang, frameOrigins: string[]): Response {
  const s = BLOCKED[lang];
  return html(
    200,
    document(
      lang,
      s.title,
      `<h1>${s.title}</h1><p>${s.text}</p><p><a href="${escapeHtml(loginUrl)}" target="_blank" rel="opener">${s.button}</a></p>`,
    ),
    policy(frameOrigins),
  );
}

/** The end of a dynamic registration: says what was registered, and tells the platform's window to close. */
export function registeredPage(platform: {
  issuer: string;
  clientId: string;
  deploymentIds: string[];
}): Response {
  const deployments = platform.deploymentIds.length
    ? platform.deploymentIds.map((d) => `<code>${escapeHtml(d)}</code>`).join(', ')
    : 'none yet: add one with <code>npm run lti -- add-deployment</code>';
  return html(
    200,
    document(
      'en',
      'Quayside is registered',
      `<h1>Quayside is registered</h1><p>Platform <code>${escapeHtml(platform.issuer)}</code>, client ID <code>${escapeHtml(platform.clientId)}</code>, deployments: ${deployments}.</p><p>You can close this window.</p><script src="/lti/registered.js"></script>`,
    ),
    // The platform's administration page frames registration; it is not known until it is done.
    policy(['*']),
  );
}

/** The key under which a login's state is kept in the platform's storage. */
export const storageKey = (state: string) => `quayside_state_${state}`;

interface Storage {
  target: string;
  /** The platform's origin: its authorisation endpoint's, per the specification. */
  origin: string;
  state: string;
}

/** The login's answer where the platform offers storage: keep the state there, then go to the platform. */
export function storagePutPage(storage: Storage, next: string, frameOrigins: string[]): Response {
  const box = `<div id="lti-storage" data-mode="put" data-target="${escapeHtml(storage.target)}" data-origin="${escapeHtml(storage.origin)}" data-key="${escapeHtml(storageKey(storage.state))}" data-value="${escapeHtml(storage.state)}" data-next="${escapeHtml(next)}"></div>`;
  return html(
    200,
    document(
      'en',
      'Quayside',
      `${box}<noscript><a href="${escapeHtml(next)}">Continue</a></noscript><script src="/lti/storage.js"></script>`,
    ),
    policy(frameOrigins),
  );
}

/**
 * The launch's answer where the frame lost the cookie but the platform offers storage: the page
 * reads the state back from the platform and, only if it is there, posts the launch again with a
 * one-time resume token; otherwise it offers a window of its own.
 */
export function storageCheckPage(
  storage: Storage,
  form: { id_token: string; state: string; lti_resume: string },
  loginUrl: string,
  lang: PeopleLang,
  frameOrigins: string[],
): Response {
  const s = BLOCKED[lang];
  const inputs = Object.entries(form)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
  return html(
    200,
    document(
      lang,
      'Quayside',
      `<form method="post" action="/lti/launch">${inputs}</form><div id="lti-storage" hidden data-mode="get" data-target="${escapeHtml(storage.target)}" data-origin="${escapeHtml(storage.origin)}" data-key="${escapeHtml(storageKey(storage.state))}" data-value="${escapeHtml(storage.state)}"><h1>${s.title}</h1><p>${s.text}</p><p><a href="${escapeHtml(loginUrl)}" target="_blank" rel="opener">${s.button}</a></p></div><noscript><p><a href="${escapeHtml(loginUrl)}" target="_blank" rel="opener">${s.button}</a></p></noscript><script src="/lti/storage.js"></script>`,
    ),
    policy(frameOrigins),
  );
}
