/**
 * Request bodies: JSON (any `application/*+json`) and YAML (`application/yaml`, `text/yaml`,
 * `application/x-yaml`). Both keep the raw text on `request.rawBody`, because Service
 * manifests are decoded by the core (strict decoding, multi-document YAML). JSON is parsed
 * here for the other endpoints; prototype-poisoning keys are refused.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NUL_DETAIL, nulPath } from '../../core/manifests/nul';
import { AppError } from '../errors/app-error';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

const POISON = /"(__proto__|constructor|prototype)"\s*:/;
/** JSON can only spell U+0000 as an escape (a raw control character is a syntax error). */
const NUL_ESCAPE = /\\u0000/i;

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw AppError.of(
      400,
      'BadRequest',
      `invalid JSON in request body: ${(e as Error).message.slice(0, 200)}`,
    );
  }
  const nul = NUL_ESCAPE.test(text) ? nulPath(value) : null;
  if (nul !== null)
    throw AppError.of(400, 'BadRequest', `invalid request body: ${nul}: ${NUL_DETAIL}`);
  if (POISON.test(text) && hasPoison(value, 0)) {
    throw AppError.of(
      400,
      'BadRequest',
      'invalid JSON in request body: forbidden key "__proto__" or "constructor"',
    );
  }
  return value;
}

function hasPoison(v: unknown, depth: number): boolean {
  if (depth > 1000 || typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.some((x) => hasPoison(x, depth + 1));
  for (const k of Object.keys(v)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') return true;
    if (hasPoison((v as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
}

export function registerBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    // Fastify tests a RegExp against the whole header, parameters included (`; charset="utf-8"`).
    /^application\/([\w.-]+\+)?json(;.*)?$/,
    { parseAs: 'string' },
    (
      req: FastifyRequest,
      body: string | Buffer,
      done: (err: Error | null, body?: unknown) => void,
    ) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      req.rawBody = text;
      try {
        done(null, parseJson(text));
      } catch (e) {
        done(e as Error);
      }
    },
  );
  fastify.addContentTypeParser(
    [
      'application/yaml',
      'application/x-yaml',
      'text/yaml',
      'text/x-yaml',
      'application/vnd.kubernetes.yaml',
    ],
    { parseAs: 'string' },
    (
      req: FastifyRequest,
      body: string | Buffer,
      done: (err: Error | null, body?: unknown) => void,
    ) => {
      req.rawBody = typeof body === 'string' ? body : body.toString('utf8');
      done(null, req.rawBody);
    },
  );
}
