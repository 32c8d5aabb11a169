/**
 * Validated cluster definitions by row id and generation: the one per-process parse cache
 * every module uses. Rows are always read from the database; only the parse is reused, and a
 * new generation (a PATCH on any replica) parses again.
 */
import { Injectable } from '@nestjs/common';
import {
  type ClusterDefinition,
  type ClusterDefinitionInput,
  validateClusterDefinition,
} from '../../core/cluster';

const MAX_ENTRIES = 10_000;

@Injectable()
export class ClusterDefinitions {
  private readonly parsed = new Map<
    string,
    { generation: number; definition: ClusterDefinition }
  >();

  of(id: string, generation: number, stored: ClusterDefinitionInput): ClusterDefinition {
    const hit = this.parsed.get(id);
    if (hit && hit.generation === generation) return hit.definition;
    const result = validateClusterDefinition(stored);
    if (!result.ok) throw new Error(`stored cluster ${id} no longer validates`);
    if (this.parsed.size >= MAX_ENTRIES) this.parsed.clear();
    this.parsed.set(id, { generation, definition: result.value });
    return result.value;
  }

  forget(id: string): void {
    this.parsed.delete(id);
  }
}
