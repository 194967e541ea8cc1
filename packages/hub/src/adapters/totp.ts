import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s — what every authenticator app
 * reads from a QR code). The only importer of otpauth and qrcode.
 */
export interface TotpSetup {
  /** Base32, for typing into an app by hand. */
  secret: string;
  /** The otpauth:// address the QR code carries. */
  uri: string;
  /** The QR code as an SVG document. */
  qrSvg: string;
}

const totpOf = (secret: string, label = '', issuer = 'Crosspoint'): TOTP =>
  new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });

export async function newTotp(label: string, issuer: string): Promise<TotpSetup> {
  const secret = new Secret({ size: 20 }).base32;
  const uri = totpOf(secret, label, issuer).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg };
}

/**
 * The time step a code belongs to, when it is right for `at` (one step of clock drift either way is
 * accepted); undefined when it is wrong.
 */
export function totpStep(secret: string, code: string, at: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const totp = totpOf(secret);
  const delta = totp.validate({ token: code, timestamp: at.getTime(), window: 1 });
  return delta === null ? undefined : totp.counter({ timestamp: at.getTime() }) + delta;
}

/** The code for `at` (tests and the CLI). */
export const totpCode = (secret: string, at: Date): string =>
  totpOf(secret).generate({ timestamp: at.getTime() });
