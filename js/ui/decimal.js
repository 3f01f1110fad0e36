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

// A plain, non-negative decimal: digits, optionally grouped by three, optional fraction.
const PLAIN = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/**
 * Multiplies typed decimal text by 10^places by moving the decimal point, so that
 * "22.6247" 亿元 becomes exactly "226247" 万元 (places 4), and back (places -4). Text that
 * is not a plain non-negative decimal in a form the engine accepts ("abc", "-5", "1e5",
 * ".5") comes back unchanged, so that the engine reports it as typed; blank text comes
 * back as "".
 * @param {string} text
 * @param {number} places
 * @returns {string}
 */
export function shiftDecimal(text, places) {
  const trimmed = toAscii(text).trim();
  if (trimmed === "") return "";
  const match = PLAIN.exec(trimmed);
  if (!match) return text;
  const intDigits = match[1].replaceAll(",", "");
  const fracDigits = match[2] ?? "";
  if (places < 0) {
    const digits = intDigits.padStart(1 - places, "0");
    const whole = digits.slice(0, digits.length + places).replace(/^0+(?=\d)/, "");
    const fraction = (digits.slice(digits.length + places) + fracDigits).replace(/0+$/, "");
    return fraction ? `${whole}.${fraction}` : whole;
  }
  const padded = fracDigits.padEnd(places, "0");
  const whole = (intDigits + padded.slice(0, places)).replace(/^0+(?=\d)/, "");
  const fraction = padded.slice(places).replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
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
