// Decimal text, handled as text. The engine reads figures exactly; the page must not lose
// that on the way in (亿元 → 万元) or on the way out (thousands separators), so nothing
// here ever goes through a binary float.

// The same typed forms the engine accepts: full-width digits, ．，－ and surrounding blanks.
const FULL_WIDTH = { "．": ".", "，": ",", "－": "-" };

function toAscii(text) {
  let out = "";
  for (const c of text) {
    const code = c.codePointAt(0);
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xff10 + 48);
    else out += FULL_WIDTH[c] ?? c;
  }
  return out;
}

// A plain decimal: digits, optionally grouped by three, optional fraction, optional sign.
const PLAIN = /^(-?)(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

const gcd = (a, b) => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};

/** "n" or "n/d" (as the catalog writes a unit's factor) as [n, d] BigInts. */
function fraction(factor) {
  const [n, d = "1"] = String(factor).split("/");
  const read = (text) => {
    const match = PLAIN.exec(text.trim());
    if (!match) return null;
    const [, sign, int, frac = ""] = match;
    return [BigInt(`${sign}${int.replaceAll(",", "")}${frac}`), 10n ** BigInt(frac.length)];
  };
  const [a, b] = [read(n), read(d)];
  if (!a || !b || a[0] === 0n || b[0] === 0n) return null;
  return [a[0] * b[1], a[1] * b[0]];
}

/**
 * Multiplies typed decimal text by a factor ("10000", "1/15", "0.01"), exactly, as text:
 * "18.563" 亿元 × 10000 is "185630" 万元. Text that is not a plain decimal in a form the
 * engine accepts ("abc", "1e5", ".5") comes back unchanged, so that the engine reports it as
 * typed, and so does a product that is no terminating decimal; blank text comes back as "".
 * @param {string} text
 * @param {string} factor
 * @returns {string}
 */
export function multiplyDecimal(text, factor) {
  return exactProduct(text, factor) ?? text;
}

/**
 * A plain decimal in a form the engine accepts, as the engine reads it: ASCII digits, no
 * separators, no blanks ("１８，５６３．０" → "18563.0"); null for anything else (blank too).
 */
export function plainDecimal(text) {
  const match = PLAIN.exec(toAscii(text).trim());
  if (!match) return null;
  const [, sign, int, frac] = match;
  return `${sign}${int.replaceAll(",", "")}${frac === undefined ? "" : `.${frac}`}`;
}

/** Whether text is a plain decimal, in a form the engine accepts (or blank). */
export function isPlainDecimal(text) {
  const trimmed = toAscii(text).trim();
  return trimmed === "" || PLAIN.test(trimmed);
}

/**
 * Like multiplyDecimal, but null where that gives the text back unchanged: text that is not
 * a plain decimal, or a product that is no terminating decimal.
 */
export function exactProduct(text, factor) {
  const trimmed = toAscii(text).trim();
  if (trimmed === "") return "";
  const match = PLAIN.exec(trimmed);
  const f = fraction(factor);
  if (!match || !f) return null;
  const [, sign, int, frac = ""] = match;
  let num = BigInt(`${int.replaceAll(",", "")}${frac}`) * f[0];
  let den = 10n ** BigInt(frac.length) * f[1];
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  [num, den] = [num / g, den / g];
  // A terminating decimal: the denominator has no prime factors but 2 and 5.
  let rest = den;
  let places = 0;
  while (rest % 10n === 0n) [rest, places] = [rest / 10n, places + 1];
  while (rest % 2n === 0n) [rest, places, num] = [rest / 2n, places + 1, num * 5n];
  while (rest % 5n === 0n) [rest, places, num] = [rest / 5n, places + 1, num * 2n];
  if (rest !== 1n) return null;
  const negative = (sign === "-") !== num < 0n;
  const digits = (num < 0n ? -num : num).toString().padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  const fractionDigits = digits.slice(digits.length - places).replace(/0+$/, "");
  const out = fractionDigits ? `${whole}.${fractionDigits}` : whole;
  return negative && out !== "0" ? `-${out}` : out;
}

/** The inverse of a factor: "10000" → "1/10000", "1/15" → "15". */
export function inverseFactor(factor) {
  const [n, d = "1"] = String(factor).split("/");
  return `${d}/${n}`;
}

/**
 * Multiplies typed decimal text by 10^places by moving the decimal point (places may be
 * negative): "22.6247" × 10^4 is exactly "226247". See multiplyDecimal.
 * @param {string} text
 * @param {number} places
 * @returns {string}
 */
export function shiftDecimal(text, places) {
  return multiplyDecimal(text, places >= 0 ? `${10n ** BigInt(places)}` : `1/${10n ** BigInt(-places)}`);
}

/**
 * Inserts thousands separators into the integer part of decimal text from the engine
 * ("226247.5" → "226,247.5"). Any other text is returned as it is.
 * @param {string} text
 */
export function groupDigits(text) {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  const [, sign, int, frac = ""] = match;
  return sign + int.replace(/\B(?=(\d{3})+$)/g, ",") + frac;
}

/**
 * A JavaScript number as the plain decimal text it stands for, in its shortest round-trip
 * form and without an exponent (1e21 → "1000000000000000000000", 1.5e-7 → "0.00000015"),
 * so that a figure given as a number reads in the form's input as the engine reads the
 * number itself. NaN and ±Infinity come back as "NaN", "Infinity", "-Infinity", which the
 * engine reports as not_a_number, as it does for the numbers.
 * @param {number} value
 * @returns {string}
 */
export function numberText(value) {
  const text = String(value);
  if (!Number.isFinite(value) || !text.includes("e")) return text;
  const [mantissa, exponent] = text.split("e");
  const negative = mantissa.startsWith("-");
  const [int, frac = ""] = (negative ? mantissa.slice(1) : mantissa).split(".");
  const digits = int + frac;
  const point = int.length + Number(exponent);
  let plain;
  if (point <= 0) plain = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + "0".repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

/**
 * Decimal text from the engine shown with at most `places` decimals, cut exactly: toward +∞
 * when `up` (a gap: "30455.714286" to 0 places is "30456"), else toward −∞ (a ratio below its
 * lower bound: "64.9999" to 2 places is "64.99", never "65.00"); trailing zeros of the
 * fraction dropped ("1.30" is "1.3"). Text with no more decimals than that, a null `places`,
 * or text that is not a plain decimal, comes back as it is.
 * @param {string} text
 * @param {number | null | undefined} places
 * @param {boolean} up
 * @returns {string}
 */
export function toPlaces(text, places, up) {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || places === null || places === undefined) return text;
  const [, sign, int, frac = ""] = match;
  if (frac.length <= places) return text;
  const negative = sign === "-";
  let magnitude = BigInt(int + frac.slice(0, places));
  // Dropping digits moves toward zero: one step more when that is the wrong way.
  if (/[1-9]/.test(frac.slice(places)) && up !== negative) magnitude += 1n;
  const digits = magnitude.toString().padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, "");
  const out = fraction ? `${whole}.${fraction}` : whole;
  return negative && /[1-9]/.test(out) ? `-${out}` : out;
}

/**
 * A check's value (decimal text from the engine) to its places (the catalog's check
 * `places`), cut toward the side that fails, as the engine cuts: down for a lower bound,
 * up for an upper one (`compare` "<" or "<="), so that a value shown never crosses its threshold.
 * @param {string} value
 * @param {{ places?: number | null, compare?: string } | null | undefined} check
 * @returns {string}
 */
export function checkValueToPlaces(value, check) {
  return toPlaces(value, check?.places, check?.compare === "<=" || check?.compare === "<");
}
