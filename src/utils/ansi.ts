const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Removes colour and style escape sequences (SGR), leaving the text a terminal would show. */
export function stripSgr(text: string): string {
  return text.replace(SGR, '');
}
