/** What a launch makes of a person in the course: only context (membership) roles count. */
export type CourseRole = 'instructor' | 'ta' | 'learner';

const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const TA = 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant';

/**
 * The course role of an LTI `roles` claim. Institution and system roles (an instructor elsewhere in
 * the school, a site administrator) give no rights in this course, so a learner who also teaches
 * another course is a learner here. Undefined when the claim names no course role Quayside knows.
 */
export function courseRole(roles: readonly string[]): CourseRole | undefined {
  const context = new Set(
    roles.flatMap((r) =>
      r === TA ? ['TeachingAssistant'] : r.startsWith(MEMBERSHIP) ? [r.slice(MEMBERSHIP.length)] : [r],
    ),
  );
  if (context.has('TeachingAssistant')) return 'ta';
  if (context.has('Instructor') || context.has('Administrator') || context.has('ContentDeveloper'))
    return 'instructor';
  if (context.has('Learner')) return 'learner';
  return undefined;
}
