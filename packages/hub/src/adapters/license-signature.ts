import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/**
 * The public key of the Crosspoint license issuer. Its private key is held offline by whoever
 * distributes Crosspoint Enterprise and is not in this repository. Operators who issue their own
 * licenses add their key with CROSSPOINT_LICENSE_PUBLIC_KEY.
 */
export const issuerPublicKeyPem = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAbNdaM/qiXrD/J78HREia3tjlXm6xzj/fIC/gk3ydmwo=
-----END PUBLIC KEY-----`;

export interface LicenseVerifier {
  /** True when any trusted key signed `text` with `signatureBase64`. */
  verify(text: string, signatureBase64: string): boolean;
}

export function createLicenseVerifier(extraPublicKeysPem: string[]): LicenseVerifier {
  const keys: KeyObject[] = [issuerPublicKeyPem, ...extraPublicKeysPem].map((pem) => createPublicKey(pem));
  return {
    verify(text, signatureBase64) {
      const signature = Buffer.from(signatureBase64, 'base64');
      if (signature.length !== 64) return false;
      return keys.some((key) => verify(null, Buffer.from(text, 'utf8'), key, signature));
    },
  };
}

/** The issuer's side (`crosspoint admin license …`): a key pair, and signing. */
export function generateLicenseKeys(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export function signLicenseText(text: string, privateKeyPem: string): string {
  return sign(null, Buffer.from(text, 'utf8'), createPrivateKey(privateKeyPem)).toString('base64');
}
