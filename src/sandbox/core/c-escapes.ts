/**
 * The C escapes of a backslash and of the control characters that have one (`\a \b \f \n \r \t \v`),
 * as GNU's tools and Go's `strconv.Quote` write them.
 */
export const C_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};
