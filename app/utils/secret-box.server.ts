// Encrypts a channel's credentials at rest: AES-256-GCM with a key from the environment, named by a
// key id so keys can be rotated. CHANNEL_SECRET_KEYS holds "id:base64key" pairs separated by commas;
// the first encrypts, every one decrypts (add a new key first, re-save, then drop the old one).
// A sealed value is bound to its row (the additional data, e.g. "channel:<id>"), so a ciphertext
// copied onto another row does not open. Outside production a fixed development key is used when
// none is configured; production refuses to seal or open without one.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getEnv } from "~/utils/env.server";

const VERSION = "v1";
const DEVELOPMENT_KEY_ID = "dev";

export type SecretKey = { id: string; key: Buffer };

export class SecretBoxError extends Error {}

/** Parses CHANNEL_SECRET_KEYS ("k2:base64,k1:base64"); throws a SecretBoxError naming what is wrong. */
export function parseSecretKeys(value: string): SecretKey[] {
  const keys = value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(":");
      const id = colon > 0 ? part.slice(0, colon) : "";
      if (!/^[A-Za-z0-9_-]{1,20}$/.test(id)) throw new SecretBoxError("CHANNEL_SECRET_KEYS: each key is id:base64 (an id of letters, digits, - or _)");
      const key = Buffer.from(part.slice(colon + 1), "base64");
      if (key.length !== 32) throw new SecretBoxError(`CHANNEL_SECRET_KEYS: key ${id} must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
      return { id, key };
    });
  if (keys.length === 0) throw new SecretBoxError("CHANNEL_SECRET_KEYS holds no key");
  return keys;
}

function configuredKeys(): SecretKey[] {
  const env = getEnv();
  if (env.CHANNEL_SECRET_KEYS) return parseSecretKeys(env.CHANNEL_SECRET_KEYS);
  if (env.NODE_ENV === "production") {
    throw new SecretBoxError("CHANNEL_SECRET_KEYS is required in production to store channel credentials");
  }
  return [{ id: DEVELOPMENT_KEY_ID, key: createHash("sha256").update("leadlane-development-channel-secrets").digest() }];
}

const encode = (buffer: Buffer) => buffer.toString("base64url");

/** Seals `plaintext` with the current key, bound to `boundTo`. */
export function sealSecret(plaintext: string, boundTo: string, keys: SecretKey[] = configuredKeys()): string {
  const [current] = keys;
  if (!current) throw new SecretBoxError("no key to seal with");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, current.id, encode(iv), encode(cipher.getAuthTag()), encode(ciphertext)].join(".");
}

/** Opens a sealed value; throws a SecretBoxError when its key is unknown or it was altered or moved. */
export function openSecret(sealed: string, boundTo: string, keys: SecretKey[] = configuredKeys()): string {
  const [version, keyId, iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (version !== VERSION || !keyId || !iv || !tag || ciphertext === undefined || rest.length > 0) {
    throw new SecretBoxError("not a sealed secret");
  }
  const key = keys.find((candidate) => candidate.id === keyId);
  if (!key) throw new SecretBoxError(`sealed with key ${keyId}, which CHANNEL_SECRET_KEYS no longer holds`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("the sealed secret was altered or belongs to another row");
  }
}

/** The id of the key a sealed value was sealed with (to find values still under an old key). */
export function sealedKeyId(sealed: string): string | null {
  const [version, keyId] = sealed.split(".");
  return version === VERSION && keyId ? keyId : null;
}
