import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { openSecret, parseSecretKeys, sealSecret, sealedKeyId, SecretBoxError } from "~/utils/secret-box.server";

const keyText = (id: string) => `${id}:${randomBytes(32).toString("base64")}`;

describe("secret box", () => {
  const k1 = keyText("k1");
  const k2 = keyText("k2");

  test("seals and opens; the stored text does not contain the secret", () => {
    const keys = parseSecretKeys(k1);
    const sealed = sealSecret('{"authToken":"super-secret-token"}', "channel:a", keys);
    expect(sealed).not.toContain("super-secret-token");
    expect(sealed.startsWith("v1.k1.")).toBe(true);
    expect(openSecret(sealed, "channel:a", keys)).toBe('{"authToken":"super-secret-token"}');
    // A fresh IV each time: the same secret never seals to the same text.
    expect(sealSecret("same", "channel:a", keys)).not.toBe(sealSecret("same", "channel:a", keys));
  });

  test("a value copied onto another row, or altered, does not open", () => {
    const keys = parseSecretKeys(k1);
    const sealed = sealSecret("token", "channel:a", keys);
    expect(() => openSecret(sealed, "channel:b", keys)).toThrow(SecretBoxError);
    const parts = sealed.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => openSecret(parts.join("."), "channel:a", keys)).toThrow(/altered/);
  });

  test("rotation: a new first key seals, the old one still opens what it sealed", () => {
    const before = sealSecret("token", "channel:a", parseSecretKeys(k1));
    const rotated = parseSecretKeys(`${k2},${k1}`);
    expect(openSecret(before, "channel:a", rotated)).toBe("token");
    expect(sealedKeyId(sealSecret("token", "channel:a", rotated))).toBe("k2");
    expect(() => openSecret(before, "channel:a", parseSecretKeys(k2))).toThrow(/no longer holds/);
  });

  test("malformed keys are refused with what is wrong", () => {
    expect(() => parseSecretKeys("k1:c2hvcnQ=")).toThrow(/32 bytes/);
    expect(() => parseSecretKeys(":abc")).toThrow(/id:base64/);
    expect(() => parseSecretKeys(" , ")).toThrow(/no key/);
  });
});
