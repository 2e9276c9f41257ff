/**
 * Amounts of money written in words ("fifteen to twenty dollars an hour", "forty-five thousand pounds"),
 * rewritten with figures and a symbol ("$15 to $20 an hour") so the salary reader sees them like any
 * other. Only runs of number words directly before a currency word are read, so "one of the best"
 * stays words, and so does a weight ("able to lift fifty pounds").
 */
const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SYMBOL: Record<string, string> = { dollar: '$', dollars: '$', pound: '£', pounds: '£', euro: '€', euros: '€', rupee: '₹', rupees: '₹', rand: 'R' };

const WORD = `(?:${[...Object.keys(TENS), ...Object.keys(UNITS), 'hundred', 'thousand'].join('|')})`;
// A run of number words: "forty-five thousand", "one hundred and fifty". At most eight words, so matching stays linear.
const RUN = `${WORD}(?:(?:[\\s-]|\\sand\\s)${WORD}){0,7}`;
const WEIGHT_BEFORE = /\b(?:lift|lifting|carry|carrying|weigh|weighing|push|pushing|pull|pulling|move|moving)\b[^.\n]{0,20}$/i;
const MONEY_WORDS = new RegExp(`\\b(${RUN})(?:\\s(?:to|-|–)\\s(${RUN}))?\\s(dollars?|pounds?|euros?|rupees?|rand)\\b`, 'gi');

/** The value of a run of number words, or null when the words do not make one number ("five five"). */
export function numberFromWords(run: string): number | null {
  let total = 0, current = 0, lastSmall = false;
  for (const word of run.toLowerCase().split(/[\s-]+/).filter((w) => w !== 'and')) {
    const unit = UNITS[word] ?? TENS[word];
    if (unit !== undefined) {
      // "twenty five" is 25; "five five" is not a number.
      if (lastSmall && (current % 10 !== 0 || unit >= 10)) return null;
      current += unit;
      lastSmall = true;
    } else if (word === 'hundred') {
      current = (current || 1) * 100;
      lastSmall = false;
    } else if (word === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
      lastSmall = false;
    } else {
      return null;
    }
  }
  return total + current;
}

export function amountsInFigures(text: string): string {
  if (!/\b(?:dollars?|pounds?|euros?|rupees?|rand)\b/i.test(text)) return text;
  return text.replace(MONEY_WORDS, (whole, first: string, second: string | undefined, currency: string, at: number) => {
    if (/^pounds?$/i.test(currency) && WEIGHT_BEFORE.test(text.slice(Math.max(0, at - 40), at))) return whole;
    const symbol = SYMBOL[currency.toLowerCase()] ?? '';
    const a = numberFromWords(first);
    const b = second === undefined ? null : numberFromWords(second);
    if (a === null || (second !== undefined && b === null)) return whole;
    return b === null ? `${symbol}${a}` : `${symbol}${a} to ${symbol}${b}`;
  });
}
