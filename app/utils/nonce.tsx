import { createContext, useContext } from "react";

// The per-request CSP nonce; only the server knows it (the browser gets "").
const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
