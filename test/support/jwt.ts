import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * Bot Framework JWTs made here: a signing key that stands in for Microsoft's (published through
 * a mocked JWKS endpoint), and the forgeries an attacker can make without it.
 */
const b64url = (x: unknown) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');

export interface Sleutel {
  readonly kid: string;
  readonly prive: KeyObject;
  /** The public half as a JWK entry in the Bot Framework's keys document. */
  readonly jwk: Record<string, unknown>;
}

export function rsaSleutel(kid: string, endorsements: readonly string[] = ['msteams']): Sleutel {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, prive: privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, kty: 'RSA', use: 'sig', endorsements } };
}

export function rs256(sleutel: { kid: string; prive: KeyObject }, payload: Record<string, unknown>): string {
  const kop = `${b64url({ alg: 'RS256', typ: 'JWT', kid: sleutel.kid })}.${b64url(payload)}`;
  return `${kop}.${createSign('RSA-SHA256').update(kop).sign(sleutel.prive).toString('base64url')}`;
}

/** HS256 with a key id the server knows: the classic algorithm-confusion attempt. */
export function hs256(kid: string, geheim: string | Buffer, payload: Record<string, unknown>): string {
  const kop = `${b64url({ alg: 'HS256', typ: 'JWT', kid })}.${b64url(payload)}`;
  return `${kop}.${createHmac('sha256', geheim).update(kop).digest('base64url')}`;
}

/** The claims the Bot Connector puts in a token for a bot (ChannelValidation). */
export function kanaalClaims(appId: string, serviceUrl: string, nuSeconden = Math.floor(Date.now() / 1000)): Record<string, unknown> {
  return { iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl, nbf: nuSeconden - 60, iat: nuSeconden - 60, exp: nuSeconden + 3600 };
}
