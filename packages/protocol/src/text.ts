import { Type, type TString, type TStringOptions } from 'typebox';

/**
 * Text people type and devices report, as the hub stores it: no control characters (C0, DEL, C1)
 * and no unpaired UTF-16 surrogates. PostgreSQL refuses NUL in text and jsonb and refuses an
 * unpaired surrogate escape in jsonb; the others are invisible, break logs, CSV and terminals, and
 * nobody means them in a name. Validators compile patterns with the `u` flag (Ajv's default,
 * TypeBox's always), so a surrogate pair (an emoji) is one character and passes.
 */
export const textPattern = '^[^\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]*$';
/** The same for text that may span lines: tab, LF and CR are allowed. */
export const multilineTextPattern =
  '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ud800-\\udfff]*$';

/** What a validator says of a string that breaks `textPattern` or `multilineTextPattern`. */
export const textRuleMessage = 'must not contain control characters or unpaired surrogates';

/** A single-line string people type (names, searches, passwords): refuses control characters and unpaired surrogates. */
export const Text = (options: TStringOptions = {}): TString =>
  Type.String({ pattern: textPattern, ...options });
/** Like `Text`, but tab, LF and CR are allowed (documents, messages). */
export const MultilineText = (options: TStringOptions = {}): TString =>
  Type.String({ pattern: multilineTextPattern, ...options });

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const lineBreaks = /[\t\n\r\v\f\u0085\u2028\u2029]+/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controls = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const textRule = new RegExp(textPattern, 'u');

/** True when `text` passes `textPattern`. */
export const isCleanText = (text: string): boolean => textRule.test(text);

/** True when no database could store `text` as is: a NUL or an unpaired surrogate. */
export const isUnstorableText = (text: string): boolean => unstorable.test(text);

/** `text` without what no database stores: NUL removed, unpaired surrogates replaced by U+FFFD. */
export const storableText = (text: string): string =>
  isUnstorableText(text) ? text.replaceAll('\u0000', '').replace(loneSurrogate, '\ufffd') : text;

/**
 * Device-reported text made safe to keep, show and send: unpaired surrogates become U+FFFD, line
 * breaks and tabs one space, other control characters are removed, the ends trimmed, and the result
 * cut to `maxLength` UTF-16 units without splitting a surrogate pair. Total: never throws, and
 * `isCleanText(cleanDeviceText(x, n))` holds for every string `x`.
 */
export function cleanDeviceText(text: string, maxLength: number): string {
  // What devices say is nearly always clean already: checked without allocating anything.
  if (text.length <= maxLength && textRule.test(text) && text.trim() === text) return text;
  let out = text.replace(loneSurrogate, '\ufffd').replace(lineBreaks, ' ').replace(controls, '').trim();
  if (out.length > maxLength) {
    const cut = Math.max(0, maxLength);
    const last = out.charCodeAt(cut - 1);
    out = out.slice(0, last >= 0xd800 && last <= 0xdbff ? cut - 1 : cut).trimEnd();
  }
  return out;
}
