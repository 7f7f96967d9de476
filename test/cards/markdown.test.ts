import { describe, expect, it } from 'vitest';
import { zonderMarkdown } from '../../src/cards/markdown.js';

describe('zonderMarkdown: typed text shows as typed on a card', () => {
  it.each([
    ['a link', '[klik hier](https://voorbeeld.nl)', '\\[klik hier\\]\\(https:\u2060//voorbeeld.nl\\)'],
    ['an autolink', '<https://voorbeeld.nl>', '\\<https:\u2060//voorbeeld.nl\\>'],
    ['a bare address, which Teams would link', 'zie https://evil.example/login', 'zie https:\u2060//evil.example/login'],
    ['a bare www address', 'www.evil.example', 'www\u2060.evil.example'],
    ['bold and italic', '**heel** _erg_', '\\*\\*heel\\*\\* \\_erg\\_'],
    ['code', '`x`', '\\`x\\`'],
    ['a heading', '# Kop', '\\# Kop'],
    ['a bullet', '- eerste punt', '\\- eerste punt'],
    ['a plus bullet', '+ punt', '\\+ punt'],
    ['a numbered item', '3. derde punt', '3\\. derde punt'],
    ['a numbered item on a later line', 'Zie:\n  12. punt', 'Zie:\n  12\\. punt'],
    ['a rule', '---', '\\---'],
    ['a backslash', 'a\\b', 'a\\\\b'],
    ['ordinary Dutch', 'Blauwe plek, maandag 8.30 uur - gezien door de mentor.', 'Blauwe plek, maandag 8.30 uur - gezien door de mentor.'],
  ])('%s', (_naam, invoer, verwacht) => {
    expect(zonderMarkdown(invoer)).toBe(verwacht);
  });
});
