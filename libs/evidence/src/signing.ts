import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';

export interface SigningKey {
  privateKeyPem: string;
  publicKeyPem: string;
}

/** A fresh Ed25519 key pair, PEM encoded (PKCS#8 private, SPKI public). */
export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The public key of a PEM private key. */
export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

/** Ed25519 signature (base64) of the bytes. */
export function signBytes(data: Buffer, privateKeyPem: string): string {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('the evidence signing key must be an Ed25519 key');
  return sign(null, data, key).toString('base64');
}

/** Checks an Ed25519 signature; false for a malformed key or signature. */
export function verifyBytes(data: Buffer, signatureBase64: string, publicKeyPem: string): boolean {
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    return false;
  }
  if (key.asymmetricKeyType !== 'ed25519') return false;
  try {
    return verify(null, data, key, Buffer.from(signatureBase64.trim(), 'base64'));
  } catch {
    return false;
  }
}
