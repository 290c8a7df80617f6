/** A piece of an expanded word: quoted text never globs. */
export interface Segment {
  text: string;
  quoted: boolean;
}

/** Whether unquoted text in these segments contains a glob character. */
export function hasGlob(segments: Segment[]): boolean {
  return segments.some((s) => !s.quoted && /[*?[]/.test(s.text));
}

/** A RegExp for one path component pattern; quoted segments match literally. */
export function globRegExp(segments: Segment[]): RegExp {
  let source = '';
  for (const { text, quoted } of segments) {
    if (quoted) {
      source += escapeRegExp(text);
      continue;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (c === '*') source += '[^/]*';
      else if (c === '?') source += '[^/]';
      else if (c === '[') {
        const end = text.indexOf(']', i + 2);
        if (end === -1) source += '\\[';
        else {
          let body = text.slice(i + 1, end);
          if (body.startsWith('!')) body = `^${body.slice(1)}`;
          source += `[${body.replace(/\\/g, '\\\\')}]`;
          i = end;
        }
      } else source += escapeRegExp(c);
    }
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
