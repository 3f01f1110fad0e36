// Decimal text, exactly. A spreadsheet's numbers reach the engine as decimal text; when a
// column's unit must be converted (亿元 → 万元) the conversion is done here on BigInt
// fractions, because a binary float would turn 22.6247 亿元 into 226246.99999999997 万元.

/**
 * Full-width digits and ，－．as ASCII: the typed forms the engine accepts. Only that block
 * (U+FF0C–U+FF19) is folded: NFKC on the whole text would also read "5²" as 52.
 */
export const toAscii = (text) => text.replace(/[\uff0c-\uff19]/g, (c) => c.normalize("NFKC"));

// What the engine reads as a number in text (interface.md): digits, optionally grouped by
// three, an optional fraction, an optional minus (which the engine then judges).
const PLAIN = /^(-?)(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/**
 * Text read as the engine reads it, as a fraction { n, d } (d a power of ten), or null
 * when the engine would not take it as a number.
 */
export function parseDecimal(text) {
  const match = PLAIN.exec(toAscii(String(text)).trim());
  if (!match) return null;
  const [, sign, int, frac = ""] = match;
  const n = BigInt(int.replaceAll(",", "") + frac);
  return { n: sign ? -n : n, d: 10n ** BigInt(frac.length) };
}

/** A unit factor from the catalog ("10000", "1/15", "0.5") as a fraction, or null. */
export function parseFactor(text) {
  const match = /^(\d+(?:\.\d+)?)(?:\/(\d+(?:\.\d+)?))?$/.exec(String(text).trim());
  if (!match) return null;
  const top = parseDecimal(match[1]);
  const bottom = match[2] === undefined ? { n: 1n, d: 1n } : parseDecimal(match[2]);
  if (!top || !bottom || bottom.n === 0n) return null;
  return { n: top.n * bottom.d, d: top.d * bottom.n };
}

const abs = (x) => (x < 0n ? -x : x);

/**
 * A fraction as exact decimal text, or null when it does not terminate (a denominator
 * with a prime factor other than 2 and 5): such a value cannot be written down exactly.
 */
export function fractionText({ n, d }) {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(abs(n), d);
  [n, d] = [n / g, d / g];
  let rest = d;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) (rest /= 2n), twos++;
  while (rest % 5n === 0n) (rest /= 5n), fives++;
  if (rest !== 1n) return null;
  const places = Math.max(twos, fives);
  const digits = (abs(n) * (10n ** BigInt(places) / d)).toString().padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, "");
  return (n < 0n ? "-" : "") + whole + (fraction ? `.${fraction}` : "");
}

function gcd(a, b) {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * `text × factor` as exact decimal text: { text } on success; { notNumber: true } when the
 * text is not a number the engine would read; { inexact: true } when the product does not
 * terminate.
 */
export function scaleDecimal(text, factor) {
  const value = parseDecimal(text);
  if (!value) return { notNumber: true };
  const product = fractionText({ n: value.n * factor.n, d: value.d * factor.d });
  return product === null ? { inexact: true } : { text: product };
}

/** Exponent notation ("1.5e-7", "2e+21") as plain decimal text. */
function plain(text) {
  const e = text.indexOf("e");
  if (e < 0) return text;
  const negative = text.startsWith("-");
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf(".");
  const digits = mantissa.replace(".", "");
  const at = (point < 0 ? mantissa.length : point) + exponent;
  let out;
  if (at <= 0) out = `0.${"0".repeat(-at)}${digits}`;
  else if (at >= digits.length) out = digits + "0".repeat(at - digits.length);
  else out = `${digits.slice(0, at)}.${digits.slice(at)}`;
  return (negative ? "-" : "") + out;
}

/** Excel keeps, shows and compares 15 significant digits; more are binary noise. */
const EXCEL_DIGITS = 15;

/**
 * A number stored by a spreadsheet as the decimal a person sees in the cell. Excel writes
 * the binary value with 17 digits (2262.47 is stored as 2262.4699999999998, =0.1+0.2 as
 * 0.30000000000000004): the shortest text that reads back as the same binary value, cut to
 * Excel's 15 significant digits, is the number the cell shows (2262.47, 0.3). Returns null
 * for text that is not a finite number.
 */
export function storedNumberText(stored) {
  const value = typeof stored === "number" ? stored : Number(String(stored).trim());
  if (!Number.isFinite(value) || (typeof stored !== "number" && String(stored).trim() === "")) return null;
  if (value === 0) return "0";
  let text = String(value);
  // Most cells: 15 characters or fewer without an exponent hold at most 15 digits.
  if (text.length <= EXCEL_DIGITS && !text.includes("e")) return text;
  const significant = text.replace(/e.*$/, "").replace(/[-.]/g, "").replace(/^0+/, "").length;
  if (significant > EXCEL_DIGITS) text = String(Number(value.toPrecision(EXCEL_DIGITS)));
  return plain(text);
}
