/**
 * Letters that look like a Latin letter or digit in the fonts readers see, mapped
 * to it (a small part of Unicode's confusables.txt, UTS #39): Cyrillic and Greek
 * look-alikes, and the digits 0 and 1 beside o and l. Enough to stop `аlice`
 * (Cyrillic а) passing for `alice`; not every confusable there is.
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  ѕ: 's',
  т: 't',
  у: 'y',
  х: 'x',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ь: 'b',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  // Digits and letters read alike
  '0': 'o',
  '1': 'l',
  ı: 'i',
};

/**
 * A username's skeleton: two names with the same skeleton look alike to a reader,
 * so only one of them may exist, and a deleted account's name blocks its
 * look-alikes too. NFKC (full-width → ASCII, compatibility forms), case folded
 * (upper then lower, so ß and SS, ς and σ meet), combining marks stripped (é → e,
 * and marks stacked on letters), then the look-alike letters above mapped to Latin.
 */
export function usernameSkeleton(name: string): string {
  const folded = name.trim().normalize('NFKC').toUpperCase().toLowerCase();
  const bare = folded.normalize('NFD').replace(/\p{M}/gu, '');
  return [...bare]
    .map((ch) => CONFUSABLES[ch] ?? ch)
    .join('')
    .normalize('NFKC');
}
