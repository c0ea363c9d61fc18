/**
 * Every match of a global regex. Unlike `matchAll`, which copies the regex on every call, it reuses
 * it: redaction runs a dozen large patterns over every imported question.
 */
export function allMatches(regex: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    found.push(m);
    if (m[0].length === 0) regex.lastIndex++;
  }
  regex.lastIndex = 0;
  return found;
}
