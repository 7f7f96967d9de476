/**
 * Adaptive Card TextBlocks and FactSet values are rendered as Markdown. Text a person typed
 * (a kenmerk, feiten, a display name) must show as typed and never become a link, a list or
 * emphasis, so every Markdown character gets a backslash. Plain-text copies stay unescaped.
 */
const MARKDOWN_TEKENS = /[\\`*_~[\]()#<>!|]/g;

export function zonderMarkdown(tekst: string): string {
  return tekst
    .split('\n')
    .map((regel) =>
      regel
        .replace(MARKDOWN_TEKENS, '\\$&')
        // A line that starts like a list item or a rule ("- ", "+ ", "---", "3. ") would not show as typed.
        .replace(/^(\s*)([-+=])/, '$1\\$2')
        .replace(/^(\s*\d+)\.(?=\s|$)/, '$1\\.')
        // Teams links bare addresses too: a word joiner (invisible) after "://" and in "www." breaks
        // the autolink while the text still reads the same.
        .replace(/:\/\//g, ':\u2060//')
        .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\u2060.`),
    )
    .join('\n');
}
