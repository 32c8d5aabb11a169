/** Non-fatal findings as kube-apiserver sends them: `Warning: 299 - "<text>"` headers. */
import type { FastifyReply } from 'fastify';

export function warningHeader(text: string): string {
  return `299 - ${JSON.stringify(text.replace(/[\r\n]+/g, ' '))}`;
}

export function sendWarnings(reply: FastifyReply, warnings: readonly string[]): void {
  if (warnings.length) void reply.header('warning', warnings.map(warningHeader));
}
