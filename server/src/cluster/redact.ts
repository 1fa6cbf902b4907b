/**
 * Keeps credentials out of every message the cluster code produces (log lines, the status, CLI
 * errors). Two layers: the exact secrets this process holds (tokens, keys, certificates, passwords),
 * registered as they are read, and patterns for credentials it does not know of (a bearer header, a
 * PEM block, a JWT, `token: …` in echoed YAML).
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remembers a value that must never be printed. Short values are ignored: they would mask words. */
  add(...values: (string | undefined)[]): void {
    for (const v of values) {
      if (typeof v !== 'string' || v.length < 6) continue;
      this.secrets.add(v);
      // base64 data fields are also held decoded (a PEM certificate or key).
      if (/^[A-Za-z0-9+/=\s]+$/.test(v) && v.length >= 16) {
        const decoded = Buffer.from(v, 'base64').toString('utf8');
        if (/^[\x20-\x7e\s]+$/.test(decoded) && decoded.length >= 6) this.secrets.add(decoded.trim());
      }
    }
  }

  redact(text: string): string {
    let out = text;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length))
      out = out.split(s).join('[redacted]');
    return redactPatterns(out);
  }
}

export function redactPatterns(text: string): string {
  return text
    .replace(/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g, '[redacted PEM]')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted JWT]')
    .replace(
      /("?(?:token|password|client-key-data|client-certificate-data|clientKeyData|clientCertificateData|access-token|id-token|refresh-token)"?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,}]+)/gi,
      '$1[redacted]',
    )
    .replace(/(\/\/)[^/@\s:]+:[^/@\s]+@/g, '$1[redacted]@');
}
