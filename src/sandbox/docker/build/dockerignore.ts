import { compilePattern, type Pattern } from '../../regex/index.ts';
import { globSegments, globSource } from '../../shell/glob.ts';

/**
 * `.dockerignore` matching as BuildKit does it: one pattern per line, `#` comments, `!` re-includes,
 * `*` and `?` within a path segment, `**` across segments; the last matching line wins.
 */
export function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).trim().replace(/^\/+/, '').replace(/\/+$/, '');
      return { negate, matcher: patternMatcher(pattern) };
    });
  return (path) => {
    let ignored = false;
    for (const rule of rules) if (rule.matcher.test(path)) ignored = !rule.negate;
    return ignored;
  };
}

function patternMatcher(pattern: string): Pattern {
  // A pattern matching a directory also excludes everything below it.
  return compilePattern(`^${globSource(globSegments(pattern), { doubleStar: true })}(?:/[^]*)?$`);
}
