// Synchronous SHA-256 / HMAC-SHA256 through node:crypto when the runtime has it (Node ≥ 20.16, Deno and Bun expose
// `process.getBuiltinModule`), else undefined and callers use WebCrypto. No import of `node:crypto`, so the core
// still loads in runtimes without it. WebCrypto's digest and sign are asynchronous: each call is a round trip through
// the thread pool, which cost more than the hashing itself in the client's profile.

interface NodeHash {
  update(data: Uint8Array | string): NodeHash;
  digest(encoding: 'hex' | 'base64'): string;
}

interface NodeCrypto {
  createHash(algorithm: string): NodeHash;
  createHmac(algorithm: string, key: Uint8Array | string): NodeHash;
}

let cached: NodeCrypto | null | undefined;

/** node:crypto, or `undefined` when the runtime has no `process.getBuiltinModule`. */
export function nodeCrypto(): NodeCrypto | undefined {
  if (cached === undefined) {
    const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    try {
      const module = runtime?.getBuiltinModule?.('node:crypto') as Partial<NodeCrypto> | undefined;
      cached =
        typeof module?.createHash === 'function' && typeof module.createHmac === 'function'
          ? (module as NodeCrypto)
          : null;
    } catch {
      cached = null;
    }
  }
  return cached ?? undefined;
}
