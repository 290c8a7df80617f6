/** What an LTI resource link opens: a lesson (ungraded), an exercise or a quiz (graded). */
export interface Activity {
  kind: 'lesson' | 'exercise' | 'quiz';
  id: string;
}

const PATH = /^\/lti\/activity\/(lesson|exercise|quiz)\/([a-z0-9-]{1,100})\/?$/;

/** The address a deep link gives an activity; the platform launches it as the target link URI. */
export function activityUrl(site: URL, activity: Activity): string {
  return new URL(`/lti/activity/${activity.kind}/${activity.id}`, site).href;
}

/** The activity a launch's target link URI names on this site, or undefined. */
export function activityOf(targetLinkUri: string, site: URL): Activity | undefined {
  const url = new URL(targetLinkUri);
  if (url.origin !== site.origin) return undefined;
  const match = PATH.exec(url.pathname);
  return match ? { kind: match[1] as Activity['kind'], id: match[2] as string } : undefined;
}
