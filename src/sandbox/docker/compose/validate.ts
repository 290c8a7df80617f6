import type { z } from 'zod';
import { composeFileInput } from './model/project.ts';

/**
 * Validates a merged Compose dictionary against the spec schema and words the most specific
 * problem as compose-go's schema package does (jsonschema v6 errors, `getMostSpecificError`):
 * `services.web additional properties 'imgae' not allowed`, `services.web.image must be a string`.
 * Returns undefined when the file is valid.
 */
export function validateComposeFile(dict: unknown): string | undefined {
  const result = composeFileInput.safeParse(dict);
  if (result.success) return undefined;
  const best = mostSpecific(result.error.issues as z.core.$ZodIssue[], []);
  return best ? wordIssue(best.issue, best.path) : 'invalid compose file';
}

interface Located {
  issue: z.core.$ZodIssue;
  path: PropertyKey[];
}

function specificity(l: Located): number {
  return l.path.length + (l.issue.code === 'unrecognized_keys' ? 1 : 0);
}

function mostSpecific(issues: z.core.$ZodIssue[], base: PropertyKey[]): Located | undefined {
  let best: Located | undefined;
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    let candidate: Located | undefined = { issue, path };
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      candidate = undefined;
      for (const branch of issue.errors) {
        const inner = mostSpecific(branch, path);
        if (inner && (!candidate || specificity(inner) > specificity(candidate))) candidate = inner;
      }
    }
    if (candidate && (!best || specificity(candidate) > specificity(best))) best = candidate;
  }
  return best;
}

const TYPE_NAMES: Record<string, string> = { object: 'mapping', record: 'mapping', int: 'integer' };

function wordIssue(issue: z.core.$ZodIssue, path: PropertyKey[]): string {
  const where = path.map(String).join('.');
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${where} additional properties ${issue.keys.map((k) => `'${k}'`).join(', ')} not allowed`;
    case 'invalid_type':
      return `${where} must be a ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `${where} value must be ${display(issue.values[0])}`
        : `${where} value must be one of ${issue.values.map(display).join(', ')}`;
    case 'invalid_format':
      if (issue.format === 'regex' && 'pattern' in issue)
        return `${where} '${String(issue.input)}' does not match pattern '${String(issue.pattern).replace(/^\/|\/$/g, '')}'`;
      return `${where} is not valid ${issue.format}`;
    case 'invalid_key':
      return `${where} additional properties '${String(issue.input)}' not allowed`;
    default:
      return `${where} ${issue.message}`;
  }
}

function display(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}
